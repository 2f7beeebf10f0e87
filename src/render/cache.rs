//! What a long-lived session keeps between renders: the compiled templates, each
//! output file's bytes with the hash of the context it was rendered from, and what
//! each file read (a [`ReadIndex`]). A page whose context hashes the same is not
//! rendered again; an edit renders again only the files that read what it changed.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::output::Bytes;
use super::plan::PageKind;
use super::reads::{PackedReads, Read};
use super::templates::Templates;
use crate::diag::{Diagnostic, SourceMap};
use crate::site::Site;

/// What a [`RenderCache`] keeps between runs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Keeps {
    /// Nothing: a one-off build would only pay for hashing and recording.
    #[default]
    Nothing,
    /// What each file read and the templates, not the pages: a build that saves its
    /// state for the next build, whose pages are on disk.
    Reads,
    /// Every page with its context hash too: `serve`, whose pages are in memory.
    Pages,
}

/// Rendered files of earlier runs, and the templates they were rendered with.
#[derive(Default)]
pub(crate) struct RenderCache {
    keeps: Keeps,
    fingerprint: u64,
    templates: Option<Templates>,
    pages: HashMap<String, (u64, Bytes)>,
    index: ReadIndex,
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache").field("keeps", &self.keeps).field("pages", &self.pages.len()).finish()
    }
}

impl RenderCache {
    /// A cache that keeps pages between runs.
    pub(crate) fn keeping() -> RenderCache {
        RenderCache { keeps: Keeps::Pages, index: ReadIndex::both_ways(), ..RenderCache::default() }
    }

    /// A cache that keeps what each file read, not the files (see [`Keeps::Reads`]).
    pub(crate) fn recording() -> RenderCache {
        RenderCache { keeps: Keeps::Reads, ..RenderCache::default() }
    }

    /// A recording cache with what an earlier build's files read, and the templates of
    /// `site` compiled, for applying an edit to that build's output.
    pub(crate) fn restored(index: ReadIndex, site: &Site, sources: &SourceMap) -> Result<RenderCache, Diagnostic> {
        let templates = Templates::load(&site.templates, sources)?;
        Ok(RenderCache {
            index,
            fingerprint: templates.fingerprint,
            templates: Some(templates),
            ..RenderCache::recording()
        })
    }

    /// Whether this cache keeps what an edit needs: at least what each file read.
    pub(crate) fn keeps(&self) -> bool {
        self.keeps != Keeps::Nothing
    }

    /// Whether this cache keeps the pages themselves, with their context hashes.
    pub(crate) fn keeps_pages(&self) -> bool {
        self.keeps == Keeps::Pages
    }

    /// What each file read.
    pub(crate) fn index(&self) -> &ReadIndex {
        &self.index
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
            let index = std::mem::take(&mut self.index);
            *self =
                RenderCache { keeps: self.keeps, fingerprint: templates.fingerprint, index, ..RenderCache::default() };
            self.index.clear();
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

    /// Records a file just rendered: what it read and, when this cache keeps pages,
    /// its context hash and bytes. Returns whether its bytes differ from those kept
    /// before (always, when pages are not kept).
    pub(crate) fn store(&mut self, path: String, hash: u64, bytes: Bytes, reader: Reader, reads: PackedReads) -> bool {
        self.index.set(reader, reads);
        if !self.keeps_pages() {
            return true;
        }
        let old = self.pages.insert(path, (hash, bytes.clone()));
        old.is_none_or(|(_, b)| !std::sync::Arc::ptr_eq(&b, &bytes))
    }

    /// Notes what a file that is not kept here read (the feed, the sitemap).
    pub(crate) fn store_reads(&mut self, reader: Reader, reads: PackedReads) {
        self.index.set(reader, reads);
    }

    /// Drops every page kept (a full render replaces them).
    pub(crate) fn clear_pages(&mut self) {
        self.pages.clear();
        self.index.clear();
    }

    /// The files that read something in `changed`.
    pub(crate) fn readers_of(&self, changed: &[Read]) -> BTreeSet<Reader> {
        self.index.readers_of(changed)
    }
}

/// An output file that is built from the site model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Which file read what. What each file read is kept packed (postcard: a few bytes a
/// read rather than forty; an archive's files make millions of reads). Which files
/// read a given thing is kept too by `serve`'s cache ([`ReadIndex::both_ways`]), which
/// asks it on every edit; a build that saves its state asks it once, after loading,
/// and then looks through what every file read instead.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ReadIndex {
    reads_of: FxHashMap<Reader, PackedReads>,
    #[serde(skip)]
    readers_of: Option<FxHashMap<Read, FxHashSet<Reader>>>,
}

impl ReadIndex {
    /// An empty index that also keeps which files read each thing.
    pub(crate) fn both_ways() -> ReadIndex {
        ReadIndex { readers_of: Some(FxHashMap::default()), ..ReadIndex::default() }
    }

    /// Forgets every file, keeping how the index is kept.
    fn clear(&mut self) {
        self.reads_of.clear();
        if let Some(readers) = &mut self.readers_of {
            readers.clear();
        }
    }

    /// Sets what `reader` read, replacing what it read before.
    pub(crate) fn set(&mut self, reader: Reader, reads: PackedReads) {
        if let Some(readers) = &mut self.readers_of {
            for r in self.reads_of.get(&reader).map(PackedReads::reads).unwrap_or_default() {
                if let Some(set) = readers.get_mut(&r) {
                    set.remove(&reader);
                }
            }
            for r in reads.reads() {
                readers.entry(r).or_default().insert(reader);
            }
        }
        self.reads_of.insert(reader, reads);
    }

    /// Every file that read something in `changed`.
    pub(crate) fn readers_of(&self, changed: &[Read]) -> BTreeSet<Reader> {
        let every = changed.iter().filter_map(|r| match r {
            Read::Article(_, facet) => Some(Read::EveryArticle(*facet)),
            _ => None,
        });
        let keys: FxHashSet<Read> = changed.iter().copied().chain(every).collect();
        match &self.readers_of {
            Some(readers) => keys.iter().filter_map(|k| readers.get(k)).flatten().copied().collect(),
            None => self
                .reads_of
                .par_iter()
                .filter(|(_, packed)| packed.reads().iter().any(|r| keys.contains(r)))
                .map(|(reader, _)| *reader)
                .collect::<Vec<_>>()
                .into_iter()
                .collect(),
        }
    }
}
