//! gloss: a static-site generator for annotated news explainers.
//!
//! The pipeline, one module per stage, with the site model in the middle:
//!
//! ```text
//! load      site.yaml + content/**/*.md  →  Project   (front matter typed, bodies located)
//! parse     Markdown                     →  ParsedSite (body IR: crate::site::body)
//! resolve   ids, @refs, anchors, autolinks, mentions → Site (crate::site)
//! render    Tera templates               →  Vec<OutputFile> (in memory)
//! verify    every internal link and fragment of the output lands
//! write     a fresh folder, swapped in   →  public/
//! ```
//!
//! Each stage takes the previous stage's value and reports problems to one
//! [`diag::Diagnostics`]; the pipeline stops at the first stage boundary with an error.
//! `check` is load + parse + resolve + render; `build` adds write.

pub mod cli;
pub mod config;
pub mod date;
pub mod diag;
pub mod load;
pub mod meta;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod site;
pub mod theme;
pub mod urls;
pub mod verify;
pub mod write;

use std::path::PathBuf;

use diag::{Diagnostic, Diagnostics, SourceMap};
use load::LoadOptions;
use render::Rendered;
use site::Site;

/// The outcome of running the pipeline up to rendering.
pub struct Compiled {
    /// Every file read, for printing diagnostics.
    pub sources: SourceMap,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The site model, when resolution ran.
    pub site: Option<Site>,
    /// The rendered files, when there were no errors.
    pub rendered: Option<Rendered>,
}

/// Loads, parses, resolves and renders the site in memory. Stops after the first
/// stage that found an error.
pub fn compile(opts: &LoadOptions) -> Compiled {
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let project = load::load(opts, &mut sources, &mut diagnostics);
    let mut out = Compiled { sources, diagnostics, site: None, rendered: None };
    let Some(project) = project.filter(|_| !out.diagnostics.has_errors()) else { return out };
    let parsed = parse::parse(project, &out.sources, &mut out.diagnostics);
    let site = resolve::resolve(parsed, &out.sources, &mut out.diagnostics);
    if !out.diagnostics.has_errors() {
        match render::render(&site) {
            Ok(r) => {
                for p in verify::check(&r.files, &site.config.base_path()) {
                    let file = out.sources.add(format!("(output) {}", p.path), String::new());
                    out.diagnostics.push(
                        Diagnostic::error(file, 0..0, p.message)
                            .help("fix the link in the content the page shows, or in the template that builds it"),
                    );
                }
                if !out.diagnostics.has_errors() {
                    out.rendered = Some(r);
                }
            }
            Err(problems) => {
                for p in problems {
                    let d = template_diagnostic(&mut out.sources, p);
                    out.diagnostics.push(d);
                }
            }
        }
    }
    out.site = Some(site);
    out
}

/// A template problem as a diagnostic on the template file (its text loaded when the
/// template is a site override, so the line can be shown).
fn template_diagnostic(sources: &mut SourceMap, p: render::TemplateProblem) -> Diagnostic {
    let text = p.file.as_ref().and_then(|f| std::fs::read_to_string(f).ok()).unwrap_or_default();
    let offset = p.line_col.map_or(0, |(line, col)| {
        let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let line_text = text[line_start..].split('\n').next().unwrap_or("");
        line_start + line_text.char_indices().nth(col.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
    });
    let name = format!("templates/{}", p.template.trim_start_matches("templates/"));
    let file = sources.add(name, text);
    Diagnostic::error(file, offset..offset, p.message)
        .help("fix the template, or delete the override to use the built-in one")
}

/// Options of `gloss build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// What to load.
    pub load: LoadOptions,
    /// Where to write; `public/` under the root by default.
    pub output: Option<PathBuf>,
}

impl BuildOptions {
    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.load.root.join("public"))
    }
}

/// Compiles the site and, when it has no errors, replaces the output folder with it.
/// An `Err` is an I/O failure; content errors are in the returned diagnostics.
pub fn build(opts: &BuildOptions) -> anyhow::Result<Compiled> {
    let output = opts.output_dir();
    write::check_output_dir(&opts.load.root, &output)?;
    let compiled = compile(&opts.load);
    if let Some(r) = &compiled.rendered {
        write::write_site(&output, &r.files)?;
    }
    Ok(compiled)
}
