//! Resolving one edited article against the rest of an already resolved site (what
//! `serve` does when an article is saved), instead of resolving the whole site again.

use super::article::{self, ArticleInputs};
use super::Lookup;
use crate::diag::{Diagnostic, SourceMap};
use crate::meta::ArticleMeta;
use crate::parse::Parsed;
use crate::site::{Article, Mention, Site};

/// An edited article, resolved, ready to take its old place in the site.
pub(crate) struct Edited {
    /// Its position in the site's article order (unchanged by the edit).
    pub(crate) index: usize,
    /// The article.
    pub(crate) article: Article,
    /// Its mentions, in reading order.
    pub(crate) mentions: Vec<Mention>,
    /// Problems found in it.
    pub(crate) diags: Vec<Diagnostic>,
}

/// Resolves `parsed`, the new text of one of `site`'s articles, when the edit leaves
/// everything the rest of the site depends on as it was: the slug, the date (and so
/// the article's place in the order), whether it has a lead image (and so a social
/// card), and the quotes, sources, figures and images it defines
/// (their ids, and each quote's speaker and date, which order the quote index).
/// `None` means the whole site must be resolved again.
/// The article's headings take the place of its old ones in `lookup`, so that
/// `@slug#heading` references are checked against the new text.
pub(crate) fn article(
    site: &Site,
    lookup: &mut Lookup,
    sources: &SourceMap,
    parsed: Parsed<ArticleMeta>,
) -> Option<Edited> {
    let index = site.articles.iter().position(|a| a.slug == parsed.src.stem)?;
    if !defines_the_same(&site.articles[index].meta, &parsed.src.meta) {
        return None;
    }
    lookup.registry.set_headings(index, parsed.body.headings.clone());
    let shared =
        ArticleInputs { registry: &lookup.registry, matcher: &lookup.matcher, sources, autolink: site.config.autolink };
    let resolved = article::resolve(&shared, index, parsed);
    Some(Edited { index, article: resolved.article, mentions: resolved.mentions, diags: resolved.diags })
}

/// Whether two versions of an article have the same date and define the same ids, with
/// the same speakers and dates for their quotes.
fn defines_the_same(old: &ArticleMeta, new: &ArticleMeta) -> bool {
    let quotes = |m: &ArticleMeta| m.quotes.iter().map(|q| (q.id.clone(), q.by.clone(), q.date)).collect::<Vec<_>>();
    let sources = |m: &ArticleMeta| m.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let figures = |m: &ArticleMeta| m.figures.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
    let images = |m: &ArticleMeta| (m.image.is_some(), m.images.iter().map(|i| i.id.clone()).collect::<Vec<_>>());
    old.date == new.date
        && quotes(old) == quotes(new)
        && sources(old) == sources(new)
        && figures(old) == figures(new)
        && images(old) == images(new)
}
