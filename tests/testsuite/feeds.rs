//! Following a subject (FORMAT.md 8.6): each entity, document and provision has an
//! Atom feed of the explainers that mention it, newest first, with absolute URLs, and
//! its page links it. The feeds are read with an XML parser, as a feed reader would.

use crate::support::{tag_attributes, SiteTest};

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// What a reader takes from an Atom feed.
#[derive(Debug)]
pub(crate) struct Atom {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) updated: String,
    pub(crate) links: Vec<(String, String)>,
    /// Each entry's (title, id, alternate link, published, updated, summary).
    pub(crate) entries: Vec<[String; 6]>,
}

fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    let child = node.children().find(|c| c.has_tag_name((ATOM, name)));
    child.unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name())).text().unwrap_or("").to_string()
}

fn links(node: roxmltree::Node<'_, '_>) -> Vec<(String, String)> {
    node.children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .map(|l| (l.attribute("rel").unwrap_or("alternate").to_string(), l.attribute("href").unwrap().to_string()))
        .collect()
}

/// Parses `xml` as an Atom feed, asserting the elements every feed and entry needs.
pub(crate) fn parse_atom(xml: &str) -> Atom {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is an Atom <feed>");
    let entries = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|e| {
            let alternate = links(e).into_iter().find(|(rel, _)| rel == "alternate").expect("an entry link").1;
            let summary = e.children().find(|c| c.has_tag_name((ATOM, "summary"))).and_then(|s| s.text());
            [
                child_text(e, "title"),
                child_text(e, "id"),
                alternate,
                child_text(e, "published"),
                child_text(e, "updated"),
                summary.unwrap_or("").to_string(),
            ]
        })
        .collect();
    Atom {
        id: child_text(feed, "id"),
        title: child_text(feed, "title"),
        updated: child_text(feed, "updated"),
        links: links(feed),
        entries,
    }
}

fn site() -> SiteTest {
    SiteTest::new("follow")
        .file("site.yaml", "title: Desk\nbase_url: https://example.org/news/\n")
        .entity("kim", "Kim Jong Un", "person")
        .entity("lee", "Lee", "person")
        .file(
            "content/documents/treaty.md",
            "---\ntitle: The Treaty\nkind: treaty\nprovisions:\n  - { id: art-4, title: Article 4, text: Mutual defence. }\n---\nA treaty.\n",
        )
        .article("first", "title: First\ndate: 2024-01-01\nsummary: The first one.", "[Kim](@kim) spoke.\n")
        .article("second", "title: Second & more\ndate: 2024-02-01\nupdated: 2024-03-05", "Kim Jong Un and [Article 4](@treaty/art-4) of [the treaty](@treaty).\n")
        .article("third", "title: Third\ndate: 2024-02-15", "Nobody is mentioned.\n")
}

#[test]
fn an_entity_feed_lists_the_articles_that_mention_it_newest_first() {
    let out = site().build();
    let feed = parse_atom(&out.file("entities/kim/feed.xml"));
    assert_eq!(feed.title, "Desk: Kim Jong Un");
    assert_eq!(feed.id, "https://example.org/news/entities/kim/");
    assert!(feed.links.contains(&("self".into(), "https://example.org/news/entities/kim/feed.xml".into())));
    assert!(feed.links.contains(&("alternate".into(), "https://example.org/news/entities/kim/".into())));
    let titles: Vec<&str> = feed.entries.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(titles, ["Second & more", "First"]);
    let second = &feed.entries[0];
    assert_eq!(second[1], "https://example.org/news/articles/second/");
    assert_eq!(second[2], second[1]);
    assert_eq!((second[3].as_str(), second[4].as_str()), ("2024-02-01T00:00:00Z", "2024-03-05T00:00:00Z"));
    assert_eq!(feed.entries[1][5], "The first one.");
    assert_eq!(feed.updated, "2024-03-05T00:00:00Z", "the feed changed when its newest entry did");
}

#[test]
fn documents_and_provisions_have_feeds_and_a_subject_nobody_mentions_has_an_empty_one() {
    let out = site().build();
    for path in ["documents/treaty/feed.xml", "documents/treaty/art-4/feed.xml"] {
        let feed = parse_atom(&out.file(path));
        let ids: Vec<&str> = feed.entries.iter().map(|e| e[1].as_str()).collect();
        assert_eq!(ids, ["https://example.org/news/articles/second/"], "{path}");
    }
    assert_eq!(parse_atom(&out.file("documents/treaty/art-4/feed.xml")).title, "Desk: Article 4, The Treaty");
    let empty = parse_atom(&out.file("entities/lee/feed.xml"));
    assert!(empty.entries.is_empty());
    assert_eq!(empty.updated, "1970-01-01T00:00:00Z");
    assert!(!out.file("sitemap.xml").contains("feed.xml"), "the sitemap lists pages, not feeds");
}

#[test]
fn subject_pages_link_their_feed_in_the_head_and_offer_to_follow_it() {
    let out = site().build();
    for (page, feed) in [
        ("entities/kim/", "../../entities/kim/feed.xml"),
        ("documents/treaty/", "../../documents/treaty/feed.xml"),
        ("documents/treaty/art-4/", "../../../documents/treaty/art-4/feed.xml"),
    ] {
        let html = out.file(&format!("{page}index.html"));
        let head = &html[..html.find("</head>").unwrap()];
        let alternates: Vec<String> =
            tag_attributes(head, "href").into_iter().filter(|h| h.ends_with("feed.xml")).collect();
        assert!(alternates.contains(&feed.to_string()), "{page}: {alternates:?}");
        assert!(head.contains(r#"type="application/atom+xml" title="New explainers that mention"#), "{page}");
        let main = out.main(page);
        assert!(tag_attributes(&main, "href").contains(&feed.to_string()), "{page} has a Follow link");
    }
}

#[test]
fn a_feed_is_capped_at_twenty_entries_and_the_same_bytes_each_build() {
    let mut site = site();
    for n in 0..25 {
        site = site.article(&format!("n{n:02}"), &format!("title: N{n}\ndate: 2023-01-{:02}", n + 1), "[Kim](@kim).\n");
    }
    let once = site.build().file("entities/kim/feed.xml");
    let feed = parse_atom(&once);
    assert_eq!(feed.entries.len(), 20);
    assert_eq!(feed.entries[0][0], "Second & more");
    assert_eq!(feed.entries[19][0], "N7", "the newest twenty, newest first");
    assert_eq!(site.build().file("entities/kim/feed.xml"), once);
}

#[test]
fn every_feed_of_the_bundled_site_is_atom_with_absolute_urls_under_its_sub_path() {
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-feeds");
    let opts = gloss::BuildOptions {
        load: gloss::LoadOptions { root: env!("CARGO_MANIFEST_DIR").into(), drafts: false, base_url: None },
        output: Some(out.clone()),
        force: false,
        no_cache: false,
    };
    assert!(!gloss::build(&opts).expect("build runs").diagnostics.has_errors());
    let base = "https://example.org/kursk-front/";
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.file_name().is_none_or(|n| n != "feed.xml") {
            continue;
        }
        let rel = path.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        let feed = parse_atom(&std::fs::read_to_string(&path).unwrap());
        assert!(feed.links.contains(&("self".into(), format!("{base}{rel}"))), "{rel}: {:?}", feed.links);
        let page = format!("{base}{}", rel.trim_end_matches("feed.xml"));
        assert!(feed.links.contains(&("alternate".into(), page.clone())) && feed.id == page, "{rel}");
        let dates: Vec<&str> = feed.entries.iter().map(|e| e[3].as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{rel}: newest first: {dates:?}");
        assert!(feed.entries.iter().all(|e| e[1].starts_with(base) && e[2] == e[1]), "{rel}");
        seen += 1;
    }
    // The site's feed and one per entity (32), document (2), provision (3) and tag (8).
    assert!(seen >= 46, "only {seen} feeds");
}
