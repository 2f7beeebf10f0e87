//! The files made besides the pages: the Atom feed, the sitemap, robots.txt, the
//! code stylesheet, and the static files (built in, or the site's
//! own); and what each of the first three reads, for invalidation.

use std::sync::Arc;

use super::deliver::StaticFile;
use super::feeds;
use super::highlight;
use super::output::OutputFile;
use super::plan::Page;
use super::reads::{Facet, List, Read};
use super::templates::Templates;
use super::{resize, search, social};
use crate::diag::Diagnostic;
use crate::site::Site;
use crate::theme;

/// The files made besides the pages and the static files.
const MACHINE_FILES: [&str; 4] = ["feed.xml", "sitemap.xml", "robots.txt", "syntax.css"];

/// What `feed.xml` reads: the newest articles, and every article's date for its own.
pub(crate) const FEED_READS: [Read; 2] = [Read::List(List::Articles), Read::EveryArticle(Facet::Card)];
/// What `sitemap.xml` reads: the list of pages, and when each article last changed.
pub(crate) const SITEMAP_READS: [Read; 2] = [Read::List(List::Pages), Read::EveryArticle(Facet::Modified)];
/// What the search index reads of articles (entities and documents change only
/// with a full rebuild): titles, summaries and quotes.
pub(crate) const SEARCH_READS: [Read; 2] = [Read::EveryArticle(Facet::Card), Read::EveryArticle(Facet::Quotes)];

/// Every output path but the search index's (pages, machine files, cards, resized
/// images, static files) and the static files; a static file may not take the path of
/// a generated one, nor one the search index reserves ([`search::is_reserved`]).
pub(crate) fn output_paths(
    site: &Site,
    pages: &[Page],
    cards: &[social::Card],
) -> Result<(Vec<String>, Vec<StaticFile>), Diagnostic> {
    let mut paths: Vec<String> = pages.iter().map(Page::file).collect();
    paths.extend(MACHINE_FILES.iter().map(|f| f.to_string()));
    paths.extend(cards.iter().map(|c| c.path.clone()));
    paths.extend(resize::variant_paths(&site.media));
    let statics = static_files(site, &paths)?;
    paths.extend(statics.iter().map(|f| f.path().to_string()));
    Ok((paths, statics))
}

/// The built-in static files, replaced or joined by the site's own `static/` files.
fn static_files(site: &Site, generated: &[String]) -> Result<Vec<StaticFile>, Diagnostic> {
    let mut statics: Vec<StaticFile> = theme::STATIC
        .iter()
        .map(|(name, bytes)| {
            StaticFile::BuiltIn(OutputFile { path: name.to_string(), bytes: Arc::new(bytes.to_vec()) })
        })
        .collect();
    for f in &site.static_files {
        let own = StaticFile::OnDisk { path: f.name.clone(), from: f.path.clone() };
        match statics.iter_mut().find(|s| s.path() == f.name) {
            Some(s) => *s = own,
            None => statics.push(own),
        }
    }
    let generated: std::collections::HashSet<&str> = generated.iter().map(String::as_str).collect();
    match site.static_files.iter().find(|s| generated.contains(s.name.as_str()) || search::is_reserved(&s.name)) {
        Some(s) => {
            Err(Diagnostic::error(s.file, 0..0, format!("this file would overwrite {}, which gloss makes", s.name))
                .help("rename or move the file; gloss makes this one itself"))
        }
        None => Ok(statics),
    }
}

/// `feed.xml`.
pub(crate) fn feed(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    let context = tera::Context::from_serialize(feeds::site_feed(site)).unwrap_or_default();
    templates.render("feed.xml", &context, "feed.xml")
}

/// `sitemap.xml`.
pub(crate) fn sitemap(site: &Site, pages: &[Page], templates: &Templates) -> Result<OutputFile, Diagnostic> {
    templates.render("sitemap.xml", &feeds::sitemap_context(site, pages), "sitemap.xml")
}

/// `robots.txt`.
pub(crate) fn robots(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    templates.render("robots.txt", &feeds::robots_context(site), "robots.txt")
}

/// `syntax.css`, the stylesheet of highlighted code.
pub(crate) fn stylesheet() -> OutputFile {
    OutputFile { path: "syntax.css".into(), bytes: Arc::new(highlight::stylesheet().as_bytes().to_vec()) }
}
