//! `gloss serve`: build in memory, serve the result on localhost, rebuild when a
//! source changes and tell open pages to reload (Server-Sent Events). A failed rebuild
//! keeps the last good site served and shows the errors over the page.

pub(crate) mod http;
mod watch;

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::diag::plural;
use crate::load::LoadOptions;
use crate::render::Bytes;
use crate::session::Session;
use http::{AllowedHosts, Reply, RequestInfo};

/// Most event-stream clients served at once.
const MAX_CLIENTS: usize = 64;

/// Options of `gloss serve`.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// The site root.
    pub(crate) root: PathBuf,
    /// Address to listen on.
    pub(crate) bind: String,
    /// Port to listen on.
    pub(crate) port: u16,
    /// Include drafts.
    pub(crate) drafts: bool,
    /// Open the site in a browser once it is served.
    pub(crate) open: bool,
}

/// What the server serves now; replaced as a whole after each successful build.
#[derive(Default)]
struct Snapshot {
    files: HashMap<String, Bytes>,
    /// Diagnostics of the last failed build, cleared by the next good one.
    error: Option<String>,
}

/// State shared by the builder and the request handlers.
struct Shared {
    snapshot: RwLock<Snapshot>,
    clients: Mutex<Vec<SyncSender<String>>>,
    allowed: AllowedHosts,
    livereload: Bytes,
    /// The path of the site's `base_url`, under which the site is served.
    base_path: String,
}

impl Shared {
    fn broadcast(&self, event: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        clients.retain(|c| c.try_send(event.to_string()).is_ok());
    }
}

/// Runs the dev server until Ctrl-C.
pub(crate) fn run(opts: ServeOptions) -> Result<()> {
    let host = if opts.bind.contains(':') { format!("[{}]", opts.bind) } else { opts.bind.clone() };
    let base_path = crate::load::base_path_of(&opts.root).unwrap_or_else(|| "/".to_string());
    let base_url = format!("http://{host}:{}{base_path}", opts.port);
    let server = tiny_http::Server::http((opts.bind.as_str(), opts.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let server = Arc::new(server);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Snapshot::default()),
        clients: Mutex::new(Vec::new()),
        allowed: AllowedHosts::for_bind(&opts.bind),
        livereload: Bytes::new(include_bytes!("livereload.js").to_vec()),
        base_path,
    });
    let mut session = Session::incremental(LoadOptions {
        root: opts.root.clone(),
        drafts: opts.drafts,
        base_url: Some(base_url.clone()),
    });
    rebuild(&mut session, &shared, &[]);
    eprintln!("Serving {} on {base_url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        open_browser(&base_url);
    }
    let (tx, rx) = mpsc::channel();
    let _watch = watch::start(&opts.root, tx)?;
    let builder_shared = Arc::clone(&shared);
    std::thread::spawn(move || rebuild_on_change(session, &builder_shared, rx));
    let stopper = Arc::clone(&server);
    ctrlc::set_handler(move || stopper.unblock()).context("cannot install the Ctrl-C handler")?;
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(request, &shared));
    }
    eprintln!("Stopped.");
    Ok(())
}

/// Changes closer together than this are one burst, and cause one rebuild.
const SETTLE: Duration = Duration::from_millis(60);

fn rebuild_on_change(mut session: Session, shared: &Shared, changes: Receiver<Vec<PathBuf>>) {
    while let Ok(mut paths) = changes.recv() {
        while let Ok(more) = changes.recv_timeout(SETTLE) {
            paths.extend(more);
        }
        eprintln!("{} change(s) seen, rebuilding…", paths.len());
        rebuild(&mut session, shared, &paths);
    }
}

/// Rebuilds after `changed` changed; on success puts the changed files in place and
/// tells pages to reload, on failure keeps the old files and sends the diagnostics.
fn rebuild(session: &mut Session, shared: &Shared, changed: &[PathBuf]) {
    let start = Instant::now();
    let result = session.rebuild(changed);
    let text = result.report;
    if !text.is_empty() {
        eprint!("{text}");
    }
    if result.ok {
        let files = result.changed.len();
        let mut snapshot = shared.snapshot.write().unwrap_or_else(|e| e.into_inner());
        for (path, bytes) in result.changed {
            match bytes {
                Some(b) => snapshot.files.insert(path, b),
                None => snapshot.files.remove(&path),
            };
        }
        snapshot.error = None;
        drop(snapshot);
        let how = if result.incremental { "updated" } else { "built" };
        let (pages, files) = (plural(result.pages, "page"), plural(files, "file"));
        eprintln!("{pages} {how} in {} ms ({files} changed)", start.elapsed().as_millis());
        shared.broadcast("event: reload\ndata: {}\n\n");
    } else {
        let json = serde_json::to_string(&text).unwrap_or_default();
        shared.snapshot.write().unwrap_or_else(|e| e.into_inner()).error = Some(json.clone());
        eprintln!("The build failed; still serving the last good site.");
        shared.broadcast(&format!("event: build-error\ndata: {json}\n\n"));
    }
}

fn header<'r>(request: &'r tiny_http::Request, name: &'static str) -> Option<&'r str> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str())
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let method = request.method().as_str().to_string();
    let (reply, first_build_error) = {
        let snapshot = shared.snapshot.read().unwrap_or_else(|e| e.into_inner());
        let info = RequestInfo {
            method: &method,
            url: request.url(),
            host: header(&request, "Host"),
            hosts: request.headers().iter().filter(|h| h.field.equiv("Host")).count(),
            origin: header(&request, "Origin"),
        };
        let reply = http::route(info, &shared.allowed, &snapshot.files, &shared.livereload, &shared.base_path);
        let failed = snapshot.error.clone().filter(|_| snapshot.files.is_empty());
        (reply, failed)
    };
    // No good build yet: every page the rules allow shows the errors instead.
    if let (Some(error), Reply::Status(404, _)) = (&first_build_error, &reply) {
        let header = tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8").expect("valid header");
        let page = first_build_failed_page(error);
        let _ = request.respond(tiny_http::Response::from_data(page).with_status_code(503).with_header(header));
        return;
    }
    // A client that hung up cannot be answered; there is nothing more to do.
    let _ = match reply {
        Reply::Events => return stream_events(request, shared),
        Reply::Redirect(to) => {
            let location = tiny_http::Header::from_bytes("Location", to.as_bytes()).expect("a path is a valid header");
            request.respond(tiny_http::Response::empty(302).with_header(location))
        }
        Reply::File(status, content_type, bytes) => {
            let body =
                if content_type.starts_with("text/html") { http::inject_livereload(&bytes) } else { bytes.to_vec() };
            let body = if method == "HEAD" { Vec::new() } else { body };
            let response = tiny_http::Response::from_data(body)
                .with_status_code(status)
                .with_header(tiny_http::Header::from_bytes("Content-Type", content_type).expect("valid header"))
                .with_header(tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("valid header"));
            request.respond(response)
        }
        Reply::Status(status, message) => {
            let mut response =
                tiny_http::Response::from_string(format!("{status} {message}\n")).with_status_code(status);
            if status == 405 {
                response.add_header(tiny_http::Header::from_bytes("Allow", "GET, HEAD").expect("valid header"));
            }
            request.respond(response)
        }
    };
}

/// The page served while no build has succeeded yet: the errors, and the reload script
/// so the page refreshes once a save fixes them.
fn first_build_failed_page(error_json: &str) -> Vec<u8> {
    let text: String = serde_json::from_str(error_json).unwrap_or_default();
    let body = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gloss: the site does not build</title></head>\
         <body><h1>The site does not build yet</h1><p>Fix these problems and save; this page reloads by itself.</p>\
         <pre>{}</pre></body></html>",
        crate::text::escape_html(&text)
    );
    http::inject_livereload(body.as_bytes())
}

/// Holds an event stream open: the current error state first, then every broadcast,
/// with a comment line every 15 s so closed connections are noticed.
fn stream_events(request: tiny_http::Request, shared: &Shared) {
    let (tx, rx) = mpsc::sync_channel::<String>(16);
    {
        let mut clients = shared.clients.lock().unwrap_or_else(|e| e.into_inner());
        if clients.len() >= MAX_CLIENTS {
            drop(clients);
            let _ = request.respond(tiny_http::Response::from_string("too many clients\n").with_status_code(503));
            return;
        }
        clients.push(tx);
    }
    let current_error = shared.snapshot.read().unwrap_or_else(|e| e.into_inner()).error.clone();
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out.write_all(head.as_bytes()).and_then(|_| out.write_all(b": connected\n\n")).and_then(|_| out.flush()).is_err()
    {
        return;
    }
    if let Some(json) = current_error {
        let _ = out.write_all(format!("event: build-error\ndata: {json}\n\n").as_bytes()).and_then(|_| out.flush());
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(message.as_bytes()).and_then(|_| out.flush()).is_err() {
            return;
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; visit {url}");
    }
}
