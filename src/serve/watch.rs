//! Watching the site's sources: `site.yaml`, `content/`, `templates/` and `static/`.
//! Reads are ignored (a build reads every file); creations, writes, renames and
//! removals are reported.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use anyhow::{Context, Result};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::load::discover::is_editor_dropping;

/// Starts watching the sources under `root`; the changed source paths of each file
/// system event are sent to `changes`. The watch lasts as long as the returned value.
pub(super) fn start(root: &Path, changes: Sender<Vec<PathBuf>>) -> Result<RecommendedWatcher> {
    let handler = move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let paths: Vec<PathBuf> = event.paths.into_iter().filter(|p| is_source(p)).collect();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    };
    let mut watcher = notify::recommended_watcher(handler).context("cannot start the file watcher")?;
    watcher.watch(root, RecursiveMode::NonRecursive).with_context(|| format!("cannot watch {}", root.display()))?;
    for dir in ["content", "templates", "static"] {
        let dir = root.join(dir);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", dir.display()))?;
        }
    }
    Ok(watcher)
}

/// True for paths whose change can change the site.
fn is_source(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if is_editor_dropping(&name) {
        return false;
    }
    let text = path.to_string_lossy();
    name == "site.yaml"
        || ["content", "templates", "static"]
            .iter()
            .any(|d| text.contains(&format!("/{d}/")) || text.ends_with(&format!("/{d}")))
}
