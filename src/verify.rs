//! Checks on the rendered output before anything is written: every internal link and
//! fragment lands, and no two files would collide (also on case-insensitive disks).

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use rayon::prelude::*;

use crate::render::facts::PageFacts;

/// One problem in the output: the file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputProblem {
    /// Output path (`articles/x/index.html`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Checks the rendered output: `paths` are every output file, `facts` the links and ids
/// of every HTML page. Links starting with `/` are resolved against `base_path` (the
/// 404 page uses them); links with a scheme are external and not checked.
pub fn check(paths: &[String], facts: &[PageFacts], base_path: &str) -> Vec<OutputProblem> {
    let mut problems = collisions(paths);
    let known: FxHashSet<&str> = paths.iter().map(String::as_str).collect();
    let pages: FxHashMap<&str, &PageFacts> = facts.iter().map(|p| (p.path.as_str(), p)).collect();
    let output = Output { exists: &|p| known.contains(p), page: &|p| pages.get(p).copied() };
    let found: Vec<Vec<OutputProblem>> = facts.par_iter().map(|page| page_problems(page, base_path, &output)).collect();
    problems.extend(found.into_iter().flatten());
    problems.dedup();
    problems
}

/// The whole output as the link check sees it: which files exist, and the ids of a page.
pub struct Output<'a> {
    /// Whether the output has a file at this path.
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// The facts of the HTML page at this path.
    pub page: &'a (dyn Fn(&str) -> Option<&'a PageFacts> + Sync),
}

/// Checks the links of some pages only, against the whole `output` (what `serve` does
/// for the pages an edit rendered again).
pub fn check_pages(pages: &[&PageFacts], base_path: &str, output: &Output<'_>) -> Vec<OutputProblem> {
    pages.par_iter().flat_map_iter(|page| page_problems(page, base_path, output)).collect()
}

fn page_problems(page: &PageFacts, base_path: &str, output: &Output<'_>) -> Vec<OutputProblem> {
    let mut problems = Vec::new();
    let problem = |message: String| OutputProblem { path: page.path.clone(), message };
    let dir = page.path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut target = String::new();
    for link in page.links.iter() {
        if link.contains(':') || link.starts_with("//") {
            continue;
        }
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let inside = if path.is_empty() {
            target.clone_from(&page.path);
            true
        } else if let Some(abs) = path.strip_prefix(base_path) {
            join_into("", abs, &mut target)
        } else {
            join_into(dir, path, &mut target)
        };
        if inside && (target.is_empty() || target.ends_with('/')) {
            target.push_str("index.html");
        }
        if !inside || !(output.exists)(&target) {
            problems.push(problem(format!("link '{}' leads nowhere", clip(link))));
            continue;
        }
        if fragment.is_empty() {
            continue;
        }
        let Some(known) = (output.page)(&target) else { continue };
        if !known.has_id(fragment) {
            problems.push(problem(format!(
                "link '{}' points at '#{}', which is not on {target}",
                clip(link),
                clip(fragment)
            )));
        }
    }
    problems
}

/// A link shortened for messages.
fn clip(s: &str) -> String {
    const MAX: usize = 80;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

fn collisions(paths: &[String]) -> Vec<OutputProblem> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for path in paths {
        if let Some(first) = seen.insert(path.to_lowercase(), path) {
            out.push(OutputProblem {
                path: path.clone(),
                message: format!("'{path}' and '{first}' would be the same file on a case-insensitive disk"),
            });
        }
    }
    out
}

/// Resolves `rel` against the folder `dir` (both relative to the output root) into
/// `out`; false when it climbs above the root.
fn join_into(dir: &str, rel: &str, out: &mut String) -> bool {
    out.clear();
    for part in dir.split('/').filter(|p| !p.is_empty()).chain(rel.split('/')) {
        match part {
            "" | "." => {}
            ".." if out.is_empty() => return false,
            ".." => out.truncate(out.rfind('/').unwrap_or(0)),
            p => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(p);
            }
        }
    }
    if rel.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> (String, Option<PageFacts>) {
        (path.to_string(), crate::render::facts::of(path, text.as_bytes()))
    }

    #[test]
    fn finds_dead_links_fragments_and_collisions() {
        let pages = [
            page(
                "index.html",
                r##"<a href="a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="b/">b</a>"##,
            ),
            page("a/index.html", r#"<p id="x">x</p><a href="../">home</a><a href="https://example.org/">ext</a>"#),
            page("A/index.html", ""),
        ];
        let paths: Vec<String> = pages.iter().map(|(p, _)| p.clone()).collect();
        let facts: Vec<PageFacts> = pages.into_iter().filter_map(|(_, f)| f).collect();
        let problems: Vec<String> =
            check(&paths, &facts, "/").into_iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("case-insensitive"));
        assert!(problems.iter().any(|p| p.contains("'#nope'")));
        assert!(problems.iter().any(|p| p.contains("'b/' leads nowhere")));
    }
}
