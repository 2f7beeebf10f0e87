//! The home page: the latest explainers (the newest one led with its image and
//! standfirst), and on the first page the entities the most articles mention, the
//! primary documents and the latest timeline events.

use serde::Serialize;

use super::articles::event_view;
use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::render::paths::{self, page_count};

/// How many documents, timeline events and corrections the home page shows.
const HOME_LIST: usize = 5;

/// A primary document on the home page.
#[derive(Serialize)]
pub(super) struct HomeDocument {
    title: String,
    href: String,
    provisions: usize,
}

/// The home page's view.
#[derive(Serialize)]
pub(super) struct HomePage {
    /// The newest article, shown large (first page only).
    lead: Option<ArticleCard>,
    /// The other articles of this page.
    articles: Vec<ArticleCard>,
    /// The most mentioned entities (first page only).
    entities: Vec<EntityCard>,
    /// The documents (first page only).
    documents: Vec<HomeDocument>,
    /// Whether there are more documents than shown.
    more_documents: bool,
    /// The latest events, newest first (first page only).
    events: Vec<EventView>,
    /// The latest corrections, newest first (first page only).
    corrections: Vec<CorrectionView>,
    pagination: Pagination,
}

/// Home page `n`: the articles, newest first, paginated.
pub(super) fn home<'c>(cx: &'c Scope<'_>, n: usize) -> PageContext<'c, HomePage> {
    let config = cx.config();
    let per = config.paginate;
    let count = cx.article_count();
    let mut articles: Vec<ArticleCard> = (0..count).skip((n - 1) * per).take(per).map(|a| cx.article_card(a)).collect();
    let first = n == 1;
    let lead = (first && !articles.is_empty()).then(|| articles.remove(0));
    let documents =
        if first { (0..cx.document_count().min(HOME_LIST)).map(|d| document(cx, d)).collect() } else { Vec::new() };
    let view = HomePage {
        lead,
        articles,
        entities: if first { cx.most_mentioned().iter().map(|&e| cx.entity_card(e)).collect() } else { Vec::new() },
        documents,
        more_documents: first && cx.document_count() > HOME_LIST,
        events: if first { latest_events(cx) } else { Vec::new() },
        corrections: if first { cx.latest_corrections(HOME_LIST) } else { Vec::new() },
        pagination: cx.pagination("", n, page_count(count, per)),
    };
    let title = if first { config.title.clone() } else { format!("{} (page {n})", config.title) };
    let jsonld = jsonld::collection(cx, "WebSite", &config.title, &cx.page().path);
    cx.context(PageInfo { image: None, title, description: "", og_type: "website", jsonld }, view)
}

fn document(cx: &Scope<'_>, d: usize) -> HomeDocument {
    let doc = cx.document(d);
    HomeDocument {
        title: doc.meta.title.clone(),
        href: cx.href(&paths::document(&doc.id)),
        provisions: doc.meta.provisions.len(),
    }
}

/// The last events of the timeline, newest first.
fn latest_events(cx: &Scope<'_>) -> Vec<EventView> {
    cx.events().iter().rev().take(HOME_LIST).map(|&(a, e)| event_view(cx, a, e)).collect()
}
