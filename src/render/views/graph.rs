//! Views of the entity graph (FORMAT.md 8.6): the site-wide graph page, and the graph
//! of one entity's neighbours on its page. Both read the site through the scope and
//! hand the nodes and edges to [`crate::render::graph`] to lay out and draw; the lists
//! for text readers are made from the same edges, so they say what the drawing shows.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::{Link, RelationView};
use super::scope::Scope;
use crate::render::graph::{Edge, Graph, Node, Tie, NEIGHBOURS, SITE_TOGETHER};
use crate::render::paths;
use crate::site::Target;

/// The URL path of the site-wide graph.
pub(crate) const PATH: &str = "entities/graph/";

/// One connection of an entity, in words: a relation, or how often two are mentioned
/// together.
#[derive(Serialize)]
struct TieView {
    relation: Option<RelationView>,
    together: Option<Link>,
    count: u32,
}

/// An entity of the graph with every line that meets it.
#[derive(Serialize)]
struct ListNode {
    link: Link,
    ties: Vec<TieView>,
}

/// The graph page's view.
#[derive(Serialize)]
pub(super) struct GraphPage {
    svg: String,
    shown: usize,
    connected: usize,
    total: usize,
    nodes: Vec<ListNode>,
}

/// The site-wide graph: the chosen entities, the relations among them and their
/// co-mentions with each other, drawn and listed.
pub(super) fn page<'c>(cx: &'c Scope<'_>) -> PageContext<'c, GraphPage> {
    let chosen = cx.graph_nodes();
    let at: FxHashMap<usize, usize> = chosen.shown.iter().enumerate().map(|(i, &e)| (e, i)).collect();
    let mut edges = Vec::new();
    let mut together: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for (i, &e) in chosen.shown.iter().enumerate() {
        for r in &cx.entity(e).meta.related {
            if let Some(&j) = entity_of(cx, &r.id).and_then(|o| at.get(&o)) {
                edges.push(Edge { from: i, to: j, tie: Tie::Related(relation_words(r.relation.as_deref())) });
            }
        }
        let shown_with = cx.co_mentioned(e).iter().filter(|(o, _)| at.contains_key(o));
        for &(o, n) in shown_with.take(SITE_TOGETHER) {
            if let Some(&j) = at.get(&o) {
                together.insert((i.min(j), i.max(j)), n);
            }
        }
    }
    edges.extend(together.into_iter().map(|((from, to), n)| Edge { from, to, tie: Tie::Together(n) }));
    let graph = Graph { nodes: chosen.shown.iter().map(|&e| node(cx, e)).collect(), edges };
    let mut nodes: Vec<(String, ListNode)> = chosen
        .shown
        .iter()
        .enumerate()
        .map(|(i, &e)| (cx.entity(e).meta.name.to_lowercase(), list_node(cx, &chosen.shown, &graph, i)))
        .collect();
    nodes.sort_by(|a, b| a.0.cmp(&b.0));
    let view = GraphPage {
        svg: graph.site_svg(),
        shown: graph.nodes.len(),
        connected: chosen.connected,
        total: cx.entity_count(),
        nodes: nodes.into_iter().map(|(_, n)| n).collect(),
    };
    let title = "How they connect";
    let jsonld = jsonld::collection(cx, "CollectionPage", title, PATH);
    cx.context(PageInfo { image: None, title: title.into(), description: "", og_type: "website", jsonld }, view)
}

/// The words of a relation, or the default ones.
fn relation_words(relation: Option<&str>) -> String {
    relation.filter(|r| !r.is_empty()).unwrap_or("is related to").to_string()
}

/// The entity `id` names, if it names one.
fn entity_of(cx: &Scope<'_>, id: &str) -> Option<usize> {
    match cx.target(id) {
        Some(Target::Entity(e)) => Some(e),
        _ => None,
    }
}

/// Entity `e` as a node of a graph.
fn node(cx: &Scope<'_>, e: usize) -> Node {
    let ent = cx.entity(e);
    Node { name: ent.meta.name.clone(), href: cx.href(&paths::entity(&ent.id)), kind: ent.meta.kind.key() }
}

/// Node `i` of `graph` (entity `entities[i]`) with the lines that meet it, in words.
fn list_node(cx: &Scope<'_>, entities: &[usize], graph: &Graph, i: usize) -> ListNode {
    let link = |n: usize| cx.link(&cx.entity(entities[n]).id);
    let ties = graph
        .edges
        .iter()
        .filter(|e| e.from == i || e.to == i)
        .map(|e| match &e.tie {
            Tie::Related(words) => TieView {
                relation: Some(RelationView { subject: link(e.from), relation: words.clone(), object: link(e.to) }),
                together: None,
                count: 0,
            },
            Tie::Together(n) => {
                TieView { relation: None, together: Some(link(if e.from == i { e.to } else { e.from })), count: *n }
            }
        })
        .collect();
    ListNode { link: link(i), ties }
}

/// The graph of entity `e` and its neighbours: the entities it names as related, those
/// that name it, then those most often mentioned with it, up to [`NEIGHBOURS`] of
/// them, as SVG, and whether some of its neighbours were left out; `None` when it has
/// no neighbour.
pub(super) fn neighbourhood(cx: &Scope<'_>, e: usize) -> Option<(String, bool)> {
    let ent = cx.entity(e);
    let mut ties: Vec<(usize, bool, Tie)> = Vec::new();
    for r in &ent.meta.related {
        ties.extend(entity_of(cx, &r.id).map(|o| (o, true, Tie::Related(relation_words(r.relation.as_deref())))));
    }
    for (o, relation) in cx.related_in(&ent.id) {
        ties.push((*o, false, Tie::Related(relation_words(Some(relation)))));
    }
    ties.extend(cx.co_mentioned(e).iter().map(|&(o, n)| (o, true, Tie::Together(n))));
    let mut at: FxHashMap<usize, usize> = FxHashMap::default();
    let mut graph = Graph { nodes: vec![node(cx, e)], edges: Vec::new() };
    let mut cut = false;
    for (o, outgoing, tie) in ties.into_iter().filter(|t| t.0 != e) {
        let next = graph.nodes.len();
        if !at.contains_key(&o) && next > NEIGHBOURS {
            cut = true;
            continue;
        }
        let j = *at.entry(o).or_insert_with(|| {
            graph.nodes.push(node(cx, o));
            next
        });
        let (from, to) = if outgoing { (0, j) } else { (j, 0) };
        graph.edges.push(Edge { from, to, tie });
    }
    (graph.nodes.len() > 1).then(|| (graph.neighbourhood_svg(), cut))
}
