//! Autolinking (FORMAT.md 4.3).

use crate::support::SiteTest;

fn site(name: &str, mode: &str, body: &str) -> SiteTest {
    SiteTest::new(name).entity("kim-jong-un", "Kim Jong-un", "person").entity("kursk", "Kursk", "place").article(
        "a",
        &format!("title: A\ndate: 2024-01-01\nautolink: {mode}"),
        body,
    )
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The article body alone (the page also lists the entities in a sidebar).
fn body(site: SiteTest) -> String {
    let page = site.build().main("articles/a/");
    let start = page.find("<div class=\"article-body\">").unwrap();
    let end = page[start..].find("</div>").unwrap();
    page[start..start + end].to_string()
}

#[test]
fn first_links_only_the_first_plain_mention() {
    let text = "## Kursk today\n\nSee `Kursk` and [the map](https://example.org/Kursk).\n\nKursk is cold. Kursk is far. Kurskaya is not Kursk's twin.\n";
    let page = body(site("first", "first", text));
    // Only the first plain mention is linked: never one in a heading, code or a link.
    assert_eq!(count(&page, r#"href="../../entities/kursk/""#), 1, "{page}");
    insta::assert_snapshot!(page);
}

#[test]
fn an_explicit_reference_before_suppresses_the_autolink() {
    let text = "[The town](@kursk) first. Then Kursk again.\n";
    let page = body(site("explicit", "first", text));
    assert_eq!(count(&page, r#"href="../../entities/kursk/""#), 1, "{page}");
    insta::assert_snapshot!(page);
}

#[test]
fn all_links_every_occurrence_and_none_links_nothing() {
    let text = "Kursk, Kursk and Kim Jong-un.\n";
    let all = body(site("all", "all", text));
    assert_eq!(count(&all, r#"href="../../entities/kursk/""#), 2);
    insta::assert_snapshot!("all", all);
    let none = body(site("none", "none", text));
    assert_eq!(count(&none, "class=\"ref"), 0);
}

#[test]
fn a_name_the_markdown_parser_splits_is_still_found_whole() {
    // pulldown-cmark gives `&`, `&amp;` and `\[` as text events of their own: the pieces
    // of prose are joined before names are looked for.
    let site = SiteTest::new("split").entity("pg", "Procter & Gamble", "organization").entity(
        "ab",
        "A[B] Group",
        "organization",
    );
    let text = "Procter & Gamble, Procter &amp; Gamble and A\\[B\\] Group, but not Procter `&` Gamble.\n";
    let page = body(site.article("a", "title: A\ndate: 2024-01-01\nautolink: all", text));
    assert_eq!(count(&page, r#"href="../../entities/pg/""#), 2, "{page}");
    assert_eq!(count(&page, r#"href="../../entities/ab/""#), 1, "{page}");
    assert!(page.contains("Procter <code>&amp;</code> Gamble"), "{page}");
}
