//! `gloss new DIR`: a starter site that builds and checks cleanly, with one of every
//! kind of thing an explainer can hold.

use std::path::Path;

use anyhow::{bail, Context, Result};

/// The starter site's files: path in the new site, contents.
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("starter/site.yaml")),
    ("content/articles/what-the-council-decided.md", include_str!("starter/article.md")),
    ("content/entities/ada-byron.md", include_str!("starter/entity-ada.md")),
    ("content/entities/example-council.md", include_str!("starter/entity-council.md")),
    ("content/documents/example-charter.md", include_str!("starter/document.md")),
    ("static/.gitkeep", ""),
    ("templates/.gitkeep", ""),
];

/// Writes the starter site into `dir`, which must not exist or be empty.
pub(crate) fn create(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = dir.read_dir().with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!("{} is not empty; choose a new or empty folder", dir.display());
        }
    }
    for (path, text) in STARTER {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&target, text).with_context(|| format!("cannot write {}", target.display()))?;
    }
    Ok(())
}
