//! The typed values templates receive, shared by several kinds of page. Every `href` is ready to use on the page being
//! rendered (internal ones are relative to it); every `*_html` field is HTML gloss
//! generated and escaped itself; every other string is plain text that Tera escapes.
//! `docs/templates.md` lists them per template.

use serde::Serialize;

use crate::date::{human_range, Date};
use crate::site::Excerpt;

/// Site settings every template sees as `site`.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    /// Site title.
    pub(crate) title: &'a str,
    /// One-line description.
    pub(crate) description: &'a str,
    /// Language tag.
    pub(crate) language: &'a str,
    /// Absolute base URL, ending in `/`.
    pub(crate) base_url: &'a str,
}

/// Facts about the page being rendered, as `page`.
#[derive(Serialize)]
pub(crate) struct PageView {
    /// Title for `<title>` and OpenGraph.
    pub(crate) title: String,
    /// Description for meta tags.
    pub(crate) description: String,
    /// Absolute URL of the page.
    pub(crate) canonical: String,
    /// OpenGraph type (`article`, `website`, `profile`).
    pub(crate) og_type: &'static str,
    /// The schema.org JSON-LD, already escaped for a `<script>` element.
    pub(crate) jsonld: String,
    /// Which kind of page (`home`, `article`, `entity`, …), for CSS hooks.
    pub(crate) kind: &'static str,
    /// The image that shares of the page show (`og:image`), when it has one.
    pub(crate) image: Option<SocialImage>,
}

/// The image shown where the page is shared.
#[derive(Serialize, Clone)]
pub(crate) struct SocialImage {
    /// Absolute URL.
    pub(crate) url: String,
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// What it shows.
    pub(crate) alt: String,
}

/// An image as templates show it.
#[derive(Serialize)]
pub(crate) struct ImageView {
    /// The whole `<img>` element, with size, `srcset` and loading hint.
    pub(crate) html: String,
    /// Its URL, relative to the page.
    pub(crate) src: String,
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// What it shows.
    pub(crate) alt: String,
    /// Who made it.
    pub(crate) credit: Option<String>,
}

/// A date as machines and readers want it.
#[derive(Serialize, Clone)]
pub(crate) struct DateView {
    /// ISO form for `<time datetime>`.
    pub(crate) iso: String,
    /// Reader's form ("6 November 2024", "4–5 November 2024").
    pub(crate) human: String,
}

impl DateView {
    /// A single date.
    pub(crate) fn of(d: &Date) -> DateView {
        DateView { iso: d.iso(), human: d.human() }
    }

    /// A date, or a range when `end` is set.
    pub(crate) fn range(d: &Date, end: Option<&Date>) -> DateView {
        DateView { iso: d.iso(), human: human_range(d, end) }
    }
}

/// A link, or plain text when `href` is absent.
#[derive(Serialize, Clone)]
pub(crate) struct Link {
    /// Link text.
    pub(crate) text: String,
    /// Where it goes.
    pub(crate) href: Option<String>,
    /// What it points at (`person`, `provision`, …), for CSS hooks.
    pub(crate) kind: &'static str,
}

/// The Atom feed of what a page is about, for `<link rel="alternate">` and a Follow link.
#[derive(Serialize)]
pub(crate) struct FeedLink {
    /// What the feed holds ("Explainers that mention …").
    pub(crate) title: String,
    /// Its URL, relative to the page.
    pub(crate) href: String,
}

/// Highlighted words in their sentence.
#[derive(Serialize, Clone)]
pub(crate) struct ExcerptView<'a> {
    /// Before the highlight.
    pub(crate) before: &'a str,
    /// The highlight.
    pub(crate) hit: &'a str,
    /// After the highlight.
    pub(crate) after: &'a str,
}

impl<'a> From<&'a Excerpt> for ExcerptView<'a> {
    fn from(e: &'a Excerpt) -> Self {
        ExcerptView { before: e.before(), hit: e.hit(), after: e.after() }
    }
}

/// An article in a list.
#[derive(Serialize)]
pub(crate) struct ArticleCard {
    /// Headline.
    pub(crate) title: String,
    /// Its page.
    pub(crate) href: String,
    /// Publication date.
    pub(crate) date: DateView,
    /// Standfirst.
    pub(crate) summary_html: String,
    /// Bylines.
    pub(crate) authors: Vec<Link>,
    /// The lead image, loaded lazily.
    pub(crate) image: Option<ImageView>,
}

/// An entity in a list.
#[derive(Serialize)]
pub(crate) struct EntityCard {
    /// Name.
    pub(crate) name: String,
    /// Its page.
    pub(crate) href: String,
    /// `person`, `place`, …
    pub(crate) kind: &'static str,
    /// One line.
    pub(crate) description: String,
    /// Its image, loaded lazily.
    pub(crate) image: Option<ImageView>,
}

/// A quote in a list.
#[derive(Serialize)]
pub(crate) struct QuoteCard<'a> {
    /// The words.
    pub(crate) text: &'a str,
    /// Its page.
    pub(crate) href: String,
    /// Who said it.
    pub(crate) speaker: Link,
    /// When.
    pub(crate) date: Option<DateView>,
    /// The article it appears in.
    pub(crate) article: Link,
    /// The corrections that concern it, newest first.
    pub(crate) corrections: Vec<CorrectionView>,
}

/// A correction, as the article, the corrected item and the corrections page show it.
#[derive(Serialize, Clone)]
pub(crate) struct CorrectionView {
    /// Its HTML id on the article page (`cor-N`, N its place in the front matter).
    pub(crate) html_id: String,
    /// When it was made.
    pub(crate) date: DateView,
    /// What was wrong and what is right.
    pub(crate) text_html: String,
    /// The article, linked to the correction in its list.
    pub(crate) article: Link,
    /// What it corrects, when it names an item.
    pub(crate) item: Option<Link>,
}

/// One mention on a backlink list.
#[derive(Serialize)]
pub(crate) struct MentionView<'a> {
    /// Deep link to the passage.
    pub(crate) href: String,
    /// The sentence.
    pub(crate) excerpt: ExcerptView<'a>,
    /// How it was made: `reference`, `autolink`, `annotation`, `speaker`, `figure`, `event`.
    pub(crate) via: &'static str,
}

/// The mentions made by one article.
#[derive(Serialize)]
pub(crate) struct MentionGroup<'a> {
    /// The article.
    pub(crate) article: Link,
    /// Its date.
    pub(crate) date: DateView,
    /// Its mentions, in reading order.
    pub(crate) mentions: Vec<MentionView<'a>>,
}

/// Navigation between the pages of a long list.
#[derive(Serialize)]
pub(crate) struct Pagination {
    /// 1-based current page.
    pub(crate) current: usize,
    /// Number of pages.
    pub(crate) total: usize,
    /// Previous page.
    pub(crate) prev: Option<String>,
    /// Next page.
    pub(crate) next: Option<String>,
    /// The first and last pages and those near the current one, in order, with a gap
    /// entry wherever numbers are skipped.
    pub(crate) pages: Vec<PageLink>,
}

/// One entry of [`Pagination::pages`]: a page, or a gap where pages are skipped.
#[derive(Serialize)]
pub(crate) struct PageLink {
    /// Page number (0 for a gap).
    pub(crate) number: usize,
    /// Its URL (empty for a gap).
    pub(crate) href: String,
    /// This is the current page.
    pub(crate) current: bool,
    /// This stands for the pages skipped here.
    pub(crate) gap: bool,
}

/// A source an article relies on.
#[derive(Serialize)]
pub(crate) struct SourceView {
    /// HTML id on the article page (`src-<id>`).
    pub(crate) html_id: String,
    /// Title of the work.
    pub(crate) title: String,
    /// Where to read it (checked: http, https, mailto or relative).
    pub(crate) url: Option<String>,
    /// Publisher, linked when it is an entity.
    pub(crate) publisher: Option<Link>,
    /// Byline.
    pub(crate) author: Option<String>,
    /// Date.
    pub(crate) date: Option<DateView>,
    /// The corrections that concern it, newest first.
    pub(crate) corrections: Vec<CorrectionView>,
}

/// A figure box.
#[derive(Serialize)]
pub(crate) struct FigureView {
    /// HTML id on the article page (`fig-<id>`).
    pub(crate) html_id: String,
    /// What is counted.
    pub(crate) label: String,
    /// Unit.
    pub(crate) unit: Option<String>,
    /// The values, as sources put them.
    pub(crate) values: Vec<FigureValueView>,
    /// The corrections that concern it, newest first.
    pub(crate) corrections: Vec<CorrectionView>,
}

/// One value of a figure.
#[derive(Serialize)]
pub(crate) struct FigureValueView {
    /// The number, formatted ("10,000").
    pub(crate) value: String,
    /// The value as the body writes it (its `exact` words, "$48 million"), or `value`.
    pub(crate) text: String,
    /// `text` with the figure's unit after it, unless `text` has words of its own.
    pub(crate) label: String,
    /// The bar's length in a chart 600 units wide: `percent * 6`, one decimal.
    pub(crate) bar_width: f64,
    /// The number, raw.
    pub(crate) raw: f64,
    /// Share of the largest value, 0–100, for bar widths.
    pub(crate) percent: f64,
    /// Who put it so.
    pub(crate) by: Vec<Link>,
    /// What it counts.
    pub(crate) scope: Option<String>,
    /// The passage that states it.
    pub(crate) passage_href: Option<String>,
}

/// A timeline entry.
#[derive(Serialize)]
pub(crate) struct EventView {
    /// HTML id on the article page (`ev-<n>`).
    pub(crate) html_id: String,
    /// When.
    pub(crate) date: DateView,
    /// What happened.
    pub(crate) label: String,
    /// What it concerns.
    pub(crate) refs: Vec<Link>,
    /// The article it comes from, and a deep link to the entry there.
    pub(crate) article: Link,
}

/// One side of a relation between entities: "`subject` `relation` `object`".
#[derive(Serialize)]
pub(crate) struct RelationView {
    /// Who.
    pub(crate) subject: Link,
    /// How ("heads").
    pub(crate) relation: String,
    /// Whom.
    pub(crate) object: Link,
}
