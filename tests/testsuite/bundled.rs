//! The bundled explainer site builds cleanly and every link in it lands.

use std::path::Path;

use crate::support::check_links;
use gloss::BuildOptions;
use gloss::LoadOptions;

#[test]
fn bundled_site_builds_without_warnings_and_every_link_resolves() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bundled-public");
    let opts = BuildOptions {
        load: LoadOptions { root: env!("CARGO_MANIFEST_DIR").into(), drafts: false, base_url: None },
        output: Some(out.clone()),
        force: false,
        no_cache: false,
    };
    let compiled = gloss::build(&opts).expect("build runs");
    let (errors, warnings) = compiled.diagnostics.counts();
    assert_eq!((errors, warnings), (0, 0), "{}", compiled.diagnostics.to_text(&compiled.sources));
    let broken = check_links(&out, "/kursk-front/");
    assert!(broken.is_empty(), "{broken:#?}");

    let article = std::fs::read_to_string(out.join("articles/lerner-kyiv-north-korean-troops/index.html")).unwrap();
    assert!(article.contains(r#"href="../../documents/russia-dprk-treaty/article-4/""#), "article links Article 4");
    let article4 = std::fs::read_to_string(out.join("documents/russia-dprk-treaty/article-4/index.html")).unwrap();
    assert!(article4.contains("without delay in accordance with Article 51 of the UN Charter"), "verbatim text");
    assert!(
        article4.contains(r#"href="../../../articles/lerner-kyiv-north-korean-troops/#"#),
        "links back to passages"
    );
    assert!(article4.contains(r#"href="../../../documents/un-charter/article-51/""#), "cites Article 51");
    let quote = std::fs::read_to_string(out.join("quotes/putin-satellite-images/index.html")).unwrap();
    assert!(quote.contains(r#"href="../../entities/vladimir-putin/""#));
    let putin = std::fs::read_to_string(out.join("entities/vladimir-putin/index.html")).unwrap();
    assert!(putin.contains(r#"href="../../quotes/putin-satellite-images/""#));
}
