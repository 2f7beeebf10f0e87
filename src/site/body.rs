//! The body IR: a Markdown document as a flat list of nodes that later stages decorate
//! (references resolved, passages anchored, names autolinked) and the renderer
//! serializes once. Positions are byte offsets into the source file.

use std::ops::Range;

use pulldown_cmark::Event;

/// A node is as large as its largest kind, and an archive's bodies hold millions: no
/// kind may be larger than a Markdown event (rare or large ones are boxed).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Node>() == std::mem::size_of::<Event<'static>>());

/// One node of a parsed Markdown text.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A Markdown event passed through unchanged: block and inline structure, code
    /// blocks, images, breaks.
    Event(Event<'static>),
    /// Text a reader sees (plain text or inline code), which anchors and autolinks may split.
    Text(TextRun),
    /// The start of an `@` reference, written or autolinked.
    RefOpen(RefLink),
    /// The end of the innermost reference.
    RefClose,
    /// The end of the anchored passage with this index: its marker and note go here.
    PassageEnd(usize),
    /// An image: `![alt](file "caption")`, or `![](@id)` for one of the article's `images`
    /// (boxed: images are rare, and every node is as large as the largest kind).
    Image(Box<ImageRef>),
}

/// An image written in a text, and what the media stage found for it.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone, Default)]
pub(crate) struct TextRun {
    /// The text, unescaped.
    pub(crate) text: String,
    /// Inline code rather than prose.
    pub(crate) code: bool,
    /// File offset of the Markdown the text came from.
    pub(crate) src: usize,
    /// The anchored passages this run lies in, when it lies in any (boxed: most text
    /// lies in none, and every node is as large as the largest kind).
    pub(crate) marks: Option<Box<PassageMarks>>,
}

/// The anchored passages a run of text lies in.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassageMarks {
    /// Indices of the passages, outermost first.
    pub(crate) passages: Vec<usize>,
    /// The passages that begin with this run (their HTML id goes here).
    pub(crate) opens: Vec<usize>,
}

impl TextRun {
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
#[derive(Debug, Clone)]
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

impl Node {
    /// A plain text node.
    pub(crate) fn text(text: impl Into<String>, src: usize) -> Node {
        Node::Text(TextRun { text: text.into(), src, ..TextRun::default() })
    }
}
