//! Property tests: whatever bytes an article holds, gloss never panics, and every
//! diagnostic points at a real line and column of its file.

use gloss::load::LoadOptions;
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
        prop_assert!(
            d.span.start <= d.span.end.max(d.span.start) && d.span.start <= text.len(),
            "{}",
            d.short(&compiled.sources)
        );
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
