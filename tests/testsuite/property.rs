//! Property tests: whatever bytes an article holds, gloss never panics, and every
//! diagnostic points at a real line and column of its file.

use gloss::LoadOptions;
use proptest::prelude::*;

use crate::support::SiteTest;

/// Pieces of Markdown, YAML and gloss syntax that tend to meet at odd angles.
const TOKENS: &[&str] = &[
    "---\n",
    "title: T\n",
    "date: 2024-01-01\n",
    "quotes:\n",
    "  - { id: q, by: kim, text: Kim said }\n",
    "annotations:\n",
    "  - { exact: said, note: n }\n",
    "Kim",
    " said",
    "\n",
    "\n\n",
    "*",
    "**",
    "_",
    "`",
    "```\n",
    "[",
    "]",
    "(",
    ")",
    "](@kim)",
    "](@nope)",
    "@",
    "> ",
    "- ",
    "1. ",
    "# ",
    "{#x}",
    "<script>",
    "&#x6A;",
    "“",
    "”",
    "'",
    "\"",
    "\t",
    "\r\n",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: n\n",
    "<!--",
    "javascript:",
    "é",
    "\u{feff}",
    "\0",
];

fn check(bytes: &[u8], site: &SiteTest) -> Result<(), TestCaseError> {
    std::fs::write(site.root.join("content/articles/a.md"), bytes).unwrap();
    let compiled = gloss::compile(&LoadOptions { root: site.root.clone(), drafts: false, base_url: None });
    for d in compiled.diagnostics.sorted(&compiled.sources) {
        let text = compiled.sources.text(d.file);
        let (line, col) = compiled.sources.line_col(d.file, d.span.start);
        prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{}", d.short(&compiled.sources));
        prop_assert!(line >= 1 && line <= text.split('\n').count().max(1), "{}", d.short(&compiled.sources));
        let line_text = text.split('\n').nth(line - 1).unwrap_or("");
        prop_assert!(col >= 1 && col <= line_text.chars().count() + 1, "{}", d.short(&compiled.sources));
    }
    Ok(())
}

fn site() -> SiteTest {
    SiteTest::new("property").entity("kim", "Kim", "person").file("content/articles/a.md", "")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes, &site())?;
    }

    #[test]
    fn token_soup_never_panics(picks in proptest::collection::vec(0..TOKENS.len(), 0..80)) {
        let text: String = picks.iter().map(|&i| TOKENS[i]).collect();
        check(text.as_bytes(), &site())?;
    }

    #[test]
    fn token_soup_after_valid_front_matter_never_panics(picks in proptest::collection::vec(0..TOKENS.len(), 0..80)) {
        let body: String = picks.iter().map(|&i| TOKENS[i]).collect();
        let text = format!("---\ntitle: T\ndate: 2024-01-01\n---\n{body}");
        check(text.as_bytes(), &site())?;
    }
}

/// Characters and spellings an attacker reaches for: quotes and angle brackets,
/// attribute syntax, control and bidi characters, noncharacters, script URLs.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "<",
    ">",
    "&",
    "{",
    "}",
    "=",
    "#",
    ".",
    "\u{1}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{fffe}",
    "\u{fdd0}",
    "\u{feff}",
    "javascript:alert(1)",
    "JaVa\tScRiPt:x",
    "&#106;avascript:x",
    "vbscript:x",
    "data:text/html,x",
    "onerror=alert(1)",
    " onfocus=x ",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "</script>",
    "-->",
    "\\",
    "\n",
    "Kim",
    " ",
    "@kim",
    "[^1]",
    "é",
];

/// A YAML double-quoted scalar holding `s` exactly (control characters as escapes).
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{feff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..HOSTILE.len(), 0..12).prop_map(|picks| picks.iter().map(|&i| HOSTILE[i]).collect())
}

/// Builds a site whose front-matter strings and body are `values` and `body`, and
/// returns the audit of its output (empty when the build failed: nothing written).
fn build_hostile(values: &[String], body: &str, case: usize) -> Vec<String> {
    let [title, summary, context, note, source, label] = values else { unreachable!() };
    let fm = format!(
        "title: {}\ndate: 2024-01-01\nsummary: {}\nauthors: [kim, {}]\ntags: [{}]\nsources:\n  - {{ id: src, title: {}, url: {} }}\n\
         quotes:\n  - {{ id: q, by: kim, text: Kim said, context: {}, source: src }}\n\
         annotations:\n  - {{ exact: said, note: {} }}\nevents:\n  - {{ date: 2024-01-02, label: {} }}\n\
         image: pic.svg\nimage_alt: {}\nimage_credit: {}\nimages:\n  - {{ id: pic, file: pic.svg, alt: {}, caption: {}, credit: {} }}",
        yaml_quoted(title),
        yaml_quoted(summary),
        yaml_quoted(label),
        yaml_quoted(label),
        yaml_quoted(source),
        yaml_quoted(&format!("https://example.org/{source}")),
        yaml_quoted(context),
        yaml_quoted(note),
        yaml_quoted(label),
        yaml_quoted(&format!("x{label}")),
        yaml_quoted(context),
        yaml_quoted(&format!("x{title}")),
        yaml_quoted(note),
        yaml_quoted(source),
    );
    let site = SiteTest::new(&format!("hostile-prop-{case}"))
        .file("site.yaml", "title: T\nbase_url: https://example.org/sub/path/\n")
        .entity("kim", "Kim", "person")
        .file("static/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>")
        .article("a", &fm, &format!("Kim said hello.\n\n{body}\n\n![](@pic)\n"));
    let opts = gloss::BuildOptions {
        load: LoadOptions { root: site.root.clone(), drafts: false, base_url: None },
        output: None,
        force: false,
        no_cache: false,
    };
    let compiled = gloss::build(&opts).expect("build runs");
    let out = site.root.join("public");
    if compiled.diagnostics.has_errors() {
        assert!(!out.exists(), "a failed build wrote output");
        return Vec::new();
    }
    let problems = crate::support::audit_output(&out);
    let _ = std::fs::remove_dir_all(&site.root);
    problems
}

static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_strings_never_make_unsafe_or_malformed_output(
        values in proptest::collection::vec(hostile_text(), 6),
        body in hostile_text(),
    ) {
        let case = CASE.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let problems = build_hostile(&values, &body, case);
        prop_assert!(problems.is_empty(), "{problems:#?}");
    }
}
