//! The hash that names a file's bytes wherever gloss compares outputs across builds:
//! the first 128 bits of BLAKE3, written in hex. The output manifest records it for every file,
//! and the build cache keeps it beside each social card, so that a card goes to the
//! output without being read again.

use std::io::{self, Write};
use std::path::Path;

/// The hash of a file's bytes: the first 128 bits of their BLAKE3 hash, written in
/// hex (32 lowercase digits). Held as bytes: the output manifest records one for every
/// file of an archive's output, a million at N = 100,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hash([u8; 16]);

impl Hash {
    /// The hash written as `hex`, when it is one (32 lowercase hex digits).
    pub(crate) fn parse(hex: &str) -> Option<Hash> {
        let digit = |b: u8| match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            _ => None,
        };
        let hex = hex.as_bytes();
        if hex.len() != 32 {
            return None;
        }
        let mut bytes = [0; 16];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks(2)) {
            *byte = digit(pair[0])? << 4 | digit(pair[1])?;
        }
        Some(Hash(bytes))
    }
}

impl From<blake3::Hash> for Hash {
    fn from(full: blake3::Hash) -> Hash {
        let mut bytes = [0; 16];
        bytes.copy_from_slice(&full.as_bytes()[..16]);
        Hash(bytes)
    }
}

impl std::fmt::Display for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// The hash of `bytes`.
pub(crate) fn of_bytes(bytes: &[u8]) -> Hash {
    blake3::hash(bytes).into()
}

/// The hash and size of the file at `path`, read in pieces.
pub(crate) fn of_file(path: &Path) -> io::Result<(Hash, u64)> {
    let mut hasher = blake3::Hasher::new();
    hasher.update_reader(std::fs::File::open(path)?)?;
    let size = hasher.count();
    Ok((hasher.finalize().into(), size))
}

/// A writer that hashes (BLAKE3) what it passes on: put it behind a buffer, so that it
/// hashes in large pieces.
pub(crate) struct Hashing<W> {
    out: W,
    hasher: blake3::Hasher,
}

impl<W: Write> Hashing<W> {
    /// Passes what is written on to `out`.
    pub(crate) fn new(out: W) -> Hashing<W> {
        Hashing { out, hasher: blake3::Hasher::new() }
    }

    /// The full hash of what was written.
    pub(crate) fn finish(self) -> blake3::Hash {
        self.hasher.finalize()
    }

    /// The hash of what was written, as [`of_bytes`] gives it.
    pub(crate) fn finish_short(self) -> Hash {
        self.finish().into()
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.out.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_reads_back_from_its_hex_and_nothing_else_reads_as_one() {
        let hash = of_bytes(b"Kursk");
        let hex = hash.to_string();
        assert_eq!(hex.len(), 32);
        assert_eq!(hex, blake3::hash(b"Kursk").to_hex()[..32]);
        assert_eq!(Hash::parse(&hex), Some(hash));
        for bad in [&hex[..31], &hex.to_uppercase(), &format!("{}g", &hex[..31]), "", &format!("{hex}0")] {
            assert_eq!(Hash::parse(bad), None, "{bad}");
        }
    }
}
