//! The W3C Web Annotation export of an article (FORMAT.md 8.6):
//! `articles/<slug>/annotations.jsonld`, an `AnnotationCollection` of the quotes,
//! annotations and `@` references in its body. Each targets the article's canonical
//! URL, selected by the words a reader sees (`TextQuoteSelector`) and by their place in
//! the text content of the body (`TextPositionSelector` within `.article-body`). Both
//! are read off the body as the article page publishes it, serialized the same way.

use std::ops::Range;

use serde::Serialize;

use super::page::Built;
use super::scope::Scope;
use crate::meta::EntityKind;
use crate::render::html::plain_text;
use crate::render::paths;
use crate::render::reads::Facet;
use crate::render::text_content::TextContent;
use crate::site::body::Node;
use crate::site::{Article, PassageKind, Target};

/// How many characters of context a `TextQuoteSelector` gives on each side.
const CONTEXT: usize = 32;

/// The CSS selector of the element whose text content the positions count in.
pub(crate) const BODY_SELECTOR: &str = ".article-body";

/// What the template receives: the collection, as JSON.
#[derive(Serialize)]
struct AnnotationsFile {
    json: String,
}

// The JSON-LD, typed. Fields are in alphabetical order, as readers of earlier exports
// found them; absent values and empty lists are left out rather than written as null.

/// The `AnnotationCollection`.
#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<AnnotationPage<'a>>,
    id: &'a str,
    label: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The one `AnnotationPage`, which holds every annotation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AnnotationPage<'a> {
    id: String,
    items: Vec<Annotation<'a>>,
    part_of: &'a str,
    start_index: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// One `Annotation`.
#[derive(Serialize)]
struct Annotation<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body>,
    created: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    creator: &'a [Agent],
    id: String,
    modified: &'a str,
    motivation: &'static str,
    target: AnnotationTarget<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// What an annotation says: a page of the site, or a note's text.
#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Resource {
        label: String,
        purpose: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        #[serde(rename = "type")]
        kind: &'static str,
    },
    Text {
        format: &'static str,
        language: String,
        purpose: &'static str,
        #[serde(rename = "type")]
        kind: &'static str,
        value: String,
    },
}

/// Who made the annotations: an author, with their page when they have one.
#[derive(Serialize)]
struct Agent {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The words an annotation is on, by quote and by position.
#[derive(Serialize)]
struct AnnotationTarget<'a> {
    selector: (QuoteSelector, CssSelector),
    source: &'a str,
}

/// A `TextQuoteSelector`.
#[derive(Serialize)]
struct QuoteSelector {
    exact: String,
    prefix: String,
    suffix: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// A `CssSelector` refined by a `TextPositionSelector`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CssSelector {
    refined_by: PositionSelector,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'static str,
}

/// A `TextPositionSelector`.
#[derive(Serialize)]
struct PositionSelector {
    end: usize,
    start: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// One annotation before it is written out, with where it lies for sorting.
struct Item {
    range: Range<usize>,
    html_id: String,
    motivation: &'static str,
    body: Vec<Body>,
}

/// The annotation collection of article `a`.
pub(super) fn collection(cx: &Scope<'_>, a: usize, hash: bool) -> Built {
    let art = cx.article(a, Facet::Whole);
    let base = &cx.config().base_url;
    let page_url = format!("{base}{}", paths::article(&art.slug));
    let own_url = format!("{base}{}", cx.page().url());
    let text = TextContent::of(&cx.article_body_html(a, art));
    let mut items = passages(cx, art, &text);
    items.extend(references(cx, &art.body.nodes(), &text));
    items.sort_by(|x, y| (x.range.start, y.range.end, &x.html_id).cmp(&(y.range.start, x.range.end, &y.html_id)));
    let creator: Vec<Agent> = art.meta.authors.iter().map(|n| agent(cx, n)).collect();
    let created = art.meta.date.rfc3339();
    let modified = art.modified().rfc3339();
    let annotations: Vec<Annotation<'_>> = items
        .into_iter()
        .map(|item| Annotation {
            body: item.body,
            created: &created,
            creator: &creator,
            id: format!("{own_url}#{}", item.html_id),
            modified: &modified,
            motivation: item.motivation,
            target: target(&page_url, &text, &item.range),
            kind: "Annotation",
        })
        .collect();
    let total = annotations.len();
    // One page holds them all; an empty collection has none.
    let first = (total > 0).then(|| AnnotationPage {
        id: format!("{own_url}#page-1"),
        items: annotations,
        part_of: &own_url,
        start_index: 0,
        kind: "AnnotationPage",
    });
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        first,
        id: &own_url,
        label: format!("Annotations of “{}”", art.meta.title),
        total,
        kind: "AnnotationCollection",
    };
    let json = serde_json::to_string_pretty(&collection).unwrap_or_default();
    Built::of(&AnnotationsFile { json: json + "\n" }, hash)
}

/// The target of an annotation on the words at `range` of the body's text.
fn target<'a>(page_url: &'a str, text: &TextContent, range: &Range<usize>) -> AnnotationTarget<'a> {
    let before = range.start.saturating_sub(CONTEXT)..range.start;
    let after = range.end..(range.end + CONTEXT).min(text.len());
    let quote = QuoteSelector {
        exact: text.slice(range.clone()),
        prefix: text.slice(before),
        suffix: text.slice(after),
        kind: "TextQuoteSelector",
    };
    let position = PositionSelector { end: range.end, start: range.start, kind: "TextPositionSelector" };
    let css = CssSelector { refined_by: position, kind: "CssSelector", value: BODY_SELECTOR };
    AnnotationTarget { selector: (quote, css), source: page_url }
}

/// The article's quotes (linking to their pages, identifying who said them) and
/// annotations (commenting with their note, linking to what they are about).
fn passages(cx: &Scope<'_>, art: &Article, text: &TextContent) -> Vec<Item> {
    let language = cx.config().language.clone();
    let mut items = Vec::new();
    for passage in &art.passages {
        let Some(range) = text.range(&passage.html_id) else { continue };
        let mut body = Vec::new();
        let motivation = match passage.kind {
            PassageKind::Quote(q) => {
                let quote = &art.meta.quotes[q];
                body.push(resource(cx, &quote.id, "linking"));
                if cx.entity_index(&quote.by).is_some() {
                    body.push(resource(cx, &quote.by, "identifying"));
                }
                "linking"
            }
            PassageKind::Annotation(n) => {
                let ann = &art.meta.annotations[n];
                if let Some(Some(note)) = art.notes.get(n) {
                    body.push(Body::Text {
                        format: "text/plain",
                        language: language.clone(),
                        purpose: "commenting",
                        kind: "TextualBody",
                        value: plain_text(note),
                    });
                }
                if let Some(about) = &ann.target {
                    body.push(resource(cx, about, "linking"));
                }
                if body.len() == 1 && ann.target.is_some() {
                    "linking"
                } else {
                    "commenting"
                }
            }
            PassageKind::FigureValue(..) => continue,
        };
        items.push(Item { range, html_id: passage.html_id.clone(), motivation, body });
    }
    items
}

/// The `@` references of the body, written or autolinked: an entity's identify what
/// the words name, the others link to what they cite.
fn references(cx: &Scope<'_>, body: &[Node], text: &TextContent) -> Vec<Item> {
    body.iter()
        .filter_map(|n| match n {
            Node::RefOpen(r) if !r.html_id.is_empty() => Some(r),
            _ => None,
        })
        .filter_map(|r| {
            let range = text.range(&r.html_id)?;
            let entity = matches!(cx.target(&r.id), Some(Target::Entity(_)));
            let purpose = if entity { "identifying" } else { "linking" };
            Some(Item {
                range,
                html_id: r.html_id.to_string(),
                motivation: purpose,
                body: vec![resource(cx, &r.id, purpose)],
            })
        })
        .collect()
}

/// A body that is the page of `id` on this site, with its name.
fn resource(cx: &Scope<'_>, id: &str, purpose: &'static str) -> Body {
    let source = cx.url_of(id).map(|u| format!("{}{u}", cx.config().base_url));
    Body::Resource { label: cx.label(id), purpose, source, kind: "SpecificResource" }
}

/// An author, as the agent who made the annotations.
fn agent(cx: &Scope<'_>, name: &str) -> Agent {
    let Some(e) = cx.entity_index(name) else { return Agent { id: None, name: name.to_string(), kind: "Person" } };
    let ent = cx.entity(e);
    let kind = if ent.meta.kind == EntityKind::Person { "Person" } else { "Organization" };
    let id = Some(format!("{}{}", cx.config().base_url, paths::entity(&ent.id)));
    Agent { id, name: ent.meta.name.clone(), kind }
}
