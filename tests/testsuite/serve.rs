//! `gloss serve` as a browser meets it, over real HTTP: pages, refusals, live reload,
//! and a broken edit that keeps the last good page served. Also `gloss new`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// A `gloss serve` process, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
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

/// Starts `gloss serve` on `site` and waits until it answers.
pub(crate) fn start(site: &SiteTest) -> Server {
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

    let article = site.root.join("content/articles/older/index.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("met in Cambridge", "met weekly in Cambridge")).unwrap();
    wait_for(&mut events, &mut seen, "event: reload");
    assert!(get(port, "/articles/older/").1.contains("met weekly in Cambridge"));

    std::fs::write(&article, "---\ntitle: Broken\ndate: someday\n---\nText.\n").unwrap();
    let error = wait_for(&mut events, &mut seen, "event: build-error");
    assert!(error.contains("content/articles/older/index.md:3:7"), "{error}");
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

/// A tiny web server for the external-link checker: `/ok` answers 200, `/moved` and
/// `/moved2` redirect there, `/gone` 404, `/broken` 500, `/slow` answers late,
/// `/nohead` refuses HEAD. Returns its port and a count of the requests it got.
fn web_server() -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buf = [0u8; 2048];
                let n = stream.read(&mut buf).unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).to_string();
                let mut words = request.split_whitespace();
                let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let reply = match (method, path) {
                    (_, "/ok") => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_string(),
                    (_, "/moved") => "HTTP/1.1 301 Moved\r\nLocation: /moved2\r\nContent-Length: 0\r\n\r\n".to_string(),
                    (_, "/moved2") => "HTTP/1.1 301 Moved\r\nLocation: /ok\r\nContent-Length: 0\r\n\r\n".to_string(),
                    ("HEAD", "/nohead") => "HTTP/1.1 405 No\r\nContent-Length: 0\r\n\r\n".to_string(),
                    ("GET", "/nohead") => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_string(),
                    (_, "/broken") => "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n".to_string(),
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(3));
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".to_string()
                    }
                    _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_string(),
                };
                let _ = stream.write_all(reply.as_bytes());
            });
        }
    });
    (port, count)
}

#[test]
fn check_external_fetches_each_url_and_reports_failures_where_they_are_written() {
    let (port, count) = web_server();
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let body = format!(
        "[a]({}) [b]({}) [c]({}) [d]({}) [e]({}) [f]({}) [g]({}) and [d again]({}).\n",
        url("/ok"),
        url("/moved"),
        url("/nohead"),
        url("/gone"),
        url("/broken"),
        url("/slow"),
        url("/skipped/gone"),
        url("/gone"),
    );
    let site = SiteTest::new("external")
        .file(
            "site.yaml",
            &format!(
                "title: T\nbase_url: https://example.org/\nexternal_skip: [\"http://127.0.0.1:{port}/skipped/\"]\n"
            ),
        )
        .article("a", "title: A\ndate: 2024-01-01", &body);
    let run = |site: &SiteTest| {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["check", "--external", "--root"])
            .arg(&site.root)
            .env("NO_COLOR", "1")
            .env("GLOSS_EXTERNAL_TIMEOUT", "0.5")
            .output()
            .unwrap()
    };
    let out = run(&site);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let failures: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: external link")).collect();
    assert_eq!(failures.len(), 4, "gone twice, broken, slow:\n{stderr}");
    assert!(stderr.contains(&format!("external link '{}' fails: HTTP 404", url("/gone"))), "{stderr}");
    assert!(stderr.contains(&format!("external link '{}' fails: HTTP 500", url("/broken"))), "{stderr}");
    assert!(stderr.contains(&format!("external link '{}' fails", url("/slow"))), "{stderr}");
    assert!(!failures.iter().any(|f| f.contains("/skipped/")), "skipped URLs are not fetched:\n{stderr}");
    assert!(stderr.contains("--> content/articles/a.md:5:"), "{stderr}");
    // The good answers are cached for a day: the second run asks only for the others.
    let first = count.load(std::sync::atomic::Ordering::SeqCst);
    let _ = run(&site);
    let second = count.load(std::sync::atomic::Ordering::SeqCst) - first;
    assert!(second > 0 && second < first, "first run {first} requests, second {second}");
    assert!(site.root.join(".gloss-cache/external-links.json").is_file());
}
