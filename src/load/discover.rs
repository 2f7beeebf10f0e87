//! Finding a site's files on disk: content by folder, template overrides, static files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One problem met while walking the site, with the path concerned.
#[derive(Debug)]
pub(crate) struct WalkProblem {
    /// The path, relative to the site root where possible.
    pub(crate) path: PathBuf,
    /// What went wrong.
    pub(crate) message: String,
}

/// The message for every symbolic link met inside a site.
pub(crate) const SYMLINK_REFUSED: &str =
    "symbolic links inside a site are not followed: replace the link with the file or folder itself";

/// True when `path` itself is a symbolic link (not what it points to).
pub(crate) fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The first symbolic link on the way from `root` (which is followed: the user named
/// it) down to `path`, if any.
pub(crate) fn symlink_on_the_way(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        if is_symlink(&at) {
            return Some(at);
        }
    }
    None
}

/// Every file below `dir` (a folder of the site at `root`) whose name passes `wanted`,
/// sorted by path. Symbolic links are never followed, whether `dir` itself, a folder on
/// the way to it or an entry inside it; each one met is reported, as is every
/// unreadable entry.
pub(crate) fn files_under(
    root: &Path,
    dir: &Path,
    wanted: impl Fn(&str) -> bool,
    problems: &mut Vec<WalkProblem>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(link) = symlink_on_the_way(root, dir) {
        if !problems.iter().any(|p| p.path == link) {
            problems.push(WalkProblem { path: link, message: SYMLINK_REFUSED.into() });
        }
        return out;
    }
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_symlink() => {
                problems.push(WalkProblem { path: e.path().to_path_buf(), message: SYMLINK_REFUSED.into() })
            }
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy();
                if !is_editor_dropping(&name) && wanted(&name) {
                    out.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => problems.push(WalkProblem {
                path: err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf()),
                message: format!("cannot read: {err}"),
            }),
        }
    }
    out
}

/// Markdown content files.
pub(crate) fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

/// Hidden files, backups and swap files that editors leave next to what they edit.
pub(crate) fn is_editor_dropping(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".bck")
        || name.ends_with(".tmp")
        || name.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_editor_droppings() {
        for name in [".#a.md", "a.md~", ".a.md.swp", "4913", "a.md0HlVyu.bck"] {
            assert!(is_editor_dropping(name), "{name}");
        }
        assert!(!is_editor_dropping("a.md"));
    }
}
