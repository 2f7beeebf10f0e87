//! What rendering hands back: output files, and the run's summary of them.

use std::sync::Arc;

use super::search::SearchIndex;
use crate::verify::facts::PageFacts;

/// The contents of an output file (shared, and never copied once rendered).
pub(crate) type Bytes = Arc<Vec<u8>>;

/// One file of the output.
#[derive(Debug, Clone)]
pub(crate) struct OutputFile {
    /// Path relative to the output root, `/`-separated.
    pub(crate) path: String,
    /// Contents (shared, so unchanged pages are reused without copying).
    pub(crate) bytes: Bytes,
}

/// The output as it stands before an edit is applied to it: `serve`'s files in
/// memory, or a built output folder as its manifest records it.
pub(crate) trait Existing: Sync {
    /// Whether it has a file at `path`.
    fn has(&self, path: &str) -> bool;
    /// Whether its file at `path` holds exactly `bytes`.
    fn same(&self, path: &str, bytes: &[u8]) -> bool;
    /// The paths of its files under the folder `dir` (ending in `/`).
    fn under(&self, dir: &str) -> Vec<String>;
    /// Every path, for suggesting the nearest to a dead link.
    fn paths(&self) -> Vec<String>;
}

impl Existing for std::collections::BTreeMap<String, Bytes> {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }

    fn same(&self, path: &str, bytes: &[u8]) -> bool {
        self.get(path).is_some_and(|old| old.as_slice() == bytes)
    }

    fn under(&self, dir: &str) -> Vec<String> {
        self.range(dir.to_string()..).map(|(p, _)| p).take_while(|p| p.starts_with(dir)).cloned().collect()
    }

    fn paths(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }
}

/// One file after delivery: its facts, and the file itself when kept.
pub(crate) struct Delivered {
    /// Its links and ids, when it is a page.
    pub(crate) facts: Option<PageFacts>,
    /// The file, when the destination keeps files.
    pub(crate) file: Option<OutputFile>,
}

impl Delivered {
    /// Whether it leaves nothing to gather: no facts, no file kept (most files of a
    /// build: every file but the pages).
    pub(crate) fn is_empty(&self) -> bool {
        self.facts.is_none() && self.file.is_none()
    }
}

/// What rendering produced.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The files, sorted by path, when the destination was memory.
    pub(crate) files: Vec<OutputFile>,
    /// Every output path, sorted: the files planned, whether or not each could be
    /// made (those that could not are among the problems).
    pub(crate) paths: Vec<String>,
    /// The links and ids of every HTML page.
    pub(crate) facts: Vec<PageFacts>,
    /// How many HTML pages.
    pub(crate) pages: usize,
    /// Files the sink could not take, with the reason.
    pub(crate) sink_errors: Vec<String>,
    /// The search index, item by item (what the files under `search/` were made from),
    /// when the render cache keeps what an edit needs; a one-off build drops it as soon
    /// as its files are made (it is a tenth of the memory of a large build).
    pub(crate) search: Option<SearchIndex>,
    /// The files that failed to render, as diagnostics.
    pub(crate) problems: Vec<crate::diag::Diagnostic>,
}

impl Rendered {
    /// Makes room for `pages` more pages.
    pub(crate) fn reserve(&mut self, pages: usize) {
        self.facts.reserve(pages);
    }

    /// Adds a delivered file.
    pub(crate) fn take(&mut self, d: Delivered) {
        self.facts.extend(d.facts);
        self.files.extend(d.file);
    }

    /// Puts everything in path order (in place: a stable sort would take room for half
    /// of each list, and an archive's lists are large).
    pub(crate) fn sort(&mut self) {
        self.files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        self.paths.sort_unstable();
        self.facts.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    }
}
