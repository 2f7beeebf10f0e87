//! Contexts of the quote index and quote pages.

use serde::Serialize;
use tera::Context;

use super::articles::source_view;
use super::parts::*;
use super::scope::Scope;
use crate::render::paths::page_count;
use crate::render::{jsonld, paths};
use crate::site::Target;
use crate::text::clip_end;

/// Longest quote text in a quote page's title, in characters.
const TITLE_CHARS: usize = 80;

/// How many other quotes by the same speaker a quote page shows.
pub(crate) const MORE_QUOTES: usize = 5;

#[derive(Serialize)]
struct SpeakerGroup<'a> {
    speaker: Link,
    quotes: Vec<QuoteCard<'a>>,
}

/// Page `n` of the quote index, grouped by speaker.
pub(super) fn index(cx: &Scope<'_>, n: usize) -> Context {
    let per = cx.site.config.paginate;
    let total = page_count(cx.agg.quotes.len(), per);
    let mut groups: Vec<SpeakerGroup<'_>> = Vec::new();
    for &(a, q) in cx.agg.quotes.iter().skip((n - 1) * per).take(per) {
        let by = &cx.site.articles[a].meta.quotes[q].by;
        let card = cx.quote_card(a, q);
        match groups.last_mut() {
            Some(g) if g.speaker.text == cx.site.label(by) => g.quotes.push(card),
            _ => groups.push(SpeakerGroup { speaker: cx.link(by), quotes: vec![card] }),
        }
    }
    let title = if n == 1 { "Quotes".to_string() } else { format!("Quotes (page {n})") };
    let ld = jsonld::collection(cx.site, "CollectionPage", "Quotes", &cx.page.path);
    let mut ctx = cx.base(&title, "Every quote in the explainers, by speaker.", "website", ld);
    ctx.insert("groups", &groups);
    ctx.insert("pagination", &cx.pagination("quotes/", n, total));
    ctx
}

#[derive(Serialize)]
struct QuoteView<'a> {
    id: &'a str,
    text: &'a str,
    speaker: Link,
    speaker_description: Option<&'a str>,
    date: Option<DateView>,
    context: Option<&'a str>,
    source: Option<SourceView>,
    article: Link,
    passage: Option<ExcerptView<'a>>,
    passage_href: String,
    more: Vec<QuoteCard<'a>>,
}

/// A quote page: the words, who said them, when, where, and the passage it sits in.
pub(super) fn quote(cx: &Scope<'_>, a: usize, q: usize) -> Context {
    let site = cx.site;
    let art = &site.articles[a];
    let quote = &art.meta.quotes[q];
    let passage = art.quote_passages.get(q).and_then(|&p| art.passages.get(p));
    let source = quote.source.as_deref().and_then(|s| match site.ids.get(s) {
        Some(Target::Source(sa, si)) => Some(source_view(cx, &site.articles[*sa].meta.sources[*si])),
        _ => None,
    });
    let speaker_description = cx.entity_index(&quote.by).and_then(|e| site.entities[e].meta.description.as_deref());
    let more = cx
        .agg
        .quotes_of(&quote.by)
        .iter()
        .filter(|&&x| x != (a, q))
        .take(MORE_QUOTES)
        .map(|&(oa, oq)| cx.quote_card(oa, oq))
        .collect();
    let passage_href =
        format!("{}#{}", cx.href(&paths::article(&art.slug)), passage.map_or("", |p| p.html_id.as_str()));
    let view = QuoteView {
        id: &quote.id,
        text: &quote.text,
        speaker: cx.link(&quote.by),
        speaker_description,
        date: quote.date.as_ref().map(DateView::of),
        context: quote.context.as_deref(),
        source,
        article: cx.article_link(a, ""),
        passage: passage.map(|p| ExcerptView::from(&p.excerpt)),
        passage_href,
        more,
    };
    let title = format!("“{}” — {}", clip_end(&quote.text, TITLE_CHARS), site.label(&quote.by));
    let mut ctx = cx.base(&title, &quote.text, "article", jsonld::quote(site, art, q));
    ctx.insert("quote", &view);
    ctx
}
