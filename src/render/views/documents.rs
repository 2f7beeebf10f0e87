//! Contexts of the document index, document pages and provision pages.

use serde::Serialize;
use tera::Context;

use super::parts::*;
use super::scope::Scope;
use crate::render::html::plain_text;
use crate::render::{jsonld, paths};
use crate::site::Document;

#[derive(Serialize)]
struct ProvisionCard {
    title: String,
    href: String,
    text: String,
    summary_html: String,
}

#[derive(Serialize)]
struct DocumentCard {
    title: String,
    short_title: String,
    href: String,
    kind: &'static str,
    date: Option<DateView>,
    provisions: Vec<ProvisionCard>,
}

fn card(cx: &Scope<'_>, doc: &Document) -> DocumentCard {
    DocumentCard {
        title: doc.meta.title.clone(),
        short_title: doc.short_title().to_string(),
        href: cx.href(&paths::document(&doc.id)),
        kind: doc.meta.kind.key(),
        date: doc.meta.date.as_ref().map(DateView::of),
        provisions: doc
            .meta
            .provisions
            .iter()
            .enumerate()
            .map(|(p, prov)| ProvisionCard {
                title: prov.title.clone(),
                href: cx.href(&paths::provision(&doc.id, &prov.id)),
                text: prov.text.trim().to_string(),
                summary_html: cx.inline_html(doc.summaries.get(p).and_then(Option::as_ref), None),
            })
            .collect(),
    }
}

/// The document index.
pub(super) fn index(cx: &Scope<'_>) -> Context {
    let docs: Vec<DocumentCard> = cx.site.documents.iter().map(|d| card(cx, d)).collect();
    let ld = jsonld::collection(cx.site, "CollectionPage", "Documents", "documents/");
    let mut ctx = cx.base("Documents", "The primary documents the explainers turn on.", "website", ld);
    ctx.insert("documents", &docs);
    ctx
}

#[derive(Serialize)]
struct DocumentView<'a> {
    #[serde(flatten)]
    card: DocumentCard,
    parties: Vec<Link>,
    place: Option<Link>,
    aliases: &'a [String],
    body_html: String,
    mention_groups: Vec<MentionGroup<'a>>,
}

/// A document page: overview, parties, provisions, and the passages that refer to it.
pub(super) fn document(cx: &Scope<'_>, d: usize) -> Context {
    let doc = &cx.site.documents[d];
    let (mention_groups, _) = cx.mention_groups(&doc.id, 1, usize::MAX);
    let view = DocumentView {
        card: card(cx, doc),
        parties: doc.meta.parties.iter().map(|p| cx.link(p)).collect(),
        place: doc.meta.place.as_deref().map(|p| cx.link(p)),
        aliases: &doc.meta.aliases,
        body_html: cx.body_html(&doc.body, None),
        mention_groups,
    };
    let description = plain_text(&doc.body).chars().take(200).collect::<String>();
    let mut ctx = cx.base(&doc.meta.title, &description, "article", jsonld::document(cx.site, doc));
    ctx.insert("document", &view);
    ctx
}

#[derive(Serialize)]
struct ProvisionView<'a> {
    id: String,
    title: &'a str,
    document: Link,
    paragraphs: Vec<&'a str>,
    summary_html: String,
    cites: Vec<Link>,
    cited_by: Vec<Link>,
    mention_groups: Vec<MentionGroup<'a>>,
}

/// A provision page: verbatim text, summary, citations both ways, and every passage
/// that refers to it.
pub(super) fn provision(cx: &Scope<'_>, d: usize, p: usize) -> Context {
    let doc = &cx.site.documents[d];
    let prov = &doc.meta.provisions[p];
    let id = format!("{}/{}", doc.id, prov.id);
    let (mention_groups, _) = cx.mention_groups(&id, 1, usize::MAX);
    let summary = doc.summaries.get(p).and_then(Option::as_ref);
    let view = ProvisionView {
        title: &prov.title,
        document: cx.link(&doc.id),
        paragraphs: prov.text.split("\n\n").map(str::trim).filter(|s| !s.is_empty()).collect(),
        summary_html: summary.map(|s| cx.body_html(s, None)).unwrap_or_default(),
        cites: prov.cites.iter().map(|c| cx.link(c)).collect(),
        cited_by: cx.agg.cited_by.get(&id).into_iter().flatten().map(|c| cx.link(c)).collect(),
        mention_groups,
        id,
    };
    let title = format!("{} — {}", prov.title, doc.short_title());
    let description = summary.map(|s| plain_text(s)).unwrap_or_else(|| prov.text.chars().take(200).collect());
    let mut ctx = cx.base(&title, &description, "article", jsonld::provision(cx.site, doc, p));
    ctx.insert("provision", &view);
    ctx
}
