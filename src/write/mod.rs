//! Stage 6, write: put the rendered files on disk without ever leaving a half-written
//! site. Files go to a fresh folder beside the output as they are rendered, which then
//! replaces the output in one rename; the previous output survives any failure before.
//! [`guard`] decides which folders may be replaced at all; [`reuse`] keeps the files
//! whose bytes did not change; [`leftovers`] clears what killed builds left behind.

mod guard;
mod in_place;
mod leftovers;
mod manifest;
mod reuse;

pub(crate) use guard::resolve;
pub(crate) use in_place::{Folders, InPlace};
pub(crate) use reuse::mtime_of;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use rustc_hash::FxHashSet;

use crate::content_hash;
use crate::render::{Hashed, Sink};
use manifest::{Manifest, Record};
use reuse::Previous;

/// An output as [`Staging::commit`] left it: what the build state records of it.
pub(crate) struct Committed {
    dir: PathBuf,
    /// The hash of its manifest's text.
    pub(crate) manifest_hash: String,
    /// The path of every file, sorted.
    paths: Vec<String>,
}

impl Committed {
    /// The modification time of every folder of the output and of the output itself,
    /// for a later [`InPlace::intact`] to find a file someone added.
    pub(crate) fn folders(&self) -> Folders {
        in_place::folder_times(&self.dir, self.paths.iter().map(String::as_str))
    }
}

/// A fresh folder beside the output that receives the new site file by file as it is
/// rendered, then replaces the output in one rename. Dropped without [`Staging::commit`]
/// (a failed build), it is removed and the previous output is untouched.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    /// The folders made so far, relative to it (an archive's output has hundreds of
    /// thousands).
    made: Mutex<FxHashSet<String>>,
    written: Mutex<Vec<Record>>,
    previous: Previous,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced (see [`guard::check`]; `force` lets a
    /// folder holding files gloss did not write be replaced), creates the folders it
    /// needs, checks the path again (creating folders adds no files to the output), and
    /// prepares an empty staging folder beside it. With
    /// `reuse`, files the previous output holds with the same bytes are kept as they are.
    pub(crate) fn new(root: &Path, output: &Path, force: bool, reuse: bool) -> Result<Staging> {
        let mut manifest = guard::check(root, output, force)?;
        let resolved = guard::resolve(output)?;
        let parent = resolved.parent().context("the output folder has no parent folder")?;
        let name = resolved.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        if leftovers::clear(parent, &name, &resolved)? {
            // The output was missing, and a killed build's old output took its place.
            manifest = Manifest::read(&resolved);
        }
        guard::check_path(root, output, force)?;
        if guard::resolve(output)? != resolved {
            bail!("the output path {} changed while gloss prepared it; run the build again", output.display());
        }
        let dir = parent.join(format!(".{name}.gloss-new-{}", std::process::id()));
        if fs::symlink_metadata(&dir).is_ok() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let (made, written) = (Mutex::new(FxHashSet::default()), Mutex::new(Vec::new()));
        let previous = Previous::of(&resolved, manifest, reuse);
        Ok(Staging { dir, output: resolved, made, written, previous, committed: false })
    }

    /// Writes the manifest, replaces the output with the staged site, then removes the
    /// old one.
    pub(crate) fn commit(mut self) -> Result<Committed> {
        let mut written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let manifest_hash = manifest::write(&self.dir, &written, &self.output)?;
        let paths = written.into_iter().map(|r| r.path).collect();
        let output = self.output.clone();
        let parent = output.parent().context("the output folder has no parent folder")?;
        let name = output.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
        let retired = parent.join(format!(".{name}.gloss-old-{}", std::process::id()));
        let old = fs::symlink_metadata(&output).ok();
        if old.as_ref().is_some_and(|m| !m.is_dir()) {
            bail!("{} stopped being a folder during the build; nothing was replaced", output.display());
        }
        let had_output = old.is_some();
        if had_output {
            fs::rename(&output, &retired).with_context(|| format!("cannot move the old {} aside", output.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &output) {
            if had_output && fs::rename(&retired, &output).is_err() {
                return Err(e).with_context(|| {
                    format!(
                        "cannot move the new site into {}, nor the old output back: it is in {}",
                        output.display(),
                        retired.display()
                    )
                });
            }
            return Err(e).with_context(|| format!("cannot move the new site into {}", output.display()));
        }
        self.committed = true;
        crate::timings::lap("commit");
        if had_output {
            remove_retired(&retired)?;
        }
        Ok(Committed { dir: output, manifest_hash, paths })
    }

    /// Where `path` goes in the staging folder, its folder created on first use.
    fn folder_for(&self, path: &str) -> std::io::Result<PathBuf> {
        let target = self.dir.join(path);
        if let (Some((folder, _)), Some(parent)) = (path.rsplit_once('/'), target.parent()) {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(folder);
            if !known {
                fs::create_dir_all(parent)?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(folder.to_string());
            }
        }
        Ok(target)
    }

    /// Notes a file for the manifest.
    fn record(&self, record: Record) {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push(record);
    }

    /// Puts the file at output `path`, of `hash` and `size`, into the staging folder:
    /// linked from the previous output when that holds the same bytes unchanged (see
    /// [`reuse`]), else made by `write` at the path it is given (which returns what the
    /// file system then says of it); and notes it for the manifest.
    fn store(
        &self,
        path: &str,
        hash: content_hash::Hash,
        size: u64,
        write: impl FnOnce(&Path) -> std::io::Result<fs::Metadata>,
    ) -> std::io::Result<()> {
        let target = self.folder_for(path)?;
        let record = match self.previous.keep(path, hash, size, &target) {
            Some(kept) => kept,
            None => {
                let mtime = reuse::mtime_of(&write(&target)?);
                Record { path: path.to_string(), hash, size, mtime }
            }
        };
        self.record(record);
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.store(path, content_hash::of_bytes(bytes), bytes.len() as u64, |target| {
            let mut file = fs::File::create(target)?;
            file.write_all(bytes)?;
            file.metadata()
        })
    }

    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        let (hash, size) = content_hash::of_file(from)?;
        self.store(path, hash, size, |target| {
            fs::copy(from, target)?;
            fs::metadata(target)
        })
    }

    fn link(&self, path: &str, from: &Hashed) -> std::io::Result<()> {
        self.store(path, from.hash, from.size, |target| {
            fs::hard_link(&from.path, target).or_else(|_| fs::copy(&from.path, target).map(drop))?;
            fs::metadata(target)
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the old output moved aside, on every core (an archive's output holds
/// hundreds of thousands of files).
fn remove_retired(retired: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(retired)?;
    if meta.file_type().is_symlink() || meta.is_file() {
        fs::remove_file(retired)?;
    } else {
        remove_dir_all::remove_dir_all(retired)
            .with_context(|| format!("cannot remove the old output {}", retired.display()))?;
    }
    Ok(())
}
