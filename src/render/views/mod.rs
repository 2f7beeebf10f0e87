//! The views: what each kind of page shows, built from the site model for its
//! template. [`build`] picks the builder for a page; each returns the page's one
//! typed [`page::PageContext`]; a feed's builder returns its Atom context.

mod annotations;
mod articles;
mod corrections;
mod documents;
mod entities;
mod feeds;
mod graph;
mod home;
mod jsonld;
pub(crate) mod page;
pub(crate) mod parts;
mod pieces;
mod quotes;
mod scope;
mod shared_body;
mod tags;

use serde::Serialize;

pub(crate) use graph::PATH as GRAPH_PATH;
pub(crate) use page::Built;
pub(crate) use scope::Scope;
pub(crate) use shared_body::SharedBodies;

use super::plan::PageKind;
use page::PageInfo;

/// The view of a page that shows nothing of the site model (search, not found).
#[derive(Serialize)]
struct Plain {}

/// The context of the page in `cx`; `hash` asks for the hash of it.
pub(crate) fn build(cx: &Scope<'_>, hash: bool) -> Built {
    match cx.page().kind {
        PageKind::Home(n) => home::home(cx, n).finish(hash),
        PageKind::Article(a) => articles::article(cx, a).finish(hash),
        PageKind::Annotations(a) => annotations::collection(cx, a, hash),
        PageKind::Timeline(n) => articles::timeline(cx, n).finish(hash),
        PageKind::Corrections => corrections::index(cx).finish(hash),
        PageKind::CorrectionsFeed => corrections::feed(cx, hash),
        PageKind::EntityIndex => entities::index(cx).finish(hash),
        PageKind::EntityGraph => graph::page(cx).finish(hash),
        PageKind::Entity(e, n) => entities::entity(cx, e, n).finish(hash),
        PageKind::QuoteIndex(n) => quotes::index(cx, n).finish(hash),
        PageKind::Quote(a, q) => quotes::quote(cx, a, q).finish(hash),
        PageKind::DocumentIndex => documents::index(cx).finish(hash),
        PageKind::Document(d) => documents::document(cx, d).finish(hash),
        PageKind::Provision(d, p) => documents::provision(cx, d, p).finish(hash),
        PageKind::EntityFeed(e) => feeds::subject(cx, &cx.entity(e).id, cx.page().path.clone(), hash),
        PageKind::DocumentFeed(d) => feeds::subject(cx, &cx.document(d).id, cx.page().path.clone(), hash),
        PageKind::ProvisionFeed(d, p) => {
            let doc = cx.document(d);
            feeds::subject(cx, &format!("{}/{}", doc.id, doc.meta.provisions[p].id), cx.page().path.clone(), hash)
        }
        PageKind::TagIndex => tags::index(cx).finish(hash),
        PageKind::Tag(t, n) => tags::tag(cx, t, n).finish(hash),
        PageKind::TagFeed(t) => tags::feed(cx, t, hash),
        PageKind::Search => plain(cx, "Search", "SearchResultsPage", "search/").finish(hash),
        PageKind::NotFound => plain(cx, "Page not found", "WebPage", "404.html").finish(hash),
    }
}

fn plain<'c>(cx: &'c Scope<'_>, title: &str, schema_type: &str, path: &str) -> page::PageContext<'c, Plain> {
    let jsonld = jsonld::collection(cx, schema_type, title, path);
    cx.context(
        PageInfo { image: None, title: title.to_string(), description: "", og_type: "website", jsonld },
        Plain {},
    )
}
