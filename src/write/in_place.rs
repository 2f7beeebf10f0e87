//! Bringing a built output folder up to date in place: what a build does when it
//! applies an article edit to the previous build instead of building everything.
//! Only the files whose bytes changed are written (each to a temporary name beside it,
//! then renamed over it, so no file is ever seen half written), the files that went
//! are removed, and the manifest is replaced last.
//!
//! The folder must be exactly as the last build left it: every file as the manifest
//! records it, and every folder with the modification time recorded after that build
//! ([`Folders`]: adding, removing or renaming anything in a folder changes its time),
//! so that a file someone added is found without reading every folder, and the build
//! refuses it as a full build would.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::manifest::{self, Manifest, Record};
use super::{guard, leftovers, reuse};
use crate::content_hash;
use crate::render::{Existing, OutputFile};
use crate::replace_file::replace;

/// The modification time of every folder of an output (`""` for the output itself).
pub(crate) type Folders = BTreeMap<String, u128>;

/// An output folder that a build left, as its manifest records it.
pub(crate) struct InPlace {
    dir: PathBuf,
    manifest: Manifest,
    /// The hash of the manifest's text, which names the build that wrote it.
    hash: String,
}

impl InPlace {
    /// The output folder at `output`, when a build of this version left one there
    /// (first clearing what a killed build left beside it, as a full build does).
    pub(crate) fn open(output: &Path) -> Result<Option<InPlace>> {
        let dir = guard::resolve(output)?;
        if let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) {
            leftovers::clear(parent, &name.to_string_lossy(), &dir)?;
        }
        let Ok(text) = fs::read_to_string(dir.join(manifest::NAME)) else { return Ok(None) };
        let manifest = Manifest::parse(&text);
        if manifest.records().is_none() || !fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            return Ok(None);
        }
        Ok(Some(InPlace { hash: content_hash::of_bytes(text.as_bytes()).to_string(), dir, manifest }))
    }

    /// The hash of the manifest's text as it is now.
    pub(crate) fn manifest_hash(&self) -> &str {
        &self.hash
    }

    /// Whether every file the manifest records is still as it was written (same size
    /// and modification time: nobody changed or removed it since), and every folder
    /// has the time `folders` recorded (nobody added anything).
    pub(crate) fn intact(&self, folders: &Folders) -> bool {
        let records = self.manifest.records().unwrap_or_default();
        let files = || {
            records.par_iter().all(|r| {
                fs::symlink_metadata(self.dir.join(&r.path))
                    .is_ok_and(|m| m.is_file() && m.len() == r.size && reuse::mtime_of(&m) == r.mtime)
            })
        };
        let same = || folders.par_iter().all(|(path, &mtime)| self.folder_time(path) == Some(mtime));
        let (files, same) = rayon::join(files, same);
        files && same
    }

    /// Records again in `folders` the time of each folder that `files` and `gone` are in,
    /// and of the output itself (what [`InPlace::apply`] changed).
    pub(crate) fn refresh(&self, folders: &mut Folders, files: &[OutputFile], gone: &[String]) {
        let paths = files.iter().map(|f| f.path.as_str()).chain(gone.iter().map(String::as_str));
        // The output itself holds the manifest, which is always written again.
        for folder in paths.flat_map(ancestors).chain([""]) {
            if let Some(mtime) = self.folder_time(folder) {
                folders.insert(folder.to_string(), mtime);
            }
        }
    }

    fn folder_time(&self, path: &str) -> Option<u128> {
        folder_time(&self.dir, path)
    }

    /// Writes `files` and removes `gone`, then replaces the manifest.
    pub(crate) fn apply(&mut self, files: &[OutputFile], gone: &[String]) -> Result<()> {
        for f in files {
            let record = self.put(&f.path, &f.bytes).with_context(|| format!("cannot write {}", f.path))?;
            self.manifest.set(record);
        }
        for path in gone {
            match fs::remove_file(self.dir.join(path)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("cannot remove {path}")),
            }
            self.manifest.remove(path);
        }
        let mut records = self.manifest.records().unwrap_or_default();
        records.sort_by(|a, b| a.path.cmp(&b.path));
        let text = manifest::text(&records);
        replace(&self.dir.join(manifest::NAME), text.as_bytes()).context("cannot write the output manifest")?;
        self.hash = content_hash::of_bytes(text.as_bytes()).to_string();
        Ok(())
    }

    /// Writes `bytes` at `path` and says what the manifest records of it.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<Record> {
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder)?;
        }
        let meta = replace(&target, bytes)?;
        let (hash, size, mtime) = (content_hash::of_bytes(bytes), bytes.len() as u64, reuse::mtime_of(&meta));
        Ok(Record { path: path.to_string(), hash, size, mtime })
    }
}

/// The modification time of the folder `path` of the output at `dir`.
fn folder_time(dir: &Path, path: &str) -> Option<u128> {
    let meta = fs::symlink_metadata(dir.join(path)).ok()?;
    meta.is_dir().then(|| reuse::mtime_of(&meta))
}

/// The modification time of every folder that the files at `paths` of the output at
/// `dir` are in, and of the output itself.
pub(super) fn folder_times<'p>(dir: &Path, paths: impl Iterator<Item = &'p str>) -> Folders {
    let mut folders: Vec<&str> = paths.flat_map(ancestors).collect();
    folders.sort_unstable();
    folders.dedup();
    folders.par_iter().filter_map(|p| Some((p.to_string(), folder_time(dir, p)?))).collect()
}

/// The folders `path` is in, innermost first, ending with the output itself (`""`).
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let folder = rest?.rsplit_once('/').map_or("", |(f, _)| f);
        rest = (!folder.is_empty()).then_some(folder);
        Some(folder)
    })
}

impl Existing for InPlace {
    fn has(&self, path: &str) -> bool {
        self.manifest.lists(path)
    }

    fn same(&self, path: &str, bytes: &[u8]) -> bool {
        self.manifest
            .record(path)
            .is_some_and(|r| r.size == bytes.len() as u64 && r.hash == content_hash::of_bytes(bytes))
    }

    fn under(&self, dir: &str) -> Vec<String> {
        self.manifest.paths().filter(|p| p.starts_with(dir)).map(str::to_string).collect()
    }

    fn paths(&self) -> Vec<String> {
        self.manifest.paths().map(str::to_string).collect()
    }
}
