//! Stage 2, parse: every Markdown text of the site (bodies, and the Markdown fields of
//! front matter) into the body IR of [`crate::site::body`], in parallel.

pub mod markdown;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::load::{AssetFile, Loaded, Project};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta};
use crate::site::body::Node;
use markdown::MdInput;

/// A content file with its Markdown parsed.
#[derive(Debug)]
pub struct Parsed<M> {
    /// The loaded file.
    pub src: Loaded<M>,
    /// Its body.
    pub body: Vec<Node>,
    /// Markdown fields of its front matter, in the order the kind defines
    /// (articles: summary then one per annotation note; documents: one per provision summary).
    pub fragments: Vec<Option<Vec<Node>>>,
}

/// The whole site, parsed.
#[derive(Debug)]
pub struct ParsedSite {
    /// The site root.
    pub root: std::path::PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Articles.
    pub articles: Vec<Parsed<ArticleMeta>>,
    /// Entities.
    pub entities: Vec<Parsed<EntityMeta>>,
    /// Documents.
    pub documents: Vec<Parsed<DocumentMeta>>,
    /// Template overrides.
    pub templates: Vec<AssetFile>,
    /// Static files.
    pub static_files: Vec<AssetFile>,
}

/// Parses every Markdown text of `project`.
pub fn parse(project: Project, sources: &SourceMap, diags: &mut Diagnostics) -> ParsedSite {
    let raw_html = project.config.raw_html;
    let articles = parse_all(project.articles, sources, raw_html, diags, |m: &ArticleMeta| {
        std::iter::once(m.summary.as_deref()).chain(m.annotations.iter().map(|a| a.note.as_deref())).collect()
    });
    let entities = parse_all(project.entities, sources, raw_html, diags, |_: &EntityMeta| Vec::new());
    let documents = parse_all(project.documents, sources, raw_html, diags, |m: &DocumentMeta| {
        m.provisions.iter().map(|p| p.summary.as_deref()).collect()
    });
    ParsedSite {
        root: project.root,
        config: project.config,
        articles,
        entities,
        documents,
        templates: project.templates,
        static_files: project.static_files,
    }
}

fn parse_all<M: Send + Sync>(
    files: Vec<Loaded<M>>,
    sources: &SourceMap,
    raw_html: bool,
    diags: &mut Diagnostics,
    fragments_of: impl Fn(&M) -> Vec<Option<&str>> + Sync,
) -> Vec<Parsed<M>> {
    let results: Vec<(Parsed<M>, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|src| {
            let mut found = Vec::new();
            let text = sources.text(src.file);
            let body_input = MdInput { text: &text[src.body.clone()], base: src.body.start, file: src.file, raw_html };
            let body = markdown::parse(body_input, &mut found);
            let mut cursor = src.yaml.start;
            let fragments = fragments_of(&src.meta)
                .into_iter()
                .map(|f| f.map(|md| parse_fragment(&src, sources, md, &mut cursor, &mut found)))
                .collect();
            (Parsed { src, body, fragments }, found)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (parsed, found) in results {
        diags.extend(found);
        out.push(parsed);
    }
    out
}

/// Parses a Markdown value of front matter. Raw HTML is always escaped there; spans
/// point at where the value starts in the file. Values are found in file order from
/// `cursor` on, so locating all of a file's values reads its front matter once.
fn parse_fragment<M>(
    src: &Loaded<M>,
    sources: &SourceMap,
    md: &str,
    cursor: &mut usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Node> {
    let first_line = md.lines().next().unwrap_or("");
    let text = sources.text(src.file);
    let base = match text[*cursor..src.yaml.end].find(first_line) {
        Some(i) if !first_line.is_empty() => *cursor + i,
        _ => *cursor,
    };
    *cursor = base + first_line.len();
    markdown::parse(MdInput { text: md, base, file: src.file, raw_html: false }, diags)
}
