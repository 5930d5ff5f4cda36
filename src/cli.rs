//! Command-line arguments: clap stops here; commands get plain option structs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// jianxun (简讯): build campaign bulletin sites from Markdown.
#[derive(Debug, Parser)]
#[command(name = "jianxun", version, about, long_about = None)]
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
        #[arg(long)]
        year: Option<i16>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
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
    /// Output format.
    pub format: StatsFormat,
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
}

/// Parses the process arguments; clap prints usage errors and exits 2.
pub fn parse() -> Run {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
        } => Run::Build(BuildOpts {
            root,
            output,
            base_url,
            drafts,
            force,
        }),
        Command::Stats {
            root,
            campaign,
            region,
            year,
            format,
        } => Run::Stats(StatsOpts {
            root,
            campaign,
            region,
            year,
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
    }
}
