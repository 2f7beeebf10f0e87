//! Text-anchored quotes and annotations (FORMAT.md 4.2) as they come out in the HTML.

use crate::support::SiteTest;

fn quote_site(name: &str, quote_fm: &str, body: &str) -> SiteTest {
    SiteTest::new(name).entity("speaker", "The Speaker", "person").article(
        "a",
        &format!("title: A\ndate: 2024-01-01\nquotes:\n{quote_fm}"),
        body,
    )
}

#[test]
fn quote_is_found_across_emphasis_and_a_line_break() {
    let site = quote_site(
        "across",
        "  - { id: q1, by: speaker, text: satellite images are a serious thing }",
        "He said that satellite *images are*\na serious thing, and left.\n",
    );
    insta::assert_snapshot!(site.build().main("articles/a/"));
}

#[test]
fn curly_and_straight_quotes_match_each_other() {
    let site = quote_site(
        "curly",
        "  - { id: q1, by: speaker, text: \"it's “over”\" }",
        "She wrote: it’s \"over\" for now.\n",
    );
    insta::assert_snapshot!(site.build().main("articles/a/"));
}

#[test]
fn prefix_and_suffix_select_the_occurrence() {
    let body = "The vote was close. The vote was final. The vote was late.\n";
    let fm = "annotations:\n  - { exact: The vote, prefix: \"close. \", note: second }\n  - { exact: The vote, suffix: \" was late\", note: third }";
    let site = SiteTest::new("prefix").article("a", &format!("title: A\ndate: 2024-01-01\n{fm}"), body);
    let page = site.build().main("articles/a/");
    let first = page.find(r#"id="note-1">The vote</span>"#).expect("second occurrence anchored");
    let second = page.find(r#"id="note-2">The vote</span>"#).expect("third occurrence anchored");
    assert!(page[..first].contains("The vote was close."), "note 1 is on the second occurrence");
    assert!(page[first..second].contains("was final."), "note 2 is on the third occurrence");
}

#[test]
fn overlapping_passages_nest_and_notes_follow_their_passage() {
    let site = SiteTest::fixture("every-page");
    insta::assert_snapshot!(site.build().main("articles/engine/"));
}

#[test]
fn an_anchor_that_is_missing_or_ambiguous_fails_the_build_with_its_place() {
    let site = SiteTest::new("missing").article(
        "a",
        "title: A\ndate: 2024-01-01\nannotations:\n  - { exact: nowhere, note: x }\n  - { exact: twice, note: y }",
        "twice and\n\ntwice again\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr));
    assert!(!site.root.join("public").exists(), "nothing written");
}
