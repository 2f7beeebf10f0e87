//! Corrections (FORMAT.md 8.3) checked: each `ref` names a quote, figure, source or
//! image of the article the correction belongs to.

use std::ops::Range;

use super::ids::Registry;
use crate::diag::Diagnostic;
use crate::meta::ArticleMeta;
use crate::site::Target;

/// Every correction's `ref` names a quote, figure, source or image of this article.
pub(crate) fn check(
    meta: &ArticleMeta,
    index: usize,
    registry: &Registry,
    locate: &dyn Fn(&str) -> Range<usize>,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) {
    for c in &meta.corrections {
        let Some(id) = &c.target else { continue };
        match registry.get(id) {
            Some(Target::Quote(a, _) | Target::Figure(a, _) | Target::Source(a, _) | Target::Image(a, _))
                if a == index => {}
            Some(_) => diags.push(
                Diagnostic::error(file, locate(id), format!("a correction cannot concern '{id}'"))
                    .help("a correction's `ref` names a quote, figure, source or image of the same article"),
            ),
            None => diags.extend(registry.unknown(file, locate(id), "correction ref", id)),
        }
    }
}
