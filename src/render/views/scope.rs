//! What building one page's view can see and do: the site, the lists, the page and
//! the way back to the site root, with the helpers every kind of page uses (links,
//! cards, mention groups, pagination, HTML of Markdown values).

use serde_json::Value;
use tera::Context;

use super::parts::*;
use crate::render::aggregate::Aggregates;
use crate::render::html::{self, Env};
use crate::render::plan::{Page, PageKind};
use crate::render::{jsonld, paths};
use crate::site::body::Node;
use crate::site::{Article, Mention, MentionVia, Site, Target};
use crate::urls::root_prefix;

/// How many page links a pagination shows on each side of the current page.
pub(crate) const PAGINATION_WINDOW: usize = 2;

/// What building one page's context needs.
pub(crate) struct Scope<'a> {
    /// The site.
    pub(crate) site: &'a Site,
    /// Site-wide lists.
    pub(crate) agg: &'a Aggregates,
    /// The page.
    pub(crate) page: &'a Page,
    /// Relative prefix from the page to the site root (or the absolute base path for 404).
    pub(crate) root: String,
}

impl<'a> Scope<'a> {
    /// Context for `page`.
    pub(crate) fn new(site: &'a Site, agg: &'a Aggregates, page: &'a Page) -> Scope<'a> {
        let root = match page.kind {
            PageKind::NotFound => site.config.base_path(),
            _ if page.path.is_empty() => "./".to_string(),
            _ => root_prefix(&page.path),
        };
        Scope { site, agg, page, root }
    }

    /// The starting Tera context: `site`, `root` and `page`.
    pub(crate) fn base(&self, title: &str, description: &str, og_type: &'static str, jsonld: Value) -> Context {
        let c = &self.site.config;
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView { title: &c.title, description: &c.description, language: &c.language, base_url: &c.base_url },
        );
        ctx.insert("root", &self.root);
        let kind = self.page.template().trim_end_matches(".html");
        let description = if description.is_empty() { c.description.clone() } else { description.to_string() };
        let page = PageView {
            title: title.to_string(),
            description,
            canonical: format!("{}{}", c.base_url, self.page.url()),
            og_type,
            jsonld: jsonld::to_script(&jsonld),
            kind,
        };
        ctx.insert("page", &page);
        ctx
    }

    /// A URL inside the site, relative to this page.
    pub(crate) fn href(&self, path: &str) -> String {
        format!("{}{}", self.root, path)
    }

    /// An HTML serializer context for this page.
    pub(crate) fn html(&self, article: Option<&'a Article>) -> Env<'_> {
        Env { site: self.site, root: &self.root, article }
    }

    /// Block HTML of a body.
    pub(crate) fn body_html(&self, nodes: &[Node], article: Option<&'a Article>) -> String {
        html::body(nodes, self.html(article))
    }

    /// Inline HTML of a short Markdown value; `article` is set on that article's own
    /// page, where its references carry their mention ids.
    pub(crate) fn inline_html(&self, nodes: Option<&Vec<Node>>, article: Option<&'a Article>) -> String {
        nodes.map(|n| html::inline(n, self.html(article))).unwrap_or_default()
    }

    /// A link to whatever `id` names, or plain text when it names nothing.
    pub(crate) fn link(&self, id: &str) -> Link {
        Link {
            text: self.site.label(id),
            href: paths::url_of(self.site, id).map(|u| self.href(&u)),
            kind: paths::kind_of(self.site, id),
        }
    }

    /// A link to article `a`, with an optional fragment.
    pub(crate) fn article_link(&self, a: usize, fragment: &str) -> Link {
        let art = &self.site.articles[a];
        let mut href = self.href(&paths::article(&art.slug));
        if !fragment.is_empty() {
            href = format!("{href}#{fragment}");
        }
        Link { text: art.meta.title.clone(), href: Some(href), kind: "article" }
    }

    /// An article card for lists.
    pub(crate) fn article_card(&self, a: usize) -> ArticleCard {
        let art = &self.site.articles[a];
        ArticleCard {
            title: art.meta.title.clone(),
            href: self.href(&paths::article(&art.slug)),
            date: DateView::of(&art.meta.date),
            summary_html: self.inline_html(art.summary.as_ref(), None),
            authors: art.meta.authors.iter().map(|n| self.link(n)).collect(),
        }
    }

    /// An entity card for lists.
    pub(crate) fn entity_card(&self, e: usize) -> EntityCard {
        let ent = &self.site.entities[e];
        EntityCard {
            name: ent.meta.name.clone(),
            href: self.href(&paths::entity(&ent.id)),
            kind: ent.meta.kind.key(),
            description: ent.meta.description.clone().unwrap_or_default(),
        }
    }

    /// A quote card for lists.
    pub(crate) fn quote_card(&self, a: usize, q: usize) -> QuoteCard<'a> {
        let quote = &self.site.articles[a].meta.quotes[q];
        let passage = self.site.articles[a].quote_passages.get(q).and_then(|&p| self.site.articles[a].passages.get(p));
        QuoteCard {
            text: &quote.text,
            href: self.href(&paths::quote(&quote.id)),
            speaker: self.link(&quote.by),
            date: quote.date.as_ref().map(DateView::of),
            article: self.article_link(a, passage.map_or("", |p| p.html_id.as_str())),
        }
    }

    /// Page `n` (of `per` articles each) of the mentions of `id`, grouped by article,
    /// and the number of articles that mention it.
    pub(crate) fn mention_groups(&self, id: &str, n: usize, per: usize) -> (Vec<MentionGroup<'a>>, usize) {
        let articles = self.agg.articles_of.get(id).map(Vec::as_slice).unwrap_or(&[]);
        let total = articles.len();
        let wanted = &articles[((n - 1).saturating_mul(per)).min(total)..n.saturating_mul(per).min(total)];
        let mut groups: Vec<MentionGroup<'a>> = wanted
            .iter()
            .map(|&a| MentionGroup {
                article: self.article_link(a, ""),
                date: DateView::of(&self.site.articles[a].meta.date),
                mentions: Vec::new(),
            })
            .collect();
        let (Some(&first), Some(&last)) = (wanted.first(), wanted.last()) else { return (groups, total) };
        // Mentions are stored in article order, so this page's are one contiguous run.
        let all: &[usize] = self.site.mentions_of.get(id).map_or(&[], Vec::as_slice);
        let start = all.partition_point(|&m| self.site.mentions[m].article < first);
        let end = all.partition_point(|&m| self.site.mentions[m].article <= last);
        let mut slot = 0;
        for m in all[start..end].iter().map(|&m| &self.site.mentions[m]) {
            while wanted[slot] != m.article {
                slot += 1;
            }
            groups[slot].mentions.push(self.mention(m));
        }
        (groups, total)
    }

    fn mention(&self, m: &'a Mention) -> MentionView<'a> {
        MentionView {
            href: self.article_link(m.article, &m.fragment).href.unwrap_or_default(),
            excerpt: ExcerptView::from(&m.excerpt),
            via: match m.via {
                MentionVia::Reference => "reference",
                MentionVia::Autolink => "autolink",
                MentionVia::Annotation => "annotation",
                MentionVia::Speaker => "speaker",
                MentionVia::Figure => "figure",
                MentionVia::Event => "event",
            },
        }
    }

    /// Pagination for page `current` of `total` whose first page is at `first`. It
    /// links the first and last pages and [`PAGINATION_WINDOW`] on each side of the
    /// current one, so that its size does not grow with the archive.
    pub(crate) fn pagination(&self, first: &str, current: usize, total: usize) -> Pagination {
        let href = |n: usize| self.href(&paths::paged(first, n));
        let near = current.saturating_sub(PAGINATION_WINDOW).max(2)..=(current + PAGINATION_WINDOW).min(total - 1);
        let mut pages = Vec::new();
        let mut last = 0;
        for n in std::iter::once(1).chain(near).chain((total > 1).then_some(total)) {
            if n > last + 1 {
                pages.push(PageLink { number: 0, href: String::new(), current: false, gap: true });
            }
            pages.push(PageLink { number: n, href: href(n), current: n == current, gap: false });
            last = n;
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| href(current - 1)),
            next: (current < total).then(|| href(current + 1)),
            pages,
        }
    }

    /// The entity index of `id`, if it names an entity.
    pub(crate) fn entity_index(&self, id: &str) -> Option<usize> {
        match self.site.ids.get(id) {
            Some(Target::Entity(e)) => Some(*e),
            _ => None,
        }
    }
}
