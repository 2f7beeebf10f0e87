//! `gloss build`.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{load_options, report, RootArg, EXIT_FAILURE, EXIT_OK};
use crate::diag::plural;
use crate::BuildOptions;

/// Arguments of `gloss build`.
#[derive(Args, Debug)]
pub(crate) struct BuildArgs {
    /// Where the site is.
    #[command(flatten)]
    pub(crate) root: RootArg,
    /// Output folder (default: public/ under the root).
    #[arg(long)]
    pub(crate) output: Option<PathBuf>,
    /// Replace site.yaml's base_url.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Include draft articles.
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Replace the output folder even when it holds files gloss did not write.
    #[arg(long)]
    pub(crate) force: bool,
    /// Reuse nothing from earlier builds: neither .gloss-cache/ nor the unchanged files of the previous output.
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Print only diagnostics: no progress, no summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// A spinner on a terminal for builds that take more than a moment; nothing otherwise.
fn progress(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message("Building…");
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// The line a successful build ends with: "Built 12 pages (1 article, 3 entities, …)".
fn summary(pages: usize, site: &crate::site::Site, output: &std::path::Path, seconds: f64) -> String {
    let quotes: usize = site.articles.iter().map(|a| a.meta.quotes.len()).sum();
    let provisions: usize = site.documents.iter().map(|d| d.meta.provisions.len()).sum();
    format!(
        "Built {} ({}, {}, {}, {}) into {} in {seconds:.2} s",
        plural(pages, "page"),
        plural(site.articles.len(), "article"),
        plural(site.entities.len(), "entity"),
        plural(quotes, "quote"),
        plural(provisions, "provision"),
        output.display(),
    )
}

/// Runs the build and returns the exit status.
pub(super) fn run(args: BuildArgs) -> u8 {
    let start = Instant::now();
    let load = load_options(args.root.root, args.drafts, args.base_url);
    let opts = BuildOptions { load, output: args.output, force: args.force, no_cache: args.no_cache };
    let spinner = progress(args.quiet);
    let built = crate::build(&opts);
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let compiled = match built {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e:#}");
            return EXIT_FAILURE;
        }
    };
    let code = report(&compiled.sources, &compiled.diagnostics);
    if let (EXIT_OK, false, Some(r), Some(site)) = (code, args.quiet, &compiled.rendered, &compiled.site) {
        eprintln!("{}", summary(r.pages, site, &opts.output_dir(), start.elapsed().as_secs_f64()));
    }
    crate::timings::lap("report");
    crate::timings::total();
    // The process ends next: freeing the site model piece by piece would only add
    // time (0.15 s at 10,000 articles); the system takes the memory back at once.
    std::mem::forget(compiled);
    code
}
