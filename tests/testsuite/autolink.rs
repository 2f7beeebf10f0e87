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
    assert_eq!(count(&page, r#"href="../../entities/kursk/""#), 1, "{page}");
    assert!(
        page.contains(r#"<a class="ref ref-place" href="../../entities/kursk/" data-ref="kursk" id="m-kursk-1" data-card-title="Kursk" data-card-kind="Place" data-card-text="">Kursk</a> is cold."#),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"kursk-today\">Kursk today</h2>"), "never in headings");
    assert!(page.contains("<code>Kursk</code>"), "never in code");
    assert!(page.contains(r#"<a href="https://example.org/Kursk">the map</a>"#), "never in links");
}

#[test]
fn an_explicit_reference_before_suppresses_the_autolink() {
    let text = "[The town](@kursk) first. Then Kursk again.\n";
    let page = body(site("explicit", "first", text));
    assert_eq!(count(&page, r#"href="../../entities/kursk/""#), 1, "{page}");
    assert!(page.contains("Then Kursk again."));
}

#[test]
fn all_links_every_occurrence_and_none_links_nothing() {
    let text = "Kursk, Kursk and Kim Jong-un.\n";
    let all = body(site("all", "all", text));
    assert_eq!(count(&all, r#"href="../../entities/kursk/""#), 2);
    assert!(all.contains(r#"id="m-kim-jong-un-1" data-card-title="Kim Jong-un" data-card-kind="Person" data-card-text="">Kim Jong-un</a>"#), "longest name wins");
    let none = body(site("none", "none", text));
    assert_eq!(count(&none, "class=\"ref"), 0);
}
