//! Every page of FORMAT.md section 5 exists and the cross-links between them land.
//! (What each kind of page shows is pinned by the snapshots in `snapshots.rs`.)

use crate::support::{attr_values, SiteTest};

#[test]
fn every_page_kind_is_written() {
    let out = SiteTest::fixture("every-page").build();
    for file in [
        "index.html",
        "articles/engine/index.html",
        "articles/older/index.html",
        "entities/index.html",
        "entities/ada-lovelace/index.html",
        "quotes/index.html",
        "quotes/no-pretensions/index.html",
        "documents/index.html",
        "documents/engine-notes/index.html",
        "documents/engine-notes/note-g/index.html",
        "timeline/index.html",
        "search/index.html",
        "search/meta.json",
        "search/d/0.json",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "style.css",
        "syntax.css",
    ] {
        assert!(out.has(file), "{file} is missing");
    }
    assert!(out.broken_links("/").is_empty(), "{:#?}", out.broken_links("/"));
}

#[test]
fn entity_page_lists_every_mention_with_a_deep_link_that_lands() {
    let site = SiteTest::fixture("every-page");
    let out = site.build();
    let entity = out.main("entities/ada-lovelace/");
    let links: Vec<String> = attr_values(&entity, "href")
        .into_iter()
        .filter(|h| h.starts_with("../../articles/") && h.contains('#'))
        .collect();
    // engine: autolinked name, speaker of the quote, author is not a mention, figure value;
    // older: autolinked name.
    assert!(links.iter().any(|l| l == "../../articles/engine/#m-ada-lovelace-1"), "{links:#?}");
    assert!(links.iter().any(|l| l == "../../articles/engine/#q-no-pretensions"), "{links:#?}");
    assert!(links.iter().any(|l| l == "../../articles/engine/#val-note-count-1"), "{links:#?}");
    assert!(links.iter().any(|l| l == "../../articles/older/#m-ada-lovelace-1"), "{links:#?}");
    for link in &links {
        let (path, fragment) = link.trim_start_matches("../../").split_once('#').unwrap();
        let target = out.file(&format!("{path}index.html"));
        assert!(attr_values(&target, "id").iter().any(|i| i == fragment), "#{fragment} not on {path}");
    }
    assert!(entity.contains("<mark>Ada Lovelace</mark> wrote seven notes"), "the mention shows its sentence");
}

#[test]
fn every_page_has_json_ld_and_open_graph() {
    let out = SiteTest::fixture("every-page").build();
    for (path, kind) in [
        ("articles/engine/", "NewsArticle"),
        ("entities/ada-lovelace/", "Person"),
        ("entities/analytical-society/", "Organization"),
        ("entities/london/", "Place"),
        ("quotes/no-pretensions/", "Quotation"),
        ("documents/engine-notes/", "Legislation"),
        ("documents/engine-notes/note-g/", "Legislation"),
        ("", "WebSite"),
    ] {
        let html = out.file(&format!("{path}index.html"));
        assert!(html.contains(&format!(r#""@type":"{kind}""#)), "{path} lacks {kind}");
        assert!(html.contains(r#"<meta property="og:title""#), "{path} lacks og:title");
        assert!(html.contains(&format!(r#"<link rel="canonical" href="https://example.org/{path}">"#)), "{path}");
    }
}

#[test]
fn long_lists_continue_on_numbered_pages() {
    let mut site =
        SiteTest::new("paginate").file("site.yaml", "title: T\nbase_url: https://example.org/\npaginate: 2\n");
    site = site.entity("kim", "Kim", "person");
    for i in 1..=5 {
        let fm =
            format!("title: Article {i}\ndate: 2024-01-0{i}\nquotes:\n  - {{ id: q{i}, by: kim, text: Kim spoke }}");
        site = site.article(&format!("a{i}"), &fm, "Kim spoke.");
    }
    let out = site.build();
    assert!(out.has("page/2/index.html") && out.has("page/3/index.html") && !out.has("page/4/index.html"));
    assert!(out.has("entities/kim/page/3/index.html"));
    let second = out.main("entities/kim/page/2/");
    assert!(second.contains("Article 3") && second.contains("Article 2") && !second.contains("Article 5"));
    assert!(second.contains(r#"<a href="../../../../entities/kim/">The first page</a> has the profile"#), "{second}");
    let first = out.main("entities/kim/");
    assert!(first.contains(r#"id="s-quotes""#) && !second.contains(r#"id="s-quotes""#), "quotes stay on page 1");
    assert!(out.broken_links("/").is_empty(), "{:#?}", out.broken_links("/"));
}

#[test]
fn the_timeline_continues_on_numbered_pages_from_the_latest_events_back() {
    let mut site = SiteTest::new("timeline-pages")
        .file("site.yaml", "title: T\nbase_url: https://example.org/sub/\npaginate: 2\n");
    for i in 1..=5 {
        let fm = format!(
            "title: Article {i}\ndate: 2024-01-0{i}\nevents:\n  - {{ date: 2023-0{i}-15, label: Event <{i}> & co }}"
        );
        site = site.article(&format!("a{i}"), &fm, "Text.");
    }
    let out = site.build();
    assert!(out.has("timeline/page/3/index.html") && !out.has("timeline/page/4/index.html"));
    let labels = |path: &str| {
        let html = out.main(path);
        (1..=5).filter(|i| html.contains(&format!("Event &lt;{i}&gt; &amp; co"))).collect::<Vec<_>>()
    };
    assert_eq!(labels("timeline/"), [4, 5], "page 1 holds the latest events");
    assert_eq!(labels("timeline/page/2/"), [2, 3]);
    assert_eq!(labels("timeline/page/3/"), [1], "the last page holds the earliest");
    let first = out.main("timeline/");
    assert!(first.find("Event &lt;4&gt;").unwrap() < first.find("Event &lt;5&gt;").unwrap(), "in date order");
    assert!(first.contains(r#"<a href="../timeline/page/2/" rel="next">Older →</a>"#), "{first}");
    let last = out.file("timeline/page/3/index.html");
    assert!(last.contains("<title>Timeline (page 3)"), "{last}");
    assert!(out.file("sitemap.xml").contains("https://example.org/sub/timeline/page/3/"));
    assert!(out.broken_links("/sub/").is_empty(), "{:#?}", out.broken_links("/sub/"));
}

#[test]
fn page_links_stay_few_however_many_pages_there_are() {
    let mut site = SiteTest::new("window").file("site.yaml", "title: T\nbase_url: https://example.org/\npaginate: 1\n");
    for i in 1..=20 {
        site = site.article(&format!("a{i}"), &format!("title: Article {i}\ndate: 2024-01-{i:02}"), "Text.");
    }
    let out = site.build();
    let nav = |path: &str| {
        let html = out.file(path);
        let start = html.find(r#"<nav class="pagination""#).expect("a pagination");
        html[start..start + html[start..].find("</nav>").unwrap()].to_string()
    };
    let tags = regex::Regex::new("<[^>]*>").unwrap();
    let numbers = |nav: &str| -> Vec<String> {
        let items = nav.split("<li").skip(1).map(|li| li.split("</li>").next().unwrap_or_default());
        items.map(|li| tags.replace_all(&format!("<li{li}"), "").trim().to_string()).collect()
    };
    assert_eq!(
        numbers(&nav("page/10/index.html")),
        ["← Newer", "1", "…", "8", "9", "10", "11", "12", "…", "20", "Older →"]
    );
    assert_eq!(numbers(&nav("index.html")), ["1", "2", "3", "…", "20", "Older →"]);
    assert_eq!(numbers(&nav("page/19/index.html")), ["← Newer", "1", "…", "17", "18", "19", "20", "Older →"]);
    let middle = nav("page/10/index.html");
    assert!(
        middle.contains(r#"<span aria-current="page">10</span>"#)
            && middle.contains(r#"<a href="../../page/20/">20</a>"#),
        "{middle}"
    );
    assert!(middle.contains(r#"<li class="gap" aria-hidden="true">…</li>"#), "{middle}");
}

#[test]
fn drafts_build_only_when_asked() {
    let site = SiteTest::new("drafts").article("wip", "title: WIP\ndate: 2024-01-01\ndraft: true", "Soon.");
    let out = site.build();
    assert!(!out.has("articles/wip/index.html"));
    let status = site.run(&["build", "--drafts"]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(out.has("articles/wip/index.html"));
}

#[test]
fn fenced_code_is_highlighted_with_classes() {
    let site = SiteTest::new("code").article("c", "title: C\ndate: 2024-01-01", "```json\n{\"a\": 1}\n```\n");
    let out = site.build();
    let page = out.main("articles/c/");
    assert!(page.contains(r#"<code class="language-json">"#), "{page}");
    assert!(page.contains(r#"<span class="hl-"#));
    let css = out.file("syntax.css");
    assert!(css.contains(".hl-") && css.contains("prefers-color-scheme: dark"));
}

#[test]
fn articles_are_referenced_by_slug_and_their_headings_by_slug_and_id() {
    let site = SiteTest::new("article-refs")
        .article(
            "older",
            "title: The older one\ndate: 2024-01-01",
            "## Early days {#early}\n\n## What followed\n\nText.\n",
        )
        .article(
            "newer",
            "title: The newer one\ndate: 2024-02-01\nsummary: Follows [the older one](@older).",
            "See [it](@older), [its start](@older#early) and [the rest](@older#what-followed).\n",
        );
    let out = site.build();
    let body = out.main("articles/newer/");
    let hrefs = attr_values(&body, "href");
    for want in ["../../articles/older/", "../../articles/older/#early", "../../articles/older/#what-followed"] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    assert!(body.contains(r#"data-card-title="The older one" data-card-kind="Explainer""#), "{body}");
    assert!(out.broken_links("/").is_empty(), "{:?}", out.broken_links("/"));
}

#[test]
fn html_shown_in_prose_and_code_is_never_taken_for_a_link() {
    let body = "To embed it, paste `<a href=\"widget.html\">` and write href=\"nowhere\" in the text.\n\n\
                ```html\n<a href=\"gone.html\" src='x.png' id=dup>x</a>\n```\n";
    let site = SiteTest::new("html-in-prose").article(
        "a",
        "title: Paste <a href=\"widget.html\"> here\ndate: 2024-01-01\nsummary: The words href=\"nowhere\" in prose.",
        body,
    );
    let out = site.build();
    assert!(out.broken_links("/").is_empty(), "{:?}", out.broken_links("/"));
}
