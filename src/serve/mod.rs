//! The live preview: `jianxun serve`.
//!
//! Builds the site in memory (never touching the output folder), serves it
//! on loopback, watches the sources, rebuilds on every save and tells every
//! open page what to do over Server-Sent Events. A broken save keeps the
//! last good site up and shows the errors over every open page.

pub mod http;
pub mod live;
pub mod reload;
pub mod watch;

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response, Server};

use crate::BuildOptions;
use crate::diag::Diagnostic;
use crate::output::Output;
use http::Target;
use live::{Change, Live};
use reload::{ErrorItem, Event, Hub};
use watch::Watcher;

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
}

/// What the server is showing now.
pub struct Served {
    /// The last good site.
    pub output: Output,
    /// Build version, new for every successful rebuild (and every server start).
    pub version: u64,
    /// Errors of the last build, empty when it succeeded.
    pub errors: Vec<ErrorItem>,
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
    /// The address served, for [`kick`].
    pub addr: Option<std::net::SocketAddr>,
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header is valid")
    })
}

fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let mut resp = Response::new(
        status.into(),
        vec![
            header("Content-Type", ctype),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Cursor::new(body.clone()),
        Some(body.len()),
        None,
    );
    for (k, v) in extra {
        resp.add_header(header(k, v));
    }
    let _ = req.respond(resp);
}

/// Answers one request from the current state.
pub fn handle(req: Request, state: &State) {
    let method = req.method().clone();
    if method != Method::Get && method != Method::Head {
        return respond(
            req,
            405,
            "text/plain; charset=utf-8",
            b"405 method not allowed\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    let url = req.url().to_string();
    let path = url.split('?').next().unwrap_or("");
    if path == reload::EVENTS && method == Method::Get {
        let first = state
            .served
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .current_event();
        let writer = req.into_writer();
        state.hub.join(writer, &first);
        kick(state);
        return;
    }
    if path == reload::SCRIPT {
        return respond(
            req,
            200,
            "text/javascript; charset=utf-8",
            reload::CLIENT_JS.as_bytes().to_vec(),
            &[],
        );
    }
    // Copy what is needed under the read lock, answer after releasing it.
    let (target, body, version) = {
        let s = state.served.read().unwrap_or_else(|e| e.into_inner());
        let target = http::resolve(&url, &s.output);
        let page = |rel: &str| -> Option<Vec<u8>> {
            let data = s.output.files.get(rel)?;
            let bytes = data.bytes().ok()?.into_owned();
            Some(if rel.ends_with(".html") {
                reload::inject(&bytes, s.version)
            } else {
                bytes
            })
        };
        let body = match &target {
            Target::File(rel) => page(rel),
            Target::NotFound => page("404.html"),
            _ => None,
        };
        (target, body, s.version)
    };
    match target {
        Target::File(rel) => match body {
            Some(body) => respond(req, 200, http::content_type(&rel), body, &[]),
            None => respond(
                req,
                404,
                "text/plain; charset=utf-8",
                b"404\n".to_vec(),
                &[],
            ),
        },
        Target::Redirect(to) => respond(
            req,
            301,
            "text/plain; charset=utf-8",
            Vec::new(),
            &[("Location", &to)],
        ),
        Target::NotFound => {
            let body = body.unwrap_or_else(|| reload::inject(b"<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body></html>", version));
            respond(req, 404, "text/html; charset=utf-8", body, &[])
        }
        Target::BadRequest => respond(
            req,
            400,
            "text/plain; charset=utf-8",
            b"400 bad request\n".to_vec(),
            &[],
        ),
    }
}

/// tiny_http hands each connection to a pool thread that stays with it;
/// an event stream keeps its thread for good. When many streams connect at
/// once (every tab reconnecting after a restart), the pool queues some of
/// them behind busy threads instead of starting new ones. A throwaway
/// connection to ourselves makes the pool start a thread that, once the
/// throwaway ends, takes the next queued connection; each stream served
/// kicks once, so a queue of any length drains.
fn kick(state: &State) {
    if let Some(addr) = state.addr {
        let _ = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200));
    }
}

fn print_errors(diags: &[Diagnostic]) {
    let mut d = diags.to_vec();
    crate::diag::sort(&mut d);
    for x in &d {
        eprintln!("{x}\n");
    }
    eprintln!("{} error(s): the last good site is still served.", d.len());
}

/// Runs the preview server until the process is stopped. Returns an exit code.
pub fn run(opts: &ServeOptions) -> i32 {
    // Watch events carry absolute paths.
    let mut opts = opts.clone();
    opts.root = opts.root.canonicalize().unwrap_or(opts.root);
    let opts = &opts;
    let server = match Server::http((opts.bind.as_str(), opts.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!(
                "error: cannot listen on {}:{}: {e}\n  = hint: another program uses this port; pass --port 0 to pick a free one, or another --port",
                opts.bind, opts.port
            );
            return crate::cmd::USAGE;
        }
    };
    let addr = match server.server_addr().to_ip() {
        Some(a) => a,
        None => return crate::cmd::USAGE,
    };
    let base_url = format!("http://{addr}/");
    // Watch before the first build, so no save between the two is missed.
    let mut watcher = match Watcher::start(&opts.root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", opts.root.display());
            return crate::cmd::CONTENT_ERRORS;
        }
    };

    let started = Instant::now();
    let version = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(1);
    let build_opts = BuildOptions {
        base_url: Some(base_url.clone()),
        drafts: opts.drafts,
    };
    let mut live = Live::start(&opts.root, &build_opts);
    let first = match &mut live {
        Ok(l) => l.build_all(),
        Err(d) => Err(d.clone()),
    };
    let (output, errors) = match first {
        Ok(o) => (o, Vec::new()),
        Err(d) => {
            print_errors(&d);
            (Output::default(), d.iter().map(ErrorItem::from).collect())
        }
    };
    let state = Arc::new(State {
        served: RwLock::new(Served {
            output,
            version,
            errors,
        }),
        hub: Hub::default(),
        addr: Some(addr),
    });
    println!(
        "Serving {} at {base_url} (built in {} ms; Ctrl-C to stop)",
        opts.root.display(),
        started.elapsed().as_millis()
    );

    {
        let server = Arc::clone(&server);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            for req in server.incoming_requests() {
                let state = Arc::clone(&state);
                // One thread per request: event streams must not hold up pages.
                std::thread::spawn(move || handle(req, &state));
            }
        });
    }
    {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(10));
                state.hub.ping();
            }
        });
    }
    if opts.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&base_url)
        .spawn();
    }

    let quiet = Duration::from_millis(
        std::env::var("JIANXUN_QUIET_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20),
    );
    let mut next_version = version;
    while let Some(cs) = watcher.next(quiet, Duration::from_secs(2)) {
        if live.as_ref().is_ok_and(|l| !l.concerns(&cs)) {
            continue;
        }
        let t = Instant::now();
        if cs.rescan {
            for d in watch::WATCHED {
                let p = opts.root.join(d);
                if p.is_dir() {
                    watcher.watch_new(&p);
                }
            }
        }
        let result = match &mut live {
            Ok(l) => l.apply(&cs),
            // The configuration was unreadable: try from scratch.
            Err(_) => match Live::start(&opts.root, &build_opts) {
                Ok(mut l) => {
                    let out = l.rebuild_all();
                    live = Ok(l);
                    out
                }
                Err(d) => Err(d),
            },
        };
        match result {
            Ok(rebuilt) => {
                next_version += 1;
                let saved = live.as_ref().ok().and_then(|l| l.saved_bulletin(&cs));
                let event = if cs.css_only() {
                    Event::Css {
                        version: next_version,
                    }
                } else {
                    Event::Reload {
                        version: next_version,
                        path: saved,
                    }
                };
                {
                    let mut s = state.served.write().unwrap_or_else(|e| e.into_inner());
                    match rebuilt.change {
                        Change::Full(o) => s.output = o,
                        Change::Delta(files) => s.output.files.extend(files),
                    }
                    s.version = next_version;
                    s.errors.clear();
                }
                state.hub.broadcast(&event);
                println!(
                    "Rebuilt {} file(s) in {} ms; told {} page(s).",
                    rebuilt.rendered,
                    t.elapsed().as_millis(),
                    state.hub.len()
                );
            }
            Err(diags) => {
                print_errors(&diags);
                let event = {
                    let mut s = state.served.write().unwrap_or_else(|e| e.into_inner());
                    s.errors = diags.iter().map(ErrorItem::from).collect();
                    s.current_event()
                };
                state.hub.broadcast(&event);
            }
        }
    }
    crate::cmd::OK
}
