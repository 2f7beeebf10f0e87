//! schema.org JSON-LD for each kind of page, serialized safely for a `<script>` element.

use serde_json::{json, Value};

use crate::meta::EntityKind;
use crate::site::{Article, Document, Entity, Site};

/// Serializes `v` as JSON for inclusion in `<script type="application/ld+json">`: `<`, `>`, `&`
/// and the JavaScript line separators are written as escapes, so no value can end the
/// script element.
pub(crate) fn to_script(v: &impl serde::Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    let specials: &[char] = &['<', '>', '&', '\u{2028}', '\u{2029}'];
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find(specials) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or(' ');
        out.push_str(match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            _ => "\\u2029",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

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

fn abs(site: &Site, path: &str) -> String {
    format!("{}{}", site.config.base_url, path)
}

/// A short reference to an entity (`{"@type": "Person", "name": …, "url": …}`).
pub(crate) fn entity_ref(site: &Site, e: &Entity) -> Value {
    json!({ "@type": entity_type(e.meta.kind), "name": e.meta.name, "url": abs(site, &super::paths::entity(&e.id)) })
}

/// NewsArticle for an article page.
pub(crate) fn article(site: &Site, a: &Article, description: &str, mentioned: Vec<Value>) -> Value {
    let url = abs(site, &super::paths::article(&a.slug));
    let authors: Vec<Value> =
        a.meta.authors.iter().map(|n| json!({ "@type": "Person", "name": site.label(n) })).collect();
    let citations: Vec<Value> = a
        .meta
        .sources
        .iter()
        .map(|s| json!({ "@type": "CreativeWork", "name": s.title, "url": s.url, "author": s.author }))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.meta.title,
        "description": description,
        "datePublished": a.meta.date.iso(),
        "dateModified": a.meta.updated.unwrap_or(a.meta.date).iso(),
        "author": authors,
        "publisher": { "@type": "Organization", "name": site.config.title },
        "mainEntityOfPage": url,
        "url": url,
        "inLanguage": site.config.language,
        "mentions": mentioned,
        "citation": citations,
    })
}

/// Person, Organization or Place for an entity page.
pub(crate) fn entity(site: &Site, e: &Entity) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": entity_type(e.meta.kind),
        "name": e.meta.name,
        "alternateName": e.meta.aliases,
        "description": e.meta.description,
        "url": abs(site, &super::paths::entity(&e.id)),
        "sameAs": e.meta.same_as,
    })
}

/// Quotation for a quote page.
pub(crate) fn quote(site: &Site, a: &Article, q: usize) -> Value {
    let quote = &a.meta.quotes[q];
    let speaker = match site.ids.get(&quote.by) {
        Some(crate::site::Target::Entity(e)) => entity_ref(site, &site.entities[*e]),
        _ => json!({ "@type": "Person", "name": quote.by }),
    };
    json!({
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "creator": speaker,
        "spokenByCharacter": speaker,
        "dateCreated": quote.date.map(|d| d.iso()),
        "url": abs(site, &super::paths::quote(&quote.id)),
        "isPartOf": { "@type": "NewsArticle", "headline": a.meta.title, "url": abs(site, &super::paths::article(&a.slug)) },
    })
}

/// Legislation for a document page.
pub(crate) fn document(site: &Site, d: &Document) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": d.meta.title,
        "alternateName": d.meta.short_title,
        "legislationType": d.meta.kind.key(),
        "legislationDate": d.meta.date.map(|x| x.iso()),
        "url": abs(site, &super::paths::document(&d.id)),
    })
}

/// Legislation (a part of one) for a provision page.
pub(crate) fn provision(site: &Site, d: &Document, p: usize) -> Value {
    let prov = &d.meta.provisions[p];
    json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": format!("{}, {}", prov.title, d.short_title()),
        "text": prov.text,
        "url": abs(site, &super::paths::provision(&d.id, &prov.id)),
        "isPartOf": document(site, d),
    })
}

/// A CollectionPage (indexes, timeline) or WebSite (home) or WebPage.
pub(crate) fn collection(site: &Site, schema_type: &str, name: &str, path: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": schema_type,
        "name": name,
        "url": abs(site, path),
        "isPartOf": { "@type": "WebSite", "name": site.config.title, "url": site.config.base_url },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_breakouts_are_escaped() {
        let s = to_script(&json!({ "t": "</script><script>alert(1)</script>\u{2028}&" }));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'));
    }
}
