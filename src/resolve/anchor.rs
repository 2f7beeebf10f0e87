//! Text anchors (FORMAT.md 4.2): finding a passage in the body by its words, and
//! splitting the body's text runs so each anchored passage can be marked up.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::blocks::{normalize, normalize_edge, BlockIndex};
use crate::site::body::{Node, PassageMarks, TextRun};

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Selector<'a> {
    /// The passage's words.
    pub(crate) exact: &'a str,
    /// Text right before.
    pub(crate) prefix: Option<&'a str>,
    /// Text right after.
    pub(crate) suffix: Option<&'a str>,
}

/// Where a passage was found: a block and a byte range of its haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Block index.
    pub(crate) block: usize,
    /// Haystack start.
    pub(crate) start: usize,
    /// Haystack end (exclusive).
    pub(crate) end: usize,
}

/// Why a passage could not be anchored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AnchorError {
    /// The words are empty.
    Empty,
    /// The words do not occur (or not with this prefix and suffix).
    NotFound {
        /// They do occur, but prefix or suffix rule every occurrence out.
        without_context: usize,
    },
    /// More than one occurrence matches; the candidates' file offsets.
    Ambiguous(Vec<usize>),
}

/// Finds, for each selector, its one occurrence in the blocks of `idx`. All selectors
/// are searched in one pass over the text, so the work grows with the text and the
/// number of matches, not with their product.
pub(crate) fn find_all(idx: &BlockIndex, nodes: &[Node], sels: &[Selector<'_>]) -> Vec<Result<Found, AnchorError>> {
    let needles: Vec<String> = sels.iter().map(|s| normalize(s.exact)).collect();
    let mut patterns: Vec<&str> = Vec::new();
    let mut by_pattern: Vec<Vec<usize>> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, n) in needles.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
        let p = *seen.entry(n.as_str()).or_insert_with(|| {
            patterns.push(n.as_str());
            by_pattern.push(Vec::new());
            patterns.len() - 1
        });
        by_pattern[p].push(i);
    }
    let contexts: Vec<(String, String)> = sels
        .iter()
        .map(|s| (s.prefix.map(normalize_edge).unwrap_or_default(), s.suffix.map(normalize_edge).unwrap_or_default()))
        .collect();
    let mut hits: Vec<Vec<Found>> = vec![Vec::new(); sels.len()];
    let mut without_context = vec![0usize; sels.len()];
    // A per-article automaton is used once: the NFA is far cheaper to build than a DFA.
    let built = AhoCorasick::builder().kind(Some(AhoCorasickKind::NoncontiguousNFA)).build(&patterns);
    if let Ok(ac) = built {
        for (b, block) in idx.blocks.iter().enumerate() {
            for m in ac.find_overlapping_iter(&block.hay) {
                for &i in &by_pattern[m.pattern().as_usize()] {
                    without_context[i] += 1;
                    let (prefix, suffix) = &contexts[i];
                    if block.hay[..m.start()].ends_with(prefix.as_str())
                        && block.hay[m.end()..].starts_with(suffix.as_str())
                    {
                        hits[i].push(Found { block: b, start: m.start(), end: m.end() });
                    }
                }
            }
        }
    }
    hits.into_iter()
        .enumerate()
        .map(|(i, h)| match h.len() {
            _ if needles[i].is_empty() => Err(AnchorError::Empty),
            1 => Ok(h[0]),
            0 => Err(AnchorError::NotFound { without_context: without_context[i] }),
            _ => Err(AnchorError::Ambiguous(h.iter().map(|f| src_of(idx, nodes, f.block, f.start)).collect())),
        })
        .collect()
}

/// The file offset of a haystack position.
pub(crate) fn src_of(idx: &BlockIndex, nodes: &[Node], block: usize, hay: usize) -> usize {
    let pos = idx.blocks[block].map.get(hay);
    match &nodes[pos.node as usize] {
        Node::Text(run) => run.src() + pos.off as usize,
        _ => idx.blocks[block].src,
    }
}

/// A passage in node terms: from (node, byte offset) to (node, byte offset), end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct NodeSpan {
    /// Start node and offset.
    pub(crate) start: (usize, usize),
    /// End node and offset.
    pub(crate) end: (usize, usize),
}

/// Converts a found passage to node terms. Inline code is never cut: a passage that
/// starts or ends inside it takes the whole code span.
pub(crate) fn node_span(idx: &BlockIndex, nodes: &[Node], f: Found) -> NodeSpan {
    let map = &idx.blocks[f.block].map;
    let first = map.get(f.start);
    let last = map.get(f.end - 1);
    let run = |n: u32| match &nodes[n as usize] {
        Node::Text(r) => Some(r),
        _ => None,
    };
    let mut start = (first.node as usize, first.off as usize);
    let last_len = run(last.node).and_then(|r| r.text[last.off as usize..].chars().next()).map_or(0, char::len_utf8);
    let mut end = (last.node as usize, last.off as usize + last_len);
    if run(first.node).is_some_and(|r| r.code) {
        start.1 = 0;
    }
    if let Some(r) = run(last.node).filter(|r| r.code) {
        end.1 = r.text.len();
    }
    NodeSpan { start, end }
}

/// Splits the text runs of `nodes` at every passage boundary. Each piece lists the
/// passages it lies in, the first piece of a passage opens it, and a
/// [`Node::PassageEnd`] follows its last piece. `spans[i]` is passage `i`.
pub(crate) fn split(nodes: Vec<Node>, spans: &[NodeSpan]) -> Vec<Node> {
    if spans.is_empty() {
        return nodes;
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| spans[a].start.cmp(&spans[b].start).then(spans[b].end.cmp(&spans[a].end)));
    let rank: Vec<usize> = {
        let mut r = vec![0; spans.len()];
        for (k, &p) in order.iter().enumerate() {
            r[p] = k;
        }
        r
    };
    let mut cuts: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut opens: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut ends: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for &p in &order {
        let s = spans[p];
        cuts.entry(s.start.0).or_default().push(s.start.1);
        cuts.entry(s.end.0).or_default().push(s.end.1);
        opens.entry(s.start).or_default().push(p);
        ends.entry(s.end).or_default().push(p);
    }
    let mut active: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(nodes.len() + spans.len() * 3);
    for (i, node) in nodes.into_iter().enumerate() {
        let run = match node {
            Node::Text(run) if cuts.contains_key(&i) || !active.is_empty() => run,
            other => {
                out.push(other);
                continue;
            }
        };
        let mut offsets = cuts.remove(&i).unwrap_or_default();
        offsets.push(0);
        offsets.push(run.text.len());
        offsets.sort_unstable();
        offsets.dedup();
        for w in offsets.windows(2) {
            let (a, b) = (w[0], w[1]);
            let opening = opens.remove(&(i, a)).unwrap_or_default();
            for &p in &opening {
                let at = active.partition_point(|&q| rank[q] < rank[p]);
                active.insert(at, p);
            }
            let mut piece = TextRun::new(run.text[a..b].to_string(), run.src() + a, run.code);
            piece.marks =
                (!active.is_empty()).then(|| Box::new(PassageMarks { passages: active.clone(), opens: opening }));
            out.push(Node::Text(piece));
            for p in ends.remove(&(i, b)).unwrap_or_default().into_iter().rev() {
                active.retain(|&q| q != p);
                out.push(Node::PassageEnd(p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::{parse, MdInput};
    use crate::resolve::blocks::{index as full_index, Detail};

    fn index(nodes: &[Node]) -> BlockIndex {
        full_index(nodes, Detail::Anchors)
    }

    fn nodes(md: &str) -> Vec<Node> {
        parse(MdInput { text: md, base: 0, file: 0, raw_html: false, footnotes: true, offsets: None }, &mut Vec::new())
    }

    fn find(idx: &BlockIndex, n: &[Node], sel: Selector<'_>) -> Result<Found, AnchorError> {
        find_all(idx, n, &[sel]).remove(0)
    }

    fn sel(exact: &str) -> Selector<'_> {
        Selector { exact, prefix: None, suffix: None }
    }

    #[test]
    fn finds_across_emphasis_line_breaks_and_quote_styles() {
        let n = nodes("Putin said “satellite *images\nare* a serious thing”.");
        let idx = index(&n);
        let f = find(&idx, &n, sel("\"satellite images are a serious thing\"")).unwrap();
        assert_eq!(f.block, 0);
    }

    #[test]
    fn prefix_and_suffix_choose_the_occurrence() {
        let n = nodes("one cat, two cat, red cat");
        let idx = index(&n);
        assert!(matches!(find(&idx, &n, sel("cat")), Err(AnchorError::Ambiguous(v)) if v.len() == 3));
        let f = find(&idx, &n, Selector { exact: "cat", prefix: Some("two "), suffix: None }).unwrap();
        assert_eq!(f.start, 13);
        let f = find(&idx, &n, Selector { exact: "cat", prefix: None, suffix: Some(", red") }).unwrap();
        assert_eq!(f.start, 13);
    }

    #[test]
    fn passages_never_cross_blocks() {
        let n = nodes("first part\n\nsecond part");
        let idx = index(&n);
        assert_eq!(find(&idx, &n, sel("part second")), Err(AnchorError::NotFound { without_context: 0 }));
    }

    #[test]
    fn split_marks_pieces_and_ends() {
        let n = nodes("a *b c* d");
        let idx = index(&n);
        let f = find(&idx, &n, sel("b c d")).unwrap();
        let span = node_span(&idx, &n, f);
        let out = split(n, &[span]);
        let pieces: Vec<(String, usize)> = out
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some((t.text.to_string(), t.passages().len())),
                _ => None,
            })
            .collect();
        assert_eq!(pieces, [("a ".into(), 0), ("b c".into(), 1), (" d".into(), 1)]);
        assert!(matches!(out.last(), Some(Node::Bare(_))));
        assert!(out.iter().any(|n| matches!(n, Node::PassageEnd(0))));
    }
}
