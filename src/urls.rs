//! URLs: one place that knows where every page lives.
//!
//! Every URL given to templates includes the base path (`/` or `/sub/`);
//! output file paths are relative to the output folder.

use crate::config::Config;

/// Builds URLs for one configuration.
#[derive(Debug, Clone)]
pub struct Urls {
    base_url: String,
    base_path: String,
}

impl Urls {
    /// URLs for `config`.
    pub fn new(config: &Config) -> Urls {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path(),
        }
    }

    /// The base path, `/` or `/sub/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A root-relative URL for a site path such as `bulletins/x/` (no leading slash).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The absolute URL of a site path.
    pub fn permalink(&self, path: &str) -> String {
        if self.base_url.starts_with("http://") || self.base_url.starts_with("https://") {
            format!("{}{}", self.base_url, path)
        } else {
            self.url(path)
        }
    }

    /// The output file for a site path: `bulletins/x/` → `bulletins/x/index.html`.
    pub fn file(path: &str) -> String {
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    }
}

/// Site path of a bulletin.
pub fn bulletin(slug: &str) -> String {
    format!("bulletins/{slug}/")
}

/// Site path of a campaign page (1-based page number).
pub fn campaign(slug: &str, page: usize) -> String {
    paged(&format!("campaigns/{slug}/"), page)
}

/// The site path of campaign `slug`'s own data file: its row and its rows
/// by region, in the columns of `stats.csv`.
pub fn campaign_csv(slug: &str) -> String {
    format!("stats/campaigns/{slug}.csv")
}

/// The last part of a site path: the name a download is shown by.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Site path of a region page.
pub fn region(slug_path: &str, page: usize) -> String {
    paged(&format!("regions/{slug_path}/"), page)
}

/// Site path of a tag page.
pub fn tag(slug: &str, page: usize) -> String {
    paged(&format!("tags/{slug}/"), page)
}

/// Site path of a page of one year of the archive.
pub fn archive_year(year: i16, page: usize) -> String {
    paged(&format!("archive/{year}/"), page)
}

/// Site path of a bulletin series' page.
pub fn series(slug: &str) -> String {
    format!("series/{slug}/")
}

/// Site path of a plain page.
pub fn page(slug: &str) -> String {
    format!("pages/{slug}/")
}

/// Page `n` of a paginated list whose first page is `first`.
pub fn paged(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_a_sub_path() {
        let mut c = Config::default();
        c.set_base_url("https://example.org/jianxun");
        let u = Urls::new(&c);
        assert_eq!(u.url(&bulletin("a")), "/jianxun/bulletins/a/");
        assert_eq!(
            u.permalink(&campaign("x", 2)),
            "https://example.org/jianxun/campaigns/x/page/2/"
        );
        assert_eq!(
            Urls::file(&region("sichuan/yibin", 1)),
            "regions/sichuan/yibin/index.html"
        );
        assert_eq!(Urls::file(""), "index.html");
        assert_eq!(Urls::file("404.html"), "404.html");
    }
}
