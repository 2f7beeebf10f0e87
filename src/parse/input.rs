//! What reading one Markdown text needs to know: the text, where it sits in its file,
//! and what it may contain.

use crate::diag::FileId;

/// How to read one Markdown text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MdInput<'a> {
    /// The Markdown.
    pub(crate) text: &'a str,
    /// Offset of `text` in its file, so spans are file offsets.
    pub(crate) base: usize,
    /// The file, for diagnostics.
    pub(crate) file: FileId,
    /// Let raw HTML through instead of escaping it.
    pub(crate) raw_html: bool,
    /// Whether footnotes may be used: in bodies, not in short front-matter values
    /// (their ids would repeat those of the body on the same page).
    pub(crate) footnotes: bool,
    /// For a value of front matter, the file offset (less `base`) of each byte of
    /// `text`, which YAML quoting, escapes and folding move away from where it reads.
    pub(crate) offsets: Option<&'a [usize]>,
}

impl MdInput<'_> {
    /// The file offset of byte `local` of the text.
    pub(super) fn pos(&self, local: usize) -> usize {
        match self.offsets {
            Some(o) => self.base + o.get(local).or(o.last()).copied().unwrap_or(0),
            None => self.base + local,
        }
    }
}
