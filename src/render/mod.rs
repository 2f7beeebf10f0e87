//! Stage 4, render: every page of FORMAT.md section 5 through its Tera template, plus
//! the feed, sitemap, robots.txt, search index, code stylesheet and static files,
//! all in memory. Pages render in parallel.

pub mod aggregate;
pub mod cards;
pub mod context;
pub mod feeds;
pub mod highlight;
pub mod html;
pub mod jsonld;
pub mod pages;
pub mod paths;
pub mod templates;
pub mod views;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::site::Site;
use crate::theme;
use aggregate::Aggregates;
use pages::Cx;

/// One file of the output.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    /// Contents (shared, so unchanged pages are reused without copying).
    pub bytes: Bytes,
}

/// A template that failed, and why.
#[derive(Debug, Clone)]
pub struct TemplateProblem {
    /// The template's name (`article.html`).
    pub template: String,
    /// The site's override file, when the template is one.
    pub file: Option<std::path::PathBuf>,
    /// One-based line and column of the problem in the template, when known.
    pub line_col: Option<(usize, usize)>,
    /// What went wrong, with the page concerned.
    pub message: String,
}

impl TemplateProblem {
    fn new(template: &str, message: String) -> TemplateProblem {
        TemplateProblem { template: template.to_string(), file: None, line_col: None, message }
    }
}

/// What rendering produced.
#[derive(Debug)]
pub struct Rendered {
    /// Every output file, sorted by path.
    pub files: Vec<OutputFile>,
    /// How many HTML pages.
    pub pages: usize,
}

/// Rendered pages of an earlier build, reused when neither a page's context nor the
/// templates changed (how `serve` rebuilds only what an edit touched).
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Whether to keep anything: a one-off build would only pay for hashing.
    enabled: bool,
    templates: u64,
    pages: HashMap<String, (u64, Bytes)>,
}

impl RenderCache {
    /// A cache that keeps pages between runs.
    pub fn keeping() -> RenderCache {
        RenderCache { enabled: true, ..RenderCache::default() }
    }
}

/// Renders the whole site in memory, reusing pages from `cache` whose context and
/// templates are unchanged, and refreshing `cache` for the next run.
pub fn render(site: &Site, cache: &mut RenderCache) -> Result<Rendered, Vec<TemplateProblem>> {
    let (tera, fingerprint) = templates::load(&site.templates).map_err(|p| vec![p])?;
    if fingerprint != cache.templates {
        *cache = RenderCache { enabled: cache.enabled, templates: fingerprint, pages: HashMap::new() };
    }
    let enabled = cache.enabled;
    let agg = Aggregates::new(site);
    let pages = pages::all_pages(site, &agg);
    let previous = &cache.pages;
    let results: Vec<Result<(OutputFile, u64), TemplateProblem>> = pages
        .par_iter()
        .map(|page| {
            let cx = Cx::new(site, &agg, page);
            let ctx = views::context(&cx);
            let path = page.file();
            let key = if enabled { context_hash(&ctx) } else { 0 };
            match previous.get(&path).filter(|_| enabled) {
                Some((k, bytes)) if *k == key => Ok((OutputFile { path, bytes: bytes.clone() }, key)),
                _ => render_one(&tera, page.template(), &ctx, &path).map(|f| (f, key)),
            }
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 16);
    let mut problems = Vec::new();
    let mut fresh = HashMap::with_capacity(results.len());
    for r in results {
        match r {
            Ok((f, key)) => {
                if enabled {
                    fresh.insert(f.path.clone(), (key, f.bytes.clone()));
                }
                files.push(f);
            }
            Err(p) => problems.push(p),
        }
    }
    cache.pages = fresh;
    let page_count = files.len();
    let extras = [
        ("feed.xml", feeds::feed_context(site)),
        ("sitemap.xml", feeds::sitemap_context(site, &pages)),
        ("robots.txt", feeds::robots_context(site)),
    ];
    for (name, ctx) in extras {
        match render_one(&tera, name, &ctx, name) {
            Ok(f) => files.push(f),
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    files
        .push(OutputFile { path: "search-index.json".into(), bytes: Arc::new(feeds::search_index(site).into_bytes()) });
    files.push(OutputFile { path: "syntax.css".into(), bytes: Arc::new(highlight::stylesheet().as_bytes().to_vec()) });
    add_static(site, &mut files).map_err(|message| vec![TemplateProblem::new("static/", message)])?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { files, pages: page_count })
}

/// The contents of an output file (shared, and never copied once rendered).
pub type Bytes = Arc<Vec<u8>>;

/// A hash of everything a template sees for one page.
fn context_hash(ctx: &Context) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_vec(&ctx.clone().into_json()).unwrap_or_default().hash(&mut h);
    h.finish()
}

fn render_one(tera: &Tera, template: &str, ctx: &Context, path: &str) -> Result<OutputFile, TemplateProblem> {
    tera.render(template, ctx)
        .map(|html| {
            // Rendering grows the string in steps; give the slack back before keeping it.
            let mut bytes = html.into_bytes();
            bytes.shrink_to_fit();
            OutputFile { path: path.to_string(), bytes: Arc::new(bytes) }
        })
        .map_err(|e| TemplateProblem::new(template, format!("rendering {path}: {}", templates::error_chain(&e))))
}

/// The built-in static files, replaced or joined by the site's own `static/` files.
fn add_static(site: &Site, files: &mut Vec<OutputFile>) -> Result<(), String> {
    let mut statics: Vec<OutputFile> = theme::STATIC
        .iter()
        .map(|(name, bytes)| OutputFile { path: name.to_string(), bytes: Arc::new(bytes.to_vec()) })
        .collect();
    for f in &site.static_files {
        let bytes = std::fs::read(&f.path).map_err(|e| format!("cannot read static/{}: {e}", f.name))?;
        match statics.iter_mut().find(|s| s.path == f.name) {
            Some(s) => s.bytes = Arc::new(bytes),
            None => statics.push(OutputFile { path: f.name.clone(), bytes: Arc::new(bytes) }),
        }
    }
    for s in &statics {
        if files.iter().any(|f| f.path == s.path) {
            return Err(format!("static/{} would overwrite a generated file; rename it", s.path));
        }
    }
    files.extend(statics);
    Ok(())
}
