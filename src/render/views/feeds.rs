//! The Atom feed of one subject (an entity, a document or a provision): the newest
//! explainers that mention it. Built through the scope like a page, so the read
//! index renders it again exactly when its list of articles, or one of them, changes.

use super::page::Built;
use super::scope::Scope;
use crate::render::feeds::{self, Feed, FeedEntry, FeedHead};
use crate::render::reads::Facet;

/// The feed of `articles` (newest first) under `head`, capped at
/// [`feeds::SUBJECT_FEED_ENTRIES`].
pub(super) fn of(cx: &Scope<'_>, head: FeedHead, articles: &[usize], hash: bool) -> Built {
    let config = cx.config();
    let shown: Vec<_> =
        articles.iter().take(feeds::SUBJECT_FEED_ENTRIES).map(|&a| cx.article(a, Facet::Card)).collect();
    let entries: Vec<FeedEntry> = shown.iter().map(|a| FeedEntry::of(&config.base_url, a, |n| cx.label(n))).collect();
    let updated = shown.iter().map(|a| a.modified()).max();
    Built::of(&Feed::new(config, head, entries, updated), hash)
}

/// The feed of the articles that mention `id`, whose page is at `path`.
pub(super) fn subject(cx: &Scope<'_>, id: &str, path: String, hash: bool) -> Built {
    let name = cx.label(id);
    let head = FeedHead {
        title: format!("{}: {name}", cx.config().title),
        subtitle: format!("New explainers that mention {name}"),
        path,
    };
    of(cx, head, cx.articles_of(id), hash)
}
