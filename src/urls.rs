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
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("articles/x/"), "../../");
    }
}
