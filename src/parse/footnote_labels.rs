//! The footnote labels of one body, checked as it is read (FORMAT.md 8.2): a
//! reference with no definition, which pulldown-cmark leaves as the text `[^label]`,
//! a definition that nothing refers to, and a label defined twice are errors at their
//! place. Only prose is searched for dangling references: code spans, code blocks and
//! raw HTML never reach [`FootnoteLabels::text`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::input::MdInput;
use crate::diag::Diagnostic;

/// The labels used and defined in one text, with local (text) byte ranges.
#[derive(Default)]
pub(crate) struct FootnoteLabels {
    /// Definitions by folded label: the label as written and where its `[^label]:` is.
    defined: HashMap<String, (String, Range<usize>)>,
    /// Folded labels that a reference outside their own definition uses.
    referenced: HashSet<String>,
    /// Definitions written a second time: the label and where.
    repeated: Vec<(String, Range<usize>)>,
    /// The folded label of the definition being read.
    inside: Option<String>,
    /// Contiguous prose read so far and not yet searched.
    prose: Option<Range<usize>>,
    /// Spans of prose that read `[^label]`, with the label.
    dangling: Vec<(String, Range<usize>)>,
}

/// Labels match without regard to case, as pulldown-cmark matches them.
fn fold(label: &str) -> String {
    label.to_lowercase()
}

impl FootnoteLabels {
    /// Takes note of one event of the text at local range `at`; `verbatim` is true
    /// inside code blocks and image descriptions.
    pub(crate) fn see(&mut self, text: &str, event: &Event<'_>, at: Range<usize>, verbatim: bool) {
        match event {
            Event::Text(_) if !verbatim => match &mut self.prose {
                Some(run) if run.end == at.start => run.end = at.end,
                _ => {
                    self.search(text);
                    self.prose = Some(at.clone());
                }
            },
            _ => self.search(text),
        }
        match event {
            Event::FootnoteReference(label) if self.inside.as_deref() != Some(fold(label).as_str()) => {
                self.referenced.insert(fold(label));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let folded = fold(label);
                let at = at.start..(at.start + label.len() + 3).min(at.end);
                if self.defined.contains_key(&folded) {
                    self.repeated.push((label.to_string(), at));
                } else {
                    self.defined.insert(folded.clone(), (label.to_string(), at));
                }
                self.inside = Some(folded);
            }
            Event::End(TagEnd::FootnoteDefinition) => self.inside = None,
            _ => {}
        }
    }

    /// Finds `[^label]` in the prose run just ended (not after a backslash, which
    /// makes the bracket text).
    fn search(&mut self, text: &str) {
        let Some(run) = self.prose.take() else { return };
        let prose = &text[run.clone()];
        for (i, _) in prose.match_indices("[^") {
            let at = run.start + i;
            if text[..at].bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1 {
                continue;
            }
            let rest = &prose[i + 2..];
            let Some(end) = rest.find([']', '[', '\n']) else { continue };
            if end > 0 && rest[end..].starts_with(']') {
                self.dangling.push((rest[..end].to_string(), at..at + end + 3));
            }
        }
    }

    /// The errors of the text, once it is read.
    pub(crate) fn finish(mut self, input: &MdInput<'_>, diags: &mut Vec<Diagnostic>) {
        self.search(input.text);
        let span = |at: &Range<usize>| input.pos(at.start)..input.pos(at.end);
        for (label, at) in &self.dangling {
            let folded = fold(label);
            if self.defined.contains_key(&folded) {
                continue;
            }
            diags.push(
                Diagnostic::error(input.file, span(at), format!("footnote '[^{label}]' has no definition"))
                    .help(format!("add the note on a line of its own, `[^{label}]: The note.`, or write `\\[^{label}]` to show the brackets as text")),
            );
        }
        let mut unused: Vec<&(String, Range<usize>)> =
            self.defined.iter().filter(|(k, _)| !self.referenced.contains(*k)).map(|(_, v)| v).collect();
        unused.sort_by_key(|(_, at)| at.start);
        for (label, at) in unused {
            diags.push(
                Diagnostic::error(input.file, span(at), format!("footnote '[^{label}]' is never referenced"))
                    .help(format!("put `[^{label}]` in the text where the note belongs, or delete the note")),
            );
        }
        for (label, at) in &self.repeated {
            diags.push(
                Diagnostic::error(input.file, span(at), format!("footnote '[^{label}]' is defined twice")).help(
                    "labels are compared without regard to case; give one of the notes another label, or merge them",
                ),
            );
        }
    }
}
