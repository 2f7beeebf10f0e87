//! Content is untrusted (FORMAT.md 6): it is escaped wherever it lands.

use crate::support::SiteTest;

const EVIL: &str = r#"</title><script>alert(1)</script> "q" 'a'"#;

#[test]
fn front_matter_text_with_script_comes_out_escaped() {
    let fm = format!(
        "title: '{}'\ndate: 2024-01-01\nsummary: 'S <script>x()</script>'\nquotes:\n  - {{ id: q1, by: evil, text: here, context: '{}' }}",
        EVIL.replace('\'', "''"),
        EVIL.replace('\'', "''")
    );
    let site = SiteTest::new("escape")
        .file(
            "content/entities/evil.md",
            &format!(
                "---\nname: '{}'\nkind: person\ndescription: '</script><b>x</b>'\n---\n",
                EVIL.replace('\'', "''")
            ),
        )
        .article("a", &fm, "The words here, said [someone](@evil).\n");
    let out = site.build();
    for file in [
        "articles/a/index.html",
        "quotes/q1/index.html",
        "entities/evil/index.html",
        "index.html",
        "feed.xml",
        "search/d/0.json",
    ] {
        let text = out.file(file);
        assert!(!text.contains("<script>alert"), "{file} has a raw script tag");
        assert!(!text.contains("</title><script>"), "{file}");
        assert!(!text.contains("<b>x</b>"), "{file}");
    }
    let article = out.file("articles/a/index.html");
    assert!(!article.contains("data-card-text=\"</script>"), "card data is escaped");
    assert!(
        article.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;"),
        "title escaped in HTML"
    );
    assert!(article.contains(r#"\u003c/title\u003e\u003cscript\u003e"#), "title escaped inside JSON-LD");
}

#[test]
fn raw_html_and_script_links_in_bodies_are_neutralised() {
    let body = "<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> and [click](javascript:alert(1)) and [x](JaVaScRiPt:alert(2)).\n";
    let site = SiteTest::new("raw").article("a", "title: A\ndate: 2024-01-01", body);
    let page = site.build().main("articles/a/");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "{page}");
    assert!(!page.to_lowercase().contains("javascript:"), "{page}");
}

#[test]
fn raw_html_passes_when_the_site_opts_in() {
    let site = SiteTest::new("rawok")
        .file("site.yaml", "title: T\nbase_url: https://example.org/\nraw_html: true\n")
        .article("a", "title: A\ndate: 2024-01-01", "A <kbd>key</kbd>.\n");
    assert!(site.build().main("articles/a/").contains("<kbd>key</kbd>"));
}

#[test]
fn template_syntax_in_content_is_never_evaluated() {
    let site = SiteTest::new("tera").article(
        "a",
        "title: '{{ 7*7 }}'\ndate: 2024-01-01",
        "{% include \"base.html\" %} {{ 7*7 }}\n",
    );
    let page = site.build().main("articles/a/");
    assert!(page.contains("{{ 7*7 }}") && page.contains("{% include \"base.html\" %}"), "{page}");
    assert!(!page.contains("49"));
}
