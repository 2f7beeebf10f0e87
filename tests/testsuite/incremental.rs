//! A long-lived session (what `serve` uses) gives byte for byte what a fresh build gives,
//! through a sequence of edits, additions and deletions, whether it updates the edited
//! articles in place or runs the whole pipeline again.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gloss::LoadOptions;
use gloss::Session;

use crate::support::SiteTest;

fn files(compiled: &gloss::Compiled) -> BTreeMap<String, Vec<u8>> {
    let files = compiled.files().unwrap_or_else(|| panic!("{}", compiled.diagnostics.to_text(&compiled.sources)));
    files.into_iter().map(|(path, bytes)| (path.to_string(), bytes.to_vec())).collect()
}

/// The session's output after it took in `changed`, which must build.
fn rebuilt(session: &mut Session, changed: &[PathBuf]) -> BTreeMap<String, Vec<u8>> {
    let r = session.rebuild(changed);
    assert!(r.ok, "{}", r.report);
    session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect()
}

/// Asserts that `incremental` is byte for byte a fresh build of `opts`.
fn assert_same_as_fresh(incremental: &BTreeMap<String, Vec<u8>>, opts: &LoadOptions, after: &str) {
    let fresh = files(&gloss::compile(opts));
    assert_eq!(incremental.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "after: {after}");
    for (path, bytes) in &fresh {
        assert!(
            incremental[path] == *bytes,
            "after {after}, {path} differs from a full build:\n--- incremental\n{}\n--- full\n{}",
            String::from_utf8_lossy(&incremental[path]),
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = SiteTest::fixture("every-page");
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    let first = rebuilt(&mut session, &[]);
    assert_eq!(first, files(&gloss::compile(&opts)));

    type Step = fn(&SiteTest) -> PathBuf;
    let steps: &[(&str, Step)] = &[
        ("edit an article body", |s| {
            let p = s.root.join("content/articles/older/index.md");
            let text = std::fs::read_to_string(&p).unwrap().replace("met in Cambridge", "met often in Cambridge");
            std::fs::write(&p, text).unwrap();
            p
        }),
        ("change an image's caption and credit", |s| {
            let p = s.root.join("content/articles/older/index.md");
            let text = std::fs::read_to_string(&p).unwrap().replace("after *Lovelace*", "after Ada Lovelace");
            std::fs::write(&p, text.replace("Fixture Desk", "Another Desk")).unwrap();
            p
        }),
        ("replace a bundle's image", |s| {
            let p = s.root.join("content/articles/older/engine-room.png");
            let mut png = std::io::Cursor::new(Vec::new());
            image::RgbImage::new(800, 500).write_to(&mut png, image::ImageFormat::Png).unwrap();
            std::fs::write(&p, png.into_inner()).unwrap();
            p
        }),
        ("change an article's tags", |s| {
            let p = s.root.join("content/articles/older/index.md");
            let text = std::fs::read_to_string(&p).unwrap().replacen("---\n", "---\ntags: [Engines, computing]\n", 1);
            std::fs::write(&p, text).unwrap();
            p
        }),
        ("add an article", |s| {
            let p = s.root.join("content/articles/newer.md");
            std::fs::write(
                &p,
                "---\ntitle: Newest\ndate: 2025-01-01\n---\nLondon and [Note A](@engine-notes/note-a).\n",
            )
            .unwrap();
            p
        }),
        ("rename an entity", |s| {
            let p = s.root.join("content/entities/london.md");
            std::fs::write(&p, "---\nname: London\nkind: place\ndescription: A city.\n---\n").unwrap();
            p
        }),
        ("delete an article", |s| {
            let p = s.root.join("content/articles/older/index.md");
            std::fs::remove_file(&p).unwrap();
            p
        }),
        ("override a template", |s| {
            std::fs::create_dir_all(s.root.join("templates")).unwrap();
            let p = s.root.join("templates/timeline.html");
            std::fs::write(&p, "{% extends \"base.html\" %}{% block main %}T{% endblock main %}").unwrap();
            p
        }),
        ("change site.yaml", |s| {
            let p = s.root.join("site.yaml");
            std::fs::write(&p, "title: Renamed\nbase_url: https://example.org/sub/\n").unwrap();
            p
        }),
    ];
    let mut previous = first;
    for (what, step) in steps {
        let changed = step(&site);
        let incremental = rebuilt(&mut session, &[changed]);
        assert_same_as_fresh(&incremental, &opts, what);
        assert_ne!(incremental, previous, "'{what}' changed nothing");
        previous = incremental;
    }
}

/// A small deterministic random source (xorshift), so a failing sequence can be replayed.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const NAMES: [&str; 6] = ["Alma Reyes", "Bora Tech", "Cato Lind", "Dara Quill", "Esk Valley", "Fen Group"];

/// One version of article `n`: which names its body carries, what it links to, and
/// the words of its quote, drawn from `rng`.
pub(crate) fn article_version(n: usize, rng: &mut Rng) -> String {
    let title = ["Plain title", "A <new> title", "Third & last"][rng.below(3)];
    let summary = ["", "summary: A short standfirst.\n", "summary: Mentions [Alma](@e0).\n"][rng.below(3)];
    let authors = ["", "authors: [e5]\n", "authors: [e4, Staff Writer]\n"][rng.below(3)];
    let events = ["", "events:\n  - { date: 2024-05-01, label: Something happened, refs: [e1] }\n"][rng.below(2)];
    let words = ["we will see", "nothing is settled", "it is too early"][rng.below(3)];
    let speaker = n % 3;
    let mut body = String::from("## Story\n\n");
    for (i, name) in NAMES.iter().enumerate() {
        match rng.below(4) {
            0 => body.push_str(&format!("{name} was there. ")),
            1 => body.push_str(&format!("[Them](@e{i}) and {name} again. ")),
            _ => {}
        }
    }
    body.push_str(&format!("\n\nThey said \"{words}\" to reporters.\n\n"));
    match rng.below(4) {
        0 => body.push_str(&format!("See [an earlier quote](@q{}).\n", (n + 1) % 8)),
        1 => body.push_str("Read [the charter](@charter) and [its first article](@charter/art-1).\n"),
        _ => {}
    }
    // Figures, notes and references to other articles' sources and figures, drawn
    // from a second source so that the main one gives the same sites as before.
    // (Article 7 is never referenced: one test removes it.)
    let mut extra = Rng(rng.0.rotate_left(17) ^ 0x9e37_79b9_7f4a_7c15);
    if extra.below(3) == 0 {
        body.push_str(&format!(
            "As [another source](@src{}) and [its count](@fig{}) put it.\n",
            (n + 3) % 7,
            (n + 5) % 7
        ));
    }
    if extra.below(3) == 0 {
        let (whole, part) = ((n + 2) % 7, (n + 4) % 7);
        body.push_str(&format!("Read [an earlier explainer](@a{whole}) and [its story](@a{part}#story).\n"));
    }
    let count = ["12", "15", "20"][extra.below(3)];
    body.push_str(&format!("\nAbout {count} people came.\n"));
    let label = ["People who came", "Attendance", "Crowd size"][extra.below(3)];
    let note = ["", "annotations:\n  - { exact: came, note: Counted at the door., ref: e2 }\n"][extra.below(2)];
    if rng.below(3) == 0 {
        body.push_str("\n## More\n\nA second section.\n");
    }
    // The tags stay the same from one version to the next: changing them runs the whole pipeline.
    let tags = format!("tags: [Shared, Topic {}]\n", n % 3);
    let figure = format!(
        "figures:\n  - {{ id: fig{n}, label: {label}, values: [{{ value: {count}, by: e1, exact: \"{count}\" }}] }}\n"
    );
    let day = extra.below(9) + 1;
    let corrections = match extra.below(3) {
        0 => String::new(),
        1 => format!("corrections:\n  - {{ date: 2024-02-0{day}, text: A *quote* was fixed., ref: q{n} }}\n"),
        _ => format!("corrections:\n  - {{ date: 2024-02-0{day}, text: The count was {count}., ref: fig{n} }}\n"),
    };
    format!(
        "---\ntitle: {title} {n}\ndate: 2024-01-{:02}\n{tags}{summary}{authors}{events}{note}{figure}{corrections}sources:\n  - {{ id: src{n}, title: Source {n}, publisher: e3 }}\nquotes:\n  - {{ id: q{n}, by: e{speaker}, text: {words}, source: src{n}, date: 2024-01-{:02} }}\n---\n{body}",
        n + 1,
        n + 1
    )
}

/// A site of six entities, a document and eight articles drawn from `seed`, paginated
/// by two, and the random source to draw edits from.
pub(crate) fn random_site(seed: u64) -> (SiteTest, Rng) {
    let mut rng = Rng(seed);
    let mut site =
        SiteTest::new("random-edits").file("site.yaml", "title: Edits\nbase_url: https://example.org/\npaginate: 2\n");
    for (i, name) in NAMES.iter().enumerate() {
        let kind = if i < 3 { "person" } else { "organization" };
        site = site.file(
            &format!("content/entities/e{i}.md"),
            &format!("---\nname: {name}\nkind: {kind}\ndescription: Entity {i}.\n---\n"),
        );
    }
    site = site.file(
        "content/documents/charter.md",
        "---\ntitle: The Charter\nkind: treaty\nprovisions:\n  - { id: art-1, title: Article 1, text: First. }\n---\nA charter.\n",
    );
    for n in 0..8 {
        let text = article_version(n, &mut rng);
        site = site.file(&format!("content/articles/a{n}.md"), &text);
    }
    (site, rng)
}

/// One output file of every kind of page the site has, so that the random edits
/// exercise the invalidation of each (a page kind added later must be added here).
const PAGE_KINDS: [&str; 25] = [
    "index.html",
    "page/2/index.html",
    "articles/a0/index.html",
    "articles/a0/annotations.jsonld",
    "entities/index.html",
    "entities/e3/index.html",
    "entities/e3/feed.xml",
    "entities/graph/index.html",
    "quotes/index.html",
    "quotes/page/2/index.html",
    "quotes/q0/index.html",
    "documents/index.html",
    "documents/charter/index.html",
    "documents/charter/art-1/index.html",
    "documents/charter/feed.xml",
    "documents/charter/art-1/feed.xml",
    "tags/index.html",
    "tags/shared/index.html",
    "tags/shared/page/2/index.html",
    "tags/shared/feed.xml",
    "timeline/index.html",
    "corrections/index.html",
    "corrections/feed.xml",
    "search/index.html",
    "404.html",
];

fn assert_every_page_kind(output: &BTreeMap<String, Vec<u8>>, seed: u64) {
    for path in PAGE_KINDS {
        assert!(output.contains_key(path), "seed {seed}: the random site has no {path}");
    }
    let paged_entity = output.keys().any(|p| p.starts_with("entities/") && p.contains("/page/2/"));
    assert!(paged_entity, "seed {seed}: no entity has a second page of mentions");
}

#[test]
fn random_article_edits_update_in_place_and_equal_full_builds() {
    for seed in [7, 1234, 987_654_321] {
        let (site, mut rng) = random_site(seed);
        let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
        let mut session = Session::incremental(opts.clone());
        let first = rebuilt(&mut session, &[]);
        assert_every_page_kind(&first, seed);
        let mut in_place = 0;
        for step in 0..30 {
            let n = rng.below(8);
            let path = site.root.join(format!("content/articles/a{n}.md"));
            std::fs::write(&path, article_version(n, &mut rng)).unwrap();
            let r = session.rebuild(std::slice::from_ref(&path));
            assert!(r.ok, "seed {seed} step {step}: {}", r.report);
            in_place += usize::from(r.incremental);
            let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
            assert_same_as_fresh(&output, &opts, &format!("seed {seed}, step {step} (edit of a{n})"));
        }
        // Every edit keeps the date and ids; only those that leave an entity with fewer
        // mention pages need a full run (a page goes away, and any page may link to it).
        assert!(in_place >= 10, "seed {seed}: only {in_place} of 30 edits were applied in place");
    }
}

#[test]
fn a_broken_edit_is_reported_and_the_fix_lands_in_place() {
    let (site, mut rng) = random_site(42);
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    let before = rebuilt(&mut session, &[]);
    let path = site.root.join("content/articles/a3.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{good}\nA [broken link](@nobody).\n")).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(!r.ok && r.report.contains("unknown") && r.report.contains("nobody"), "{}", r.report);
    assert!(r.report.contains("content/articles/a3.md"), "{}", r.report);
    let kept: BTreeMap<String, Vec<u8>> = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_eq!(kept, before, "a failed rebuild keeps the last good output");
    // Another article is edited while a3 is still broken: still an error.
    let other = site.root.join("content/articles/a5.md");
    std::fs::write(&other, article_version(5, &mut rng)).unwrap();
    assert!(!session.rebuild(std::slice::from_ref(&other)).ok, "a3 is still broken");
    std::fs::write(&path, &good).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "fixing the broken edit");
}

#[test]
fn warnings_of_an_edited_article_come_and_go_with_the_edit() {
    let (site, _) = random_site(11);
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts);
    assert!(!session.rebuild(&[]).report.contains("warning"));
    let path = site.root.join("content/articles/a4.md");
    let original = std::fs::read_to_string(&path).unwrap();
    let unlinked = original.replacen("---\n", "---\nautolink: none\n", 1) + "\nCato Lind spoke.\n";
    std::fs::write(&path, unlinked).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && r.incremental, "{}", r.report);
    assert!(
        r.report.contains("names 'e2' but is not linked") && r.report.contains("content/articles/a4.md"),
        "{}",
        r.report
    );
    std::fs::write(&path, original).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && r.incremental && !r.report.contains("warning"), "{}", r.report);
}

#[test]
fn a_save_through_a_temporary_file_is_still_applied_in_place() {
    let (site, _) = random_site(3);
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    rebuilt(&mut session, &[]);
    // What `sed -i` and many editors do: write a temporary file, then rename it over the article.
    let article = site.root.join("content/articles/a6.md");
    let temporary = site.root.join("content/articles/sedQ1x2Z3");
    let text = std::fs::read_to_string(&article).unwrap().replace("## Story", "## The story so far");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &article).unwrap();
    let r = session.rebuild(&[temporary, article]);
    assert!(r.ok && r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "a save through a temporary file");
    // A folder of articles that goes away is not a temporary file.
    let folder = site.root.join("content/articles/more");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::rename(site.root.join("content/articles/a7.md"), folder.join("a7.md")).unwrap();
    assert!(session.rebuild(std::slice::from_ref(&folder)).ok);
    std::fs::remove_dir_all(&folder).unwrap();
    let r = session.rebuild(std::slice::from_ref(&folder));
    assert!(r.ok && !r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "deleting a folder of articles");
}

#[test]
fn edits_that_move_an_article_retag_it_or_add_one_run_the_whole_pipeline() {
    let (site, mut rng) = random_site(5);
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    rebuilt(&mut session, &[]);
    let path = site.root.join("content/articles/a2.md");
    let moved = article_version(2, &mut rng).replace("date: 2024-01-03\n", "date: 2023-06-30\n");
    std::fs::write(&path, moved).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && !r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "moving an article in time");
    let retagged = std::fs::read_to_string(&path).unwrap().replace("tags: [Shared, ", "tags: [Other, ");
    std::fs::write(&path, retagged).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && !r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "changing an article's tags");
    assert!(session.output().contains_key("tags/other/feed.xml"), "the new tag has its feed");
    let added = site.root.join("content/articles/a9.md");
    std::fs::write(&added, article_version(9, &mut rng).replace("(@q0)", "(@q1)")).unwrap();
    let r = session.rebuild(std::slice::from_ref(&added));
    assert!(r.ok && !r.incremental, "{}", r.report);
    let output = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    assert_same_as_fresh(&output, &opts, "adding an article");
}

#[test]
fn an_edit_that_merges_search_shards_is_applied_in_place_and_removes_them() {
    // A quote of 6,000 distinct words under one prefix makes its terms too many for one
    // search shard, so the prefix is split; cutting the quote to two words merges them.
    let words = |n: usize| (0..n).map(|i| format!("qz{i:04}")).collect::<Vec<_>>().join(" ");
    let article = |quote: &str| {
        let fm = format!(
            "title: Long quote\ndate: 2024-01-01\nquotes:\n  - {{ id: long-quote, by: speaker, text: \"{quote}\" }}"
        );
        format!("---\n{fm}\n---\nAda Speaker said: \"{quote}\"\n")
    };
    let site = SiteTest::new("search-shard-merge")
        .entity("speaker", "Ada Speaker", "person")
        .file("content/articles/long.md", &article(&words(6000)));
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    let before = rebuilt(&mut session, &[]);
    let shards = |output: &BTreeMap<String, Vec<u8>>| {
        output.keys().filter(|p| p.starts_with("search/t/")).cloned().collect::<Vec<_>>()
    };
    let path = site.root.join("content/articles/long.md");
    std::fs::write(&path, article(&words(2))).unwrap();
    let r = session.rebuild(std::slice::from_ref(&path));
    assert!(r.ok && r.incremental, "the edit keeps the quote's id, so it is applied in place: {}", r.report);
    let after = session.output().iter().map(|(p, b)| (p.clone(), b.to_vec())).collect();
    let gone: Vec<String> = shards(&before).into_iter().filter(|s| !shards(&after).contains(s)).collect();
    assert!(gone.len() > 1, "the split prefix's shards go: before {:?}, after {:?}", shards(&before), shards(&after));
    let reported: Vec<&String> = r.changed.iter().filter(|(_, b)| b.is_none()).map(|(p, _)| p).collect();
    assert_eq!(reported, gone.iter().collect::<Vec<_>>(), "the rebuild reports the removed shards");
    assert_same_as_fresh(&after, &opts, "cutting a long quote");
}
