//! Stage 3, resolve: one id namespace for the whole site, every reference checked,
//! passages anchored, names autolinked and mentions recorded, giving the [`Site`] model.

pub(crate) mod anchor;
pub(crate) mod article;
pub(crate) mod autolink;
pub(crate) mod blocks;
pub(crate) mod corrections;
pub(crate) mod edit;
pub(crate) mod ids;
pub(crate) mod mentions;
pub(crate) mod refs;
pub(crate) mod sentences;
pub(crate) mod table_rows;
pub(crate) mod usage;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta};
use crate::parse::{Parsed, ParsedSite};
use crate::site::media::Media;
use crate::site::{Document, Entity, Mention, Site, Target};
use autolink::NameMatcher;
use ids::{bad_id, is_valid_id, Registry};
use refs::{check_refs, check_url, expect_entity};

/// What resolving an article needs from the rest of the site: every id and every
/// linkable name. Kept by `serve` to resolve an edited article on its own, and saved
/// with the build state for the next build: loaded, it needs [`Lookup::attach`].
#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Lookup {
    registry: Registry,
    /// Made again from the site's names when loaded.
    #[serde(skip)]
    matcher: NameMatcher,
}

impl Lookup {
    /// Ties a loaded lookup to `site`, the site model it was saved with: the id map is
    /// shared again, and the names are matched again.
    pub(crate) fn attach(&mut self, site: &Site) {
        self.registry.share(&site.ids);
        let entities = site.entities.iter().map(|e| (&e.id, &e.meta));
        let documents = site.documents.iter().map(|d| (&d.id, &d.meta));
        self.matcher = NameMatcher::new(linkable_names(entities, documents)).0;
    }
}

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lookup").finish_non_exhaustive()
    }
}

/// Resolves the parsed site into the site model; problems go to `diags`. Warnings
/// about unused definitions are not made here but by [`usage::unused`], since they
/// depend on the whole site.
pub(crate) fn resolve(
    parsed: ParsedSite,
    media: Media,
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> (Site, Lookup) {
    let ParsedSite { config, mut articles, mut entities, mut documents, templates, static_files, unavailable } = parsed;
    articles.sort_by(|a, b| b.src.meta.date.cmp(&a.src.meta.date).then_with(|| a.src.stem.cmp(&b.src.stem)));
    entities.sort_by(|a, b| a.src.stem.cmp(&b.src.stem));
    documents.sort_by(|a, b| a.src.stem.cmp(&b.src.stem));
    check_slugs(&articles, sources, diags);
    let mut registry = register(&articles, &entities, &documents, sources, diags);
    registry.set_unavailable(unavailable);

    let names = linkable_names(
        entities.iter().map(|e| (&e.src.stem, &e.src.meta)),
        documents.iter().map(|d| (&d.src.stem, &d.src.meta)),
    );
    let (matcher, ambiguous) = NameMatcher::new(names);
    for a in ambiguous {
        let first = registry.get(&a.ids[0]);
        let file = match first {
            Some(Target::Entity(e)) => entities[e].src.file,
            Some(Target::Document(d)) => documents[d].src.file,
            _ => continue,
        };
        diags.push(
            Diagnostic::warning(file, 0..0, format!("the name '{}' is claimed by {}", a.name, a.ids.join(", ")))
                .help("it is never autolinked; link it explicitly, or keep it as an alias of one of them only"),
        );
    }
    let shared = article::ArticleInputs { registry: &registry, matcher: &matcher, sources, autolink: config.autolink };
    // Each part straight into its own list, made to size: a list of whole results,
    // taken apart after, held every article twice at the peak.
    let (mut site_articles, mut found) = (Vec::new(), Vec::new());
    articles
        .into_par_iter()
        .enumerate()
        .map(|(i, a)| {
            let r = article::resolve(&shared, i, a);
            (r.article, (r.mentions, r.diags))
        })
        .unzip_into_vecs(&mut site_articles, &mut found);
    // Room for every mention at once: growing the list as it fills (a few hundred
    // thousand mentions in an archive) would hold an old and a new copy at its peak.
    let mut mentions: Vec<Mention> = Vec::with_capacity(found.iter().map(|(m, _)| m.len()).sum());
    for (m, d) in found {
        mentions.extend(m);
        diags.extend(d);
    }
    let entities = entities.into_iter().map(|e| resolve_entity(e, &registry, sources, diags)).collect();
    let documents = documents.into_iter().map(|d| resolve_document(d, &registry, sources, diags)).collect();
    let mut mentions_of: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        mentions_of.entry(m.target.clone()).or_default().push(i);
    }
    let site = Site {
        config,
        articles: site_articles,
        entities,
        documents,
        ids: registry.targets(),
        mentions,
        mentions_of,
        templates,
        static_files,
        media,
    };
    (site, Lookup { registry, matcher })
}

/// The entity id that would take the URL of the entity graph (FORMAT.md 8.6).
const GRAPH_ID: &str = "graph";

/// Article slugs follow the id rules and are unique, also ignoring case.
fn check_slugs(articles: &[Parsed<ArticleMeta>], sources: &SourceMap, diags: &mut Diagnostics) {
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
    for a in articles {
        if !is_valid_id(&a.src.stem) {
            diags.push(
                bad_id(a.src.file, 0..0, "article slug", &a.src.stem).help("the slug is the file name without .md"),
            );
        }
        if let Some(first) = seen.insert(a.src.stem.to_lowercase(), a.src.file) {
            diags.push(
                Diagnostic::error(a.src.file, 0..0, format!("two articles have the slug '{}'", a.src.stem))
                    .help(format!("{} has the same file name; rename one of them", sources.name(first))),
            );
        }
    }
}

fn register(
    articles: &[Parsed<ArticleMeta>],
    entities: &[Parsed<EntityMeta>],
    documents: &[Parsed<DocumentMeta>],
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> Registry {
    let mut reg = Registry::default();
    for e in entities.iter().filter(|e| e.src.stem == GRAPH_ID) {
        let what = "the entity graph's page, /entities/graph/, has this URL";
        diags.push(
            Diagnostic::error(e.src.file, 0..0, format!("the entity id '{GRAPH_ID}' is reserved: {what}"))
                .help("rename the file, for example to graph-theory.md"),
        );
    }
    let mut define = |id: &str, what: &str, target: Target, file: usize, in_front_matter: bool| {
        let local = if what == "provision" { id.split_once('/').map_or(id, |(_, p)| p) } else { id };
        if !is_valid_id(local) {
            let span = ids::definition_span(sources, file, in_front_matter, local);
            diags.push(bad_id(file, span, &format!("{what} id"), local));
        } else if let Some(d) = reg.define(id, target, file, in_front_matter, sources) {
            diags.push(d);
        }
    };
    for (i, e) in entities.iter().enumerate() {
        define(&e.src.stem, "entity", Target::Entity(i), e.src.file, false);
    }
    for (i, d) in documents.iter().enumerate() {
        define(&d.src.stem, "document", Target::Document(i), d.src.file, false);
        for (p, prov) in d.src.meta.provisions.iter().enumerate() {
            define(&format!("{}/{}", d.src.stem, prov.id), "provision", Target::Provision(i, p), d.src.file, true);
        }
    }
    let mut slugs = FxHashSet::default();
    for (a, art) in articles.iter().enumerate() {
        let m = &art.src.meta;
        let file = art.src.file;
        // An invalid or repeated slug is reported by `check_slugs`; it then gives no id.
        if is_valid_id(&art.src.stem) && slugs.insert(art.src.stem.to_lowercase()) {
            define(&art.src.stem, "article", Target::Article(a), file, false);
        }
        for (q, x) in m.quotes.iter().enumerate() {
            define(&x.id, "quote", Target::Quote(a, q), file, true);
        }
        for (s, x) in m.sources.iter().enumerate() {
            define(&x.id, "source", Target::Source(a, s), file, true);
        }
        for (f, x) in m.figures.iter().enumerate() {
            define(&x.id, "figure", Target::Figure(a, f), file, true);
        }
        for (i, x) in m.images.iter().enumerate() {
            define(&x.id, "image", Target::Image(a, i), file, true);
        }
    }
    for (a, art) in articles.iter().enumerate() {
        reg.set_headings(a, art.body.headings.clone());
    }
    reg
}

/// Every name an entity or document may be autolinked by, with its id; entities and
/// documents given as (id, front matter).
fn linkable_names<'a>(
    entities: impl Iterator<Item = (&'a String, &'a EntityMeta)>,
    documents: impl Iterator<Item = (&'a String, &'a DocumentMeta)>,
) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for (id, m) in entities {
        for n in std::iter::once(&m.name).chain(&m.aliases) {
            names.push((n.clone(), id.clone()));
        }
    }
    for (id, m) in documents {
        for n in std::iter::once(&m.title).chain(&m.short_title).chain(&m.aliases) {
            names.push((n.clone(), id.clone()));
        }
    }
    names
}

fn resolve_entity(e: Parsed<EntityMeta>, registry: &Registry, sources: &SourceMap, diags: &mut Diagnostics) -> Entity {
    let mut found = Vec::new();
    let file = e.src.file;
    let body = e.body.nodes();
    check_refs(&body, file, registry, &mut found);
    for r in &e.src.meta.related {
        expect_entity(registry, &r.id, "related entity", file, || e.src.locate(sources, &r.id), &mut found);
    }
    for url in &e.src.meta.same_as {
        check_url(url, file, || e.src.locate(sources, url), || format!("the URL '{url}' is not allowed"), &mut found);
    }
    diags.extend(found);
    Entity { id: e.src.stem, file, meta: e.src.meta, body, image: e.images.lead }
}

fn resolve_document(
    d: Parsed<DocumentMeta>,
    registry: &Registry,
    sources: &SourceMap,
    diags: &mut Diagnostics,
) -> Document {
    let mut found = Vec::new();
    let file = d.src.file;
    let locate = |s: &str| d.src.locate(sources, s);
    let body = d.body.nodes();
    check_refs(&body, file, registry, &mut found);
    for f in d.fragments.iter().flatten() {
        check_refs(f, file, registry, &mut found);
    }
    for p in &d.src.meta.parties {
        expect_entity(registry, p, "party", file, || locate(p), &mut found);
    }
    if let Some(place) = &d.src.meta.place {
        expect_entity(registry, place, "place", file, || locate(place), &mut found);
    }
    for prov in &d.src.meta.provisions {
        for c in &prov.cites {
            if !matches!(registry.get(c), Some(Target::Provision(..))) {
                let unknown = registry.unknown(file, locate(c), "provision", c);
                found.extend(unknown.map(|d| d.help("cite provisions as document-id/provision-id")));
            }
        }
    }
    diags.extend(found);
    Document { id: d.src.stem, file, meta: d.src.meta, body, summaries: d.fragments }
}
