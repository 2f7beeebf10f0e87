//! The `gloss` command: parses arguments and hands over to [`gloss::cli`].

use std::process::ExitCode;

/// mimalloc: a build makes and frees millions of small strings, on every core at once,
/// and spends a sixth of its time in the system allocator without it. Built without
/// transparent huge pages (`no_thp`): with them, the kernel zeroed 2 MiB for every
/// fresh allocation page, a seventh of a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gloss::cli::main()
}
