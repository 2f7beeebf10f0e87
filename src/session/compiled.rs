//! What one run of the pipeline hands back.

use crate::diag::{Diagnostics, SourceMap};
use crate::render::Rendered;
use crate::site::Site;

/// The outcome of running the pipeline up to rendering.
pub struct Compiled {
    /// Every file read, for printing diagnostics.
    pub sources: SourceMap,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site model, when resolution ran.
    pub(crate) site: Option<Site>,
    /// The rendered files, when there were no errors.
    pub(crate) rendered: Option<Rendered>,
}

impl Compiled {
    /// The rendered files as (output path, bytes), sorted by path, when the site built
    /// with its output kept in memory ([`crate::compile`] does).
    pub fn files(&self) -> Option<Vec<(&str, &[u8])>> {
        let rendered = self.rendered.as_ref()?;
        Some(rendered.files.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect())
    }
}
