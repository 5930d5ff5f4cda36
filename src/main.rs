//! The `jianxun` binary: arguments → command → exit code.

use jianxun::cli::{self, Run};
use jianxun::cmd;

// mimalloc: a build makes millions of small values on two threads at once;
// it was about 10% faster than the system allocator at 10,000 bulletins.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Before any command allocates: the commands that read a whole site
    // touch memory afresh all the time, and with huge pages the kernel
    // cleared 2 MiB at each first touch (`serve` took twice the time to
    // start at 10,000 bulletins).
    jianxun::no_huge_pages();
    let lang = cmd::lang(&cli::root_hint());
    let code = match cli::parse(lang) {
        Run::Build(opts) => cmd::build::run(&opts),
        Run::Serve(opts) => cmd::serve::run(&opts),
        Run::Stats(opts) => cmd::stats::run(&opts),
        Run::Check(opts) => cmd::check::run(&opts),
        Run::New(opts) => cmd::new::run(&opts),
        Run::Init(opts) => cmd::init::run(&opts),
        Run::Explain(code) => cmd::explain::run(&code),
        Run::List(opts) => cmd::list::run(&opts),
        Run::Import(opts) => cmd::import::run(&opts),
    };
    std::process::exit(code);
}
