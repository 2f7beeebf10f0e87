//! Where each page lives in the output, and the URL of anything with an id.
//! Paths are relative to the site root and end in `/` (pretty URLs).

use crate::site::{Site, Target};

/// The page of an article.
pub(crate) fn article(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// The page of an entity.
pub(crate) fn entity(id: &str) -> String {
    format!("entities/{id}/")
}

/// The page of a quote.
pub(crate) fn quote(id: &str) -> String {
    format!("quotes/{id}/")
}

/// The page of a document.
pub(crate) fn document(id: &str) -> String {
    format!("documents/{id}/")
}

/// The page of a provision.
pub(crate) fn provision(doc: &str, prov: &str) -> String {
    format!("documents/{doc}/{prov}/")
}

/// The page of the tag whose slug is `slug`.
pub(crate) fn tag(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// Page `n` (1-based) of a paginated list whose first page is at `first`.
pub(crate) fn paged(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// Number of pages a list of `n` items needs.
pub(crate) fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// The URL (relative to the site root) of whatever `id` names, with a fragment for
/// things that live inside an article page.
pub(crate) fn url_of(site: &Site, id: &str) -> Option<String> {
    Some(match site.ids.get(id)? {
        Target::Entity(e) => entity(&site.entities[*e].id),
        Target::Document(d) => document(&site.documents[*d].id),
        Target::Provision(d, p) => {
            let doc = &site.documents[*d];
            provision(&doc.id, &doc.meta.provisions[*p].id)
        }
        Target::Quote(a, q) => quote(&site.articles[*a].meta.quotes[*q].id),
        Target::Source(a, s) => {
            format!("{}#src-{}", article(&site.articles[*a].slug), site.articles[*a].meta.sources[*s].id)
        }
        Target::Figure(a, f) => {
            format!("{}#fig-{}", article(&site.articles[*a].slug), site.articles[*a].meta.figures[*f].id)
        }
        Target::Article(a) => article(&site.articles[*a].slug),
        Target::Image(a, i) => {
            format!("{}#img-{}", article(&site.articles[*a].slug), site.articles[*a].meta.images[*i].id)
        }
    })
}

/// The kind of thing `id` names, as a CSS-friendly word.
pub(crate) fn kind_of(site: &Site, id: &str) -> &'static str {
    match site.ids.get(id) {
        Some(Target::Entity(e)) => site.entities[*e].meta.kind.key(),
        Some(Target::Document(_)) => "document",
        Some(Target::Provision(..)) => "provision",
        Some(Target::Quote(..)) => "quote",
        Some(Target::Source(..)) => "source",
        Some(Target::Figure(..)) => "figure",
        Some(Target::Article(..)) => "article",
        Some(Target::Image(..)) => "image",
        None => "unknown",
    }
}
