//! Stage 5, verify: checks on the rendered output before anything is written. Every
//! internal link and fragment lands, and no two files would collide (also on disks
//! that ignore case or Unicode normalisation).

use std::collections::HashMap;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

pub(crate) mod external;
pub(crate) mod facts;

use facts::{leads, Leads, PageFacts};

/// One problem in the output: the file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputProblem {
    /// Output path (`articles/x/index.html`).
    pub(crate) path: String,
    /// What is wrong.
    pub(crate) message: String,
    /// What kind of problem it is.
    pub(crate) kind: ProblemKind,
}

/// The kinds of output problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// Two files would be one.
    Collision,
    /// A link that leads nowhere (which `links: warn` makes a warning).
    DeadLink(DeadLink),
    /// An id that two elements of the page carry.
    RepeatedId(String),
}

/// A link of a page that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DeadLink {
    /// The link as written in the page (entity-decoded).
    pub(crate) value: String,
    /// The output file it names, or empty when it climbs above the site's root.
    pub(crate) resolved: String,
}

/// Checks the rendered output: `paths` are every output file, `facts` those of every
/// HTML page (which already hold the links that lead nowhere). Each link to a fragment
/// must find an element with that id on its page.
pub(crate) fn check(paths: &[String], facts: &[PageFacts], base_path: &str) -> Vec<OutputProblem> {
    let mut problems = collisions(paths);
    // Found by path in a sorted list of references: a map of an archive's pages took
    // several times its room.
    let mut pages: Vec<&PageFacts> = facts.iter().collect();
    pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let page = |p: &str| pages.binary_search_by(|f| f.path.as_str().cmp(p)).ok().map(|i| pages[i]);
    let found: Vec<Vec<OutputProblem>> = facts.par_iter().map(|f| page_problems(f, base_path, &page)).collect();
    problems.extend(found.into_iter().flatten());
    problems.dedup();
    problems
}

/// The facts of the output page at a path.
pub(crate) type PageOf<'a> = dyn Fn(&str) -> Option<&'a PageFacts> + Sync + 'a;

/// Checks some pages only, against the whole output (what `serve` does for the pages
/// an edit rendered again); `page` finds any page's facts.
pub(crate) fn check_pages<'a>(pages: &[&PageFacts], base_path: &str, page: &PageOf<'a>) -> Vec<OutputProblem> {
    pages.par_iter().flat_map_iter(|f| page_problems(f, base_path, page)).collect()
}

fn page_problems<'a>(facts: &PageFacts, base_path: &str, page: &PageOf<'a>) -> Vec<OutputProblem> {
    let mut target = String::new();
    let mut problem = |link: &str, message: String| {
        let resolved = match leads(&facts.path, link, base_path, &mut target) {
            Leads::To(_) => target.clone(),
            Leads::Away | Leads::Above => String::new(),
        };
        let kind = ProblemKind::DeadLink(DeadLink { value: link.to_string(), resolved });
        OutputProblem { path: facts.path.clone(), message, kind }
    };
    let mut problems: Vec<OutputProblem> =
        facts.dead.iter().map(|link| problem(link, format!("link '{}' leads nowhere", clip(link)))).collect();
    let mut found = String::new();
    for link in facts.anchored().iter() {
        let Leads::To(fragment) = leads(&facts.path, link, base_path, &mut found) else { continue };
        let Some(known) = page(&found) else { continue };
        if !known.has_id(fragment) {
            let message = format!("link '{}' points at '#{}', which is not on {found}", clip(link), clip(fragment));
            problems.push(problem(link, message));
        }
    }
    problems.extend(facts.repeated.iter().map(|id| OutputProblem {
        path: facts.path.clone(),
        message: format!("two elements of the page have the id '{}'", clip(id)),
        kind: ProblemKind::RepeatedId(id.clone()),
    }));
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
        let key: String = path.nfc().collect::<String>().to_lowercase();
        if let Some(first) = seen.insert(key, path) {
            out.push(OutputProblem {
                path: path.clone(),
                kind: ProblemKind::Collision,
                message: format!(
                    "'{path}' and '{first}' would be the same file on a disk that ignores case or Unicode normalisation (macOS, Windows, many hosts)"
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: [&str; 3] = ["index.html", "a/index.html", "A/index.html"];

    fn page(path: &str, text: &str) -> (String, Option<PageFacts>) {
        let output = crate::verify::facts::Output { base_path: "/", exists: &|p| PATHS.contains(&p) };
        (path.to_string(), crate::verify::facts::of(path, text.as_bytes(), &output))
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
        assert!(problems[0].contains("ignores case"));
        assert!(problems.iter().any(|p| p.contains("'#nope'")));
        assert!(problems.iter().any(|p| p.contains("'b/' leads nowhere")));
    }
}
