//! Rebuilds that reuse: a build writes only the files whose bytes changed, so the
//! others keep their modification time (and deploys upload only what changed); a file
//! changed by hand is written again; `--no-cache` writes everything; what a killed
//! build left beside the output is cleared, and a lone old output is put back; a build
//! killed at any moment is made whole by the next.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use crate::support::{copy_dir, output_files, spawn_build, SiteTest};

/// The modification time of every file under `dir`, by relative path.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

fn site() -> SiteTest {
    SiteTest::new("rebuilds")
        .entity("ada", "Ada Lovelace", "person")
        .entity("charles", "Charles Babbage", "person")
        .file("static/logo.txt", "a static file")
        .article("one", "title: One\ndate: 2024-01-01", "[Ada](@ada) wrote notes.\n")
        .article("two", "title: Two\ndate: 2024-01-02", "[Charles](@charles) built an engine.\n")
}

/// Lets the clock move on, so that a rewritten file gets a new modification time.
fn tick() {
    std::thread::sleep(std::time::Duration::from_millis(20));
}

#[test]
fn a_rebuild_rewrites_only_the_files_whose_bytes_changed() {
    let site = site();
    let out = site.root.join("public");
    site.build();
    let before = mtimes(&out);
    tick();
    site.build();
    let same = mtimes(&out);
    let rewritten: Vec<_> = same.iter().filter(|(p, t)| before.get(*p) != Some(t)).collect();
    assert!(rewritten.is_empty(), "an unchanged site rewrites nothing: {rewritten:?}");
    tick();
    let site = site.article("one", "title: One\ndate: 2024-01-01", "[Ada](@ada) wrote seven notes.\n");
    site.build();
    let after = mtimes(&out);
    let changed: Vec<&str> = after.iter().filter(|(p, t)| same.get(*p) != Some(t)).map(|(p, _)| p.as_str()).collect();
    let expected =
        [".gloss-manifest", "articles/one/annotations.jsonld", "articles/one/index.html", "entities/ada/index.html"];
    assert_eq!(changed, expected, "only the pages showing the edited words are written");
    let fresh = SiteTest::new("rebuilds-fresh");
    std::fs::remove_dir_all(&fresh.root).unwrap();
    let copy = fresh.root.clone();
    copy_dir(&site.root, &copy);
    std::fs::remove_dir_all(copy.join("public")).unwrap();
    std::fs::remove_dir_all(copy.join(".gloss-cache")).ok();
    fresh.build();
    assert_eq!(output_files(&out), output_files(&copy.join("public")), "a rebuild equals a cold build");
}

#[test]
fn a_file_changed_by_hand_is_written_again_and_no_cache_writes_everything() {
    let site = site();
    let out = site.root.join("public");
    site.build();
    let page = out.join("articles/two/index.html");
    let good = std::fs::read(&page).unwrap();
    std::fs::write(&page, "defaced").unwrap();
    site.build();
    assert_eq!(std::fs::read(&page).unwrap(), good, "the defaced page is rendered again");
    let before = mtimes(&out);
    tick();
    let run = site.run(&["build", "--quiet", "--no-cache"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let after = mtimes(&out);
    let kept: Vec<_> = after.iter().filter(|(p, t)| before.get(*p) == Some(t)).collect();
    assert!(kept.is_empty(), "--no-cache writes every file: {kept:?}");
}

#[test]
fn leftovers_of_a_killed_build_are_cleared_and_a_lone_old_output_is_put_back() {
    let site = site();
    site.build();
    let dead = "4000000000";
    let staged = site.root.join(format!(".public.gloss-new-{dead}"));
    std::fs::create_dir_all(staged.join("articles")).unwrap();
    std::fs::rename(site.root.join("public"), site.root.join(format!(".public.gloss-old-{dead}"))).unwrap();
    // The build fails, so the output must be the old one, put back.
    let broken = site.article("two", "title: Two\ndate: 2024-01-02", "[Nobody](@nobody).\n");
    let run = broken.run(&["build", "--quiet"]);
    assert!(!run.status.success());
    assert!(broken.root.join("public/articles/two/index.html").exists(), "the previous output is back");
    assert!(!staged.exists(), "the dead build's staging folder is gone");
    assert!(!broken.root.join(format!(".public.gloss-old-{dead}")).exists());
}

/// The manifest's record of `path` in the output `out`: (hash, size).
fn manifest_record(out: &Path, path: &str) -> (String, u64) {
    let manifest = std::fs::read_to_string(out.join(".gloss-manifest")).unwrap();
    let line = manifest.lines().find(|l| l.ends_with(&format!(" {path}"))).unwrap();
    let parts: Vec<&str> = line.splitn(4, ' ').collect();
    (parts[0].to_string(), parts[1].parse().unwrap())
}

/// The cached social cards under `.gloss-cache/social/` (their hash files left out).
fn cached_cards(root: &Path) -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(".gloss-cache/social"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    entries.sort();
    entries
}

#[test]
fn check_draws_no_social_card() {
    let site = site();
    let run = site.run(&["check"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!site.root.join(".gloss-cache/social").exists(), "check drew cards");
    site.build();
    assert!(!cached_cards(&site.root).is_empty(), "the build draws them");
    assert!(site.root.join("public/social").is_dir());
}

/// The file beside a cached card that holds its hash and size.
fn sidecar_of(entry: &Path) -> std::path::PathBuf {
    let mut name = entry.as_os_str().to_owned();
    name.push(".b3");
    name.into()
}

/// The rebuilds site built once: its output folder, the bytes of article one's card,
/// and that card's entry in the build cache.
fn built_with_card(site: &SiteTest) -> (std::path::PathBuf, Vec<u8>, std::path::PathBuf) {
    let out = site.root.join("public");
    site.build();
    let good = std::fs::read(out.join("social/articles/one.png")).unwrap();
    let entry =
        cached_cards(&site.root).into_iter().find(|e| std::fs::read(e).unwrap() == good).expect("the card is cached");
    (out, good, entry)
}

#[test]
fn cached_cards_go_to_the_output_unread_and_a_card_changed_in_place_is_drawn_again() {
    use std::os::unix::fs::MetadataExt;
    let site = site();
    let (out, good, entry) = built_with_card(&site);
    let card = out.join("social/articles/one.png");
    let (hash, size) = manifest_record(&out, "social/articles/one.png");
    assert_eq!(hash, blake3::hash(&good).to_hex()[..32], "the manifest records the card's own hash");
    assert_eq!(size, good.len() as u64);
    let cached = cached_cards(&site.root);
    assert_eq!(cached.len(), 2, "one card per article: {cached:?}");
    std::fs::remove_dir_all(&out).unwrap();
    site.build();
    assert_eq!(
        std::fs::metadata(&card).unwrap().ino(),
        std::fs::metadata(&entry).unwrap().ino(),
        "a cached card is linked into the output, not copied"
    );
    assert_eq!(manifest_record(&out, "social/articles/one.png"), (hash.clone(), size));
    // Written in place through the output, the shared entry changes too (same size, so
    // only its modification time tells): it must be drawn again, not trusted.
    tick();
    let mut defaced = good.clone();
    defaced[size as usize / 2] ^= 0xff;
    std::fs::write(&card, &defaced).unwrap();
    site.build();
    assert_eq!(std::fs::read(&card).unwrap(), good, "the card is drawn again");
    assert_eq!(std::fs::read(&entry).unwrap(), good, "and the cache entry with it");
    // A truncated entry is drawn again as well.
    std::fs::write(&entry, b"short").unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    site.build();
    assert_eq!(std::fs::read(&card).unwrap(), good);
}

#[test]
fn a_cache_entry_that_is_a_link_to_another_file_is_never_used() {
    let site = site();
    let (out, good, entry) = built_with_card(&site);
    // A site could ship its own `.gloss-cache/`: an entry linking to a secret of the
    // same size, with a hash file that vouches for it, must not reach the output.
    let secret = site.root.join("secret.bin");
    std::fs::write(&secret, vec![b's'; good.len()]).unwrap();
    // Older than the hash file, as a file that was there before the build would be.
    let old = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1);
    std::fs::File::options().write(true).open(&secret).unwrap().set_modified(old).unwrap();
    std::fs::remove_file(&entry).unwrap();
    std::os::unix::fs::symlink(&secret, &entry).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    site.build();
    let card = out.join("social/articles/one.png");
    assert!(!std::fs::symlink_metadata(&card).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(&card).unwrap(), good, "the card is drawn again, not taken from the link");
}

#[test]
fn a_hash_file_that_holds_anything_but_a_hash_is_not_believed() {
    let site = site();
    let (out, good, entry) = built_with_card(&site);
    let sidecar = sidecar_of(&entry);
    // A line break in the "hash" would split the manifest's line for the card.
    std::fs::write(&sidecar, format!("0123456789abcdef\nfake-line {}", good.len())).unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    site.build();
    let manifest = std::fs::read_to_string(out.join(".gloss-manifest")).unwrap();
    assert!(manifest.lines().skip(1).all(|l| l.splitn(4, ' ').count() == 4), "{manifest}");
    let (hash, _) = manifest_record(&out, "social/articles/one.png");
    assert_eq!(hash, blake3::hash(&good).to_hex()[..32]);
}

#[test]
fn a_good_build_removes_the_cache_entries_it_did_not_use_and_a_failed_one_keeps_them() {
    let site = site();
    let (_, good, entry) = built_with_card(&site);
    let sidecar = sidecar_of(&entry);
    let cache = site.root.join(".gloss-cache");
    // Not the build cache's own: the link checker's memory, and a folder someone made.
    std::fs::write(cache.join("external-links.json"), "{}").unwrap();
    std::fs::create_dir_all(cache.join("social/kept-folder")).unwrap();
    let article = site.root.join("content/articles/one.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let retitled = text.replace("title: One", "title: One, retitled");
    std::fs::write(&article, retitled.replace("date: 2024-01-01", "date: 2024-13-01")).unwrap();
    let failed = site.run(&["build"]);
    assert_eq!(failed.status.code(), Some(1), "{}", String::from_utf8_lossy(&failed.stderr));
    assert!(entry.exists() && sidecar.exists(), "a failed build removes nothing from the cache");
    std::fs::write(&article, retitled).unwrap();
    // An edit applied in place uses a few entries and removes none; a full build (here,
    // without a build state) removes the entries it did not use.
    std::fs::remove_dir_all(cache.join("build-state")).unwrap();
    site.build();
    assert!(!entry.exists() && !sidecar.exists(), "the old title's card and its hash file go");
    let now = cached_cards(&site.root);
    assert_eq!(now.len(), 2, "one card per article: {now:?}");
    assert!(now.iter().all(|e| std::fs::read(e).unwrap() != good), "the new card is cached");
    assert!(cache.join("external-links.json").exists() && cache.join("social/kept-folder").is_dir());
    let card = site.root.join("public/social/articles/one.png");
    assert!(now.iter().any(|e| std::fs::read(e).unwrap() == std::fs::read(&card).unwrap()));
}

/// A site of 40 articles, each with a quote: 80 social cards to draw.
fn site_with_cards(name: &str) -> SiteTest {
    (0..40).fold(SiteTest::new(name).entity("ada", "Ada Lovelace", "person"), |site, n| {
        let fm = format!(
            "title: Article number {n}\ndate: 2024-01-{:02}\nquotes:\n  - {{ id: q{n}, by: ada, text: \"The engine weaves pattern {n}\" }}",
            n % 28 + 1
        );
        site.article(&format!("a{n}"), &fm, &format!("Ada Lovelace wrote: \"The engine weaves pattern {n}\".\n"))
    })
}

#[test]
fn a_build_killed_at_any_moment_is_made_whole_by_the_next() {
    let cold = site_with_cards("killed-cold");
    let started = std::time::Instant::now();
    assert!(cold.run(&["build", "--quiet", "--no-cache"]).status.success());
    let took = started.elapsed();
    let expected = output_files(&cold.root.join("public"));
    let site = site_with_cards("killed");
    let mut interrupted = 0;
    // Killed (SIGKILL) at a tenth of a cold build's time, two tenths and so on: while
    // drawing cards into an empty cache (every other time), linking cached ones, writing
    // the staging folder or swapping it in. The next build gives a cold build's bytes.
    for tenths in 1..10 {
        if tenths % 2 == 1 {
            std::fs::remove_dir_all(site.root.join(".gloss-cache")).ok();
        }
        let mut build = spawn_build(&site.root);
        std::thread::sleep(took * tenths / 10);
        interrupted += usize::from(build.try_wait().unwrap().is_none());
        build.kill().ok();
        build.wait().unwrap();
        let next = site.run(&["build", "--quiet"]);
        let stderr = String::from_utf8_lossy(&next.stderr);
        assert!(next.status.success(), "after a kill at {tenths}/10 of a build: {stderr}");
        assert_eq!(output_files(&site.root.join("public")), expected, "after a kill at {tenths}/10 of a build");
    }
    assert!(interrupted >= 2, "only {interrupted} of 9 builds were still running when killed");
}
