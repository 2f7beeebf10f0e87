//! Where rendered files go as soon as they are made: kept in memory (serve, tests),
//! handed to a sink (the writer's staging folder), or dropped once verify's facts are
//! taken (check). Static files are copied by the sink without being read whole.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::build_cache::Hashed;
use super::output::{Delivered, OutputFile};
use crate::verify::facts;

/// Takes output files as they are rendered (the writer's staging folder).
pub(crate) trait Sink: Sync {
    /// Stores one file.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Stores a copy of the file at `from` (a static file), without holding it whole.
    fn copy(&self, path: &str, from: &Path) -> std::io::Result<()>;
    /// Stores the build cache's entry `from`, whose hash and size are known, sharing its
    /// storage where the file system allows (it is never written in place).
    fn link(&self, path: &str, from: &Hashed) -> std::io::Result<()>;
}

/// Where rendered files go.
#[derive(Clone, Copy)]
pub(crate) enum Destination<'a> {
    /// Kept in memory (serve, tests).
    Memory,
    /// Handed to a sink, then dropped (build).
    Sink(&'a dyn Sink),
    /// Dropped once their facts are taken (check).
    Nowhere,
}

/// A file copied to the output as it is: built in, or from the site's `static/`.
pub(crate) enum StaticFile {
    /// Embedded in the binary.
    BuiltIn(OutputFile),
    /// On disk, copied without being read whole (pages excepted: their links are checked).
    OnDisk {
        /// Output path.
        path: String,
        /// Where it is.
        from: PathBuf,
    },
    /// In the build cache, with its hash known (a social card drawn by an earlier build).
    Cached {
        /// Output path.
        path: String,
        /// The cache entry.
        from: Hashed,
    },
}

impl StaticFile {
    /// Its output path.
    pub(crate) fn path(&self) -> &str {
        match self {
            StaticFile::BuiltIn(f) => &f.path,
            StaticFile::OnDisk { path, .. } | StaticFile::Cached { path, .. } => path,
        }
    }
}

/// Sends files to their destination, taking verify's facts of each on the way.
pub(crate) struct Delivery<'a> {
    dest: Destination<'a>,
    output: facts::Output<'a>,
    errors: Mutex<Vec<String>>,
}

impl<'a> Delivery<'a> {
    /// Delivery to `dest`, checking links against `output`.
    pub(crate) fn new(dest: Destination<'a>, output: facts::Output<'a>) -> Delivery<'a> {
        Delivery { dest, output, errors: Mutex::new(Vec::new()) }
    }

    /// Takes a file's facts and sends it where it goes.
    pub(crate) fn deliver(&self, file: OutputFile) -> Delivered {
        let facts = facts::of(&file.path, &file.bytes, &self.output);
        let kept = match self.dest {
            Destination::Memory => Some(kept(file)),
            Destination::Sink(sink) => {
                if let Err(e) = sink.put(&file.path, &file.bytes) {
                    self.fail(&file.path, e);
                }
                None
            }
            Destination::Nowhere => None,
        };
        Delivered { facts, file: kept }
    }

    /// Sends a static file where it goes: a sink copies it from disk; memory, and the
    /// link check of a static page, read it.
    pub(crate) fn deliver_static(&self, file: StaticFile) -> Delivered {
        let (path, from) = match file {
            StaticFile::BuiltIn(f) => return self.deliver(f),
            StaticFile::OnDisk { path, from } => (path, from),
            StaticFile::Cached { path, from } => return self.deliver_cached(path, from),
        };
        if let (Destination::Sink(sink), false) = (self.dest, path.ends_with(".html")) {
            if let Err(e) = sink.copy(&path, &from) {
                self.fail(&path, e);
            }
            return Delivered { facts: None, file: None };
        }
        if let (Destination::Nowhere, false) = (self.dest, path.ends_with(".html")) {
            return Delivered { facts: None, file: None };
        }
        match std::fs::read(&from) {
            Ok(bytes) => self.deliver(OutputFile { path, bytes: Arc::new(bytes) }),
            Err(e) => {
                self.fail(&path, e);
                Delivered { facts: None, file: None }
            }
        }
    }

    /// Sends a build cache entry where it goes: a sink links it; memory reads it.
    fn deliver_cached(&self, path: String, from: Hashed) -> Delivered {
        match self.dest {
            Destination::Sink(sink) => {
                if let Err(e) = sink.link(&path, &from) {
                    self.fail(&path, e);
                }
                Delivered { facts: None, file: None }
            }
            Destination::Nowhere => Delivered { facts: None, file: None },
            Destination::Memory => self.deliver_static(StaticFile::OnDisk { path, from: from.path }),
        }
    }

    fn fail(&self, path: &str, e: std::io::Error) {
        self.errors.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{path}: {e}"));
    }

    /// The files the destination could not take, with the reason.
    pub(crate) fn into_errors(self) -> Vec<String> {
        self.errors.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A file about to be kept in memory, with the slack of its render buffer given back.
pub(crate) fn kept(mut file: OutputFile) -> OutputFile {
    if let Some(bytes) = Arc::get_mut(&mut file.bytes) {
        bytes.shrink_to_fit();
    }
    file
}
