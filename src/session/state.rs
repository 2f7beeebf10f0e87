//! The build state: what a good `gloss build` established, saved in the site's
//! `.gloss-cache/build-state/`, so that the next build can apply an article edit to
//! that build's output instead of running the whole pipeline (see
//! [`super::update_in_place`]).
//!
//! A folder of postcard files, each streamed to disk on its own and read back in
//! parallel: `site` (the site model, written before rendering, so that a build can let
//! the article bodies go while it renders), `lookup` (what resolving an edited article
//! needs: written as soon as the site is resolved), `small` (the input files as the
//! build found them and the smaller parts of the kept run), `facts` (every page's links
//! and ids), `search` (the search index, written as soon as its files are made),
//! `reads` (what each output file read) and `folders`
//! (the time of every folder of the output after the build), then `key`:
//! the format, the [`Key`] the state is valid for, the hash of the manifest the
//! build left in the output, and the hash of each other file (a file that does not
//! hash as recorded, damaged on disk, say, makes the state unusable rather than
//! read wrong). A state is written in a new folder that then takes the old
//! one's place, so it is never seen half written.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Inputs, Kept};
use crate::content_hash::Hashing;
use crate::diag::{Diagnostic, SourceMap};
use crate::load::LoadOptions;
use crate::render::aggregate::Aggregates;
use crate::render::plan::Page;
use crate::render::ReadIndex;
use crate::write::Folders;

/// The start of the `key` file, which names the format.
const HEADER: &[u8] = b"gloss build state 4\n";

/// The BLAKE3 hash of each file of a state but `key`, by name.
pub(super) type Hashes = BTreeMap<String, [u8; 32]>;

/// The smaller parts of a kept run, with the input files, as the `small` file holds them.
type Small = (Inputs, SourceMap, Aggregates, Vec<Page>, Vec<Diagnostic>, Vec<Diagnostic>);

/// The state's folder, in the site's `.gloss-cache/`.
fn folder(root: &Path) -> PathBuf {
    root.join(".gloss-cache").join("build-state")
}

/// What a state is valid for: this build of gloss, the same site and output, the
/// same options.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Key {
    version: String,
    /// The size and modification time of the running program: a new build of gloss
    /// (also one that keeps the version number) makes everything again.
    program: (u64, u128),
    root: PathBuf,
    output: PathBuf,
    drafts: bool,
    base_url: Option<String>,
}

impl Key {
    /// The key of a build of `opts` into `output`.
    pub(super) fn new(opts: &LoadOptions, output: &Path) -> Key {
        let program =
            std::env::current_exe().and_then(fs::metadata).map_or((0, 0), |m| (m.len(), crate::write::mtime_of(&m)));
        Key {
            version: env!("CARGO_PKG_VERSION").to_string(),
            program,
            root: opts.root.canonicalize().unwrap_or_else(|_| opts.root.clone()),
            output: crate::write::resolve(output).unwrap_or_else(|_| output.to_path_buf()),
            drafts: opts.drafts,
            base_url: opts.base_url.clone(),
        }
    }
}

/// A state being saved: its files go to a new folder as they become known.
#[derive(Debug)]
pub(super) struct Saving {
    dir: PathBuf,
    root: PathBuf,
    /// The hash of each file written so far.
    hashes: Mutex<Hashes>,
}

impl Saving {
    /// Starts a state for the site at `root`, first removing what builds killed while
    /// saving one left (at N = 10,000 a state is over 100 MB; a build running beside
    /// this one only loses its own state, which costs its next build the shortcut).
    pub(super) fn begin(root: &Path) -> std::io::Result<Saving> {
        let target = folder(root);
        let cache = target.parent().unwrap_or(root);
        for entry in fs::read_dir(cache).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with("build-state.new-") {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let dir = target.with_file_name(format!("build-state.new-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(Saving { dir, root: root.to_path_buf(), hashes: Mutex::default() })
    }

    /// Writes `value` as the file `name`.
    pub(super) fn put(&self, name: &str, value: &(impl Serialize + Sync)) -> std::io::Result<()> {
        // Hashed behind the buffer, in large pieces: postcard writes a few bytes at a time.
        let file = Hashing::new(fs::File::create(self.dir.join(name))?);
        let mut out = BufWriter::with_capacity(1 << 20, file);
        postcard::to_io(value, &mut out).map_err(std::io::Error::other)?;
        let file = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        let hash = *file.finish().as_bytes();
        self.hashes.lock().unwrap_or_else(|e| e.into_inner()).insert(name.to_string(), hash);
        Ok(())
    }

    /// Writes `value` as the file `name`, unless that is written already (what a full
    /// build writes during its run, to let it go).
    fn put_once(&self, name: &str, value: &(impl Serialize + Sync)) -> std::io::Result<()> {
        let written = self.hashes.lock().unwrap_or_else(|e| e.into_inner()).contains_key(name);
        if written {
            return Ok(());
        }
        self.put(name, value)
    }

    /// Writes the rest of the state (what is not written yet: a full build writes the
    /// site model, the lookup and the search index during its run) and puts it in
    /// place of the old one.
    pub(super) fn finish(self, parts: &Parts<'_>) -> std::io::Result<()> {
        let Parts { key, manifest, folders, inputs, kept, reads } = *parts;
        let small = (inputs, &kept.sources, &kept.agg, &kept.pages, &kept.diags, &kept.usage);
        let writes: [&(dyn Fn() -> std::io::Result<()> + Sync); 6] = [
            &|| self.put("small", &small),
            &|| self.put("facts", &kept.facts),
            &|| self.put_once("search", &kept.search),
            &|| self.put_once("lookup", &kept.lookup),
            &|| self.put("reads", reads),
            &|| self.put("folders", folders),
        ];
        writes.par_iter().try_for_each(|write| write())?;
        let mut out = fs::File::create(self.dir.join("key"))?;
        out.write_all(HEADER)?;
        let hashes = self.hashes.lock().unwrap_or_else(|e| e.into_inner());
        out.write_all(&postcard::to_stdvec(&(key, manifest, &*hashes)).map_err(std::io::Error::other)?)?;
        drop(hashes);
        discard(&self.root)?;
        fs::rename(&self.dir, folder(&self.root))
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Everything a state holds.
#[derive(Clone, Copy)]
pub(super) struct Parts<'a> {
    /// What it is valid for.
    pub(super) key: &'a Key,
    /// The hash of the output's manifest.
    pub(super) manifest: &'a str,
    /// The time of every folder of the output.
    pub(super) folders: &'a Folders,
    /// The input files as the build found them.
    pub(super) inputs: &'a Inputs,
    /// The run.
    pub(super) kept: &'a Kept,
    /// What each output file read.
    pub(super) reads: &'a ReadIndex,
}

/// Saves the whole state of the site at `root`.
pub(super) fn save(root: &Path, parts: &Parts<'_>) -> std::io::Result<()> {
    let saving = Saving::begin(root)?;
    saving.put("site", &parts.kept.site)?;
    saving.finish(parts)
}

/// The time of every folder of the output, as the state of the site at `root` whose
/// files hash to `hashes` records.
pub(super) fn folders(root: &Path, hashes: &Hashes) -> Option<Folders> {
    decoded(&read(root, hashes, "folders")?)
}

/// The bytes of the state's file `name`, when they hash as `hashes` says.
fn read(root: &Path, hashes: &Hashes, name: &str) -> Option<Vec<u8>> {
    let bytes = fs::read(folder(root).join(name)).ok()?;
    (blake3::hash(&bytes).as_bytes() == hashes.get(name)?).then_some(bytes)
}

/// A state as loaded.
pub(super) struct Saved {
    /// The input files as the build that saved it found them.
    pub(super) inputs: Inputs,
    /// The run, to be attached ([`Kept::attach`]).
    pub(super) kept: Kept,
    /// What each output file read.
    pub(super) reads: ReadIndex,
}

/// The state of the site at `root`, when it was saved for `key`: the hash of the
/// manifest of the output its build left, and the hashes of its files.
pub(super) fn recorded(root: &Path, key: &Key) -> Option<(String, Hashes)> {
    let bytes = fs::read(folder(root).join("key")).ok()?;
    let (saved, manifest, hashes): (Key, String, Hashes) = postcard::from_bytes(bytes.strip_prefix(HEADER)?).ok()?;
    (saved == *key).then_some((manifest, hashes))
}

/// The state of the site at `root` whose files hash to `hashes`, when every file does.
pub(super) fn load(root: &Path, hashes: &Hashes) -> Option<Saved> {
    let read = |name: &str| read(root, hashes, name);
    let ((small, site), ((facts, search), (reads, lookup))) = rayon::join(
        || rayon::join(|| read("small").and_then(|b| decoded::<Small>(&b)), || read("site").and_then(|b| decoded(&b))),
        || {
            rayon::join(
                || rayon::join(|| read("facts").and_then(|b| decoded(&b)), || read("search").and_then(|b| decoded(&b))),
                || rayon::join(|| read("reads").and_then(|b| decoded(&b)), || read("lookup").and_then(|b| decoded(&b))),
            )
        },
    );
    let (inputs, sources, agg, pages, diags, usage) = small?;
    let (site, facts, search, reads, lookup) = (site?, facts?, search?, reads?, lookup?);
    let page_index = Default::default();
    let kept = Kept { sources, site, lookup, agg, pages, page_index, facts, diags, usage, search };
    Some(Saved { inputs, kept, reads })
}

/// A file's value, when it decodes.
fn decoded<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

/// Removes the state of the site at `root`: done before an output is changed in
/// place, so that a build stopped midway leaves none that would claim the output is as
/// it says.
pub(super) fn discard(root: &Path) -> std::io::Result<()> {
    match fs::remove_dir_all(folder(root)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
