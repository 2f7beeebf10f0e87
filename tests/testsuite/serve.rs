//! `gloss serve` as a browser meets it, over real HTTP: pages, refusals, live reload,
//! and a broken edit that keeps the last good page served. Also `gloss new`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::SiteTest;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(site: &SiteTest) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Server { child, port }
}

/// Sends a raw request (the target exactly as given) and returns status and body.
fn request(port: u16, method: &str, target: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn get(port: u16, target: &str) -> (u16, String) {
    request(port, "GET", target, &format!("127.0.0.1:{port}"))
}

/// Reads the event stream until `needle` arrives; returns what was read.
fn wait_for(events: &mut TcpStream, seen: &mut String, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut buf = [0u8; 4096];
    while !seen.contains(needle) {
        assert!(Instant::now() < deadline, "no '{needle}' on the event stream; got:\n{seen}");
        if let Ok(n) = events.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
    std::mem::take(seen)
}

#[test]
fn serve_answers_refuses_reloads_and_survives_a_broken_edit() {
    let site = SiteTest::fixture("every-page");
    let server = start(&site);
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("/__gloss/livereload.js"), "the reload script is injected when serving");
    assert_eq!(get(port, "/articles/older/").0, 200);
    assert_eq!(get(port, "/style.css").0, 200);
    let (status, body) = get(port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));

    for target in
        ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/%252e%252e%252fetc"]
    {
        assert_eq!(get(port, target).0, 404, "{target}");
    }
    assert_eq!(get(port, "http://evil.example/x").0, 400);
    assert_eq!(get(port, "/%ff").0, 400);
    assert_eq!(request(port, "GET", "/", "attacker.example").0, 403);
    assert_eq!(request(port, "POST", "/", "localhost").0, 405);
    assert_eq!(request(port, "DELETE", "/index.html", "localhost").0, 405);

    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(events, "GET /__gloss/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").unwrap();
    let mut seen = String::new();
    wait_for(&mut events, &mut seen, ": connected");

    let article = site.root.join("content/articles/older.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("met in Cambridge", "met weekly in Cambridge")).unwrap();
    wait_for(&mut events, &mut seen, "event: reload");
    assert!(get(port, "/articles/older/").1.contains("met weekly in Cambridge"));

    std::fs::write(&article, "---\ntitle: Broken\ndate: someday\n---\nText.\n").unwrap();
    let error = wait_for(&mut events, &mut seen, "event: build-error");
    assert!(error.contains("content/articles/older.md:3:7"), "{error}");
    let (status, page) = get(port, "/articles/older/");
    assert_eq!(status, 200);
    assert!(page.contains("met weekly in Cambridge"), "the last good page is still served");

    std::fs::write(&article, text).unwrap();
    wait_for(&mut events, &mut seen, "event: reload");
    assert!(get(port, "/articles/older/").1.contains("met in Cambridge"));
}

#[test]
fn build_output_has_no_live_reload() {
    let out = SiteTest::fixture("every-page").build();
    for file in ["index.html", "articles/engine/index.html", "404.html"] {
        assert!(!out.file(file).contains("__gloss"), "{file}");
    }
}

#[test]
fn new_site_builds_and_checks_without_warnings() {
    let parent = SiteTest::new("new-parent");
    let dir = parent.root.join("fresh");
    let made = Command::new(env!("CARGO_BIN_EXE_gloss")).arg("new").arg(&dir).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let site = SiteTest { root: dir.clone() };
    let check = site.run(&["check"]);
    assert!(check.status.success());
    assert_eq!(String::from_utf8_lossy(&check.stderr).trim(), "No problems found.");
    let out = site.build();
    for page in [
        "articles/what-the-council-decided/",
        "entities/ada-byron/",
        "quotes/byron-open-doors/",
        "documents/example-charter/article-1/",
    ] {
        assert!(out.has(&format!("{page}index.html")), "{page}");
    }
    assert!(out.broken_links("/").is_empty());
    let again = Command::new(env!("CARGO_BIN_EXE_gloss")).arg("new").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(2), "a non-empty folder is refused");
}

#[test]
fn a_site_that_never_built_shows_its_errors_but_only_to_local_pages() {
    let site = SiteTest::new("serve-broken").article("a", "title: A\ndate: someday", "Text.\n");
    let server = start(&site);
    let (status, body) = get(server.port, "/");
    assert_eq!(status, 503);
    assert!(body.contains("content/articles/a.md:3:7"), "{body}");
    assert!(body.contains("/__gloss/livereload.js"), "the page reloads once fixed");
    assert_eq!(request(server.port, "GET", "/", "attacker.example").0, 403);
    assert_eq!(request(server.port, "POST", "/", "localhost").0, 405);
}

#[test]
fn a_sub_path_site_links_the_same_way_in_build_and_serve() {
    let site = SiteTest::new("sub-path")
        .file("site.yaml", "title: T\nbase_url: https://example.org/explainers/\n")
        .file("static/pdf/report.pdf", "%PDF-1.4")
        .article(
            "a",
            "title: A\ndate: 2024-01-01",
            "Read [the report](/explainers/pdf/report.pdf) or [about us](/about/).\n",
        );
    let built = site.build();
    assert!(built.broken_links("/explainers/").is_empty(), "{:?}", built.broken_links("/explainers/"));
    let server = start(&site);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", server.port).unwrap();
    let mut reply = String::new();
    let _ = s.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 302"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("location: /explainers/\r\n"), "{reply}");
    let (status, page) = get(server.port, "/explainers/articles/a/");
    assert_eq!(status, 200);
    assert!(page.contains(r#"href="/explainers/pdf/report.pdf""#), "{page}");
    assert_eq!(get(server.port, "/explainers/pdf/report.pdf"), (200, "%PDF-1.4".to_string()));
    assert_eq!(get(server.port, "/articles/a/").0, 404, "outside the base path");
}
