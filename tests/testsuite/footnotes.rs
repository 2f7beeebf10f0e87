//! Footnotes (FORMAT.md 8.2) and embeds let through with `raw_html: true`, as they come
//! out on the article page of `tests/fixtures/embeds`.

use crate::support::{attr_values, tag_attributes, SiteTest};

/// The article body: from its opening `<div>` to the end of the Notes list.
fn body(page: &str) -> &str {
    let start = page.find("<div class=\"article-body\">").expect("article body");
    let end = page[start..].find("</section>\n</div>").expect("the Notes list closes the body");
    &page[start..start + end]
}

#[test]
fn footnotes_are_gathered_at_the_end_of_the_body_in_reference_order_with_back_links() {
    let site = SiteTest::fixture("embeds");
    let built = site.build();
    let page = built.file("articles/briefing/index.html");
    let body = body(&page);
    let notes_at = body.find("<section class=\"footnotes\" aria-labelledby=\"s-footnotes\">").expect("Notes list");
    let after = &body[notes_at..];
    assert!(after.contains("<h2 id=\"s-footnotes\">Notes</h2>"), "{after}");
    assert!(!after.contains("</p>\n<p>The rest"), "no text of the body after the Notes list");
    // Referenced: when (twice), where, who; defined: where, when, who.
    let items: Vec<usize> =
        ["fn-1\">\n<p>On 6 November", "fn-2\">\n<p>Near the town", "fn-3\">\n<p>Issued in the name"]
            .iter()
            .map(|item| after.find(item).unwrap_or_else(|| panic!("{item} missing from {after}")))
            .collect();
    assert!(items.windows(2).all(|w| w[0] < w[1]), "notes in order of first reference: {items:?}");
    assert!(!body[..notes_at].contains("Near the town of Sudzha.</p>"), "no note left where it is defined");

    // Letters, not numbers: the annotation note keeps "1", the footnote beside it is "a".
    assert_eq!(body.matches("<span class=\"sidenote-label\">a</span>").count(), 1, "one margin copy of a note");
    assert!(body.contains("<span class=\"note-num\">1</span> Reported by the Financial Times.</span><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fn-ref-1\" role=\"doc-noteref\" aria-label=\"Footnote a\">a</a></sup>"), "{body}");

    let ids = attr_values(&page, "id");
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&String> = ids.iter().filter(|id| !seen.insert(id.as_str())).collect();
    assert!(repeated.is_empty(), "ids repeat: {repeated:?}");
    let backs: Vec<String> = tag_attributes(after, "href").into_iter().filter(|h| h.starts_with("#fn-ref-")).collect();
    assert_eq!(backs, ["#fn-ref-1", "#fn-ref-1-2", "#fn-ref-2", "#fn-ref-3"]);
    for back in &backs {
        assert!(ids.contains(&back[1..].to_string()), "{back} lands nowhere");
    }
    for mark in ["#fn-1", "#fn-2", "#fn-3"] {
        assert!(ids.contains(&mark[1..].to_string()), "{mark} lands nowhere");
    }
    assert!(built.broken_links("/").is_empty(), "{:?}", built.broken_links("/"));
}

#[test]
fn a_mention_inside_a_footnote_lands_in_the_notes_list_and_its_margin_copy_has_no_ids() {
    let built = SiteTest::fixture("embeds").build();
    let page = built.file("articles/briefing/index.html");
    let body = body(&page);
    let notes_at = body.find("<section class=\"footnotes\"").unwrap();
    assert!(body[notes_at..].contains("id=\"m-kim-jong-un-1\""), "the mention's id is in the Notes list");
    let entity = built.main("entities/kim-jong-un/");
    assert!(entity.contains("articles/briefing/#m-kim-jong-un-1"), "{entity}");
    let copy_at =
        body.find("<span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-label\">c</span>").unwrap();
    let copy = &body[copy_at..copy_at + body[copy_at..].find("</span> said little").unwrap()];
    assert!(copy.contains("<a tabindex=\"-1\" class=\"ref ref-person\""), "{copy}");
    assert!(attr_values(copy, "id").is_empty(), "{copy}");
}

#[test]
fn with_raw_html_an_iframe_fits_the_column_and_loads_lazily() {
    let page = SiteTest::fixture("embeds").build().file("articles/briefing/index.html");
    let iframe = page.lines().find(|l| l.starts_with("<iframe")).expect("the iframe is let through");
    for attr in
        ["loading=\"lazy\"", "class=\"embed embed-sized\"", "style=\"aspect-ratio: 560 / 315;\"", "width=\"560\""]
    {
        assert!(iframe.contains(attr), "{attr} missing from {iframe}");
    }
}

#[test]
fn without_raw_html_the_iframe_shows_as_text_with_a_warning() {
    let site = SiteTest::fixture("embeds").file("site.yaml", "title: T\nbase_url: https://example.org/\n");
    let run = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: raw HTML '<iframe>' shown as text"), "{stderr}");
    assert!(stderr.contains("raw_html: true"), "{stderr}");
    let page = std::fs::read_to_string(site.root.join("public/articles/briefing/index.html")).unwrap();
    assert!(page.contains("<p>&lt;iframe width=\"560\""), "shown as text");
    assert!(!page.contains("<iframe"), "not let through");
}
