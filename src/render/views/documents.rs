//! Views of the document index, document pages and provision pages.

use serde::Serialize;

use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::render::html::plain_text;
use crate::render::paths;

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

fn card(cx: &Scope<'_>, d: usize) -> DocumentCard {
    let doc = cx.document(d);
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

/// The document index's view.
#[derive(Serialize)]
pub(super) struct DocumentIndexPage {
    documents: Vec<DocumentCard>,
}

/// The document index.
pub(super) fn index<'c>(cx: &'c Scope<'_>) -> PageContext<'c, DocumentIndexPage> {
    let documents = (0..cx.document_count()).map(|d| card(cx, d)).collect();
    let jsonld = jsonld::collection(cx, "CollectionPage", "Documents", "documents/");
    let description = "The primary documents the explainers turn on.";
    let info = PageInfo { image: None, title: "Documents".into(), description, og_type: "website", jsonld };
    cx.context(info, DocumentIndexPage { documents })
}

#[derive(Serialize)]
pub(super) struct DocumentView<'a> {
    #[serde(flatten)]
    card: DocumentCard,
    parties: Vec<Link>,
    place: Option<Link>,
    aliases: &'a [String],
    body_html: String,
    mention_groups: Vec<MentionGroup<'a>>,
    feed: FeedLink,
}

/// A document page's view.
#[derive(Serialize)]
pub(super) struct DocumentPage<'a> {
    document: DocumentView<'a>,
}

/// A document page: overview, parties, provisions, and the passages that refer to it.
pub(super) fn document<'c, 'a>(cx: &'c Scope<'a>, d: usize) -> PageContext<'c, DocumentPage<'a>> {
    let doc = cx.document(d);
    let (mention_groups, _) = cx.mention_groups(&doc.id, 1, usize::MAX);
    let view = DocumentView {
        card: card(cx, d),
        parties: doc.meta.parties.iter().map(|p| cx.link(p)).collect(),
        place: doc.meta.place.as_deref().map(|p| cx.link(p)),
        aliases: &doc.meta.aliases,
        body_html: cx.body_html(&doc.body, None),
        mention_groups,
        feed: cx.feed_link(&paths::document(&doc.id), doc.short_title()),
    };
    let description = plain_text(&doc.body).chars().take(200).collect::<String>();
    let info = PageInfo {
        image: None,
        title: doc.meta.title.clone(),
        description: &description,
        og_type: "article",
        jsonld: jsonld::document(cx, d),
    };
    cx.context(info, DocumentPage { document: view })
}

#[derive(Serialize)]
pub(super) struct ProvisionView<'a> {
    id: String,
    title: &'a str,
    document: Link,
    paragraphs: Vec<&'a str>,
    summary_html: String,
    cites: Vec<Link>,
    cited_by: Vec<Link>,
    mention_groups: Vec<MentionGroup<'a>>,
    feed: FeedLink,
}

/// A provision page's view.
#[derive(Serialize)]
pub(super) struct ProvisionPage<'a> {
    provision: ProvisionView<'a>,
}

/// A provision page: verbatim text, summary, citations both ways, and every passage
/// that refers to it.
pub(super) fn provision<'c, 'a>(cx: &'c Scope<'a>, d: usize, p: usize) -> PageContext<'c, ProvisionPage<'a>> {
    let doc = cx.document(d);
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
        cited_by: cx.cited_by(&id).iter().map(|c| cx.link(c)).collect(),
        mention_groups,
        feed: cx.feed_link(&paths::provision(&doc.id, &prov.id), &cx.label(&id)),
        id,
    };
    let title = format!("{} — {}", prov.title, doc.short_title());
    let description = summary.map(|s| plain_text(s)).unwrap_or_else(|| prov.text.chars().take(200).collect());
    let info = PageInfo {
        image: None,
        title,
        description: &description,
        og_type: "article",
        jsonld: jsonld::provision(cx, d, p),
    };
    cx.context(info, ProvisionPage { provision: view })
}
