//! Argument errors in the chosen language: what clap found wrong, said
//! with the catalogue's words, a did-you-mean or the way to the help.
//!
//! Takes a clap error; prints it and exits 2 (help and version requests
//! are printed by clap as they are, already in the chosen language).

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};

use crate::messages::{Lang, Msg};
use crate::msg;

/// Prints `e` in `lang` and ends the process: 0 for help and version, 2
/// for a mistake.
pub fn exit(e: Error, lang: Lang) -> ! {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit()
    }
    let (message, hint) = describe(&e);
    let hint = hint.unwrap_or_else(|| msg!(ArgSeeHelp, command(&e)));
    eprintln!("{}", crate::diag::plain_error(&message, Some(&hint), lang));
    std::process::exit(crate::exit::USAGE)
}

/// A context value of `e` as text (lists joined with commas).
fn ctx(e: &Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The command the mistake was made in (`jianxun build`), from the usage line.
fn command(e: &Error) -> String {
    let usage = ctx(e, ContextKind::Usage).unwrap_or_default();
    let line = usage.lines().find(|l| l.contains("jianxun")).unwrap_or("");
    let from = line.find("jianxun").unwrap_or(0);
    let words: Vec<&str> = line[from..]
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect();
    if words.is_empty() {
        "jianxun".into()
    } else {
        words.join(" ")
    }
}

/// The message and, when known, the hint for `e`.
fn describe(e: &Error) -> (Msg, Option<Msg>) {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggested = |kind| ctx(e, kind).map(|s| msg!(DidYouMean, s));
    match e.kind() {
        ErrorKind::InvalidSubcommand => (
            msg!(
                ArgUnknownCommand,
                ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default()
            ),
            suggested(ContextKind::SuggestedSubcommand),
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => (
            msg!(ArgUnknownOption, arg),
            suggested(ContextKind::SuggestedArg),
        ),
        ErrorKind::UnknownArgument => (msg!(ArgTooMany, arg), None),
        ErrorKind::MissingRequiredArgument => (msg!(ArgMissing, arg), None),
        ErrorKind::InvalidValue => (
            msg!(ArgBadValue, value, arg),
            ctx(e, ContextKind::ValidValue).map(|v| msg!(ArgPossible, v)),
        ),
        ErrorKind::ValueValidation if arg.starts_with("--from") || arg.starts_with("--to") => {
            (msg!(ArgBadValue, &value, arg), Some(msg!(MonthBad, value)))
        }
        ErrorKind::ValueValidation => (msg!(ArgBadValue, value, arg), None),
        ErrorKind::ArgumentConflict => (
            msg!(
                ArgConflict,
                arg,
                ctx(e, ContextKind::PriorArg).unwrap_or_default()
            ),
            None,
        ),
        ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals | ErrorKind::TooFewValues => {
            (msg!(ArgNoValue, arg), None)
        }
        _ => {
            // Rare mistakes keep clap's own words.
            let text = e.render().to_string();
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            (msg!(Text, first), None)
        }
    }
}
