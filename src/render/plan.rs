//! The plan of the output: which pages the site has (FORMAT.md sections 5 and 8.6),
//! where each goes and which template renders it. The Atom feed of each subject is
//! planned like a page, so that it is built through a `Scope` and its reads recorded.

use serde::{Deserialize, Serialize};

use super::aggregate::Aggregates;
use super::paths::{self, page_count};
use super::reads::{List, Read};
use crate::site::Site;

/// One page of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum PageKind {
    /// Page n of the article list.
    Home(usize),
    /// An article.
    Article(usize),
    /// The W3C Web Annotation export of an article.
    Annotations(usize),
    /// The entity index.
    EntityIndex,
    /// The site-wide entity graph.
    EntityGraph,
    /// Page n of an entity.
    Entity(usize, usize),
    /// Page n of the quote index.
    QuoteIndex(usize),
    /// A quote: (article, quote).
    Quote(usize, usize),
    /// The document index.
    DocumentIndex,
    /// A document.
    Document(usize),
    /// A provision: (document, provision).
    Provision(usize, usize),
    /// The feed of the articles that mention an entity.
    EntityFeed(usize),
    /// The feed of the articles that mention a document.
    DocumentFeed(usize),
    /// The feed of the articles that mention a provision: (document, provision).
    ProvisionFeed(usize, usize),
    /// The tag index.
    TagIndex,
    /// Page n of a tag: (tag, n).
    Tag(usize, usize),
    /// The feed of a tag's articles.
    TagFeed(usize),
    /// Page `n` of the timeline (1-based; page 1 holds the latest events).
    Timeline(usize),
    /// Every correction.
    Corrections,
    /// The Atom feed of every correction.
    CorrectionsFeed,
    /// The search page.
    Search,
    /// The not-found page.
    NotFound,
}

impl PageKind {
    /// Whether the page shows an article's body: the article page and its annotation
    /// export, the only pages that read one (through `Scope::article_body_html`).
    pub(crate) fn shows_body(self) -> bool {
        self.body_of().is_some()
    }

    /// The article whose body the page shows, if it shows one.
    pub(crate) fn body_of(self) -> Option<usize> {
        match self {
            PageKind::Article(a) | PageKind::Annotations(a) => Some(a),
            _ => None,
        }
    }
}

/// A page and where it goes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Page {
    /// URL path relative to the site root (`articles/x/`); empty for the home page.
    pub(crate) path: String,
    /// What it shows.
    pub(crate) kind: PageKind,
}

impl Page {
    /// The URL path of the page relative to the site root: its folder, `404.html`, or
    /// for a feed its `feed.xml` in the folder of the page it follows.
    pub(crate) fn url(&self) -> String {
        match self.kind {
            PageKind::NotFound => "404.html".to_string(),
            PageKind::Annotations(_) => format!("{}annotations.jsonld", self.path),
            _ if self.is_feed() => format!("{}feed.xml", self.path),
            _ => self.path.clone(),
        }
    }

    /// The output file, relative to the output root.
    pub(crate) fn file(&self) -> String {
        match self.kind {
            PageKind::NotFound => "404.html".to_string(),
            PageKind::Annotations(_) => format!("{}annotations.jsonld", self.path),
            _ if self.is_feed() => format!("{}feed.xml", self.path),
            _ => format!("{}index.html", self.path),
        }
    }

    /// Whether this is an Atom feed rather than an HTML page.
    pub(crate) fn is_feed(&self) -> bool {
        matches!(
            self.kind,
            PageKind::EntityFeed(_)
                | PageKind::DocumentFeed(_)
                | PageKind::ProvisionFeed(..)
                | PageKind::TagFeed(_)
                | PageKind::CorrectionsFeed
        )
    }

    /// Whether the sitemap lists it: every HTML page but the 404 page.
    pub(crate) fn in_sitemap(&self) -> bool {
        !matches!(self.kind, PageKind::NotFound | PageKind::Annotations(_)) && !self.is_feed()
    }

    /// The template that renders it.
    pub(crate) fn template(&self) -> &'static str {
        match self.kind {
            PageKind::Home(_) => "index.html",
            PageKind::Article(_) => "article.html",
            PageKind::Annotations(_) => "annotations.jsonld",
            PageKind::EntityIndex => "entities.html",
            PageKind::EntityGraph => "entity-graph.html",
            PageKind::Entity(..) => "entity.html",
            PageKind::QuoteIndex(_) => "quotes.html",
            PageKind::Quote(..) => "quote.html",
            PageKind::DocumentIndex => "documents.html",
            PageKind::Document(_) => "document.html",
            PageKind::Provision(..) => "provision.html",
            PageKind::TagIndex => "tags.html",
            PageKind::Tag(..) => "tag.html",
            PageKind::EntityFeed(_)
            | PageKind::DocumentFeed(_)
            | PageKind::ProvisionFeed(..)
            | PageKind::TagFeed(_)
            | PageKind::CorrectionsFeed => "feed.xml",
            PageKind::Timeline(_) => "timeline.html",
            PageKind::Corrections => "corrections.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
        }
    }
}

/// Whether a change to the list `read` can change how many pages [`all_pages`] makes
/// of it: the lists that are paginated and can change in place (an entity's mentioning
/// articles, the timeline's events). The others change only with a full run.
pub(crate) fn paginates(read: &Read) -> bool {
    matches!(read, Read::List(List::ArticlesOf(_) | List::Events))
}

/// Every page of the site.
pub(crate) fn all_pages(site: &Site, agg: &Aggregates) -> Vec<Page> {
    let per = site.config.paginate;
    let mut pages = Vec::new();
    let mut push = |path: String, kind| pages.push(Page { path, kind });
    for n in 1..=page_count(site.articles.len(), per) {
        push(paths::paged("", n), PageKind::Home(n));
    }
    for (i, a) in site.articles.iter().enumerate() {
        push(paths::article(&a.slug), PageKind::Article(i));
        push(paths::article(&a.slug), PageKind::Annotations(i));
    }
    push("entities/".into(), PageKind::EntityIndex);
    push(super::views::GRAPH_PATH.into(), PageKind::EntityGraph);
    for (i, e) in site.entities.iter().enumerate() {
        for n in 1..=page_count(agg.article_count(&e.id), per) {
            push(paths::paged(&paths::entity(&e.id), n), PageKind::Entity(i, n));
        }
        push(paths::entity(&e.id), PageKind::EntityFeed(i));
    }
    for n in 1..=page_count(agg.quotes.len(), per) {
        push(paths::paged("quotes/", n), PageKind::QuoteIndex(n));
    }
    for &(a, q) in &agg.quotes {
        push(paths::quote(&site.articles[a].meta.quotes[q].id), PageKind::Quote(a, q));
    }
    push("documents/".into(), PageKind::DocumentIndex);
    for (d, doc) in site.documents.iter().enumerate() {
        push(paths::document(&doc.id), PageKind::Document(d));
        push(paths::document(&doc.id), PageKind::DocumentFeed(d));
        for (p, prov) in doc.meta.provisions.iter().enumerate() {
            push(paths::provision(&doc.id, &prov.id), PageKind::Provision(d, p));
            push(paths::provision(&doc.id, &prov.id), PageKind::ProvisionFeed(d, p));
        }
    }
    push("tags/".into(), PageKind::TagIndex);
    for (t, tag) in agg.tags.list.iter().enumerate() {
        for n in 1..=page_count(tag.articles.len(), per) {
            push(paths::paged(&paths::tag(&tag.slug), n), PageKind::Tag(t, n));
        }
        push(paths::tag(&tag.slug), PageKind::TagFeed(t));
    }
    for n in 1..=page_count(agg.events.len(), per) {
        push(paths::paged("timeline/", n), PageKind::Timeline(n));
    }
    push("corrections/".into(), PageKind::Corrections);
    push("corrections/".into(), PageKind::CorrectionsFeed);
    push("search/".into(), PageKind::Search);
    push(String::new(), PageKind::NotFound);
    pages
}
