//! The manifest gloss leaves in every output folder: the files it wrote, each with
//! the hash of its bytes, its size and its modification time. It marks the folder as
//! gloss's own, so a later build may replace it; tells which files someone else put
//! there, so those are never deleted without `--force`; and lets the next build keep
//! a file whose bytes come out the same (see [`super::reuse`]).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result};
use ignore::{WalkBuilder, WalkState};
use rustc_hash::FxHashMap;

use crate::content_hash::{self, Hashing};

/// The manifest's file name, at the top of the output folder.
pub(crate) const NAME: &str = ".gloss-manifest";

/// The first line of every manifest this version writes.
const HEADER: &str = "# gloss output manifest 2: hash, size, modification time (ns since 1970) and path of each file";

/// The first line of the manifests of earlier versions, which list paths only.
const HEADER_1: &str = "# gloss output manifest 1: the files this build wrote, one per line";

/// What the manifest records of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// Path relative to the output folder, `/`-separated.
    pub(crate) path: String,
    /// The hash of its bytes.
    pub(crate) hash: content_hash::Hash,
    /// Its size in bytes.
    pub(crate) size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub(crate) mtime: u128,
}

impl Record {
    fn parse(line: &str) -> Option<Record> {
        let mut parts = line.splitn(4, ' ');
        let hash = content_hash::Hash::parse(parts.next()?)?;
        let size = parts.next()?.parse().ok()?;
        let mtime = parts.next()?.parse().ok()?;
        let path = parts.next()?.to_string();
        Some(Record { path, hash, size, mtime })
    }
}

/// What the manifest of an output folder lists: every path gloss wrote there, with what
/// it recorded of each (versions that did not record hashes list paths only). Read once
/// per build: the guard asks it which files are gloss's, the writer which it may keep.
#[derive(Debug, Default)]
pub(crate) struct Manifest(FxHashMap<String, Option<Record>>);

impl Manifest {
    /// The manifest in `dir`; empty when it has none.
    pub(crate) fn read(dir: &Path) -> Manifest {
        Manifest::parse(&fs::read_to_string(dir.join(NAME)).unwrap_or_default())
    }

    /// The manifest whose text is `text`; empty when it is none.
    pub(crate) fn parse(text: &str) -> Manifest {
        let entries = match text {
            text if text.starts_with(HEADER) => {
                text.lines().skip(1).filter_map(Record::parse).map(|r| (r.path.clone(), Some(r))).collect()
            }
            text if text.starts_with(HEADER_1) => text.lines().skip(1).map(|p| (p.to_string(), None)).collect(),
            _ => FxHashMap::default(),
        };
        Manifest(entries)
    }

    /// What it records of `path`, when it records hashes.
    pub(crate) fn record(&self, path: &str) -> Option<&Record> {
        self.0.get(path)?.as_ref()
    }

    /// Whether it lists `path`.
    pub(crate) fn lists(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// Every path it lists.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// What it records, for each file when it records hashes for all (`None` for a
    /// manifest of an earlier version).
    pub(crate) fn records(&self) -> Option<Vec<&Record>> {
        self.0.values().map(Option::as_ref).collect()
    }

    /// Records `record`, in place of what it recorded of the same path.
    pub(crate) fn set(&mut self, record: Record) {
        self.0.insert(record.path.clone(), Some(record));
    }

    /// No longer lists `path`.
    pub(crate) fn remove(&mut self, path: &str) {
        self.0.remove(path);
    }
}

/// Writes the text of the manifest of `records` (sorted by path) to `out`.
fn write_text(out: &mut impl Write, records: &[&Record]) -> std::io::Result<()> {
    writeln!(out, "{HEADER}")?;
    for r in records {
        writeln!(out, "{} {} {} {}", r.hash, r.size, r.mtime, r.path)?;
    }
    Ok(())
}

/// The text of the manifest of `records` (sorted by path).
pub(crate) fn text(records: &[&Record]) -> String {
    let mut text = Vec::with_capacity(records.len() * 80);
    write_text(&mut text, records).expect("writing to memory does not fail");
    String::from_utf8(text).expect("a manifest is text")
}

/// Writes the manifest of `records` (sorted by path) into `dir`, as it goes rather than
/// made whole first (at N = 100,000 its text is about 80 MB); when the manifest of
/// the previous output in `previous` says the same, that is linked in its place, like
/// any unchanged file. Returns the hash of its text, which names the build that wrote it.
pub(crate) fn write(dir: &Path, records: &[Record], previous: &Path) -> Result<String> {
    let target = dir.join(NAME);
    let written = (|| {
        let mut out = BufWriter::with_capacity(1 << 20, Hashing::new(fs::File::create(&target)?));
        write_text(&mut out, &records.iter().collect::<Vec<_>>())?;
        out.into_inner().map_err(std::io::IntoInnerError::into_error).map(Hashing::finish_short)
    })();
    let hash = written.with_context(|| format!("cannot write {}", target.display()))?;
    let old = previous.join(NAME);
    if content_hash::of_file(&old).is_ok_and(|(h, _)| h == hash) {
        let linked = dir.join(format!("{NAME}.old"));
        if fs::hard_link(&old, &linked).and_then(|()| fs::rename(&linked, &target)).is_err() {
            let _ = fs::remove_file(&linked);
        }
    }
    Ok(hash.to_string())
}

/// How many foreign files an error names before it counts the rest.
const NAMED: usize = 3;

/// The files in `dir` that its manifest, `listed`, does not list, shortened for a message (a few
/// names, then how many more). Without a manifest every entry is foreign; an empty
/// folder has none. The folder is walked on every core (an archive's output holds
/// hundreds of thousands of files).
pub(crate) fn foreign_files(dir: &Path, listed: &Manifest) -> Result<Vec<String>> {
    let listed = &listed.0;
    let found = Mutex::new((Vec::new(), None));
    let walker = WalkBuilder::new(dir).standard_filters(false).follow_links(false).build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.lock().unwrap_or_else(|p| p.into_inner()).1 = Some(e);
                    return WalkState::Quit;
                }
            };
            if entry.depth() == 0 || entry.file_type().is_some_and(|t| t.is_dir()) {
                return WalkState::Continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if name != NAME && !listed.contains_key(&name) {
                found.lock().unwrap_or_else(|p| p.into_inner()).0.push(name);
            }
            WalkState::Continue
        })
    });
    let (mut foreign, error) = found.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = error {
        return Err(e).with_context(|| format!("cannot read {}", dir.display()));
    }
    foreign.sort();
    if listed.is_empty() && foreign.is_empty() {
        // Only empty folders: nothing would be lost, but nothing marks it as ours.
        let has_entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?.next().is_some();
        if has_entries {
            foreign.push("folders without a gloss manifest".to_string());
        }
    }
    if foreign.len() > NAMED {
        let more = foreign.len() - NAMED;
        foreign.truncate(NAMED);
        foreign.push(format!("and {more} more"));
    }
    Ok(foreign)
}
