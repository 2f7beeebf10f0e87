//! The entity graph (FORMAT.md 8.6): which entities the site-wide graph shows, the
//! graph itself as nodes and edges (from `related` relations and co-mentions), and
//! its drawing as inline SVG, laid out at build time the same way on every machine.
//! The views build a [`Graph`] through their scope; this module only positions and
//! draws it.

mod layout;
mod svg;

use std::cmp::Reverse;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::site::Site;

/// The most entities the site-wide graph shows; the most connected are kept.
pub(crate) const SITE_NODES: usize = 50;

/// The most co-mentions of each entity the site-wide graph draws, the most frequent
/// first (the list of the site-wide graph has the same ones).
pub(crate) const SITE_TOGETHER: usize = 3;

/// The most neighbours an entity's own graph shows around it.
pub(crate) const NEIGHBOURS: usize = 24;

/// The entities the site-wide graph shows, chosen from those with a neighbour.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct GraphNodes {
    /// The entities shown, in entity order.
    pub(crate) shown: Vec<usize>,
    /// How many entities have at least one neighbour (and so could be shown).
    pub(crate) connected: usize,
}

impl GraphNodes {
    /// The [`SITE_NODES`] entities with the most articles and relations, ties by id,
    /// among those related to or mentioned with another: O(entities · log entities).
    pub(crate) fn new(
        site: &Site,
        articles_of: &FxHashMap<String, Vec<usize>>,
        related_in: &FxHashMap<String, Vec<(usize, String)>>,
        co_mentioned: &[Vec<(usize, u32)>],
    ) -> GraphNodes {
        let mut ranked: Vec<(Reverse<usize>, &str, usize)> = site
            .entities
            .iter()
            .enumerate()
            .filter_map(|(e, ent)| {
                let relations = ent.meta.related.len() + related_in.get(&ent.id).map_or(0, Vec::len);
                let score = relations + articles_of.get(&ent.id).map_or(0, Vec::len);
                (relations > 0 || !co_mentioned[e].is_empty()).then_some((Reverse(score), ent.id.as_str(), e))
            })
            .collect();
        let connected = ranked.len();
        ranked.sort_unstable();
        let mut shown: Vec<usize> = ranked.into_iter().take(SITE_NODES).map(|(_, _, e)| e).collect();
        shown.sort_unstable();
        GraphNodes { shown, connected }
    }
}

/// One entity in a graph.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Its name, in full.
    pub(crate) name: String,
    /// Its page, relative to the page the graph is on.
    pub(crate) href: String,
    /// `person`, `place`, …
    pub(crate) kind: &'static str,
}

/// What joins two entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tie {
    /// `from` names `to` as related, with this relation.
    Related(String),
    /// This many articles mention both.
    Together(u32),
}

/// A line between two nodes of a graph, by their positions in [`Graph::nodes`].
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    /// The subject of a relation, or either entity of a co-mention.
    pub(crate) from: usize,
    /// The object of a relation, or the other entity of a co-mention.
    pub(crate) to: usize,
    /// Relation or co-mention.
    pub(crate) tie: Tie,
}

/// Entities and what joins them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    /// The entities; for an entity's own graph, that entity first.
    pub(crate) nodes: Vec<Node>,
    /// The lines.
    pub(crate) edges: Vec<Edge>,
}

impl Graph {
    /// The site-wide graph as SVG, laid out by forces.
    pub(crate) fn site_svg(&self) -> String {
        let frame = svg::SITE;
        let heaviest = self.heaviest();
        let pull = |tie: &Tie| match tie {
            Tie::Related(_) => 1.0,
            Tie::Together(n) => 0.2 + 0.8 * f64::from(*n) / f64::from(heaviest),
        };
        let pairs: Vec<(usize, usize, f64)> = self.edges.iter().map(|e| (e.from, e.to, pull(&e.tie))).collect();
        let at = layout::force(self.nodes.len(), &pairs, &frame.inner());
        svg::draw(self, &at, &frame)
    }

    /// The most articles any co-mention of the graph counts (at least 1).
    pub(crate) fn heaviest(&self) -> u32 {
        let counts = self.edges.iter().filter_map(|e| if let Tie::Together(n) = e.tie { Some(n) } else { None });
        counts.max().unwrap_or(1).max(1)
    }

    /// An entity's own graph as SVG: the entity (node 0) in the middle, the others in
    /// a ring around it in the order given.
    pub(crate) fn neighbourhood_svg(&self) -> String {
        let frame = svg::NEIGHBOURHOOD;
        let at = layout::radial(self.nodes.len().saturating_sub(1), &frame.inner());
        svg::draw(self, &at, &frame)
    }
}
