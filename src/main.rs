//! The `gloss` command: parses arguments and hands over to [`gloss::cli`].

use std::process::ExitCode;

/// mimalloc: a build makes and frees millions of small strings, on every core at once,
/// and spends a sixth of its time in the system allocator without it. Built without
/// transparent huge pages (`no_thp`): with them, the kernel zeroed 2 MiB for every
/// fresh allocation page, a seventh of a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gloss::set_trim(trim);
    gloss::cli::main()
}

/// Hands the memory every thread's heap has freed back to the system: after a build
/// lets go of the content files' texts and of the resolve lookup, the resident set
/// would otherwise stay about 80 MiB above what is in use at N = 10,000.
fn trim() {
    // SAFETY: `mi_collect` only walks the calling thread's own heap.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}
