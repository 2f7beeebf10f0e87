//! The text content of a fragment of HTML as a browser gives it for the element that
//! holds the fragment (`textContent`): markup dropped, character references decoded,
//! the newline right after `<pre>` or `<textarea>` dropped, counted in Unicode scalar
//! values. Beside it, the range each marked element covers: an element is marked by its
//! `id`, and the later parts of a passage the serializer had to split by `data-passage`,
//! so a passage's range runs from its first part's start to its last part's end.

use std::ops::Range;

use html5gum::emitters::callback::CallbackEvent;
use rustc_hash::FxHashMap;

/// Elements that never have content or an end tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Elements whose first newline the HTML parser drops.
const DROPS_FIRST_NEWLINE: &[&str] = &["pre", "listing", "textarea"];

/// Whether the tag name `name` is one of `names`.
fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names.iter().any(|n| n.as_bytes() == name)
}

/// The text of an HTML fragment and where its marked elements lie in it.
#[derive(Debug, Default)]
pub(crate) struct TextContent {
    chars: Vec<char>,
    marked: FxHashMap<String, Range<usize>>,
}

/// An element open at the current point of the fragment.
struct Open {
    name: Vec<u8>,
    mark: Option<String>,
    start: usize,
}

/// The start tag being read: its name, and its first `id` and `data-passage` values.
struct StartTag {
    name: Vec<u8>,
    id: Option<String>,
    passage: Option<String>,
}

/// The marking attribute whose value comes next.
#[derive(Clone, Copy)]
enum Marking {
    Id,
    Passage,
}

impl TextContent {
    /// The text content of `html`, with the ranges of its marked elements. Tokens are
    /// taken as the tokenizer reads them, so no tag or attribute is copied that is not
    /// needed.
    pub(crate) fn of(html: &str) -> TextContent {
        let mut out = TextContent::default();
        let mut open: Vec<Open> = Vec::new();
        let mut tag: Option<StartTag> = None;
        let mut marking: Option<Marking> = None;
        let mut after_newline_dropper = false;
        crate::html_tokens::read(html, |event, _| {
            let drops = std::mem::take(&mut after_newline_dropper);
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    tag = Some(StartTag { name: name.to_vec(), id: None, passage: None });
                }
                CallbackEvent::AttributeName { name } => {
                    marking = match name {
                        b"id" => Some(Marking::Id),
                        b"data-passage" => Some(Marking::Passage),
                        _ => None,
                    };
                }
                CallbackEvent::AttributeValue { value } => {
                    let t = tag.as_mut()?;
                    // As a browser does, the first of repeated attributes counts.
                    let slot = match marking.take() {
                        Some(Marking::Id) => &mut t.id,
                        Some(Marking::Passage) => &mut t.passage,
                        None => return None,
                    };
                    slot.get_or_insert_with(|| String::from_utf8_lossy(value).into_owned());
                }
                CallbackEvent::CloseStartTag { self_closing } => {
                    let StartTag { name, id, passage } = tag.take()?;
                    let (mark, here) = (id.or(passage), out.chars.len());
                    if self_closing || is_one_of(&name, VOID) {
                        out.mark(mark, here..here);
                        return None;
                    }
                    after_newline_dropper = is_one_of(&name, DROPS_FIRST_NEWLINE);
                    open.push(Open { name, mark, start: here });
                }
                CallbackEvent::EndTag { name } => {
                    let at = open.iter().rposition(|o| *o.name == *name)?;
                    let here = out.chars.len();
                    for closed in open.drain(at..) {
                        out.mark(closed.mark, closed.start..here);
                    }
                }
                CallbackEvent::String { value } => {
                    let text = String::from_utf8_lossy(value);
                    let text = if drops { text.strip_prefix('\n').unwrap_or(&text) } else { &text };
                    out.chars.extend(text.chars());
                }
                _ => {}
            }
            None
        });
        let end = out.chars.len();
        for closed in open {
            out.mark(closed.mark, closed.start..end);
        }
        out
    }

    /// Widens the range of `mark` to take in `range`.
    fn mark(&mut self, mark: Option<String>, range: Range<usize>) {
        let Some(mark) = mark else { return };
        let r = self.marked.entry(mark).or_insert(range.clone());
        *r = r.start.min(range.start)..r.end.max(range.end);
    }

    /// The range of the element marked `mark`, in characters.
    pub(crate) fn range(&self, mark: &str) -> Option<Range<usize>> {
        self.marked.get(mark).cloned()
    }

    /// The characters in `range` (clamped to the text).
    pub(crate) fn slice(&self, range: Range<usize>) -> String {
        let end = range.end.min(self.chars.len());
        self.chars[range.start.min(end)..end].iter().collect()
    }

    /// How many characters the text has.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }
}
