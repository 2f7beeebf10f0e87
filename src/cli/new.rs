//! `gloss new DIR`.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_FAILURE, EXIT_OK};

/// Arguments of `gloss new`.
#[derive(Args, Debug)]
pub(crate) struct NewArgs {
    /// The folder to create the site in (new or empty).
    pub(crate) dir: PathBuf,
}

/// Writes the starter site; returns the exit status.
pub(super) fn run(args: NewArgs) -> u8 {
    match crate::scaffold::create(&args.dir) {
        Ok(()) => {
            eprintln!(
                "Created a starter site in {}. Next: gloss serve --root {}",
                args.dir.display(),
                args.dir.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}
