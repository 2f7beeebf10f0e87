//! Tags (FORMAT.md 8.6): the tag index, each tag's pages (paginated) and feed, tags as
//! links on articles, and two spellings with one slug being one tag.

use crate::feeds::parse_atom;
use crate::support::{tag_attributes, SiteTest};

fn site() -> SiteTest {
    SiteTest::new("tags")
        .file("site.yaml", "title: Desk\nbase_url: https://example.org/news/\npaginate: 2\n")
        .article("a", "title: Oldest\ndate: 2024-01-01\ntags: [North Korea, ukraine]", "Body.\n")
        .article("b", "title: Middle\ndate: 2024-02-01\ntags: [north-korea, Ukraine]", "Body.\n")
        .article("c", "title: Newest\ndate: 2024-03-01\ntags: [North Korea, Élections 2024]", "Body.\n")
}

/// The targets of the links in `main` that go to a tag page, in order.
fn tag_links(main: &str) -> Vec<String> {
    tag_attributes(main, "href").into_iter().filter(|h| h.contains("tags/")).collect()
}

#[test]
fn the_tag_index_lists_every_tag_by_name_with_its_count() {
    let out = site().build();
    let main = out.main("tags/");
    assert!(main.contains(">North Korea</a> <span class=\"muted\">3 explainers</span>"), "{main}");
    assert!(main.contains(">Élections 2024</a> <span class=\"muted\">1 explainer</span>"), "{main}");
    // Sorted by name, accents aside: É with E.
    assert_eq!(tag_links(&main), ["../tags/élections-2024/", "../tags/north-korea/", "../tags/ukraine/"]);
    let home = out.file("index.html");
    assert!(tag_attributes(&home, "href").contains(&"./tags/".to_string()), "Tags is in the site nav");
}

#[test]
fn two_spellings_with_one_slug_are_one_tag_named_as_most_articles_spell_it() {
    let out = site().build();
    // "North Korea" twice against "north-korea" once; "Ukraine" and "ukraine" once
    // each, so the one that sorts first.
    assert!(out.main("tags/north-korea/").contains("<h1 class=\"page-title\">North Korea</h1>"));
    assert!(out.main("tags/ukraine/").contains("<h1 class=\"page-title\">Ukraine</h1>"));
    assert!(!out.has("tags/north korea/index.html") && !out.has("tags/North-Korea/index.html"));
    let article = out.main("articles/b/");
    assert!(
        article.contains(r#"<a class="tag" href="../../tags/north-korea/" rel="tag">North Korea</a>"#),
        "{article}"
    );
    assert!(article.contains(r#"<a class="tag" href="../../tags/ukraine/" rel="tag">Ukraine</a>"#), "{article}");
}

#[test]
fn a_tag_page_lists_its_articles_newest_first_paginated() {
    let out = site().build();
    let first = out.main("tags/north-korea/");
    let newest = first.find(">Newest</a>").expect("newest on page 1");
    let middle = first.find(">Middle</a>").expect("middle on page 1");
    assert!(newest < middle && !first.contains(">Oldest</a>"), "{first}");
    assert!(tag_attributes(&first, "href").contains(&"../../tags/north-korea/page/2/".to_string()));
    let second = out.main("tags/north-korea/page/2/");
    assert!(second.contains(">Oldest</a>") && !second.contains(">Newest</a>"), "{second}");
    assert!(!out.has("tags/ukraine/page/2/index.html"), "two articles fit on one page");
    let sitemap = out.file("sitemap.xml");
    for url in ["tags/", "tags/north-korea/", "tags/north-korea/page/2/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.org/news/{url}</loc>")), "{url} in the sitemap");
    }
}

#[test]
fn a_tag_has_an_atom_feed_linked_from_its_page() {
    let out = site().build();
    let feed = parse_atom(&out.file("tags/north-korea/feed.xml"));
    assert_eq!(feed.title, "Desk: North Korea");
    assert!(feed.links.contains(&("self".into(), "https://example.org/news/tags/north-korea/feed.xml".into())));
    assert!(feed.links.contains(&("alternate".into(), "https://example.org/news/tags/north-korea/".into())));
    let ids: Vec<&str> = feed.entries.iter().map(|e| e[1].as_str()).collect();
    let url = |s: &str| format!("https://example.org/news/articles/{s}/");
    assert_eq!(ids, [url("c"), url("b"), url("a")]);
    assert_eq!(feed.updated, "2024-03-01T00:00:00Z");
    let html = out.file("tags/north-korea/page/2/index.html");
    let head = &html[..html.find("</head>").unwrap()];
    assert!(tag_attributes(head, "href").contains(&"../../../../tags/north-korea/feed.xml".to_string()), "{head}");
}
