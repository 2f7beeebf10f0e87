//! gloss: a static-site generator for annotated news explainers.
//!
//! The pipeline, one module per stage, with the site model in the middle:
//!
//! ```text
//! load      site.yaml + content/**/*.md  →  Project   (front matter typed, bodies located)
//! parse     Markdown                     →  ParsedSite (body IR: crate::site::body)
//! resolve   ids, @refs, anchors, autolinks, mentions → Site (crate::site)
//! render    Tera templates               →  files sent to a destination as they are made
//! verify    every internal link and fragment of the output lands
//! write     a fresh folder, swapped in   →  public/
//! ```
//!
//! Each stage takes the previous stage's value and reports problems to one
//! [`Diagnostics`]; the pipeline stops at the first stage boundary with an error.
//! [`Session`] runs the stages up to verify: `check` runs it once, `build`
//! adds write, and `serve` keeps one session alive, rebuilding in memory on each change.

pub mod cli;
mod config;
mod content_hash;
mod date;
mod diag;
mod html_tokens;
mod language;
mod load;
mod media;
mod memory;
mod meta;
mod parse;
mod render;
mod replace_file;
mod resolve;
mod scaffold;
mod serve;
mod session;
mod site;
mod tags;
mod text;
mod theme;
mod timings;
mod urls;
mod verify;
mod write;

pub use diag::{Diagnostic, Diagnostics, FileId, Severity, SourceMap};
pub use load::LoadOptions;
pub use memory::set_trim;
pub use session::{Compiled, Rebuild, Session};

use std::path::PathBuf;

/// Loads, parses, resolves, renders and verifies the site in memory, once. Stops after
/// the first stage that found an error.
pub fn compile(opts: &LoadOptions) -> Compiled {
    Session::new(opts.clone()).compile()
}

/// Options of `gloss build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// What to load.
    pub load: LoadOptions,
    /// Where to write; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Replace the output folder even when it holds files gloss did not write.
    pub force: bool,
    /// Reuse nothing from earlier builds: neither `.gloss-cache/` nor the previous
    /// output's unchanged files (every file is written afresh).
    pub no_cache: bool,
}

impl BuildOptions {
    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.load.root.join("public"))
    }
}

/// Compiles the site and, when it has no errors, replaces the output folder with it.
/// An `Err` is an I/O failure; content errors are in the returned diagnostics.
///
/// Unless `no_cache` is set, the build saves its state in `.gloss-cache/`, and the
/// next build applies the edits made since to this one's output in place when only
/// articles changed (see `session::update_in_place`).
pub fn build(opts: &BuildOptions) -> anyhow::Result<Compiled> {
    timings::lap("startup");
    let output = opts.output_dir();
    // The inputs as they are before anything is read: a file changed while the build
    // reads it then counts as changed for the next build.
    let inputs = (!opts.no_cache).then(|| session::Inputs::scan(&opts.load.root));
    timings::lap("inputs");
    if let Some(inputs) = &inputs {
        if let Some(done) = session::update_in_place(&opts.load, &output, inputs)? {
            return Ok(done);
        }
    }
    let staging = write::Staging::new(&opts.load.root, &output, opts.force, !opts.no_cache)?;
    timings::lap("staging");
    let mut session = match opts.no_cache {
        true => Session::new(opts.load.clone()).without_build_cache(),
        false => Session::saving(opts.load.clone()),
    };
    let compiled = session.compile_to(render::Destination::Sink(&staging));
    match &compiled.rendered {
        Some(r) if !r.sink_errors.is_empty() => {
            anyhow::bail!("cannot write the site: {}", r.sink_errors.join("; "))
        }
        Some(_) => {
            let committed = staging.commit()?;
            session.prune_build_cache();
            timings::lap("cleanup");
            if let Some(inputs) = &inputs {
                return Ok(session.save_state(compiled, (&output, &committed), inputs));
            }
        }
        None => drop(staging),
    }
    Ok(compiled)
}
