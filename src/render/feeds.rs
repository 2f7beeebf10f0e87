//! The machine-readable files: the Atom feeds (the site's, and the context every
//! other feed shares), sitemap and robots.txt.

use serde::Serialize;
use tera::Context;

use super::html::plain_text;
use super::paths;
use super::plan::{Page, PageKind};
use crate::config::SiteConfig;
use crate::date::Date;
use crate::site::{Article, Site};

/// Entries in the site's feed.
pub(crate) const FEED_ENTRIES: usize = 30;

/// Entries in the feed of a subject or a tag.
pub(crate) const SUBJECT_FEED_ENTRIES: usize = 20;

/// One entry of an Atom feed: an article, with absolute URLs.
#[derive(Serialize)]
pub(crate) struct FeedEntry {
    title: String,
    url: String,
    published: String,
    updated: String,
    summary: String,
    authors: Vec<String>,
}

impl FeedEntry {
    /// Article `a` as an entry under `base` (the site's `base_url`), its authors named by `label`.
    pub(crate) fn of(base: &str, a: &Article, label: impl Fn(&str) -> String) -> FeedEntry {
        FeedEntry {
            title: a.meta.title.clone(),
            url: format!("{base}{}", paths::article(&a.slug)),
            published: a.meta.date.rfc3339(),
            updated: a.modified().rfc3339(),
            summary: a.summary.as_ref().map(|s| plain_text(s)).unwrap_or_default(),
            authors: a.meta.authors.iter().map(|n| label(n)).collect(),
        }
    }
}

impl FeedEntry {
    /// Correction `c` of article `a`, whose text reads `text`: titled after the
    /// article, linked to the correction in its list.
    pub(crate) fn correction(base: &str, a: &Article, c: usize, text: String) -> FeedEntry {
        let date = a.meta.corrections[c].date.rfc3339();
        FeedEntry {
            title: format!("Correction: {}", a.meta.title),
            url: format!("{base}{}#cor-{}", paths::article(&a.slug), c + 1),
            published: date.clone(),
            updated: date,
            summary: text,
            authors: Vec::new(),
        }
    }
}

/// What a feed is of: its title and subtitle, and the page it follows (a path
/// relative to the site root; the feed is `feed.xml` in that folder).
pub(crate) struct FeedHead {
    /// The feed's `<title>`.
    pub(crate) title: String,
    /// The feed's `<subtitle>`, left out when empty.
    pub(crate) subtitle: String,
    /// The page the feed follows, its `rel="alternate"` link and id.
    pub(crate) path: String,
}

/// The context of `feed.xml`: one Atom feed, with absolute URLs. The site's feed and
/// the feeds of subjects and tags are all made from it.
#[derive(Serialize)]
pub(crate) struct Feed<'a> {
    site_title: &'a str,
    site_description: &'a str,
    base_url: &'a str,
    language: &'a str,
    title: String,
    subtitle: String,
    feed_url: String,
    alternate_url: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

impl<'a> Feed<'a> {
    /// The feed `head` of `entries`, last changed at `updated` (the Unix epoch when
    /// there is nothing in it, so that an empty feed is still valid and stable).
    pub(crate) fn new(c: &'a SiteConfig, head: FeedHead, entries: Vec<FeedEntry>, updated: Option<Date>) -> Feed<'a> {
        let base = &c.base_url;
        Feed {
            site_title: &c.title,
            site_description: &c.description,
            base_url: base,
            language: &c.language,
            title: head.title,
            subtitle: head.subtitle,
            feed_url: format!("{base}{}feed.xml", head.path),
            alternate_url: format!("{base}{}", head.path),
            updated: updated.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339()),
            entries,
        }
    }
}

/// The site's feed: the newest articles; updated when any article last changed.
pub(crate) fn site_feed(site: &Site) -> Feed<'_> {
    let c = &site.config;
    let entries = site.articles.iter().take(FEED_ENTRIES).map(|a| FeedEntry::of(&c.base_url, a, |n| site.label(n)));
    let head = FeedHead { title: c.title.clone(), subtitle: c.description.clone(), path: String::new() };
    Feed::new(c, head, entries.collect(), site.articles.iter().map(Article::modified).max())
}

/// One `<url>` of the sitemap.
#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    /// When an article last changed (its latest correction or update).
    lastmod: Option<String>,
}

/// Context of `sitemap.xml`: every page but the 404 page; articles with their `lastmod`.
pub(crate) fn sitemap_context(site: &Site, pages: &[Page]) -> Context {
    let urls: Vec<SitemapUrl> = pages
        .iter()
        .filter(|p| p.in_sitemap())
        .map(|p| SitemapUrl {
            loc: format!("{}{}", site.config.base_url, p.path),
            lastmod: match p.kind {
                PageKind::Article(a) => Some(site.articles[a].modified().iso()),
                _ => None,
            },
        })
        .collect();
    let mut ctx = site_context(site);
    ctx.insert("urls", &urls);
    ctx
}

/// Context of `robots.txt`.
pub(crate) fn robots_context(site: &Site) -> Context {
    let mut ctx = site_context(site);
    ctx.insert("sitemap_url", &format!("{}sitemap.xml", site.config.base_url));
    ctx
}

fn site_context(site: &Site) -> Context {
    let mut ctx = Context::new();
    ctx.insert("site_title", &site.config.title);
    ctx.insert("site_description", &site.config.description);
    ctx.insert("base_url", &site.config.base_url);
    ctx.insert("language", &site.config.language);
    ctx
}
