//! What building one page's view can see: the site model and its lists, handed out
//! only through methods that record what was read (see [`crate::render::reads`]), the
//! page, and the way back to the site root.

use std::collections::BTreeSet;

use super::page::{PageContext, PageInfo};
use super::shared_body::SharedBodies;
use crate::config::SiteConfig;
use crate::render::aggregate::Aggregates;
use crate::render::cards::{self, Card};
use crate::render::graph::GraphNodes;
use crate::render::html::{self, Env, Refs};
use crate::render::paths;
use crate::render::plan::{Page, PageKind};
use crate::render::reads::{Facet, List, PackedReads, Read, Reads};
use crate::site::body::Node;
use crate::site::media::MediaFile;
use crate::site::{Article, Document, Entity, Mention, Site, Target};
use crate::tags::Tag;
use crate::urls::root_prefix;

/// What building one page's view needs, and the record of what it read.
pub(crate) struct Scope<'a> {
    site: &'a Site,
    agg: &'a Aggregates,
    page: &'a Page,
    root: String,
    reads: Reads,
    shared: Option<&'a SharedBodies>,
}

impl<'a> Scope<'a> {
    /// The scope of `page`; it records what it hands out when `record` is set, and
    /// otherwise shares article bodies through `shared`, when given.
    pub(crate) fn new(
        site: &'a Site,
        agg: &'a Aggregates,
        page: &'a Page,
        record: bool,
        shared: Option<&'a SharedBodies>,
    ) -> Scope<'a> {
        let root = match page.kind {
            PageKind::NotFound => site.config.base_path(),
            _ if page.path.is_empty() => "./".to_string(),
            _ => root_prefix(&page.path),
        };
        Scope { site, agg, page, root, reads: Reads::new(record), shared }
    }

    /// What the page read, sorted and packed.
    pub(crate) fn into_reads(self) -> PackedReads {
        self.reads.into_packed()
    }

    /// Notes a read that no accessor made.
    pub(crate) fn record(&self, read: Read) {
        self.reads.record(read);
    }

    /// The page being built.
    pub(crate) fn page(&self) -> &'a Page {
        self.page
    }

    /// Relative prefix from the page to the site root (the absolute base path on the 404 page).
    pub(crate) fn root(&self) -> &str {
        &self.root
    }

    /// `site.yaml` (any change to it rebuilds everything, so it is not recorded).
    pub(crate) fn config(&self) -> &'a SiteConfig {
        &self.site.config
    }

    /// The context of this page: the common part and the page kind's own `view`.
    pub(crate) fn context<T: serde::Serialize>(&self, info: PageInfo<'_>, view: T) -> PageContext<'_, T> {
        PageContext::new(self.config(), self.page, &self.root, info, view)
    }

    /// A URL inside the site, relative to this page.
    pub(crate) fn href(&self, path: &str) -> String {
        format!("{}{}", self.root, path)
    }

    // ---- The site model ----

    /// One facet of article `a`.
    pub(crate) fn article(&self, a: usize, facet: Facet) -> &'a Article {
        self.record(Read::Article(a, facet));
        &self.site.articles[a]
    }

    /// How many articles there are (the home pages' list).
    pub(crate) fn article_count(&self) -> usize {
        self.record(Read::List(List::Articles));
        self.site.articles.len()
    }

    /// Entity `e`.
    pub(crate) fn entity(&self, e: usize) -> &'a Entity {
        self.record(Read::Entity(e));
        &self.site.entities[e]
    }

    /// How many entities there are (adding one rebuilds everything).
    pub(crate) fn entity_count(&self) -> usize {
        self.site.entities.len()
    }

    /// Document `d`.
    pub(crate) fn document(&self, d: usize) -> &'a Document {
        self.record(Read::Document(d));
        &self.site.documents[d]
    }

    /// How many documents there are (adding one rebuilds everything).
    pub(crate) fn document_count(&self) -> usize {
        self.site.documents.len()
    }

    /// Image file `i` (image files change only with a full rebuild).
    pub(crate) fn media(&self, i: usize) -> Option<&'a MediaFile> {
        self.site.media.files.get(i)
    }

    /// What `id` names (the ids of a site change only with a full rebuild).
    pub(crate) fn target(&self, id: &str) -> Option<Target> {
        self.site.ids.get(id).copied()
    }

    /// Records what showing `id` (its label, URL, kind and card) reads.
    fn read_target(&self, id: &str) {
        let Some(target) = self.target(id) else { return };
        match target {
            Target::Entity(e) => self.record(Read::Entity(e)),
            Target::Document(d) | Target::Provision(d, _) => self.record(Read::Document(d)),
            Target::Quote(a, q) => {
                self.record(Read::Article(a, Facet::Quotes));
                self.read_target(&self.site.articles[a].meta.quotes[q].by);
            }
            Target::Source(a, s) => {
                self.record(Read::Article(a, Facet::Sources));
                if let Some(p) = &self.site.articles[a].meta.sources[s].publisher {
                    self.read_target(p);
                }
            }
            Target::Figure(a, _) => self.record(Read::Article(a, Facet::Figures)),
            Target::Article(a) | Target::Image(a, _) => self.record(Read::Article(a, Facet::Card)),
        }
    }

    /// The display name of `id`.
    pub(crate) fn label(&self, id: &str) -> String {
        self.read_target(id);
        self.site.label(id)
    }

    /// The URL of `id`, relative to the site root.
    pub(crate) fn url_of(&self, id: &str) -> Option<String> {
        self.read_target(id);
        paths::url_of(self.site, id)
    }

    /// The kind of thing `id` names, as a CSS-friendly word.
    pub(crate) fn kind_of(&self, id: &str) -> &'static str {
        self.read_target(id);
        paths::kind_of(self.site, id)
    }

    /// The hover card of `id`.
    pub(crate) fn card(&self, id: &str) -> Option<Card> {
        self.read_target(id);
        cards::card(self.site, id)
    }

    // ---- Site-wide lists ----

    /// The articles that mention `id`, in article order.
    pub(crate) fn articles_of(&self, id: &str) -> &'a [usize] {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::ArticlesOf(t)));
        }
        self.agg.articles_of.get(id).map_or(&[], Vec::as_slice)
    }

    /// The articles that name `id` among their authors, in article order.
    pub(crate) fn written_by(&self, id: &str) -> &'a [usize] {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::WrittenBy(t)));
        }
        self.agg.written_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// How many mentions `id` has.
    pub(crate) fn mention_count(&self, id: &str) -> usize {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::MentionCount(t)));
        }
        self.site.mentions_of.get(id).map_or(0, Vec::len)
    }

    /// The mentions article `a` makes of `id`, in reading order.
    fn mentions_in(&self, a: usize, id: &str) -> impl Iterator<Item = &'a Mention> + 'a {
        if let Some(t) = self.target(id) {
            self.record(Read::Mentions(a, t));
        }
        let all: &'a [usize] = self.site.mentions_of.get(id).map_or(&[], Vec::as_slice);
        let mentions = &self.site.mentions;
        let start = all.partition_point(|&m| mentions[m].article < a);
        let end = all.partition_point(|&m| mentions[m].article <= a);
        all[start..end].iter().map(move |&m| &mentions[m])
    }

    /// The quotes of speaker `id`, in index order.
    pub(crate) fn quotes_of(&self, id: &str) -> &'a [(usize, usize)] {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::QuotesOf(t)));
        }
        self.agg.quotes_of(id)
    }

    /// Every quote, in index order.
    pub(crate) fn quotes(&self) -> &'a [(usize, usize)] {
        self.record(Read::List(List::Quotes));
        &self.agg.quotes
    }

    /// Where the first quote of speaker `id` is in the quote index.
    pub(crate) fn first_quote_of(&self, id: &str) -> Option<usize> {
        self.record(Read::List(List::Quotes));
        self.agg.first_quote_of.get(id).copied()
    }

    /// Every event, in date order, as (article, event).
    pub(crate) fn events(&self) -> &'a [(usize, usize)] {
        self.record(Read::List(List::Events));
        &self.agg.events
    }

    /// Every correction as (date, article, correction), newest first.
    pub(crate) fn corrections_by_date(&self) -> &'a [(crate::date::Date, usize, usize)] {
        self.record(Read::List(List::Corrections));
        &self.agg.corrections
    }

    /// The entities the most articles mention, most first.
    pub(crate) fn most_mentioned(&self) -> &'a [usize] {
        self.record(Read::List(List::MostMentioned));
        &self.agg.most_mentioned
    }

    /// The entities most often mentioned with entity `e`, with the number of articles
    /// that mention both.
    pub(crate) fn co_mentioned(&self, e: usize) -> &'a [(usize, u32)] {
        self.record(Read::List(List::CoMentioned(e)));
        &self.agg.co_mentioned[e]
    }

    /// The entities the site-wide graph shows.
    pub(crate) fn graph_nodes(&self) -> &'a GraphNodes {
        self.record(Read::List(List::GraphNodes));
        &self.agg.graph
    }

    /// The entities that name `id` as related, with the relation.
    pub(crate) fn related_in(&self, id: &str) -> &'a [(usize, String)] {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::RelatedIn(t)));
        }
        self.agg.related_in.get(id).map_or(&[], Vec::as_slice)
    }

    /// The provisions that cite provision `id`.
    pub(crate) fn cited_by(&self, id: &str) -> &'a [String] {
        if let Some(t) = self.target(id) {
            self.record(Read::List(List::CitedBy(t)));
        }
        self.agg.cited_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// Every tag with its articles, sorted by name.
    pub(crate) fn tags(&self) -> &'a [Tag] {
        self.record(Read::List(List::Tags));
        &self.agg.tags.list
    }

    /// The tag whose slug is `slug`.
    pub(crate) fn tag_of(&self, slug: &str) -> Option<&'a Tag> {
        self.record(Read::List(List::Tags));
        self.agg.tags.get(slug).map(|t| &self.agg.tags.list[t])
    }

    /// The entities article `a` mentions (part of the article as a whole).
    pub(crate) fn entities_in(&self, a: usize) -> &'a BTreeSet<usize> {
        self.record(Read::Article(a, Facet::Whole));
        &self.agg.entities_in[a]
    }

    /// Page `n` (of `per` articles each) of the mentions of `id`, grouped by article,
    /// and the number of articles that mention it.
    pub(crate) fn mention_groups(
        &self,
        id: &str,
        n: usize,
        per: usize,
    ) -> (Vec<super::parts::MentionGroup<'a>>, usize) {
        let articles = self.articles_of(id);
        let total = articles.len();
        let wanted = &articles[((n - 1).saturating_mul(per)).min(total)..n.saturating_mul(per).min(total)];
        let groups = wanted
            .iter()
            .map(|&a| super::parts::MentionGroup {
                article: self.article_link(a, ""),
                date: super::parts::DateView::of(&self.article(a, Facet::Card).meta.date),
                mentions: self.mentions_in(a, id).map(|m| self.mention(m)).collect(),
            })
            .collect();
        (groups, total)
    }

    // ---- HTML of Markdown ----

    /// The serializer's view of this page.
    fn html(&self, article: Option<&'a Article>) -> Env<'_, 'a> {
        Env { scope: self, article }
    }

    /// Block HTML of a body.
    pub(crate) fn body_html(&self, nodes: &[Node], article: Option<&'a Article>) -> String {
        html::body(nodes, self.html(article))
    }

    /// Block HTML of the body of article `a`, which is `art` (read as a whole), on its
    /// own page or its annotation collection: made once for both where it can be
    /// (see [`SharedBodies`]).
    pub(crate) fn article_body_html(&self, a: usize, art: &'a Article) -> String {
        let Some(shared) = self.shared else { return self.body_html(&art.body.nodes(), Some(art)) };
        let mark = self.reads.mark();
        let (html, reads) = shared.get(a, || (self.body_html(&art.body.nodes(), Some(art)), self.reads.since(mark)));
        self.reads.extend(reads.as_deref().unwrap_or_default());
        html
    }

    /// Inline HTML of a short Markdown value; `article` is set on that article's own
    /// page, where its references carry their mention ids.
    pub(crate) fn inline_html(&self, nodes: Option<&Vec<Node>>, article: Option<&'a Article>) -> String {
        nodes.map(|n| html::inline(n, self.html(article))).unwrap_or_default()
    }
}

impl Refs for Scope<'_> {
    fn root(&self) -> &str {
        Scope::root(self)
    }

    fn url_of(&self, id: &str) -> Option<String> {
        Scope::url_of(self, id)
    }

    fn kind_of(&self, id: &str) -> &'static str {
        Scope::kind_of(self, id)
    }

    fn label(&self, id: &str) -> String {
        Scope::label(self, id)
    }

    fn card(&self, id: &str) -> Option<Card> {
        Scope::card(self, id)
    }

    fn media(&self, i: usize) -> Option<&MediaFile> {
        Scope::media(self, i)
    }
}
