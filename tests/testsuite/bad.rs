//! The table of broken inputs in `tests/bad/`: each case is one small site with one
//! defect, and the complete list of diagnostics it must produce, warnings included
//! (`path:line:col: severity: message`, sorted by file and position).
//!
//! Case file format:
//! ```text
//! # what is wrong
//! # expect: content/articles/a.md:2:1: error: unknown field `titel`
//! === content/articles/a.md
//! ---
//! titel: A
//! ---
//! ```
//! A `site.yaml` with a title and base_url is added unless the case has its own.
//! A section header may end in a flag: `!bytes` (the text holds `\n` and `\xNN`
//! escapes), `!symlink` (the text is the link's target), `!absent` (no such file).

use std::path::{Path, PathBuf};

use gloss::LoadOptions;

use crate::support::{SiteTest, SITE_YAML};

struct Case {
    name: String,
    expect: Vec<String>,
    files: Vec<(String, String, Option<String>)>,
}

fn parse_case(name: &str, text: &str) -> Case {
    let mut case = Case { name: name.to_string(), expect: Vec::new(), files: Vec::new() };
    for line in text.split_inclusive('\n') {
        if let Some(header) = line.strip_prefix("=== ") {
            let header = header.trim_end();
            let (path, flag) = match header.rsplit_once(" !") {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (header.to_string(), None),
            };
            case.files.push((path, String::new(), flag));
        } else if let Some((_, body, _)) = case.files.last_mut() {
            body.push_str(line);
        } else if let Some(e) = line.strip_prefix("# expect: ") {
            case.expect.push(e.trim_end().to_string());
        }
    }
    case
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.trim_end().as_bytes();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'n')) => {
                out.push(b'\n');
                i += 2;
            }
            (b'\\', Some(b'x')) => {
                out.push(u8::from_str_radix(std::str::from_utf8(&b[i + 2..i + 4]).unwrap(), 16).unwrap());
                i += 4;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn materialise(case: &Case) -> PathBuf {
    let site = SiteTest::new(&case.name);
    for (path, text, flag) in &case.files {
        let target = site.root.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        match flag.as_deref() {
            None => std::fs::write(&target, text).unwrap(),
            Some("bytes") => std::fs::write(&target, unescape(text)).unwrap(),
            Some("symlink") => {
                let _ = std::fs::remove_file(&target);
                std::os::unix::fs::symlink(text.trim(), &target).unwrap()
            }
            Some("absent") => {
                let _ = std::fs::remove_file(&target);
            }
            Some(other) => panic!("{}: unknown flag !{other}", case.name),
        }
    }
    if !case.files.iter().any(|(p, _, _)| p == "site.yaml") {
        assert!(site.root.join("site.yaml").exists());
        std::fs::write(site.root.join("site.yaml"), SITE_YAML).unwrap();
    }
    site.root
}

fn diagnostics_of(root: &Path) -> Vec<String> {
    let compiled = gloss::compile(&LoadOptions { root: root.to_path_buf(), drafts: false, base_url: None });
    compiled.diagnostics.sorted(&compiled.sources).iter().map(|d| d.short(&compiled.sources)).collect()
}

/// Replaces the case's `# expect:` lines with the diagnostics it produced (run with
/// `GLOSS_BLESS=1`, then review the diff).
fn bless(path: &Path, got: &[String]) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut written = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("# expect: ") {
            if !written {
                out.extend(got.iter().map(|g| format!("# expect: {g}\n")));
                written = true;
            }
        } else {
            out.push_str(line);
        }
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn every_bad_input_is_reported_precisely() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 40, "the table holds at least 40 cases");
    let bless_all = std::env::var_os("GLOSS_BLESS").is_some();
    let mut failures = Vec::new();
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let case = parse_case(&name, &std::fs::read_to_string(&path).unwrap());
        assert!(!case.expect.is_empty(), "{name}: no `# expect:` line");
        let got = diagnostics_of(&materialise(&case));
        if bless_all {
            bless(&path, &got);
            continue;
        }
        if got != case.expect {
            failures.push(format!(
                "{name}: expected\n    {}\n  got\n    {}",
                case.expect.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
