//! URL rules shared by every stage: which link schemes are safe, and how page
//! paths relate to each other inside the output.

/// True for links that must never reach the output: `javascript:`, `vbscript:` and
/// `data:`, however they are cased or padded with white space and control characters.
/// (HTML entities are already decoded by the Markdown parser and the YAML parser.)
pub(crate) fn is_dangerous(url: &str) -> bool {
    let cleaned: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(16).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"].iter().any(|s| cleaned.starts_with(s))
}

/// True for the URLs front matter may carry: `http`, `https`, `mailto`, or relative.
pub(crate) fn is_allowed_in_front_matter(url: &str) -> bool {
    if is_dangerous(url) || url.chars().any(char::is_control) {
        return false;
    }
    match url.find(':') {
        None => true,
        Some(i) => {
            let scheme = url[..i].to_ascii_lowercase();
            let is_path = url[..i].contains(['/', '?', '#']);
            is_path || scheme == "http" || scheme == "https" || scheme == "mailto"
        }
    }
}

/// The relative prefix from the page at `path` (`"articles/x/"`, `""` for the home page)
/// back to the site root: `"../../"`.
pub(crate) fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// `url`, a front-matter URL (absolute, or relative to the page it is shown on),
/// made absolute against `base`, that page's absolute URL (RFC 3986 resolution, dot
/// segments removed).
pub(crate) fn absolute(base: &str, url: &str) -> String {
    if url.find(':').is_some_and(|i| !url[..i].contains(['/', '?', '#'])) {
        return url.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(net) = url.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let (host, base_path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let base_path = &base_path[..base_path.find(['?', '#']).unwrap_or(base_path.len())];
    let joined = if url.starts_with('/') {
        url.to_string()
    } else if url.is_empty() || url.starts_with(['?', '#']) {
        format!("{base_path}{url}")
    } else {
        format!("{}{url}", &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)])
    };
    let (path, tail) = joined.split_at(joined.find(['?', '#']).unwrap_or(joined.len()));
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = path.split('/').collect();
    for (i, seg) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        match *seg {
            "." if last => segments.push(""),
            "." => {}
            ".." => {
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            s => segments.push(s),
        }
    }
    format!("{scheme}://{host}/{}{tail}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_disguised_script_links() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "java\tscript:x",
            " \tjavascript:x",
            "data:text/html;base64,x",
            "vbscript:x",
        ] {
            assert!(is_dangerous(url), "{url}");
        }
        assert!(!is_dangerous("https://example.org/javascript:"));
    }

    #[test]
    fn front_matter_urls_are_web_or_relative() {
        assert!(is_allowed_in_front_matter("https://example.org/"));
        assert!(is_allowed_in_front_matter("mailto:desk@example.org"));
        assert!(is_allowed_in_front_matter("/about/"));
        assert!(!is_allowed_in_front_matter("ftp://example.org/"));
        assert!(!is_allowed_in_front_matter("javascript:alert(1)"));
    }

    #[test]
    fn relative_urls_become_absolute() {
        let page = "https://example.org/news/articles/x/";
        assert_eq!(absolute(page, "https://a.org/b"), "https://a.org/b");
        assert_eq!(absolute(page, "mailto:desk@example.org"), "mailto:desk@example.org");
        assert_eq!(absolute(page, "//cdn.org/x"), "https://cdn.org/x");
        assert_eq!(absolute(page, "/about/"), "https://example.org/about/");
        assert_eq!(absolute(page, "report.pdf"), "https://example.org/news/articles/x/report.pdf");
        assert_eq!(absolute(page, "../../files/r.pdf?p=2#t"), "https://example.org/news/files/r.pdf?p=2#t");
        assert_eq!(absolute(page, "./"), "https://example.org/news/articles/x/");
        assert_eq!(absolute(page, "#s"), "https://example.org/news/articles/x/#s");
    }

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("articles/x/"), "../../");
    }
}
