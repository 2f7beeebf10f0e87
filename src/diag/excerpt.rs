//! The file text a diagnostic shows: the file as it is, except that a very long line
//! under the caret is cut to a window around the problem (a 200 KB line of YAML is not
//! echoed whole). Line and column in the header stay those of the real file.

use std::ops::Range;

use codespan_reporting::files::{self, Files, SimpleFile};

/// Lines longer than this many bytes are cut around the span.
const LONG_LINE: usize = 240;
/// Bytes kept on each side of the span's start in a cut line.
const CONTEXT: usize = 80;
/// Marks where a cut line was shortened.
const ELLIPSIS: &str = "…";

/// A file as shown for one diagnostic, with the span moved onto the shown text.
pub(super) struct Excerpt<'a> {
    original: &'a str,
    shown: SimpleFile<&'a str, String>,
    /// The cut line's range in the original text and in the shown text.
    line: Option<(Range<usize>, Range<usize>)>,
    /// Bytes of the original cut line before the window.
    dropped: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `text` for a diagnostic at `span`, and the span on it.
    /// A file with no text (one that could not be read, a symbolic link, a static file
    /// or an output page) shows its name, underlined, so no excerpt is empty.
    pub(super) fn new(name: &'a str, text: &'a str, span: Range<usize>) -> (Excerpt<'a>, Range<usize>) {
        if text.is_empty() {
            let shown = SimpleFile::new(name, name.to_string());
            return (Excerpt { original: text, shown, line: None, dropped: 0 }, 0..name.len());
        }
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.start..].find('\n').map_or(text.len(), |i| span.start + i);
        if line_end - line_start <= LONG_LINE {
            let shown = SimpleFile::new(name, text.to_string());
            return (Excerpt { original: text, shown, line: None, dropped: 0 }, span);
        }
        let from = floor(text, span.start.saturating_sub(CONTEXT).max(line_start));
        let to = floor(text, (span.start + CONTEXT).min(line_end));
        let mut shown = String::with_capacity(text.len() - (line_end - line_start) + to - from + 8);
        shown.push_str(&text[..line_start]);
        if from > line_start {
            shown.push_str(ELLIPSIS);
        }
        let window_start = shown.len();
        shown.push_str(&text[from..to]);
        if to < line_end {
            shown.push_str(ELLIPSIS);
        }
        let shown_line = line_start..shown.len();
        shown.push_str(&text[line_end..]);
        let start = window_start + (span.start - from);
        let end = window_start + (span.end.min(to).max(span.start) - from);
        let excerpt = Excerpt {
            original: text,
            shown: SimpleFile::new(name, shown),
            line: Some((line_start..line_end, shown_line)),
            dropped: from - line_start,
        };
        (excerpt, start..end)
    }
}

fn floor(s: &str, i: usize) -> usize {
    super::floor_char_boundary(s, i)
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(*self.shown.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.shown.source())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        self.shown.line_index((), byte_index)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        self.shown.line_range((), line_index)
    }

    /// The column in the real file, not in the shortened line.
    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        match &self.line {
            Some((original, shown)) if shown.contains(&byte_index) || byte_index == shown.end => {
                let ellipsis = if self.dropped > 0 { ELLIPSIS.len() } else { 0 };
                let in_line = (byte_index - shown.start).saturating_sub(ellipsis) + self.dropped;
                let at = floor(self.original, (original.start + in_line).min(original.end));
                Ok(self.original[original.start..at].chars().count() + 1)
            }
            _ => Ok(files::column_index(self.shown.source(), self.line_range((), line_index)?, byte_index) + 1),
        }
    }
}
