//! `gloss build` after an edit: with the build state the previous build saved in
//! `.gloss-cache/`, an article edit is applied to the output folder in place (the
//! folder stays, and only the files whose bytes changed are written), and the output is
//! byte for byte what a cold build gives. Anything else (a new article, an entity, a
//! template, other options, an output or a state changed by anyone else, a build killed
//! midway) runs the whole pipeline, with the same result.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::time::Duration;

use crate::incremental::{article_version, random_site};
use crate::support::{copy_dir, output_files, spawn_build, SiteTest};

/// Builds `site` with the gloss program (with `extra` arguments), which must succeed;
/// whether the output folder was updated in place (a full build puts a new folder in
/// place of the old one).
fn build(site: &SiteTest, extra: &[&str]) -> bool {
    let out = site.root.join("public");
    let before = std::fs::metadata(&out).ok().map(|m| m.ino());
    let run = site.run(&[&["build", "--quiet"], extra].concat());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    before == Some(std::fs::metadata(&out).unwrap().ino())
}

/// What a cold build of `site` as it is now writes (a copy built with `--no-cache`).
fn cold(site: &SiteTest, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let copy = SiteTest::new("in-place-cold");
    std::fs::remove_dir_all(&copy.root).unwrap();
    copy_dir(&site.root, &copy.root);
    std::fs::remove_dir_all(copy.root.join("public")).ok();
    std::fs::remove_dir_all(copy.root.join(".gloss-cache")).ok();
    assert!(!build(&copy, &[&["--no-cache"], extra].concat()));
    let files = output_files(&copy.root.join("public"));
    std::fs::remove_dir_all(&copy.root).ok();
    files
}

/// Asserts that `site`'s output is what a cold build gives.
fn assert_cold(site: &SiteTest, extra: &[&str], after: &str) {
    let out = output_files(&site.root.join("public"));
    let fresh = cold(site, extra);
    assert_eq!(out.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "after {after}");
    for (path, bytes) in &fresh {
        assert!(out[path] == *bytes, "after {after}, {path} differs from a cold build");
    }
}

/// The modification time of every output file, by path.
fn mtimes(site: &SiteTest) -> BTreeMap<String, std::time::SystemTime> {
    let out = site.root.join("public");
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(&out).unwrap().display().to_string(), e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

#[test]
fn random_article_edits_are_applied_in_place_and_equal_cold_builds() {
    let (site, mut rng) = random_site(2026);
    assert!(!build(&site, &[]), "the first build makes the folder");
    let mut in_place = 0;
    for step in 0..12 {
        let n = rng.below(8);
        let path = site.root.join(format!("content/articles/a{n}.md"));
        std::fs::write(&path, article_version(n, &mut rng)).unwrap();
        in_place += usize::from(build(&site, &[]));
        assert_cold(&site, &[], &format!("step {step} (an edit of a{n})"));
    }
    assert!(in_place >= 6, "only {in_place} of 12 edits were applied in place");
}

#[test]
fn only_the_files_whose_bytes_changed_are_written_and_nothing_when_nothing_changed() {
    let (site, _) = random_site(5);
    build(&site, &[]);
    let before = mtimes(&site);
    std::thread::sleep(Duration::from_millis(20));
    assert!(build(&site, &[]), "a build with nothing changed keeps the folder");
    assert_eq!(mtimes(&site), before, "a build with nothing changed writes nothing");
    let path = site.root.join("content/articles/a2.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("## Story", "## The story", 1)).unwrap();
    assert!(build(&site, &[]), "an article edit is applied in place");
    let after = mtimes(&site);
    let written: Vec<&str> = after.iter().filter(|(p, t)| before.get(*p) != Some(t)).map(|(p, _)| p.as_str()).collect();
    let expected = [".gloss-manifest", "articles/a2/annotations.jsonld", "articles/a2/index.html"];
    assert_eq!(written, expected, "only the article's page and its annotations change");
    assert_cold(&site, &[], "a new heading");
}

/// A change made to a site's files.
type Change = dyn Fn(&SiteTest);

#[test]
fn anything_but_an_article_edit_runs_the_whole_pipeline_with_the_same_result() {
    let (site, mut rng) = random_site(77);
    build(&site, &[]);
    let changes: [(&str, &Change); 6] = [
        ("an entity renamed", &|s| {
            std::fs::write(s.root.join("content/entities/e1.md"), "---\nname: Bruno Renamed\nkind: person\n---\n")
                .unwrap()
        }),
        ("an article added", &|s| {
            std::fs::write(s.root.join("content/articles/new.md"), "---\ntitle: New\ndate: 2024-09-09\n---\nNew.\n")
                .unwrap()
        }),
        ("an article removed", &|s| std::fs::remove_file(s.root.join("content/articles/new.md")).unwrap()),
        ("a template overridden", &|s| {
            let dir = s.root.join("templates");
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(
                dir.join("404.html"),
                "<!DOCTYPE html><html lang=\"en\"><title>Gone</title><p>Gone.</p></html>",
            )
            .unwrap()
        }),
        ("a static file added", &|s| {
            std::fs::create_dir_all(s.root.join("static")).unwrap();
            std::fs::write(s.root.join("static/notes.txt"), "notes").unwrap()
        }),
        ("site.yaml changed", &|s| {
            std::fs::write(
                s.root.join("site.yaml"),
                "title: Edits again\nbase_url: https://example.org/\npaginate: 2\n",
            )
            .unwrap()
        }),
    ];
    for (what, change) in changes {
        change(&site);
        assert!(!build(&site, &[]), "{what}: the whole pipeline runs");
        assert_cold(&site, &[], what);
        // An article edit after it goes in place again.
        let path = site.root.join(format!("content/articles/a{}.md", rng.below(8)));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\nOne more closing line after {what}.\n")).unwrap();
        assert!(build(&site, &[]), "{what}, then an article edit: in place");
        assert_cold(&site, &[], &format!("{what}, then an article edit"));
    }
    // Other options make everything again, and so does a build with --no-cache.
    assert!(!build(&site, &["--base-url", "https://example.com/sub/"]), "another base URL");
    assert_cold(&site, &["--base-url", "https://example.com/sub/"], "another base URL");
    assert!(!build(&site, &[]), "the base URL back");
    assert!(!build(&site, &["--no-cache"]), "--no-cache");
}

#[test]
fn a_new_build_of_gloss_makes_everything_again() {
    let (site, _) = random_site(13);
    build(&site, &[]);
    // The same program copied elsewhere has another modification time: to the state,
    // a new build of gloss, whatever its version number says.
    let other = site.root.with_extension("gloss");
    std::fs::copy(env!("CARGO_BIN_EXE_gloss"), &other).unwrap();
    let out = site.root.join("public");
    let before = std::fs::metadata(&out).unwrap().ino();
    let path = site.root.join("content/articles/a1.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nOne more closing line.\n")).unwrap();
    let run = std::process::Command::new(&other).args(["build", "--quiet", "--root"]).arg(&site.root).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_ne!(std::fs::metadata(&out).unwrap().ino(), before, "another program builds everything");
    assert_cold(&site, &[], "a build by another program");
    std::fs::remove_file(&other).unwrap();
}

#[test]
fn an_output_or_a_state_changed_by_anyone_else_is_not_trusted() {
    let (site, mut rng) = random_site(31);
    build(&site, &[]);
    let page = site.root.join("public/articles/a1/index.html");
    std::fs::write(&page, "defaced").unwrap();
    let n = rng.below(8);
    std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
    assert!(!build(&site, &[]), "a changed output file makes everything again");
    assert_cold(&site, &[], "a defaced page");
    let state = site.root.join(".gloss-cache/build-state");
    // One byte changed in the middle of the site model (inside an article's packed
    // body, most likely) would still decode: the file's hash tells.
    let mut bytes = std::fs::read(state.join("site")).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    std::fs::write(state.join("site"), bytes).unwrap();
    std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
    assert!(!build(&site, &[]), "a state file changed on disk makes everything again");
    assert_cold(&site, &[], "a changed byte in the state");
    for name in ["site", "reads", "key"] {
        std::fs::write(state.join(name), b"garbage").unwrap();
        std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
        assert!(!build(&site, &[]), "a damaged {name} file makes everything again");
        assert_cold(&site, &[], &format!("a damaged {name} file"));
    }
    std::fs::remove_dir_all(&state).unwrap();
    std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
    assert!(!build(&site, &[]), "no state: everything again");
    assert_cold(&site, &[], "no state");
}

#[test]
fn a_broken_edit_changes_nothing_and_its_fix_goes_in_place() {
    let (site, _) = random_site(8);
    build(&site, &[]);
    let before = output_files(&site.root.join("public"));
    let path = site.root.join("content/articles/a3.md");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{good}\nA [broken link](@nobody).\n")).unwrap();
    let run = site.run(&["build", "--quiet"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        !run.status.success() && stderr.contains("nobody") && stderr.contains("content/articles/a3.md"),
        "{stderr}"
    );
    assert_eq!(output_files(&site.root.join("public")), before, "a failed build changes nothing");
    std::fs::write(&path, format!("{good}\nA fixed line.\n")).unwrap();
    assert!(build(&site, &[]), "the fix goes in place");
    assert_cold(&site, &[], "the fix");
}

#[test]
fn a_build_killed_while_it_updates_in_place_is_made_whole_by_the_next() {
    let (site, mut rng) = random_site(99);
    build(&site, &[]);
    let n = rng.below(8);
    std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
    let started = std::time::Instant::now();
    assert!(build(&site, &[]));
    let took = started.elapsed();
    for tenths in 1..10 {
        let n = rng.below(8);
        std::fs::write(site.root.join(format!("content/articles/a{n}.md")), article_version(n, &mut rng)).unwrap();
        let mut run = spawn_build(&site.root);
        std::thread::sleep(took * tenths / 10);
        run.kill().ok();
        run.wait().unwrap();
        build(&site, &[]);
        assert_cold(&site, &[], &format!("a kill at {tenths}/10 of a build in place"));
    }
    let cache: Vec<String> = std::fs::read_dir(site.root.join(".gloss-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("build-state"))
        .collect();
    assert_eq!(cache, ["build-state"], "what killed builds began to save is gone");
}
