//! The build cache on disk (`.gloss-cache/` in the site root): encoded images and
//! social cards, by a key naming what they were made from, so that a later build
//! reuses them. Entries are written to a temporary file and renamed into place, so
//! an interrupted build never leaves half an entry; a cache that cannot be written
//! is only slower. A *hashed* entry (a social card) also keeps the hash and size of its
//! bytes beside it, so a build can hand it to the output, which records that hash,
//! without reading it. After a good build, the entries it did not use (cards of old
//! titles, copies of removed images) are removed: see [`BuildCache::prune`].

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The cache's folders of entries, each holding its entries side by side (keys are
/// `<folder>/<name>`). Nothing else in the cache folder is the build cache's own.
const FOLDERS: [&str; 2] = ["images", "social"];

/// A folder of cached build products, and the keys asked for since it was opened.
#[derive(Debug, Default)]
pub(crate) struct BuildCache {
    dir: Option<PathBuf>,
    used: Mutex<HashSet<String>>,
}

impl BuildCache {
    /// The cache in `dir`; `None` keeps nothing.
    pub(crate) fn new(dir: Option<PathBuf>) -> BuildCache {
        BuildCache { dir, used: Mutex::default() }
    }

    /// Notes that this run needs entry `key`.
    fn use_key(&self, key: &str) {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert(key.to_string());
    }

    /// Removes the entries (and their hash files) that no lookup or write of this
    /// cache asked for: after a build that made every page, those are what the site no
    /// longer shows. Returns how many files went. Only entries are removed, never a
    /// folder or another file of the cache folder.
    pub(crate) fn prune(&self) -> usize {
        let Some(dir) = &self.dir else { return 0 };
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let mut removed = 0;
        for folder in FOLDERS {
            let Ok(entries) = std::fs::read_dir(dir.join(folder)) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                let key = format!("{folder}/{}", name.strip_suffix(".b3").unwrap_or(&name));
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                if !is_dir && !used.contains(&key) && std::fs::remove_file(entry.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }

    /// The entry `key` (a relative path), when there is one.
    pub(crate) fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.use_key(key);
        let path = self.dir.as_ref()?.join(key);
        regular_file(&path)?;
        std::fs::read(path).ok()
    }

    /// Keeps `bytes` as entry `key`.
    pub(crate) fn put(&self, key: &str, bytes: &[u8]) {
        self.use_key(key);
        if let Some(dir) = &self.dir {
            write_entry(&dir.join(key), bytes);
        }
    }

    /// Keeps `bytes` as entry `key`, with their hash (see [`crate::content_hash`]) beside them.
    pub(crate) fn put_hashed(&self, key: &str, bytes: &[u8], hash: crate::content_hash::Hash) {
        self.use_key(key);
        let Some(dir) = &self.dir else { return };
        let path = dir.join(key);
        // The bytes first: a hash is only ever found beside the entry it describes.
        if write_entry(&path, bytes) {
            write_entry(&sidecar(&path), format!("{hash} {}", bytes.len()).as_bytes());
        }
    }

    /// The hashed entry `key`, when there is one that is still as its hash was taken:
    /// of the recorded size, and not modified after the hash was written beside it
    /// (the output may share an entry's storage, so a file changed there in place
    /// changes the entry, which is then drawn again rather than trusted).
    pub(crate) fn hashed(&self, key: &str) -> Option<Hashed> {
        self.use_key(key);
        let path = self.dir.as_ref()?.join(key);
        let mut sidecar = std::fs::File::open(sidecar(&path)).ok()?;
        let recorded_at = sidecar.metadata().ok()?.modified().ok()?;
        let mut recorded = String::new();
        sidecar.read_to_string(&mut recorded).ok()?;
        let (hash, size) = recorded.split_once(' ')?;
        let size: u64 = size.parse().ok()?;
        // It goes into the output manifest: a hash, nothing else.
        let hash = crate::content_hash::Hash::parse(hash)?;
        let meta = regular_file(&path)?;
        let intact = meta.len() == size && meta.modified().ok()? <= recorded_at;
        intact.then_some(Hashed { path, hash, size })
    }
}

/// A cached file whose hash and size are known without reading it.
#[derive(Debug, Clone)]
pub(crate) struct Hashed {
    /// Where it is.
    pub(crate) path: PathBuf,
    /// The hash of its bytes, as the output manifest records it.
    pub(crate) hash: crate::content_hash::Hash,
    /// Its size in bytes.
    pub(crate) size: u64,
}

/// What the file at `path` is, when it is a regular file and not a link to one: gloss
/// writes none, and one a site ships could carry any file of the machine into its output.
fn regular_file(path: &Path) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file())
}

/// The file beside entry `path` that holds its hash and size.
fn sidecar(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".b3");
    PathBuf::from(name)
}

/// Writes `bytes` to `path` through a temporary file renamed into place; whether it worked.
fn write_entry(path: &Path, bytes: &[u8]) -> bool {
    let Some(folder) = path.parent() else { return false };
    std::fs::create_dir_all(folder).is_ok() && crate::replace_file::replace(path, bytes).is_ok()
}
