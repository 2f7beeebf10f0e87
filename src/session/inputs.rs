//! The site's input files as a build found them: `site.yaml` and every file under
//! `content/`, `templates/` and `static/`, each with its size and modification time,
//! so that the next build can tell which of them changed since.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::write::mtime_of;

/// The folders of the site root whose files a build reads, besides `site.yaml`.
const FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// How long before a scan a file's modification time may not tell a later change
/// apart: some file systems count time in whole seconds (FAT in two).
const COARSE: Duration = Duration::from_secs(2);

/// Every input file, by path relative to the site root (`/`-separated).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Inputs {
    files: BTreeMap<String, Stamp>,
}

/// What a scan found of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    size: u64,
    /// Nanoseconds since 1970.
    mtime: u128,
    /// For a file changed within [`COARSE`] of the scan, the hash of its bytes: its time
    /// alone could not tell a change made just after the scan.
    hash: Option<String>,
}

impl Inputs {
    /// The input files of the site at `root` as they are now.
    pub(crate) fn scan(root: &Path) -> Inputs {
        let recent = SystemTime::now()
            .checked_sub(COARSE)
            .map_or(0, |t| t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        let mut files = BTreeMap::new();
        let tops = FOLDERS.iter().map(|f| root.join(f)).chain(std::iter::once(root.join("site.yaml")));
        for top in tops {
            for entry in walkdir::WalkDir::new(top).follow_links(false).into_iter().flatten() {
                if entry.file_type().is_dir() {
                    continue;
                }
                let Ok(meta) = entry.metadata() else { continue };
                let mtime = mtime_of(&meta);
                let hash = (mtime >= recent).then(|| hash_of(entry.path())).flatten();
                let stamp = Stamp { size: meta.len(), mtime, hash };
                files.insert(crate::load::display_path(root, entry.path()), stamp);
            }
        }
        Inputs { files }
    }

    /// The files of the site at `root` that were added, removed or changed between
    /// `self` and `now`, a later scan.
    pub(crate) fn changed(&self, now: &Inputs, root: &Path) -> Vec<PathBuf> {
        let gone = self.files.keys().filter(|p| !now.files.contains_key(*p));
        let differ = now.files.iter().filter(|(path, stamp)| match self.files.get(*path) {
            None => true,
            Some(old) if old.size != stamp.size => true,
            Some(Stamp { hash: Some(old), .. }) => {
                stamp.hash.clone().or_else(|| hash_of(&root.join(path))).is_none_or(|h| h != *old)
            }
            Some(old) => old.mtime != stamp.mtime,
        });
        gone.chain(differ.map(|(p, _)| p)).map(|p| root.join(p)).collect()
    }
}

/// The hash of the bytes of the file at `path`, if it can be read.
fn hash_of(path: &Path) -> Option<String> {
    crate::content_hash::of_file(path).ok().map(|(hash, _)| hash.to_string())
}
