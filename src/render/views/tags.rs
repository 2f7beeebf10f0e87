//! Views of the tag index, a tag's pages (its articles, newest first, paginated) and
//! a tag's feed.

use serde::Serialize;

use super::feeds;
use super::jsonld;
use super::page::{Built, PageContext, PageInfo};
use super::parts::*;
use super::scope::Scope;
use crate::render::feeds::FeedHead;
use crate::render::paths::{self, page_count};

/// A tag on the index.
#[derive(Serialize)]
struct TagEntry {
    name: String,
    href: String,
    count: usize,
}

/// The tag index's view.
#[derive(Serialize)]
pub(super) struct TagIndexPage {
    tags: Vec<TagEntry>,
}

/// The tag index: every tag with its number of articles, sorted by name.
pub(super) fn index<'c>(cx: &'c Scope<'_>) -> PageContext<'c, TagIndexPage> {
    let tags = cx
        .tags()
        .iter()
        .map(|t| TagEntry { name: t.name.clone(), href: cx.href(&paths::tag(&t.slug)), count: t.articles.len() })
        .collect();
    let jsonld = jsonld::collection(cx, "CollectionPage", "Tags", "tags/");
    cx.context(
        PageInfo { image: None, title: "Tags".into(), description: "", og_type: "website", jsonld },
        TagIndexPage { tags },
    )
}

#[derive(Serialize)]
pub(super) struct TagView {
    name: String,
    slug: String,
    count: usize,
    feed: FeedLink,
}

/// A tag page's view.
#[derive(Serialize)]
pub(super) struct TagPage {
    tag: TagView,
    articles: Vec<ArticleCard>,
    pagination: Pagination,
}

/// Page `n` of tag `t`: its articles, newest first.
pub(super) fn tag<'c>(cx: &'c Scope<'_>, t: usize, n: usize) -> PageContext<'c, TagPage> {
    let per = cx.config().paginate;
    let tag = &cx.tags()[t];
    let first = paths::tag(&tag.slug);
    let articles = tag.articles.iter().skip((n - 1) * per).take(per).map(|&a| cx.article_card(a)).collect();
    let view = TagPage {
        tag: TagView {
            name: tag.name.clone(),
            slug: tag.slug.clone(),
            count: tag.articles.len(),
            feed: FeedLink {
                title: format!("New explainers tagged {}", tag.name),
                href: cx.href(&format!("{first}feed.xml")),
            },
        },
        articles,
        pagination: cx.pagination(&first, n, page_count(tag.articles.len(), per)),
    };
    let title = if n == 1 { format!("Tagged {}", tag.name) } else { format!("Tagged {} (page {n})", tag.name) };
    let jsonld = jsonld::collection(cx, "CollectionPage", &title, &cx.page().path);
    cx.context(PageInfo { image: None, title, description: "", og_type: "website", jsonld }, view)
}

/// The feed of tag `t`'s articles.
pub(super) fn feed(cx: &Scope<'_>, t: usize, hash: bool) -> Built {
    let tag = &cx.tags()[t];
    let head = FeedHead {
        title: format!("{}: {}", cx.config().title, tag.name),
        subtitle: format!("New explainers tagged {}", tag.name),
        path: paths::tag(&tag.slug),
    };
    feeds::of(cx, head, &tag.articles, hash)
}
