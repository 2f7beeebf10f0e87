//! The text of each block as a reader sees it, with a map back to the nodes it came from.
//!
//! A block is a paragraph, heading, list item or table cell. Its *display* text has
//! white-space runs collapsed to one space; its *haystack* additionally folds curly
//! quotes and apostrophes to straight ones, so anchors match either spelling.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::site::body::{Bare, Node};

/// Where one haystack byte came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HayPos {
    /// Index of the text node.
    pub(crate) node: u32,
    /// Byte offset in that node's text.
    pub(crate) off: u32,
    /// Byte offset in the block's display text.
    pub(crate) disp: u32,
}

/// Where each byte of a haystack came from, kept as runs: a word of ASCII is one run
/// whose bytes step through the source and display text together, a folded
/// character one run whose bytes all come from that character. Only a few positions
/// are ever looked up (the ends of each anchor found), so one entry per byte was
/// mostly written for nothing.
#[derive(Debug, Default)]
pub(crate) struct HayMap {
    /// Each run: its first haystack byte, where that came from, and whether the next
    /// bytes step on (else they all come from the same place).
    runs: Vec<(u32, HayPos, bool)>,
    /// Haystack bytes mapped.
    len: usize,
}

impl HayMap {
    /// Maps the next `n` haystack bytes: from `pos` on, stepping when `steps`.
    fn push(&mut self, pos: HayPos, n: usize, steps: bool) {
        self.runs.push((self.len as u32, pos, steps));
        self.len += n;
    }

    /// Where haystack byte `i` came from.
    pub(crate) fn get(&self, i: usize) -> HayPos {
        let r = self.runs.partition_point(|run| run.0 as usize <= i).saturating_sub(1);
        let (start, pos, steps) = self.runs[r];
        let d = if steps { i as u32 - start } else { 0 };
        HayPos { node: pos.node, off: pos.off + d, disp: pos.disp + d }
    }

    /// How many haystack bytes are mapped.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

/// One block's text.
#[derive(Debug, Default)]
pub(crate) struct BlockText {
    /// White space collapsed, quote marks as written.
    pub(crate) disp: String,
    /// `disp` with quote marks folded: what anchors are searched in.
    pub(crate) hay: String,
    /// For each byte of `hay`, where it came from.
    pub(crate) map: HayMap,
    /// File offset of the block's first text.
    pub(crate) src: usize,
}

/// The blocks of a node list, and where each node sits in them.
#[derive(Debug, Default)]
pub(crate) struct BlockIndex {
    /// Every block with text, in document order.
    pub(crate) blocks: Vec<BlockText>,
    /// For each node: its block and the display offset at which it starts.
    pub(crate) node_pos: Vec<Option<(usize, usize)>>,
}

/// Folds a character for matching: curly quotes and apostrophes become straight ones.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        _ => c,
    }
}

/// The form a search string is matched in: trimmed, white space collapsed, quotes folded.
pub(crate) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(fold_char(c));
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Like [`normalize`] but keeps a leading or trailing space (for prefixes and suffixes).
pub(crate) fn normalize_edge(s: &str) -> String {
    let core = normalize(s);
    let lead = if s.starts_with(char::is_whitespace) && !core.is_empty() { " " } else { "" };
    let trail = if s.ends_with(char::is_whitespace) && !core.is_empty() { " " } else { "" };
    if core.is_empty() && !s.is_empty() {
        return " ".to_string();
    }
    format!("{lead}{core}{trail}")
}

/// Whether a tag (named by its end) begins and ends a block of text.
fn is_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// How much of each block's text to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Display text, haystack and map: what anchoring needs.
    Anchors,
    /// Display text only: what excerpts need.
    Text,
}

/// Splits `nodes` into blocks and builds each block's text.
pub(crate) fn index(nodes: &[Node], detail: Detail) -> BlockIndex {
    let mut idx = BlockIndex { blocks: Vec::new(), node_pos: Vec::with_capacity(nodes.len()) };
    let mut current: Option<BlockText> = None;
    let mut heading_depth = 0usize;
    for (i, node) in nodes.iter().enumerate() {
        let mut pos = None;
        match node {
            Node::Bare(Bare::Start(tag)) if is_block(tag) => flush(&mut idx, &mut current),
            Node::Event(e) if matches!(&**e, Event::Start(tag) if is_block(&tag.to_end())) => {
                flush(&mut idx, &mut current);
                if matches!(**e, Event::Start(Tag::Heading { .. })) {
                    heading_depth += 1;
                }
            }
            Node::Bare(Bare::End(tag)) if is_block(tag) => {
                flush(&mut idx, &mut current);
                if matches!(tag, TagEnd::Heading(_)) {
                    heading_depth = heading_depth.saturating_sub(1);
                }
            }
            Node::Bare(Bare::SoftBreak | Bare::HardBreak) => {
                if let Some(b) = current.as_mut() {
                    pos = Some((idx.blocks.len(), b.disp.len()));
                    push_text(b, i, " ", detail);
                }
            }
            Node::Text(run) => {
                let b = current.get_or_insert_with(|| BlockText { src: run.src(), ..BlockText::default() });
                pos = Some((idx.blocks.len(), b.disp.len()));
                push_text(b, i, &run.text, detail);
            }
            _ => pos = current.as_ref().map(|b| (idx.blocks.len(), b.disp.len())),
        }
        idx.node_pos.push(pos);
    }
    flush(&mut idx, &mut current);
    idx
}

fn flush(idx: &mut BlockIndex, current: &mut Option<BlockText>) {
    if let Some(b) = current.take() {
        idx.blocks.push(b);
    }
}

/// Appends `text`, the text of node `node`, to block `b`: white space collapsed to one
/// space (none at the block's start), and with [`Detail::Anchors`] the haystack and map.
/// Taken word by word, so that a word of ASCII is copied whole.
fn push_text(b: &mut BlockText, node: usize, text: &str, detail: Detail) {
    b.disp.reserve(text.len());
    if detail == Detail::Anchors {
        b.hay.reserve(text.len());
    }
    // Where the white space before the next word is, once there is one.
    let mut space_at = None;
    for word in text.split(char::is_whitespace) {
        let off = word.as_ptr() as usize - text.as_ptr() as usize;
        if let Some(at) = space_at {
            if !b.disp.is_empty() && !b.disp.ends_with(' ') {
                if detail == Detail::Anchors {
                    b.map.push(HayPos { node: node as u32, off: at as u32, disp: b.disp.len() as u32 }, 1, true);
                    b.hay.push(' ');
                }
                b.disp.push(' ');
            }
        }
        space_at = Some(off + word.len());
        match detail {
            Detail::Text => b.disp.push_str(word),
            Detail::Anchors => push_word(b, node, off, word),
        }
    }
}

/// Appends `word` (no white space in it), at byte `off` of node `node`'s text, to the
/// block's display text, haystack and map.
fn push_word(b: &mut BlockText, node: usize, off: usize, word: &str) {
    if word.is_ascii() {
        if !word.is_empty() {
            b.map.push(HayPos { node: node as u32, off: off as u32, disp: b.disp.len() as u32 }, word.len(), true);
        }
        b.disp.push_str(word);
        b.hay.push_str(word);
        return;
    }
    for (i, c) in word.char_indices() {
        let pos = HayPos { node: node as u32, off: (off + i) as u32, disp: b.disp.len() as u32 };
        b.disp.push(c);
        let f = fold_char(c);
        b.hay.push(f);
        b.map.push(pos, f.len_utf8(), false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::{parse, MdInput};

    #[test]
    fn block_text_ignores_markup_and_folds_quotes() {
        let nodes = parse(
            MdInput {
                text: "He said *“satellite\nimages”* are\n\nNext.",
                base: 0,
                file: 0,
                raw_html: false,
                footnotes: true,
                offsets: None,
            },
            &mut Vec::new(),
        );
        let idx = index(&nodes, Detail::Anchors);
        assert_eq!(idx.blocks.len(), 2);
        assert_eq!(idx.blocks[0].disp, "He said “satellite images” are");
        assert_eq!(idx.blocks[0].hay, "He said \"satellite images\" are");
        assert_eq!(idx.blocks[0].map.len(), idx.blocks[0].hay.len());
    }

    #[test]
    fn every_haystack_byte_maps_back_to_the_character_it_came_from() {
        let text = "  \u{201C}Kim\u{2019}s\u{201D}\u{a0}\u{a0}troops\tarrived in Курск. ";
        let mut b = BlockText::default();
        push_text(&mut b, 7, text, Detail::Anchors);
        push_text(&mut b, 8, " \n done", Detail::Anchors);
        assert_eq!(b.disp, "\u{201C}Kim\u{2019}s\u{201D} troops arrived in Курск. done");
        assert_eq!(b.hay, "\"Kim's\" troops arrived in Курск. done");
        assert_eq!(b.map.len(), b.hay.len());
        for (i, h) in b.hay.char_indices() {
            let pos = b.map.get(i);
            let source = if pos.node == 7 { text } else { " \n done" };
            let c = source[pos.off as usize..].chars().next().unwrap();
            let shown = b.disp[pos.disp as usize..].chars().next().unwrap();
            if h == ' ' {
                assert!(c.is_whitespace() && shown == ' ', "byte {i}");
            } else {
                assert_eq!((fold_char(c), fold_char(shown)), (h, h), "byte {i}");
            }
        }
        let mut t = BlockText::default();
        push_text(&mut t, 7, text, Detail::Text);
        push_text(&mut t, 8, " \n done", Detail::Text);
        assert_eq!(t.disp, b.disp);
        assert!(t.hay.is_empty() && t.map.len() == 0);
    }
}
