//! Applying article edits to a kept site (what `serve` does on a save): each edited
//! article is read, parsed and resolved on its own, put in its place in the site, and
//! only the pages that show it are rendered again and checked.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use super::{links, Kept};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::{self, discover, LoadOptions};
use crate::media;
use crate::parse;
use crate::render::plan::{self, Page, PageKind};
use crate::render::reads::{self, Facet, List, Read};
use crate::render::Reader;
use crate::render::{self, site_files, BuildCache, Existing, OutputFile, RenderCache};
use crate::resolve::edit::Edited;
use crate::resolve::{self, usage};
use crate::verify;
use crate::verify::facts;

/// How applying the changes went.
pub(super) enum Outcome {
    /// Applied: the diagnostics, the files that changed and those that went away (an
    /// edit applied in place adds pages but never removes one: only search index files,
    /// when its shards are laid out again, can go).
    Done { diags: Diagnostics, files: Vec<OutputFile>, gone: Vec<String> },
    /// The new content has errors. `broken` when the kept site was already changed and
    /// must not be used again.
    Failed { diags: Diagnostics, broken: bool },
    /// These changes need the whole pipeline (which replaces the kept site, also when
    /// applying them had begun).
    NotApplicable,
}

/// Applies edits of the articles at `paths` to `kept`, if every path is an existing
/// article whose edit [`resolve::edit::article`] can take; `output` is the current output.
pub(super) fn articles(
    kept: &mut Kept,
    opts: &LoadOptions,
    paths: &[PathBuf],
    output: &dyn Existing,
    (cache, build_cache): (&mut RenderCache, &BuildCache),
) -> Outcome {
    let Some(paths) = article_paths(kept, opts, paths) else { return Outcome::NotApplicable };
    let edits = match read(kept, opts, &paths) {
        Ok(edits) => edits,
        Err(outcome) => return outcome,
    };
    let Some(changes) = apply(kept, edits) else { return Outcome::NotApplicable };
    let (mut files, gone) = match render_again(kept, &changes, cache, output) {
        None => return Outcome::NotApplicable,
        Some(Ok(redone)) => redone,
        Some(Err(found)) => return Outcome::Failed { diags: report(kept, found), broken: true },
    };
    match cards_again(kept, &changes, build_cache, output) {
        Ok(cards) => files.extend(cards),
        Err(found) => return Outcome::Failed { diags: report(kept, found), broken: true },
    }
    let problems = check(kept, &files, output);
    // The output's paths are only needed to suggest the nearest one to a dead link.
    let paths: Vec<String> = match problems.is_empty() {
        true => Vec::new(),
        false => output.paths().into_iter().chain(files.iter().map(|f| f.path.clone())).collect(),
    };
    let found = links::diagnostics(&mut kept.sources, problems, &paths, kept.site.config.links, false);
    if found.iter().any(|d| d.severity == Severity::Error) {
        return Outcome::Failed { diags: report(kept, found), broken: true };
    }
    Outcome::Done { diags: report(kept, found), files, gone }
}

/// Reads, parses and resolves each edited article against the kept site, changing
/// nothing of it. Errors in any of them fail the whole change.
fn read(kept: &mut Kept, opts: &LoadOptions, paths: &[PathBuf]) -> Result<Vec<Edited>, Outcome> {
    let mut diags = Vec::new();
    let mut edits = Vec::new();
    for path in paths {
        let loaded = match load::load_article(opts, path, &mut kept.sources) {
            Ok(Some((loaded, warnings))) => {
                diags.extend(warnings);
                loaded
            }
            Ok(None) => return Err(Outcome::NotApplicable),
            Err(d) => {
                diags.extend(d);
                continue;
            }
        };
        let (mut parsed, parse_diags) = parse::parse_article(loaded, &kept.sources, kept.site.config.raw_html);
        diags.extend(parse_diags);
        media::attach_article(&mut kept.site.media, &kept.site.static_files, &mut parsed, &kept.sources)
            .ok_or(Outcome::NotApplicable)?;
        let mut edit = resolve::edit::article(&kept.site, &mut kept.lookup, &kept.sources, parsed)
            .ok_or(Outcome::NotApplicable)?;
        diags.append(&mut edit.diags);
        edits.push(edit);
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        let mut found = Diagnostics::default();
        found.extend(diags);
        return Err(Outcome::Failed { diags: found, broken: false });
    }
    // Each edit carries its file's warnings, from loading and parsing too.
    for edit in &mut edits {
        edit.diags = diags.iter().filter(|d| d.file == edit.article.file).cloned().collect();
    }
    Ok(edits)
}

/// What applying edits changed: the reads, and the pages that are new.
struct Changes {
    changed: Vec<Read>,
    added: Vec<PageKind>,
}

/// Puts the edited articles in their places and patches the lists, the page list and
/// the warnings. Returns what changed; `None` when a page went away (any page may link
/// to it) or an article's tags changed (which tag pages exist, and what they list), which
/// only a full run can handle, the kept site being then out of date.
fn apply(kept: &mut Kept, edits: Vec<Edited>) -> Option<Changes> {
    let mut changed = Vec::new();
    let mut usage_changed = false;
    for edit in edits {
        let i = edit.index;
        let (old, old_mentions) = kept.site.replace_article(i, edit.article, edit.mentions);
        let site = &kept.site;
        let target_of = |id: &str| site.ids.get(id).copied();
        changed.extend(reads::changed_by_edit(
            i,
            &old,
            &site.articles[i],
            &old_mentions,
            site.mentions_of_article(i),
            target_of,
        ));
        // The tags decide which tag pages exist and what each lists.
        if old.meta.tags != site.articles[i].meta.tags {
            return None;
        }
        let lists = kept.agg.article_changed(site, i, &old_mentions);
        usage_changed |= lists.iter().any(|r| matches!(r, Read::List(List::ArticlesOf(_))))
            || usage::references(&old.meta) != usage::references(&site.articles[i].meta)
            || kept.usage.iter().any(|d| d.file == old.file);
        changed.extend(lists);
        kept.diags.retain(|d| d.file != old.file);
        kept.diags.extend(edit.diags);
    }
    if usage_changed {
        kept.usage = usage::unused(&kept.site, &kept.sources);
    }
    let mut added = Vec::new();
    if changed.iter().any(plan::paginates) {
        let all = plan::all_pages(&kept.site, &kept.agg);
        let now: HashSet<String> = all.iter().map(Page::file).collect();
        if kept.pages.iter().any(|p| !now.contains(&p.file())) {
            return None;
        }
        if all.len() != kept.pages.len() {
            added = all.iter().filter(|p| !kept.page_index.contains_key(&p.kind)).map(|p| p.kind).collect();
            kept.page_index = all.iter().enumerate().map(|(i, p)| (p.kind, i)).collect();
            kept.pages = all;
            changed.push(Read::List(List::Pages));
        }
    }
    Some(Changes { changed, added })
}

/// The files an edit made again, and the paths of those that went away.
type Redone = (Vec<OutputFile>, Vec<String>);

/// Renders again every file that read something the edits changed, and the new
/// pages; only the files whose bytes differ from `output`'s are handed back (pages
/// whose context did not change are not even rendered, when the cache keeps pages).
/// The search index's files are all made again from each term's kept JSON (joining
/// them is cheap); a search file no longer among them (its shard was merged into its
/// parent's) goes. `None` when there is no earlier render to update.
fn render_again(
    kept: &mut Kept,
    changes: &Changes,
    cache: &mut RenderCache,
    output: &dyn Existing,
) -> Option<Result<Redone, Vec<Diagnostic>>> {
    let readers = cache.readers_of(&changes.changed);
    let mut kinds: BTreeSet<PageKind> =
        readers.iter().filter_map(|r| if let Reader::Page(k) = r { Some(*k) } else { None }).collect();
    kinds.extend(changes.added.iter().copied());
    let todo: Vec<&Page> = kinds.iter().filter_map(|k| kept.page_index.get(k)).map(|&i| &kept.pages[i]).collect();
    let search = readers.contains(&Reader::SearchIndex);
    if search {
        let edited: BTreeSet<usize> = changes
            .changed
            .iter()
            .filter_map(|r| match r {
                Read::Article(i, Facet::Card | Facet::Quotes) => Some(*i),
                _ => None,
            })
            .collect();
        for i in edited {
            kept.search.article_changed(&kept.site, i);
        }
    }
    let site = &kept.site;
    let (pages, index) =
        rayon::join(|| render::rerender(site, &kept.agg, &todo, cache), || search.then(|| kept.search.files()));
    let mut made: Vec<Result<OutputFile, Diagnostic>> = match pages? {
        Ok(files) => files.into_iter().map(Ok).collect(),
        Err(problems) => problems.into_iter().map(Err).collect(),
    };
    let (search_files, gone) = index.map(|index| search_changes(index, output)).unwrap_or_default();
    let templates = cache.templates()?;
    made.extend(readers.contains(&Reader::Feed).then(|| site_files::feed(site, templates)));
    made.extend(readers.contains(&Reader::Sitemap).then(|| site_files::sitemap(site, &kept.pages, templates)));
    let (files, problems): (Vec<_>, Vec<_>) = made.into_iter().partition(Result::is_ok);
    let files = files.into_iter().flatten().filter(|f| !output.same(&f.path, &f.bytes));
    Some(if problems.is_empty() {
        Ok((files.chain(search_files).collect(), gone))
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    })
}

/// The search files of `index` whose bytes differ from `output`'s, and the paths of
/// `output`'s search files no longer among them.
fn search_changes(index: Vec<OutputFile>, output: &dyn Existing) -> Redone {
    let now: HashSet<&str> = index.iter().map(|f| f.path.as_str()).collect();
    let gone = output
        .under(render::search::DIR)
        .into_iter()
        .filter(|p| p.ends_with(".json") && !now.contains(p.as_str()))
        .collect();
    (index.into_iter().filter(|f| !output.same(&f.path, &f.bytes)).collect(), gone)
}

/// The social cards of the articles whose title or quotes changed, those whose bytes
/// differ from `output`'s.
fn cards_again(
    kept: &Kept,
    changes: &Changes,
    build_cache: &BuildCache,
    output: &dyn Existing,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let edited: BTreeSet<usize> = changes
        .changed
        .iter()
        .filter_map(|r| match r {
            Read::Article(i, Facet::Card | Facet::Quotes | Facet::Whole) => Some(*i),
            _ => None,
        })
        .collect();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for i in edited {
        for card in render::social_cards(&kept.site, i, build_cache) {
            match card {
                Ok(f) if !output.same(&f.path, &f.bytes) => files.push(f),
                Ok(_) => {}
                Err(d) => problems.push(d),
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The edited article files among `paths`, when every path is under the site's
/// `content/articles/` and is either an existing article file or a file that cannot be
/// content (a temporary file of an editor or a tool: not Markdown, not in a page bundle, and not a folder
/// that holds or held articles). `None` when the change needs the whole pipeline.
fn article_paths(kept: &Kept, opts: &LoadOptions, paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let articles = opts.root.join("content").join("articles");
    let canonical = articles.canonicalize().ok()?;
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_name()?.to_string_lossy();
        let folder = path.parent()?.canonicalize().ok()?;
        let rel = folder.strip_prefix(&canonical).ok()?.join(&*name);
        if rel.parent().is_some_and(|f| f.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))) {
            return None;
        }
        let meta = std::fs::symlink_metadata(path);
        if !discover::is_markdown(&name) || discover::is_editor_dropping(&name) {
            let inside = format!("{}/", load::display_path(&opts.root, &articles.join(&rel)));
            let held_articles = kept.site.articles.iter().any(|a| kept.sources.name(a.file).starts_with(&inside));
            // A file of a page bundle (an image beside its article) is content too.
            let bundle =
                rel.parent().map(|f| format!("{}/index.md", load::display_path(&opts.root, &articles.join(f))));
            let in_bundle = !discover::is_editor_dropping(&name)
                && bundle.is_some_and(|b| kept.site.articles.iter().any(|a| kept.sources.name(a.file) == b));
            if meta.is_ok_and(|m| m.is_dir()) || held_articles || in_bundle {
                return None;
            }
            continue;
        }
        if !meta.ok()?.is_file() {
            return None;
        }
        out.push(articles.join(rel));
    }
    Some(out)
}

/// Checks the links of the pages that changed, or the fragment links of every page
/// when a changed page lost an id that other pages may link to.
fn check(kept: &mut Kept, files: &[OutputFile], output: &dyn Existing) -> Vec<verify::OutputProblem> {
    let added: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let exists = |p: &str| added.contains(p) || output.has(p);
    let base_path = kept.site.config.base_path();
    let known = facts::Output { base_path: &base_path, exists: &exists };
    let mut everything = false;
    let mut changed = Vec::new();
    for f in files {
        if let Some(new) = facts::of(&f.path, &f.bytes, &known) {
            if let Some(old) = kept.facts.get(&f.path) {
                everything |= !old.ids_within(&new);
            }
            changed.push(f.path.clone());
            kept.facts.set(new);
        }
    }
    let facts = &kept.facts;
    let page = |p: &str| facts.get(p);
    let pages: Vec<&facts::PageFacts> =
        if everything { facts.iter().collect() } else { changed.iter().filter_map(|p| facts.get(p)).collect() };
    verify::check_pages(&pages, &base_path, &page)
}

/// The kept diagnostics plus `more`.
fn report(kept: &Kept, more: Vec<Diagnostic>) -> Diagnostics {
    let mut all = Diagnostics::default();
    all.extend(kept.diags.iter().chain(&kept.usage).cloned().chain(more));
    all
}
