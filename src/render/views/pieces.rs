//! The pieces several kinds of page show: links, cards of articles, entities and
//! quotes, mentions, pagination. Built through the [`Scope`]'s recording accessors
//! like everything else a view shows.

use super::parts::*;
use super::scope::Scope;
use crate::render::figure::{encode_path, Picture};
use crate::render::reads::Facet;
use crate::render::{paths, social};
use crate::site::media::MediaFormat;
use crate::site::{Mention, MentionVia, Target};

/// How many page links a pagination shows on each side of the current page.
pub(crate) const PAGINATION_WINDOW: usize = 2;

impl<'a> Scope<'a> {
    /// A link to whatever `id` names, or plain text when it names nothing.
    pub(crate) fn link(&self, id: &str) -> Link {
        Link { text: self.label(id), href: self.url_of(id).map(|u| self.href(&u)), kind: self.kind_of(id) }
    }

    /// A link to article `a`, with an optional fragment.
    pub(crate) fn article_link(&self, a: usize, fragment: &str) -> Link {
        let art = self.article(a, Facet::Card);
        let mut href = self.href(&paths::article(&art.slug));
        if !fragment.is_empty() {
            href = format!("{href}#{fragment}");
        }
        Link { text: art.meta.title.clone(), href: Some(href), kind: "article" }
    }

    /// The feed of the page at `path` (relative to the site root), of the articles that mention `name`.
    pub(crate) fn feed_link(&self, path: &str, name: &str) -> FeedLink {
        FeedLink { title: format!("New explainers that mention {name}"), href: self.href(&format!("{path}feed.xml")) }
    }

    /// An article card for lists.
    pub(crate) fn article_card(&self, a: usize) -> ArticleCard {
        let art = self.article(a, Facet::Card);
        ArticleCard {
            title: art.meta.title.clone(),
            href: self.href(&paths::article(&art.slug)),
            date: DateView::of(&art.meta.date),
            summary_html: self.inline_html(art.summary.as_ref(), None),
            authors: art.meta.authors.iter().map(|n| self.link(n)).collect(),
            image: self.image_view(art.images.lead, art.meta.image_alt.as_deref(), None, false),
        }
    }

    /// An entity card for lists.
    pub(crate) fn entity_card(&self, e: usize) -> EntityCard {
        let ent = self.entity(e);
        EntityCard {
            name: ent.meta.name.clone(),
            href: self.href(&paths::entity(&ent.id)),
            kind: ent.meta.kind.key(),
            description: ent.meta.description.clone().unwrap_or_default(),
            image: self.image_view(ent.image, ent.meta.image_alt.as_deref(), None, false),
        }
    }

    /// Image file `media` shown with `alt` and `credit`; `eager` when it is on the first screen.
    pub(crate) fn image_view(
        &self,
        media: Option<usize>,
        alt: Option<&str>,
        credit: Option<&str>,
        eager: bool,
    ) -> Option<ImageView> {
        let file = self.media(media?)?;
        let alt = alt.unwrap_or_default();
        let picture = Picture { file, alt, root: self.root(), eager };
        Some(ImageView {
            html: picture.img(),
            src: self.href(&encode_path(&file.output)),
            width: file.width,
            height: file.height,
            alt: alt.to_string(),
            credit: credit.map(str::to_string),
        })
    }

    /// The `og:image` of a page: image file `media` unless it is a drawing (which
    /// sharing sites do not show), else the page's social card, described by `title`.
    pub(crate) fn social_image(&self, media: Option<usize>, alt: Option<&str>, title: &str) -> SocialImage {
        self.photo(media, alt).unwrap_or_else(|| SocialImage {
            url: format!("{}{}", self.config().base_url, encode_path(&social::path_for(&self.page().path))),
            width: social::WIDTH,
            height: social::HEIGHT,
            alt: title.to_string(),
        })
    }

    /// Image file `media` as the `og:image` of a page, unless it is a drawing.
    pub(crate) fn photo(&self, media: Option<usize>, alt: Option<&str>) -> Option<SocialImage> {
        let f = self.media(media?).filter(|f| f.format != MediaFormat::Svg)?;
        Some(SocialImage {
            url: format!("{}{}", self.config().base_url, encode_path(&f.output)),
            width: f.width,
            height: f.height,
            alt: alt.unwrap_or_default().to_string(),
        })
    }

    /// A quote card for lists.
    pub(crate) fn quote_card(&self, a: usize, q: usize) -> QuoteCard<'a> {
        let art = self.article(a, Facet::Quotes);
        let quote = &art.meta.quotes[q];
        let passage = art.quote_passages.get(q).and_then(|&p| art.passages.get(p));
        QuoteCard {
            text: &quote.text,
            href: self.href(&paths::quote(&quote.id)),
            speaker: self.link(&quote.by),
            date: quote.date.as_ref().map(DateView::of),
            article: self.article_link(a, passage.map_or("", |p| p.html_id.as_str())),
            corrections: self.corrections_of(a, &quote.id),
        }
    }

    /// One mention on a backlink list.
    pub(crate) fn mention(&self, m: &'a Mention) -> MentionView<'a> {
        let landing = self.article(m.article, Facet::Card).landing(&m.target, m.landing);
        MentionView {
            href: self.article_link(m.article, &landing).href.unwrap_or_default(),
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
        match self.target(id) {
            Some(Target::Entity(e)) => Some(e),
            _ => None,
        }
    }
}
