//! Stage 5, write: put the rendered files on disk without ever leaving a half-written
//! site. Files go to a fresh folder beside the output, which then replaces the
//! output in one rename; the previous output survives any failure before that.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;

use crate::render::OutputFile;

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

/// Writes `files` as the new contents of `output`, replacing it in one step. When the
/// output is a symbolic link, the link is replaced and its target left alone.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    let output = without_following_last(output)?;
    let parent = output.parent().context("the output folder has no parent folder")?;
    let name = output.file_name().context("the output folder has no name")?.to_string_lossy().to_string();
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.gloss-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.gloss-old-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).with_context(|| format!("cannot clear {}", staging.display()))?;
    }
    if let Err(e) = write_all(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    let had_output = fs::symlink_metadata(&output).is_ok();
    if had_output {
        fs::rename(&output, &retired).with_context(|| format!("cannot move the old {} aside", output.display()))?;
    }
    if let Err(e) = fs::rename(&staging, &output) {
        if had_output {
            let _ = fs::rename(&retired, &output);
        }
        return Err(e).with_context(|| format!("cannot move the new site into {}", output.display()));
    }
    if had_output {
        remove_retired(&retired)?;
    }
    Ok(())
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

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<()> {
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        fs::write(&path, f.bytes.as_slice()).with_context(|| format!("cannot write {}", path.display()))
    })
}
