//! Views of the home page, article pages and the timeline.

use serde::Serialize;

use super::jsonld;
use super::page::{PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::render::html::plain_text;
use crate::render::paths::{self, page_count};
use crate::render::reads::Facet;
use crate::text::format_number;

#[derive(Serialize)]
pub(super) struct ArticleView<'a> {
    title: &'a str,
    date: DateView,
    updated: Option<DateView>,
    summary_html: String,
    authors: Vec<Link>,
    tags: Vec<Link>,
    body_html: String,
    image: Option<ImageView>,
    figures: Vec<FigureView>,
    sources: Vec<SourceView>,
    events: Vec<EventView>,
    quotes: Vec<QuoteCard<'a>>,
    entities: Vec<EntityCard>,
    corrections: Vec<CorrectionView>,
    referred_by: Vec<Link>,
}

/// An article page's view.
#[derive(Serialize)]
pub(super) struct ArticlePage<'a> {
    article: ArticleView<'a>,
}

/// An article page.
pub(super) fn article<'c, 'a>(cx: &'c Scope<'a>, a: usize) -> PageContext<'c, ArticlePage<'a>> {
    let art = cx.article(a, Facet::Whole);
    let entities: Vec<EntityCard> = cx.entities_in(a).iter().map(|&e| cx.entity_card(e)).collect();
    let article = ArticleView {
        title: &art.meta.title,
        date: DateView::of(&art.meta.date),
        updated: art.meta.updated.as_ref().map(DateView::of),
        summary_html: cx.inline_html(art.summary.as_ref(), Some(art)),
        authors: art.meta.authors.iter().map(|n| cx.link(n)).collect(),
        tags: tag_links(cx, &art.meta.tags),
        body_html: cx.article_body_html(a, art),
        image: cx.image_view(art.images.lead, art.meta.image_alt.as_deref(), art.meta.image_credit.as_deref(), true),
        figures: figures(cx, a),
        sources: (0..art.meta.sources.len()).map(|s| source_view(cx, a, s)).collect(),
        corrections: cx.corrections_in(a, true),
        referred_by: cx.articles_of(&art.slug).iter().filter(|&&i| i != a).map(|&i| cx.article_link(i, "")).collect(),
        events: (0..art.meta.events.len()).map(|e| event_view(cx, a, e)).collect(),
        quotes: (0..art.meta.quotes.len()).map(|q| cx.quote_card(a, q)).collect(),
        entities,
    };
    let description = art.summary.as_ref().map(|s| plain_text(s)).unwrap_or_default();
    let jsonld = jsonld::article(cx, a, &description);
    let image = Some(cx.social_image(art.images.lead, art.meta.image_alt.as_deref(), &art.meta.title));
    let info = PageInfo { image, title: art.meta.title.clone(), description: &description, og_type: "article", jsonld };
    cx.context(info, ArticlePage { article })
}

/// Links to the pages of `tags`, each tag once, by its name.
fn tag_links(cx: &Scope<'_>, tags: &[String]) -> Vec<Link> {
    let mut seen = Vec::new();
    let mut links = Vec::new();
    for tag in tags.iter().filter_map(|t| cx.tag_of(&crate::tags::slug(t))) {
        if !seen.contains(&&tag.slug) {
            seen.push(&tag.slug);
            links.push(Link { text: tag.name.clone(), href: Some(cx.href(&paths::tag(&tag.slug))), kind: "tag" });
        }
    }
    links
}

fn figures(cx: &Scope<'_>, a: usize) -> Vec<FigureView> {
    let art = cx.article(a, Facet::Figures);
    let figure = |(f, fig): (usize, &crate::meta::Figure)| {
        let max = fig.values.iter().map(|v| v.value.abs()).fold(0.0, f64::max);
        let values = fig.values.iter().enumerate().map(|(v, val)| {
            let tenths = if max > 0.0 { (val.value.abs() / max * 1000.0).round() } else { 0.0 };
            let text = val
                .exact
                .as_deref()
                .map_or_else(|| format_number(val.value), |e| e.split_whitespace().collect::<Vec<_>>().join(" "));
            FigureValueView {
                value: format_number(val.value),
                label: with_unit(&text, fig.unit.as_deref()),
                text,
                raw: val.value,
                percent: tenths / 10.0,
                bar_width: tenths * 6.0 / 10.0,
                by: val.by.0.iter().map(|b| cx.link(b)).collect(),
                scope: val.scope.clone(),
                passage_href: art.figure_passages[f][v].map(|p| format!("#{}", art.passages[p].html_id)),
            }
        });
        FigureView {
            html_id: format!("fig-{}", fig.id),
            label: fig.label.clone(),
            unit: fig.unit.clone(),
            values: values.collect(),
            corrections: cx.corrections_of(a, &fig.id),
        }
    };
    art.meta.figures.iter().enumerate().map(figure).collect()
}

/// Words that end a number written out ("seven", "48 million").
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    "trillion", "dozen",
];

/// A figure value's words with its unit after them ("10,000 troops", "seven notes"),
/// unless they end in a word of their own or name a currency ("$48 million",
/// "about 10,000 soldiers").
fn with_unit(text: &str, unit: Option<&str>) -> String {
    let last = text.split_whitespace().next_back().unwrap_or("").to_lowercase();
    let last_word: String = last.chars().filter(|c| c.is_alphabetic()).collect();
    let numeric = last_word.is_empty() || NUMBER_WORDS.contains(&last_word.as_str());
    let currency = text.chars().any(|c| "$€£¥₩₽₴₹".contains(c));
    match unit {
        Some(u) if numeric && !currency => format!("{text} {u}"),
        _ => text.to_string(),
    }
}

/// Source `s` of article `a`, with its publisher linked when it is an entity, and
/// the corrections that concern it.
pub(super) fn source_view(cx: &Scope<'_>, a: usize, s: usize) -> SourceView {
    let s = &cx.article(a, Facet::Sources).meta.sources[s];
    SourceView {
        corrections: cx.corrections_of(a, &s.id),
        html_id: format!("src-{}", s.id),
        title: s.title.clone(),
        url: s.url.clone(),
        publisher: s.publisher.as_deref().map(|p| cx.link(p)),
        author: s.author.clone(),
        date: s.date.as_ref().map(DateView::of),
    }
}

pub(super) fn event_view(cx: &Scope<'_>, a: usize, e: usize) -> EventView {
    let ev = &cx.article(a, Facet::Events).meta.events[e];
    let html_id = format!("ev-{}", e + 1);
    EventView {
        date: DateView::range(&ev.date, ev.end.as_ref()),
        label: ev.label.clone(),
        refs: ev.refs.iter().map(|r| cx.link(r)).collect(),
        article: cx.article_link(a, &html_id),
        html_id,
    }
}

/// A page of the timeline.
#[derive(Serialize)]
pub(super) struct TimelinePage {
    events: Vec<EventView>,
    pagination: Pagination,
}

/// Page `n` of the timeline: every event of every article in date order, cut into
/// pages from the latest back, so that page 1 holds the latest events (in date order,
/// like every page) and "Older" leads back in time.
pub(super) fn timeline<'c>(cx: &'c Scope<'_>, n: usize) -> PageContext<'c, TimelinePage> {
    let per = cx.config().paginate.max(1);
    let all = cx.events();
    let end = all.len().saturating_sub((n - 1) * per);
    let events = all[end.saturating_sub(per)..end].iter().map(|&(a, e)| event_view(cx, a, e)).collect();
    let title = if n == 1 { "Timeline".to_string() } else { format!("Timeline (page {n})") };
    let jsonld = jsonld::collection(cx, "CollectionPage", "Timeline", &cx.page().path);
    let description = "Every dated event of every explainer, in order.";
    let pagination = cx.pagination("timeline/", n, page_count(all.len(), per));
    cx.context(
        PageInfo { image: None, title, description, og_type: "website", jsonld },
        TimelinePage { events, pagination },
    )
}
