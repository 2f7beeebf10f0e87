//! Measures what `gloss serve` does after a one-article edit: the edited article is
//! read and resolved again, and the pages that show it are rendered again, in memory.
//!
//! ```text
//! cargo run --release --example rebuild -- --root /dev/shm/corpus [--rounds 5]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use gloss::load::LoadOptions;
use gloss::session::Session;

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
    let mut times = Vec::new();
    for round in 0..rounds {
        std::fs::write(&article, format!("{original}\nAn edit, round {round}.\n")).expect("write");
        let start = Instant::now();
        let rebuilt = session.rebuild(std::slice::from_ref(&article));
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(rebuilt.ok && rebuilt.incremental, "{}", rebuilt.report);
        eprintln!("round {round}: {:.1} ms, {} files changed", times[round], rebuilt.changed.len());
    }
    std::fs::write(&article, original).expect("restore");
    times.sort_by(f64::total_cmp);
    eprintln!("one-article edit, incremental rebuild: median {:.0} ms over {rounds} rounds", times[times.len() / 2]);
}
