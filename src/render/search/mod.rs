//! The search index: every article, entity, document, quote and provision as a
//! display record (`{t,u,k,x}`: title, URL relative to the site root, kind, text),
//! with the terms of its title and text, written as the sharded files of
//! [`shards`] under `search/` so that a query fetches only the shards of its words
//! and the chunks of the items it shows. Each item keeps its record and terms, so
//! that `serve` re-reads only an edited article's items.

mod postings;
mod shards;
mod terms;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use self::postings::{ItemTerms, Postings};
use super::html::plain_text;
use super::output::OutputFile;
use super::paths;
use crate::site::{Article, Site};

pub(crate) use self::shards::{is_reserved, DIR};

/// One searchable item, as the browser reads it.
#[derive(Serialize)]
struct Record {
    /// Title.
    t: String,
    /// URL relative to the site root.
    u: String,
    /// Kind: article, person, organization, …, document, quote, provision.
    k: &'static str,
    /// Text searched besides the title.
    x: String,
}

/// Longest text kept per search item.
const TEXT_CHARS: usize = 300;

/// An item: its record as JSON (`<`, `>` and `&` escaped, so the files are inert even
/// if served as HTML) and its terms.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Item {
    json: String,
    terms: ItemTerms,
}

impl Item {
    fn new(r: &Record) -> Item {
        let (mut title, mut text) = (Vec::new(), Vec::new());
        terms::terms(&r.t, &mut title);
        terms::terms(&r.x, &mut text);
        title.sort_unstable();
        title.dedup();
        text.sort_unstable();
        text.dedup();
        text.retain(|t| title.binary_search(t).is_err());
        Item { json: crate::text::json_for_script(r), terms: ItemTerms::new(&title, &text) }
    }
}

/// The site's search index, item by item: articles, entities, documents, quotes, provisions.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct SearchIndex {
    items: Vec<Item>,
    /// Where each article's quotes begin in `items`.
    quotes_at: Vec<usize>,
    postings: Postings,
}

impl SearchIndex {
    /// The index of the whole site.
    pub(crate) fn new(site: &Site) -> SearchIndex {
        let mut items: Vec<Item> = site.articles.par_iter().map(article_item).collect();
        items.par_extend(site.entities.par_iter().map(|e| {
            let text = format!("{} {}", e.meta.aliases.join(" "), e.meta.description.clone().unwrap_or_default());
            Item::new(&Record { t: e.meta.name.clone(), u: paths::entity(&e.id), k: e.meta.kind.key(), x: clip(text) })
        }));
        items.par_extend(site.documents.par_iter().map(|d| {
            let text = format!("{} {}", d.short_title(), d.meta.aliases.join(" "));
            Item::new(&Record { t: d.meta.title.clone(), u: paths::document(&d.id), k: "document", x: clip(text) })
        }));
        let mut quotes_at = Vec::with_capacity(site.articles.len());
        let mut next = items.len();
        for a in &site.articles {
            quotes_at.push(next);
            next += a.meta.quotes.len();
        }
        let quotes =
            site.articles.par_iter().flat_map_iter(|a| (0..a.meta.quotes.len()).map(move |q| quote_item(site, a, q)));
        items.par_extend(quotes);
        let provisions = site.documents.par_iter().flat_map_iter(|d| {
            d.meta.provisions.iter().map(move |p| {
                Item::new(&Record {
                    t: format!("{}, {}", p.title, d.short_title()),
                    u: paths::provision(&d.id, &p.id),
                    k: "provision",
                    x: clip(p.text.clone()),
                })
            })
        });
        items.par_extend(provisions);
        let postings = Postings::new(items.iter().map(|i| &i.terms));
        SearchIndex { items, quotes_at, postings }
    }

    /// Reads article `i` and its quotes again, after an edit that kept its quotes' ids.
    pub(crate) fn article_changed(&mut self, site: &Site, i: usize) {
        let a = &site.articles[i];
        let mut changed = vec![(i, article_item(a))];
        changed.extend((0..a.meta.quotes.len()).map(|q| (self.quotes_at[i] + q, quote_item(site, a, q))));
        for (at, item) in changed {
            self.postings.replace(at as u32, &self.items[at].terms, &item.terms);
            self.items[at] = item;
        }
    }

    /// The index's files (under [`DIR`]), sorted by path.
    pub(crate) fn files(&self) -> Vec<OutputFile> {
        let records: Vec<&str> = self.items.iter().map(|i| i.json.as_str()).collect();
        shards::files(&records, &self.postings)
    }
}

fn clip(s: String) -> String {
    s.chars().take(TEXT_CHARS).collect()
}

fn article_item(a: &Article) -> Item {
    let summary = a.summary.as_ref().map(|s| plain_text(s)).unwrap_or_default();
    Item::new(&Record { t: a.meta.title.clone(), u: paths::article(&a.slug), k: "article", x: clip(summary) })
}

fn quote_item(site: &Site, a: &Article, q: usize) -> Item {
    let quote = &a.meta.quotes[q];
    let by = site.label(&quote.by);
    let x = match &quote.original {
        Some(original) => format!("{by} · {original}"),
        None => by,
    };
    Item::new(&Record { t: quote.text.clone(), u: paths::quote(&quote.id), k: "quote", x: clip(x) })
}
