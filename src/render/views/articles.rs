//! Contexts of the home page, article pages and the timeline.

use serde::Serialize;
use tera::Context;

use super::parts::*;
use super::scope::Scope;
use crate::render::html::plain_text;
use crate::render::jsonld;
use crate::render::paths::page_count;
use crate::site::Article;
use crate::text::format_number;

/// Home: the articles, newest first, paginated.
pub(super) fn home(cx: &Scope<'_>, n: usize) -> Context {
    let site = cx.site;
    let per = site.config.paginate;
    let total = page_count(site.articles.len(), per);
    let cards: Vec<ArticleCard> =
        (0..site.articles.len()).skip((n - 1) * per).take(per).map(|a| cx.article_card(a)).collect();
    let title = if n == 1 { site.config.title.clone() } else { format!("{} (page {n})", site.config.title) };
    let mut ctx =
        cx.base(&title, "", "website", jsonld::collection(site, "WebSite", &site.config.title, &cx.page.path));
    ctx.insert("articles", &cards);
    ctx.insert("pagination", &cx.pagination("", n, total));
    ctx
}

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    date: DateView,
    updated: Option<DateView>,
    summary_html: String,
    authors: Vec<Link>,
    tags: &'a [String],
    body_html: String,
    figures: Vec<FigureView>,
    sources: Vec<SourceView>,
    events: Vec<EventView>,
    quotes: Vec<QuoteCard<'a>>,
    entities: Vec<EntityCard>,
}

/// An article page.
pub(super) fn article(cx: &Scope<'_>, a: usize) -> Context {
    let site = cx.site;
    let art = &site.articles[a];
    let entities: Vec<EntityCard> = cx.agg.entities_in[a].iter().map(|&e| cx.entity_card(e)).collect();
    let view = ArticleView {
        title: &art.meta.title,
        date: DateView::of(&art.meta.date),
        updated: art.meta.updated.as_ref().map(DateView::of),
        summary_html: cx.inline_html(art.summary.as_ref(), Some(art)),
        authors: art.meta.authors.iter().map(|n| cx.link(n)).collect(),
        tags: &art.meta.tags,
        body_html: cx.body_html(&art.body, Some(art)),
        figures: figures(cx, art),
        sources: art.meta.sources.iter().map(|s| source_view(cx, s)).collect(),
        events: (0..art.meta.events.len()).map(|e| event_view(cx, a, e)).collect(),
        quotes: (0..art.meta.quotes.len()).map(|q| cx.quote_card(a, q)).collect(),
        entities,
    };
    let description = art.summary.as_ref().map(|s| plain_text(s)).unwrap_or_default();
    let mentioned = cx.agg.entities_in[a].iter().map(|&e| jsonld::entity_ref(site, &site.entities[e])).collect();
    let mut ctx =
        cx.base(&art.meta.title, &description, "article", jsonld::article(site, art, &description, mentioned));
    ctx.insert("article", &view);
    ctx
}

fn figures(cx: &Scope<'_>, art: &Article) -> Vec<FigureView> {
    art.meta
        .figures
        .iter()
        .enumerate()
        .map(|(f, fig)| {
            let max = fig.values.iter().map(|v| v.value.abs()).fold(0.0, f64::max);
            let values = fig
                .values
                .iter()
                .enumerate()
                .map(|(v, val)| FigureValueView {
                    value: format_number(val.value),
                    raw: val.value,
                    percent: if max > 0.0 { (val.value.abs() / max * 1000.0).round() / 10.0 } else { 0.0 },
                    by: val.by.0.iter().map(|b| cx.link(b)).collect(),
                    scope: val.scope.clone(),
                    passage_href: art.figure_passages[f][v].map(|p| format!("#{}", art.passages[p].html_id)),
                })
                .collect();
            FigureView {
                html_id: format!("fig-{}", fig.id),
                label: fig.label.clone(),
                unit: fig.unit.clone(),
                chart_height: 72 * fig.values.len().max(1),
                values,
            }
        })
        .collect()
}

/// A source, with its publisher linked when it is an entity.
pub(super) fn source_view(cx: &Scope<'_>, s: &crate::meta::Source) -> SourceView {
    SourceView {
        html_id: format!("src-{}", s.id),
        title: s.title.clone(),
        url: s.url.clone(),
        publisher: s.publisher.as_deref().map(|p| cx.link(p)),
        author: s.author.clone(),
        date: s.date.as_ref().map(DateView::of),
    }
}

fn event_view(cx: &Scope<'_>, a: usize, e: usize) -> EventView {
    let ev = &cx.site.articles[a].meta.events[e];
    let html_id = format!("ev-{}", e + 1);
    EventView {
        date: DateView::range(&ev.date, ev.end.as_ref()),
        label: ev.label.clone(),
        refs: ev.refs.iter().map(|r| cx.link(r)).collect(),
        article: cx.article_link(a, &html_id),
        html_id,
    }
}

/// The timeline: every event of every article, in date order.
pub(super) fn timeline(cx: &Scope<'_>) -> Context {
    let events: Vec<EventView> = cx.agg.events.iter().map(|&(a, e)| event_view(cx, a, e)).collect();
    let ld = jsonld::collection(cx.site, "CollectionPage", "Timeline", "timeline/");
    let mut ctx = cx.base("Timeline", "Every dated event of every explainer, in order.", "website", ld);
    ctx.insert("events", &events);
    ctx
}
