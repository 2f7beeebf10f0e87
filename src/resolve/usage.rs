//! Warnings for things defined but never used: entities, documents and sources that
//! no article or other definition refers to.

use std::collections::HashSet;

use crate::diag::{Diagnostic, SourceMap};
use crate::load::frontmatter::locate;
use crate::meta::ArticleMeta;
use crate::site::Site;

/// Every id something refers to: mentions, relations, parties, places, citations,
/// publishers, authors and quote sources.
fn referenced(site: &Site) -> HashSet<&str> {
    let mut used: HashSet<&str> = site.mentions.iter().map(|m| m.target.as_str()).collect();
    for e in &site.entities {
        used.extend(e.meta.related.iter().map(|r| r.id.as_str()));
    }
    for d in &site.documents {
        used.extend(d.meta.parties.iter().map(String::as_str));
        used.extend(d.meta.place.as_deref());
        for p in &d.meta.provisions {
            used.extend(p.cites.iter().map(String::as_str));
        }
    }
    for a in &site.articles {
        used.extend(references(&a.meta));
    }
    used
}

/// The ids an article's front matter refers to other than by mentions: its authors,
/// its sources' publishers and its quotes' sources.
pub(crate) fn references(meta: &ArticleMeta) -> Vec<&str> {
    let authors = meta.authors.iter().map(String::as_str);
    let publishers = meta.sources.iter().filter_map(|s| s.publisher.as_deref());
    authors.chain(publishers).chain(meta.quotes.iter().filter_map(|q| q.source.as_deref())).collect()
}

/// The warnings for unused entities, documents and sources.
pub(crate) fn unused(site: &Site, sources: &SourceMap) -> Vec<Diagnostic> {
    let used = referenced(site);
    let mut out = Vec::new();
    for e in site.entities.iter().filter(|e| !used.contains(e.id.as_str())) {
        out.push(
            Diagnostic::warning(e.file, 0..0, format!("entity '{}' is never referenced", e.id))
                .help("mention it in an article, or delete the file"),
        );
    }
    for d in &site.documents {
        let provision_used = d.meta.provisions.iter().any(|p| used.contains(format!("{}/{}", d.id, p.id).as_str()));
        if !used.contains(d.id.as_str()) && !provision_used {
            out.push(
                Diagnostic::warning(d.file, 0..0, format!("document '{}' is never referenced", d.id))
                    .help("refer to it or one of its provisions in an article, or delete the file"),
            );
        }
    }
    for a in &site.articles {
        for s in a.meta.sources.iter().filter(|s| !used.contains(s.id.as_str())) {
            let text = sources.passing_text(a.file);
            out.push(
                Diagnostic::warning(
                    a.file,
                    locate(&text, 0..text.len(), &s.id),
                    format!("source '{}' is never referenced", s.id),
                )
                .help(format!("cite it from a quote (`source: {}`) or the body ([..](@{})), or remove it", s.id, s.id)),
            );
        }
    }
    out
}
