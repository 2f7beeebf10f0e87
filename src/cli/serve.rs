//! `gloss serve`.

use std::path::PathBuf;

use clap::Args;

use super::{RootArg, EXIT_FAILURE, EXIT_OK};
use crate::serve::{self, ServeOptions};

/// Arguments of `gloss serve`.
#[derive(Args, Debug)]
pub(crate) struct ServeArgs {
    /// Where the site is.
    #[command(flatten)]
    pub(crate) root: RootArg,
    /// Address to listen on (loopback by default; the server refuses other Host names).
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: String,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Include draft articles.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Open the site in a browser.
    #[arg(long)]
    pub(crate) open: bool,
}

/// Serves until Ctrl-C; returns the exit status.
pub(super) fn run(args: ServeArgs) -> u8 {
    let root: PathBuf = args.root.root;
    match serve::run(ServeOptions { root, bind: args.bind, port: args.port, drafts: args.drafts, open: args.open }) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e:#}");
            EXIT_FAILURE
        }
    }
}
