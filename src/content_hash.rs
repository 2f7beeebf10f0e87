//! The hash that names a file's bytes wherever gloss compares outputs across builds:
//! the first 128 bits of BLAKE3, in hex. The output manifest records it for every file,
//! and the build cache keeps it beside each social card, so that a card goes to the
//! output without being read again.

use std::io;
use std::path::Path;

/// The hash of `bytes`.
pub(crate) fn of_bytes(bytes: &[u8]) -> String {
    hex(blake3::hash(bytes))
}

/// The hash and size of the file at `path`, read in pieces.
pub(crate) fn of_file(path: &Path) -> io::Result<(String, u64)> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    let size = hasher.count();
    Ok((hex(hasher.finalize()), size))
}

/// Whether `s` has the form of a hash this module gives (32 lowercase hex digits).
pub(crate) fn is_hash(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn hex(hash: blake3::Hash) -> String {
    hash.to_hex()[..32].to_string()
}
