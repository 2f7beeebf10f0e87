//! Ids (FORMAT.md 2): their form, their one site-wide namespace, and lookups with
//! "did you mean" suggestions.

use std::ops::Range;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::site::Target;

/// The longest id allowed.
pub(crate) const MAX_ID_LEN: usize = 80;

/// True for lowercase ASCII letters and digits joined by single hyphens, 1–80 chars.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A suggestion for a bad id: lowercased, other characters turned into single hyphens.
pub(crate) fn suggest_id(bad: &str) -> String {
    let mut s = String::new();
    for c in bad.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_end_matches('-').chars().take(MAX_ID_LEN).collect()
}

/// The error for an id that breaks the rules; `what` names it ("entity id", "article slug").
pub(crate) fn bad_id(file: FileId, span: Range<usize>, what: &str, id: &str) -> Diagnostic {
    let d = Diagnostic::error(file, span, format!("invalid {what} '{id}'"))
        .help("ids are 1 to 80 lowercase ASCII letters, digits and single hyphens");
    match suggest_id(id) {
        s if !s.is_empty() && s != id => d.help(format!("try '{s}'")),
        _ => d,
    }
}

/// Where `value` is written in `file`: in its front matter, or at the start of the file
/// for ids that are file names.
pub(crate) fn definition_span(sources: &SourceMap, file: FileId, in_front_matter: bool, value: &str) -> Range<usize> {
    if !in_front_matter {
        return 0..0;
    }
    let text = sources.passing_text(file);
    crate::load::frontmatter::locate(&text, 0..text.len(), value)
}

/// Every id of the site, where it was defined, and what it names.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Registry {
    /// Every id and what it names, shared with the site model ([`Registry::targets`]);
    /// not saved with it, but shared again when loaded ([`Registry::share`]).
    #[serde(skip)]
    targets: Arc<FxHashMap<String, Target>>,
    /// Where each target was defined: its file, and whether in front matter.
    defined_at: FxHashMap<Target, (FileId, bool)>,
    /// The heading ids of each article's body, by article index.
    headings: FxHashMap<usize, FxHashSet<String>>,
    /// Ids that files which did not load would have defined.
    unavailable: FxHashSet<String>,
}

impl Registry {
    /// Defines `id` (already checked for form) in `file`, in its front matter when
    /// `in_front_matter` (otherwise by the file's name). A repeat is an error naming
    /// both places; positions are only looked up then.
    pub(crate) fn define(
        &mut self,
        id: &str,
        target: Target,
        file: FileId,
        in_front_matter: bool,
        sources: &SourceMap,
    ) -> Option<Diagnostic> {
        if let Some(&(first_file, first_in_fm)) = self.targets.get(id).and_then(|t| self.defined_at.get(t)) {
            // Only a provision's id holds a `/`; its file holds the local part.
            let written = id.rsplit('/').next().unwrap_or(id);
            let first_at = definition_span(sources, first_file, first_in_fm, written).start;
            let (line, col) = sources.line_col(first_file, first_at);
            let span = definition_span(sources, file, in_front_matter, written);
            return Some(Diagnostic::error(file, span, format!("id '{id}' is defined twice")).help(format!(
                "it is first defined at {}:{line}:{col}; ids are unique across the whole site",
                sources.name(first_file)
            )));
        }
        Arc::make_mut(&mut self.targets).insert(id.to_string(), target);
        self.defined_at.insert(target, (file, in_front_matter));
        None
    }

    /// Sets the heading ids of article `a`'s body.
    pub(crate) fn set_headings(&mut self, a: usize, ids: FxHashSet<String>) {
        self.headings.insert(a, ids);
    }

    /// Whether article `a`'s body has a heading with this id.
    pub(crate) fn has_heading(&self, a: usize, id: &str) -> bool {
        self.headings.get(&a).is_some_and(|h| h.contains(id))
    }

    /// What `id` names.
    pub(crate) fn get(&self, id: &str) -> Option<Target> {
        self.targets.get(id).copied()
    }

    /// The id map, shared.
    pub(crate) fn targets(&self) -> Arc<FxHashMap<String, Target>> {
        Arc::clone(&self.targets)
    }

    /// Shares `targets`, the site model's id map, again (after loading a saved registry).
    pub(crate) fn share(&mut self, targets: &Arc<FxHashMap<String, Target>>) {
        self.targets = Arc::clone(targets);
    }

    /// Up to three known ids closest to `unknown` by edit distance.
    pub(crate) fn closest(&self, unknown: &str) -> Vec<&str> {
        let limit = (unknown.len() / 3).max(2);
        let mut scored: Vec<(usize, &str)> = self
            .targets
            .keys()
            .map(|k| (strsim::levenshtein(unknown, k), k.as_str()))
            .filter(|(d, k)| *d <= limit || k.starts_with(unknown) || unknown.starts_with(*k))
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, k)| k).collect()
    }

    /// Marks ids that files which did not load would have defined: references to
    /// them are not reported again (the file's own error says what is wrong).
    pub(crate) fn set_unavailable(&mut self, ids: impl IntoIterator<Item = String>) {
        self.unavailable.extend(ids);
    }

    /// The error for a reference to an unknown id, with suggestions; `None` when a
    /// file that did not load would have defined it.
    pub(crate) fn unknown(&self, file: FileId, span: Range<usize>, what: &str, id: &str) -> Option<Diagnostic> {
        let bare = id.trim_start_matches('@');
        if self.unavailable.contains(bare.split('#').next().unwrap_or(bare)) {
            return None;
        }
        let d = Diagnostic::error(file, span, format!("unknown {what} '{id}'"));
        Some(match self.closest(id).as_slice() {
            [] => d.help(
                "define it (an entity or document file, or a quote, source or figure in an article), or fix the id",
            ),
            close => d.help(format!(
                "did you mean {}?",
                close.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
            )),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rules() {
        for ok in ["a", "nicolas-lerner", "article-4", "x1"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "Nicolas", "a--b", "-a", "a-", "a/b", "..", "café", &"a".repeat(81)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
        assert_eq!(suggest_id("Nicolas Lerner"), "nicolas-lerner");
    }
}
