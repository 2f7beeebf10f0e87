//! Quotes in their own language (FORMAT.md 8.4): the original is shown on the quote's
//! page marked with its `lang`, is in the quote's JSON-LD, and is searchable.

use crate::support::{jsonld, SiteTest};

fn site() -> SiteTest {
    SiteTest::new("languages").entity("zel", "Volodymyr Zelenskyy", "person").article(
        "a",
        "title: A\ndate: 2024-11-08\nsources:\n  - { id: s, title: S }\nquotes:\n  - id: zel-quote\n    by: zel\n\
         \x20   text: We will defend ourselves\n    original: Ми будемо захищатися\n    lang: uk\n    date: 2024-11-01\n    source: s",
        "He said: \"We will defend ourselves\".\n",
    )
}

#[test]
fn the_original_words_are_shown_marked_with_their_language() {
    let out = site().build();
    let page = out.main("quotes/zel-quote/");
    assert!(page.contains("<blockquote lang=\"uk\"><p>Ми будемо захищатися</p></blockquote>"), "{page}");
    assert!(page.contains("As said, in Ukrainian"), "{page}");
    let jsonld = jsonld(&out.file("quotes/zel-quote/index.html"));
    assert_eq!(jsonld["translationOfWork"]["text"], "Ми будемо захищатися");
    assert_eq!(jsonld["translationOfWork"]["inLanguage"], "uk");
}

#[test]
fn search_finds_a_quote_by_its_original_words() {
    let out = site().build();
    let items: serde_json::Value = serde_json::from_str(&out.file("search/d/0.json")).unwrap();
    let items = items.as_array().unwrap();
    let quote = items.iter().find(|i| i["k"] == "quote").unwrap();
    assert!(quote["x"].as_str().unwrap().contains("захищатися"), "{quote}");
    let found = crate::search::urls(&out, "захищатися");
    assert!(found.contains(&"quotes/zel-quote/".to_string()), "the original's word finds the quote: {found:?}");
}
