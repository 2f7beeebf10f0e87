//! The hostile-input battery: each case is one way an attacker or a careless user
//! broke an earlier gloss (deleted files, ran script, stalled a build, broke a feed),
//! with the exact outcome now: refused with exit 2 and nothing touched, an error at
//! its position, or output that every parser accepts. (Time bounds for hostile input
//! live in `pathological.rs`; error positions in `tests/bad/`.)

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{attr_values, audit_output, snapshot, SiteTest};

/// A fresh folder holding a starter site made by `gloss new` at `<folder>/site`.
fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let made = gloss_in(&dir, &["new", "site"]);
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    dir
}

/// Runs the real binary in `cwd`.
fn gloss_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss")).args(args).current_dir(cwd).env("NO_COLOR", "1").output().unwrap()
}

/// Runs `args` in `cwd` and asserts it is refused with exit 2, naming `why`, and that
/// nothing under `watched` changed.
fn refused_untouched(cwd: &Path, args: &[&str], watched: &Path, why: &str) {
    let before = snapshot(watched);
    let run = gloss_in(cwd, args);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(why), "{args:?}: expected {why:?} in\n{stderr}");
    assert!(snapshot(watched) == before, "{args:?} changed files under {}", watched.display());
}

#[test]
fn an_output_path_through_a_missing_folder_cannot_reach_the_site() {
    let dir = sandbox("dotdot");
    refused_untouched(&dir, &["build", "--root", "site", "--output", "nd/../site"], &dir, "the site root");
    refused_untouched(&dir.join("site"), &["build", "--output", "nd/../../site"], &dir, "the site root");
    refused_untouched(&dir.join("site"), &["build", "--output", "x/../content"], &dir, "content/ folder");
    refused_untouched(&dir.join("site"), &["build", "--output", "nd/../.."], &dir, "a folder above");
}

#[test]
fn a_folder_gloss_did_not_write_is_replaced_only_with_force() {
    let dir = sandbox("foreign");
    let home = dir.join("home");
    std::fs::create_dir_all(home.join(".ssh")).unwrap();
    std::fs::create_dir_all(home.join("Documents")).unwrap();
    std::fs::write(home.join(".ssh/id_rsa"), "secret").unwrap();
    std::fs::write(home.join("Documents/letter.txt"), "dear").unwrap();
    std::fs::write(dir.join("some-file.txt"), "keep me").unwrap();
    let site = dir.join("site");
    let home_arg = home.display().to_string();
    refused_untouched(&site, &["build", "--output", &home_arg], &dir, "files that gloss did not write");
    refused_untouched(&site, &["build", "--output", "../some-file.txt"], &dir, "never replaces a file");
    refused_untouched(&site, &["build", "--force", "--output", "../some-file.txt"], &dir, "never replaces a file");
    let forced = gloss_in(&site, &["build", "--force", "--output", &home_arg]);
    assert_eq!(forced.status.code(), Some(0), "{}", String::from_utf8_lossy(&forced.stderr));
    assert!(home.join("index.html").is_file() && !home.join(".ssh").exists());
}

#[test]
fn gloss_replaces_its_own_output_but_keeps_files_someone_added() {
    let dir = sandbox("own");
    let site = dir.join("site");
    for _ in 0..2 {
        let run = gloss_in(&site, &["build"]);
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let manifest = std::fs::read_to_string(site.join("public/.gloss-manifest")).unwrap();
    assert!(manifest.lines().any(|l| l.ends_with(" index.html")), "{manifest}");
    std::fs::write(site.join("public/CNAME"), "news.example.org").unwrap();
    refused_untouched(&site, &["build"], &dir, "CNAME");
    // However the folder is walked, the message names the same first three, by path.
    for added in ["articles/z.txt", "articles/deep/er/a.txt", ".hidden", "b/c.txt"] {
        let p = site.join("public").join(added);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "added").unwrap();
    }
    refused_untouched(&site, &["build"], &dir, "(.hidden, CNAME, articles/deep/er/a.txt, and 2 more)");
}

#[test]
fn a_symlinked_content_folder_or_site_yaml_is_refused_without_reading_it() {
    let dir = sandbox("links");
    let site = dir.join("site");
    std::fs::rename(site.join("content"), dir.join("content-elsewhere")).unwrap();
    std::os::unix::fs::symlink(dir.join("content-elsewhere"), site.join("content")).unwrap();
    let run = gloss_in(&site, &["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("symbolic links inside a site are not followed"), "{stderr}");
    assert!(stderr.contains("--> content:1:1"), "{stderr}");

    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    std::fs::remove_file(site.join("site.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, site.join("site.yaml")).unwrap();
    let run = gloss_in(&site, &["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("symbolic links inside a site are not followed"), "{stderr}");
    assert!(!stderr.contains("root:x"), "the link's target was shown:\n{stderr}");
}

#[test]
fn heading_attributes_never_reach_the_output() {
    let site = SiteTest::new("heading-attrs").article(
        "a",
        "title: A\ndate: 2024-01-01",
        "## Title {tabindex=0 onfocus=alert(1)}\n\n## Link {href=javascript:alert(1)}\n\n## Twice {id=s-sources}\n",
    );
    let run = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    for key in ["tabindex", "onfocus", "href", "id"] {
        assert!(stderr.contains(&format!("heading attribute `{key}` is not allowed")), "{key}: {stderr}");
    }
    assert!(!site.root.join("public").exists(), "nothing is written");
    let allowed =
        SiteTest::new("heading-allowed").article("a", "title: A\ndate: 2024-01-01", "## Title {#why .wide}\n");
    let main = allowed.build().main("articles/a/");
    assert!(main.contains(r#"<h2 id="why" class="wide">"#), "{main}");
}

#[test]
fn characters_xml_forbids_never_reach_feeds_or_pages() {
    let fm = "title: \"A\\x01B\\vC\\eD\\uFFFEE\"\ndate: 2024-01-01\nsummary: \"S\\x02ummary\\u0085\"";
    let site = SiteTest::new("xml-chars").article("a", fm, "Body\u{1}text \u{fdd0} and more.\n");
    let run = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("invisible character U+0001"), "{stderr}");
    let out = site.root.join("public");
    let problems = audit_output(&out);
    assert!(problems.is_empty(), "{problems:#?}");
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("A B C D\u{fffd}E"), "{feed}");
}

#[test]
fn footnote_labels_cannot_take_the_ids_of_figures_notes_or_headings() {
    let fm = "title: A\ndate: 2024-01-01\nfigures:\n  - id: attendance\n    label: Attendance\n    values:\n      - { value: 3, by: kim, exact: Three }\nannotations:\n  - { exact: gathered, note: A note. }";
    let body = "## Why\n\nThree people[^fig-attendance] gathered[^note-1] there[^why].\n\n\
                [^fig-attendance]: Counted twice.\n[^note-1]: By the desk.\n[^why]: Because.\n";
    let built = SiteTest::new("footnote-ids").entity("kim", "Kim", "person").article("a", fm, body).build();
    let html = built.file("articles/a/index.html");
    let ids = attr_values(&html, "id");
    let mut seen = std::collections::HashSet::new();
    let repeated: Vec<&String> = ids.iter().filter(|id| !seen.insert(id.as_str())).collect();
    assert!(repeated.is_empty(), "ids repeat: {repeated:?}");
    for id in ["fig-attendance", "why", "fn-1", "fn-2", "fn-3", "fn-ref-1"] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
    assert!(built.broken_links("/").is_empty(), "{:?}", built.broken_links("/"));
}

#[test]
fn static_names_that_differ_only_in_normalisation_are_an_error() {
    let site = SiteTest::new("nfc").file("static/caf\u{e9}.txt", "one").file("static/cafe\u{301}.txt", "two");
    let run = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Unicode normalisation"), "{stderr}");
}

#[test]
fn a_large_static_file_is_copied_without_being_held_in_memory() {
    const SIZE: u64 = 200 * 1024 * 1024;
    let site = SiteTest::new("big-static");
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    let file = std::fs::File::create(site.root.join("static/archive.bin")).unwrap();
    file.set_len(SIZE).unwrap();
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_gloss")).args(["build", "--quiet", "--root"]).arg(&site.root).spawn().unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child's pid, with valid out-pointers.
    let waited = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(waited, child.id() as i32);
    let _ = child.try_wait();
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "build failed: {status}");
    let copied = site.root.join("public/archive.bin");
    assert_eq!(std::fs::metadata(&copied).unwrap().len(), SIZE);
    std::fs::remove_dir_all(site.root.join("public")).unwrap();
    let peak_mib = usage.ru_maxrss / 1024;
    assert!(peak_mib < 150, "peak memory {peak_mib} MiB for a {} MiB static file", SIZE >> 20);
}

#[test]
fn serve_refuses_a_request_with_two_host_headers() {
    let site = SiteTest::new("two-hosts").article("a", "title: A\ndate: 2024-01-01", "Text.\n");
    let server = crate::serve::start(&site);
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    let port = server.port;
    write!(stream, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
}
