//! Mentions (FORMAT.md 4.4): giving every reference in a body its HTML id and recording
//! it with the sentence around it.

use std::collections::HashMap;

use super::blocks::{self, BlockIndex};
use super::sentences;
use super::table_rows::Tables;
use crate::diag::floor_char_boundary;
use crate::site::body::Node;
use crate::site::{reference_html_id, Excerpt, Landing, Mention, MentionVia};
use crate::text::{clip_end, clip_start};

/// How far excerpts look for a sentence boundary, in bytes on each side.
const SCAN_BYTES: usize = 4 * Excerpt::CONTEXT_CHARS;

/// How many sentence terminators on each side of the words the excerpt's window
/// takes in beyond the first (abbreviations can hide a few).
const TERMINATORS: usize = 8;

/// The sentence of `text` around `start..end` (byte offsets), trimmed to a readable
/// length. Only a bounded window around the words is scanned.
pub(crate) fn excerpt(text: &str, start: usize, end: usize) -> Excerpt {
    // Sentences end only at terminators: segmenting from a few of them before the
    // words to a few after keeps the work small however many mentions a block has.
    let is_end = |(_, c): &(usize, char)| matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
    let mut window_start = floor_char_boundary(text, start.saturating_sub(SCAN_BYTES));
    let mut window_end = floor_char_boundary(text, (end + SCAN_BYTES).min(text.len()));
    if let Some((i, c)) = text[window_start..start].char_indices().rev().filter(is_end).nth(TERMINATORS) {
        window_start += i + c.len_utf8();
    }
    if let Some((i, c)) = text[end..window_end].char_indices().filter(is_end).nth(TERMINATORS) {
        window_end = end + i + c.len_utf8();
    }
    let window = &text[window_start..window_end];
    let (from, to) = sentences::around(window, start - window_start, end - window_start);
    cut(text, window_start + from, window_start + to, start, end)
}

/// The excerpt of `start..end` in the sentences `from..to` of `text`.
fn cut(text: &str, from: usize, to: usize, start: usize, end: usize) -> Excerpt {
    let (from, to) = (from.min(start), to.max(end));
    Excerpt::new(
        &clip_start(&text[from..start], Excerpt::CONTEXT_CHARS),
        &text[start..end],
        &clip_end(&text[end..to], Excerpt::CONTEXT_CHARS),
    )
}

/// Blocks up to this many bytes are split into sentences once for all their mentions;
/// longer ones are scanned in a window around each (see [`excerpt`]).
const WHOLE_BLOCK: usize = 2 * SCAN_BYTES;

/// The sentence starts of the blocks of one text, each found once, as far as asked.
#[derive(Default)]
struct BlockSentences<'t>(HashMap<usize, sentences::Starts<'t>>);

impl<'t> BlockSentences<'t> {
    /// The excerpt of `start..end` in block `b`, whose display text is `text`.
    fn excerpt(&mut self, b: usize, text: &'t str, start: usize, end: usize) -> Excerpt {
        if text.len() > WHOLE_BLOCK {
            return excerpt(text, start, end);
        }
        let (from, to) = self.0.entry(b).or_insert_with(|| sentences::Starts::new(text)).around(start, end);
        cut(text, from, to, start, end)
    }
}

/// How many references to each id an article has numbered so far.
pub(crate) type Counts = HashMap<String, u32>;

/// A reference not yet closed: its node, where it starts (block and display offset),
/// and its number among the article's references to its id.
type Open = (usize, Option<(usize, usize)>, u32);

/// Gives each reference of one Markdown text of an article (its body, standfirst or a
/// note) a stable HTML id (`m-<id>-<n>`, numbered across the article through `counts`)
/// and returns the mentions, with their file offsets for ordering.
pub(crate) fn record(article: usize, nodes: &mut [Node], counts: &mut Counts) -> Vec<(usize, Mention)> {
    let idx = blocks::index(nodes, blocks::Detail::Text);
    let tables = Tables::of(nodes);
    let mut open: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    let mut sentences = BlockSentences::default();
    for i in 0..nodes.len() {
        match &mut nodes[i] {
            Node::RefOpen(r) => {
                let n = counts.entry(r.id.to_string()).or_insert(0);
                *n += 1;
                r.html_id = reference_html_id(&r.id, *n).into_boxed_str();
                open.push((i, position(&idx, i), *n));
            }
            Node::RefClose => {
                let Some((o, start, n)) = open.pop() else { continue };
                let end = idx.node_pos[i].or_else(|| position(&idx, i));
                let Node::RefOpen(r) = &nodes[o] else { continue };
                let excerpt = match (start, end) {
                    (Some((b, s)), Some((_, e))) => {
                        let disp = &idx.blocks[b].disp;
                        sentences.excerpt(b, disp, s.min(disp.len()), e.clamp(s.min(disp.len()), disp.len()))
                    }
                    _ => Excerpt::default(),
                };
                let excerpt = tables.with_row(o, excerpt);
                let via = if r.auto { MentionVia::Autolink } else { MentionVia::Reference };
                out.push((
                    r.span.start,
                    Mention { article, target: r.id.to_string(), landing: Landing::Reference(n), excerpt, via },
                ));
            }
            _ => {}
        }
    }
    out
}

/// The block and display offset at which node `i` starts: its own, or (for a reference
/// that opens a block) that of the first text after it.
fn position(idx: &BlockIndex, i: usize) -> Option<(usize, usize)> {
    idx.node_pos[i..].iter().take(4).find_map(|p| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_sentence() {
        let t = "First one. Then Lerner went to Kyiv. Last.";
        let s = t.find("Lerner").unwrap();
        let e = excerpt(t, s, s + 6);
        assert_eq!((e.before(), e.hit(), e.after()), ("Then ", "Lerner", " went to Kyiv."));
    }
}
