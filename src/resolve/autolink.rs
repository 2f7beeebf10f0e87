//! Autolinking (FORMAT.md 4.3): plain-text occurrences of entity names and document
//! titles become references, as whole words, case-sensitive, longest first.

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::config::AutolinkMode;
use crate::site::body::{Bare, Node, RefLink, TextRun};

/// Every linkable name of the site, compiled once and shared by all articles.
#[derive(Default)]
pub(crate) struct NameMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: the id it links to.
    targets: Vec<String>,
}

/// A name claimed by more than one id; it is never autolinked.
#[derive(Debug, Clone)]
pub(crate) struct AmbiguousName {
    /// The name.
    pub(crate) name: String,
    /// The ids that claim it.
    pub(crate) ids: Vec<String>,
}

impl NameMatcher {
    /// Compiles `(name, id)` pairs. Names claimed by several ids are left out and returned.
    pub(crate) fn new(names: impl IntoIterator<Item = (String, String)>) -> (NameMatcher, Vec<AmbiguousName>) {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for (name, id) in names {
            let name = name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            let ids = by_name.entry(name).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut pairs: Vec<(String, Vec<String>)> = by_name.into_iter().collect();
        pairs.sort();
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        let mut ambiguous = Vec::new();
        for (name, ids) in pairs {
            if ids.len() == 1 {
                patterns.push(name);
                targets.push(ids.into_iter().next().expect("one id"));
            } else {
                ambiguous.push(AmbiguousName { name, ids });
            }
        }
        // Building only fails past aho-corasick's size limits; then nothing is autolinked.
        let automaton = if patterns.is_empty() { None } else { AhoCorasick::new(&patterns).ok() };
        (NameMatcher { automaton, targets }, ambiguous)
    }

    /// Whole-word, non-overlapping matches in `text`, longest first at each position:
    /// `(start, end, id)`.
    pub(crate) fn matches<'m>(&'m self, text: &str) -> Vec<(usize, usize, &'m str)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let mut all: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .filter(|m| is_word_boundary(text, m.start(), m.end()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut covered = 0;
        for (s, e, p) in all {
            if s >= covered {
                out.push((s, e, self.targets[p].as_str()));
                covered = e;
            }
        }
        out
    }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !word(text[..start].chars().next_back()) && !word(text[end..].chars().next())
}

/// Adds autolinks to `nodes` according to `mode`. Text inside links, code, headings,
/// image descriptions and anchored passages is left alone; with `First`, a name is
/// skipped once its id has been referenced (explicitly or by an earlier autolink).
pub(crate) fn autolink(nodes: Vec<Node>, matcher: &NameMatcher, mode: AutolinkMode) -> Vec<Node> {
    if mode == AutolinkMode::None {
        return nodes;
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut linked: HashSet<String> = HashSet::new();
    let mut in_link = 0usize;
    let mut in_heading = 0usize;
    for node in nodes {
        match &node {
            Node::RefOpen(r) => {
                linked.insert(r.id.to_string());
                in_link += 1;
            }
            Node::RefClose | Node::Bare(Bare::End(TagEnd::Link)) => in_link = in_link.saturating_sub(1),
            Node::Event(e) if matches!(**e, Event::Start(Tag::Link { .. })) => in_link += 1,
            Node::Event(e) if matches!(**e, Event::Start(Tag::Heading { .. })) => in_heading += 1,
            Node::Bare(Bare::End(TagEnd::Heading(_))) => in_heading = in_heading.saturating_sub(1),
            _ => {}
        }
        match node {
            Node::Text(run) if in_link == 0 && in_heading == 0 && !run.code && run.passages().is_empty() => {
                link_run(run, matcher, mode, &mut linked, &mut out)
            }
            other => out.push(other),
        }
    }
    out
}

fn link_run(
    run: TextRun,
    matcher: &NameMatcher,
    mode: AutolinkMode,
    linked: &mut HashSet<String>,
    out: &mut Vec<Node>,
) {
    let mut pos = 0;
    for (s, e, id) in matcher.matches(&run.text) {
        if mode == AutolinkMode::First && linked.contains(id) {
            continue;
        }
        linked.insert(id.to_string());
        if s > pos {
            out.push(Node::text(&run.text[pos..s], run.src() + pos));
        }
        let span = run.src() + s..run.src() + e;
        out.push(Node::RefOpen(Box::new(RefLink {
            id: id.into(),
            fragment: None,
            span,
            html_id: Box::default(),
            auto: true,
        })));
        out.push(Node::text(&run.text[s..e], run.src() + s));
        out.push(Node::RefClose);
        pos = e;
    }
    if pos == 0 {
        out.push(Node::Text(run));
    } else if pos < run.text.len() {
        out.push(Node::text(&run.text[pos..], run.src() + pos));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> NameMatcher {
        NameMatcher::new([
            ("Kim".to_string(), "kim".to_string()),
            ("Kim Jong-un".to_string(), "kim-jong-un".to_string()),
            ("Kursk".to_string(), "kursk".to_string()),
        ])
        .0
    }

    #[test]
    fn longest_whole_word_first() {
        let m = matcher();
        let found: Vec<&str> = m.matches("Kim Jong-un met Kim near Kursky, not Kursk.").iter().map(|x| x.2).collect();
        assert_eq!(found, ["kim-jong-un", "kim", "kursk"]);
    }

    #[test]
    fn ambiguous_names_are_reported_and_skipped() {
        let (m, amb) = NameMatcher::new([("Lee".to_string(), "a".to_string()), ("Lee".to_string(), "b".to_string())]);
        assert_eq!(amb.len(), 1);
        assert!(m.matches("Lee").is_empty());
    }
}
