//! Stage 2, parse: every Markdown text of the site (bodies, and the Markdown fields of
//! front matter) into the body IR of [`crate::site::body`], in parallel.

mod body;
mod code_limits;
mod footnote_labels;
mod heading_ids;
mod input;
pub(crate) mod markdown;
mod raw_html;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::load::{Loaded, Project, StaticSource, TemplateSource};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta};
use crate::site::body::Node;
use crate::site::media::ImageSlots;
pub(crate) use body::ParsedBody;
use input::MdInput;

/// A content file with its Markdown parsed.
#[derive(Debug)]
pub(crate) struct Parsed<M> {
    /// The loaded file.
    pub(crate) src: Loaded<M>,
    /// Its body, packed until resolve unpacks it.
    pub(crate) body: ParsedBody,
    /// Markdown fields of its front matter, in the order the kind defines
    /// (articles: summary, one per annotation note, then one per image caption;
    /// documents: one per provision summary).
    pub(crate) fragments: Vec<Option<Vec<Node>>>,
    /// The files of its front matter's images, once the media stage found them.
    pub(crate) images: ImageSlots,
}

/// The whole site, parsed.
#[derive(Debug)]
pub(crate) struct ParsedSite {
    /// `site.yaml`.
    pub(crate) config: SiteConfig,
    /// Articles.
    pub(crate) articles: Vec<Parsed<ArticleMeta>>,
    /// Entities.
    pub(crate) entities: Vec<Parsed<EntityMeta>>,
    /// Documents.
    pub(crate) documents: Vec<Parsed<DocumentMeta>>,
    /// Template overrides.
    pub(crate) templates: Vec<TemplateSource>,
    /// Static files.
    pub(crate) static_files: Vec<StaticSource>,
    /// The ids that content files which did not load would have defined.
    pub(crate) unavailable: Vec<String>,
}

/// Parse results of an earlier run, by file name and a hash of the file's text: a file
/// that did not change is not parsed again.
#[derive(Debug, Default)]
pub(crate) struct ParseCache {
    /// Whether to keep anything: a one-off build would only pay for copies.
    enabled: bool,
    entries: HashMap<String, Cached>,
}

impl ParseCache {
    /// A cache that keeps parse results between runs.
    pub(crate) fn keeping() -> ParseCache {
        ParseCache { enabled: true, entries: HashMap::new() }
    }
}

#[derive(Debug, Clone)]
struct Cached {
    hash: u64,
    body: ParsedBody,
    fragments: Vec<Option<Vec<Node>>>,
    diags: Vec<Diagnostic>,
}

/// Parses every Markdown text of `project`, reusing `cache` for unchanged files and
/// refreshing it for the next run.
pub(crate) fn parse(
    project: Project,
    sources: &SourceMap,
    diags: &mut Diagnostics,
    cache: &mut ParseCache,
) -> ParsedSite {
    let raw_html = project.config.raw_html;
    let old = std::mem::take(&mut cache.entries);
    let mut ctx = Run { sources, raw_html, keep: cache.enabled, old: &old, fresh: &mut cache.entries, diags };
    let articles = ctx.parse_all(project.articles, article_fragments);
    let entities = ctx.parse_all(project.entities, |_: &EntityMeta| Vec::new());
    let documents = ctx
        .parse_all(project.documents, |m: &DocumentMeta| m.provisions.iter().map(|p| p.summary.as_deref()).collect());
    ParsedSite {
        config: project.config,
        articles,
        entities,
        documents,
        templates: project.templates,
        static_files: project.static_files,
        unavailable: project.unavailable,
    }
}

/// Parses one article (what `serve` does for an edited one), without the cache.
pub(crate) fn parse_article(
    src: Loaded<ArticleMeta>,
    sources: &SourceMap,
    raw_html: bool,
) -> (Parsed<ArticleMeta>, Vec<Diagnostic>) {
    let entry = parse_one(&src, sources, raw_html, 0, &article_fragments);
    (Parsed { src, body: entry.body, fragments: entry.fragments, images: ImageSlots::default() }, entry.diags)
}

/// The Markdown values of an article's front matter: the summary, each annotation's
/// note, each image's caption, then each correction's text.
fn article_fragments(m: &ArticleMeta) -> Vec<Option<&str>> {
    std::iter::once(m.summary.as_deref())
        .chain(m.annotations.iter().map(|a| a.note.as_deref()))
        .chain(m.images.iter().map(|i| i.caption.as_deref()))
        .chain(m.corrections.iter().map(|c| Some(c.text.as_str())))
        .collect()
}

struct Run<'a> {
    sources: &'a SourceMap,
    raw_html: bool,
    keep: bool,
    old: &'a HashMap<String, Cached>,
    fresh: &'a mut HashMap<String, Cached>,
    diags: &'a mut Diagnostics,
}

impl Run<'_> {
    fn parse_all<M: Send + Sync>(
        &mut self,
        files: Vec<Loaded<M>>,
        fragments_of: impl Fn(&M) -> Vec<Option<&str>> + Sync,
    ) -> Vec<Parsed<M>> {
        let (sources, raw_html, old, keep) = (self.sources, self.raw_html, self.old, self.keep);
        let results: Vec<(Parsed<M>, Vec<Diagnostic>, Option<Cached>)> = files
            .into_par_iter()
            .map(|src| {
                let text = sources.text(src.file);
                let hash = content_hash(text, raw_html);
                let cached = old.get(sources.name(src.file)).filter(|c| c.hash == hash).cloned();
                let mut entry = cached.unwrap_or_else(|| parse_one(&src, sources, raw_html, hash, &fragments_of));
                for d in &mut entry.diags {
                    d.file = src.file;
                }
                if keep {
                    let parsed = Parsed {
                        body: entry.body.clone(),
                        fragments: entry.fragments.clone(),
                        src,
                        images: ImageSlots::default(),
                    };
                    (parsed, entry.diags.clone(), Some(entry))
                } else {
                    let images = ImageSlots::default();
                    (Parsed { body: entry.body, fragments: entry.fragments, src, images }, entry.diags, None)
                }
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for (parsed, diags, entry) in results {
            self.diags.extend(diags);
            if let Some(entry) = entry {
                self.fresh.insert(self.sources.name(parsed.src.file).to_string(), entry);
            }
            out.push(parsed);
        }
        out
    }
}

fn content_hash(text: &str, raw_html: bool) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (text, raw_html).hash(&mut h);
    h.finish()
}

fn parse_one<M>(
    src: &Loaded<M>,
    sources: &SourceMap,
    raw_html: bool,
    hash: u64,
    fragments_of: &(impl Fn(&M) -> Vec<Option<&str>> + Sync),
) -> Cached {
    let mut diags = Vec::new();
    let text = sources.text(src.file);
    let body_input = MdInput {
        text: &text[src.body.clone()],
        base: src.body.start,
        file: src.file,
        raw_html,
        footnotes: true,
        offsets: None,
    };
    let body = ParsedBody::new(&markdown::parse(body_input, &mut diags));
    let mut cursor = 0;
    let fragments = fragments_of(&src.meta)
        .into_iter()
        .map(|f| f.map(|md| parse_fragment(src, sources, md, &mut cursor, &mut diags)))
        .collect();
    Cached { hash, body, fragments, diags }
}

/// Parses a Markdown value of front matter. Raw HTML is always escaped there. Spans
/// point where the text is written, whatever the YAML style: a one-line value written
/// as it reads, and found once after `cursor` (a byte offset in the YAML), is taken
/// as it stands; any other is found among the front matter's scalars. A value found
/// nowhere points at the front matter's start.
fn parse_fragment<M>(
    src: &Loaded<M>,
    sources: &SourceMap,
    md: &str,
    cursor: &mut usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Node> {
    let yaml = &sources.text(src.file)[src.yaml.clone()];
    let rest = yaml.get(*cursor..).unwrap_or("");
    let mut found = rest.match_indices(md).map(|(i, _)| *cursor + i);
    let verbatim = match (found.next(), found.next()) {
        (Some(at), None) if !md.is_empty() && !md.contains('\n') => Some(at),
        _ => None,
    };
    let input =
        MdInput { text: md, base: src.yaml.start, file: src.file, raw_html: false, footnotes: false, offsets: None };
    if let Some(at) = verbatim {
        *cursor = at + md.len();
        return markdown::parse(MdInput { base: src.yaml.start + at, ..input }, diags);
    }
    // Scalars come in the order they are written: start at the cursor, not at the top.
    let scalars = src.scalars(sources);
    let from = scalars.partition_point(|p| p.offsets.first().is_some_and(|&o| o < *cursor));
    let place = scalars[from..].iter().find(|p| p.value == md && p.offsets.first().is_some_and(|&o| o >= *cursor));
    if let Some(p) = place {
        *cursor = p.offsets.last().copied().unwrap_or(*cursor);
    }
    markdown::parse(MdInput { offsets: place.map(|p| p.offsets.as_slice()), ..input }, diags)
}
