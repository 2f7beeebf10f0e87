//! The site's templates and static files as inputs: every template the site renders
//! with (the built-in ones, each replaced by the site's file of the same name) is read
//! and registered in the source map, so template problems point at real lines; static
//! files are registered by name only, since they are copied without being read.

use std::path::{Path, PathBuf};

use super::discover::{self, WalkProblem};
use super::files::{display_path, read_text};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::theme;

/// A template the site renders with.
#[derive(Debug, Clone)]
pub(crate) struct TemplateSource {
    /// Its name, relative to `templates/` (`partials/quote_card.html`).
    pub(crate) name: String,
    /// Its text in the source map.
    pub(crate) file: FileId,
    /// True for a built-in template that the site does not override.
    pub(crate) built_in: bool,
}

/// A file from the site's `static/` folder, copied to the output as it is.
#[derive(Debug, Clone)]
pub(crate) struct StaticSource {
    /// Path relative to `static/`, with `/` separators: also its output path.
    pub(crate) name: String,
    /// Where it is on disk.
    pub(crate) path: PathBuf,
    /// Its entry in the source map (without text), for diagnostics.
    pub(crate) file: FileId,
}

/// The built-in templates layered under the site's `templates/`, all registered.
pub(crate) fn templates(
    root: &Path,
    sources: &mut SourceMap,
    problems: &mut Vec<WalkProblem>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<TemplateSource> {
    let mut all: Vec<TemplateSource> = theme::TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: name.to_string(),
            file: sources.add(format!("templates/{name} (built in)"), text.to_string()),
            built_in: true,
        })
        .collect();
    for (name, path) in files(root, "templates", problems) {
        let shown = display_path(root, &path);
        let file = match read_text(&path) {
            Ok(text) => sources.add(shown, text),
            Err(e) => {
                let file = sources.add(shown, String::new());
                diags.push(Diagnostic::error(file, 0..0, e));
                continue;
            }
        };
        let own = TemplateSource { name, file, built_in: false };
        match all.iter_mut().find(|t| t.name == own.name) {
            Some(slot) => *slot = own,
            None => all.push(own),
        }
    }
    all
}

/// The site's static files, registered by name.
pub(crate) fn static_files(root: &Path, sources: &mut SourceMap, problems: &mut Vec<WalkProblem>) -> Vec<StaticSource> {
    files(root, "static", problems)
        .into_iter()
        .map(|(name, path)| {
            let file = sources.add(display_path(root, &path), String::new());
            StaticSource { name, path, file }
        })
        .collect()
}

/// Every file under the site's `folder`, with its name relative to that folder.
fn files(root: &Path, folder: &str, problems: &mut Vec<WalkProblem>) -> Vec<(String, PathBuf)> {
    let dir = root.join(folder);
    discover::files_under(root, &dir, |_| true, problems)
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&dir).unwrap_or(&path);
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            (name, path)
        })
        .collect()
}
