//! The `jianxun` binary: arguments → command → exit code.

use jianxun::cli::{self, Run};
use jianxun::cmd;

fn main() {
    let code = match cli::parse() {
        Run::Build(opts) => cmd::build::run(&opts),
        Run::Serve(opts) => cmd::serve::run(&opts),
        Run::Stats(opts) => cmd::stats::run(&opts),
    };
    std::process::exit(code);
}
