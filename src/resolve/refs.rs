//! Checking references against the registry: `@id` links in Markdown, and ids in
//! front matter that must name a particular kind of thing.

use std::ops::Range;

use super::ids::Registry;
use crate::diag::{Diagnostic, FileId};
use crate::site::body::Node;
use crate::site::Target;
use crate::urls;

/// Reports every `@id` link in `nodes` whose id is unknown, and every `@slug#heading`
/// whose heading the article does not have (or whose id is not an article's).
pub(crate) fn check_refs(nodes: &[Node], file: FileId, registry: &Registry, diags: &mut Vec<Diagnostic>) {
    for n in nodes {
        let Node::RefOpen(r) = n else { continue };
        if r.auto {
            continue;
        }
        let target = registry.get(&r.id);
        match (target, &r.fragment) {
            (None, _) => diags.extend(registry.unknown(file, r.span.clone(), "reference", &format!("@{}", r.id)).map(|d| d.help(
                "references are written [text](@id) with the id of an article, entity, document, provision (document/provision), quote, source or figure",
            ))),
            (Some(Target::Article(a)), Some(heading)) if !registry.has_heading(a, heading) => diags.push(
                Diagnostic::error(file, r.span.clone(), format!("article '{}' has no heading '{heading}'", r.id))
                    .help("use the id of one of its headings: its text in lowercase with hyphens, or its {#id}"),
            ),
            (Some(Target::Article(_)), _) | (Some(_), None) => {}
            (Some(_), Some(_)) => diags.push(
                Diagnostic::error(file, r.span.clone(), format!("'@{}#…': only an article's headings can be linked so", r.id))
                    .help("link the whole page with [text](@id), or an article's heading with [text](@slug#heading)"),
            ),
        }
    }
}

/// Reports `id` unless it names an entity; `role` says what it is used as ("speaker").
/// `span` is only called when there is something to report.
pub(crate) fn expect_entity(
    registry: &Registry,
    id: &str,
    role: &str,
    file: FileId,
    span: impl FnOnce() -> Range<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    match registry.get(id) {
        Some(Target::Entity(_)) => {}
        Some(_) => diags.push(
            Diagnostic::error(file, span(), format!("{role} '{id}' is not an entity"))
                .help("use the id of a file in content/entities/"),
        ),
        None => diags.extend(registry.unknown(file, span(), role, id)),
    }
}

/// Reports a front-matter URL that is not http, https, mailto or relative. `span` and
/// `message` are only called when there is something to report.
pub(crate) fn check_url(
    url: &str,
    file: FileId,
    span: impl FnOnce() -> Range<usize>,
    message: impl FnOnce() -> String,
    diags: &mut Vec<Diagnostic>,
) {
    if !urls::is_allowed_in_front_matter(url) {
        diags.push(
            Diagnostic::error(file, span(), message())
                .help("URLs in front matter must be http, https, mailto or relative"),
        );
    }
}
