//! A build session: the pipeline run once or many times over the same site. Between
//! runs it keeps the parse results of unchanged files and the rendered pages whose
//! context did not change, so `serve` redoes only the work an edit calls for; the
//! result is the same as a fresh run's.

use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::load::{self, LoadOptions};
use crate::parse::{self, ParseCache};
use crate::render::{self, Destination, RenderCache, TemplateProblem};
use crate::{resolve, verify, Compiled};

/// The pipeline with its caches.
#[derive(Debug)]
pub struct Session {
    opts: LoadOptions,
    parse_cache: ParseCache,
    render_cache: RenderCache,
}

impl Session {
    /// A session that runs once: it keeps nothing between runs.
    pub fn new(opts: LoadOptions) -> Session {
        Session { opts, parse_cache: ParseCache::default(), render_cache: RenderCache::default() }
    }

    /// A session for many runs over a changing site (what `serve` uses): unchanged
    /// files are not parsed again and unchanged pages not rendered again.
    pub fn incremental(opts: LoadOptions) -> Session {
        Session { opts, parse_cache: ParseCache::keeping(), render_cache: RenderCache::keeping() }
    }

    /// Loads, parses, resolves, renders and verifies the site, keeping the output in
    /// memory. Stops after the first stage that found an error.
    pub fn compile(&mut self) -> Compiled {
        self.compile_to(Destination::Memory)
    }

    /// Like [`Session::compile`], sending the output files to `dest` as they are made.
    pub fn compile_to(&mut self, dest: Destination<'_>) -> Compiled {
        let mut clock = StageClock::new();
        let mut sources = SourceMap::default();
        let mut diagnostics = Diagnostics::default();
        let project = load::load(&self.opts, &mut sources, &mut diagnostics);
        clock.lap("load");
        let mut out = Compiled { sources, diagnostics, site: None, rendered: None };
        let Some(project) = project.filter(|_| !out.diagnostics.has_errors()) else { return out };
        let parsed = parse::parse(project, &out.sources, &mut out.diagnostics, &mut self.parse_cache);
        clock.lap("parse");
        let site = resolve::resolve(parsed, &out.sources, &mut out.diagnostics);
        clock.lap("resolve");
        if !out.diagnostics.has_errors() {
            let rendered = render::render(&site, &mut self.render_cache, dest);
            clock.lap("render");
            match rendered {
                Ok(r) => {
                    let problems = verify::check(&r.paths, &r.facts, &site.config.base_path());
                    clock.lap("verify");
                    for p in problems {
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
}

/// Stage timings, printed to stderr when `GLOSS_TIMINGS` is set (for profiling).
struct StageClock {
    enabled: bool,
    last: std::time::Instant,
}

impl StageClock {
    fn new() -> StageClock {
        StageClock { enabled: std::env::var_os("GLOSS_TIMINGS").is_some(), last: std::time::Instant::now() }
    }

    fn lap(&mut self, stage: &str) {
        if self.enabled {
            eprintln!("{stage:>8}: {:>7.1} ms", self.last.elapsed().as_secs_f64() * 1000.0);
            self.last = std::time::Instant::now();
        }
    }
}

/// A template problem as a diagnostic on the template file (its text loaded when the
/// template is a site override, so the line can be shown).
fn template_diagnostic(sources: &mut SourceMap, p: TemplateProblem) -> Diagnostic {
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
