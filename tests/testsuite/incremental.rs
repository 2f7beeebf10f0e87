//! A long-lived session (what `serve` uses) gives byte for byte what a fresh build gives,
//! through a sequence of edits, additions and deletions.

use std::collections::BTreeMap;

use gloss::load::LoadOptions;
use gloss::session::Session;

use crate::support::SiteTest;

fn files(compiled: &gloss::Compiled) -> BTreeMap<String, Vec<u8>> {
    let rendered =
        compiled.rendered.as_ref().unwrap_or_else(|| panic!("{}", compiled.diagnostics.to_text(&compiled.sources)));
    rendered.files.iter().map(|f| (f.path.clone(), f.bytes.to_vec())).collect()
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = SiteTest::fixture("basic");
    let opts = LoadOptions { root: site.root.clone(), drafts: false, base_url: None };
    let mut session = Session::incremental(opts.clone());
    let first = files(&session.compile());
    assert_eq!(first, files(&gloss::compile(&opts)));

    type Step = fn(&SiteTest);
    let steps: &[(&str, Step)] = &[
        ("edit an article body", |s| {
            let p = s.root.join("content/articles/older.md");
            let text = std::fs::read_to_string(&p).unwrap().replace("met in Cambridge", "met often in Cambridge");
            std::fs::write(p, text).unwrap();
        }),
        ("add an article", |s| {
            std::fs::write(
                s.root.join("content/articles/newer.md"),
                "---\ntitle: Newest\ndate: 2025-01-01\n---\nLondon and [Note A](@engine-notes/note-a).\n",
            )
            .unwrap();
        }),
        ("rename an entity", |s| {
            std::fs::write(
                s.root.join("content/entities/london.md"),
                "---\nname: London\nkind: place\ndescription: A city.\n---\n",
            )
            .unwrap();
        }),
        ("delete an article", |s| std::fs::remove_file(s.root.join("content/articles/older.md")).unwrap()),
        ("override a template", |s| {
            std::fs::create_dir_all(s.root.join("templates")).unwrap();
            std::fs::write(
                s.root.join("templates/timeline.html"),
                "{% extends \"base.html\" %}{% block main %}T{% endblock main %}",
            )
            .unwrap();
        }),
        ("change site.yaml", |s| {
            std::fs::write(s.root.join("site.yaml"), "title: Renamed\nbase_url: https://example.org/sub/\n").unwrap();
        }),
    ];
    let mut previous = first;
    for (what, step) in steps {
        step(&site);
        let incremental = files(&session.compile());
        let fresh = files(&gloss::compile(&opts));
        assert_eq!(incremental.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "after: {what}");
        for (path, bytes) in &fresh {
            assert!(incremental[path] == *bytes, "after '{what}', {path} differs from a full build");
        }
        assert_ne!(incremental, previous, "'{what}' changed nothing");
        previous = incremental;
    }
}
