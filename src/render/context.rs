//! The typed values templates receive. Every `href` is ready to use on the page being
//! rendered (internal ones are relative to it); every `*_html` field is HTML gloss
//! generated and escaped itself; every other string is plain text that Tera escapes.
//! `docs/templates.md` lists them per template.

use serde::Serialize;

use crate::date::{human_range, Date};
use crate::site::Excerpt;

/// Site settings every template sees as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// One-line description.
    pub description: &'a str,
    /// Language tag.
    pub language: &'a str,
    /// Absolute base URL, ending in `/`.
    pub base_url: &'a str,
}

/// Facts about the page being rendered, as `page`.
#[derive(Serialize)]
pub struct PageView {
    /// Title for `<title>` and OpenGraph.
    pub title: String,
    /// Description for meta tags.
    pub description: String,
    /// Absolute URL of the page.
    pub canonical: String,
    /// OpenGraph type (`article`, `website`, `profile`).
    pub og_type: &'static str,
    /// The schema.org JSON-LD, already escaped for a `<script>` element.
    pub jsonld: String,
    /// Which kind of page (`home`, `article`, `entity`, …), for CSS hooks.
    pub kind: &'static str,
}

/// A date as machines and readers want it.
#[derive(Serialize, Clone)]
pub struct DateView {
    /// ISO form for `<time datetime>`.
    pub iso: String,
    /// Reader's form ("6 November 2024", "4–5 November 2024").
    pub human: String,
}

impl DateView {
    /// A single date.
    pub fn of(d: &Date) -> DateView {
        DateView { iso: d.iso(), human: d.human() }
    }

    /// A date, or a range when `end` is set.
    pub fn range(d: &Date, end: Option<&Date>) -> DateView {
        DateView { iso: d.iso(), human: human_range(d, end) }
    }
}

/// A link, or plain text when `href` is absent.
#[derive(Serialize, Clone)]
pub struct Link {
    /// Link text.
    pub text: String,
    /// Where it goes.
    pub href: Option<String>,
    /// What it points at (`person`, `provision`, …), for CSS hooks.
    pub kind: &'static str,
}

/// Highlighted words in their sentence.
#[derive(Serialize, Clone)]
pub struct ExcerptView<'a> {
    /// Before the highlight.
    pub before: &'a str,
    /// The highlight.
    pub hit: &'a str,
    /// After the highlight.
    pub after: &'a str,
}

impl<'a> From<&'a Excerpt> for ExcerptView<'a> {
    fn from(e: &'a Excerpt) -> Self {
        ExcerptView { before: &e.before, hit: &e.hit, after: &e.after }
    }
}

/// An article in a list.
#[derive(Serialize)]
pub struct ArticleCard {
    /// Headline.
    pub title: String,
    /// Its page.
    pub href: String,
    /// Publication date.
    pub date: DateView,
    /// Standfirst.
    pub summary_html: String,
    /// Bylines.
    pub authors: Vec<Link>,
}

/// An entity in a list.
#[derive(Serialize)]
pub struct EntityCard {
    /// Name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// `person`, `place`, …
    pub kind: &'static str,
    /// One line.
    pub description: String,
}

/// A quote in a list.
#[derive(Serialize)]
pub struct QuoteCard<'a> {
    /// The words.
    pub text: &'a str,
    /// Its page.
    pub href: String,
    /// Who said it.
    pub speaker: Link,
    /// When.
    pub date: Option<DateView>,
    /// The article it appears in.
    pub article: Link,
}

/// One mention on a backlink list.
#[derive(Serialize)]
pub struct MentionView<'a> {
    /// Deep link to the passage.
    pub href: String,
    /// The sentence.
    pub excerpt: ExcerptView<'a>,
    /// How it was made: `reference`, `autolink`, `annotation`, `speaker`, `figure`, `event`.
    pub via: &'static str,
}

/// The mentions made by one article.
#[derive(Serialize)]
pub struct MentionGroup<'a> {
    /// The article.
    pub article: Link,
    /// Its date.
    pub date: DateView,
    /// Its mentions, in reading order.
    pub mentions: Vec<MentionView<'a>>,
}

/// Navigation between the pages of a long list.
#[derive(Serialize)]
pub struct Pagination {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// The first and last pages and those near the current one, in order, with a gap
    /// entry wherever numbers are skipped.
    pub pages: Vec<PageLink>,
}

/// One entry of [`Pagination::pages`]: a page, or a gap where pages are skipped.
#[derive(Serialize)]
pub struct PageLink {
    /// Page number (0 for a gap).
    pub number: usize,
    /// Its URL (empty for a gap).
    pub href: String,
    /// This is the current page.
    pub current: bool,
    /// This stands for the pages skipped here.
    pub gap: bool,
}

/// A source an article relies on.
#[derive(Serialize)]
pub struct SourceView {
    /// HTML id on the article page (`src-<id>`).
    pub html_id: String,
    /// Title of the work.
    pub title: String,
    /// Where to read it (checked: http, https, mailto or relative).
    pub url: Option<String>,
    /// Publisher, linked when it is an entity.
    pub publisher: Option<Link>,
    /// Byline.
    pub author: Option<String>,
    /// Date.
    pub date: Option<DateView>,
}

/// A figure box.
#[derive(Serialize)]
pub struct FigureView {
    /// HTML id on the article page (`fig-<id>`).
    pub html_id: String,
    /// What is counted.
    pub label: String,
    /// Unit.
    pub unit: Option<String>,
    /// The values, as sources put them.
    pub values: Vec<FigureValueView>,
    /// Height of the bar chart's view box (72 units a value).
    pub chart_height: usize,
}

/// One value of a figure.
#[derive(Serialize)]
pub struct FigureValueView {
    /// The number, formatted ("10,000").
    pub value: String,
    /// The number, raw.
    pub raw: f64,
    /// Share of the largest value, 0–100, for bar widths.
    pub percent: f64,
    /// Who put it so.
    pub by: Vec<Link>,
    /// What it counts.
    pub scope: Option<String>,
    /// The passage that states it.
    pub passage_href: Option<String>,
}

/// A timeline entry.
#[derive(Serialize)]
pub struct EventView {
    /// HTML id on the article page (`ev-<n>`).
    pub html_id: String,
    /// When.
    pub date: DateView,
    /// What happened.
    pub label: String,
    /// What it concerns.
    pub refs: Vec<Link>,
    /// The article it comes from, and a deep link to the entry there.
    pub article: Link,
}

/// One side of a relation between entities: "`subject` `relation` `object`".
#[derive(Serialize)]
pub struct RelationView {
    /// Who.
    pub subject: Link,
    /// How ("heads").
    pub relation: String,
    /// Whom.
    pub object: Link,
}

/// Formats a number for readers: thousands separators, no needless decimals.
pub fn format_number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(10000.0), "10,000");
        assert_eq!(format_number(950.0), "950");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-1234567.0), "-1,234,567");
    }
}
