//! Stage 4, render: every page of FORMAT.md section 5 through its Tera template, plus
//! the feed, sitemap, robots.txt, search index, code stylesheet and static files.
//! Pages render in parallel; each file goes to its [`Destination`] as soon as it is
//! made, and only the facts verify needs are kept of it.
//!
//! [`render`] runs in four steps: plan (every output path is known before anything
//! renders, so links are checked as pages are made), pages, site files, finish.

pub(crate) mod aggregate;
mod build_cache;
mod cache;
mod cards;
mod contrast;
mod deliver;
pub(crate) mod feeds;
mod figure;
mod footnotes;
mod graph;
mod highlight;
mod html;
mod output;
mod paths;
pub(crate) mod plan;
pub(crate) mod reads;
mod resize;
pub(crate) mod search;
pub(crate) mod site_files;
mod social;
mod templates;
mod text_content;
mod views;

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

pub(crate) use build_cache::{BuildCache, Hashed};
pub(crate) use cache::{ReadIndex, Reader, RenderCache};
pub(crate) use deliver::{Destination, Sink};
pub(crate) use output::{Bytes, Existing, OutputFile, Rendered};

use crate::diag::{Diagnostic, SourceMap};
use crate::site::Site;
use crate::verify::facts;
use aggregate::Aggregates;
use deliver::Delivery;
use output::Delivered;
use plan::Page;
use reads::PackedReads;
use search::SearchIndex;
use templates::Templates;
use views::{Scope, SharedBodies};

/// Renders the whole site into `dest`, reusing pages from `cache` whose context and
/// templates are unchanged, and refreshing `cache` for the next run (which needs
/// [`Destination::Memory`] to keep anything). `pages` are [`plan::all_pages`]. Pages
/// that fail to render are in [`Rendered::problems`], so the others are still
/// checked; `Err` means nothing could render (the templates do not compile).
///
/// The pages that show an article's body ([`plan::PageKind::shows_body`]) are made
/// first. With [`Letting::release_bodies`], each body goes as soon as its pages are
/// made ([`Site::release_bodies_of`], a slice of the articles at a time): the bodies
/// are the largest part of the site model, and the facts verify keeps of every page
/// then take their place instead of adding to them.
pub(crate) fn render(
    site: &mut Site,
    sources: &SourceMap,
    agg: &Aggregates,
    pages: &[Page],
    (cache, build_cache): (&mut RenderCache, &BuildCache),
    dest: Destination<'_>,
    letting: Letting<'_>,
) -> Result<Rendered, Vec<Diagnostic>> {
    let templates = cache.load_templates(site, sources).map_err(|d| vec![d])?;
    // Pages are kept only in memory; what each file read is kept either way.
    let keep = cache.keeps() && (matches!(dest, Destination::Memory) || !cache.keeps_pages());
    let cards = social::cards(site, None);
    let (paths, statics) = site_files::output_paths(site, pages, &cards).map_err(|d| vec![d])?;
    let known: FxHashSet<&str> = paths.iter().map(String::as_str).collect();
    // The search index's files are named after its terms, and known once it is made.
    let index_paths: OnceLock<FxHashSet<String>> = OnceLock::new();
    let base_path = site.config.base_path();
    let exists = |p: &str| known.contains(p) || index_paths.get().is_some_and(|i| i.contains(p));
    let delivery = Delivery::new(dest, facts::Output { base_path: &base_path, exists: &exists });
    let (with_bodies, others): (Vec<&Page>, Vec<&Page>) = pages.iter().partition(|p| p.kind.shows_body());
    let mut gathered = Gathered::new(keep.then_some(cache));
    gathered.out.reserve(pages.len());
    if letting.release_bodies {
        // A slice at a time, each article's body let go once its pages are made: the
        // facts kept of those pages then take the bodies' place instead of adding to
        // all of them (at N = 100,000 the bodies are about 400 MB).
        for slice in body_slices(&with_bodies, BODY_SLICES) {
            let made = render_pages(site, agg, &templates, slice, gathered.cached(), &delivery);
            gathered.pages(made);
            site.release_bodies_of(slice.iter().filter_map(|p| p.kind.body_of()));
            crate::memory::trim();
        }
    } else {
        let made = render_pages(site, agg, &templates, &with_bodies, gathered.cached(), &delivery);
        gathered.pages(made);
    }
    let site = &*site;
    // The search index reads no body: made now, it does not add to the bodies (it is a
    // tenth of an archive's memory), and its files go before the other pages'.
    let index = SearchIndex::new(site);
    let search_files = index.files();
    let handed = letting.index_to.is_some_and(|to| to(&index));
    let index = (keep && !handed).then_some(index);
    if index.is_none() {
        // Made all at once and gone: its memory comes back whole.
        crate::memory::trim();
    }
    let _ = index_paths.set(search_files.iter().map(|f| f.path.clone()).collect());
    let machine: Vec<_> = search_files.into_par_iter().map(|f| Ok(delivery.deliver(f))).collect();
    gathered.files(machine);
    // Links from the pages made before the index to its files were taken for dead.
    for f in &mut gathered.out.facts {
        f.revive(&base_path, &exists);
    }
    // The site-wide files are made alongside the other pages rather than after them.
    let ((), files) = rayon::join(
        || {
            // A slice at a time too, each gathered once made: every other page's result
            // held at once was a twentieth of an N = 100,000 build's peak.
            for slice in others.chunks(others.len().div_ceil(REST_SLICES).max(1)) {
                let made = render_pages(site, agg, &templates, slice, gathered.cached(), &delivery);
                gathered.pages(made);
            }
        },
        || {
            let mut files = vec![
                site_files::feed(site, &templates),
                site_files::sitemap(site, pages, &templates),
                site_files::robots(site, &templates),
            ];
            files.extend(resize::variants(&site.media, build_cache));
            let mut delivered: Vec<_> = files.into_iter().map(|f| f.map(|f| delivery.deliver(f))).collect();
            // Cards are delivered as they are drawn: an archive has tens of thousands.
            // `check` draws none: a card has no link or id to check, and drawing an
            // archive's cards for nothing took minutes.
            if !matches!(dest, Destination::Nowhere) {
                // Only what a card's delivery leaves to gather (a problem, a file kept in
                // memory) is kept: a list of every card's empty result was large too.
                let deliver = |card| Some(delivery.deliver_static(card)).filter(|d| !d.is_empty());
                delivered.extend(social::render(site, &cards, build_cache, deliver));
            }
            delivered
        },
    );
    gathered.files(files);
    let pages_made = gathered.out.facts.len();
    gathered.files([Ok(delivery.deliver(site_files::stylesheet()))]);
    gathered.files(statics.into_iter().map(|f| Ok(delivery.deliver_static(f))));
    let Gathered { mut out, problems, cache, unstored } = gathered;
    if let Some(cache) = cache {
        if cache.keeps_pages() {
            // What it held was read while the pages were made.
            cache.clear_pages();
        }
        for (reader, file, hash, reads) in unstored {
            match file {
                Some(f) => {
                    cache.store(f.path, hash, f.bytes, reader, reads);
                }
                None => cache.store_reads(reader, reads),
            }
        }
        cache.store_reads(Reader::Feed, PackedReads::pack(&site_files::FEED_READS));
        cache.store_reads(Reader::Sitemap, PackedReads::pack(&site_files::SITEMAP_READS));
        cache.store_reads(Reader::SearchIndex, PackedReads::pack(&site_files::SEARCH_READS));
        cache.keep_templates(templates);
    }
    out.pages = pages_made;
    out.search = index;
    out.sink_errors = delivery.into_errors();
    out.problems = problems;
    drop(known);
    out.paths = paths;
    out.paths.extend(index_paths.into_inner().into_iter().flatten());
    out.sort();
    Ok(out)
}

/// What the files made so far leave behind, gathered as each batch is made rather
/// than once all are (at N = 100,000, every page's result held at once was a twentieth
/// of the build's peak): their paths and facts in `out`, the files that failed in
/// `problems`, and what `cache` keeps of each page: stored at once when the cache
/// reuses no page (it only records what each page read), else held in `unstored`
/// until every page is made, since pages are taken from the cache while they are.
struct Gathered<'c> {
    out: Rendered,
    problems: Vec<Diagnostic>,
    cache: Option<&'c mut RenderCache>,
    unstored: Vec<(Reader, Option<OutputFile>, u64, PackedReads)>,
}

impl<'c> Gathered<'c> {
    /// Gathering into `cache`, when the run keeps anything; a cache that reuses no
    /// page starts empty.
    fn new(mut cache: Option<&'c mut RenderCache>) -> Gathered<'c> {
        if let Some(c) = cache.as_mut().filter(|c| !c.keeps_pages()) {
            c.clear_pages();
        }
        Gathered { out: Rendered::default(), problems: Vec::new(), cache, unstored: Vec::new() }
    }

    /// The cache to take unchanged pages from, while pages are made.
    fn cached(&self) -> Option<&RenderCache> {
        self.cache.as_deref()
    }

    /// Gathers pages made.
    fn pages(&mut self, made: std::collections::LinkedList<Vec<Result<MadePage, Diagnostic>>>) {
        for result in made.into_iter().flatten() {
            let page = match result {
                Ok(page) => page,
                Err(p) => {
                    self.problems.push(p);
                    continue;
                }
            };
            if let Some(cache) = self.cache.as_deref_mut() {
                let reader = Reader::Page(page.kind);
                let file = page.delivered.file.clone();
                if cache.keeps_pages() {
                    self.unstored.push((reader, file, page.hash, page.reads));
                } else {
                    match file {
                        Some(f) => {
                            cache.store(f.path, page.hash, f.bytes, reader, page.reads);
                        }
                        None => cache.store_reads(reader, page.reads),
                    }
                }
            }
            self.out.take(page.delivered);
        }
    }

    /// Gathers other files made.
    fn files(&mut self, made: impl IntoIterator<Item = Result<Delivered, Diagnostic>>) {
        for file in made {
            match file {
                Ok(d) => self.out.take(d),
                Err(p) => self.problems.push(p),
            }
        }
    }
}

/// The social cards of article `a` and its quotes (what `serve` redraws after an edit).
pub(crate) fn social_cards(site: &Site, a: usize, build_cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    social::render_in_memory(site, &social::cards(site, Some(a)), build_cache)
}

/// A page rendered and delivered, with what the cache keeps of it.
struct MadePage {
    kind: plan::PageKind,
    delivered: Delivered,
    hash: u64,
    reads: PackedReads,
}

/// How many slices the pages that show a body are made in, when the bodies go as they
/// are made.
const BODY_SLICES: usize = 8;

/// How many slices the other pages are made in, each gathered once made.
const REST_SLICES: usize = 8;

/// `pages` (each article's body pages next to each other, as the plan has them) in
/// about `count` slices, no article's pages split between two.
fn body_slices<'p, 'q>(pages: &'q [&'p Page], count: usize) -> Vec<&'q [&'p Page]> {
    let size = pages.len().div_ceil(count.max(1)).max(1);
    let mut slices = Vec::with_capacity(count);
    let mut rest = pages;
    while !rest.is_empty() {
        let mut end = size.min(rest.len());
        while end < rest.len() && rest[end].kind.body_of() == rest[end - 1].kind.body_of() {
            end += 1;
        }
        let (slice, after) = rest.split_at(end);
        slices.push(slice);
        rest = after;
    }
    slices
}

/// What a render lets go of as soon as it can, for memory.
pub(crate) struct Letting<'a> {
    /// The article bodies, once the pages that show them are made.
    pub(crate) release_bodies: bool,
    /// The search index, handed to this as soon as its files are made (a build that
    /// saves its state: the index is a tenth of an archive's memory); `false` back
    /// means it was not taken, and the index is kept as the cache asks.
    pub(crate) index_to: Option<&'a (dyn Fn(&SearchIndex) -> bool + Sync)>,
}

/// These pages, in parallel, each delivered as soon as it is made; in order, in the
/// chunks the threads made. With `cached`, a page whose context hashes as before is
/// taken from it instead of rendered.
fn render_pages(
    site: &Site,
    agg: &Aggregates,
    templates: &Templates,
    pages: &[&Page],
    cached: Option<&RenderCache>,
    delivery: &Delivery<'_>,
) -> std::collections::LinkedList<Vec<Result<MadePage, Diagnostic>>> {
    let shared = SharedBodies::new();
    pages
        .par_iter()
        .map(|page| {
            let (file, hash, reads) = render_page(site, agg, templates, page, cached, Some(&shared))?;
            Ok(MadePage { kind: page.kind, delivered: delivery.deliver(file), hash, reads })
        })
        .collect_vec_list()
}

/// Renders some pages again after an edit (the readers of what it changed), with the
/// templates of the last full render, keeping `cache` up to date. Returns the files
/// whose bytes changed; `None` when there is no earlier render to update.
pub(crate) fn rerender(
    site: &Site,
    agg: &Aggregates,
    pages: &[&Page],
    cache: &mut RenderCache,
) -> Option<Result<Vec<OutputFile>, Vec<Diagnostic>>> {
    let templates = cache.templates()?;
    let results: Vec<_> = pages
        .par_iter()
        .map(|page| render_page(site, agg, templates, page, Some(cache), None).map(|r| (page.kind, r)))
        .collect();
    let mut changed = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((kind, (file, hash, reads))) => {
                let file = deliver::kept(file);
                if cache.store(file.path.clone(), hash, file.bytes.clone(), Reader::Page(kind), reads) {
                    changed.push(file);
                }
            }
            Err(p) => problems.push(p),
        }
    }
    Some(if problems.is_empty() { Ok(changed) } else { Err(problems) })
}

/// One page, with the hash of its context and what it read: the reads kept only when
/// a cache asks, the hash only when it keeps pages (otherwise 0, and the reads
/// empty). A page whose context hashes as in the cache is taken from it. Article
/// bodies are shared through `shared`, when given.
fn render_page(
    site: &Site,
    agg: &Aggregates,
    templates: &Templates,
    page: &Page,
    cached: Option<&RenderCache>,
    shared: Option<&SharedBodies>,
) -> Result<(OutputFile, u64, PackedReads), Diagnostic> {
    let scope = Scope::new(site, agg, page, cached.is_some(), shared);
    let built = views::build(&scope, cached.is_some_and(RenderCache::keeps_pages));
    let reads = scope.into_reads();
    let path = page.file();
    let reused = cached.and_then(|c| c.reuse(&path, built.hash));
    let file = match reused {
        Some(bytes) => OutputFile { path, bytes },
        None => templates.render(page.template(), &built.context, &path)?,
    };
    Ok((file, built.hash, reads))
}

#[cfg(test)]
mod tests {
    use super::body_slices;
    use super::plan::{Page, PageKind};

    #[test]
    fn body_slices_keep_each_articles_pages_together_and_in_order() {
        let page = |kind| Page { path: String::new(), kind };
        let pages: Vec<Page> = (0..7)
            .flat_map(|a| [page(PageKind::Article(a)), page(PageKind::Annotations(a))])
            .chain([page(PageKind::Article(7))])
            .collect();
        let refs: Vec<&Page> = pages.iter().collect();
        for count in [1, 2, 3, 4, 8, 20] {
            let slices = body_slices(&refs, count);
            let joined: Vec<&Page> = slices.iter().flat_map(|s| s.iter().copied()).collect();
            assert_eq!(joined.len(), refs.len(), "{count}");
            assert!(joined.iter().zip(&refs).all(|(a, b)| std::ptr::eq(*a, *b)), "{count}: order");
            assert!(slices.iter().all(|s| !s.is_empty()), "{count}: empty slice");
            for pair in slices.windows(2) {
                let (last, first) = (pair[0].last().unwrap(), pair[1].first().unwrap());
                assert_ne!(last.kind.body_of(), first.kind.body_of(), "{count}: an article split");
            }
            assert!(slices.len() <= count.max(1), "{count}: {} slices", slices.len());
        }
        assert!(body_slices(&[], 8).is_empty());
    }
}
