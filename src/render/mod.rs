//! Stage 4, render: every page of FORMAT.md section 5 through its Tera template, plus
//! the feed, sitemap, robots.txt, search index, code stylesheet and static files.
//! Pages render in parallel; each file goes to its [`Destination`] as soon as it is
//! made, and only the facts verify needs ([`facts::PageFacts`]) are kept of it.

pub(crate) mod aggregate;
pub(crate) mod cards;
pub(crate) mod feeds;
pub(crate) mod highlight;
pub(crate) mod html;
pub(crate) mod invalidate;
pub(crate) mod jsonld;
pub(crate) mod paths;
pub(crate) mod plan;
pub(crate) mod templates;
pub(crate) mod views;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use tera::Context;

use crate::diag::{Diagnostic, SourceMap};
use crate::site::Site;
use crate::theme;
use crate::verify::facts;
use aggregate::Aggregates;
use plan::Page;
use templates::Templates;
use views::Scope;

/// One file of the output.
#[derive(Debug, Clone)]
pub(crate) struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub(crate) path: String,
    /// Contents (shared, so unchanged pages are reused without copying).
    pub(crate) bytes: Bytes,
}

/// What rendering produced.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The files, sorted by path, when the destination was [`Destination::Memory`].
    pub(crate) files: Vec<OutputFile>,
    /// Every output path, sorted.
    pub(crate) paths: Vec<String>,
    /// The links and ids of every HTML page.
    pub(crate) facts: Vec<facts::PageFacts>,
    /// How many HTML pages.
    pub(crate) pages: usize,
    /// Files the sink could not take, with the reason.
    pub(crate) sink_errors: Vec<String>,
    /// The search index, item by item (what `search-index.json` was made from).
    pub(crate) search: feeds::SearchIndex,
}

/// Takes output files as they are rendered (the writer's staging folder).
pub(crate) trait Sink: Sync {
    /// Stores one file.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Stores a copy of the file at `from` (a static file), without holding it whole.
    fn copy(&self, path: &str, from: &std::path::Path) -> std::io::Result<()>;
}

/// Where rendered files go.
#[derive(Clone, Copy)]
pub(crate) enum Destination<'a> {
    /// Kept in [`Rendered::files`] (serve, tests).
    Memory,
    /// Handed to a sink, then dropped (build).
    Sink(&'a dyn Sink),
    /// Dropped once their facts are taken (check).
    Nowhere,
}

/// Rendered pages of an earlier build, reused when neither a page's context nor the
/// templates changed (how `serve` rebuilds only what an edit touched), and the
/// templates they were rendered with.
#[derive(Default)]
pub(crate) struct RenderCache {
    /// Whether to keep anything: a one-off build would only pay for hashing.
    enabled: bool,
    fingerprint: u64,
    templates: Option<Templates>,
    pages: HashMap<String, (u64, Bytes)>,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache").field("enabled", &self.enabled).field("pages", &self.pages.len()).finish()
    }
}

impl RenderCache {
    /// A cache that keeps pages between runs.
    pub(crate) fn keeping() -> RenderCache {
        RenderCache { enabled: true, ..RenderCache::default() }
    }

    /// Whether this cache keeps pages between runs.
    pub(crate) fn keeps(&self) -> bool {
        self.enabled
    }

    /// The templates of the last full render, when this cache keeps them.
    pub(crate) fn templates(&self) -> Option<&Templates> {
        self.templates.as_ref()
    }
}

/// Renders the whole site into `dest`, reusing pages from `cache` whose context and
/// templates are unchanged, and refreshing `cache` for the next run (which needs
/// [`Destination::Memory`] to keep anything). `pages` are [`plan::all_pages`].
pub(crate) fn render(
    site: &Site,
    sources: &SourceMap,
    agg: &Aggregates,
    pages: &[Page],
    cache: &mut RenderCache,
    dest: Destination<'_>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let tera = Templates::load(&site.templates, sources).map_err(|d| vec![d])?;
    if tera.fingerprint != cache.fingerprint {
        *cache = RenderCache { enabled: cache.enabled, fingerprint: tera.fingerprint, ..RenderCache::default() };
    }
    let enabled = cache.enabled && matches!(dest, Destination::Memory);
    let previous = if enabled { Some(&cache.pages) } else { None };
    // Every output path is known before anything renders, so each page's links are
    // checked as soon as it is made.
    let mut generated: Vec<String> = pages.iter().map(Page::file).collect();
    generated.extend(MACHINE_FILES.iter().map(|f| f.to_string()));
    let statics = static_files(site, &generated).map_err(|d| vec![d])?;
    generated.extend(statics.iter().map(|f| f.path().to_string()));
    let known: FxHashSet<&str> = generated.iter().map(String::as_str).collect();
    let base_path = site.config.base_path();
    let exists = |p: &str| known.contains(p);
    let output = facts::Output { base_path: &base_path, exists: &exists };
    let delivery = Delivery { dest, output, errors: Mutex::new(Vec::new()) };
    // The site-wide files are made alongside the pages rather than after them.
    let (results, (machine, index)) = rayon::join(
        || -> Vec<Result<(Delivered, u64), Diagnostic>> {
            pages
                .par_iter()
                .map(|page| {
                    let (file, key) = render_page(site, agg, &tera, page, previous)?;
                    Ok((delivery.deliver(file), key))
                })
                .collect()
        },
        || {
            let index = feeds::SearchIndex::new(site);
            let files = [
                feed(site, &tera),
                sitemap(site, pages, &tera),
                render_one(&tera, "robots.txt", &feeds::robots_context(site), "robots.txt"),
                Ok(search_index(&index)),
            ];
            (files, index)
        },
    );
    let mut out = Rendered::default();
    let mut problems = Vec::new();
    let mut fresh = HashMap::with_capacity(results.len());
    for r in results {
        match r {
            Ok((d, key)) => {
                if let (true, Some(f)) = (enabled, &d.file) {
                    fresh.insert(f.path.clone(), (key, f.bytes.clone()));
                }
                out.take(d);
            }
            Err(p) => problems.push(p),
        }
    }
    cache.pages = fresh;
    out.pages = out.paths.len();
    out.search = index;
    for made in machine {
        match made {
            Ok(f) => out.take(delivery.deliver(f)),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let css = OutputFile { path: "syntax.css".into(), bytes: Arc::new(highlight::stylesheet().as_bytes().to_vec()) };
    out.take(delivery.deliver(css));
    if enabled {
        cache.templates = Some(tera);
    }
    for f in statics {
        out.take(delivery.deliver_static(f));
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.paths.sort();
    out.facts.sort_by(|a, b| a.path.cmp(&b.path));
    out.sink_errors = delivery.errors.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(out)
}

/// Renders some pages again after an edit (the ones [`invalidate`] names), with the
/// templates of the last full render, keeping `cache` up to date. Returns the files
/// whose bytes changed.
pub(crate) fn rerender(
    site: &Site,
    agg: &Aggregates,
    pages: &[&Page],
    cache: &mut RenderCache,
) -> Option<Result<Vec<OutputFile>, Vec<Diagnostic>>> {
    let tera = cache.templates.as_ref()?;
    let previous = Some(&cache.pages);
    let results: Vec<Result<(OutputFile, u64), Diagnostic>> =
        pages.par_iter().map(|page| render_page(site, agg, tera, page, previous)).collect();
    let mut changed = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok((file, key)) => {
                let file = kept(file);
                let old = cache.pages.insert(file.path.clone(), (key, file.bytes.clone()));
                if old.is_none_or(|(_, bytes)| !Arc::ptr_eq(&bytes, &file.bytes)) {
                    changed.push(file);
                }
            }
            Err(p) => problems.push(p),
        }
    }
    Some(if problems.is_empty() { Ok(changed) } else { Err(problems) })
}

/// `feed.xml`.
pub(crate) fn feed(site: &Site, tera: &Templates) -> Result<OutputFile, Diagnostic> {
    render_one(tera, "feed.xml", &feeds::feed_context(site), "feed.xml")
}

/// `sitemap.xml`.
pub(crate) fn sitemap(site: &Site, pages: &[Page], tera: &Templates) -> Result<OutputFile, Diagnostic> {
    render_one(tera, "sitemap.xml", &feeds::sitemap_context(site, pages), "sitemap.xml")
}

/// `search-index.json` from the site's search index.
pub(crate) fn search_index(index: &feeds::SearchIndex) -> OutputFile {
    OutputFile { path: "search-index.json".into(), bytes: Arc::new(index.text().into_bytes()) }
}

/// One page, reused from `previous` when its context hashes the same (the hash is 0
/// when there is nothing to compare with).
fn render_page(
    site: &Site,
    agg: &Aggregates,
    tera: &Templates,
    page: &Page,
    previous: Option<&HashMap<String, (u64, Bytes)>>,
) -> Result<(OutputFile, u64), Diagnostic> {
    let cx = Scope::new(site, agg, page);
    let ctx = views::build(&cx);
    let path = page.file();
    let Some(previous) = previous else { return Ok((render_one(tera, page.template(), &ctx, &path)?, 0)) };
    let key = context_hash(&ctx);
    let file = match previous.get(&path) {
        Some((k, bytes)) if *k == key => OutputFile { path, bytes: bytes.clone() },
        _ => render_one(tera, page.template(), &ctx, &path)?,
    };
    Ok((file, key))
}

/// One file after delivery: its path, its facts, and the file itself when kept.
struct Delivered {
    path: String,
    facts: Option<facts::PageFacts>,
    file: Option<OutputFile>,
}

impl Rendered {
    fn take(&mut self, d: Delivered) {
        self.paths.push(d.path);
        self.facts.extend(d.facts);
        self.files.extend(d.file);
    }
}

struct Delivery<'a> {
    dest: Destination<'a>,
    output: facts::Output<'a>,
    errors: Mutex<Vec<String>>,
}

impl Delivery<'_> {
    /// Takes a file's facts and sends it where it goes.
    fn deliver(&self, file: OutputFile) -> Delivered {
        let facts = facts::of(&file.path, &file.bytes, &self.output);
        let path = file.path.clone();
        let kept = match self.dest {
            Destination::Memory => Some(kept(file)),
            Destination::Sink(sink) => {
                if let Err(e) = sink.put(&file.path, &file.bytes) {
                    self.fail(&file.path, e);
                }
                None
            }
            Destination::Nowhere => None,
        };
        Delivered { path, facts, file: kept }
    }

    /// Sends a static file where it goes: a sink copies it from disk; memory, and the
    /// link check of a static page, read it.
    fn deliver_static(&self, file: StaticFile) -> Delivered {
        let (path, from) = match file {
            StaticFile::BuiltIn(f) => return self.deliver(f),
            StaticFile::OnDisk { path, from } => (path, from),
        };
        if let (Destination::Sink(sink), false) = (self.dest, path.ends_with(".html")) {
            if let Err(e) = sink.copy(&path, &from) {
                self.fail(&path, e);
            }
            return Delivered { path, facts: None, file: None };
        }
        if let (Destination::Nowhere, false) = (self.dest, path.ends_with(".html")) {
            return Delivered { path, facts: None, file: None };
        }
        match std::fs::read(&from) {
            Ok(bytes) => self.deliver(OutputFile { path, bytes: Arc::new(bytes) }),
            Err(e) => {
                self.fail(&path, e);
                Delivered { path, facts: None, file: None }
            }
        }
    }

    fn fail(&self, path: &str, e: std::io::Error) {
        self.errors.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{path}: {e}"));
    }
}

/// The contents of an output file (shared, and never copied once rendered).
pub(crate) type Bytes = Arc<Vec<u8>>;

/// A hash of everything a template sees for one page.
fn context_hash(ctx: &Context) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_vec(&ctx.clone().into_json()).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// The files made besides the pages and the static files.
const MACHINE_FILES: [&str; 5] = ["feed.xml", "sitemap.xml", "robots.txt", "search-index.json", "syntax.css"];

/// Room made for a page before rendering it: most pages fit, so the buffer is not
/// grown and copied on the way.
const PAGE_BUFFER: usize = 48 * 1024;

fn render_one(tera: &Templates, template: &str, ctx: &Context, path: &str) -> Result<OutputFile, Diagnostic> {
    let mut bytes = Vec::with_capacity(PAGE_BUFFER);
    tera.tera.render_to(template, ctx, &mut bytes).map_err(|e| tera.render_error(template, path, &e))?;
    Ok(OutputFile { path: path.to_string(), bytes: Arc::new(only_allowed_bytes(bytes)) })
}

/// Rendered text with the characters XML and HTML forbid replaced (see
/// [`crate::text::allowed_char`]), whatever the content put into it.
fn only_allowed_bytes(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) => match crate::text::only_allowed(&text) {
            std::borrow::Cow::Borrowed(_) => text.into_bytes(),
            std::borrow::Cow::Owned(clean) => clean.into_bytes(),
        },
        Err(e) => e.into_bytes(),
    }
}

/// A file about to be kept in memory, with the slack of its render buffer given back.
fn kept(mut file: OutputFile) -> OutputFile {
    if let Some(bytes) = Arc::get_mut(&mut file.bytes) {
        bytes.shrink_to_fit();
    }
    file
}

/// A file copied to the output as it is: built in, or from the site's `static/`.
enum StaticFile {
    /// Embedded in the binary.
    BuiltIn(OutputFile),
    /// On disk, copied without being read whole (pages excepted: their links are checked).
    OnDisk { path: String, from: std::path::PathBuf },
}

impl StaticFile {
    fn path(&self) -> &str {
        match self {
            StaticFile::BuiltIn(f) => &f.path,
            StaticFile::OnDisk { path, .. } => path,
        }
    }
}

/// The built-in static files, replaced or joined by the site's own `static/` files;
/// none may take the path of a generated file.
fn static_files(site: &Site, generated: &[String]) -> Result<Vec<StaticFile>, Diagnostic> {
    let mut statics: Vec<StaticFile> = theme::STATIC
        .iter()
        .map(|(name, bytes)| {
            StaticFile::BuiltIn(OutputFile { path: name.to_string(), bytes: Arc::new(bytes.to_vec()) })
        })
        .collect();
    for f in &site.static_files {
        let own = StaticFile::OnDisk { path: f.name.clone(), from: f.path.clone() };
        match statics.iter_mut().find(|s| s.path() == f.name) {
            Some(s) => *s = own,
            None => statics.push(own),
        }
    }
    let generated: std::collections::HashSet<&str> = generated.iter().map(String::as_str).collect();
    match site.static_files.iter().find(|s| generated.contains(s.name.as_str())) {
        Some(s) => {
            Err(Diagnostic::error(s.file, 0..0, format!("static/{} would overwrite a file gloss generates", s.name))
                .help("rename or move the static file; gloss makes this file itself"))
        }
        None => Ok(statics),
    }
}
