//! Checks on the rendered output before anything is written: every internal link and
//! fragment lands, and no two files would collide (also on case-insensitive disks).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::render::OutputFile;

/// One problem in the output: the file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputProblem {
    /// Output path (`articles/x/index.html`).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// What one page links to and which ids it carries.
struct PageFacts<'a> {
    path: &'a str,
    links: Vec<Cow<'a, str>>,
    ids: HashSet<Cow<'a, str>>,
}

/// Checks `files`. Links starting with `/` are resolved against `base_path` (the 404
/// page uses them); links with a scheme are external and not checked. Pages are read
/// in parallel, once each.
pub fn check(files: &[OutputFile], base_path: &str) -> Vec<OutputProblem> {
    let mut problems = collisions(files);
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut pages: Vec<PageFacts<'_>> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| std::str::from_utf8(&f.bytes).ok().map(|t| (f.path.as_str(), t)))
        .map(|(path, text)| {
            let mut facts = PageFacts { path, links: Vec::new(), ids: HashSet::new() };
            for (attr, value) in attributes(text) {
                match attr {
                    Attr::Id => {
                        facts.ids.insert(value);
                    }
                    Attr::Href | Attr::Src => facts.links.push(value),
                }
            }
            facts
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(b.path));
    let ids: HashMap<&str, &HashSet<Cow<'_, str>>> = pages.iter().map(|p| (p.path, &p.ids)).collect();
    let found: Vec<Vec<OutputProblem>> =
        pages.par_iter().map(|page| page_problems(page, base_path, &paths, &ids)).collect();
    problems.extend(found.into_iter().flatten());
    problems.dedup();
    problems
}

fn page_problems(
    page: &PageFacts<'_>,
    base_path: &str,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, &HashSet<Cow<'_, str>>>,
) -> Vec<OutputProblem> {
    let mut problems = Vec::new();
    let problem = |message: String| OutputProblem { path: page.path.to_string(), message };
    for link in &page.links {
        if link.contains(':') || link.starts_with("//") {
            continue;
        }
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let target = if path.is_empty() {
            Some(page.path.to_string())
        } else if let Some(abs) = path.strip_prefix(base_path) {
            join("", abs)
        } else {
            join(page.path.rsplit_once('/').map_or("", |(dir, _)| dir), path)
        };
        let target = target.map(|t| if t.is_empty() || t.ends_with('/') { format!("{t}index.html") } else { t });
        let Some(target) = target.filter(|t| paths.contains(t.as_str())) else {
            problems.push(problem(format!("link '{}' leads nowhere", clip(link))));
            continue;
        };
        let Some(known) = ids.get(target.as_str()).filter(|_| !fragment.is_empty()) else { continue };
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

fn collisions(files: &[OutputFile]) -> Vec<OutputProblem> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::new();
    for f in files {
        if let Some(first) = seen.insert(f.path.to_lowercase(), &f.path) {
            out.push(OutputProblem {
                path: f.path.clone(),
                message: format!("'{}' and '{first}' would be the same file on a case-insensitive disk", f.path),
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

/// The attributes the check reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Href,
    Src,
    Id,
}

/// Every `href`, `src` and `id` value in `html`, entity-decoded, in one pass.
fn attributes(html: &str) -> Vec<(Attr, Cow<'_, str>)> {
    static FINDER: OnceLock<AhoCorasick> = OnceLock::new();
    let finder = FINDER.get_or_init(|| AhoCorasick::new([" href=\"", " src=\"", " id=\""]).expect("fixed patterns"));
    let mut out = Vec::new();
    for m in finder.find_iter(html) {
        let rest = &html[m.end()..];
        let Some(end) = rest.find('"') else { break };
        let attr = [Attr::Href, Attr::Src, Attr::Id][m.pattern().as_usize()];
        out.push((attr, decode(&rest[..end])));
    }
    out
}

fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: std::sync::Arc::new(text.as_bytes().to_vec()) }
    }

    #[test]
    fn finds_dead_links_fragments_and_collisions() {
        let files = [
            file(
                "index.html",
                r##"<a href="a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="b/">b</a>"##,
            ),
            file("a/index.html", r#"<p id="x">x</p><a href="../">home</a><a href="https://example.org/">ext</a>"#),
            file("A/index.html", ""),
        ];
        let problems: Vec<String> =
            check(&files, "/").into_iter().map(|p| format!("{}: {}", p.path, p.message)).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("case-insensitive"));
        assert!(problems.iter().any(|p| p.contains("'#nope'")));
        assert!(problems.iter().any(|p| p.contains("'b/' leads nowhere")));
    }
}
