//! Corrections (FORMAT.md 8.3): shown at the top of their article and beside what they
//! correct, on the corrected quote's page, on `/corrections/` newest first, and as
//! the article's date of last change in JSON-LD, the feed and the sitemap.

use crate::support::{jsonld, SiteTest};

fn corrected() -> SiteTest {
    SiteTest::new("corrected")
        .entity("ada", "Ada Lovelace", "person")
        .article(
            "engine",
            "title: The engine\ndate: 2024-03-01\nupdated: 2024-03-05\n\
             sources:\n  - { id: notes, title: The notes }\n\
             quotes:\n  - { id: weaves, by: ada, text: weaves algebraic patterns, date: 1843-01-01, source: notes }\n\
             figures:\n  - id: pages\n    label: Pages of notes\n    values:\n      - { value: 65, by: ada }\n\
             corrections:\n  - date: 2024-03-02\n    text: An earlier version misquoted *Lovelace*.\n    ref: weaves\n\
             \x20 - date: 2024-03-09\n    text: An earlier version gave the number of pages as 56.\n    ref: pages\n\
             \x20 - date: 2024-03-09\n    text: The headline was shortened.",
            "She wrote that it weaves algebraic patterns.\n",
        )
        .article(
            "older",
            "title: Older\ndate: 2024-01-01\ncorrections:\n  - { date: 2024-03-04, text: A date was wrong. }",
            "Text.\n",
        )
}

#[test]
fn an_article_lists_its_corrections_newest_first_and_beside_what_they_correct() {
    let out = corrected().build();
    let page = out.main("articles/engine/");
    let top = &page[page.find("<aside class=\"corrections\"").expect("a corrections box")..];
    let top = &top[..top.find("</aside>").unwrap()];
    let order: Vec<usize> =
        ["cor-3", "cor-2", "cor-1"].iter().map(|id| top.find(&format!("id=\"{id}\"")).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first, the later-written first on one date: {top}");
    assert!(top.contains("misquoted <em>Lovelace</em>"), "{top}");
    let figure = &page[page.find("id=\"fig-pages\"").unwrap()..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    assert!(figure.contains("<strong>Correction</strong>") && figure.contains("as 56."), "{figure}");
    let quote = out.main("quotes/weaves/");
    assert!(quote.contains("misquoted <em>Lovelace</em>"), "the quote's page shows its correction: {quote}");
    assert!(!out.main("articles/older/").contains("as 56."));
}

#[test]
fn the_corrections_page_lists_every_correction_newest_first() {
    let out = corrected().build();
    let page = out.main("corrections/");
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} missing from {page}"));
    assert!(
        at("The headline was shortened") < at("as 56.")
            && at("as 56.") < at("A date was wrong")
            && at("A date was wrong") < at("misquoted")
    );
    assert!(page.contains("href=\"../articles/engine/#cor-1\""), "{page}");
    assert!(out.main("").contains("Corrections"), "the front page shows the latest");
    assert!(out.file("index.html").contains("href=\"./corrections/\""), "the footer links the page");
}

#[test]
fn the_latest_correction_is_the_date_of_last_change() {
    let out = corrected().build();
    let jsonld = jsonld(&out.file("articles/engine/index.html"));
    assert_eq!(jsonld["dateModified"], "2024-03-09");
    let feed = out.file("feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    let updated = entry.children().find(|n| n.has_tag_name("updated")).unwrap().text().unwrap();
    assert!(updated.starts_with("2024-03-09"), "{updated}");
    let sitemap = out.file("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let lastmod: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .filter_map(|u| {
            let text =
                |tag: &str| u.children().find(|n| n.has_tag_name(tag)).and_then(|n| n.text()).map(str::to_string);
            Some((text("loc")?, text("lastmod")?))
        })
        .collect();
    assert!(lastmod.contains(&("https://example.org/articles/engine/".into(), "2024-03-09".into())), "{lastmod:?}");
    assert!(lastmod.contains(&("https://example.org/articles/older/".into(), "2024-03-04".into())), "{lastmod:?}");
}

#[test]
fn the_corrections_feed_is_atom_newest_first() {
    let out = corrected().build();
    let feed = out.file("corrections/feed.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(atom));
    let entries: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .map(|e| {
            let child = |tag: &str| e.children().find(|n| n.has_tag_name((atom, tag))).unwrap();
            (child("id").text().unwrap().to_string(), child("summary").text().unwrap().to_string())
        })
        .collect();
    let ids: Vec<&str> = entries.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/articles/engine/#cor-3",
            "https://example.org/articles/engine/#cor-2",
            "https://example.org/articles/older/#cor-1",
            "https://example.org/articles/engine/#cor-1",
        ]
    );
    assert_eq!(entries[3].1, "An earlier version misquoted Lovelace.");
    let updated = doc.descendants().find(|n| n.has_tag_name((atom, "updated"))).unwrap().text().unwrap();
    assert!(updated.starts_with("2024-03-09"), "{updated}");
    assert!(out.file("corrections/index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\""));
}
