//! The footnote side of the serializer: a reference's mark and the margin copy of its
//! note, definitions skipped where they are written, and the "Notes" list that follows
//! a body (markup from [`Footnotes`]).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{inline_of, plain_text, Env, Phase, Serializer};
use crate::render::footnotes::Footnotes;
use crate::site::body::{Bare, Node};
use crate::text::escape_html;

impl Serializer<'_, '_, '_> {
    /// A footnote reference: in a body, its mark, and the margin copy of its note
    /// after its first reference.
    pub(super) fn footnote_reference(&mut self, label: &str) -> String {
        if self.phase == Phase::Copy {
            return self.footnotes.plain_mark(label);
        }
        let mut html = self.footnotes.reference(label);
        let note = self.footnotes.note(label).map(|n| (n.number, n.content.clone()));
        let first = self.footnotes.written(label) == 1;
        if let (Phase::Body, true, Some((n, content))) = (self.phase, first, note) {
            html.push_str(&Footnotes::sidenote(n, &self.margin_copy(content)));
        }
        html
    }

    /// The margin copy of a note: its inline HTML when it is only paragraphs of
    /// text, emphasis and links (whose links the keyboard skips, as the copy is hidden
    /// from assistive technology), else its plain text.
    fn margin_copy(&self, content: Range<usize>) -> String {
        let nodes = &self.all[content.clone()];
        if nodes.iter().any(|n| n.as_event().is_some_and(|e| !is_inline(&e))) {
            return escape_html(&plain_text(nodes));
        }
        let cx = Env { scope: self.cx.scope, article: None };
        let copy = Serializer::over(self.all, content, cx, self.footnotes.clone(), Phase::Copy);
        inline_of(copy).replace("<a ", "<a tabindex=\"-1\" ")
    }

    /// Skips a footnote definition where it is written: its note goes at the end.
    pub(super) fn skip_definition(&mut self) {
        let mut depth = 1;
        for node in self.nodes.by_ref() {
            match node {
                Node::Event(e) if matches!(**e, Event::Start(Tag::FootnoteDefinition(_))) => depth += 1,
                Node::Bare(Bare::End(TagEnd::FootnoteDefinition)) if depth == 1 => return,
                Node::Bare(Bare::End(TagEnd::FootnoteDefinition)) => depth -= 1,
                _ => {}
            }
        }
    }

    /// When the nodes being written run out: closes the note being written and starts
    /// the next one, opening or closing the "Notes" list. False when nothing follows.
    pub(super) fn next_note(&mut self) -> bool {
        let footnotes = self.footnotes.clone();
        let notes = footnotes.notes();
        let next = match self.phase {
            Phase::Body if notes.is_empty() => return false,
            Phase::Body => {
                self.queue.push_back(Self::html(Footnotes::list_start().to_string()));
                0
            }
            Phase::Note(i, held) => {
                self.queue.push_back(Self::html(Footnotes::back_links(&notes[i])));
                if held {
                    self.queue.push_back(Event::End(TagEnd::Paragraph));
                }
                self.queue.push_back(Self::html("</li>\n".to_string()));
                i + 1
            }
            Phase::Closed | Phase::Copy => return false,
        };
        let Some(note) = notes.get(next) else {
            self.queue.push_back(Self::html(Footnotes::list_end().to_string()));
            self.phase = Phase::Closed;
            return true;
        };
        let mut content = note.content.clone();
        let held = !content.is_empty() && matches!(self.all[content.end - 1], Node::Bare(Bare::End(TagEnd::Paragraph)));
        if held {
            content.end -= 1;
        }
        self.nodes = self.all[content].iter();
        self.phase = Phase::Note(next, held);
        self.queue.push_back(Self::html(Footnotes::item_start(note)));
        true
    }
}

/// True for the events a note's margin copy may hold.
fn is_inline(e: &Event<'_>) -> bool {
    match e {
        Event::Start(t) => {
            matches!(t, Tag::Paragraph | Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
        }
        Event::End(t) => {
            matches!(t, TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
        }
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::FootnoteReference(_) => true,
        _ => false,
    }
}
