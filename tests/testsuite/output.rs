//! What `build` does to the output folder: all or nothing, never outside its bounds,
//! the same bytes every time.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{output_files, snapshot, SiteTest};

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::fixture("two-articles");
    let out = site.build();
    let before = snapshot(&out.out);
    let site = site.file("content/articles/older.md", "---\ntitle: Broken\ndate: someday\n---\nText.\n");
    let run = site.run(&["build"]);
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(snapshot(&out.out), before, "the output changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("gloss-") && n != ".gloss-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn files_of_deleted_sources_disappear_from_the_output() {
    let site = SiteTest::fixture("two-articles");
    let out = site.build();
    assert!(out.has("articles/older/index.html"));
    std::fs::remove_file(site.root.join("content/articles/older.md")).unwrap();
    std::fs::remove_file(site.root.join("content/entities/analytical-society.md")).unwrap();
    std::fs::write(
        site.root.join("content/entities/ada-lovelace.md"),
        "---\nname: Ada Lovelace\nkind: person\naliases: [Lovelace]\n---\n",
    )
    .unwrap();
    let out = site.build();
    assert!(!out.has("articles/older/index.html"));
    assert!(!out.has("entities/analytical-society/index.html"));
}

#[test]
fn two_builds_write_identical_bytes() {
    let site = SiteTest::fixture("two-articles");
    let first = snapshot(&site.build().out);
    let second = snapshot(&site.build().out);
    assert_eq!(first, second);
}

/// Builds `site` with the `gloss` binary on `threads` worker threads into `out`.
fn build_on_threads(site: &SiteTest, threads: &str, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", "--quiet", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(out)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("gloss runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    output_files(out)
}

#[test]
fn output_is_the_same_on_one_thread_and_on_two() {
    let (site, _) = crate::incremental::random_site(99);
    let bundled = SiteTest { root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")) };
    for (name, site) in [("random", &site), ("bundled", &bundled)] {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("threads-{name}-{}", std::process::id()));
        let one = build_on_threads(site, "1", &dir.join("one"));
        let two = build_on_threads(site, "2", &dir.join("two"));
        let again = build_on_threads(site, "2", &dir.join("again"));
        assert!(one.len() > 40, "{name}: {} files", one.len());
        assert!(one == two, "{name}: one thread and two give different output");
        assert!(two == again, "{name}: two runs give different output");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn output_folders_that_would_destroy_sources_are_refused() {
    let site = SiteTest::fixture("two-articles");
    let root = site.root.display().to_string();
    let parent = site.root.parent().unwrap().display().to_string();
    for output in [root.clone(), parent, format!("{root}/content/out")] {
        let run = site.run(&["build", "--output", &output]);
        assert_eq!(run.status.code(), Some(2), "{output}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("refusing to write into"), "{output}");
    }
    assert!(site.root.join("content/articles/older.md").exists());
}

#[test]
fn an_output_symlink_is_refused_and_left_alone() {
    let site = SiteTest::fixture("two-articles");
    let elsewhere = site.root.with_extension("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("canary.txt"), "alive").unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root.join("public")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("it is a symbolic link"));
    assert!(site.root.join("public").is_symlink());
    assert_eq!(std::fs::read_to_string(elsewhere.join("canary.txt")).unwrap(), "alive");
    assert!(!elsewhere.join("index.html").exists(), "nothing written through the link");
}

#[test]
fn bom_and_crlf_give_the_same_html_as_lf() {
    let lf = "---\ntitle: Lines\ndate: 2024-01-01\nsummary: Same.\n---\nOne line\nand another.\n\n- a\n- b\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = SiteTest::new("lf").file("content/articles/a.md", lf).build();
    let b = SiteTest::new("crlf").file("content/articles/a.md", &crlf).build();
    assert_eq!(a.main("articles/a/").replace('\r', ""), b.main("articles/a/").replace('\r', ""));
    assert!(!b.main("articles/a/").contains('\u{feff}'));
}
