//! Fuzz target: arbitrary bytes as the YAML front matter of an article, an entity or a
//! document, or as `site.yaml`, in a small fixed site, run through the whole pipeline.
//! The first byte picks the file. Any panic is a bug; diagnostics must point inside
//! their file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gloss::LoadOptions;
use libfuzzer_sys::fuzz_target;

const SITE_YAML: &str = "title: Fuzz\nbase_url: https://example.org/news/\n";
const ARTICLE: &str = "---\ntitle: A\ndate: 2024-01-01\n---\nKim said hello.\n";
const ENTITY: &str = "---\nname: Kim\nkind: person\n---\n";
const DOCUMENT: &str = "---\ntitle: Treaty\nprovisions:\n  - { id: article-4, title: Article 4, text: Help. }\n---\n";

/// The files the target rewrites, each with its normal contents.
const FILES: [(&str, &str); 4] = [
    ("content/articles/a.md", ARTICLE),
    ("content/entities/kim.md", ENTITY),
    ("content/documents/treaty.md", DOCUMENT),
    ("site.yaml", SITE_YAML),
];

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let root = base.join(format!("gloss-fuzz-fm-{}", std::process::id()));
        for (path, _) in FILES {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        }
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, yaml)) = data.split_first() else { return };
    let root = site();
    let target = usize::from(pick) % FILES.len();
    for (i, (path, normal)) in FILES.iter().enumerate() {
        let bytes = match i == target {
            false => normal.as_bytes().to_vec(),
            true if *path == "site.yaml" => yaml.to_vec(),
            true => [b"---\n".as_slice(), yaml, b"\n---\nKim said hello.\n"].concat(),
        };
        std::fs::write(root.join(path), bytes).unwrap();
    }
    let compiled = gloss::compile(&LoadOptions { root: root.clone(), drafts: false, base_url: None });
    for d in compiled.diagnostics.sorted(&compiled.sources) {
        let text = compiled.sources.text(d.file);
        assert!(d.span.start <= text.len() && d.span.start <= d.span.end, "{}", d.short(&compiled.sources));
        let (line, _) = compiled.sources.line_col(d.file, d.span.start);
        assert!(line <= text.split('\n').count().max(1), "{}", d.short(&compiled.sources));
    }
});
