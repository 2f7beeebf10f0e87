//! Heading ids: the explicit `{#id}` of a heading, or a slug of its text made unique
//! within the text; and the ids gloss keeps for itself, which no heading may take.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, FileId};
use crate::site::body::{Bare, Node};

/// Prefixes of the ids gloss and its templates generate inside pages; a heading id
/// never starts with one.
pub(crate) const RESERVED_ID_PREFIXES: [&str; 11] =
    ["m-", "q-", "note-", "fig-", "img-", "val-", "ev-", "src-", "s-", "fn-", "cor-"];

/// Whole ids the built-in templates use.
pub(crate) const RESERVED_IDS: [&str; 2] = ["main", "corrections"];

/// True when a heading may not carry `id` because gloss or its templates use it.
pub(crate) fn is_reserved_id(id: &str) -> bool {
    RESERVED_IDS.contains(&id) || RESERVED_ID_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Gives every heading an id: its explicit `{#id}`, or a slug of its text made unique
/// within the text. Two explicit ids that repeat are an error.
pub(crate) fn assign_heading_ids(nodes: &mut [Node], file: FileId, diags: &mut Vec<Diagnostic>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut explicit: HashMap<String, usize> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(id) = node.heading_id() {
            let src = heading_src(nodes, i);
            if is_reserved_id(id) {
                diags.push(
                    Diagnostic::error(file, src..src, format!("heading id '{id}' is reserved"))
                        .help("ids named `main` or `corrections`, or starting with m-, q-, note-, fig-, img-, val-, ev-, src-, s-, fn- or cor-, belong to gloss; choose another"),
                );
            }
            if let Some(first) = explicit.insert(id.to_string(), src) {
                diags.push(Diagnostic::error(file, src..src, format!("heading id '{id}' is used twice")).help(
                    format!("the first heading with this id starts at byte {first}; give one of them another id"),
                ));
            }
            used.insert(id.to_string());
        }
    }
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for i in 0..nodes.len() {
        let Node::Event(e) = &nodes[i] else { continue };
        let Event::Start(Tag::Heading { id: None, .. }) = **e else { continue };
        let base = slugify(&heading_text(&nodes[i + 1..]));
        let n = next_suffix.entry(base.clone()).or_insert(1);
        let mut slug = if *n == 1 { base.clone() } else { format!("{base}-{n}") };
        while used.contains(&slug) {
            *n += 1;
            slug = format!("{base}-{n}");
        }
        *n += 1;
        used.insert(slug.clone());
        if let Node::Event(e) = &mut nodes[i] {
            if let Event::Start(Tag::Heading { id, .. }) = &mut **e {
                *id = Some(CowStr::from(slug));
            }
        }
    }
}

fn heading_src(nodes: &[Node], start: usize) -> usize {
    nodes[start..]
        .iter()
        .find_map(|n| match n {
            Node::Text(t) => Some(t.src()),
            _ => None,
        })
        .unwrap_or(0)
}

fn heading_text(nodes: &[Node]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            Node::Text(t) => s.push_str(&t.text),
            Node::Bare(Bare::End(TagEnd::Heading(_))) => break,
            _ => {}
        }
    }
    s
}

/// A heading slug: lowercase letters and digits joined by single hyphens; never empty,
/// never reserved (see [`is_reserved_id`]).
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    // A bare prefix stem ("q", "fig") is reserved too: its numbered repeats ("q-2")
    // would start with the prefix.
    if is_reserved_id(&slug) || RESERVED_ID_PREFIXES.iter().any(|p| slug == p.trim_end_matches('-')) {
        slug.insert_str(0, "h-");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::super::markdown::{parse, MdInput};
    use super::*;

    fn nodes(md: &str) -> Vec<Node> {
        parse(MdInput { text: md, base: 0, file: 0, raw_html: false, footnotes: true, offsets: None }, &mut Vec::new())
    }

    fn heading_ids(md: &str) -> Vec<String> {
        nodes(md).iter().filter_map(|n| n.heading_id().map(str::to_string)).collect()
    }

    #[test]
    fn headings_get_unique_nonempty_ids() {
        assert_eq!(heading_ids("# Intro\n\n# Intro\n\n# !!!\n\n# 日本語\n"), ["intro", "intro-2", "section", "日本語"]);
        assert_eq!(heading_ids("# Note 1\n"), ["h-note-1"]);
        assert_eq!(heading_ids("# Q\n\n# Q\n"), ["h-q", "h-q-2"]);
    }
}
