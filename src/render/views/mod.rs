//! The views: what each kind of page shows, built from the site model for its
//! template. [`build`] picks the builder for a page.

mod articles;
mod documents;
mod entities;
pub(crate) mod parts;
mod quotes;
mod scope;

use tera::Context;

pub(crate) use entities::QUOTES_SHOWN;
pub(crate) use quotes::MORE_QUOTES;

use super::jsonld;
use super::plan::PageKind;
pub(crate) use scope::Scope;

/// The full template context of the page in `cx`.
pub(crate) fn build(cx: &Scope<'_>) -> Context {
    let site = cx.site;
    match cx.page.kind {
        PageKind::Home(n) => articles::home(cx, n),
        PageKind::Article(a) => articles::article(cx, a),
        PageKind::Timeline => articles::timeline(cx),
        PageKind::EntityIndex => entities::index(cx),
        PageKind::Entity(e, n) => entities::entity(cx, e, n),
        PageKind::QuoteIndex(n) => quotes::index(cx, n),
        PageKind::Quote(a, q) => quotes::quote(cx, a, q),
        PageKind::DocumentIndex => documents::index(cx),
        PageKind::Document(d) => documents::document(cx, d),
        PageKind::Provision(d, p) => documents::provision(cx, d, p),
        PageKind::Search => {
            let ld = jsonld::collection(site, "SearchResultsPage", "Search", "search/");
            cx.base("Search", "", "website", ld)
        }
        PageKind::NotFound => {
            let ld = jsonld::collection(site, "WebPage", "Page not found", "404.html");
            cx.base("Page not found", "", "website", ld)
        }
    }
}
