//! The W3C Web Annotation export (FORMAT.md 8.6): `articles/<slug>/annotations.jsonld`
//! holds the article's quotes, annotations and `@` references, and each selector
//! finds its words in the published page, read with a real HTML parser.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::SiteTest;

/// An article whose passages cross inline markup, hold references and notes, sit beside
/// footnotes, code and escaped HTML, and use text outside the Basic Multilingual Plane.
fn annotated() -> SiteTest {
    SiteTest::new("annotated")
        .entity("ada", "Ada Lovelace", "person")
        .entity("babbage", "Charles Babbage", "person")
        .article(
            "engine",
            "title: The <engine> & its notes\ndate: 2024-03-01\nauthors: [ada]\n\
             sources:\n  - { id: notes, title: The notes }\n\
             quotes:\n  - { id: weaves, by: ada, text: weaves algebraic patterns, date: 1843-01-01, source: notes }\n\
             annotations:\n  - { exact: the Analytical Engine, note: \"Designed by [Babbage](@babbage); never *finished*.\" }\n\
             \x20 - { exact: Смета на 🧮 машину, ref: babbage }",
            "[Ada](@ada) wrote that the engine *weaves* algebraic patterns, [of the Analytical Engine](@babbage) too.[^1]\n\n\
             Markup shown as text: <b>bold</b> & `a < b` before the drawings.\n\n\
             ```\nfn main() {}\n```\n\n\
             Смета на 🧮 машину, said [Babbage](@babbage).\n\n\
             [^1]: A footnote about [Ada](@ada).\n",
        )
}

/// The text content of `.article-body` in `html`, as a browser's DOM gives it.
fn body_text(html: &str) -> Vec<char> {
    let doc = Html::parse_document(html);
    let body = doc.select(&Selector::parse(".article-body").unwrap()).next().expect("an article body");
    body.text().collect::<String>().chars().collect()
}

fn items(collection: &Value) -> &Vec<Value> {
    collection["first"]["items"].as_array().expect("the first page holds the items")
}

fn collection(out: &crate::support::Built, slug: &str) -> Value {
    serde_json::from_str(&out.file(&format!("articles/{slug}/annotations.jsonld"))).expect("valid JSON")
}

/// Checks that every selector of article `slug`'s annotations finds its words, with
/// their prefix and suffix, at its offsets in the page's body; returns how many there are.
fn assert_selectors_find_their_words(out: &crate::support::Built, slug: &str) -> usize {
    let text = body_text(&out.file(&format!("articles/{slug}/index.html")));
    let all = collection(out, slug);
    for item in items(&all) {
        let selectors = item["target"]["selector"].as_array().unwrap();
        let quote = selectors.iter().find(|s| s["type"] == "TextQuoteSelector").expect("a quote selector");
        let css = selectors.iter().find(|s| s["type"] == "CssSelector").expect("a position selector's scope");
        assert_eq!(css["value"], ".article-body");
        let position = &css["refinedBy"];
        assert_eq!(position["type"], "TextPositionSelector");
        let (start, end) = (position["start"].as_u64().unwrap() as usize, position["end"].as_u64().unwrap() as usize);
        let at = |from: usize, to: usize| text[from..to].iter().collect::<String>();
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(at(start, end), exact, "{item:#}");
        let prefix = quote["prefix"].as_str().unwrap();
        assert_eq!(at(start - prefix.chars().count(), start), prefix, "{item:#}");
        let suffix = quote["suffix"].as_str().unwrap();
        assert_eq!(at(end, end + suffix.chars().count()), suffix, "{item:#}");
        assert_eq!(item["target"]["source"], format!("https://example.org/articles/{slug}/"));
    }
    items(&all).len()
}

#[test]
fn every_selector_finds_its_words_in_the_published_body() {
    let out = annotated().build();
    assert!(assert_selectors_find_their_words(&out, "engine") >= 7, "quote, two annotations, references");
}

#[test]
fn offsets_count_as_a_browser_does_after_raw_html() {
    let out = SiteTest::new("raw")
        .file("site.yaml", "title: Raw\nbase_url: https://example.org/\nraw_html: true\n")
        .article(
            "raw",
            "title: Raw\ndate: 2024-01-01\nannotations:\n  - { exact: the vote came, note: late }",
            "<pre>\nline one &amp; two\n</pre>\n\n<p>Shown <em>as</em> HTML</p>\n\nThen the vote came.\n",
        )
        .build();
    assert_eq!(assert_selectors_find_their_words(&out, "raw"), 1);
}

#[test]
fn quotes_comment_and_references_have_fitting_motivations_and_bodies() {
    let out = annotated().build();
    let all = collection(&out, "engine");
    assert_eq!(all["type"], "AnnotationCollection");
    assert_eq!(all["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(all["total"].as_u64().unwrap() as usize, items(&all).len());
    let exact = |i: &Value| i["target"]["selector"][0]["exact"].as_str().unwrap().to_string();
    let find =
        |words: &str| items(&all).iter().find(|i| exact(i) == words).unwrap_or_else(|| panic!("{words}: {all:#}"));
    let quote = find("weaves algebraic patterns");
    assert_eq!(quote["motivation"], "linking");
    assert_eq!(quote["body"][0]["source"], "https://example.org/quotes/weaves/");
    assert_eq!(quote["body"][1]["source"], "https://example.org/entities/ada/");
    assert_eq!(quote["body"][1]["purpose"], "identifying");
    let note = find("the Analytical Engine");
    assert_eq!(note["motivation"], "commenting");
    assert_eq!(note["body"][0]["type"], "TextualBody");
    assert_eq!(note["body"][0]["value"], "Designed by Babbage; never finished.");
    let about = find("Смета на 🧮 машину");
    assert_eq!(about["motivation"], "linking", "a passage with only a ref links it");
    let mention = find("Ada");
    assert_eq!(mention["motivation"], "identifying");
    assert_eq!(mention["body"][0]["source"], "https://example.org/entities/ada/");
    assert_eq!(mention["creator"][0]["name"], "Ada Lovelace");
    let starts: Vec<u64> =
        items(&all).iter().map(|i| i["target"]["selector"][1]["refinedBy"]["start"].as_u64().unwrap()).collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "in reading order: {starts:?}");
}

#[test]
fn the_article_links_its_annotations_and_a_sub_path_site_stays_absolute() {
    let out = annotated().build_with(Some("https://example.org/news/"));
    let page = out.file("articles/engine/index.html");
    assert!(page.contains(r#"<link rel="alternate" type="application/ld+json" href="annotations.jsonld""#), "{page}");
    assert!(page.contains(r#"<a href="annotations.jsonld" type="application/ld+json">"#));
    let all = collection(&out, "engine");
    assert_eq!(all["id"], "https://example.org/news/articles/engine/annotations.jsonld");
    for item in items(&all) {
        assert!(item["id"]
            .as_str()
            .unwrap()
            .starts_with("https://example.org/news/articles/engine/annotations.jsonld#"));
        for body in item["body"].as_array().unwrap().iter().filter(|b| b["type"] == "SpecificResource") {
            assert!(body["source"].as_str().unwrap().starts_with("https://example.org/news/"), "{body}");
        }
    }
    assert!(!out.file("sitemap.xml").contains("annotations.jsonld"), "the sitemap lists pages only");
}

#[test]
fn an_article_without_annotations_exports_an_empty_collection() {
    let out = SiteTest::new("plain").article("plain", "title: Plain\ndate: 2024-01-01", "Nothing to see.\n").build();
    let all = collection(&out, "plain");
    assert_eq!(all["type"], "AnnotationCollection");
    assert_eq!(all["total"], 0);
    assert!(all.get("first").is_none(), "an empty collection has no pages: {all:#}");
}
