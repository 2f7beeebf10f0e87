//! `gloss check`: everything `build` checks, writing nothing.

use clap::{Args, ValueEnum};

use super::{load_options, report, RootArg, EXIT_CONTENT, EXIT_OK};
use crate::render::Destination;
use crate::session::Session;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub(crate) enum Format {
    /// Like a compiler: location, source line, caret, help.
    #[default]
    Human,
    /// One JSON object per line on stdout, for editors and CI.
    Json,
}

/// Arguments of `gloss check`.
#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    /// Where the site is.
    #[command(flatten)]
    pub(crate) root: RootArg,
    /// Check draft articles too.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub(crate) format: Format,
    /// Also fetch every external URL the content links to, and report those that fail.
    #[arg(long)]
    pub(crate) external: bool,
}

/// Runs the checks and returns the exit status.
pub(super) fn run(args: CheckArgs) -> u8 {
    crate::timings::lap("startup");
    let root = args.root.root.clone();
    let mut session = Session::new(load_options(args.root.root, args.drafts, None));
    if args.external {
        session = session.keeping_bodies();
    }
    // Not freed: the process ends right after (see `build`).
    let mut compiled = std::mem::ManuallyDrop::new(session.compile_to(Destination::Nowhere));
    if args.external {
        if let Some(site) = &compiled.site {
            let failed = crate::verify::external::check(site, &compiled.sources, &root);
            compiled.diagnostics.extend(failed);
        }
    }
    let code = match args.format {
        Format::Json => {
            print!("{}", compiled.diagnostics.to_json_lines(&compiled.sources));
            if compiled.diagnostics.has_errors() {
                EXIT_CONTENT
            } else {
                EXIT_OK
            }
        }
        Format::Human => {
            let code = report(&compiled.sources, &compiled.diagnostics);
            if code == EXIT_OK {
                let (_, warnings) = compiled.diagnostics.counts();
                if warnings == 0 {
                    eprintln!("No problems found.");
                }
            }
            code
        }
    };
    crate::timings::lap("report");
    crate::timings::total();
    code
}
