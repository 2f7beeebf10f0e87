//! What a long-lived session keeps between renders: the compiled templates, each
//! output file's bytes with the hash of the context it was rendered from, and what
//! each file read (a [`ReadIndex`]). A page whose context hashes the same is not
//! rendered again; an edit renders again only the files that read what it changed.

use std::collections::{BTreeSet, HashMap};

use rustc_hash::{FxHashMap, FxHashSet};

use super::output::Bytes;
use super::plan::PageKind;
use super::reads::Read;
use super::templates::Templates;
use crate::diag::{Diagnostic, SourceMap};
use crate::site::Site;

/// Rendered files of earlier runs, and the templates they were rendered with.
#[derive(Default)]
pub(crate) struct RenderCache {
    /// Whether to keep anything: a one-off build would only pay for hashing.
    enabled: bool,
    fingerprint: u64,
    templates: Option<Templates>,
    pages: HashMap<String, (u64, Bytes)>,
    index: ReadIndex,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache").field("enabled", &self.enabled).field("pages", &self.pages.len()).finish()
    }
}

impl RenderCache {
    /// A cache that keeps pages between runs.
    pub(crate) fn keeping() -> RenderCache {
        RenderCache { enabled: true, ..RenderCache::default() }
    }

    /// Whether this cache keeps pages between runs.
    pub(crate) fn keeps(&self) -> bool {
        self.enabled
    }

    /// The templates of the last full render, when this cache keeps them.
    pub(crate) fn templates(&self) -> Option<&Templates> {
        self.templates.as_ref()
    }

    /// Compiles the site's templates for a full render; when they differ from the
    /// cached ones, everything cached is dropped.
    pub(crate) fn load_templates(&mut self, site: &Site, sources: &SourceMap) -> Result<Templates, Diagnostic> {
        let templates = Templates::load(&site.templates, sources)?;
        if templates.fingerprint != self.fingerprint {
            *self = RenderCache { enabled: self.enabled, fingerprint: templates.fingerprint, ..RenderCache::default() };
        }
        Ok(templates)
    }

    /// Keeps the templates of a full render that kept its pages here.
    pub(crate) fn keep_templates(&mut self, templates: Templates) {
        self.templates = Some(templates);
    }

    /// The bytes of `path` from an earlier run, when its context hashed to `hash`.
    pub(crate) fn reuse(&self, path: &str, hash: u64) -> Option<Bytes> {
        self.pages.get(path).filter(|(h, _)| *h == hash).map(|(_, b)| b.clone())
    }

    /// Records a file just rendered: its context hash, bytes and what it read.
    /// Returns whether its bytes differ from those kept before.
    pub(crate) fn store(&mut self, path: String, hash: u64, bytes: Bytes, reader: Reader, reads: Vec<Read>) -> bool {
        self.index.set(reader, reads);
        let old = self.pages.insert(path, (hash, bytes.clone()));
        old.is_none_or(|(_, b)| !std::sync::Arc::ptr_eq(&b, &bytes))
    }

    /// Notes what a file that is not kept here read (the feed, the sitemap).
    pub(crate) fn store_reads(&mut self, reader: Reader, reads: Vec<Read>) {
        self.index.set(reader, reads);
    }

    /// Drops every page kept (a full render replaces them).
    pub(crate) fn clear_pages(&mut self) {
        self.pages.clear();
        self.index = ReadIndex::default();
    }

    /// The files that read something in `changed`.
    pub(crate) fn readers_of(&self, changed: &[Read]) -> BTreeSet<Reader> {
        self.index.readers_of(changed)
    }
}

/// An output file that is built from the site model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Reader {
    /// A page.
    Page(PageKind),
    /// `feed.xml`.
    Feed,
    /// `sitemap.xml`.
    Sitemap,
    /// The search index's files under `search/`.
    SearchIndex,
}

/// Which file read what, both ways.
#[derive(Debug, Default)]
pub(crate) struct ReadIndex {
    reads_of: FxHashMap<Reader, Vec<Read>>,
    readers_of: FxHashMap<Read, FxHashSet<Reader>>,
}

impl ReadIndex {
    /// Sets what `reader` read, replacing what it read before.
    pub(crate) fn set(&mut self, reader: Reader, reads: Vec<Read>) {
        if let Some(old) = self.reads_of.get(&reader) {
            for r in old {
                if let Some(set) = self.readers_of.get_mut(r) {
                    set.remove(&reader);
                }
            }
        }
        for &r in &reads {
            self.readers_of.entry(r).or_default().insert(reader);
        }
        self.reads_of.insert(reader, reads);
    }

    /// Every file that read something in `changed`.
    pub(crate) fn readers_of(&self, changed: &[Read]) -> BTreeSet<Reader> {
        let mut out = BTreeSet::new();
        for r in changed {
            let every = match r {
                Read::Article(_, facet) => Some(Read::EveryArticle(*facet)),
                _ => None,
            };
            for key in std::iter::once(r).chain(every.as_ref()) {
                out.extend(self.readers_of.get(key).into_iter().flatten().copied());
            }
        }
        out
    }
}
