//! The dev server's request rules, independent of the HTTP library: which requests are
//! allowed, which file a path names, and how a reply is shaped. Files come only from
//! the in-memory output, so no request can reach the disk.

use std::collections::HashMap;

use crate::render::Bytes;

/// Longest request target accepted.
const MAX_URL: usize = 8 * 1024;
/// Where the live-reload script is served.
pub(crate) const LIVERELOAD_JS: &str = "/__gloss/livereload.js";
/// Where the live-reload event stream is served.
pub(crate) const EVENTS: &str = "/__gloss/events";

/// What to answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reply {
    /// A file: status, content type, body.
    File(u16, &'static str, Bytes),
    /// The live-reload event stream.
    Events,
    /// A redirect (302) to this path.
    Redirect(String),
    /// An error status with a short plain-text explanation.
    Status(u16, &'static str),
}

/// The request facts the rules look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RequestInfo<'a> {
    /// `GET`, `HEAD`, …
    pub(crate) method: &'a str,
    /// The request target as sent.
    pub(crate) url: &'a str,
    /// The `Host` header, if any.
    pub(crate) host: Option<&'a str>,
    /// How many `Host` headers the request carried (more than one is refused).
    pub(crate) hosts: usize,
    /// The `Origin` header, if any.
    pub(crate) origin: Option<&'a str>,
}

/// Host names the server answers to: loopback, and the address it is bound to.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts(pub Vec<String>);

impl AllowedHosts {
    /// Loopback names plus `bind` (unless it is a wildcard address).
    pub(crate) fn for_bind(bind: &str) -> AllowedHosts {
        let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "::1"].iter().map(|s| s.to_string()).collect();
        let bind = bind.trim_start_matches('[').trim_end_matches(']');
        if !["0.0.0.0", "::"].contains(&bind) && !hosts.iter().any(|h| h == bind) {
            hosts.push(bind.to_string());
        }
        AllowedHosts(hosts)
    }

    fn allows(&self, host: &str) -> bool {
        self.0.iter().any(|h| h.eq_ignore_ascii_case(host))
    }
}

/// The host name of a `Host` header value (`[::1]:8080` → `::1`), or `None` if malformed.
fn host_name(value: &str) -> Option<&str> {
    let value = value.trim();
    if let Some(rest) = value.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())) {
            return None;
        }
        return (!name.is_empty()).then_some(name);
    }
    let (name, port) = match value.rsplit_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (value, None),
    };
    let valid_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    let valid_port = port.is_none_or(|p| p.parse::<u16>().is_ok());
    (valid_name && valid_port).then_some(name)
}

/// Decides the reply to a request against the current output `files`, which are
/// served under `base_path` (the path of the site's `base_url`, `/` or `/sub/`), as in
/// production; `/` redirects there.
pub(crate) fn route(
    req: RequestInfo<'_>,
    allowed: &AllowedHosts,
    files: &HashMap<String, Bytes>,
    livereload: &Bytes,
    base_path: &str,
) -> Reply {
    if req.url.len() > MAX_URL {
        return Reply::Status(414, "URI too long");
    }
    if req.hosts > 1 {
        return Reply::Status(400, "repeated Host header");
    }
    match req.host.map(host_name) {
        None => return Reply::Status(400, "missing Host header"),
        Some(None) => return Reply::Status(400, "malformed Host header"),
        Some(Some(h)) if !allowed.allows(h) => return Reply::Status(403, "this server only answers to localhost"),
        Some(Some(_)) => {}
    }
    if let Some(origin) = req.origin {
        let host = origin.split_once("://").map(|(_, rest)| rest).and_then(host_name);
        if !host.is_some_and(|h| allowed.allows(h)) {
            return Reply::Status(403, "cross-origin requests are refused");
        }
    }
    if req.method != "GET" && req.method != "HEAD" {
        return Reply::Status(405, "only GET and HEAD are allowed");
    }
    let path = match decode_path(req.url) {
        Ok(p) => p,
        Err(status) => return Reply::Status(status, if status == 400 { "bad request" } else { "not found" }),
    };
    match path.as_str() {
        p if format!("/{p}") == EVENTS => return Reply::Events,
        p if format!("/{p}") == LIVERELOAD_JS => {
            return Reply::File(200, "text/javascript; charset=utf-8", livereload.clone())
        }
        _ => {}
    }
    let base = base_path.trim_start_matches('/');
    if !base.is_empty() && (path.is_empty() || format!("{path}/") == base) {
        return Reply::Redirect(base_path.to_string());
    }
    let Some(path) = path.strip_prefix(base).map(str::to_string) else { return not_found(files) };
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.clone(), format!("{path}/index.html")]
    };
    for c in candidates {
        if let Some(bytes) = files.get(&c) {
            return Reply::File(200, content_type(&c), bytes.clone());
        }
    }
    not_found(files)
}

/// The site's 404 page, with status 404.
fn not_found(files: &HashMap<String, Bytes>) -> Reply {
    match files.get("404.html") {
        Some(bytes) => Reply::File(404, "text/html; charset=utf-8", bytes.clone()),
        None => Reply::Status(404, "not found"),
    }
}

/// The output path a request target names: percent-decoded, query and fragment
/// dropped, empty segments skipped. `..`, `.`, backslashes, NUL and invalid UTF-8 are
/// refused (404 for traversal, 400 for malformed input).
pub(crate) fn decode_path(url: &str) -> Result<String, u16> {
    if !url.starts_with('/') {
        return Err(400);
    }
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let mut bytes = Vec::with_capacity(raw.len());
    let mut it = raw.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex = [it.next().ok_or(400u16)?, it.next().ok_or(400u16)?];
            let hex = std::str::from_utf8(&hex).map_err(|_| 400u16)?;
            bytes.push(u8::from_str_radix(hex, 16).map_err(|_| 400u16)?);
        } else {
            bytes.push(b);
        }
    }
    let decoded = String::from_utf8(bytes).map_err(|_| 400u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(404),
            s if s.contains('%') => return Err(404),
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Ok(path)
}

/// The `Content-Type` for an output file, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// `html` with the live-reload script added before its closing `</body>`.
pub(crate) fn inject_livereload(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVERELOAD_JS}\" defer></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashMap<String, Bytes> {
        [("index.html", "home"), ("404.html", "nf"), ("a/index.html", "a"), ("style.css", "css")]
            .iter()
            .map(|(k, v)| (k.to_string(), Bytes::new(v.as_bytes().to_vec())))
            .collect()
    }

    fn get(url: &str, host: &str) -> Reply {
        let req = RequestInfo { method: "GET", url, host: Some(host), hosts: 1, origin: None };
        route(req, &AllowedHosts::for_bind("127.0.0.1"), &files(), &Bytes::new(b"js".to_vec()), "/")
    }

    #[test]
    fn a_sub_path_site_is_served_under_its_path_and_slash_redirects_there() {
        let req = |url| RequestInfo { method: "GET", url, host: Some("127.0.0.1"), hosts: 1, origin: None };
        let under = |url| route(req(url), &AllowedHosts::for_bind("127.0.0.1"), &files(), &Bytes::default(), "/news/");
        assert_eq!(under("/"), Reply::Redirect("/news/".into()));
        assert_eq!(under("/news"), Reply::Redirect("/news/".into()));
        assert_eq!(status(under("/news/")), 200);
        assert_eq!(status(under("/news/a/")), 200);
        assert_eq!(status(under("/news/style.css")), 200);
        assert_eq!(status(under("/a/")), 404, "outside the base path");
    }

    fn status(r: Reply) -> u16 {
        match r {
            Reply::File(s, _, _) | Reply::Status(s, _) => s,
            Reply::Events => 200,
            Reply::Redirect(_) => 302,
        }
    }

    #[test]
    fn serves_pages_and_not_found() {
        assert_eq!(status(get("/", "127.0.0.1:1111")), 200);
        assert_eq!(status(get("/a/", "localhost:1111")), 200);
        assert_eq!(status(get("/a", "localhost")), 200);
        assert_eq!(status(get("/style.css?v=1", "[::1]:1111")), 200);
        assert_eq!(status(get("/missing/", "localhost")), 404);
    }

    #[test]
    fn refuses_traversal_and_malformed_targets() {
        for url in
            ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2fsecret", "/a/./", "/%252e%252e%252f", "/secret/."]
        {
            assert_eq!(status(get(url, "localhost")), 404, "{url}");
        }
        for url in ["http://evil/x", "*", "/%00", "/%ff", "/a\\b", "/%zz"] {
            assert_eq!(status(get(url, "localhost")), 400, "{url}");
        }
    }

    #[test]
    fn refuses_foreign_hosts_origins_and_methods() {
        assert_eq!(status(get("/", "attacker.example")), 403);
        assert_eq!(status(get("/", "[")), 400);
        let req = RequestInfo {
            method: "GET",
            url: EVENTS,
            host: Some("localhost"),
            hosts: 1,
            origin: Some("http://evil.example"),
        };
        assert_eq!(status(route(req, &AllowedHosts::for_bind("127.0.0.1"), &files(), &Bytes::default(), "/")), 403);
        let req = RequestInfo { method: "POST", url: "/", host: Some("localhost"), hosts: 1, origin: None };
        assert_eq!(status(route(req, &AllowedHosts::for_bind("127.0.0.1"), &files(), &Bytes::default(), "/")), 405);
        let req = RequestInfo { method: "GET", url: "/", host: Some("localhost:1"), hosts: 1, origin: Some(":::") };
        assert_eq!(status(route(req, &AllowedHosts::for_bind("127.0.0.1"), &files(), &Bytes::default(), "/")), 403);
    }
}
