//! Snapshots of what readers and authors get: the `<main>` of every kind of page of
//! the `every-page` fixture (one of everything), the machine-readable files, and the whole
//! of stderr for a check that finds errors and warnings. A change to any of them shows
//! as a diff; accept it with `cargo insta review` or `INSTA_UPDATE=always cargo test`.

use crate::support::SiteTest;

/// Every kind of page, by a name for its snapshot and its URL path.
const PAGES: [(&str, &str); 16] = [
    ("home", ""),
    ("article", "articles/engine/"),
    ("entity-index", "entities/"),
    ("entity", "entities/ada-lovelace/"),
    ("entity-graph", "entities/graph/"),
    ("quote-index", "quotes/"),
    ("quote", "quotes/no-pretensions/"),
    ("document-index", "documents/"),
    ("document", "documents/engine-notes/"),
    ("provision", "documents/engine-notes/note-g/"),
    ("tag-index", "tags/"),
    ("tag", "tags/computing/"),
    ("timeline", "timeline/"),
    ("corrections", "corrections/"),
    ("search", "search/"),
    ("not-found", ""),
];

#[test]
fn the_main_part_of_every_kind_of_page() {
    let out = SiteTest::fixture("every-page").build();
    for (name, path) in PAGES {
        let main = if name == "not-found" {
            let html = out.file("404.html");
            html[html.find("<main").unwrap()..html.find("</main>").unwrap()].to_string()
        } else {
            out.main(path)
        };
        insta::assert_snapshot!(format!("page-{name}"), main);
    }
}

#[test]
fn the_machine_readable_files() {
    let out = SiteTest::fixture("every-page").build();
    let files = [
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "search/meta.json",
        "search/d/0.json",
        "search/t/6e.json",
        "entities/ada-lovelace/feed.xml",
        "articles/engine/annotations.jsonld",
    ];
    for file in files {
        insta::assert_snapshot!(format!("file-{}", file.replace('/', "-")), out.file(file));
    }
}

#[test]
fn the_whole_report_of_a_check_with_errors_and_warnings() {
    let long = "word ".repeat(80);
    let site = SiteTest::new("report").entity("kim", "Kim", "person").entity("lee", "Lee", "person").article(
        "a",
        "title: A\ndate: 2024-01-01\nquotes:\n  - { id: q, by: kim, text: we will see }",
        &format!("Kim said \"we will see\". A [link](javascript:alert(1)).\n\n{long}and [a friend](@nobody) {long}\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status.code(), Some(1));
    insta::assert_snapshot!("check-report", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn repeated_warnings_show_a_few_and_a_count() {
    let quotes: String = (0..12).map(|i| format!("  - {{ id: q{i}, by: kim, text: w{i}x }}\n")).collect();
    let body: String = (0..12).map(|i| format!("Kim said w{i}x. ")).collect();
    let site = SiteTest::new("flood").entity("kim", "Kim", "person").article(
        "a",
        &format!("title: A\ndate: 2024-01-01\nquotes:\n{}", quotes.trim_end()),
        &body,
    );
    let run = site.run(&["check"]);
    assert_eq!(run.status.code(), Some(0));
    insta::assert_snapshot!("check-flood", String::from_utf8_lossy(&run.stderr));
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(String::from_utf8_lossy(&json.stdout).lines().count(), 12, "JSON lists every warning");
}

#[test]
fn a_diagnostic_about_a_whole_file_shows_the_file() {
    let site = SiteTest::new("whole-file").file("static/feed.xml", "<feed/>");
    let run = site.run(&["check"]);
    assert_eq!(run.status.code(), Some(1));
    insta::assert_snapshot!("check-whole-file", String::from_utf8_lossy(&run.stderr));
}
