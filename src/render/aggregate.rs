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
        for &(a, q) in &quotes {
            quotes_by.entry(site.articles[a].meta.quotes[q].by.clone()).or_default().push((a, q));
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
        Aggregates { quotes, quotes_by, events, cited_by, related_in, articles_of, entities_in }
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
