//! How much code gets highlighted: the highlighter's time per line grows faster than
//! the line's length, so a block with a very long line, a very large block, or a block
//! past a text's budget is shown plain (with a warning, by the Markdown parser).

/// The longest line, in bytes, that a code block may have and still be highlighted.
const MAX_LINE: usize = 300;
/// The largest code block, in bytes, that is highlighted.
const MAX_BLOCK: usize = 128 * 1024;
/// How many bytes of code one text has highlighted in all.
const BUDGET: usize = 256 * 1024;

/// A fenced code block with a language, as read so far.
pub(crate) struct CodeBlockSize {
    /// Index of its start node.
    pub(crate) node: usize,
    /// Where its fence starts in the file.
    pub(crate) at: usize,
    bytes: usize,
    line: usize,
    longest_line: usize,
}

impl CodeBlockSize {
    /// A block whose start node is `node`, its fence at `at`.
    pub(crate) fn new(node: usize, at: usize) -> CodeBlockSize {
        CodeBlockSize { node, at, bytes: 0, line: 0, longest_line: 0 }
    }

    /// Counts a piece of the block's text.
    pub(crate) fn measure(&mut self, text: &str) {
        self.bytes += text.len();
        for (i, piece) in text.split('\n').enumerate() {
            self.line = if i == 0 { self.line + piece.len() } else { piece.len() };
            self.longest_line = self.longest_line.max(self.line);
        }
    }
}

/// What one text may still have highlighted.
pub(crate) struct HighlightBudget {
    left: usize,
}

impl Default for HighlightBudget {
    fn default() -> Self {
        HighlightBudget { left: BUDGET }
    }
}

impl HighlightBudget {
    /// Why `code` is not highlighted; `None` (and the budget spent) when it is.
    pub(crate) fn refuses(&mut self, code: &CodeBlockSize) -> Option<String> {
        if code.longest_line > MAX_LINE {
            Some(format!("it has a line of {} bytes (the limit is {MAX_LINE})", code.longest_line))
        } else if code.bytes > MAX_BLOCK {
            Some(format!("it holds {} bytes (the limit is {MAX_BLOCK})", code.bytes))
        } else if code.bytes > self.left {
            Some(format!("the text already has {} bytes of highlighted code", BUDGET - self.left))
        } else {
            self.left -= code.bytes;
            None
        }
    }
}
