//! Command-line arguments: clap stops here; commands get plain option structs.
//!
//! The texts of `--help` and of argument errors come from the message
//! catalogue ([`help`], [`errors`]) in the language the caller chose; the
//! doc comments below document the code.

mod errors;
mod help;

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::messages::Lang;

/// jianxun (简讯): build campaign bulletin sites from Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "jianxun",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  jianxun init my-site && cd my-site\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun serve\n  jianxun check\n  jianxun build\n\nExit codes: 0 success, 1 content errors, 2 usage errors."
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: site/).
    #[command(
        after_help = "Example:\n  jianxun build --root my-site --base-url https://example.org/jianxun/"
    )]
    Build {
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: output_dir from jianxun.yaml, i.e. site/).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from jianxun.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Write even if the output folder holds files jianxun did not write (they are kept).
        #[arg(long)]
        force: bool,
        /// Keep running and write what every save changes into the output folder.
        #[arg(long)]
        watch: bool,
    },
    /// Print the aggregated statistics: totals per campaign, region, year and month.
    #[command(
        after_help = "Examples:\n  jianxun stats\n  jianxun stats --campaign ankang-cup --format csv > ankang.csv\n  jianxun stats --region 四川 --format json"
    )]
    Stats {
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this campaign (slug or name), with its totals per region.
        #[arg(long)]
        campaign: Option<String>,
        /// Only this region (e.g. 四川/宜宾) and its sub-regions.
        #[arg(long)]
        region: Option<String>,
        /// Only this year and its months.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<i16>,
        /// Only bulletins from this month on (e.g. 2025-01); totals are computed over them.
        #[arg(long, value_parser = year_month)]
        from: Option<(i16, i8)>,
        /// Only bulletins up to this month (e.g. 2025-06); totals are computed over them.
        #[arg(long, value_parser = year_month)]
        to: Option<(i16, i8)>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Check the whole site without writing anything: every error `build` would report,
    /// plus broken links, missing images, future dates, outlying numbers and duplicate titles.
    #[command(
        after_help = "Examples:\n  jianxun check\n  jianxun check --root my-site --format json | jq .message\n\nErrors exit 1; warnings alone exit 0."
    )]
    Check {
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Fix mechanical mistakes in place (full-width colons, full-width or tab indentation, region spellings).
        #[arg(long)]
        fix: bool,
        /// With --fix: also write dates as YYYY-MM-DD.
        #[arg(long, requires = "fix")]
        fix_dates: bool,
        /// With --fix: show the changes, write nothing.
        #[arg(long, requires = "fix")]
        dry_run: bool,
    },
    /// Create a new bulletin or campaign from a template.
    #[command(
        after_help = "Examples:\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new campaign song-wennuan --name 送温暖行动"
    )]
    New {
        /// What to create.
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Create a new site that builds at once: jianxun.yaml, one campaign, one bulletin.
    #[command(
        after_help = "Examples:\n  jianxun init my-site\n  jianxun init . --force    # add what is missing; never overwrites a file"
    )]
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Use a folder that is not empty: only missing files are created, none overwritten.
        #[arg(long)]
        force: bool,
    },
    /// Explain a diagnostic code (e.g. E012) with a wrong and a right example.
    #[command(after_help = "Examples:\n  jianxun explain E012\n  jianxun explain W003")]
    Explain {
        /// The code, as `check` prints it (E012, W003).
        code: String,
    },
    /// List the bulletins with their review status.
    #[command(after_help = "Examples:\n  jianxun list --status 待审\n  jianxun list --format json")]
    List {
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only bulletins with this status: 草稿, 待审, 已审 or 未标注.
        #[arg(long)]
        status: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Build the site in memory, serve it on loopback and reload the browser on every save.
    #[command(
        after_help = "Example:\n  jianxun serve --port 0    # pick a free port and print the URL"
    )]
    Serve {
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to bind; loopback by default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Include drafts.
        #[arg(long)]
        drafts: bool,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Import Word/WPS documents (.docx) as draft bulletins with their photos.
    #[command(
        after_help = "Examples:\n  jianxun import bulletin.docx\n  jianxun import inbox/ --campaign ankang-cup --region 四川/宜宾"
    )]
    Import {
        /// The .docx files, or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The campaign (slug or name); guessed from the text when not given.
        #[arg(long)]
        campaign: Option<String>,
        /// The region (e.g. 四川/宜宾); guessed from the text when not given.
        #[arg(long)]
        region: Option<String>,
        /// The series (slug or name); read from the masthead when not given.
        #[arg(long)]
        series: Option<String>,
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace a bulletin imported before.
        #[arg(long)]
        force: bool,
    },
}

/// What `jianxun new` creates.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A bulletin: content/bulletins/<year>/<slug>.md, its front matter filled in.
    #[command(
        after_help = "Examples:\n  jianxun new bulletin \"宜宾安康杯竞赛走进12个工业园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new bulletin \"厦门安全生产月演练\" --campaign 安全生产月 --region 福建/厦门 --date 2025-06-12"
    )]
    Bulletin {
        /// The title (the file name and URL slug are its pinyin).
        title: String,
        /// The campaign, by slug or name (see content/campaigns/).
        #[arg(long)]
        campaign: String,
        /// The region, broad to narrow: 省/市 or 省/市/县, or 全国.
        #[arg(long)]
        region: String,
        /// The date, e.g. 2025-06-12 (default: today in China, +08:00).
        #[arg(long)]
        date: Option<String>,
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A campaign: content/campaigns/<slug>.md.
    #[command(after_help = "Example:\n  jianxun new campaign song-wennuan --name 送温暖行动")]
    Campaign {
        /// The slug: lowercase ASCII words joined by `-`, e.g. song-wennuan.
        slug: String,
        /// The name bulletins may write instead of the slug, e.g. 送温暖行动.
        #[arg(long)]
        name: String,
        /// Site root (the folder holding jianxun.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Like a compiler: path:line:column, the source line underlined, a hint.
    Text,
    /// JSON lines: one object per diagnostic.
    Json,
}

/// Output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// An aligned table for the terminal.
    Table,
    /// CSV with a byte-order mark (opens in Excel).
    Csv,
    /// JSON, the schema of /stats/stats.json.
    Json,
}

/// Options for `stats`, free of clap.
#[derive(Debug, Clone)]
pub struct StatsOpts {
    /// Site root.
    pub root: PathBuf,
    /// Only this campaign (slug or name).
    pub campaign: Option<String>,
    /// Only this region (path such as 四川/宜宾) and its sub-regions.
    pub region: Option<String>,
    /// Only this year.
    pub year: Option<i16>,
    /// Only bulletins of these months, first and last included.
    pub from: Option<(i16, i8)>,
    /// See `from`.
    pub to: Option<(i16, i8)>,
    /// Output format.
    pub format: StatsFormat,
}

/// A month written `2025-01` (or `2025-1`, `2025年1月`).
fn year_month(s: &str) -> Result<(i16, i8), String> {
    let t = s.trim().trim_end_matches('月').replace('年', "-");
    let bad = || crate::msg!(MonthBad, s).en();
    let (y, m) = t.split_once('-').ok_or_else(bad)?;
    let y: i16 = y.trim().parse().map_err(|_| bad())?;
    let m: i8 = m.trim().parse().map_err(|_| bad())?;
    if !(1..=12).contains(&m) || !(1000..=9999).contains(&y) {
        return Err(bad());
    }
    Ok((y, m))
}

/// Options for `serve`, free of clap.
#[derive(Debug, Clone)]
pub struct ServeOpts {
    /// Site root.
    pub root: PathBuf,
    /// Port.
    pub port: u16,
    /// Bind address.
    pub bind: String,
    /// Include drafts.
    pub drafts: bool,
    /// Open a browser.
    pub open: bool,
}

/// Options for `build`, free of clap.
#[derive(Debug, Clone)]
pub struct BuildOpts {
    /// Site root.
    pub root: PathBuf,
    /// Output folder, if given.
    pub output: Option<PathBuf>,
    /// base_url override.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Write beside foreign files.
    pub force: bool,
    /// Keep running: write what every save changes.
    pub watch: bool,
}

/// Options for `list`, free of clap.
#[derive(Debug, Clone)]
pub struct ListOpts {
    /// Site root.
    pub root: PathBuf,
    /// Only this status, as typed (草稿, 待审, 已审, 未标注).
    pub status: Option<String>,
    /// Text (a table) or JSON.
    pub format: CheckFormat,
}

/// Options for `check`, free of clap.
#[derive(Debug, Clone)]
pub struct CheckOpts {
    /// Site root.
    pub root: PathBuf,
    /// Output format.
    pub format: CheckFormat,
    /// `--fix` and how, when given.
    pub fix: Option<FixOpts>,
}

/// How `check --fix` mends files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOpts {
    /// Also rewrite dates in the standard form (`--fix-dates`).
    pub fix_dates: bool,
    /// Only show the changes (`--dry-run`).
    pub dry_run: bool,
}

/// Options for `new`, free of clap.
#[derive(Debug, Clone)]
pub enum NewOpts {
    /// `jianxun new bulletin`
    Bulletin {
        /// Site root.
        root: PathBuf,
        /// Title.
        title: String,
        /// Campaign slug or name.
        campaign: String,
        /// Region path.
        region: String,
        /// Date as written, if given.
        date: Option<String>,
    },
    /// `jianxun new campaign`
    Campaign {
        /// Site root.
        root: PathBuf,
        /// Slug.
        slug: String,
        /// Name.
        name: String,
    },
}

/// Options for `init`, free of clap.
#[derive(Debug, Clone)]
pub struct InitOpts {
    /// Folder to create the site in.
    pub dir: PathBuf,
    /// Use a non-empty folder, creating only missing files.
    pub force: bool,
}

/// Options for `import`, free of clap.
#[derive(Debug, Clone)]
pub struct ImportOpts {
    /// Site root.
    pub root: PathBuf,
    /// Files and folders to import.
    pub files: Vec<PathBuf>,
    /// Campaign slug or name, if given.
    pub campaign: Option<String>,
    /// Region path, if given.
    pub region: Option<String>,
    /// Series slug or name, if given.
    pub series: Option<String>,
    /// Replace a bulletin imported before.
    pub force: bool,
}

/// What to run, in plain types.
#[derive(Debug, Clone)]
pub enum Run {
    /// `jianxun build`
    Build(BuildOpts),
    /// `jianxun serve`
    Serve(ServeOpts),
    /// `jianxun stats`
    Stats(StatsOpts),
    /// `jianxun check`
    Check(CheckOpts),
    /// `jianxun new`
    New(NewOpts),
    /// `jianxun init`
    Init(InitOpts),
    /// `jianxun explain CODE`
    Explain(String),
    /// `jianxun list`
    List(ListOpts),
    /// `jianxun import`
    Import(ImportOpts),
}

/// The site root named by `--root` in the process arguments, if any, so
/// that help and argument errors can be shown in the site's language.
pub fn root_hint() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--root" {
            return it.next().map_or_else(|| ".".into(), PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--root=") {
            return PathBuf::from(v);
        }
    }
    PathBuf::from(".")
}

/// Parses the process arguments; help, the version and argument errors are
/// printed in `lang` (errors exit 2).
pub fn parse(lang: Lang) -> Run {
    let cmd = help::localize(Cli::command(), lang);
    let cli = cmd
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| errors::exit(e, lang));
    plain(cli)
}

/// The plain options of the command line.
fn plain(cli: Cli) -> Run {
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
            watch,
        } => Run::Build(BuildOpts {
            root,
            output,
            base_url,
            drafts,
            force,
            watch,
        }),
        Command::Stats {
            root,
            campaign,
            region,
            year,
            from,
            to,
            format,
        } => Run::Stats(StatsOpts {
            root,
            campaign,
            region,
            year,
            from,
            to,
            format,
        }),
        Command::Check {
            root,
            format,
            fix,
            fix_dates,
            dry_run,
        } => Run::Check(CheckOpts {
            root,
            format,
            fix: fix.then_some(FixOpts { fix_dates, dry_run }),
        }),
        Command::New { what } => Run::New(match what {
            NewCommand::Bulletin {
                title,
                campaign,
                region,
                date,
                root,
            } => NewOpts::Bulletin {
                root,
                title,
                campaign,
                region,
                date,
            },
            NewCommand::Campaign { slug, name, root } => NewOpts::Campaign { root, slug, name },
        }),
        Command::Init { dir, force } => Run::Init(InitOpts { dir, force }),
        Command::Explain { code } => Run::Explain(code),
        Command::List {
            root,
            status,
            format,
        } => Run::List(ListOpts {
            root,
            status,
            format,
        }),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            open,
        } => Run::Serve(ServeOpts {
            root,
            port,
            bind,
            drafts,
            open,
        }),
        Command::Import {
            files,
            campaign,
            region,
            series,
            root,
            force,
        } => Run::Import(ImportOpts {
            root,
            files,
            campaign,
            region,
            series,
            force,
        }),
    }
}
