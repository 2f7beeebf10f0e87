//! Views of the entity index and entity pages.

use serde::Serialize;

use super::graph;
use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::meta::EntityKind;
use crate::render::paths;
use crate::render::paths::page_count;

/// How many of an entity's quotes its first page shows; the quote index has them all.
pub(crate) const QUOTES_SHOWN: usize = 20;

/// How many of the articles an author wrote their page lists, newest first.
pub(crate) const WRITTEN_SHOWN: usize = 20;

/// An entity on the index: its card and its number of mentions.
#[derive(Serialize)]
struct IndexEntry {
    #[serde(flatten)]
    card: EntityCard,
    mentions: usize,
}

#[derive(Serialize)]
struct KindGroup {
    kind: &'static str,
    label: &'static str,
    entities: Vec<IndexEntry>,
}

/// The entity index's view.
#[derive(Serialize)]
pub(super) struct EntityIndexPage {
    groups: Vec<KindGroup>,
    graph_href: String,
}

/// The entity index, grouped by kind.
pub(super) fn index<'c>(cx: &'c Scope<'_>) -> PageContext<'c, EntityIndexPage> {
    let groups: Vec<KindGroup> = EntityKind::ALL
        .iter()
        .map(|&k| {
            let mut entities: Vec<IndexEntry> = (0..cx.entity_count())
                .filter(|&e| cx.entity(e).meta.kind == k)
                .map(|e| IndexEntry { card: cx.entity_card(e), mentions: cx.mention_count(&cx.entity(e).id) })
                .collect();
            entities.sort_by_key(|a| a.card.name.to_lowercase());
            KindGroup { kind: k.key(), label: k.plural(), entities }
        })
        .filter(|g| !g.entities.is_empty())
        .collect();
    let title = "People, organizations and places";
    let jsonld = jsonld::collection(cx, "CollectionPage", title, "entities/");
    cx.context(
        PageInfo { image: None, title: title.into(), description: "", og_type: "website", jsonld },
        EntityIndexPage { groups, graph_href: cx.href(graph::PATH) },
    )
}

#[derive(Serialize)]
pub(super) struct EntityView<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    description: Option<&'a str>,
    aliases: &'a [String],
    body_html: String,
    image: Option<ImageView>,
    same_as: &'a [String],
    related: Vec<RelationView>,
    quotes: Vec<QuoteCard<'a>>,
    quote_count: usize,
    all_quotes_href: Option<String>,
    mention_count: usize,
    article_count: usize,
    mention_groups: Vec<MentionGroup<'a>>,
    co_mentioned: Vec<CoMentioned>,
    graph: Option<GraphView>,
    profile_href: Option<String>,
    written: Vec<ArticleCard>,
    written_count: usize,
    feed: FeedLink,
}

/// An entity mentioned with another, and in how many articles.
#[derive(Serialize)]
struct CoMentioned {
    #[serde(flatten)]
    card: EntityCard,
    together: u32,
}

/// The graph of an entity's neighbours, with the way to the site-wide graph.
#[derive(Serialize)]
struct GraphView {
    svg: String,
    cut: bool,
    all_href: String,
}

/// An entity page's view.
#[derive(Serialize)]
pub(super) struct EntityPage<'a> {
    entity: EntityView<'a>,
    pagination: Pagination,
}

/// Page `n` of an entity: on the first, its profile, relations, quotes, mentions and
/// co-mentioned entities; on later pages, the name and the mentions that continue the list.
pub(super) fn entity<'c, 'a>(cx: &'c Scope<'a>, e: usize, n: usize) -> PageContext<'c, EntityPage<'a>> {
    let per = cx.config().paginate;
    let ent = cx.entity(e);
    let (mention_groups, article_count) = cx.mention_groups(&ent.id, n, per);
    // Later pages continue the mention list; the profile and what goes with it stay on the first.
    let first = n == 1;
    let quotes = if first { cx.quotes_of(&ent.id) } else { &[] };
    let written = cx.written_by(&ent.id);
    let entity = EntityView {
        id: &ent.id,
        name: &ent.meta.name,
        kind: ent.meta.kind.key(),
        kind_label: ent.meta.kind.singular(),
        description: ent.meta.description.as_deref(),
        aliases: &ent.meta.aliases,
        body_html: if first { cx.body_html(&ent.body, None) } else { String::new() },
        image: cx
            .image_view(ent.image, ent.meta.image_alt.as_deref(), ent.meta.image_credit.as_deref(), true)
            .filter(|_| first),
        same_as: if first { &ent.meta.same_as } else { &[] },
        related: if first { related(cx, e) } else { Vec::new() },
        quotes: quotes.iter().take(QUOTES_SHOWN).map(|&(a, q)| cx.quote_card(a, q)).collect(),
        quote_count: cx.quotes_of(&ent.id).len(),
        all_quotes_href: all_quotes_href(cx, &ent.id).filter(|_| first),
        mention_count: cx.mention_count(&ent.id),
        article_count,
        mention_groups,
        co_mentioned: if first { co_mentioned(cx, e) } else { Vec::new() },
        graph: if first { graph_view(cx, e) } else { None },
        profile_href: (!first).then(|| cx.href(&paths::entity(&ent.id))),
        written: written.iter().take(WRITTEN_SHOWN).filter(|_| first).map(|&a| cx.article_card(a)).collect(),
        written_count: written.len(),
        feed: cx.feed_link(&paths::entity(&ent.id), &ent.meta.name),
    };
    let pagination = cx.pagination(&paths::entity(&ent.id), n, page_count(article_count, per));
    let title = if n == 1 { ent.meta.name.clone() } else { format!("{} (page {n})", ent.meta.name) };
    let description = ent.meta.description.as_deref().unwrap_or_default();
    let og_type = if ent.meta.kind == EntityKind::Person { "profile" } else { "website" };
    let image = cx.photo(ent.image, ent.meta.image_alt.as_deref());
    let info = PageInfo { image, title, description, og_type, jsonld: jsonld::entity(cx, e) };
    cx.context(info, EntityPage { entity, pagination })
}

/// The entities most often mentioned with entity `e`, with how often.
fn co_mentioned(cx: &Scope<'_>, e: usize) -> Vec<CoMentioned> {
    cx.co_mentioned(e).iter().map(|&(o, together)| CoMentioned { card: cx.entity_card(o), together }).collect()
}

/// The graph of entity `e`'s neighbours, when it has any.
fn graph_view(cx: &Scope<'_>, e: usize) -> Option<GraphView> {
    let (svg, cut) = graph::neighbourhood(cx, e)?;
    Some(GraphView { svg, cut, all_href: cx.href(graph::PATH) })
}

/// The quote index page where `id`'s quotes begin, when it has more than its page shows.
fn all_quotes_href(cx: &Scope<'_>, id: &str) -> Option<String> {
    if cx.quotes_of(id).len() <= QUOTES_SHOWN {
        return None;
    }
    let index = cx.first_quote_of(id)?;
    Some(cx.href(&paths::paged("quotes/", index / cx.config().paginate + 1)))
}

fn related(cx: &Scope<'_>, e: usize) -> Vec<RelationView> {
    let ent = cx.entity(e);
    let own = ent.meta.related.iter().map(|r| RelationView {
        subject: cx.link(&ent.id),
        relation: r.relation.clone().unwrap_or_else(|| "is related to".into()),
        object: cx.link(&r.id),
    });
    let theirs = cx.related_in(&ent.id).iter().map(|(other, rel)| RelationView {
        subject: cx.link(&cx.entity(*other).id),
        relation: if rel.is_empty() { "is related to".into() } else { rel.clone() },
        object: cx.link(&ent.id),
    });
    own.chain(theirs).collect()
}
