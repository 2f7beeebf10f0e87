//! The manifest gloss leaves in every output folder: the list of files it wrote. It
//! marks the folder as gloss's own, so a later build may replace it, and tells which
//! files someone else put there, so those are never deleted without `--force`.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use walkdir::WalkDir;

/// The manifest's file name, at the top of the output folder.
pub(crate) const NAME: &str = ".gloss-manifest";

/// The first line of every manifest.
const HEADER: &str = "# gloss output manifest 1: the files this build wrote, one per line";

/// How many foreign files an error names before it counts the rest.
const NAMED: usize = 3;

/// Writes the manifest listing `paths` (relative, `/`-separated) into `dir`.
pub(crate) fn write(dir: &Path, paths: &[String]) -> Result<()> {
    let target = dir.join(NAME);
    let mut out = std::io::BufWriter::new(
        fs::File::create(&target).with_context(|| format!("cannot write {}", target.display()))?,
    );
    writeln!(out, "{HEADER}")?;
    for p in paths {
        writeln!(out, "{p}")?;
    }
    out.flush()?;
    Ok(())
}

/// The files in `dir` that its manifest does not list, shortened for a message (a few
/// names, then how many more). Without a manifest every entry is foreign; an empty
/// folder has none.
pub(crate) fn foreign_files(dir: &Path) -> Result<Vec<String>> {
    let listed = match fs::read_to_string(dir.join(NAME)) {
        Ok(text) if text.starts_with(HEADER) => text.lines().skip(1).map(str::to_string).collect::<HashSet<_>>(),
        _ => HashSet::new(),
    };
    let mut foreign = Vec::new();
    for entry in WalkDir::new(dir).min_depth(1).follow_links(false).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if name != NAME && !listed.contains(&name) {
            foreign.push(name);
        }
    }
    if listed.is_empty() && foreign.is_empty() {
        // Only empty folders: nothing would be lost, but nothing marks it as ours.
        let has_entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?.next().is_some();
        if has_entries {
            foreign.push("folders without a gloss manifest".to_string());
        }
    }
    if foreign.len() > NAMED {
        let more = foreign.len() - NAMED;
        foreign.truncate(NAMED);
        foreign.push(format!("and {more} more"));
    }
    Ok(foreign)
}
