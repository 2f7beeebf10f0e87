//! Footnotes as gloss writes them: numbered in order of first reference, with ids
//! taken from the number (`fn-N`, `fn-ref-N`) so that no label can take another
//! element's id, and a link back from each note to its first reference.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use crate::site::body::Node;

/// Footnotes numbered in order of first reference. Their ids (`fn-N`, `fn-ref-N`) come
/// from the number, never from the label, so no label can take another element's id.
#[derive(Default)]
pub(crate) struct Footnotes {
    numbers: HashMap<String, usize>,
    /// Labels that some reference uses, whose definitions link back.
    referenced: HashSet<String>,
    references: HashMap<usize, usize>,
}

impl Footnotes {
    pub(crate) fn of(nodes: &[Node]) -> Footnotes {
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let referenced: HashSet<String> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Event(Event::FootnoteReference(label)) => Some(label.to_string()),
                _ => None,
            })
            .collect();
        // References first, in reading order; definitions nobody references after them.
        for wanted_reference in [true, false] {
            for node in nodes {
                let label = match node {
                    Node::Event(Event::FootnoteReference(label)) if wanted_reference => label,
                    Node::Event(Event::Start(Tag::FootnoteDefinition(label))) if !wanted_reference => label,
                    _ => continue,
                };
                let next = numbers.len() + 1;
                numbers.entry(label.to_string()).or_insert(next);
            }
        }
        Footnotes { numbers, referenced, references: HashMap::new() }
    }

    fn number(&self, label: &str) -> usize {
        self.numbers.get(label).copied().unwrap_or(0)
    }

    /// The link of a reference to `label`: the first one's id is `fn-ref-N`, later
    /// ones `fn-ref-N-2`, `fn-ref-N-3`, …
    pub(crate) fn reference(&mut self, label: &str) -> String {
        let n = self.number(label);
        let seen = self.references.entry(n).or_insert(0);
        *seen += 1;
        let id = if *seen == 1 { format!("fn-ref-{n}") } else { format!("fn-ref-{n}-{seen}") };
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\" role=\"doc-noteref\">{n}</a></sup>")
    }

    pub(crate) fn definition_start(&self, label: &str) -> String {
        let n = self.number(label);
        format!("<div class=\"footnote\" id=\"fn-{n}\" role=\"doc-footnote\"><span class=\"footnote-num\">{n}</span>")
    }

    /// The end of a definition, with a link back to its first reference when it has one.
    pub(crate) fn definition_end(&self, label: &str) -> String {
        let n = self.number(label);
        if self.referenced.contains(label) {
            format!(" <a class=\"footnote-back\" href=\"#fn-ref-{n}\" aria-label=\"Back to the text of note {n}\">↩</a></div>")
        } else {
            "</div>".to_string()
        }
    }
}
