//! Import: a Word/WPS `.docx` → a bulletin bundle (`index.md` and its
//! photos) for the editor to confirm.
//!
//! Takes the document's bytes, its file name, what the command line asked
//! for and what the site declares (campaigns, places, metrics, series);
//! gives the text of `index.md` with its front matter filled in — every
//! value guessed from the text marked with why — the images to write
//! beside it, and what was recognised and what needs checking. The
//! bulletin is a draft with a placeholder, so `check` reports it and
//! nothing is published before an editor has looked. Pure: the command
//! reads and writes the files.

mod body;
pub mod docx;
pub mod frontmatter;
pub mod guess;
pub mod markdown;
pub mod masthead;
pub mod model;
mod xml;

use crate::config::Config;
use crate::content::scaffold;
pub use docx::NotRead;
use guess::{CampaignNames, Guess, MetricGuess};

/// What the command line gave; each wins over a guess.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// Campaign slug (already checked).
    pub campaign: Option<String>,
    /// Region path (already resolved).
    pub region: Option<String>,
    /// Series slug (already checked).
    pub series: Option<String>,
}

/// What the site knows that an import uses.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// The campaigns.
    pub campaigns: Vec<CampaignNames>,
    /// Today in China (`2025-03-05`), for a date that was not found.
    pub today: String,
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Given on the command line or read from the document.
    Known,
    /// Guessed: the words quoted.
    Guessed(String),
    /// Not found: a stand-in the editor must replace.
    Missing,
}

/// A bulletin made from a document.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The slug (the bundle's folder name).
    pub slug: String,
    /// The year folder.
    pub year: String,
    /// The text of `index.md`.
    pub text: String,
    /// The images to write beside it.
    pub images: Vec<(String, Vec<u8>)>,
    /// The front-matter values and how they were found.
    pub fields: frontmatter::Fields,
    /// What the body holds: paragraphs, tables, images, captions, notes.
    pub counts: Counts,
    /// Formats of the images left out (EMF/WMF).
    pub skipped: Vec<String>,
    /// The series name on the masthead when the site declares no such series.
    pub undeclared_series: Option<String>,
}

/// What the body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Paragraphs and headings.
    pub paragraphs: usize,
    /// Tables.
    pub tables: usize,
    /// Images written.
    pub images: usize,
    /// Images with a caption.
    pub captions: usize,
    /// Footnotes.
    pub notes: usize,
}

/// Imports the document `bytes`, named `file_stem` (for a title when the
/// document shows none).
pub fn import(
    bytes: &[u8],
    file_stem: &str,
    asked: &Asked,
    site: &Site,
) -> Result<Imported, NotRead> {
    let doc = docx::read(bytes)?;
    let r = masthead::recognise(doc.blocks);
    let md = markdown::convert(&r.body, &doc.notes, &doc.media);
    let (title, title_src) = match &r.title {
        Some(t) => (t.clone(), Source::Known),
        None => (file_stem.trim().to_string(), Source::Missing),
    };
    let text = format!("{title}\n{}", md.text);
    let pick = |asked: &Option<String>, guess: Option<Guess>| match (asked, guess) {
        (Some(a), _) => (a.clone(), Source::Known),
        (None, Some(g)) => (g.value, Source::Guessed(g.because)),
        (None, None) => (String::new(), Source::Missing),
    };
    let campaign = pick(
        &asked.campaign,
        guess::campaign(&title, &text, &site.campaigns),
    );
    let region = pick(&asked.region, guess::region(&title, &text, site.config));
    let metrics: Vec<MetricGuess> = guess::metrics(&md.text, &site.config.metrics);
    let declared = r
        .series
        .as_deref()
        .and_then(|s| site.config.series_named(s));
    let series = match (&asked.series, declared) {
        (Some(s), _) => Some((s.clone(), Source::Known)),
        (None, Some(d)) => Some((
            d.slug.clone(),
            Source::Guessed(r.series.clone().unwrap_or_default()),
        )),
        (None, None) => None,
    };
    let undeclared_series = r
        .series
        .clone()
        .filter(|_| declared.is_none() && asked.series.is_none());
    let date = match &r.date {
        Some((ymd, _)) => (ymd.clone(), Source::Known),
        None => (site.today.clone(), Source::Missing),
    };
    let fields = frontmatter::Fields {
        title: (title.clone(), title_src),
        date,
        campaign,
        region,
        metrics,
        series,
        issue: r.issue.clone(),
        issuer: r.issuer.clone(),
        printed: r.printed.clone(),
        distribution: r.distribution.clone(),
        undeclared_series: undeclared_series.clone(),
        fallback_campaign: site.campaigns.first().map(|c| c.slug.clone()),
    };
    let slug = slug_of(&title, file_stem, site.config);
    let counts = counts(&md);
    Ok(Imported {
        year: fields.date.0.get(..4).unwrap_or("0000").to_string(),
        text: frontmatter::write(&fields, file_stem) + &md.text,
        slug,
        images: md.images,
        fields,
        counts,
        skipped: md.skipped,
        undeclared_series,
    })
}

/// The bundle's folder name: the file's name when the editor already
/// wrote it in letters (`yibin-ankang-2025-4.docx`: a title's pinyin runs
/// its syllables together), else the title's pinyin like `jianxun new`,
/// else the file name's, else `bulletin`; never a name a folder cannot have.
fn slug_of(title: &str, file_stem: &str, config: &Config) -> String {
    let named = file_stem.is_ascii() && file_stem.chars().any(|c| c.is_ascii_alphabetic());
    let order = if named {
        [file_stem, title]
    } else {
        [title, file_stem]
    };
    order
        .iter()
        .map(|t| scaffold::bulletin_slug(t, &config.region_slugs))
        .find(|s| !s.is_empty() && crate::pathname::unfit(s).is_none())
        .unwrap_or_else(|| "bulletin".to_string())
}

/// What the Markdown body holds.
fn counts(md: &markdown::Converted) -> Counts {
    let blocks = md.text.split("\n\n");
    Counts {
        paragraphs: blocks
            .filter(|b| !b.starts_with("![") && !b.starts_with('|') && !b.starts_with("[^"))
            .count(),
        tables: md.tables,
        images: md.images.len(),
        captions: md.captions,
        notes: md.text.matches("\n[^").count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_never_leave_their_folder() {
        let cfg = Config::default();
        for (title, stem, want) in [
            ("../../etc/passwd", "简讯", "etc-passwd"),
            ("厦门演练", "新建 文档", "xiamen-yanlian"),
            ("厦门演练", "xiamen-drill-2025", "xiamen-drill-2025"),
            ("厦门演练", "Xiamen Drill", "xiamen-drill"),
            ("宜宾竞赛", "../../x", "x"),
            ("！！！", "第3期", "di-3-qi"),
            ("！！！", "？", "bulletin"),
            ("CON", "简讯", "jianxun"),
            ("CON", "nul", "bulletin"),
        ] {
            let slug = slug_of(title, stem, &cfg);
            assert_eq!(slug, want, "{title}");
            assert!(slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        }
    }
}
