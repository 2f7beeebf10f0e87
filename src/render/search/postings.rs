//! The inverted index: for every term, the items whose title has it and those whose
//! text alone has it, kept whole so that an edit can take an item out and put it back,
//! and what of it the shards write, capped at [`CAP`] items per term.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// The most items written for one term (or one prefix): those whose title has it
/// first, then the rest, each in item order (articles newest first, entities,
/// documents, quotes, provisions: also the order of their kinds' weight in ranking).
pub(crate) const CAP: usize = 1000;

/// The items of one term, or of every term under a prefix.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct List {
    /// Items whose title has it, ascending.
    pub(crate) title: Vec<u32>,
    /// Items whose text has it and whose title does not, ascending.
    pub(crate) text: Vec<u32>,
    /// Whether items were left out (more than [`CAP`]).
    pub(crate) cut: bool,
}

impl List {
    /// The first [`CAP`] items, title hits first.
    fn capped(&self) -> List {
        let title: Vec<u32> = self.title.iter().take(CAP).copied().collect();
        let text: Vec<u32> = self.text.iter().take(CAP - title.len()).copied().collect();
        let cut = self.cut || title.len() + text.len() < self.title.len() + self.text.len();
        List { title, text, cut }
    }

    /// The union of `lists`, capped (an item in any title counts as a title hit).
    pub(crate) fn union<'a>(lists: impl Iterator<Item = &'a List>) -> List {
        let mut all = List::default();
        for l in lists {
            all.title.extend(&l.title);
            all.text.extend(&l.text);
            all.cut |= l.cut;
        }
        all.title.sort_unstable();
        all.title.dedup();
        all.text.sort_unstable();
        all.text.dedup();
        let title = &all.title;
        all.text.retain(|d| title.binary_search(d).is_err());
        all.capped()
    }

    /// As JSON: `[[title items],[text items]]`, each as differences from the one
    /// before (the first from zero), and a third member `1` when items were cut.
    pub(crate) fn json(&self) -> String {
        let mut out = String::with_capacity(4 * (self.title.len() + self.text.len()) + 8);
        out.push('[');
        for (n, items) in [&self.title, &self.text].into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push('[');
            let mut last = 0;
            for (i, d) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&(d - last).to_string());
                last = *d;
            }
            out.push(']');
        }
        if self.cut {
            out.push_str(",1");
        }
        out.push(']');
        out
    }
}

/// One term's items and what its shard writes of them.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Entry {
    whole: List,
    /// The capped list.
    pub(crate) capped: List,
    /// `"term":[…]`, as its shard writes it.
    pub(crate) json: String,
}

/// Every term's items, in term order.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Postings {
    /// The terms.
    pub(crate) terms: BTreeMap<String, Entry>,
}

/// An item's distinct terms, those of its title first, end to end in one buffer (an
/// archive's items have millions of terms; a `String` each was most of the index's
/// memory).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ItemTerms {
    /// The terms, each followed by a space (which no term holds: it separates terms).
    joined: String,
    /// How many of them come from the title.
    in_title: usize,
}

impl ItemTerms {
    /// The terms of an item whose title has `title` and whose text has `text` besides.
    pub(crate) fn new(title: &[String], text: &[String]) -> ItemTerms {
        let mut joined = String::with_capacity(title.iter().chain(text).map(|t| t.len() + 1).sum());
        for t in title.iter().chain(text) {
            joined.push_str(t);
            joined.push(' ');
        }
        ItemTerms { joined, in_title: title.len() }
    }

    /// Each term, and whether the title has it.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.joined.split_terminator(' ').enumerate().map(|(i, t)| (t, i < self.in_title))
    }
}

impl Postings {
    /// The postings of `items`, numbered in order.
    pub(crate) fn new<'a>(items: impl Iterator<Item = &'a ItemTerms>) -> Postings {
        let mut map: FxHashMap<&str, List> = FxHashMap::default();
        for (doc, terms) in items.enumerate() {
            for (term, in_title) in terms.iter() {
                let list = map.entry(term).or_default();
                if in_title { &mut list.title } else { &mut list.text }.push(doc as u32);
            }
        }
        let mut sorted: Vec<(&str, List)> = map.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let terms = sorted
            .into_iter()
            .map(|(term, whole)| {
                let mut e = Entry { whole, ..Entry::default() };
                refresh(term, &mut e);
                (term.to_string(), e)
            })
            .collect();
        Postings { terms }
    }

    /// Replaces the terms of item `doc`, `old`, with `new`.
    pub(crate) fn replace(&mut self, doc: u32, old: &ItemTerms, new: &ItemTerms) {
        for (term, in_title) in old.iter() {
            if let Some(e) = self.terms.get_mut(term) {
                let list = if in_title { &mut e.whole.title } else { &mut e.whole.text };
                if let Ok(at) = list.binary_search(&doc) {
                    list.remove(at);
                }
            }
        }
        for (term, in_title) in new.iter() {
            let e = self.terms.entry(term.to_string()).or_default();
            let list = if in_title { &mut e.whole.title } else { &mut e.whole.text };
            if let Err(at) = list.binary_search(&doc) {
                list.insert(at, doc);
            }
        }
        for (term, _) in old.iter().chain(new.iter()) {
            let gone = self.terms.get_mut(term).is_some_and(|e| {
                refresh(term, e);
                e.whole.title.is_empty() && e.whole.text.is_empty()
            });
            if gone {
                self.terms.remove(term);
            }
        }
    }
}

fn refresh(term: &str, e: &mut Entry) {
    e.capped = e.whole.capped();
    e.json = format!("{}:{}", serde_json::to_string(term).unwrap_or_default(), e.capped.json());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_written_as_differences_and_capped_title_first() {
        let l = List { title: vec![3, 10], text: vec![4, 5], cut: false };
        assert_eq!(l.json(), "[[3,7],[4,1]]");
        let big = List { title: (0..10).collect(), text: (10..2 * CAP as u32).collect(), cut: false }.capped();
        assert_eq!((big.title.len(), big.text.len(), big.cut), (10, CAP - 10, true));
    }

    #[test]
    fn an_item_taken_out_and_put_back_gives_the_same_postings() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let items = [ItemTerms::new(&words(&["a"]), &[]), ItemTerms::new(&words(&["b"]), &words(&["a"]))];
        assert_eq!(items[1].iter().collect::<Vec<_>>(), [("b", true), ("a", false)]);
        let other = ItemTerms::new(&[], &words(&["c"]));
        let mut p = Postings::new(items.iter());
        p.replace(1, &items[1], &other);
        assert!(!p.terms.contains_key("b"));
        p.replace(1, &other, &items[1]);
        let fresh = Postings::new(items.iter());
        let json = |p: &Postings| p.terms.values().map(|e| e.json.clone()).collect::<Vec<_>>();
        assert_eq!(json(&p), json(&fresh));
    }
}
