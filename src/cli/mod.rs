//! The command line of FORMAT.md section 7. Exit status: 0 success, 1 the content has
//! errors, 2 bad usage or an I/O failure.

mod build;
mod check;
mod new;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::diag::{Diagnostics, SourceMap};
use crate::load::LoadOptions;

/// gloss: a static-site generator for annotated news explainers.
#[derive(Parser, Debug)]
#[command(name = "gloss", version, about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Build the site into the output folder.
    Build(build::BuildArgs),
    /// Check everything build checks; write nothing.
    Check(check::CheckArgs),
    /// Serve the site on localhost, rebuilding and reloading on every change.
    Serve(serve::ServeArgs),
    /// Create a starter site in a new folder.
    New(new::NewArgs),
}

/// Where the site is.
#[derive(Args, Debug, Clone)]
pub(crate) struct RootArg {
    /// The site root (the folder holding site.yaml).
    #[arg(long, default_value = ".")]
    pub(crate) root: PathBuf,
}

/// Exit status for success.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit status when the content has errors.
pub(crate) const EXIT_CONTENT: u8 = 1;
/// Exit status for bad usage or I/O failure.
pub(crate) const EXIT_FAILURE: u8 = 2;

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    crate::timings::start();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_FAILURE } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Serve(args) => serve::run(args),
        Command::New(args) => new::run(args),
    };
    ExitCode::from(code)
}

fn load_options(root: PathBuf, drafts: bool, base_url: Option<String>) -> LoadOptions {
    LoadOptions { root, drafts, base_url }
}

/// Prints diagnostics to stderr and returns the exit status they call for.
fn report(sources: &SourceMap, diags: &Diagnostics) -> u8 {
    let mut err = codespan_reporting::term::termcolor::StandardStream::stderr(color_choice());
    let _ = diags.print(sources, &mut err);
    if diags.has_errors() {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

fn color_choice() -> codespan_reporting::term::termcolor::ColorChoice {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        codespan_reporting::term::termcolor::ColorChoice::Auto
    } else {
        codespan_reporting::term::termcolor::ColorChoice::Never
    }
}
