//! Checks on the rendered output before anything is written: every internal link and
//! fragment lands, and no two files would collide (also on case-insensitive disks).

use std::collections::{HashMap, HashSet};

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
    let known: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let ids: HashMap<&str, &HashSet<String>> = facts.iter().map(|p| (p.path.as_str(), &p.ids)).collect();
    let output = Output { exists: &|p| known.contains(p), ids_of: &|p| ids.get(p).copied() };
    let found: Vec<Vec<OutputProblem>> = facts.par_iter().map(|page| page_problems(page, base_path, &output)).collect();
    problems.extend(found.into_iter().flatten());
    problems.dedup();
    problems
}

/// The whole output as the link check sees it: which files exist, and the ids of a page.
pub struct Output<'a> {
    /// Whether the output has a file at this path.
    pub exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// The ids of the HTML page at this path.
    pub ids_of: &'a (dyn Fn(&str) -> Option<&'a HashSet<String>> + Sync),
}

/// Checks the links of some pages only, against the whole `output` (what `serve` does
/// for the pages an edit rendered again).
pub fn check_pages(pages: &[&PageFacts], base_path: &str, output: &Output<'_>) -> Vec<OutputProblem> {
    pages.par_iter().flat_map_iter(|page| page_problems(page, base_path, output)).collect()
}

fn page_problems(page: &PageFacts, base_path: &str, output: &Output<'_>) -> Vec<OutputProblem> {
    let mut problems = Vec::new();
    let problem = |message: String| OutputProblem { path: page.path.clone(), message };
    for link in &page.links {
        if link.contains(':') || link.starts_with("//") {
            continue;
        }
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let target = if path.is_empty() {
            Some(page.path.clone())
        } else if let Some(abs) = path.strip_prefix(base_path) {
            join("", abs)
        } else {
            join(page.path.rsplit_once('/').map_or("", |(dir, _)| dir), path)
        };
        let target = target.map(|t| if t.is_empty() || t.ends_with('/') { format!("{t}index.html") } else { t });
        let Some(target) = target.filter(|t| (output.exists)(t)) else {
            problems.push(problem(format!("link '{}' leads nowhere", clip(link))));
            continue;
        };
        let Some(known) = (output.ids_of)(&target).filter(|_| !fragment.is_empty()) else { continue };
        if !known.contains(fragment) {
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

/// Resolves `rel` against the folder `dir` (both relative to the output root).
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if rel.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
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
