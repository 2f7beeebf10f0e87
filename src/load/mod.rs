//! Stage 1, load: read `site.yaml` and every content file, split front matter from
//! body and deserialize the front matter into the typed forms of [`crate::meta`].

pub(crate) mod assets;
pub(crate) mod discover;
mod files;
pub(crate) mod frontmatter;
pub(crate) mod scalars;
pub(crate) mod yaml;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, FileId, SourceMap};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta};
pub(crate) use assets::{StaticSource, TemplateSource};
use discover::WalkProblem;
pub(crate) use files::display_path;
use files::read_text;
use frontmatter::SplitError;

/// What to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The site root (holds `site.yaml`).
    pub root: PathBuf,
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
}

/// One content file with its front matter deserialized.
#[derive(Debug, Clone)]
pub(crate) struct Loaded<M> {
    /// The file in the source map.
    pub(crate) file: FileId,
    /// The file stem, NFC-normalised: an entity's or document's id, an article's slug.
    pub(crate) stem: String,
    /// The front matter.
    pub(crate) meta: M,
    /// Byte range of the YAML in the file.
    pub(crate) yaml: Range<usize>,
    /// Byte range of the Markdown body in the file.
    pub(crate) body: Range<usize>,
    /// Where each scalar of the front matter is, read once when first asked for.
    scalars: OnceLock<Vec<scalars::ScalarPlace>>,
}

impl<M> Loaded<M> {
    /// Every scalar of the front matter with the offset (in the YAML) of each of its
    /// bytes; read on first use, then kept.
    pub(crate) fn scalars(&self, sources: &SourceMap) -> &[scalars::ScalarPlace] {
        self.scalars.get_or_init(|| {
            scalars::scalars(sources.passing_text(self.file).get(self.yaml.clone()).unwrap_or_default())
        })
    }

    /// The span of `needle` in this file's front matter, for pointing diagnostics at a value.
    pub(crate) fn locate(&self, sources: &SourceMap, needle: &str) -> Range<usize> {
        frontmatter::locate(&sources.passing_text(self.file), self.yaml.clone(), needle)
    }

    /// Like [`Loaded::locate`], for the value of `key` that begins with `needle`: the
    /// YAML scalar itself when there is one (so quoting, escapes and folding do not
    /// lead astray), else an occurrence on a line that holds `key:`.
    pub(crate) fn locate_key(&self, sources: &SourceMap, key: &str, needle: &str) -> Range<usize> {
        let value = self
            .scalars(sources)
            .windows(2)
            .find(|w| w[0].value == key && w[1].value.starts_with(needle) && !needle.is_empty());
        match value {
            Some(w) => {
                let o = &w[1].offsets;
                self.yaml.start + o[0]..self.yaml.start + o.get(needle.len()).copied().unwrap_or(o[0])
            }
            None => frontmatter::locate_key(&sources.passing_text(self.file), self.yaml.clone(), key, needle),
        }
    }
}

/// Everything read from disk, ready to parse.
#[derive(Debug)]
pub(crate) struct Project {
    /// `site.yaml`.
    pub(crate) config: SiteConfig,
    /// Articles (drafts only when asked for), sorted by path.
    pub(crate) articles: Vec<Loaded<ArticleMeta>>,
    /// Entities, sorted by path.
    pub(crate) entities: Vec<Loaded<EntityMeta>>,
    /// Documents, sorted by path.
    pub(crate) documents: Vec<Loaded<DocumentMeta>>,
    /// The templates the site renders with, built in or its own.
    pub(crate) templates: Vec<TemplateSource>,
    /// Files from the site's `static/`.
    pub(crate) static_files: Vec<StaticSource>,
    /// The ids that content files which did not load would have defined.
    pub(crate) unavailable: Vec<String>,
}

/// Reads the site at `opts.root`. Content problems go to `diags`; `None` means the
/// site could not be loaded far enough to go on (no usable `site.yaml`).
pub(crate) fn load(opts: &LoadOptions, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<Project> {
    let root = &opts.root;
    let config = load_config(opts, sources, diags);
    let mut problems = Vec::new();
    let content = root.join("content");
    let markdown_under = |folder: &str, problems: &mut Vec<WalkProblem>| {
        discover::files_under(root, &content.join(folder), discover::is_markdown, problems)
    };
    let article_paths = markdown_under("articles", &mut problems);
    let entity_paths = markdown_under("entities", &mut problems);
    let document_paths = markdown_under("documents", &mut problems);
    let mut template_diags = Vec::new();
    let templates = assets::templates(root, sources, &mut problems, &mut template_diags);
    diags.extend(template_diags);
    let mut static_files = assets::static_files(root, sources, &mut problems);
    static_files.extend(assets::bundle_files(root, &article_paths, sources, &mut problems));
    for p in problems {
        let file = sources.add(display_path(root, &p.path), String::new());
        diags.push(Diagnostic::error(file, 0..0, p.message));
    }
    let mut unavailable = Vec::new();
    let articles: Vec<Loaded<ArticleMeta>> = load_kind(root, &article_paths, sources, diags, &mut unavailable);
    let articles = articles.into_iter().filter(|a| opts.drafts || !a.meta.draft).collect();
    let entities = load_kind(root, &entity_paths, sources, diags, &mut unavailable);
    let documents = load_kind(root, &document_paths, sources, diags, &mut unavailable);
    Some(Project { config: config?, articles, entities, documents, templates, static_files, unavailable })
}

/// An article read again, with the warnings its file gave.
pub(crate) type ArticleWithWarnings = (Loaded<ArticleMeta>, Vec<Diagnostic>);

/// Reads one article file again after an edit (what `serve` does for a changed
/// article), with the file's warnings. `Ok(None)` when it is a draft that this run
/// leaves out.
pub(crate) fn load_article(
    opts: &LoadOptions,
    path: &Path,
    sources: &mut SourceMap,
) -> Result<Option<ArticleWithWarnings>, Vec<Diagnostic>> {
    let name = display_path(&opts.root, path);
    let refused = discover::symlink_on_the_way(&opts.root, path).map(|_| discover::SYMLINK_REFUSED.to_string());
    let text = refused
        .map_or_else(|| read_text(path), Err)
        .map_err(|e| vec![Diagnostic::error(sources.add(name.clone(), String::new()), 0..0, e)])?;
    let mut warnings = Vec::new();
    let file = register(sources, name, text, path, &mut |d| warnings.push(d));
    let article: Loaded<ArticleMeta> = parse_file(path, file, sources)?;
    Ok(Some((article, warnings)).filter(|(a, _)| opts.drafts || !a.meta.draft))
}

/// The path of the `base_url` in the site's `site.yaml` (`/` or `/sub/`), when it can
/// be read; what `serve` serves the site under.
pub(crate) fn base_path_of(root: &Path) -> Option<String> {
    let opts = LoadOptions { root: root.to_path_buf(), drafts: false, base_url: None };
    let mut diags = Diagnostics::default();
    let config = load_config(&opts, &mut SourceMap::default(), &mut diags)?;
    (!diags.has_errors()).then(|| config.base_path())
}

fn load_config(opts: &LoadOptions, sources: &mut SourceMap, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let path = opts.root.join("site.yaml");
    let name = "site.yaml".to_string();
    if discover::is_symlink(&path) {
        let file = sources.add(name, String::new());
        diags.push(Diagnostic::error(file, 0..0, discover::SYMLINK_REFUSED));
        return None;
    }
    let text = match read_text(&path) {
        Ok(t) => t,
        Err(e) => {
            let file = sources.add(name, String::new());
            diags.push(
                Diagnostic::error(file, 0..0, e).help("every site needs a site.yaml with at least title and base_url"),
            );
            return None;
        }
    };
    let file = register(sources, name, text, &path, &mut |d| diags.push(d));
    let text = sources.text(file);
    let mut config: SiteConfig = match yaml::parse(text) {
        Ok(c) => c,
        Err(e) => {
            diags.extend(yaml_diagnostics(file, 0, e));
            return None;
        }
    };
    if let Some(url) = &opts.base_url {
        config.base_url = url.clone();
    }
    for (key, problem) in config.validate() {
        let span = frontmatter::locate(text, 0..text.len(), key);
        diags.push(Diagnostic::error(file, span, problem));
    }
    Some(config)
}

/// Reads a file again as [`register`] holds it, for a diagnostic after its text was
/// released ([`SourceMap::release`]). Only a regular file is read: what took its
/// place (a link, a pipe that would block the read) is not.
pub(crate) fn reread(path: &Path) -> Option<String> {
    std::fs::symlink_metadata(path).ok().filter(|m| m.file_type().is_file())?;
    let mut text = read_text(path).ok()?;
    crate::text::only_allowed_in_place(&mut text);
    Some(text)
}

/// Reads, registers and deserializes every file of one content kind, in parallel. The
/// ids a file that fails would have defined (its stem, the ids in its front matter,
/// and those as provisions of it) go to `unavailable`.
fn load_kind<M: DeserializeOwned + Send>(
    root: &Path,
    paths: &[PathBuf],
    sources: &mut SourceMap,
    diags: &mut Diagnostics,
    unavailable: &mut Vec<String>,
) -> Vec<Loaded<M>> {
    let texts: Vec<(PathBuf, Result<String, String>)> = paths.par_iter().map(|p| (p.clone(), read_text(p))).collect();
    let mut files = Vec::with_capacity(texts.len());
    for (path, text) in texts {
        let name = display_path(root, &path);
        match text {
            Ok(t) => {
                let file = register(sources, name, t, &path, &mut |d| diags.push(d));
                files.push((path, file));
            }
            Err(e) => {
                let file = sources.add(name, String::new());
                diags.push(Diagnostic::error(file, 0..0, e));
            }
        }
    }
    let sources = &*sources;
    let results: Vec<Result<Loaded<M>, Vec<Diagnostic>>> =
        files.par_iter().map(|(path, file)| parse_file(path, *file, sources)).collect();
    let mut out = Vec::with_capacity(results.len());
    for ((path, file), r) in files.iter().zip(results) {
        match r {
            Ok(l) => out.push(l),
            Err(d) => {
                diags.extend(d);
                let stem = stem_of(path);
                let inner =
                    frontmatter::split(sources.text(*file)).map(|s| yaml::ids_defined(&sources.text(*file)[s.yaml]));
                for id in inner.unwrap_or_default() {
                    unavailable.push(format!("{stem}/{id}"));
                    unavailable.push(id);
                }
                unavailable.push(stem);
            }
        }
    }
    out
}

fn parse_file<M: DeserializeOwned>(
    path: &Path,
    file: FileId,
    sources: &SourceMap,
) -> Result<Loaded<M>, Vec<Diagnostic>> {
    let text = sources.text(file);
    let split = frontmatter::split(text).map_err(|e| match e {
        SplitError::Missing => vec![Diagnostic::error(file, 0..0, "missing front matter")
            .help("start the file with a line `---`, the YAML front matter, then another line `---`")],
        SplitError::NotClosed => vec![Diagnostic::error(file, 0..3, "front matter not closed")
            .help("end the front matter with a line holding only `---`")],
    })?;
    let meta = yaml::parse::<M>(&text[split.yaml.clone()]).map_err(|e| yaml_diagnostics(file, split.yaml.start, e))?;
    let stem = stem_of(path);
    Ok(Loaded { file, stem, meta, yaml: split.yaml, body: split.body, scalars: OnceLock::new() })
}

/// Whether `path` is the text of a page bundle: `<slug>/index.md` under `content/articles/`.
pub(crate) fn is_bundle(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "index.md")
}

/// The id a content file defines, NFC-normalised: its file stem, or for a page bundle
/// the name of its folder.
pub(crate) fn stem_of(path: &Path) -> String {
    let named = if is_bundle(path) { path.parent().and_then(Path::file_name) } else { path.file_stem() };
    named.map(|s| s.to_string_lossy().nfc().collect()).unwrap_or_default()
}

/// YAML problems as diagnostics in `file`, whose YAML starts at `base`.
fn yaml_diagnostics(file: FileId, base: usize, errors: Vec<yaml::YamlError>) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|e| {
            let at = base + e.offset.unwrap_or(0);
            let d = Diagnostic::error(file, at..at, e.message);
            match e.help {
                Some(h) => d.help(h),
                None => d,
            }
        })
        .collect()
}

/// Registers the text read from `path`, with the characters XML and HTML forbid
/// replaced in place (offsets unchanged) and a warning at the first of them.
fn register(
    sources: &mut SourceMap,
    name: String,
    mut text: String,
    path: &Path,
    warn: &mut dyn FnMut(Diagnostic),
) -> FileId {
    let replaced = crate::text::only_allowed_in_place(&mut text);
    let file = sources.add_read(name, text, path);
    if let Some((at, c)) = replaced {
        warn(
            Diagnostic::warning(
                file,
                at..at + c.len_utf8(),
                format!("the file holds the invisible character U+{:04X}", c as u32),
            )
            .help("it is shown as a space (or U+FFFD); delete it, or retype the text around it"),
        );
    }
    file
}
