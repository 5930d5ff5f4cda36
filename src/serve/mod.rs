//! The live preview: `jianxun serve`.
//!
//! Builds the site in memory (never touching the output folder), serves it
//! on loopback, watches the sources, rebuilds on every save and tells every
//! open page what to do over Server-Sent Events. A broken save keeps the
//! last good site up and shows the errors over every open page.
//!
//! The HTTP side is our own: [`listen`] takes connections within time,
//! size and count limits, [`wire`] reads request heads and writes answers,
//! [`http`] maps a URL to a file of the in-memory site.

pub mod guard;
pub mod http;
pub mod listen;
pub mod live;
pub mod reload;
pub mod watch;
pub mod wire;

use crate::messages::{Key, Lang, Msg, io_reason};
use crate::msg;
use std::io::ErrorKind;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::diag::Diagnostic;
use crate::output::{Data, Output};
use guard::Guard;
use http::Target;
use listen::{Answer, BindError, Handler, Limits};
use live::{Live, PageSource};
use reload::{ErrorItem, Event, Hub};
use watch::Watcher;
use wire::{Reply, Request};

/// Options for `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root.
    pub root: PathBuf,
    /// Address to bind.
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open a browser.
    pub open: bool,
    /// The language of the terminal lines and the error overlay.
    pub lang: Lang,
}

/// What the server is showing now.
pub struct Served {
    /// The last good site. Its pages are [`Data::OnRequest`]: `pages`
    /// renders them when asked for.
    pub output: Output,
    /// Renders the pages of the last good site.
    pub pages: Option<PageSource>,
    /// Build version, new for every successful rebuild (and every server start).
    pub version: u64,
    /// Errors of the last build, empty when it succeeded.
    pub errors: Vec<ErrorItem>,
    /// The version whose derived files (feeds, sitemap, search index,
    /// downloads) are served; behind `version` while they are recomputed.
    pub derived_version: u64,
}

impl Served {
    fn current_event(&self) -> Event {
        if self.errors.is_empty() {
            Event::Reload {
                version: self.version,
                path: None,
            }
        } else {
            Event::Errors {
                version: self.version,
                errors: self.errors.clone(),
            }
        }
    }
}

/// Shared between the HTTP threads and the rebuild loop.
pub struct State {
    /// What is served.
    pub served: RwLock<Served>,
    /// Open event streams.
    pub hub: Hub,
    /// Which requests may be answered.
    pub guard: Guard,
    /// The language of the terminal lines and the error overlay.
    pub lang: Lang,
}

/// A file's body as taken under the read lock: its bytes, or what
/// renders it (a page), to be rendered once the lock is released.
enum Body {
    Ready(Vec<u8>),
    Render(PageSource),
}

fn body_of(s: &Served, rel: &str) -> Option<Body> {
    Some(match s.output.files.get(rel)? {
        Data::OnRequest => Body::Render(s.pages.clone()?),
        data => Body::Ready(data.bytes().ok()?.into_owned()),
    })
}

/// What a file of the site is served as: a page is rendered again from
/// the model it was rendered from (the same bytes), and an HTML file gets
/// the reload script, with the version it comes from. A page that cannot
/// be rendered now is an answer of its own (see [`render_on_request`]).
fn page_body(body: Body, rel: &str, version: u64, lang: Lang) -> Result<Vec<u8>, Reply> {
    let bytes = match body {
        Body::Ready(bytes) => bytes,
        Body::Render(src) => render_on_request(&src, rel, lang)?,
    };
    Ok(if rel.ends_with(".html") {
        reload::inject(&bytes, version)
    } else {
        bytes
    })
}

/// The stack a page is rendered on: templates nest, and a connection's
/// thread has a small stack of its own.
const PAGE_STACK: usize = 16 << 20;

/// Renders page `rel` on a thread of its own with a full-size stack. When
/// it fails, the answer: the error the build would tell (500), or "busy,
/// try again" (503) when no thread could be started.
fn render_on_request(src: &PageSource, rel: &str, lang: Lang) -> Result<Vec<u8>, Reply> {
    let busy = || {
        let busy = msg!(ServeBusy).text(lang);
        Reply::text(503, &format!("{busy}\n")).with("Retry-After", "1")
    };
    let rendered = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new()
            .name("jianxun-page".into())
            .stack_size(PAGE_STACK)
            .spawn_scoped(scope, || src.render(rel));
        thread.ok().and_then(|t| t.join().ok())
    });
    match rendered.ok_or_else(busy)? {
        Some(Ok(bytes)) => Ok(bytes),
        Some(Err(d)) => {
            print_diagnostics(std::slice::from_ref(&d), lang);
            let page = format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel));
            eprintln!("{}", msg!(ServePageFailed, page).text(lang));
            let told = d.message.text(lang);
            Err(Reply::text(500, &format!("{told}\n")))
        }
        None => Err(Reply::text(
            404,
            &format!("{}\n", msg!(HttpNotFound).text(lang)),
        )),
    }
}

/// Serves `update` from now on: its pages come as [`Data::OnRequest`]
/// (see [`Live::hold_no_page_bytes`]), rendered by `pages` when asked for.
fn store(s: &mut Served, update: live::Update, pages: Option<PageSource>) {
    update.apply_to(&mut s.output);
    s.pages = pages;
}

/// Answers a request for a file of the site from the current state.
fn site_reply(target: &str, state: &State) -> Reply {
    // Copy what is needed under the read lock, answer after releasing it.
    let (target, body, version) = {
        let s = current(state, target.split(['?', '#']).next().unwrap_or(""));
        let target = http::resolve(target, &s.output);
        let body = match &target {
            Target::File(rel) => body_of(&s, rel),
            Target::NotFound => body_of(&s, "404.html"),
            _ => None,
        };
        (target, body, s.version)
    };
    let lang = state.lang;
    match target {
        Target::File(rel) => match body.map(|b| page_body(b, &rel, version, lang)) {
            Some(Ok(body)) => Reply::new(200, http::content_type(&rel), body),
            Some(Err(reply)) => reply,
            None => Reply::text(404, &format!("{}\n", msg!(HttpNotFound).text(lang))),
        },
        Target::Redirect(to) => {
            Reply::new(301, "text/plain; charset=utf-8", Vec::new()).with("Location", &to)
        }
        Target::NotFound => {
            let body = body.and_then(|b| page_body(b, "404.html", version, lang).ok());
            let body = body.unwrap_or_else(|| reload::inject(b"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body></html>", version));
            Reply::new(404, "text/html; charset=utf-8", body)
        }
        Target::BadRequest => {
            Reply::text(400, &format!("{}\n", msg!(HttpBadRequest).text(state.lang)))
        }
    }
}

/// Whether `path` is a derived file (feeds, sitemap, robots.txt, search
/// index, statistics downloads), recomputed just after the pages.
fn is_derived(path: &str) -> bool {
    let rel = path.trim_start_matches('/');
    rel.ends_with(".xml")
        || rel == "robots.txt"
        || rel.starts_with("search/") && !rel.ends_with('/') && !rel.ends_with(".html")
        || rel.starts_with("stats/stats.")
}

/// The served site, once the derived files are current if `path` is one.
fn current<'a>(state: &'a State, path: &str) -> std::sync::RwLockReadGuard<'a, Served> {
    let s = state.served.read().unwrap_or_else(|e| e.into_inner());
    if !is_derived(path) || s.derived_version == s.version {
        return s;
    }
    drop(s);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        std::thread::sleep(Duration::from_millis(5));
        let s = state.served.read().unwrap_or_else(|e| e.into_inner());
        if s.derived_version == s.version || Instant::now() >= deadline {
            return s;
        }
    }
}

/// Answers one request from the current state.
pub fn handle(req: &Request, state: &Arc<State>) -> Answer {
    let path = req.target.split('?').next().unwrap_or("");
    if let Some(refusal) = state.guard.refuse(req, path == reload::EVENTS, state.lang) {
        return Answer::Reply(refusal);
    }
    if req.method != "GET" && req.method != "HEAD" {
        let text = format!("{}\n", msg!(HttpMethod).text(state.lang));
        let reply = Reply::text(405, &text).with("Allow", "GET, HEAD");
        return Answer::Reply(reply);
    }
    if path == reload::EVENTS && !req.is_head() {
        let state = Arc::clone(state);
        return Answer::TakeOver(Box::new(move |stream| {
            let served = || {
                let s = state.served.read().unwrap_or_else(|e| e.into_inner());
                s.current_event()
            };
            state.hub.serve(stream, served);
        }));
    }
    if path == reload::SCRIPT {
        let js = reload::client_js(state.lang).into_bytes();
        return Answer::Reply(Reply::new(200, "text/javascript; charset=utf-8", js));
    }
    Answer::Reply(site_reply(&req.target, state))
}

/// Prints a failed rebuild's diagnostics, then that the last good site is still served.
fn print_errors(diags: &[Diagnostic], lang: Lang) {
    print_diagnostics(diags, lang);
    eprintln!("{}", msg!(ServeStillServed, diags.len()).text(lang));
}

/// Prints diagnostics on the terminal, in file order.
fn print_diagnostics(diags: &[Diagnostic], lang: Lang) {
    let mut d = diags.to_vec();
    crate::diag::sort(&mut d);
    let paint = crate::diag::Paint::for_stderr();
    for x in &d {
        eprintln!("{}\n", x.render(paint, lang));
    }
}

/// Prints an error that is about no file.
fn print_error(message: &Msg, hint: Option<&Msg>, lang: Lang) {
    eprintln!("{}", crate::diag::plain_error(message, hint, lang));
}

/// Says why `--bind`/`--port` could not be listened on; returns the exit code.
fn bind_failed(opts: &ServeOptions, e: &BindError) -> i32 {
    let lang = opts.lang;
    match e {
        BindError::Resolve(e) => {
            let message = Msg::new(Key::ServeCannotResolve)
                .arg(&opts.bind)
                .arg_msg(io_reason(e));
            print_error(&message, Some(&msg!(ServeCannotResolveHint)), lang);
        }
        BindError::Listen(addr, e) => {
            let hint = match e.kind() {
                ErrorKind::AddrInUse => Some(msg!(ServePortInUse)),
                ErrorKind::AddrNotAvailable => Some(msg!(ServeNotOurAddress, addr.ip())),
                ErrorKind::PermissionDenied => Some(msg!(ServeLowPort)),
                _ => None,
            };
            let message = Msg::new(Key::ServeCannotListen)
                .arg(addr)
                .arg_msg(io_reason(e));
            print_error(&message, hint.as_ref(), lang);
        }
    }
    crate::exit::USAGE
}

/// A new build version: the time in milliseconds, so a restarted server
/// never repeats the version of a page still open from the last one.
fn start_version() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(1)
}

/// The first build: what to serve and the live site to rebuild from.
fn first_build(root: &Path, build_opts: &BuildOptions, lang: Lang) -> (Served, LiveSite) {
    let mut live = Live::start(root, build_opts).map(|mut l| {
        l.hold_no_page_bytes();
        l
    });
    let first = match &mut live {
        Ok(l) => l.build_all(),
        Err(d) => Err(d.clone()),
    };
    let pages = live.as_mut().ok().and_then(Live::page_source);
    // What the first build made and dropped goes back to the system.
    crate::release_free_memory();
    let (output, errors) = match first {
        Ok(o) => (o, Vec::new()),
        Err(d) => {
            print_errors(&d, lang);
            let items = d.iter().map(|x| ErrorItem::from(x, lang)).collect();
            (Output::default(), items)
        }
    };
    let version = start_version();
    let served = Served {
        output,
        pages,
        version,
        errors,
        derived_version: version,
    };
    (served, live)
}

/// Why the server stopped.
enum Stop {
    /// The listener died with this error.
    Listener(std::io::Error),
    /// The file watcher ended.
    Watcher,
}

/// Runs the preview server until the process is stopped. Returns an exit code.
pub fn run(opts: &ServeOptions) -> i32 {
    // Watch events carry absolute paths.
    let mut opts = opts.clone();
    opts.root = opts.root.canonicalize().unwrap_or(opts.root);
    let listener = match listen::bind(&opts.bind, opts.port) {
        Ok(l) => l,
        Err(e) => return bind_failed(&opts, &e),
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => return bind_failed(&opts, &BindError::Resolve(e)),
    };
    let base_url = format!("http://{addr}/");
    // Watch before the first build, so no save between the two is missed.
    let watcher = match Watcher::start(&opts.root) {
        Ok(w) => w,
        Err(e) => {
            let message = Msg::new(Key::ServeCannotWatch)
                .arg(crate::diag::shown(&opts.root))
                .arg(e);
            print_error(&message, None, opts.lang);
            return crate::exit::CONTENT_ERRORS;
        }
    };
    let started = Instant::now();
    let build_opts = BuildOptions {
        base_url: Some(base_url.clone()),
        drafts: opts.drafts,
    };
    let (served, live) = first_build(&opts.root, &build_opts, opts.lang);
    let state = Arc::new(State {
        served: RwLock::new(served),
        hub: Hub::default(),
        guard: Guard::new(addr),
        lang: opts.lang,
    });
    let serving = msg!(
        Serving,
        crate::diag::shown(&opts.root),
        &base_url,
        started.elapsed().as_millis()
    );
    println!("{}", serving.text(opts.lang));
    if let Some(warning) = guard::lan_warning(addr) {
        eprintln!("{}", warning.text(opts.lang));
    }
    let (stop, stopped) = std::sync::mpsc::channel();
    start_http(listener, &state, stop.clone());
    if opts.open {
        open_browser(&base_url);
    }
    {
        let root = opts.root.clone();
        std::thread::spawn(move || {
            // A panic while rebuilding must stop the server, not leave it serving a frozen site.
            let rebuild =
                AssertUnwindSafe(|| rebuild_loop(&root, watcher, live, &build_opts, &state));
            let _ = std::panic::catch_unwind(rebuild);
            let _ = stop.send(Stop::Watcher);
        });
    }
    let message = match stopped.recv() {
        Ok(Stop::Listener(e)) => Msg::new(Key::ServeStoppedListening)
            .arg(addr)
            .arg_msg(io_reason(&e)),
        Ok(Stop::Watcher) | Err(_) => msg!(ServeStoppedWatching, crate::diag::shown(&opts.root)),
    };
    print_error(&message, Some(&msg!(ServeStartAgain)), opts.lang);
    crate::exit::CONTENT_ERRORS
}

/// Starts answering requests, and pinging the event streams so pages that
/// went away are noticed. `stop` hears when the listener dies.
fn start_http(listener: std::net::TcpListener, state: &Arc<State>, stop: Sender<Stop>) {
    let handler: Handler = {
        let state = Arc::clone(state);
        Arc::new(move |req| handle(req, &state))
    };
    let limits = Limits {
        lang: state.lang,
        ..Limits::default()
    };
    std::thread::spawn(move || {
        let serve = AssertUnwindSafe(|| listen::serve(listener, limits, handler));
        let e = std::panic::catch_unwind(serve)
            .unwrap_or_else(|_| std::io::Error::other("the connection loop failed"));
        let _ = stop.send(Stop::Listener(e));
    });
    let state = Arc::clone(state);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(10));
            state.hub.ping();
        }
    });
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener).arg(url).spawn();
}

/// How long the file system stays quiet before a burst of saves is
/// rebuilt as one (`JIANXUN_QUIET_MS`, 20 ms unless set).
pub fn quiet() -> Duration {
    Duration::from_millis(
        std::env::var("JIANXUN_QUIET_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    )
}

/// The live site, or the configuration errors that keep it from starting.
pub type LiveSite = Result<Live, Vec<Diagnostic>>;

/// Rebuilds on every change set from the watcher and tells every open page.
fn rebuild_loop(
    root: &Path,
    mut watcher: Watcher,
    live: LiveSite,
    build_opts: &BuildOptions,
    state: &Arc<State>,
) {
    let quiet = quiet();
    let mut next_version = state
        .served
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .version;
    let live = Arc::new(Mutex::new(live));
    let jobs = start_deriving(&live, state);
    while let Some(cs) = watcher.next(quiet, Duration::from_secs(2)) {
        let mut live = live.lock().unwrap_or_else(|e| e.into_inner());
        if live.as_ref().is_ok_and(|l| !l.concerns(&cs)) {
            continue;
        }
        let t = Instant::now();
        watcher.follow_new_folders(&cs);
        let result = match &mut *live {
            Ok(l) => l.apply(&cs),
            // The configuration was unreadable: try from scratch.
            Err(_) => match Live::start(root, build_opts) {
                Ok(mut l) => {
                    l.hold_no_page_bytes();
                    let out = l.rebuild_all();
                    *live = Ok(l);
                    out
                }
                Err(d) => Err(d),
            },
        };
        match result {
            Ok(rebuilt) => {
                next_version += 1;
                let saved = live.as_ref().ok().and_then(|l| l.saved_bulletin(&cs));
                let pages = live.as_mut().ok().and_then(Live::page_source);
                publish(state, (rebuilt, pages), &cs, saved, next_version, t);
                // Feeds, sitemap, search index and downloads follow on a
                // thread of their own; a request for one waits until they are current.
                let _ = jobs.send(next_version);
            }
            Err(diags) => {
                print_errors(&diags, state.lang);
                let event = {
                    let mut s = state.served.write().unwrap_or_else(|e| e.into_inner());
                    s.errors = diags
                        .iter()
                        .map(|d| ErrorItem::from(d, state.lang))
                        .collect();
                    s.current_event()
                };
                state.hub.broadcast(&event);
            }
        }
    }
}

/// Starts the thread that recomputes the derived files after each rebuild
/// (the latest one when several are waiting); returns where to ask for it.
fn start_deriving(live: &Arc<Mutex<LiveSite>>, state: &Arc<State>) -> Sender<u64> {
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let (live, state) = (Arc::clone(live), Arc::clone(state));
    std::thread::spawn(move || {
        let lock = || live.lock().unwrap_or_else(|e| e.into_inner());
        while let Ok(mut version) = rx.recv() {
            while let Ok(v) = rx.try_recv() {
                version = v;
            }
            let Some(job) = lock().as_ref().ok().and_then(Live::derive_job) else {
                continue;
            };
            let files = job.run_in_background();
            let mut live = lock();
            let Some(update) = live
                .as_mut()
                .ok()
                .and_then(|l| l.accept_derived(&job, files))
            else {
                continue;
            };
            {
                let mut s = state.served.write().unwrap_or_else(|e| e.into_inner());
                update.apply_to(&mut s.output);
                s.derived_version = version;
            }
            drop(live);
            // The last search index and files were just dropped (as large as
            // the site): hand their memory back rather than keep it for hours.
            crate::release_free_memory();
        }
    });
    tx
}

/// Serves a successful rebuild and tells every open page.
fn publish(
    state: &State,
    (rebuilt, pages): (live::Update, Option<PageSource>),
    cs: &watch::ChangeSet,
    saved: Option<String>,
    version: u64,
    t: Instant,
) {
    let (rendered, full) = (rebuilt.rendered, rebuilt.full);
    let event = if cs.css_only() {
        Event::Css { version }
    } else {
        Event::Reload {
            version,
            path: saved,
        }
    };
    {
        let mut s = state.served.write().unwrap_or_else(|e| e.into_inner());
        store(&mut s, rebuilt, pages);
        s.version = version;
        s.errors.clear();
    }
    if full {
        // Every page was rendered and its bytes dropped: give them back.
        crate::release_free_memory();
    }
    state.hub.broadcast(&event);
    let rebuilt = msg!(
        ServeRebuilt,
        rendered,
        t.elapsed().as_millis(),
        state.hub.len()
    );
    println!("{}", rebuilt.text(state.lang));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    /// The served site holds no page's bytes: each page is rendered again
    /// when asked for, to the bytes a build writes, before and after a save.
    #[test]
    fn pages_are_rendered_on_request_as_the_build_renders_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(
            root,
            "jianxun.yaml",
            "title: 测试简讯\nbase_url: /\npaginate: 1\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n",
        );
        write(
            root,
            "content/campaigns/ankang-cup.md",
            "---\nname: 安康杯竞赛\n---\n简介。\n",
        );
        for (name, date, n) in [
            ("a", "2024-03-01", 411),
            ("b", "2024-04-02", 12),
            ("c", "2024-05-03", 7),
        ] {
            let text = format!(
                "---\ntitle: 简讯{name}\ndate: {date}\ncampaign: ankang-cup\nregion: 四川/宜宾\nmetrics:\n  参与企业: {n}家\n---\n正文{name}。\n"
            );
            write(root, &format!("content/bulletins/{name}.md"), &text);
        }
        let opts = BuildOptions {
            base_url: Some("http://127.0.0.1:1111/".into()),
            drafts: false,
        };
        let (mut served, live) = first_build(root, &opts, Lang::Zh);
        let mut live = live.expect("the site loads");
        let same_as_build = |served: &Served| {
            let (_, _, built) = crate::build(root, &opts).expect("the site builds");
            let pages: Vec<&String> = (built.files.keys())
                .filter(|p| p.ends_with(".html"))
                .collect();
            assert!(pages.len() > 10, "{pages:?}");
            for p in pages {
                assert_eq!(served.output.files.get(p), Some(&Data::OnRequest), "{p}");
                let got = (served.pages.as_ref())
                    .and_then(|s| s.render(p))
                    .expect("a page")
                    .expect("renders");
                assert_eq!(Some(got.as_slice()), built.get(p), "{p}");
            }
        };
        same_as_build(&served);
        // A save that changes a number, a title and the pages' order.
        let b = root.join("content/bulletins/b.md");
        let text = std::fs::read_to_string(&b).expect("read");
        let text = text
            .replace("12家", "15家")
            .replace("简讯b", "简讯乙")
            .replace("2024-04-02", "2024-06-01");
        std::fs::write(&b, text).expect("write");
        let cs = watch::ChangeSet {
            content: [PathBuf::from("content/bulletins/b.md")].into(),
            ..Default::default()
        };
        let update = live.apply(&cs).expect("rebuilds");
        assert!(update.put.iter().any(|(p, _)| p.ends_with(".html")));
        store(&mut served, update, live.page_source());
        same_as_build(&served);
    }

    /// A page that cannot be rendered when it is asked for answers with the
    /// build's own error (500), and a path the snapshot has no page for
    /// answers 404; the server goes on.
    #[test]
    fn a_page_that_fails_on_request_answers_with_the_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(root, "jianxun.yaml", "title: 测试简讯\nbase_url: /\n");
        write(
            root,
            "content/campaigns/ankang-cup.md",
            "---\nname: 安康杯竞赛\n---\n",
        );
        write(
            root,
            "content/bulletins/a.md",
            "---\ntitle: 简讯甲\ndate: 2024-03-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文。\n",
        );
        let opts = BuildOptions::default();
        let (served, _) = first_build(root, &opts, Lang::Zh);
        let src = served.pages.clone().expect("pages are rendered on request");
        let page = "bulletins/a/index.html";
        assert!(render_on_request(&src, page, Lang::Zh).is_ok());
        // The same model with a template that fails on every bulletin.
        write(
            root,
            "templates/bulletin.html",
            "{% extends \"base.html\" %}{% block content %}{{ bulletin.no_such.field }}{% endblock content %}",
        );
        let templates = crate::discover(root).expect("the site reads").templates;
        let theme = crate::render::templates::Theme::load(&templates).expect("the templates load");
        let broken = src.with_theme(theme);
        let reply = render_on_request(&broken, page, Lang::Zh).expect_err("fails");
        assert_eq!(reply.status, 500);
        let body = String::from_utf8(reply.body).expect("text");
        assert!(
            body.contains("/bulletins/a/") && body.contains("no_such"),
            "{body}"
        );
        let told = broken.render(page).expect("a page").expect_err("fails");
        assert_eq!(body, format!("{}\n", told.message.text(Lang::Zh)));
        // Other pages still render; a path without a page is not found.
        assert!(render_on_request(&broken, "index.html", Lang::Zh).is_ok());
        let reply = render_on_request(&src, "no/such/index.html", Lang::Zh).expect_err("none");
        assert_eq!(reply.status, 404);
    }
}
