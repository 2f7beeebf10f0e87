//! Which output an edit of one article can change: every page that shows anything of
//! the article (its own page, the list pages it sits on, the pages of what it mentions,
//! its quotes' pages and the pages that show them), and the machine-readable files.
//! `serve` renders these again and keeps every other page; a page named here whose
//! context turns out unchanged is not rendered again either.

use std::collections::BTreeSet;

use super::aggregate::{Aggregates, ListChanges};
use super::feeds::FEED_ENTRIES;
use super::html::plain_text;
use super::paths::page_count;
use super::plan::PageKind;
use super::views::{MORE_QUOTES, QUOTES_SHOWN};
use crate::site::{Article, Mention, Site, Target};

/// What to render again.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    /// The pages, possibly with repeats.
    pub(crate) pages: Vec<PageKind>,
    /// Whether `feed.xml` can have changed.
    pub(crate) feed: bool,
    /// Whether `search-index.json` can have changed.
    pub(crate) search: bool,
}

/// The output that can differ after article `i` was replaced: `old` and `old_mentions`
/// are what it was, `changes` what [`Aggregates::article_changed`] found. Assumes what
/// [`crate::resolve::edit`] checks: the article kept its date and the ids it defines.
pub(crate) fn article_edit<'a>(
    site: &'a Site,
    agg: &Aggregates,
    i: usize,
    old: &Article,
    old_mentions: &'a [Mention],
    changes: &ListChanges,
) -> Touched {
    let new = &site.articles[i];
    let per = site.config.paginate;
    let mut pages = vec![PageKind::Article(i), PageKind::Home(i / per.max(1) + 1)];
    // Articles linking to its quotes, sources and figures show their words as link text.
    let defined = new.meta.quotes.iter().map(|q| &q.id).chain(new.meta.sources.iter().map(|s| &s.id));
    for id in defined.chain(new.meta.figures.iter().map(|f| &f.id)) {
        pages.extend(agg.articles_of.get(id).into_iter().flatten().map(|&a| PageKind::Article(a)));
    }
    let counted: BTreeSet<&str> = changes.mention_counts.iter().map(String::as_str).collect();
    let new_mentions = site.mentions_of_article(i);
    let targets: BTreeSet<&str> = old_mentions.iter().chain(new_mentions).map(|m| m.target.as_str()).collect();
    // A page listing the article's mentions of an id shows their words and the title.
    let listed_the_same = |id: &str| {
        let of = |list: &'a [Mention]| list.iter().filter(move |m| m.target == id);
        old.meta.title == new.meta.title && of(old_mentions).eq(of(new_mentions))
    };
    for id in targets {
        match site.ids.get(id) {
            Some(Target::Entity(e)) if counted.contains(id) => {
                pages.push(PageKind::EntityIndex);
                pages.extend(entity_pages(site, agg, *e));
            }
            _ if listed_the_same(id) => {}
            Some(Target::Entity(e)) => {
                let at = agg.articles_of.get(id).map_or(0, |list| list.partition_point(|&a| a < i));
                pages.push(PageKind::Entity(*e, at / per.max(1) + 1));
            }
            Some(Target::Document(d) | Target::Provision(d, _)) => {
                pages.push(PageKind::Document(*d));
                pages.extend((0..site.documents[*d].meta.provisions.len()).map(|p| PageKind::Provision(*d, p)));
            }
            _ => {}
        }
    }
    // Only an entity's first page shows its quotes and co-mentioned entities.
    pages.extend(changes.co_mentioned.iter().map(|&e| PageKind::Entity(e, 1)));
    quote_pages(site, agg, i, &mut pages);
    if !old.meta.events.is_empty() || !new.meta.events.is_empty() {
        pages.push(PageKind::Timeline);
    }
    let summary = |a: &Article| a.summary.as_ref().map(|s| plain_text(s));
    let quote_texts = |a: &Article| a.meta.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
    Touched {
        pages,
        feed: i < FEED_ENTRIES || old.meta.updated != new.meta.updated,
        search: old.meta.title != new.meta.title
            || summary(old) != summary(new)
            || quote_texts(old) != quote_texts(new),
    }
}

/// Every page of entity `e`.
fn entity_pages(site: &Site, agg: &Aggregates, e: usize) -> impl Iterator<Item = PageKind> {
    let count = page_count(agg.article_count(&site.entities[e].id), site.config.paginate);
    (1..=count).map(move |n| PageKind::Entity(e, n))
}

/// The pages that show a quote of article `i`: its own page, its quote index page, its
/// speaker's first page and other quote pages when it is among those they show, and the
/// pages of quotes that cite one of the article's sources.
fn quote_pages(site: &Site, agg: &Aggregates, i: usize, pages: &mut Vec<PageKind>) {
    let art = &site.articles[i];
    let per = site.config.paginate.max(1);
    for (q, quote) in art.meta.quotes.iter().enumerate() {
        pages.push(PageKind::Quote(i, q));
        if let Some(at) = agg.quotes.iter().position(|&x| x == (i, q)) {
            pages.push(PageKind::QuoteIndex(at / per + 1));
        }
        let by = agg.quotes_of(&quote.by);
        let rank = by.iter().position(|&x| x == (i, q)).unwrap_or(usize::MAX);
        if rank <= MORE_QUOTES {
            pages.extend(by.iter().map(|&(a, q)| PageKind::Quote(a, q)));
        }
        if let (true, Some(Target::Entity(e))) = (rank < QUOTES_SHOWN, site.ids.get(&quote.by)) {
            pages.push(PageKind::Entity(*e, 1));
        }
    }
    let sources: BTreeSet<&str> = art.meta.sources.iter().map(|s| s.id.as_str()).collect();
    for &(a, q) in &agg.quotes {
        if site.articles[a].meta.quotes[q].source.as_deref().is_some_and(|s| sources.contains(s)) {
            pages.push(PageKind::Quote(a, q));
        }
    }
}
