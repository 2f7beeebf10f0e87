//! Site-wide lists that several pages need, computed once before rendering: quotes in
//! index order, the timeline, reverse relations and citations, who is mentioned where.

use std::collections::{BTreeSet, HashMap};

use crate::date::Date;
use crate::site::{Site, Target};

/// Lists derived from the site model.
pub struct Aggregates {
    /// Every quote as (article, quote), ordered by speaker name, then date, then id.
    pub quotes: Vec<(usize, usize)>,
    /// Each speaker's quotes, in the order of `quotes`.
    pub quotes_by: HashMap<String, Vec<(usize, usize)>>,
    /// Every event as (article, event), by date then article order.
    pub events: Vec<(usize, usize)>,
    /// For each provision id, the provisions that cite it.
    pub cited_by: HashMap<String, Vec<String>>,
    /// For each entity id, the (entity index, relation) of entities that name it as related.
    pub related_in: HashMap<String, Vec<(usize, String)>>,
    /// For each id, the articles that mention it, in article order.
    pub articles_of: HashMap<String, Vec<usize>>,
    /// For each article, the entity indices it mentions.
    pub entities_in: Vec<BTreeSet<usize>>,
    /// For each entity, the entities most often mentioned in the same articles, most first.
    pub co_mentioned: Vec<Vec<usize>>,
    /// For each speaker, the position of their first quote in `quotes`.
    pub first_quote_of: HashMap<String, usize>,
}

/// How many co-mentioned entities are kept per entity.
pub const CO_MENTIONED: usize = 12;

/// For each entity, the others sharing the most articles with it (ties by index).
fn co_mentions(entities: usize, entities_in: &[BTreeSet<usize>]) -> Vec<Vec<usize>> {
    let mut counts: Vec<HashMap<usize, usize>> = vec![HashMap::new(); entities];
    for set in entities_in {
        for &a in set {
            for &b in set {
                if a != b {
                    *counts[a].entry(b).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .map(|c| {
            let mut ranked: Vec<(usize, usize)> = c.into_iter().collect();
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            ranked.into_iter().take(CO_MENTIONED).map(|(o, _)| o).collect()
        })
        .collect()
}

impl Aggregates {
    /// Computes every list.
    pub fn new(site: &Site) -> Aggregates {
        let mut quotes: Vec<(usize, usize)> = site
            .articles
            .iter()
            .enumerate()
            .flat_map(|(a, art)| (0..art.meta.quotes.len()).map(move |q| (a, q)))
            .collect();
        let quote_key = |&(a, q): &(usize, usize)| {
            let quote = &site.articles[a].meta.quotes[q];
            (site.label(&quote.by), quote.date.unwrap_or(Date { year: 0, month: None, day: None }), quote.id.clone())
        };
        quotes.sort_by_cached_key(quote_key);
        let mut quotes_by: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut first_quote_of: HashMap<String, usize> = HashMap::new();
        for (i, &(a, q)) in quotes.iter().enumerate() {
            let by = &site.articles[a].meta.quotes[q].by;
            quotes_by.entry(by.clone()).or_default().push((a, q));
            first_quote_of.entry(by.clone()).or_insert(i);
        }
        let mut events: Vec<(usize, usize)> = site
            .articles
            .iter()
            .enumerate()
            .flat_map(|(a, art)| (0..art.meta.events.len()).map(move |e| (a, e)))
            .collect();
        events.sort_by_key(|&(a, e)| (site.articles[a].meta.events[e].date, a, e));
        let mut cited_by: HashMap<String, Vec<String>> = HashMap::new();
        for doc in &site.documents {
            for p in &doc.meta.provisions {
                for c in &p.cites {
                    cited_by.entry(c.clone()).or_default().push(format!("{}/{}", doc.id, p.id));
                }
            }
        }
        let mut related_in: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for (i, e) in site.entities.iter().enumerate() {
            for r in &e.meta.related {
                related_in.entry(r.id.clone()).or_default().push((i, r.relation.clone().unwrap_or_default()));
            }
        }
        let mut articles_of: HashMap<String, Vec<usize>> = HashMap::new();
        let mut entities_in = vec![BTreeSet::new(); site.articles.len()];
        for m in &site.mentions {
            let list = articles_of.entry(m.target.clone()).or_default();
            if list.last() != Some(&m.article) {
                list.push(m.article);
            }
            if let Some(Target::Entity(e)) = site.ids.get(&m.target) {
                entities_in[m.article].insert(*e);
            }
        }
        let co_mentioned = co_mentions(site.entities.len(), &entities_in);
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
        }
    }

    /// The quotes of speaker `id`.
    pub fn quotes_of(&self, id: &str) -> &[(usize, usize)] {
        self.quotes_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// Number of articles mentioning `id`.
    pub fn article_count(&self, id: &str) -> usize {
        self.articles_of.get(id).map_or(0, Vec::len)
    }
}
