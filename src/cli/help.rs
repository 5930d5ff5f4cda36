//! `--help` in the chosen language: every command's description, every
//! option's help, the headings and clap's own words come from the message
//! catalogue.
//!
//! Takes the clap command built from the derive in [`super`] and a
//! language; gives the same command with its texts replaced. The doc
//! comments on the derive are for readers of the code only: a test checks
//! that every command and option shown has its text here.

use clap::{Arg, Command};

use crate::messages::{Key, Lang, Msg};

/// Each command (by its path of names) with its description and examples.
const COMMANDS: &[(&str, Key, Key)] = &[
    ("", Key::HelpAbout, Key::HelpAfter),
    ("build", Key::HelpBuild, Key::HelpBuildAfter),
    ("stats", Key::HelpStats, Key::HelpStatsAfter),
    ("check", Key::HelpCheck, Key::HelpCheckAfter),
    ("explain", Key::HelpExplain, Key::HelpExplainAfter),
    ("new", Key::HelpNew, Key::HelpNewAfter),
    (
        "new bulletin",
        Key::HelpNewBulletin,
        Key::HelpNewBulletinAfter,
    ),
    (
        "new campaign",
        Key::HelpNewCampaign,
        Key::HelpNewCampaignAfter,
    ),
    ("init", Key::HelpInit, Key::HelpInitAfter),
    ("serve", Key::HelpServe, Key::HelpServeAfter),
    ("list", Key::HelpList, Key::HelpListAfter),
    ("import", Key::HelpImport, Key::HelpImportAfter),
];

/// Each argument (command path, argument id) with its help.
const ARGS: &[(&str, &str, Key)] = &[
    ("build", "root", Key::HelpRoot),
    ("build", "output", Key::HelpBuildOutput),
    ("build", "base_url", Key::HelpBuildBaseUrl),
    ("build", "drafts", Key::HelpDrafts),
    ("build", "force", Key::HelpBuildForce),
    ("build", "watch", Key::HelpBuildWatch),
    ("stats", "root", Key::HelpRoot),
    ("stats", "campaign", Key::HelpStatsCampaign),
    ("stats", "region", Key::HelpStatsRegion),
    ("stats", "year", Key::HelpStatsYear),
    ("stats", "from", Key::HelpStatsFrom),
    ("stats", "to", Key::HelpStatsTo),
    ("stats", "format", Key::HelpStatsFormat),
    ("check", "root", Key::HelpRoot),
    ("check", "format", Key::HelpCheckFormat),
    ("check", "fix", Key::HelpCheckFix),
    ("check", "fix_dates", Key::HelpCheckFixDates),
    ("check", "dry_run", Key::HelpCheckDryRun),
    ("explain", "code", Key::HelpExplainCode),
    ("new bulletin", "title", Key::HelpNewTitle),
    ("new bulletin", "campaign", Key::HelpNewCampaignArg),
    ("new bulletin", "region", Key::HelpNewRegion),
    ("new bulletin", "date", Key::HelpNewDate),
    ("new bulletin", "root", Key::HelpRoot),
    ("new campaign", "slug", Key::HelpNewSlug),
    ("new campaign", "name", Key::HelpNewName),
    ("new campaign", "root", Key::HelpRoot),
    ("init", "dir", Key::HelpInitDir),
    ("init", "force", Key::HelpInitForce),
    ("serve", "root", Key::HelpRoot),
    ("serve", "port", Key::HelpServePort),
    ("serve", "bind", Key::HelpServeBind),
    ("serve", "drafts", Key::HelpDrafts),
    ("serve", "open", Key::HelpServeOpen),
    ("list", "root", Key::HelpRoot),
    ("list", "status", Key::HelpListStatus),
    ("list", "format", Key::HelpListFormat),
    ("import", "files", Key::HelpImportFiles),
    ("import", "campaign", Key::HelpImportCampaign),
    ("import", "region", Key::HelpImportRegion),
    ("import", "series", Key::HelpImportSeries),
    ("import", "root", Key::HelpRoot),
    ("import", "force", Key::HelpImportForce),
];

/// The placeholder shown for the value of each argument (by id), as in
/// `--root <文件夹>`.
const VALUE_NAMES: &[(&str, Key)] = &[
    ("root", Key::ValFolder),
    ("output", Key::ValFolder),
    ("dir", Key::ValFolder),
    ("base_url", Key::ValUrl),
    ("campaign", Key::ValCampaign),
    ("region", Key::ValRegion),
    ("year", Key::ValYear),
    ("from", Key::ValMonth),
    ("to", Key::ValMonth),
    ("format", Key::ValFormat),
    ("code", Key::ValCode),
    ("title", Key::ValTitle),
    ("date", Key::ValDate),
    ("slug", Key::ValSlug),
    ("name", Key::ValName),
    ("port", Key::ValPort),
    ("bind", Key::ValAddress),
    ("status", Key::ValStatus),
    ("files", Key::ValFiles),
    ("series", Key::ValName),
];

/// `cmd` with every text in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let mut cmd = texts(cmd, "", lang);
    // clap adds --help, --version and `help` when the command is built.
    cmd.build();
    usages(builtins(cmd, lang), lang)
}

/// Each command's usage line with its options placeholder in `lang`
/// (`jianxun build [选项]`).
fn usages(mut cmd: Command, lang: Lang) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |u| u.1);
    let usage = usage.replace("[OPTIONS]", &text(Key::ValOptions, lang));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| usages(s, lang));
    }
    cmd.override_usage(usage)
}

fn text(key: Key, lang: Lang) -> String {
    Msg::new(key).text(lang)
}

/// The descriptions, examples, option helps and headings of `cmd` (at
/// `path`) and of its subcommands.
fn texts(cmd: Command, path: &str, lang: Lang) -> Command {
    let usage = text(Key::HelpUsage, lang);
    let mut cmd = cmd
        .help_template(format!(
            "{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(text(Key::HelpCommands, lang))
        .subcommand_value_name(text(Key::ValCommand, lang));
    if let Some((_, about, after)) = COMMANDS.iter().find(|c| c.0 == path) {
        cmd = cmd.about(text(*about, lang)).after_help(text(*after, lang));
    }
    for (_, id, key) in ARGS.iter().filter(|a| a.0 == path) {
        let help = text(*key, lang);
        cmd = cmd.mut_arg(*id, |a| heading(a, lang).help(help));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| texts(s, &sub_path, lang));
    }
    cmd
}

/// An argument under its heading, its default and values told in its help.
fn heading(a: Arg, lang: Lang) -> Arg {
    let key = if a.is_positional() {
        Key::HelpArguments
    } else {
        Key::HelpOptions
    };
    let takes_values = a.get_action().takes_values();
    let value_name = VALUE_NAMES.iter().find(|v| v.0 == a.get_id());
    let a = a.help_heading(text(key, lang));
    match value_name {
        Some((_, name)) if takes_values => a
            .value_name(text(*name, lang))
            .hide_default_value(true)
            .hide_possible_values(true),
        _ if takes_values => a.hide_default_value(true).hide_possible_values(true),
        _ => a,
    }
}

/// clap's own --help, --version and `help`, in `lang`, at every level.
fn builtins(mut cmd: Command, lang: Lang) -> Command {
    let has = |cmd: &Command, id: &str| cmd.get_arguments().any(|a| a.get_id() == id);
    for (id, key) in [("help", Key::HelpHelp), ("version", Key::HelpVersion)] {
        if has(&cmd, id) {
            cmd = cmd.mut_arg(id, |a| heading(a, lang).help(text(key, lang)));
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand(name, |s| s.about(text(Key::HelpHelpCommand, lang)))
        } else {
            cmd.mut_subcommand(name, |s| builtins(s, lang))
        };
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument a user can see, as (path, id).
    fn shown(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        out.push((path.to_string(), String::new()));
        for a in cmd.get_arguments() {
            out.push((path.to_string(), a.get_id().to_string()));
        }
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            shown(s, &p, out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_text() {
        let mut all = Vec::new();
        shown(&super::super::Cli::command(), "", &mut all);
        for a in all.iter().filter(|a| !a.1.is_empty()) {
            assert!(
                VALUE_NAMES.iter().any(|v| v.0 == a.1)
                    || [
                        "drafts",
                        "force",
                        "open",
                        "fix",
                        "fix_dates",
                        "dry_run",
                        "watch"
                    ]
                    .contains(&a.1.as_str()),
                "no value name for {a:?}"
            );
        }
        for (path, id) in all {
            let known = if id.is_empty() {
                COMMANDS.iter().any(|c| c.0 == path)
            } else {
                ARGS.iter().any(|a| a.0 == path && a.1 == id)
            };
            assert!(known, "no help text for `{path}` {id}");
        }
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let cmd = localize(super::super::Cli::command(), lang);
        let mut all = vec!["jianxun"];
        all.extend(args);
        all.push("--help");
        match cmd.try_get_matches_from(all) {
            Err(e) => e.render().to_string(),
            Ok(_) => String::new(),
        }
    }

    #[test]
    fn help_is_chinese_by_default_and_english_on_request() {
        let h = help(Lang::Zh, &[]);
        assert!(h.starts_with("jianxun（简讯）：把 Markdown"), "{h}");
        assert!(h.contains("用法： jianxun"), "{h}");
        assert!(h.contains("命令：") || h.contains("命令:"), "{h}");
        assert!(h.contains("显示帮助") && h.contains("显示版本"), "{h}");
        for args in [&["build"][..], &["new", "bulletin"], &["check"], &["serve"]] {
            let h = help(Lang::Zh, args);
            assert!(h.contains("[选项]") && !h.contains("[OPTIONS]"), "{h}");
        }
        assert!(help(Lang::En, &["build"]).contains("jianxun build [OPTIONS]"));
        assert!(!h.contains("Print help") && !h.contains("Usage:"), "{h}");
        let b = help(Lang::Zh, &["build"]);
        assert!(b.contains("生成网站，写到输出文件夹"), "{b}");
        assert!(
            b.contains("--root") && b.contains("网站文件夹（放 jianxun.yaml"),
            "{b}"
        );
        assert!(!b.contains("[default"), "{b}");
        let e = help(Lang::En, &["build"]);
        assert!(e.contains("Build the site into the output folder"), "{e}");
        assert!(e.contains("Usage: jianxun build"), "{e}");
    }
}
