//! Views of the quote index and quote pages.

use serde::Serialize;

use super::articles::source_view;
use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::language::language_name;
use crate::render::paths;
use crate::render::paths::page_count;
use crate::render::reads::Facet;
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

/// A page of the quote index.
#[derive(Serialize)]
pub(super) struct QuoteIndexPage<'a> {
    groups: Vec<SpeakerGroup<'a>>,
    pagination: Pagination,
}

/// Page `n` of the quote index, grouped by speaker.
pub(super) fn index<'c, 'a>(cx: &'c Scope<'a>, n: usize) -> PageContext<'c, QuoteIndexPage<'a>> {
    let per = cx.config().paginate;
    let all = cx.quotes();
    let mut groups: Vec<SpeakerGroup<'_>> = Vec::new();
    for &(a, q) in all.iter().skip((n - 1) * per).take(per) {
        let card = cx.quote_card(a, q);
        let by = &cx.article(a, Facet::Quotes).meta.quotes[q].by;
        match groups.last_mut() {
            Some(g) if g.speaker.text == cx.label(by) => g.quotes.push(card),
            _ => groups.push(SpeakerGroup { speaker: cx.link(by), quotes: vec![card] }),
        }
    }
    let title = if n == 1 { "Quotes".to_string() } else { format!("Quotes (page {n})") };
    let jsonld = jsonld::collection(cx, "CollectionPage", "Quotes", &cx.page().path);
    let description = "Every quote in the explainers, by speaker.";
    let view = QuoteIndexPage { groups, pagination: cx.pagination("quotes/", n, page_count(all.len(), per)) };
    cx.context(PageInfo { image: None, title, description, og_type: "website", jsonld }, view)
}

#[derive(Serialize)]
pub(super) struct QuoteView<'a> {
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
    corrections: Vec<CorrectionView>,
    /// Every article that quotes or references it: its own, then the others newest first.
    cited_in: Vec<Link>,
    /// The words as said, when `text` is a translation.
    original: Option<&'a str>,
    /// Their language tag.
    lang: Option<&'a str>,
    /// Their language in words ("Russian"), or the tag.
    lang_name: Option<String>,
}

/// A quote page's view.
#[derive(Serialize)]
pub(super) struct QuotePage<'a> {
    quote: QuoteView<'a>,
}

/// A quote page: the words, who said them, when, where, and the passage it sits in.
pub(super) fn quote<'c, 'a>(cx: &'c Scope<'a>, a: usize, q: usize) -> PageContext<'c, QuotePage<'a>> {
    let art = cx.article(a, Facet::Quotes);
    let quote = &art.meta.quotes[q];
    let passage = art.quote_passages.get(q).and_then(|&p| art.passages.get(p));
    let source = quote.source.as_deref().and_then(|s| match cx.target(s) {
        Some(Target::Source(sa, si)) => Some(source_view(cx, sa, si)),
        _ => None,
    });
    let speaker_description = cx.entity_index(&quote.by).and_then(|e| cx.entity(e).meta.description.as_deref());
    let more = cx
        .quotes_of(&quote.by)
        .iter()
        .filter(|&&x| x != (a, q))
        .take(MORE_QUOTES)
        .map(|&(oa, oq)| cx.quote_card(oa, oq))
        .collect();
    let slug = &cx.article(a, Facet::Card).slug;
    let passage_href = format!("{}#{}", cx.href(&paths::article(slug)), passage.map_or("", |p| p.html_id.as_str()));
    let view = QuoteView {
        corrections: cx.corrections_of(a, &quote.id),
        cited_in: std::iter::once(a)
            .chain(cx.articles_of(&quote.id).iter().copied().filter(|&i| i != a))
            .map(|i| cx.article_link(i, ""))
            .collect(),
        original: quote.original.as_deref(),
        lang: quote.lang.as_deref(),
        lang_name: quote.lang.as_deref().map(|l| language_name(l).map_or_else(|| l.to_string(), str::to_string)),
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
    let title = format!("“{}” — {}", clip_end(&quote.text, TITLE_CHARS), cx.label(&quote.by));
    let image = Some(cx.social_image(None, None, &quote.text));
    let info = PageInfo { image, title, description: &quote.text, og_type: "article", jsonld: jsonld::quote(cx, a, q) };
    cx.context(info, QuotePage { quote: view })
}
