//! Finding a site's files on disk: content by folder, template overrides, static files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One problem met while walking the site, with the path concerned.
#[derive(Debug)]
pub struct WalkProblem {
    /// The path, relative to the site root where possible.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Every file below `dir` whose name passes `wanted`, sorted by path. Symbolic links
/// are never followed; each one found is reported, as is every unreadable entry.
pub fn files_under(dir: &Path, wanted: impl Fn(&str) -> bool, problems: &mut Vec<WalkProblem>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_symlink() => problems.push(WalkProblem {
                path: e.path().to_path_buf(),
                message: "symbolic links are not followed: replace the link with the file itself".into(),
            }),
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
pub fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

/// Hidden files, backups and swap files that editors leave next to what they edit.
pub fn is_editor_dropping(name: &str) -> bool {
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
