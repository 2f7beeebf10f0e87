//! Checking references against the registry: `@id` links in Markdown, and ids in
//! front matter that must name a particular kind of thing.

use std::ops::Range;

use super::ids::Registry;
use crate::diag::{Diagnostic, FileId};
use crate::site::body::Node;
use crate::site::Target;
use crate::urls;

/// Reports every `@id` link in `nodes` whose id is unknown.
pub(crate) fn check_refs(nodes: &[Node], file: FileId, registry: &Registry, diags: &mut Vec<Diagnostic>) {
    for n in nodes {
        if let Node::RefOpen(r) = n {
            if !r.auto && registry.get(&r.id).is_none() {
                diags.push(registry.unknown(file, r.span.clone(), "reference", &format!("@{}", r.id)).help(
                    "references are written [text](@id) with the id of an entity, document, provision (document/provision), quote, source or figure",
                ));
            }
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
        None => diags.push(registry.unknown(file, span(), role, id)),
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
