//! Built-in templates, overridable file by file; the site works from a sub-path.

use crate::support::SiteTest;

#[test]
fn a_template_override_replaces_the_built_in_one() {
    let site = SiteTest::fixture("every-page").file(
        "templates/quote.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">Said: {{ quote.text }}</p>{% endblock main %}",
    );
    let out = site.build();
    assert!(out.main("quotes/no-pretensions/").contains("<p class=\"custom\">Said: has no pretensions"));
    assert!(
        out.file("articles/engine/index.html").contains("<article class=\"article\">"),
        "other templates stay built-in"
    );
}

#[test]
fn static_files_are_copied_and_may_replace_built_in_ones() {
    let site = SiteTest::fixture("every-page").file("static/style.css", "body{}").file("static/img/logo.svg", "<svg/>");
    let out = site.build();
    assert_eq!(out.file("style.css"), "body{}");
    assert_eq!(out.file("img/logo.svg"), "<svg/>");
}

#[test]
fn a_sub_path_base_url_yields_working_links() {
    let site = SiteTest::fixture("every-page");
    let out = site.build_with(Some("https://example.org/news/explainers/"));
    assert!(out.broken_links("/news/explainers/").is_empty(), "{:#?}", out.broken_links("/news/explainers/"));
    let not_found = out.file("404.html");
    assert!(not_found.contains(r#"href="/news/explainers/style.css""#), "404 links are absolute to the base path");
    let article = out.file("articles/engine/index.html");
    assert!(article.contains(r#"<link rel="canonical" href="https://example.org/news/explainers/articles/engine/">"#));
    assert!(article.contains(r#"href="../../style.css""#));
}
