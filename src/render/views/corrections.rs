//! Corrections (FORMAT.md 8.3) as pages show them: at the top of their article,
//! beside the item they concern, and on the site-wide `/corrections/` page, newest first.

use serde::Serialize;

use super::jsonld;
use super::page::Built;
use super::page::{PageContext, PageInfo};
use super::parts::{CorrectionView, DateView, FeedLink};
use super::scope::Scope;
use crate::date::Date;
use crate::render::feeds::{self, Feed, FeedEntry, FeedHead};
use crate::render::html::plain_text;
use crate::render::reads::Facet;

impl Scope<'_> {
    /// Correction `c` of article `a`. Its text carries mention ids only where the
    /// article lists its corrections (`with_ids`), so that they appear once.
    pub(crate) fn correction(&self, a: usize, c: usize, with_ids: bool) -> CorrectionView {
        let art = self.article(a, Facet::Corrections);
        let correction = &art.meta.corrections[c];
        let html_id = format!("cor-{}", c + 1);
        let nodes = art.corrections.get(c);
        CorrectionView {
            date: DateView::of(&correction.date),
            text_html: self.inline_html(nodes, with_ids.then_some(art)),
            article: self.article_link(a, &html_id),
            item: correction.target.as_deref().map(|id| self.link(id)),
            html_id,
        }
    }

    /// The corrections of article `a`, newest first (same date: later in the front matter first).
    pub(crate) fn corrections_in(&self, a: usize, with_ids: bool) -> Vec<CorrectionView> {
        let art = self.article(a, Facet::Corrections);
        newest_first(art.meta.corrections.iter().enumerate().map(|(c, x)| (x.date, c)))
            .map(|c| self.correction(a, c, with_ids))
            .collect()
    }

    /// Up to `limit` corrections of the whole site, newest first (on one date, newer
    /// articles first, then later-written corrections).
    pub(crate) fn latest_corrections(&self, limit: usize) -> Vec<CorrectionView> {
        self.corrections_by_date().iter().take(limit).map(|&(_, a, c)| self.correction(a, c, false)).collect()
    }

    /// The corrections of article `a` that concern `id`, newest first.
    pub(crate) fn corrections_of(&self, a: usize, id: &str) -> Vec<CorrectionView> {
        let art = self.article(a, Facet::Corrections);
        let about = art.meta.corrections.iter().enumerate().filter(|(_, x)| x.target.as_deref() == Some(id));
        newest_first(about.map(|(c, x)| (x.date, c))).map(|c| self.correction(a, c, false)).collect()
    }
}

/// Indices by date, newest first, later written first among equal dates.
fn newest_first(items: impl Iterator<Item = (Date, usize)>) -> impl Iterator<Item = usize> {
    let mut v: Vec<_> = items.collect();
    v.sort_by(|x, y| y.cmp(x));
    v.into_iter().map(|(_, c)| c)
}

/// `/corrections/feed.xml`: the newest corrections, as Atom.
pub(super) fn feed(cx: &Scope<'_>, hash: bool) -> Built {
    let config = cx.config();
    let mut entries = Vec::new();
    let mut updated = None;
    for &(date, a, c) in cx.corrections_by_date().iter().take(feeds::SUBJECT_FEED_ENTRIES) {
        let art = cx.article(a, Facet::Corrections);
        let text = art.corrections.get(c).map(|n| plain_text(n)).unwrap_or_default();
        entries.push(FeedEntry::correction(&config.base_url, art, c, text));
        updated = updated.max(Some(date));
    }
    let head = FeedHead {
        title: format!("{}: corrections", config.title),
        subtitle: "Every correction to the explainers, newest first".into(),
        path: "corrections/".into(),
    };
    Built::of(&Feed::new(config, head, entries, updated), hash)
}

/// The corrections page's view.
#[derive(Serialize)]
pub(super) struct CorrectionsPage {
    corrections: Vec<CorrectionView>,
    feed: FeedLink,
}

/// `/corrections/`: every correction of the site, newest first.
pub(super) fn index<'c>(cx: &'c Scope<'_>) -> PageContext<'c, CorrectionsPage> {
    let corrections = cx.latest_corrections(usize::MAX);
    let jsonld = jsonld::collection(cx, "CollectionPage", "Corrections", "corrections/");
    let description = "Every correction to the explainers, newest first.";
    let info = PageInfo { image: None, title: "Corrections".into(), description, og_type: "website", jsonld };
    let feed = FeedLink { title: "Corrections to the explainers".into(), href: cx.href("corrections/feed.xml") };
    cx.context(info, CorrectionsPage { corrections, feed })
}
