//! Stage 5, write: put the rendered files on disk without ever leaving a half-written
//! site. Files go to a fresh folder beside the output as they are rendered, which then
//! replaces the output in one rename; the previous output survives any failure before.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::HashSet;
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

use crate::render::Sink;

/// Refuses output folders that would destroy sources: the site root itself, a folder
/// above it, or one holding `content/` or `site.yaml`.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let root = fs::canonicalize(root).with_context(|| format!("cannot open site root {}", root.display()))?;
    let out = absolute(output)?;
    if root.starts_with(&out) {
        bail!(
            "refusing to write into {}: it is the site root or contains it; choose a folder such as public/",
            out.display()
        );
    }
    if out.join("content").exists() || out.join("site.yaml").exists() {
        bail!("refusing to write into {}: it holds a site's content; choose an empty folder or public/", out.display());
    }
    for source in ["content", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            bail!("refusing to write into {}: it lies inside the site's {source}/ folder", out.display());
        }
    }
    Ok(())
}

/// `path` made absolute, with its existing part canonicalised (symlinks resolved).
fn absolute(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(p), Some(name)) => {
                rest.push(name.to_owned());
                existing = p.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.iter().rev());
    Ok(out)
}

/// `path` made absolute with its parent folder canonicalised but its last component
/// kept as is: a symlink there is the thing to replace, not the way to its target.
fn without_following_last(path: &Path) -> Result<PathBuf> {
    let name = path.file_name().context("the output folder has no name")?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(absolute(&parent)?.join(name))
}

/// A fresh folder beside the output that receives the new site file by file as it is
/// rendered, then replaces the output in one rename. Dropped without [`Staging::commit`]
/// (a failed build), it is removed and the previous output is untouched.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging folder for `output`. When the output is a symbolic
    /// link, the link will be replaced and its target left alone.
    pub fn new(output: &Path) -> Result<Staging> {
        let output = without_following_last(output)?;
        let parent = output.parent().context("the output folder has no parent folder")?;
        let name = output.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
        fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        let dir = parent.join(format!(".{name}.gloss-new-{}", std::process::id()));
        if fs::symlink_metadata(&dir).is_ok() {
            fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
        }
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging { dir, output, made: Mutex::new(HashSet::new()), committed: false })
    }

    /// Replaces the output with the staged site, then removes the old one.
    pub fn commit(mut self) -> Result<()> {
        let output = self.output.clone();
        let parent = output.parent().context("the output folder has no parent folder")?;
        let name = output.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
        let retired = parent.join(format!(".{name}.gloss-old-{}", std::process::id()));
        let had_output = fs::symlink_metadata(&output).is_ok();
        if had_output {
            fs::rename(&output, &retired).with_context(|| format!("cannot move the old {} aside", output.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &output) {
            if had_output {
                let _ = fs::rename(&retired, &output);
            }
            return Err(e).with_context(|| format!("cannot move the new site into {}", output.display()));
        }
        self.committed = true;
        if had_output {
            remove_retired(&retired)?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            let known = self.made.lock().unwrap_or_else(|e| e.into_inner()).contains(folder);
            if !known {
                fs::create_dir_all(folder)?;
                self.made.lock().unwrap_or_else(|e| e.into_inner()).insert(folder.to_path_buf());
            }
        }
        fs::write(target, bytes)
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
