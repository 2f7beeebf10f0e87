//! Footnotes as gloss writes them (FORMAT.md 8.2): numbered in order of first
//! reference, with ids taken from the number (`fn-N`, `fn-ref-N`, `fn-ref-N-2`, …) so
//! that no label can take another element's id. They are shown as lowercase letters
//! (a, b, … z, aa, …), so they never look like the annotation notes' numbers: each
//! reference is followed by a copy of its note for the margin of wide screens, and the
//! notes are gathered in a "Notes" list at the end of the body, each linking back to
//! every reference to it.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::site::body::{Bare, Node};

/// One footnote: its number and where its content lies among the body's nodes.
pub(crate) struct Note {
    /// Its number, from 1, in order of first reference.
    pub(crate) number: usize,
    /// Its content: the nodes between its definition's start and end.
    pub(crate) content: Range<usize>,
    /// How many references to it the body holds.
    uses: usize,
}

/// What is known of a body's footnotes before it is written.
#[derive(Default)]
struct Plan {
    numbers: HashMap<String, usize>,
    /// The notes, by number (each label's first definition).
    notes: Vec<Note>,
}

/// A body's footnotes, and the references written so far.
#[derive(Clone, Default)]
pub(crate) struct Footnotes {
    plan: Rc<Plan>,
    seen: HashMap<usize, usize>,
}

/// Labels match without regard to case, as pulldown-cmark matches them.
fn fold(label: &str) -> String {
    label.to_lowercase()
}

/// The letter a footnote is shown with: 1 is `a`, 26 `z`, 27 `aa`, as `<ol type="a">` counts.
pub(crate) fn letter(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

impl Footnotes {
    /// Numbers the footnotes of `nodes`: references first, in reading order, then the
    /// definitions that nothing references (an error, reported when parsing).
    pub(crate) fn of(nodes: &[Node]) -> Footnotes {
        let mut numbers: HashMap<String, usize> = HashMap::new();
        let mut uses: HashMap<String, usize> = HashMap::new();
        let mut defined: Vec<(String, Range<usize>)> = Vec::new();
        let mut open: Vec<(String, usize)> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            match node {
                Node::Event(e) => match &**e {
                    Event::FootnoteReference(label) => {
                        let next = numbers.len() + 1;
                        numbers.entry(fold(label)).or_insert(next);
                        *uses.entry(fold(label)).or_insert(0) += 1;
                    }
                    Event::Start(Tag::FootnoteDefinition(label)) => open.push((fold(label), i + 1)),
                    _ => {}
                },
                Node::Bare(Bare::End(TagEnd::FootnoteDefinition)) => {
                    if let Some((label, start)) = open.pop() {
                        if !defined.iter().any(|(l, _)| *l == label) {
                            defined.push((label, start..i));
                        }
                    }
                }
                _ => {}
            }
        }
        for (label, _) in &defined {
            let next = numbers.len() + 1;
            numbers.entry(label.clone()).or_insert(next);
        }
        let mut notes: Vec<Note> = defined
            .into_iter()
            .map(|(label, content)| Note {
                number: numbers[&label],
                content,
                uses: uses.get(&label).copied().unwrap_or(0),
            })
            .collect();
        notes.sort_by_key(|n| n.number);
        Footnotes { plan: Rc::new(Plan { numbers, notes }), seen: HashMap::new() }
    }

    /// The notes to gather at the end, by number.
    pub(crate) fn notes(&self) -> &[Note] {
        &self.plan.notes
    }

    fn number(&self, label: &str) -> usize {
        self.plan.numbers.get(&fold(label)).copied().unwrap_or(0)
    }

    /// The note `label` refers to.
    pub(crate) fn note(&self, label: &str) -> Option<&Note> {
        let n = self.number(label);
        self.plan.notes.iter().find(|note| note.number == n)
    }

    /// The mark of a reference to `label`, linking to its note: the first one's id is
    /// `fn-ref-N`, later ones `fn-ref-N-2`, `fn-ref-N-3`, …
    pub(crate) fn reference(&mut self, label: &str) -> String {
        let n = self.number(label);
        let seen = self.seen.entry(n).or_insert(0);
        *seen += 1;
        let id = if *seen == 1 { format!("fn-ref-{n}") } else { format!("fn-ref-{n}-{seen}") };
        let l = letter(n);
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\" role=\"doc-noteref\" aria-label=\"Footnote {l}\">{l}</a></sup>"
        )
    }

    /// How many references to `label` have been written.
    pub(crate) fn written(&self, label: &str) -> usize {
        self.seen.get(&self.number(label)).copied().unwrap_or(0)
    }

    /// The mark of a reference inside the margin copy of a note: its letter, no link.
    pub(crate) fn plain_mark(&self, label: &str) -> String {
        format!("<sup class=\"footnote-ref\">{}</sup>", letter(self.number(label)))
    }

    /// The margin copy of note `n`, around `html`: hidden from assistive technology,
    /// which reads the note in the list at the end.
    pub(crate) fn sidenote(n: usize, html: &str) -> String {
        format!(
            "<span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-label\">{}</span> {html}</span>",
            letter(n)
        )
    }

    /// The start of the "Notes" list.
    pub(crate) fn list_start() -> &'static str {
        "<section class=\"footnotes\" aria-labelledby=\"s-footnotes\">\n<h2 id=\"s-footnotes\">Notes</h2>\n<ol class=\"footnotes-list\" type=\"a\">\n"
    }

    /// The end of the "Notes" list.
    pub(crate) fn list_end() -> &'static str {
        "</ol>\n</section>\n"
    }

    /// The start of note `note`'s list item.
    pub(crate) fn item_start(note: &Note) -> String {
        format!("<li id=\"fn-{}\">", note.number)
    }

    /// The links from note `note` back to each of its references.
    pub(crate) fn back_links(note: &Note) -> String {
        let (n, l) = (note.number, letter(note.number));
        let mut s = String::from(" <span class=\"footnote-backs\">");
        for k in 1..=note.uses {
            let (id, label, shown) = match (k, note.uses) {
                (1, 1) => (format!("fn-ref-{n}"), format!("Back to the text of footnote {l}"), String::new()),
                (1, _) => {
                    (format!("fn-ref-{n}"), format!("Back to reference 1 of footnote {l}"), "<sup>1</sup>".into())
                }
                _ => (
                    format!("fn-ref-{n}-{k}"),
                    format!("Back to reference {k} of footnote {l}"),
                    format!("<sup>{k}</sup>"),
                ),
            };
            s.push_str(&format!(
                "<a class=\"footnote-back\" href=\"#{id}\" role=\"doc-backlink\" aria-label=\"{label}\">↩\u{fe0e}{shown}</a>"
            ));
        }
        s.push_str("</span>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::letter;

    #[test]
    fn letters_count_like_an_alphabetic_list() {
        let shown: Vec<String> = [1, 2, 26, 27, 52, 53, 702, 703].into_iter().map(letter).collect();
        assert_eq!(shown, ["a", "b", "z", "aa", "az", "ba", "zz", "aaa"]);
    }
}
