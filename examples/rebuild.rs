//! Measures what `gloss serve` does after a one-article edit: the edited article is
//! read and resolved again, and the pages that show it are rendered again, in memory.
//!
//! ```text
//! cargo run --release --example rebuild -- --root /dev/shm/corpus [--rounds 5]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use gloss::LoadOptions;
use gloss::Session;

/// The allocator of the `gloss` binary, so that the times are those `serve` has.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut root, mut rounds) = (PathBuf::from("."), 5usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--root" => root = args.next().map(PathBuf::from).expect("--root DIR"),
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).expect("--rounds N"),
            other => panic!("unknown argument {other}"),
        }
    }
    let mut session = Session::incremental(LoadOptions { root: root.clone(), drafts: false, base_url: None });
    let start = Instant::now();
    let first = session.rebuild(&[]);
    assert!(first.ok, "{}", first.report);
    eprintln!("first build: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    let article = std::fs::read_dir(root.join("content/articles"))
        .expect("content/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "md"))
        .expect("an article");
    let original = std::fs::read_to_string(&article).expect("readable article");
    // A change of wording in the body shows on the article's own page; a new title
    // also shows wherever the article is listed (entity, quote, home and feed pages).
    type Edit = fn(&str, usize) -> String;
    let edits: [(&str, Edit); 2] = [
        ("body", |text, round| format!("{text}\nAn edit, round {round}.\n")),
        ("title", |text, round| text.replacen("title: \"", &format!("title: \"Round {round}: "), 1)),
    ];
    let mut lines = Vec::new();
    for (what, edit) in edits {
        assert_ne!(edit(&original, 0), original, "the generated corpus quotes its titles");
        let mut times = Vec::new();
        let mut files = 0;
        let mut whole = 0;
        for round in 0..rounds {
            std::fs::write(&article, edit(&original, round)).expect("write");
            let start = Instant::now();
            let rebuilt = session.rebuild(std::slice::from_ref(&article));
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(rebuilt.ok, "{}", rebuilt.report);
            // An edit that changes which search shards exist runs the whole pipeline.
            whole += usize::from(!rebuilt.incremental);
            files = rebuilt.changed.len();
        }
        std::fs::write(&article, &original).expect("restore");
        session.rebuild(std::slice::from_ref(&article));
        times.sort_by(f64::total_cmp);
        lines.push(format!("{what} {:.0} ms ({files} files, {whole} of {rounds} full runs)", times[times.len() / 2]));
    }
    eprintln!("one-article edit in serve, median of {rounds}: {}", lines.join(", "));
}
