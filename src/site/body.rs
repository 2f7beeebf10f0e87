//! The body IR: a Markdown document as a flat list of nodes that later stages decorate
//! (references resolved, passages anchored, names autolinked) and the renderer
//! serializes once. Positions are byte offsets into the source file.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::{Deserialize, Deserializer, Serialize};

/// A node is as large as its largest kind, and an archive's bodies hold millions (1.3
/// million at 10,000 articles): a text run sets the size, and every other kind is
/// boxed or smaller.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Node>() <= 32);

/// One node of a parsed Markdown text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) enum Node {
    /// A Markdown event that holds nothing but its kind, passed through unchanged: most
    /// of a text's structure (paragraphs, items, emphasis, table cells, every end tag,
    /// line breaks).
    Bare(Bare),
    /// Any other Markdown event, passed through unchanged: headings, links, lists that
    /// count from a number, tables, code blocks and their text, footnotes, HTML. Made by
    /// [`Node::event`], which keeps the events a [`Bare`] can hold out of it.
    Event(#[serde(deserialize_with = "owned_event")] Box<Event<'static>>),
    /// Text a reader sees (plain text or inline code), which anchors and autolinks may split.
    Text(TextRun),
    /// The start of an `@` reference, written or autolinked (boxed, like the rare kinds).
    RefOpen(Box<RefLink>),
    /// The end of the innermost reference.
    RefClose,
    /// The end of the anchored passage with this index: its marker and note go here.
    PassageEnd(usize),
    /// An image: `![alt](file "caption")`, or `![](@id)` for one of the article's `images`
    /// (boxed: images are rare, and every node is as large as the largest kind).
    Image(Box<ImageRef>),
}

/// An image written in a text, and what the media stage found for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct ImageRef {
    /// What was written between the parentheses: a path, or `@id`.
    pub(crate) src: String,
    /// The alt text, as plain text.
    pub(crate) alt: String,
    /// The title, which a figure shows as its caption.
    pub(crate) title: String,
    /// File span of the whole `![…](…)`.
    pub(crate) span: Range<usize>,
    /// Alone in its paragraph: shown as a figure with its caption.
    pub(crate) figure: bool,
    /// The file in the site's media list, once found.
    pub(crate) media: Option<usize>,
    /// For `@id`, the index of the entry in the article's `images`.
    pub(crate) item: Option<usize>,
}

/// A run of visible text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct TextRun {
    /// The text, unescaped (a boxed `str`, with no room to grow: a node is as large as
    /// a text run).
    pub(crate) text: Box<str>,
    /// Inline code rather than prose.
    pub(crate) code: bool,
    /// File offset of the Markdown the text came from (a `u32`, as a content file is
    /// at most 8 MiB: a node is as large as a text run).
    src: u32,
    /// The anchored passages this run lies in, when it lies in any (boxed: most text
    /// lies in none, and every node is as large as the largest kind).
    pub(crate) marks: Option<Box<PassageMarks>>,
}

/// The anchored passages a run of text lies in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct PassageMarks {
    /// Indices of the passages, outermost first.
    pub(crate) passages: Vec<usize>,
    /// The passages that begin with this run (their HTML id goes here).
    pub(crate) opens: Vec<usize>,
}

impl TextRun {
    /// A run of `text` from the Markdown at file offset `src`, in no passage.
    pub(crate) fn new(text: String, src: usize, code: bool) -> TextRun {
        TextRun { text: text.into_boxed_str(), code, src: u32::try_from(src).unwrap_or(u32::MAX), marks: None }
    }

    /// File offset of the Markdown the text came from.
    pub(crate) fn src(&self) -> usize {
        self.src as usize
    }

    /// Indices of the anchored passages this run lies in, outermost first.
    pub(crate) fn passages(&self) -> &[usize] {
        self.marks.as_ref().map_or(&[], |m| &m.passages)
    }

    /// The passages that begin with this run.
    pub(crate) fn opens(&self) -> &[usize] {
        self.marks.as_ref().map_or(&[], |m| &m.opens)
    }
}

/// An `@id` reference.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(test, derive(PartialEq))]
pub(crate) struct RefLink {
    /// The id referred to (`nicolas-lerner`, `treaty/article-4`).
    pub(crate) id: Box<str>,
    /// A heading of the article referred to (`@slug#heading`), when one was written.
    pub(crate) fragment: Option<Box<str>>,
    /// File span of the link (or of the autolinked words).
    pub(crate) span: Range<usize>,
    /// The HTML id this reference carries in the output, so backlinks can land on it
    /// (empty until mentions are recorded). With the two fields above as boxed strings,
    /// a reference is no larger than a Markdown event, which sets the size of a node.
    pub(crate) html_id: Box<str>,
    /// Inserted by autolinking rather than written by the author.
    pub(crate) auto: bool,
}

/// A Markdown event that holds nothing but its kind: a start tag without data is
/// named by its end tag's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Bare {
    /// The start of a tag that holds no data (`Tag::Paragraph` is `Start(TagEnd::Paragraph)`).
    Start(TagEnd),
    /// The end of any tag.
    End(TagEnd),
    /// A line break that shows as a space.
    SoftBreak,
    /// A line break that shows as one.
    HardBreak,
    /// A thematic break.
    Rule,
}

impl Bare {
    /// The event, when it holds nothing but its kind: a start tag is bare when its
    /// end tag's kind gives it back whole ([`Bare::event`] is the one table of them).
    fn of(e: &Event<'_>) -> Option<Bare> {
        Some(match e {
            Event::Start(tag) => {
                let bare = Bare::Start(tag.to_end());
                return (bare.event() == *e).then_some(bare);
            }
            Event::End(end) => Bare::End(*end),
            Event::SoftBreak => Bare::SoftBreak,
            Event::HardBreak => Bare::HardBreak,
            Event::Rule => Bare::Rule,
            _ => return None,
        })
    }

    /// The Markdown event again.
    pub(crate) fn event(self) -> Event<'static> {
        match self {
            Bare::Start(end) => Event::Start(match end {
                TagEnd::Paragraph => Tag::Paragraph,
                TagEnd::BlockQuote(kind) => Tag::BlockQuote(kind),
                TagEnd::HtmlBlock => Tag::HtmlBlock,
                TagEnd::List(_) => Tag::List(None),
                TagEnd::Item => Tag::Item,
                TagEnd::DefinitionList => Tag::DefinitionList,
                TagEnd::DefinitionListTitle => Tag::DefinitionListTitle,
                TagEnd::DefinitionListDefinition => Tag::DefinitionListDefinition,
                TagEnd::TableHead => Tag::TableHead,
                TagEnd::TableRow => Tag::TableRow,
                TagEnd::TableCell => Tag::TableCell,
                TagEnd::Emphasis => Tag::Emphasis,
                TagEnd::Strong => Tag::Strong,
                TagEnd::Strikethrough => Tag::Strikethrough,
                TagEnd::Superscript => Tag::Superscript,
                TagEnd::Subscript => Tag::Subscript,
                // The tags that hold data (a heading's id, a link's address, a list's
                // first number, …): `Bare::of` never makes their starts bare, since
                // this gives back no start of theirs.
                TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::Table
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::MetadataBlock(_) => Tag::Paragraph,
            }),
            Bare::End(end) => Event::End(end),
            Bare::SoftBreak => Event::SoftBreak,
            Bare::HardBreak => Event::HardBreak,
            Bare::Rule => Event::Rule,
        }
    }
}

impl Node {
    /// The node of a Markdown event: [`Node::Bare`] when it holds nothing but its kind,
    /// else [`Node::Event`].
    pub(crate) fn event(e: Event<'static>) -> Node {
        match Bare::of(&e) {
            Some(bare) => Node::Bare(bare),
            None => Node::Event(Box::new(e)),
        }
    }

    /// The Markdown event this node passes through, if it is one.
    pub(crate) fn as_event(&self) -> Option<std::borrow::Cow<'_, Event<'static>>> {
        match self {
            Node::Bare(bare) => Some(std::borrow::Cow::Owned(bare.event())),
            Node::Event(e) => Some(std::borrow::Cow::Borrowed(e)),
            _ => None,
        }
    }

    /// The id of the heading this node starts, once it has one.
    pub(crate) fn heading_id(&self) -> Option<&str> {
        match self {
            Node::Event(e) => match &**e {
                Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id),
                _ => None,
            },
            _ => None,
        }
    }

    /// A plain text node.
    pub(crate) fn text(text: impl Into<String>, src: usize) -> Node {
        Node::Text(TextRun::new(text.into(), src, false))
    }
}

/// Reads an event and makes its strings its own (the encoded body is not kept).
fn owned_event<'de, D: Deserializer<'de>>(d: D) -> Result<Box<Event<'static>>, D::Error> {
    Event::deserialize(d).map(|e| Box::new(e.into_static()))
}
