//! The build cache on disk (`.gloss-cache/` in the site root): encoded images and
//! social cards, by a key naming what they were made from, so that a later build
//! reuses them. Entries are written to a temporary file and renamed into place, so
//! an interrupted build never leaves half an entry; a cache that cannot be written
//! is only slower.

use std::path::PathBuf;

/// A folder of cached build products.
#[derive(Debug, Default)]
pub(crate) struct BuildCache {
    dir: Option<PathBuf>,
}

impl BuildCache {
    /// The cache in `dir`; `None` keeps nothing.
    pub(crate) fn new(dir: Option<PathBuf>) -> BuildCache {
        BuildCache { dir }
    }

    /// The entry `key` (a relative path), when there is one.
    pub(crate) fn get(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.as_ref()?.join(key)).ok()
    }

    /// The file of entry `key`, when there is one (to copy it without reading it whole).
    pub(crate) fn file(&self, key: &str) -> Option<PathBuf> {
        let path = self.dir.as_ref()?.join(key);
        path.is_file().then_some(path)
    }

    /// Keeps `bytes` as entry `key`.
    pub(crate) fn put(&self, key: &str, bytes: &[u8]) {
        let Some(dir) = &self.dir else { return };
        let path = dir.join(key);
        let Some(folder) = path.parent() else { return };
        if std::fs::create_dir_all(folder).is_err() {
            return;
        }
        let tmp = folder.join(format!(".tmp-{}-{:?}", std::process::id(), std::thread::current().id()));
        if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}
