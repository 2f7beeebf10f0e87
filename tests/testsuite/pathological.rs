//! Hostile inputs at size n and 2n, each built by the real binary in its own process
//! under a time limit: time must grow about linearly, and nothing may crash.
//! (Speed targets live in the benchmarks; this only guards against blow-ups.)

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::SiteTest;

/// A case: a name, and a function from n to the article body (front matter excluded)
/// plus extra front matter lines.
type Make = fn(usize) -> (String, String);

const CASES: &[(&str, Make)] = &[
    ("nested-emphasis", |n| ("*a **a ".repeat(n) + "b" + &" a** a*".repeat(n), String::new())),
    ("emphasis-closers", |n| ("a_ ".repeat(n), String::new())),
    ("emphasis-openers", |n| ("_a ".repeat(n), String::new())),
    ("link-closers", |n| ("a]".repeat(n), String::new())),
    ("link-openers", |n| ("[a".repeat(n), String::new())),
    ("mismatched-emphasis", |n| ("*a_ ".repeat(n), String::new())),
    ("nested-brackets", |n| ("[".repeat(n) + "a" + &"]".repeat(n), String::new())),
    ("nested-blockquotes", |n| ("> ".repeat(n) + "a", String::new())),
    ("nested-lists", |n| ("* ".repeat(n) + "a", String::new())),
    ("backticks", |n| ("e`".repeat(n), String::new())),
    ("unclosed-links", |n| ("[a](<b".repeat(n), String::new())),
    ("html-openers", |n| ("a <!A ".repeat(n) + &"<?".repeat(n), String::new())),
    ("dos-fuzzer-patterns", |n| {
        ("[](".repeat(n) + &"``\\".repeat(n) + &"a***".repeat(n) + &"[ (](".repeat(n), String::new())
    }),
    ("link-reference-expansion", |n| (format!("[x]: {}\n", "x".repeat(n)) + &"\n[x]".repeat(n), String::new())),
    ("identical-headings", |n| ("# Intro\n\n".repeat(n / 4), String::new())),
    ("wide-table", |n| (format!("|{}\n|{}\n|a|\n", "h|".repeat(n / 4), "-|".repeat(n / 4)), String::new())),
    ("many-annotations", |n| {
        let k = n / 8;
        let body: String = (0..k).map(|i| format!("w{i}x ")).collect();
        let fm: String = (0..k).map(|i| format!("  - {{ exact: w{i}x, note: n }}\n")).collect();
        (body, format!("annotations:\n{fm}"))
    }),
    ("many-autolinks", |n| ("Kim met Kim. ".repeat(n / 4), String::new())),
    ("yaml-flow-nesting", |n| (String::new(), format!("tags: {}{}\n", "[".repeat(n), "]".repeat(n)))),
    ("yaml-compact-nesting", |n| (String::new(), format!("tags:\n  {}x\n", "- ".repeat(n)))),
    ("yaml-mapping-nesting", |n| (String::new(), format!("tags: {}x{}\n", "{a: ".repeat(n / 4), "}".repeat(n / 4)))),
    ("highlight-long-lines", |n| {
        (format!("```js\n{}```\n", format!("{}\n", "a".repeat(1000)).repeat(n / 100)), String::new())
    }),
    ("highlight-longest-allowed-lines", |n| {
        (format!("```js\n{}```\n", format!("{}\n", "a.".repeat(150)).repeat(n / 150)), String::new())
    }),
    ("highlight-many-blocks", |n| {
        ("```js\nvar aaaaaaaa = bbbbbbbb.cccccccc(dddddd);\n```\n\n".repeat(n / 20), String::new())
    }),
];

/// Runs `gloss check` on a site with the case's article at size `n`; returns the time.
fn time_case(name: &str, make: Make, n: usize) -> Duration {
    let (body, fm) = make(n);
    let site = SiteTest::new(&format!("patho-{name}-{n}"))
        .file("site.yaml", "title: T\nbase_url: https://example.org/\nautolink: all\n")
        .entity("kim", "Kim", "person")
        .article("a", &format!("title: A\ndate: 2024-01-01\n{fm}"), &body);
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["check", "--root"])
        .arg(&site.root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let elapsed = start.elapsed();
            let code = status.code();
            assert!(matches!(code, Some(0) | Some(1)), "{name} at n={n} crashed: {status}");
            return elapsed;
        }
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            panic!("{name} at n={n} did not finish in 30 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn hostile_markdown_and_front_matter_scale_linearly() {
    let n = 20_000;
    let mut report = Vec::new();
    for &(name, make) in CASES {
        let small = time_case(name, make, n);
        let large = time_case(name, make, 2 * n);
        let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.001);
        report.push(format!("{name}: {:?} -> {:?} (x{ratio:.1})", small, large));
        // Process start-up dominates tiny runs; only a slow doubling can show a blow-up.
        let blew_up = large > Duration::from_millis(400) && ratio > 3.0;
        assert!(!blew_up, "{name} grows worse than linearly:\n{}", report.join("\n"));
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn deep_nesting_in_site_yaml_is_refused_at_once_and_not_echoed_whole() {
    let site = SiteTest::new("deep-site-yaml").file(
        "site.yaml",
        &format!("title: T\nbase_url: https://example.org/\ndescription: {}\n", "[".repeat(100_000)),
    );
    let start = Instant::now();
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("site.yaml:3:40: nests") || stderr.contains("--> site.yaml:3:"), "{stderr}");
    assert!(stderr.len() < 2_000, "the error echoes {} bytes", stderr.len());
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn an_oversized_article_is_refused_not_read() {
    let site = SiteTest::new("huge");
    let big = format!("---\ntitle: A\ndate: 2024-01-01\n---\n{}", "word ".repeat(10 * 1024 * 1024));
    let site = site.file("content/articles/a.md", &big);
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("file too large"));
}
