//! Stage 6, write: put the rendered files on disk without ever leaving a half-written
//! site. Files go to a fresh folder beside the output as they are rendered, which then
//! replaces the output in one rename; the previous output survives any failure before.
//! [`guard`] decides which folders may be replaced at all.

mod guard;
mod manifest;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

use crate::render::Sink;

/// A fresh folder beside the output that receives the new site file by file as it is
/// rendered, then replaces the output in one rename. Dropped without [`Staging::commit`]
/// (a failed build), it is removed and the previous output is untouched.
pub(crate) struct Staging {
    dir: PathBuf,
    output: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    written: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced (see [`guard::check`]; `force` lets a
    /// folder holding files gloss did not write be replaced), creates the folders it
    /// needs, checks again, and prepares an empty staging folder beside it.
    pub(crate) fn new(root: &Path, output: &Path, force: bool) -> Result<Staging> {
        guard::check(root, output, force)?;
        let resolved = guard::resolve(output)?;
        let parent = resolved.parent().context("the output folder has no parent folder")?;
        let name = resolved.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        guard::check(root, output, force)?;
        if guard::resolve(output)? != resolved {
            bail!("the output path {} changed while gloss prepared it; run the build again", output.display());
        }
        let dir = parent.join(format!(".{name}.gloss-new-{}", std::process::id()));
        if fs::symlink_metadata(&dir).is_ok() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let (made, written) = (Mutex::new(HashSet::new()), Mutex::new(Vec::new()));
        Ok(Staging { dir, output: resolved, made, written, committed: false })
    }

    /// Writes the manifest, replaces the output with the staged site, then removes the
    /// old one.
    pub(crate) fn commit(mut self) -> Result<()> {
        let mut written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        written.sort();
        manifest::write(&self.dir, &written)?;
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
        if had_output {
            remove_retired(&retired)?;
        }
        Ok(())
    }

    /// The folder for `path`, created on first use.
    fn folder_for(&self, path: &str) -> std::io::Result<PathBuf> {
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(folder);
            if !known {
                fs::create_dir_all(folder)?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(folder.to_path_buf());
            }
        }
        self.written.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_string());
        Ok(target)
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        fs::write(self.folder_for(path)?, bytes)
    }

    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()> {
        fs::copy(from, self.folder_for(path)?).map(|_| ())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn remove_retired(retired: &Path) -> Result<()> {
    let meta = fs::symlink_metadata(retired)?;
    if meta.file_type().is_symlink() || meta.is_file() {
        fs::remove_file(retired)?;
    } else {
        fs::remove_dir_all(retired).with_context(|| format!("cannot remove the old output {}", retired.display()))?;
    }
    Ok(())
}
