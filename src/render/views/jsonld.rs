//! schema.org JSON-LD for each kind of page, read from the site through the page's scope.

use serde_json::{json, Value};

use super::scope::Scope;
use crate::meta::EntityKind;
use crate::render::paths;
use crate::render::reads::Facet;
use crate::urls;

/// schema.org type for an entity kind.
pub(crate) fn entity_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organization => "Organization",
        EntityKind::Country => "Country",
        EntityKind::Place => "Place",
        EntityKind::Publication => "NewsMediaOrganization",
        EntityKind::Other => "Thing",
    }
}

fn abs(cx: &Scope<'_>, path: &str) -> String {
    format!("{}{}", cx.config().base_url, path)
}

/// `v` without its null fields and empty lists, at every depth: schema.org readers
/// take an absent field for unknown, and `null` for a value.
pub(crate) fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, without_nulls(v)))
                .filter(|(_, v)| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// The author `name` of an article: the entity it names, as a Person or an
/// Organization (schema.org's two kinds of author), or a Person by that name.
fn author(cx: &Scope<'_>, name: &str) -> Value {
    let Some(e) = cx.entity_index(name) else { return json!({ "@type": "Person", "name": name }) };
    let ent = cx.entity(e);
    let kind = if ent.meta.kind == EntityKind::Person { "Person" } else { "Organization" };
    json!({ "@type": kind, "name": ent.meta.name, "url": abs(cx, &paths::entity(&ent.id)) })
}

/// A short reference to entity `e` (`{"@type": "Person", "name": …, "url": …}`).
fn entity_ref(cx: &Scope<'_>, e: usize) -> Value {
    let ent = cx.entity(e);
    json!({ "@type": entity_type(ent.meta.kind), "name": ent.meta.name, "url": abs(cx, &paths::entity(&ent.id)) })
}

/// NewsArticle for the page of article `a`.
pub(crate) fn article(cx: &Scope<'_>, a: usize, description: &str) -> Value {
    let art = cx.article(a, Facet::Whole);
    let url = abs(cx, &paths::article(&art.slug));
    let authors: Vec<Value> = art.meta.authors.iter().map(|n| author(cx, n)).collect();
    let citations: Vec<Value> = art
        .meta
        .sources
        .iter()
        .map(|s| {
            let source_url = s.url.as_deref().map(|u| urls::absolute(&url, u));
            let by = s.author.as_deref().map(|n| json!({ "@type": "Person", "name": n }));
            json!({ "@type": "CreativeWork", "name": s.title, "url": source_url, "author": by })
        })
        .collect();
    let mentioned: Vec<Value> = cx.entities_in(a).iter().map(|&e| entity_ref(cx, e)).collect();
    let config = cx.config();
    let image = cx.social_image(art.images.lead, art.meta.image_alt.as_deref(), &art.meta.title);
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": art.meta.title,
        "image": { "@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height },
        "description": description,
        "datePublished": art.meta.date.iso(),
        "dateModified": art.modified().iso(),
        "author": authors,
        "publisher": { "@type": "Organization", "name": config.title },
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": config.language,
        "mentions": mentioned,
        "citation": citations,
    })
}

/// Person, Organization or Place for the page of entity `e`.
pub(crate) fn entity(cx: &Scope<'_>, e: usize) -> Value {
    let ent = cx.entity(e);
    json!({
        "@context": "https://schema.org",
        "@type": entity_type(ent.meta.kind),
        "name": ent.meta.name,
        "alternateName": ent.meta.aliases,
        "description": ent.meta.description,
        "url": abs(cx, &paths::entity(&ent.id)),
        "sameAs": ent.meta.same_as,
    })
}

/// Quotation for the page of quote `q` of article `a`.
pub(crate) fn quote(cx: &Scope<'_>, a: usize, q: usize) -> Value {
    let quote = &cx.article(a, Facet::Quotes).meta.quotes[q];
    let art = cx.article(a, Facet::Card);
    let speaker = match cx.entity_index(&quote.by) {
        Some(e) => entity_ref(cx, e),
        None => json!({ "@type": "Person", "name": quote.by }),
    };
    json!({
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "creator": speaker,
        "spokenByCharacter": speaker,
        "dateCreated": quote.date.map(|d| d.iso()),
        "inLanguage": quote.original.as_ref().map(|_| &cx.config().language),
        "translationOfWork": quote.original.as_ref().map(|o| json!({ "@type": "Quotation", "text": o, "inLanguage": quote.lang })),
        "url": abs(cx, &paths::quote(&quote.id)),
        "isPartOf": { "@type": "NewsArticle", "headline": art.meta.title, "url": abs(cx, &paths::article(&art.slug)) },
    })
}

/// Legislation for the page of document `d`.
pub(crate) fn document(cx: &Scope<'_>, d: usize) -> Value {
    let doc = cx.document(d);
    json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": doc.meta.title,
        "alternateName": doc.meta.short_title,
        "legislationType": doc.meta.kind.key(),
        "legislationDate": doc.meta.date.map(|x| x.iso()),
        "url": abs(cx, &paths::document(&doc.id)),
    })
}

/// Legislation (a part of one) for the page of provision `p` of document `d`.
pub(crate) fn provision(cx: &Scope<'_>, d: usize, p: usize) -> Value {
    let doc = cx.document(d);
    let prov = &doc.meta.provisions[p];
    json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": format!("{}, {}", prov.title, doc.short_title()),
        "text": prov.text,
        "url": abs(cx, &paths::provision(&doc.id, &prov.id)),
        "isPartOf": document(cx, d),
    })
}

/// A CollectionPage (indexes, timeline) or WebSite (home) or WebPage.
pub(crate) fn collection(cx: &Scope<'_>, schema_type: &str, name: &str, path: &str) -> Value {
    let config = cx.config();
    json!({
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": name,
        "url": abs(cx, path),
        "isPartOf": { "@type": "WebSite", "name": config.title, "url": config.base_url },
    })
}
