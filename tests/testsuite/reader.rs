//! The reader's page (issue 13): JSON-LD a search engine can take as it is, author
//! pages that list what the author wrote, excerpts cut on real sentences, table rows
//! as context, figure labels as the text reads, and counts that agree with their nouns.

use serde_json::Value;

use crate::support::{jsonld, SiteTest};

/// Every HTML page of a built site: its path and text.
fn pages(out: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (e.path().strip_prefix(out).unwrap().display().to_string(), std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// Every problem of `v`: a null, or a URL-valued field that is not absolute.
fn problems(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Null => out.push(format!("{at} is null")),
        Value::Array(items) => items.iter().for_each(|i| problems(i, at, out)),
        Value::Object(map) => {
            for (k, v) in map {
                let url_field = matches!(k.as_str(), "url" | "mainEntityOfPage" | "sameAs" | "@id" | "image");
                let strings =
                    v.as_str().into_iter().chain(v.as_array().into_iter().flatten().filter_map(Value::as_str));
                for s in strings.filter(|_| url_field) {
                    if !(s.starts_with("https://") || s.starts_with("http://")) {
                        out.push(format!("{at}.{k} = {s:?} is not absolute"));
                    }
                }
                problems(v, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

fn every_page_site() -> SiteTest {
    SiteTest::fixture("every-page").file("static/files/report.pdf", "%PDF-1.4").article(
        "relative",
        "title: Sources on the site\ndate: 2024-05-01\nauthors: [analytical-society, ada-lovelace]\n\
         sources:\n  - { id: local-report, title: A report we host, url: ../../files/report.pdf }\n  - { id: no-url, title: A letter }",
        "Written by the society.",
    )
}

#[test]
fn json_ld_has_no_null_and_only_absolute_urls_on_every_page() {
    let out = every_page_site().build_with(Some("https://example.org/news/"));
    let pages = pages(&out.out);
    assert!(pages.len() > 15, "only {} pages", pages.len());
    let mut found = Vec::new();
    for (path, html) in &pages {
        problems(&jsonld(html), path, &mut found);
    }
    assert!(found.is_empty(), "{found:#?}");
    let article = jsonld(&out.file("articles/relative/index.html"));
    let cited: Vec<&str> = article["citation"].as_array().unwrap().iter().filter_map(|c| c["url"].as_str()).collect();
    assert_eq!(cited, ["https://example.org/news/files/report.pdf"]);
}

#[test]
fn json_ld_types_authors_from_their_entity() {
    let out = every_page_site().build();
    let article = jsonld(&out.file("articles/relative/index.html"));
    let authors: Vec<(&str, &str)> = article["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["@type"].as_str().unwrap(), a["name"].as_str().unwrap()))
        .collect();
    assert_eq!(authors, [("Organization", "Analytical Society"), ("Person", "Ada Lovelace")]);
    let engine = jsonld(&out.file("articles/engine/index.html"));
    assert_eq!(engine["author"][1], serde_json::json!({ "@type": "Person", "name": "Desk Writer" }));
}

#[test]
fn an_author_page_lists_the_articles_they_wrote() {
    let out = every_page_site().build();
    let society = out.main("entities/analytical-society/");
    assert!(society.contains("Explainers by Analytical Society"), "{society}");
    assert!(society.contains("href=\"../../articles/relative/\""), "{society}");
    assert!(!society.contains("No explainer mentions"), "{society}");
    let ada = out.main("entities/ada-lovelace/");
    assert!(ada.contains("href=\"../../articles/engine/\">What the engine could not do</a>"), "{ada}");
    assert!(ada.contains("href=\"../../articles/relative/\""), "{ada}");
    let london = out.main("entities/london/");
    assert!(!london.contains("Explainers by"), "{london}");
}

fn lerner_site(body: &str) -> SiteTest {
    SiteTest::new("reader").entity("lerner", "Nicolas Lerner", "person").article(
        "a",
        "title: A\ndate: 2024-01-01",
        body,
    )
}

#[test]
fn excerpts_keep_abbreviations_inside_their_sentence() {
    let body = "It began early. At 9 a.m. the U.S. envoy met [Lerner](@lerner) in St. Petersburg. Then it ended.";
    let entity = lerner_site(body).build().main("entities/lerner/");
    assert!(entity.contains("At 9 a.m. the U.S. envoy met <mark>Lerner</mark> in St. Petersburg.</a>"), "{entity}");
}

#[test]
fn a_mention_in_a_table_cell_shows_its_row() {
    let body = "| Country | Envoy | Since |\n|---|---|---|\n| France | [Lerner](@lerner) | 2023 |\n";
    let entity = lerner_site(body).build().main("entities/lerner/");
    assert!(entity.contains("Country: France · Envoy: <mark>Lerner</mark> · Since: 2023</a>"), "{entity}");
}

#[test]
fn figure_labels_read_as_the_text_and_bars_have_no_float_noise() {
    let fm = "title: A\ndate: 2024-01-01\nfigures:\n  - id: budget\n    label: Budget\n    unit: million dollars\n    values:\n\
              \x20     - { value: 48, by: lerner, exact: \"$48 million\" }\n\
              \x20     - { value: 31, by: lerner }\n";
    let site = SiteTest::new("figure").entity("lerner", "Nicolas Lerner", "person").article(
        "a",
        fm,
        "The office asked for $48 million.",
    );
    let page = site.build().main("articles/a/");
    assert!(page.contains("<strong>$48 million</strong> · Nicolas Lerner"), "{page}");
    assert!(page.contains("<strong>31 million dollars</strong>"), "{page}");
    assert!(page.contains("width=\"387.6\""), "{page}");
    let noisy = regex::Regex::new(r#"(width|x|y)="-?\d+\.\d{2,}""#).unwrap();
    assert!(!noisy.is_match(&page), "{page}");
}

#[test]
fn the_build_summary_counts_agree_with_their_nouns() {
    let site = lerner_site("[Lerner](@lerner) left.");
    let out = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("(1 article, 1 entity, 0 quotes, 0 provisions)"), "{stderr}");
}

#[test]
fn passages_add_no_glyph_and_take_one_keyboard_stop() {
    let page = SiteTest::fixture("every-page").build().main("articles/engine/");
    let body = &page[page.find("class=\"article-body\"").unwrap()..page.find("s-figures").unwrap()];
    assert!(!body.contains('❞') && !body.contains(">#</a>"), "{body}");
    assert!(body
        .contains("<a class=\"passage passage-quote\" id=\"q-no-pretensions\" href=\"../../quotes/no-pretensions/\""));
    let pieces = body.matches("href=\"../../quotes/no-pretensions/\"").count();
    assert!(pieces > 1, "{body}");
    assert_eq!(body.matches("tabindex=\"-1\"").count(), pieces - 1, "{body}");
}

#[test]
fn a_passage_inside_a_link_is_reached_by_a_link_after_it_never_nested() {
    let fm = "title: A\ndate: 2024-01-01\nfigures:\n  - { id: n, label: Notes, values: [{ value: 7, by: lerner, exact: seven }] }";
    let page = lerner_site("").article("a", fm, "[seven](@lerner) notes.").build().main("articles/a/");
    assert!(
        page.contains("seven</span></a><a class=\"passage-link visually-hidden-focusable\" href=\"#fig-n\">Figure: Notes</a> notes."),
        "{page}"
    );
}
