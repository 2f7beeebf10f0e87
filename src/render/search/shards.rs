//! The files of the search index under `search/`: `meta.json`, the term shards
//! `t/<prefix>.json` and the item chunks `d/<n>.json`.
//!
//! Terms are laid out as a tree of prefixes: all terms under a prefix go in one shard
//! when they come to at most [`SHARD_BYTES`]; a bigger prefix is split by its next
//! character, and writes instead the capped union of every term under it (what a
//! query word equal to that prefix finds). The browser takes, for each query word,
//! the longest listed prefix of it, so it fetches one shard per word, whatever the
//! size of the archive.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::postings::{Entry, List, Postings, CAP};
use crate::render::output::OutputFile;

/// The most bytes of terms one shard holds before its prefix is split.
pub(crate) const SHARD_BYTES: usize = 64 * 1024;

/// Items per chunk file.
pub(crate) const CHUNK: usize = 16;

/// The index's format, in `meta.json`.
const VERSION: u32 = 1;

/// Where the index's files go.
pub(crate) const DIR: &str = "search/";

/// `meta.json`: what the browser needs to find a word's shard and an item's chunk.
#[derive(Serialize)]
struct Meta<'a> {
    /// Format version.
    v: u32,
    /// The most items listed for a term or prefix.
    cap: usize,
    /// Items per chunk.
    chunk: usize,
    /// How many items.
    items: usize,
    /// The prefixes that were split: their shard holds the union of the terms under them.
    inner: Vec<&'a str>,
    /// The prefixes whose shard holds each of their terms.
    leaves: Vec<&'a str>,
}

/// Where each prefix's shard stands.
#[derive(Default)]
struct Layout<'a> {
    /// Split prefixes and the union of their terms.
    inner: Vec<(String, List)>,
    /// Prefixes kept whole, and their terms (a range of the sorted terms).
    leaves: Vec<(String, Range<usize>)>,
    terms: Vec<(&'a str, &'a Entry)>,
}

/// Whether `path` is one the index's files may take, whatever its terms:
/// `search/meta.json`, `search/t/…` and `search/d/…`. Nothing else may be written there
/// (a static file, say), so the index's files can be made after the pages without
/// being known beforehand.
pub(crate) fn is_reserved(path: &str) -> bool {
    path.strip_prefix(DIR).is_some_and(|rest| rest == "meta.json" || rest.starts_with("t/") || rest.starts_with("d/"))
}

/// Every file of the index of `records` (each item as JSON) and `postings`, sorted by path.
pub(crate) fn files(records: &[&str], postings: &Postings) -> Vec<OutputFile> {
    let mut layout =
        Layout { terms: postings.terms.iter().map(|(t, e)| (t.as_str(), e)).collect(), ..Layout::default() };
    let all = layout.terms.len();
    layout.node(0..all, "");
    layout.inner.sort_by(|a, b| a.0.cmp(&b.0));
    layout.leaves.sort_by(|a, b| a.0.cmp(&b.0));
    let meta = Meta {
        v: VERSION,
        cap: CAP,
        chunk: CHUNK,
        items: records.len(),
        inner: layout.inner.iter().map(|(p, _)| p.as_str()).collect(),
        leaves: layout.leaves.iter().map(|(p, _)| p.as_str()).collect(),
    };
    let mut out = vec![file("meta.json".to_string(), crate::text::json_for_script(&meta))];
    for (prefix, list) in &layout.inner {
        out.push(file(shard_name(prefix), list.json()));
    }
    for (prefix, range) in &layout.leaves {
        let mut text = String::from("{");
        for (n, (_, e)) in layout.terms[range.clone()].iter().enumerate() {
            if n > 0 {
                text.push(',');
            }
            text.push_str(&e.json);
        }
        text.push('}');
        out.push(file(shard_name(prefix), text));
    }
    for (n, chunk) in records.chunks(CHUNK).enumerate() {
        out.push(file(format!("d/{n}.json"), format!("[{}]", chunk.join(","))));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

impl Layout<'_> {
    /// Lays out the terms in `range`, all under `prefix`; returns their union.
    fn node(&mut self, range: Range<usize>, prefix: &str) -> List {
        let size: usize = self.terms[range.clone()].iter().map(|(_, e)| e.json.len() + 1).sum();
        if !prefix.is_empty() && size <= SHARD_BYTES {
            let union = List::union(self.terms[range.clone()].iter().map(|(_, e)| &e.capped));
            self.leaves.push((prefix.to_string(), range));
            return union;
        }
        let mut parts = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let (term, entry) = self.terms[i];
            let Some(next) = term[prefix.len()..].chars().next() else {
                parts.push(entry.capped.clone());
                i += 1;
                continue;
            };
            let child = format!("{prefix}{next}");
            let end = i + self.terms[i..range.end].partition_point(|(t, _)| t.starts_with(&child));
            parts.push(self.node(i..end, &child));
            i = end;
        }
        let union = List::union(parts.iter());
        if !prefix.is_empty() {
            self.inner.push((prefix.to_string(), union.clone()));
        }
        union
    }
}

/// The shard of `prefix`: `t/` and the prefix's UTF-8 bytes in hexadecimal.
pub(crate) fn shard_name(prefix: &str) -> String {
    let hex: String = prefix.bytes().map(|b| format!("{b:02x}")).collect();
    format!("t/{hex}.json")
}

fn file(name: String, text: String) -> OutputFile {
    OutputFile { path: format!("{DIR}{name}"), bytes: Arc::new(text.into_bytes()) }
}
