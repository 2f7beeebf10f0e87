//! `gloss check`: everything `build` checks, writing nothing.

use clap::Args;

use super::{load_options, report, RootArg, EXIT_OK};

/// Arguments of `gloss check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Where the site is.
    #[command(flatten)]
    pub root: RootArg,
    /// Check draft articles too.
    #[arg(long)]
    pub drafts: bool,
}

/// Runs the checks and returns the exit status.
pub(super) fn run(args: CheckArgs) -> u8 {
    let compiled = crate::compile(&load_options(args.root.root, args.drafts, None));
    let code = report(&compiled.sources, &compiled.diagnostics);
    if code == EXIT_OK {
        eprintln!("No errors.");
    }
    code
}
