//! Fuzz target: one article of arbitrary bytes in a small fixed site, run through
//! load → parse → resolve → render → verify. Any panic is a bug; diagnostics must point
//! inside their file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gloss::LoadOptions;
use libfuzzer_sys::fuzz_target;

fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        let root = base.join(format!("gloss-fuzz-{}", std::process::id()));
        let files = [
            ("site.yaml", "title: Fuzz\nbase_url: https://example.org/\n"),
            ("content/entities/kim.md", "---\nname: Kim\nkind: person\naliases: [Kim Jong-un]\n---\nProfile.\n"),
            (
                "content/documents/treaty.md",
                "---\ntitle: Treaty\nprovisions:\n  - { id: article-4, title: Article 4, text: Help without delay. }\n---\n",
            ),
        ];
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        root
    })
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    std::fs::write(root.join("content/articles/a.md"), data).unwrap();
    let compiled = gloss::compile(&LoadOptions { root: root.clone(), drafts: false, base_url: None });
    for d in compiled.diagnostics.sorted(&compiled.sources) {
        let text = compiled.sources.text(d.file);
        assert!(d.span.start <= text.len(), "{}", d.short(&compiled.sources));
        let (line, _) = compiled.sources.line_col(d.file, d.span.start);
        assert!(line <= text.split('\n').count().max(1), "{}", d.short(&compiled.sources));
    }
});
