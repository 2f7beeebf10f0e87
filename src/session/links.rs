//! Output problems as diagnostics an author can act on. A link that leads nowhere is
//! reported where it was written, a content file or a template, with the link
//! underlined, the pages it fails on, what it resolved to and the nearest page that
//! exists; only a link found in no source is reported at the page.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::config::LinkPolicy;
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::verify::{OutputProblem, ProblemKind};

/// How many failing pages a link's diagnostic names.
const PAGES_NAMED: usize = 3;

/// The diagnostics of `problems`, found in the output whose files are `paths`; with
/// `only_written` (the site already has errors), only those of links found in the
/// site's own files, since the others follow from the errors.
pub(super) fn diagnostics(
    sources: &mut SourceMap,
    problems: Vec<OutputProblem>,
    paths: &[String],
    links: LinkPolicy,
    only_written: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Each dead link once, with every page it fails on.
    let mut by_link: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    for p in problems {
        match p.kind {
            ProblemKind::DeadLink(link) => {
                by_link.entry((link.value, p.message)).or_default().push((p.path, link.resolved))
            }
            _ if only_written => {}
            ProblemKind::Collision => {
                let file = sources.add(format!("(output) {}", p.path), String::new());
                out.push(
                    Diagnostic::error(file, 0..0, p.message)
                        .help("rename one of the two sources so their files differ"),
                );
            }
            ProblemKind::RepeatedId(id) => out.extend(repeated_id(sources, &p.path, &id, p.message)),
        }
    }
    for ((value, message), pages) in by_link {
        let mut places = written_at(sources, &value);
        if places.is_empty() && only_written {
            continue;
        }
        if places.is_empty() {
            let text = format!("href=\"{value}\"");
            let file = sources.add(format!("(output) {}", pages[0].0), text);
            places.push((file, 6..6 + value.len()));
        }
        for (file, span) in places {
            let d = match links {
                LinkPolicy::Error => Diagnostic::error(file, span, message.clone()),
                LinkPolicy::Warn => Diagnostic::warning(file, span, message.clone()),
            };
            out.push(with_help(d, &pages, paths));
        }
    }
    out
}

/// An id two elements of `page` carry, reported where each is written (a `{#id}` in
/// content, an `id` attribute in a template override), or at the page.
fn repeated_id(sources: &mut SourceMap, page: &str, id: &str, message: String) -> Vec<Diagnostic> {
    let written = [format!("{{#{id}}}"), format!("id=\"{id}\""), format!("id='{id}'")];
    let mut places = Vec::new();
    for (file, _, text) in sources.authored() {
        for w in &written {
            places.extend(text.match_indices(w.as_str()).map(|(at, _)| (file, at..at + w.len())));
        }
    }
    if places.len() < 2 {
        let text = format!("id=\"{id}\"");
        places.push((sources.add(format!("(output) {page}"), text), 4..4 + id.len()));
    }
    let help = format!("on {page}; every id of a page must be unique: give one of them another id");
    places.into_iter().map(|(file, span)| Diagnostic::error(file, span, message.clone()).help(help.clone())).collect()
}

/// Says on which pages the link fails and what it resolved to, and suggests the
/// nearest page that exists.
fn with_help(mut d: Diagnostic, pages: &[(String, String)], paths: &[String]) -> Diagnostic {
    for (page, resolved) in pages.iter().take(PAGES_NAMED) {
        d = d.help(match resolved.as_str() {
            "" => format!("on {page} it climbs above the site's root"),
            r => format!("on {page} it leads to {r}"),
        });
    }
    if pages.len() > PAGES_NAMED {
        d = d.help(format!("and on {} more pages", pages.len() - PAGES_NAMED));
    }
    if let Some(near) = nearest(&pages[0].1, paths) {
        d = d.help(format!("the nearest file that exists is {near}"));
    }
    d.help("write the link relative to the page that shows it, or use an @id reference, which works on every page")
}

/// The output path closest to `wanted` by edit distance, when one is reasonably close.
fn nearest<'p>(wanted: &str, paths: &'p [String]) -> Option<&'p str> {
    if wanted.is_empty() {
        return None;
    }
    let limit = (wanted.len() / 3).max(3);
    paths
        .iter()
        .map(|p| (strsim::levenshtein(wanted, p), p.as_str()))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, p)| p)
}

/// Where `link` is written as a link destination in the site's own files: in content,
/// after `](`, `](<` or `]: `, or as an attribute value; in a template override, also
/// after an expression such as `{{ root }}`, which stands for the leading `../`s.
fn written_at(sources: &SourceMap, link: &str) -> Vec<(FileId, Range<usize>)> {
    const BEFORE: [&str; 6] = ["](", "](<", "]: ", "=\"", "='", "="];
    let from_root = link.trim_start_matches("../").trim_start_matches("./");
    let mut found = Vec::new();
    for (file, template, text) in sources.authored() {
        let mut look = |needle: &str, before: &[&str]| {
            for (at, _) in text.match_indices(needle) {
                let end = at + needle.len();
                let closed = end == text.len() || text[end..].starts_with([')', '>', '"', '\'', ' ', '\n', '\r', '#']);
                if closed && before.iter().any(|b| text[..at].ends_with(b)) {
                    found.push((file, at..end));
                }
            }
        };
        look(link, &BEFORE);
        if template && !from_root.is_empty() {
            look(from_root, &["}}"]);
        }
    }
    found
}
