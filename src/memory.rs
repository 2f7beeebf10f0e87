//! Handing freed memory back to the system. A one-off run lets go of large data as
//! soon as it is done with it (the content files' texts once parsed, the resolve
//! lookup once resolved), but an allocator with per-thread heaps keeps the freed pages
//! of every thread for reuse, and what comes next allocates in other sizes. The
//! binary says how to hand them back ([`set_trim`]: it chose the allocator); the
//! pipeline says when ([`trim`]).

use std::sync::OnceLock;

static TRIM: OnceLock<fn()> = OnceLock::new();

/// Sets what [`trim`] runs: hands every thread's freed memory back. Only the first
/// call counts.
pub fn set_trim(trim: fn()) {
    let _ = TRIM.set(trim);
}

/// Hands freed memory back, if the binary said how.
pub(crate) fn trim() {
    if let Some(trim) = TRIM.get() {
        trim();
    }
}
