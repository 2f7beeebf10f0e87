//! The site's templates and static files as inputs: every template the site renders
//! with (the built-in ones, each replaced by the site's file of the same name) is read
//! and registered in the source map, so template problems point at real lines; static
//! files are registered by name only, since they are copied without being read.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::discover::{self, WalkProblem};
use super::files::{display_path, read_text};
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::theme;

/// A template the site renders with.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct TemplateSource {
    /// Its name, relative to `templates/` (`partials/quote_card.html`).
    pub(crate) name: String,
    /// Its text in the source map.
    pub(crate) file: FileId,
    /// True for a built-in template that the site does not override.
    pub(crate) built_in: bool,
}

/// A file from the site's `static/` folder or a page bundle, copied to the output as it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StaticSource {
    /// Its output path, with `/` separators: its path under `static/`, or
    /// `articles/<slug>/<file>` for a file of a page bundle.
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

/// The files of every page bundle (an article written as `<slug>/index.md`): each
/// file beside the article that is not Markdown, registered by name and copied to the
/// article's output folder (`articles/<slug>/<file>`).
pub(crate) fn bundle_files(
    root: &Path,
    articles: &[PathBuf],
    sources: &mut SourceMap,
    problems: &mut Vec<WalkProblem>,
) -> Vec<StaticSource> {
    let mut out = Vec::new();
    for article in articles.iter().filter(|p| super::is_bundle(p)) {
        let Some(dir) = article.parent() else { continue };
        let slug = super::stem_of(article);
        for path in discover::files_under(root, dir, |n| !discover::is_markdown(n), problems) {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let file = sources.add(display_path(root, &path), String::new());
            out.push(StaticSource { name: format!("articles/{slug}/{rel}"), path, file });
        }
    }
    out
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
