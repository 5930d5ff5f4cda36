//! Messages: every sentence a user reads, kept once per language.
//!
//! Takes a [`Msg`] (a [`Key`] and its variable parts: file names, values,
//! slugs) and a [`Lang`]; gives the sentence. The sentences live in two
//! catalogues, [`zh`] (the default) and [`en`], each one exhaustive `match`
//! over [`Key`], so the compiler refuses a message that exists in one
//! language only; a test checks that both fill in the same variable parts.
//!
//! Code never writes a user-visible sentence in place: it names the key and
//! passes the parts. A message is rendered only when printed, so one
//! diagnostic can be shown in either language (the terminal, the preview
//! overlay, tests).

mod codes;
pub mod en;
mod en_explain;
mod keys;
pub mod zh;
mod zh_explain;

use std::fmt;

pub use codes::{CODES, CodeInfo, code_info};
pub use keys::Key;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese, the default: the editors' language.
    #[default]
    Zh,
    /// English, on request.
    En,
}

/// The environment variable that chooses the language; it wins over the
/// site's `language:`.
pub const LANG_VAR: &str = "JIANXUN_LANG";

impl Lang {
    /// The language for a setting such as `en`, `en-GB`, `zh-CN`: English
    /// when it starts with `en`, Chinese when it starts with `zh`, else none.
    pub fn parse(setting: &str) -> Option<Lang> {
        let s = setting.trim().to_ascii_lowercase();
        if s.starts_with("en") {
            Some(Lang::En)
        } else if s.starts_with("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The language to use: the environment's choice (`JIANXUN_LANG`) if it
    /// names one, else the site's `language:` if it names one, else Chinese.
    pub fn choose(env: Option<&str>, site: Option<&str>) -> Lang {
        env.and_then(Lang::parse)
            .or_else(|| site.and_then(Lang::parse))
            .unwrap_or_default()
    }

    /// The value of `JIANXUN_LANG`, read once by the binary at start-up.
    pub fn env_setting() -> Option<String> {
        std::env::var(LANG_VAR).ok()
    }
}

/// One variable part of a message: plain text or another message, rendered
/// in the same language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arg {
    /// A file name, a value, a slug, a number …
    Text(String),
    /// A message inside a message (e.g. a number's problem inside a metric's).
    Msg(Msg),
}

/// A message: a key and its variable parts, rendered when shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Msg {
    key: Key,
    args: Vec<Arg>,
}

impl Msg {
    /// The message `key` with no variable parts yet.
    pub fn new(key: Key) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the next variable part (`{0}`, then `{1}` …).
    pub fn arg(mut self, part: impl fmt::Display) -> Msg {
        self.args.push(Arg::Text(part.to_string()));
        self
    }

    /// Adds a message as the next variable part.
    pub fn arg_msg(mut self, part: Msg) -> Msg {
        self.args.push(Arg::Msg(part));
        self
    }

    /// The key.
    pub fn key(&self) -> Key {
        self.key
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let template = template(self.key, lang);
        fill(template, |i| match self.args.get(i) {
            Some(Arg::Text(t)) => t.clone(),
            Some(Arg::Msg(m)) => m.text(lang),
            None => String::new(),
        })
    }

    /// The message in Chinese.
    pub fn zh(&self) -> String {
        self.text(Lang::Zh)
    }

    /// The message in English.
    pub fn en(&self) -> String {
        self.text(Lang::En)
    }
}

impl fmt::Display for Msg {
    /// Chinese, the default language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.zh())
    }
}

/// The template of `key` in `lang`, with `{0}`, `{1}` … for the parts.
pub fn template(key: Key, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => zh::template(key),
        Lang::En => en::template(key),
    }
}

/// `template` with every `{n}` replaced by `part(n)`; other braces are kept.
fn fill(template: &str, part: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        match close.and_then(|c| after[..c].parse::<usize>().ok().map(|n| (c, n))) {
            Some((c, n)) => {
                out.push_str(&part(n));
                rest = &after[c + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders `{n}` a template uses, sorted.
pub fn placeholders(template: &str) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(c) = after.find('}')
            && let Ok(n) = after[..c].parse::<usize>()
        {
            found.push(n);
        }
        rest = after;
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The long explanation of a diagnostic kind: what it means, a wrong
/// example and a right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// What the problem is and how to fix it.
    pub what: &'static str,
    /// Lines written wrongly.
    pub wrong: &'static str,
    /// The same lines written rightly.
    pub right: &'static str,
}

/// The explanation of the diagnostic kind `id` (`E012`) in `lang`.
pub fn explanation(id: &str, lang: Lang) -> Option<Explanation> {
    match lang {
        Lang::Zh => zh_explain::explain(id),
        Lang::En => en_explain::explain(id),
    }
}

/// Why a file operation failed, in words for people (the system's own
/// wording only for rare failures).
pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => Msg::new(Key::IoNotFound),
        ErrorKind::PermissionDenied => Msg::new(Key::IoPermission),
        ErrorKind::AlreadyExists => Msg::new(Key::IoAlreadyExists),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Msg::new(Key::IoDiskFull),
        ErrorKind::FileTooLarge => Msg::new(Key::IoFileTooLarge),
        ErrorKind::ReadOnlyFilesystem => Msg::new(Key::IoReadOnly),
        ErrorKind::IsADirectory => Msg::new(Key::IoIsFolder),
        ErrorKind::NotADirectory => Msg::new(Key::IoNotFolder),
        _ => Msg::new(Key::IoOther).arg(e),
    }
}

/// A message: `msg!(Key, part, part …)`.
#[macro_export]
macro_rules! msg {
    ($key:ident $(, $part:expr)* $(,)?) => {
        $crate::messages::Msg::new($crate::messages::Key::$key)$(.arg($part))*
    };
}

#[cfg(test)]
mod tests;
