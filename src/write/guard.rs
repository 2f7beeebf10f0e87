//! Which output folders a build may replace. The path is resolved the way the system
//! will resolve it once its missing folders exist (`nd/../site` is `site`), and
//! checked against the site's sources and against folders gloss did not write.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::manifest::{self, Manifest};

/// The site's source folders: an output inside one of them would be read back in.
const SOURCE_FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// `path` as the system will see it: absolute, every existing symbolic link on the
/// way resolved, `.` and `..` applied. Missing folders are taken as plain folders,
/// which is what creating them makes them.
pub(crate) fn resolve(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                let is_link = fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink());
                if is_link {
                    out = fs::canonicalize(&out).with_context(|| {
                        format!("the output path goes through {}, a symbolic link that leads nowhere", out.display())
                    })?;
                }
            }
        }
    }
    Ok(out)
}

/// Refuses an output folder that a build must not replace:
/// - the site root, a folder above it, or the current directory or a folder above it;
/// - a folder inside the site's `content/`, `templates/` or `static/`;
/// - a folder holding another site's `content/` or `site.yaml`;
/// - a symbolic link or anything that is not a folder;
/// - without `force`, a folder that is not empty and holds files gloss did not write
///   (its manifest lists what it wrote); with `force`, still never a home folder.
///
/// Returns the existing output's manifest (empty when there is none).
pub(crate) fn check(root: &Path, output: &Path, force: bool) -> Result<Manifest> {
    let Some(out) = check_path(root, output, force)? else { return Ok(Manifest::read(&resolve(output)?)) };
    let listed = Manifest::read(&out);
    let foreign = manifest::foreign_files(&out, &listed)?;
    if !foreign.is_empty() {
        bail!(
            "refusing to replace {}: it holds files that gloss did not write ({}); choose an empty folder, \
             move those files into the site's static/ folder if they belong in the site, or pass --force to replace it anyway",
            out.display(),
            foreign.join(", ")
        );
    }
    Ok(listed)
}

/// The checks of [`check`] that look at where `output` is and what it is, not at the
/// files in it. Returns the existing output folder (resolved) when its files are still
/// to be checked; `None` when there is no folder yet or `force` is set.
pub(crate) fn check_path(root: &Path, output: &Path, force: bool) -> Result<Option<PathBuf>> {
    let root = fs::canonicalize(root).with_context(|| format!("cannot open site root {}", root.display()))?;
    let named = absolute(output)?;
    if fs::symlink_metadata(&named).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "refusing to write into {}: it is a symbolic link, and gloss does not write through links; \
             give the folder it points to as --output",
            named.display()
        );
    }
    let out = resolve(output)?;
    let cwd = fs::canonicalize(std::env::current_dir()?).unwrap_or_default();
    if root.starts_with(&out) || cwd.starts_with(&out) {
        bail!(
            "refusing to write into {}: it is the site root, the current folder or a folder above them; \
             choose a folder of its own such as public/",
            out.display()
        );
    }
    if let Some(source) = SOURCE_FOLDERS.iter().find(|s| out.starts_with(root.join(s))) {
        bail!(
            "refusing to write into {}: it lies inside the site's {source}/ folder; choose a folder outside it such as public/",
            out.display()
        );
    }
    let Ok(meta) = fs::symlink_metadata(&out) else { return Ok(None) };
    if !meta.is_dir() {
        bail!(
            "refusing to write into {}: it is a file, not a folder, and gloss never replaces a file; \
             choose another --output",
            out.display()
        );
    }
    if out.join("content").exists() || out.join("site.yaml").exists() {
        bail!("refusing to write into {}: it holds a site's sources; choose an empty folder or public/", out.display());
    }
    if force {
        refuse_home(&out)?;
        return Ok(None);
    }
    Ok(Some(out))
}

/// `--force` still never replaces the user's home folder.
fn refuse_home(out: &Path) -> Result<()> {
    let home = std::env::var_os("HOME").map(PathBuf::from).and_then(|h| fs::canonicalize(h).ok());
    if home.is_some_and(|h| h == out) {
        bail!("refusing to replace {}: it is your home folder, even with --force", out.display());
    }
    Ok(())
}

/// `path` made absolute, without resolving anything.
fn absolute(path: &Path) -> Result<PathBuf> {
    Ok(if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folders_are_resolved_like_real_ones() {
        let base = fs::canonicalize(std::env::temp_dir()).unwrap();
        let got = resolve(&base.join("gloss-no-such-folder/../x/./y")).unwrap();
        assert_eq!(got, base.join("x/y"));
    }
}
