//! The `gloss` command: parses arguments and hands over to [`gloss::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    gloss::cli::main()
}
