//! The `gloss` command: parses arguments and hands over to [`gloss::cli`].

use std::process::ExitCode;

/// mimalloc: a build makes and frees millions of small strings, on every core at once,
/// and spends a sixth of its time in the system allocator without it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gloss::cli::main()
}
