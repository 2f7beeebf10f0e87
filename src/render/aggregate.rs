//! Site-wide lists that several pages need, computed once before rendering: quotes in
//! index order, the timeline, reverse relations and citations, who is mentioned where,
//! and the tags.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::graph::GraphNodes;
use super::reads::{List, Read};
use crate::date::Date;
use crate::site::{Mention, Site, Target};
use crate::tags::Tags;

/// Lists derived from the site model.
#[derive(Serialize, Deserialize)]
pub(crate) struct Aggregates {
    /// Every quote as (article, quote), ordered by speaker name, then date, then id.
    pub(crate) quotes: Vec<(usize, usize)>,
    /// Each speaker's quotes, in the order of `quotes`.
    pub(crate) quotes_by: FxHashMap<String, Vec<(usize, usize)>>,
    /// Every event as (article, event), by date then article order.
    pub(crate) events: Vec<(usize, usize)>,
    /// For each provision id, the provisions that cite it.
    pub(crate) cited_by: FxHashMap<String, Vec<String>>,
    /// For each entity id, the (entity index, relation) of entities that name it as related.
    pub(crate) related_in: FxHashMap<String, Vec<(usize, String)>>,
    /// For each id, the articles that mention it, in article order.
    pub(crate) articles_of: FxHashMap<String, Vec<usize>>,
    /// For each article, the entity indices it mentions.
    pub(crate) entities_in: Vec<BTreeSet<usize>>,
    /// For each entity, the entities most often mentioned in the same articles, most
    /// first, each with the number of articles that mention both.
    pub(crate) co_mentioned: Vec<Vec<(usize, u32)>>,
    /// For each speaker, the position of their first quote in `quotes`.
    pub(crate) first_quote_of: FxHashMap<String, usize>,
    /// The entities that the most articles mention, most first (ties by id), up to
    /// [`MOST_MENTIONED`].
    pub(crate) most_mentioned: Vec<usize>,
    /// Every correction as (date, article, correction), newest first; on one date,
    /// newer articles first, then the later-written correction.
    pub(crate) corrections: Vec<(Date, usize, usize)>,
    /// For each entity id, the articles that name it among their authors, in article order.
    pub(crate) written_by: FxHashMap<String, Vec<usize>>,
    /// The entities the site-wide graph shows, and how many could have been shown.
    pub(crate) graph: GraphNodes,
    /// Every tag with its articles. An edit that changes an article's tags runs the
    /// whole pipeline, so this is never patched.
    pub(crate) tags: Tags,
}

/// Every correction of the site, in the order of [`Aggregates::corrections`].
fn corrections(site: &Site) -> Vec<(Date, usize, usize)> {
    let mut all: Vec<(Date, usize, usize)> = site
        .articles
        .iter()
        .enumerate()
        .flat_map(|(a, art)| art.meta.corrections.iter().enumerate().map(move |(c, x)| (x.date, a, c)))
        .collect();
    all.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(y.2.cmp(&x.2)));
    all
}

/// How many entities the list of the most mentioned keeps.
pub(crate) const MOST_MENTIONED: usize = 8;

/// The entities the most articles mention, most first, ties by index; never one no
/// article mentions.
fn most_mentioned(site: &Site, articles_of: &FxHashMap<String, Vec<usize>>) -> Vec<usize> {
    let count = |e: usize| articles_of.get(&site.entities[e].id).map_or(0, Vec::len);
    let mut ranked: Vec<(usize, usize)> =
        (0..site.entities.len()).map(|e| (count(e), e)).filter(|&(n, _)| n > 0).collect();
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.into_iter().take(MOST_MENTIONED).map(|(_, e)| e).collect()
}

/// How many co-mentioned entities are kept per entity.
pub(crate) const CO_MENTIONED: usize = 12;

/// The entities sharing the most articles with entity `e` (most first, ties by index),
/// counted over the articles that mention `e`, each with that count.
fn co_mentioned_with(
    e: usize,
    articles: &[usize],
    entities_in: &[BTreeSet<usize>],
    counts: &mut [u32],
) -> Vec<(usize, u32)> {
    let mut seen = Vec::new();
    for &a in articles {
        for &o in entities_in[a].iter().filter(|&&o| o != e) {
            if counts[o] == 0 {
                seen.push(o);
            }
            counts[o] += 1;
        }
    }
    let mut ranked: Vec<(u32, usize)> = seen.iter().map(|&o| (counts[o], o)).collect();
    for &o in &seen {
        counts[o] = 0;
    }
    ranked.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.into_iter().take(CO_MENTIONED).map(|(n, o)| (o, n)).collect()
}

/// Every quote in index order, each speaker's quotes, and where each speaker's first is.
type QuoteLists = (Vec<(usize, usize)>, FxHashMap<String, Vec<(usize, usize)>>, FxHashMap<String, usize>);

fn quote_lists(site: &Site) -> QuoteLists {
    let mut quotes: Vec<(usize, usize)> =
        site.articles.iter().enumerate().flat_map(|(a, art)| (0..art.meta.quotes.len()).map(move |q| (a, q))).collect();
    let quote_key = |&(a, q): &(usize, usize)| {
        let quote = &site.articles[a].meta.quotes[q];
        (site.label(&quote.by), quote.date.unwrap_or(Date { year: 0, month: None, day: None }), quote.id.clone())
    };
    quotes.par_sort_by_cached_key(quote_key);
    let mut quotes_by: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    let mut first_quote_of: FxHashMap<String, usize> = FxHashMap::default();
    for (i, &(a, q)) in quotes.iter().enumerate() {
        let by = &site.articles[a].meta.quotes[q].by;
        quotes_by.entry(by.clone()).or_default().push((a, q));
        first_quote_of.entry(by.clone()).or_insert(i);
    }
    (quotes, quotes_by, first_quote_of)
}

/// For each id, the articles that mention it; for each article, the entities it mentions.
fn mention_lists(site: &Site) -> (FxHashMap<String, Vec<usize>>, Vec<BTreeSet<usize>>) {
    let articles_of = site
        .mentions_of
        .par_iter()
        .map(|(id, mentions)| {
            let mut articles: Vec<usize> = mentions.iter().map(|&m| site.mentions[m].article).collect();
            articles.dedup();
            (id.clone(), articles)
        })
        .collect();
    let entities_in = (0..site.articles.len()).into_par_iter().map(|a| entities_of(site, a)).collect();
    (articles_of, entities_in)
}

/// The entities article `a` mentions.
fn entities_of(site: &Site, a: usize) -> BTreeSet<usize> {
    let targets = site.mentions_of_article(a).iter().filter_map(|m| site.ids.get(&m.target));
    targets.filter_map(|t| if let Target::Entity(e) = t { Some(*e) } else { None }).collect()
}

/// The entity ids among the authors of article `a`.
fn entity_authors(site: &Site, a: usize) -> BTreeSet<&str> {
    let authors = site.articles[a].meta.authors.iter().map(String::as_str);
    authors.filter(|id| matches!(site.ids.get(*id), Some(Target::Entity(_)))).collect()
}

/// For each entity id, the articles it wrote, in article order.
fn written_by(site: &Site) -> FxHashMap<String, Vec<usize>> {
    let mut map: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for a in 0..site.articles.len() {
        for id in entity_authors(site, a) {
            map.entry(id.to_string()).or_default().push(a);
        }
    }
    map
}

/// Every event as (article, event), by date then article order.
fn events(site: &Site) -> Vec<(usize, usize)> {
    let mut events: Vec<(usize, usize)> =
        site.articles.iter().enumerate().flat_map(|(a, art)| (0..art.meta.events.len()).map(move |e| (a, e))).collect();
    events.sort_by_key(|&(a, e)| (site.articles[a].meta.events[e].date, a, e));
    events
}

impl Aggregates {
    /// Computes every list.
    pub(crate) fn new(site: &Site) -> Aggregates {
        let ((quotes, quotes_by, first_quote_of), (articles_of, entities_in)) =
            rayon::join(|| quote_lists(site), || mention_lists(site));
        let events = events(site);
        let mut cited_by: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for doc in &site.documents {
            for p in &doc.meta.provisions {
                for c in &p.cites {
                    cited_by.entry(c.clone()).or_default().push(format!("{}/{}", doc.id, p.id));
                }
            }
        }
        let mut related_in: FxHashMap<String, Vec<(usize, String)>> = FxHashMap::default();
        for (i, e) in site.entities.iter().enumerate() {
            for r in &e.meta.related {
                related_in.entry(r.id.clone()).or_default().push((i, r.relation.clone().unwrap_or_default()));
            }
        }
        let co_mentioned: Vec<Vec<(usize, u32)>> = (0..site.entities.len())
            .into_par_iter()
            .map_init(
                || vec![0; site.entities.len()],
                |counts, e| {
                    let articles = articles_of.get(&site.entities[e].id).map_or(&[][..], Vec::as_slice);
                    co_mentioned_with(e, articles, &entities_in, counts)
                },
            )
            .collect();
        let most_mentioned = most_mentioned(site, &articles_of);
        let graph = GraphNodes::new(site, &articles_of, &related_in, &co_mentioned);
        Aggregates {
            quotes,
            quotes_by,
            events,
            cited_by,
            related_in,
            articles_of,
            entities_in,
            co_mentioned,
            first_quote_of,
            most_mentioned,
            corrections: corrections(site),
            written_by: written_by(site),
            graph,
            tags: Tags::new(site),
        }
    }

    /// Brings `written_by` up to date after article `i` was replaced, and returns the
    /// authors' lists that changed.
    fn authors_changed(&mut self, site: &Site, i: usize) -> Vec<Read> {
        let now = entity_authors(site, i);
        let was: Vec<String> =
            self.written_by.iter().filter(|(_, l)| l.binary_search(&i).is_ok()).map(|(id, _)| id.clone()).collect();
        let gone = was.iter().map(String::as_str).filter(|id| !now.contains(id));
        let added = now.iter().copied().filter(|id| !was.iter().any(|w| w == id));
        let changed: Vec<&str> = gone.chain(added).collect();
        for &id in &changed {
            let list = self.written_by.entry(id.to_string()).or_default();
            match list.binary_search(&i) {
                Ok(at) => drop(list.remove(at)),
                Err(at) => list.insert(at, i),
            }
            if list.is_empty() {
                self.written_by.remove(id);
            }
        }
        changed.iter().filter_map(|id| site.ids.get(*id)).map(|&t| Read::List(List::WrittenBy(t))).collect()
    }

    /// Brings the lists up to date after article `i` was replaced (see
    /// [`Site::replace_article`]), given the mentions it had before, and returns the
    /// lists that changed. Quotes are not touched: an edit that changes how they sort
    /// resolves the whole site.
    pub(crate) fn article_changed(&mut self, site: &Site, i: usize, old_mentions: &[Mention]) -> Vec<Read> {
        let new_mentions = site.mentions_of_article(i);
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for m in old_mentions {
            counts.entry(&m.target).or_default().0 += 1;
        }
        for m in new_mentions {
            counts.entry(&m.target).or_default().1 += 1;
        }
        let mut changed = Vec::new();
        for (&id, &(before, after)) in counts.iter().filter(|(_, (b, a))| b != a) {
            let Some(&target) = site.ids.get(id) else { continue };
            changed.push(Read::List(List::MentionCount(target)));
            if before > 0 && after > 0 {
                continue;
            }
            changed.push(Read::List(List::ArticlesOf(target)));
            let list = self.articles_of.entry(id.to_string()).or_default();
            let at = list.partition_point(|&a| a < i);
            if after > 0 {
                list.insert(at, i);
            } else {
                list.remove(at);
            }
            if list.is_empty() {
                self.articles_of.remove(id);
            }
        }
        let old_entities = std::mem::replace(&mut self.entities_in[i], entities_of(site, i));
        if old_entities != self.entities_in[i] {
            let mut scratch = vec![0; site.entities.len()];
            for &e in old_entities.union(&self.entities_in[i]) {
                let articles = self.articles_of.get(&site.entities[e].id).map_or(&[][..], Vec::as_slice);
                let fresh = co_mentioned_with(e, articles, &self.entities_in, &mut scratch);
                if fresh != self.co_mentioned[e] {
                    self.co_mentioned[e] = fresh;
                    changed.push(Read::List(List::CoMentioned(e)));
                }
            }
        }
        changed.extend(self.authors_changed(site, i));
        let events = events(site);
        if events != self.events {
            self.events = events;
            changed.push(Read::List(List::Events));
        }
        let all = corrections(site);
        if all != self.corrections {
            self.corrections = all;
            changed.push(Read::List(List::Corrections));
        }
        let most = most_mentioned(site, &self.articles_of);
        if most != self.most_mentioned {
            self.most_mentioned = most;
            changed.push(Read::List(List::MostMentioned));
        }
        let graph = GraphNodes::new(site, &self.articles_of, &self.related_in, &self.co_mentioned);
        if graph != self.graph {
            self.graph = graph;
            changed.push(Read::List(List::GraphNodes));
        }
        changed
    }

    /// The quotes of speaker `id`.
    pub(crate) fn quotes_of(&self, id: &str) -> &[(usize, usize)] {
        self.quotes_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// Number of articles mentioning `id`.
    pub(crate) fn article_count(&self, id: &str) -> usize {
        self.articles_of.get(id).map_or(0, Vec::len)
    }
}
