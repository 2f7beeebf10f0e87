//! Keeping the files of the previous output whose bytes come out the same. A new
//! build still goes to a fresh folder, but a file it would write with the bytes the
//! previous output's manifest records (same hash and size), and that is still as the
//! manifest says on disk (same size and modification time, so nobody changed it since),
//! is hard-linked from the previous output instead of written: it keeps its
//! modification time, so rsync- and CDN-style deploys upload only what changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::manifest::{Manifest, Record};
use crate::content_hash;

/// The previous output and what its manifest records.
#[derive(Debug, Default)]
pub(crate) struct Previous {
    dir: PathBuf,
    manifest: Manifest,
}

impl Previous {
    /// The previous output in `dir`, whose manifest is `manifest`; with `enabled` unset
    /// (`--no-cache`), nothing is kept.
    pub(crate) fn of(dir: &Path, manifest: Manifest, enabled: bool) -> Previous {
        Previous { dir: dir.to_path_buf(), manifest: if enabled { manifest } else { Manifest::default() } }
    }

    /// Links the previous output's `path` to `target` when it holds `hash` of `size`
    /// bytes and is unchanged since it was written; the record it keeps, if so.
    pub(crate) fn keep(&self, path: &str, hash: content_hash::Hash, size: u64, target: &Path) -> Option<Record> {
        let record = self.manifest.record(path).filter(|r| r.hash == hash && r.size == size)?;
        let old = self.dir.join(path);
        let meta = fs::symlink_metadata(&old).ok()?;
        let unchanged = meta.is_file() && meta.len() == size && mtime_of(&meta) == record.mtime;
        (unchanged && fs::hard_link(&old, target).is_ok()).then(|| record.clone())
    }
}

/// A file's modification time in nanoseconds since 1970 (0 where the system has none).
pub(crate) fn mtime_of(meta: &fs::Metadata) -> u128 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos())
}
