//! Every citation, both ways: a quote's page lists every article that quotes or
//! references it, and an article's page the articles that link it.

use crate::support::SiteTest;

#[test]
fn quotes_and_articles_list_who_cites_them() {
    let out = SiteTest::new("citations")
        .entity("ada", "Ada Lovelace", "person")
        .article(
            "first",
            "title: First\ndate: 2024-01-01\nsources:\n  - { id: s, title: S }\n\
             quotes:\n  - { id: weaves, by: ada, text: weaves algebraic patterns, date: 1843-01-01, source: s }",
            "She said it weaves algebraic patterns.\n",
        )
        .article(
            "second",
            "title: Second\ndate: 2024-02-01",
            "As [she put it](@weaves), and as [our first piece](@first) explained.\n",
        )
        .article("third", "title: Third\ndate: 2024-03-01", "Nothing cited here.\n")
        .build();
    let quote = out.main("quotes/weaves/");
    let cited = &quote[quote.find("id=\"s-cited\"").expect("a Cited in list")..];
    assert!(cited.contains("href=\"../../articles/first/\""), "{cited}");
    assert!(cited.contains("href=\"../../articles/second/\""), "{cited}");
    assert!(!cited.contains("articles/third/"), "{cited}");
    let first = out.main("articles/first/");
    let referred = &first[first.find("id=\"s-referred\"").expect("a Referred to by list")..];
    assert!(referred.contains("href=\"../../articles/second/\" class=\"link-article\">Second</a>"), "{referred}");
    assert!(!out.main("articles/third/").contains("s-referred"));
    assert!(!out.main("articles/second/").contains("s-referred"), "an article is not referred to by itself");
}
