//! The search index (issue 15): sharded files under `search/`, read here the way
//! `static/search.js` reads them: `meta.json`, the shard of the longest listed prefix
//! of each word, and the chunks of the items found.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{Built, SiteTest};

/// Made-up words of three syllables, so that a big site has many terms.
fn word(n: usize) -> String {
    const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"];
    (0..3).map(|i| SYLLABLES[(n >> (3 * i)) % 8]).collect()
}

/// `n` entities (quicker to build than articles, which get social cards), each with
/// "the" in its description and made-up words in its name and description.
fn big_site(n: usize) -> SiteTest {
    let mut site = SiteTest::new("search-big");
    for i in 0..n {
        let (a, b, c) = (word(i * 7 % 512), word(i * 13 % 512), word(i * 31 % 512));
        site = site.file(
            &format!("content/entities/e{i}.md"),
            &format!("---\nname: Report {i} on {a}\nkind: person\ndescription: The {b} and the {c} item{i}.\n---\n"),
        );
    }
    site
}

fn json(out: &Built, path: &str) -> Value {
    serde_json::from_str(&out.file(&format!("search/{path}"))).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn hex(prefix: &str) -> String {
    prefix.bytes().map(|b| format!("{b:02x}")).collect()
}

fn undelta(list: &Value) -> Vec<u64> {
    let mut last = 0;
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            last += d.as_u64().unwrap();
            last
        })
        .collect()
}

/// What a query term (already folded) finds: each item with whether its title has
/// the term, whether some list was cut, and the shard read.
fn lookup(out: &Built, term: &str) -> (BTreeMap<u64, bool>, bool, String) {
    let meta = json(out, "meta.json");
    let listed = |key: &str, p: &str| meta[key].as_array().unwrap().iter().any(|v| v == p);
    let chars: Vec<char> = term.chars().collect();
    let mut found = BTreeMap::new();
    let add = |l: &Value, found: &mut BTreeMap<u64, bool>| {
        for d in undelta(&l[0]) {
            found.insert(d, true);
        }
        for d in undelta(&l[1]) {
            found.entry(d).or_insert(false);
        }
        l.get(2).is_some()
    };
    for k in (1..=chars.len()).rev() {
        let prefix: String = chars[..k].iter().collect();
        let name = format!("t/{}.json", hex(&prefix));
        if listed("leaves", &prefix) {
            let shard = json(out, &name);
            let mut cut = false;
            for (t, l) in shard.as_object().unwrap() {
                if t.starts_with(term) {
                    cut |= add(l, &mut found);
                }
            }
            return (found, cut, name);
        }
        if listed("inner", &prefix) {
            assert_eq!(k, chars.len(), "{term}: no shard under {prefix}");
            let cut = add(&json(out, &name), &mut found);
            return (found, cut, name);
        }
    }
    (found, false, String::new())
}

/// The record of item `d`, from its chunk.
fn record(out: &Built, d: u64) -> Value {
    let chunk = json(out, "meta.json")["chunk"].as_u64().unwrap();
    json(out, &format!("d/{}.json", d / chunk))[(d % chunk) as usize].clone()
}

/// The URLs of the items the index lists for `term`, found through its shard.
pub(crate) fn urls(out: &Built, term: &str) -> Vec<String> {
    lookup(out, term).0.keys().map(|&d| record(out, d)["u"].as_str().unwrap().to_string()).collect()
}

fn search_files(out: &Built) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out.out.join("search"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| (e.path().strip_prefix(&out.out).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_big_site_is_split_into_small_shards_and_chunks() {
    let out = big_site(3000).build();
    let meta = json(&out, "meta.json");
    assert_eq!(meta["items"], 3000);
    assert!(!meta["inner"].as_array().unwrap().is_empty(), "some prefix was split: {meta}");
    let files = search_files(&out);
    assert!(files.len() > 100, "{} files", files.len());
    for (path, bytes) in &files {
        serde_json::from_slice::<Value>(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        if path != "search/meta.json" {
            assert!(bytes.len() <= 64 * 1024, "{path} has {} bytes", bytes.len());
        }
    }
    assert!(!out.has("search-index.json"), "the single index is gone");
}

#[test]
fn a_word_finds_its_items_through_its_shard() {
    let out = big_site(3000).build();
    // "item1234" is in one description only; "item123" begins eleven.
    assert_eq!(urls(&out, "item1234"), ["entities/e1234/"]);
    assert_eq!(urls(&out, "item123").len(), 11);
    assert_eq!(urls(&out, "1234"), ["entities/e1234/"]);
    // "the" is in every description: the list is cut at the cap, and says so.
    let (the, cut, _) = lookup(&out, "the");
    assert!(cut && the.len() == 1000, "{} items, cut: {cut}", the.len());
    // "report" is in every title: the first 1,000 are kept, all title hits.
    let (report, _, _) = lookup(&out, "report");
    assert!(report.values().all(|&title| title) && report.len() == 1000);
    // A split prefix lists the union of its terms, title hits first.
    let inner: Vec<String> =
        json(&out, "meta.json")["inner"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().into()).collect();
    let shortest = inner.iter().min_by_key(|p| p.len()).unwrap();
    let (union, _, shard) = lookup(&out, shortest);
    assert!(!union.is_empty() && shard == format!("t/{}.json", hex(shortest)));
    // A made-up word finds the entities whose name has it, as title hits.
    let a = word(49);
    let found = lookup(&out, &a).0;
    assert!(found.iter().any(|(&d, &title)| title && record(&out, d)["u"] == "entities/e7/"), "{a}");
}

#[test]
fn accented_cyrillic_and_cjk_words_are_indexed_as_the_browser_folds_them() {
    let out = SiteTest::new("search-fold")
        .entity("zel", "Volodymyr Zelenskyy", "person")
        .article(
            "a",
            "title: São Paulo’s ΟΔΟΣ and 東京タワー\ndate: 2024-11-08\nsummary: Ein Café in Köln, 한국어\n\
             sources:\n  - { id: s, title: S }\nquotes:\n  - id: zel-quote\n    by: zel\n\
             \x20   text: We will defend ourselves\n    original: Ми будемо захищатися\n    lang: uk\n    date: 2024-11-01\n    source: s",
            "He said: \"We will defend ourselves\".\n",
        )
        .build();
    for term in ["sao", "paulo", "s", "οδοσ", "東", "タ", "ワ", "cafe", "koln", "한", "어"] {
        assert_eq!(urls(&out, term), ["articles/a/"], "{term}");
    }
    assert_eq!(urls(&out, "захищ"), ["quotes/zel-quote/"], "the original words of a quote");
    assert_eq!(urls(&out, "zelensk"), ["entities/zel/", "quotes/zel-quote/"]);
    let quote = record(&out, lookup(&out, "будемо").0.into_keys().next().unwrap());
    assert_eq!(quote["k"], "quote");
    assert!(quote["x"].as_str().unwrap().contains("Ми будемо захищатися"), "{quote}");
    assert!(urls(&out, "paulos").is_empty(), "the apostrophe separates terms");
}

#[test]
fn the_index_comes_out_the_same_byte_for_byte() {
    let site = big_site(300);
    let first = search_files(&site.build());
    let second = search_files(&site.build());
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "the search files differ between two builds");
}

#[test]
fn under_a_sub_path_the_search_page_loads_its_index_relative_to_itself() {
    let out = big_site(3).build_with(Some("https://example.org/news/"));
    let page = out.file("search/index.html");
    assert!(page.contains(r#"data-index="../search/meta.json""#), "{page}");
    assert!(page.contains(r#"data-root="../""#), "{page}");
    assert_eq!(urls(&out, "report").len(), 3);
    assert_eq!(record(&out, 0)["u"], "entities/e0/", "URLs stay relative to the root");
}

#[test]
fn links_to_the_index_files_land_from_every_page_and_a_missing_one_is_reported() {
    let to_index = "[the index](/search/meta.json) and [a chunk](/search/d/0.json)";
    let site = SiteTest::new("search-links")
        .article("a", "title: A\ndate: 2024-01-01", &format!("An article links to {to_index}.\n"))
        .file("content/entities/e.md", &format!("---\nname: E\nkind: person\n---\nA profile links to {to_index}.\n"));
    site.build();
    // The article page is made before the index, the entity page after it: both land.
    let broken = site.article("b", "title: B\ndate: 2024-01-02", "And [no such chunk](/search/d/999.json).\n");
    let run = broken.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let dead: Vec<&str> = stderr.lines().filter(|l| l.contains("leads nowhere")).collect();
    assert_eq!(dead.len(), 1, "{stderr}");
    assert!(dead[0].contains("search/d/999.json"), "{stderr}");
}

#[test]
fn no_static_file_may_take_a_path_the_index_keeps_for_itself() {
    for reserved in ["search/meta.json", "search/t/custom.json", "search/d/custom.json"] {
        let site = SiteTest::new("search-reserved").file(&format!("static/{reserved}"), "{}");
        let run = site.run(&["build"]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{reserved}: {stderr}");
        assert!(stderr.contains(&format!("this file would overwrite {reserved}, which gloss makes")), "{stderr}");
    }
    let site = SiteTest::new("search-beside").file("static/search/help.txt", "How to search");
    assert_eq!(site.build().file("search/help.txt"), "How to search");
}
