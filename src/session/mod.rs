//! A build session: the pipeline run once or many times over the same site. Between
//! runs it keeps the parse results of unchanged files and the rendered pages whose
//! context did not change, so `serve` redoes only the work an edit calls for; the
//! result is the same as a fresh run's.

mod compiled;
mod in_place;
mod inputs;
mod links;
mod state;
mod update;

pub use compiled::Compiled;
pub(crate) use in_place::update_in_place;
pub(crate) use inputs::Inputs;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics, SourceMap};
use crate::load::{self, LoadOptions};
use crate::media;
use crate::parse::{self, ParseCache};
use crate::render::aggregate::Aggregates;
use crate::render::plan::{self, Page, PageKind};
use crate::render::search::SearchIndex;
use crate::render::{self, BuildCache, Bytes, Destination, ReadIndex, RenderCache};
use crate::resolve::{self, usage, Lookup};
use crate::site::Site;
use crate::verify;
use crate::verify::facts::{self, PageFacts};

/// The diagnostics as text, empty when there are none.
fn text_of(diags: &Diagnostics, sources: &SourceMap) -> String {
    if diags.items().is_empty() {
        String::new()
    } else {
        diags.to_text(sources)
    }
}

/// The pipeline with its caches.
#[derive(Debug)]
pub struct Session {
    opts: LoadOptions,
    parse_cache: ParseCache,
    render_cache: RenderCache,
    /// The last good run's site and output, for updating in place (incremental sessions only).
    kept: Option<Kept>,
    /// Files whose last change could not be taken in; they are read again next time.
    pending: Vec<PathBuf>,
    /// The output last handed out by [`Session::rebuild`].
    output: BTreeMap<String, Bytes>,
    /// Encoded images and social cards kept on disk between runs.
    build_cache: BuildCache,
    /// Whether a run that keeps nothing for later edits still hands back the site with
    /// its article bodies (see [`Session::keeping_bodies`]).
    keep_bodies: bool,
    /// What a good run of a saving session established beyond what it hands back,
    /// until [`Session::save`] takes it.
    unsaved: Option<Extra>,
    /// The build state being saved, by a saving session (see [`Session::saving`]).
    saving: Option<state::Saving>,
}

/// Everything a good run established, kept so that an article edit can be applied to
/// it without running the whole pipeline again: by `serve` in memory, and saved with
/// the build state for the next `gloss build` (loaded, it needs [`Kept::attach`]).
struct Kept {
    sources: SourceMap,
    site: Site,
    lookup: Lookup,
    agg: Aggregates,
    pages: Vec<Page>,
    /// Made again from `pages` when loaded.
    page_index: HashMap<PageKind, usize>,
    facts: facts::ByPath,
    /// Diagnostics of loading, parsing and resolving (all warnings: the run was good).
    diags: Vec<Diagnostic>,
    /// Warnings about unused definitions, which depend on the whole site.
    usage: Vec<Diagnostic>,
    /// The search index, item by item.
    search: SearchIndex,
}

impl Kept {
    /// What a good full run established: its sources, site and facts, `extra`, its
    /// `diagnostics` (the usage warnings, last among them, are kept apart) and its
    /// search index.
    fn new(
        sources: SourceMap,
        site: Site,
        extra: Extra,
        facts: Vec<PageFacts>,
        diagnostics: &Diagnostics,
        search: SearchIndex,
    ) -> Kept {
        let usage_start = diagnostics.items().len() - extra.usage.len();
        Kept {
            page_index: extra.pages.iter().enumerate().map(|(i, p)| (p.kind, i)).collect(),
            search,
            sources,
            site,
            lookup: extra.lookup,
            agg: extra.agg,
            pages: extra.pages,
            facts: facts::ByPath::new(facts),
            diags: diagnostics.items()[..usage_start].to_vec(),
            usage: extra.usage,
        }
    }

    /// Makes again what a loaded `Kept` does not save: the lookup's ties to the site,
    /// the page index, and how the sources' texts are read again.
    fn attach(&mut self) {
        self.lookup.attach(&self.site);
        self.page_index = self.pages.iter().enumerate().map(|(i, p)| (p.kind, i)).collect();
        self.sources.release(crate::load::reread);
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extra").field("pages", &self.pages.len()).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept").field("pages", &self.pages.len()).finish_non_exhaustive()
    }
}

/// What [`Session::rebuild`] did.
#[derive(Debug)]
pub struct Rebuild {
    /// The diagnostics, as text (empty when there were none).
    pub report: String,
    /// Whether the site built; when not, the output is the last good one.
    pub ok: bool,
    /// Output files that changed since the last good rebuild: new bytes, or `None` when gone.
    pub changed: Vec<(String, Option<Bytes>)>,
    /// How many HTML pages the site has.
    pub pages: usize,
    /// Whether only the edited articles and what shows them were redone.
    pub incremental: bool,
}

/// What a full run leaves beside [`Compiled`] for an incremental or saving session to
/// keep (a run of any other session leaves nothing).
struct Extra {
    lookup: Lookup,
    agg: Aggregates,
    pages: Vec<Page>,
    usage: Vec<Diagnostic>,
}

impl Session {
    /// A session that runs once: it keeps nothing between runs.
    pub fn new(opts: LoadOptions) -> Session {
        Session {
            parse_cache: ParseCache::default(),
            render_cache: RenderCache::default(),
            kept: None,
            pending: Vec::new(),
            output: BTreeMap::new(),
            build_cache: BuildCache::new(Some(opts.root.join(".gloss-cache"))),
            keep_bodies: false,
            unsaved: None,
            saving: None,
            opts,
        }
    }

    /// This session, keeping nothing in `.gloss-cache/` and reading nothing from it.
    pub fn without_build_cache(self) -> Session {
        Session { build_cache: BuildCache::new(None), ..self }
    }

    /// This session, handing back the site with its article bodies, which a one-off run
    /// otherwise lets go as soon as their pages are made (what `check --external` reads).
    pub(crate) fn keeping_bodies(self) -> Session {
        Session { keep_bodies: true, ..self }
    }

    /// A session for many runs over a changing site (what `serve` uses): unchanged
    /// files are not parsed again and unchanged pages not rendered again.
    pub fn incremental(opts: LoadOptions) -> Session {
        Session { parse_cache: ParseCache::keeping(), render_cache: RenderCache::keeping(), ..Session::new(opts) }
    }

    /// A session that runs once, like [`Session::new`], and keeps what the next build
    /// needs to apply an article edit to this one's output (see [`Session::save_state`]).
    pub(crate) fn saving(opts: LoadOptions) -> Session {
        let saving = state::Saving::begin(&opts.root).ok();
        Session { render_cache: RenderCache::recording(), saving, ..Session::new(opts) }
    }

    /// After a good run of a [`Session::saving`] session, hands what the next build
    /// needs to `save`, and gives `compiled` back with what `save` returned; after any
    /// other run, gives `compiled` back as it is, with `None`.
    fn save<R>(&mut self, compiled: Compiled, save: impl FnOnce(&Kept, &ReadIndex) -> R) -> (Compiled, Option<R>) {
        let Compiled { sources, diagnostics, site, rendered } = compiled;
        match (self.unsaved.take(), site, rendered) {
            (Some(extra), Some(site), Some(mut rendered)) => {
                let facts = std::mem::take(&mut rendered.facts);
                // A saving run handed its search index to the state while rendering:
                // this run's `Kept` is only saved, without it, and not updated later.
                let search = rendered.search.take().unwrap_or_default();
                let kept = Kept::new(sources, site, extra, facts, &diagnostics, search);
                let saved = save(&kept, self.render_cache.index());
                let Kept { sources, site, .. } = kept;
                (Compiled { sources, diagnostics, site: Some(site), rendered: Some(rendered) }, Some(saved))
            }
            (_, site, rendered) => (Compiled { sources, diagnostics, site, rendered }, None),
        }
    }

    /// Loads, parses, resolves, renders and verifies the site, keeping the output in
    /// memory. Stops after the first stage that found an error.
    pub fn compile(&mut self) -> Compiled {
        self.compile_to(Destination::Memory)
    }

    /// Like [`Session::compile`], sending the output files to `dest` as they are made.
    pub(crate) fn compile_to(&mut self, dest: Destination<'_>) -> Compiled {
        let (compiled, extra) = self.run(dest);
        self.unsaved = extra;
        compiled
    }

    /// Removes the build cache's entries that this session's runs did not use (see
    /// [`BuildCache::prune`]); call it after a run that made every page.
    pub(crate) fn prune_build_cache(&self) -> usize {
        self.build_cache.prune()
    }

    /// The output of the last good [`Session::rebuild`], by path.
    pub fn output(&self) -> &BTreeMap<String, Bytes> {
        &self.output
    }

    /// Brings the output up to date after `changed` files changed (all of them on the
    /// first call). When only articles changed and they kept their dates and the ids
    /// they define, only they are read again and only the pages that show them are
    /// rendered again; otherwise the whole pipeline runs, with its caches. Either way
    /// the output is what a fresh build would give.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuild {
        crate::timings::lap("idle");
        let mut paths = std::mem::take(&mut self.pending);
        paths.extend(changed.iter().cloned());
        paths.sort();
        paths.dedup();
        if let Some(kept) = self.kept.as_mut() {
            let caches = (&mut self.render_cache, &self.build_cache);
            match update::articles(kept, &self.opts, &paths, &self.output, caches) {
                update::Outcome::Done { diags, files, gone } => {
                    let report = text_of(&diags, &kept.sources);
                    let changed =
                        files.into_iter().map(|f| (f.path, Some(f.bytes))).chain(gone.into_iter().map(|p| (p, None)));
                    let changed = changed.collect();
                    return self.deliver(report, changed, true);
                }
                update::Outcome::Failed { diags, broken } => {
                    let report = text_of(&diags, &kept.sources);
                    if broken {
                        self.kept = None;
                    }
                    self.pending = paths;
                    return Rebuild { report, ok: false, changed: Vec::new(), pages: 0, incremental: true };
                }
                update::Outcome::NotApplicable => {}
            }
        }
        let (compiled, extra) = self.run(Destination::Memory);
        let report = compiled.diagnostics.to_text(&compiled.sources);
        let (Some(rendered), Some(site)) = (compiled.rendered, compiled.site) else {
            self.kept = None;
            return Rebuild { report, ok: false, changed: Vec::new(), pages: 0, incremental: false };
        };
        let mut changed = Vec::new();
        let mut fresh = BTreeMap::new();
        for f in rendered.files {
            if self.output.get(&f.path).is_none_or(|old| old != &f.bytes) {
                changed.push((f.path.clone(), Some(f.bytes.clone())));
            }
            fresh.insert(f.path, f.bytes);
        }
        changed.extend(self.output.keys().filter(|p| !fresh.contains_key(*p)).map(|p| (p.clone(), None)));
        self.output = fresh;
        if let (Some(extra), Some(search)) = (extra, rendered.search) {
            self.kept = Some(Kept::new(compiled.sources, site, extra, rendered.facts, &compiled.diagnostics, search));
        }
        Rebuild { report, ok: true, changed, pages: rendered.pages, incremental: false }
    }

    /// Applies `changed` to the handed-out output and says so.
    fn deliver(&mut self, report: String, changed: Vec<(String, Option<Bytes>)>, incremental: bool) -> Rebuild {
        for (path, bytes) in &changed {
            match bytes {
                Some(b) => self.output.insert(path.clone(), b.clone()),
                None => self.output.remove(path),
            };
        }
        let pages = self.kept.as_ref().map_or(0, |k| k.pages.len());
        Rebuild { report, ok: true, changed, pages, incremental }
    }

    /// The whole pipeline, once.
    fn run(&mut self, dest: Destination<'_>) -> (Compiled, Option<Extra>) {
        let mut sources = SourceMap::default();
        let mut diagnostics = Diagnostics::default();
        let project = load::load(&self.opts, &mut sources, &mut diagnostics);
        crate::timings::lap("load");
        let mut out = Compiled { sources, diagnostics, site: None, rendered: None };
        // Files that did not load are left out; the rest is resolved, so that one run
        // reports the errors of every stage it can reach.
        let Some(project) = project else { return (out, None) };
        let all_loaded = !out.diagnostics.has_errors();
        let mut parsed = parse::parse(project, &out.sources, &mut out.diagnostics, &mut self.parse_cache);
        // A run that no later edit updates drops what only edits would need, as soon as
        // it can. Once parsed, only diagnostics need the content files' texts: such a run
        // lets them go, and a diagnostic that needs one reads its file again.
        let keeping = self.render_cache.keeps();
        // Only `serve`, which keeps every page, keeps the texts too.
        let texts = self.render_cache.keeps_pages();
        if !texts {
            out.sources.release(load::reread);
            crate::memory::trim();
        }
        crate::timings::lap("parse");
        let media = media::gather(&mut parsed, &out.sources, &mut out.diagnostics);
        crate::timings::lap("media");
        let (mut site, lookup) = resolve::resolve(parsed, media, &out.sources, &mut out.diagnostics);
        // Only a session that applies edits later resolves again with the lookup; a
        // build that saves its state writes it there now and lets it go.
        let saved = keeping && self.saving.as_ref().is_some_and(|s| s.put("lookup", &lookup).is_ok());
        let lookup = (keeping && !saved).then_some(lookup);
        // What is never referenced is only known when every file loaded.
        let usage = if all_loaded { usage::unused(&site, &out.sources) } else { Vec::new() };
        out.diagnostics.extend(usage.iter().cloned());
        if !texts {
            // Again: resolving read the files with warnings once more. The lookup and
            // what resolving made for a while are gone too: hand their memory back.
            out.sources.release(load::reread);
            crate::memory::trim();
        }
        crate::timings::lap("resolve");
        let mut extra = None;
        // A site with errors is still rendered and checked, so that the dead links
        // authors wrote show in the same run; those only gloss made (to a passage that
        // did not anchor, say) follow from the errors already reported, and are left out.
        let resolved = !out.diagnostics.has_errors();
        {
            let agg = Aggregates::new(&site);
            let pages = plan::all_pages(&site, &agg);
            crate::timings::lap("lists");
            // The site model goes to the build state now, bodies and all, so that
            // rendering can let the bodies go.
            if let Some(saving) = self.saving.take() {
                self.saving = (resolved && saving.put("site", &site).is_ok()).then_some(saving);
                crate::timings::lap("save");
            }
            let release_bodies = !self.render_cache.keeps_pages() && !self.keep_bodies;
            // The search index goes to the build state as soon as its files are made.
            let saving = self.saving.as_ref();
            let save_index = |index: &SearchIndex| saving.is_some_and(|s| s.put("search", index).is_ok());
            let index_to: Option<&(dyn Fn(&SearchIndex) -> bool + Sync)> = saving.map(|_| &save_index as _);
            let letting = render::Letting { release_bodies, index_to };
            let caches = (&mut self.render_cache, &self.build_cache);
            let rendered = render::render(&mut site, &out.sources, &agg, &pages, caches, dest, letting);
            crate::timings::lap("render");
            match rendered {
                Ok(mut r) => {
                    out.diagnostics.extend(std::mem::take(&mut r.problems));
                    let problems = verify::check(&r.paths, &r.facts, &site.config.base_path());
                    crate::timings::lap("verify");
                    let found = links::diagnostics(&mut out.sources, problems, &r.paths, site.config.links, !resolved);
                    out.diagnostics.extend(found);
                    crate::timings::lap("links");
                    if !out.diagnostics.has_errors() {
                        out.rendered = Some(r);
                        // Without its lookup (in the state already), such a build's
                        // run is only saved, never updated.
                        extra = keeping.then(|| Extra { lookup: lookup.unwrap_or_default(), agg, pages, usage });
                    }
                }
                Err(problems) => out.diagnostics.extend(problems),
            }
        }
        out.site = Some(site);
        (out, extra)
    }
}
