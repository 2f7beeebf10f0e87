//! Tags (FORMAT.md 8.6): a tag's slug, which is its URL part and its identity (two
//! spellings with one slug are one tag), the tags of the site with their articles, and
//! the error for a tag with no letter or digit.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, SourceMap};
use crate::load::Loaded;
use crate::meta::ArticleMeta;
use crate::site::Site;

/// The URL part of `tag`: NFC, lowercase, letters and digits kept, every other run of
/// characters one `-`, none at either end.
pub(crate) fn slug(tag: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in tag.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// One tag of the site.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Tag {
    /// Its URL part.
    pub(crate) slug: String,
    /// How it is shown: the spelling the most articles use, the first in sort order on a tie.
    pub(crate) name: String,
    /// The articles that carry it, in article order (newest first), each once.
    pub(crate) articles: Vec<usize>,
}

/// Every tag of the site, sorted by name (case and accents aside), with an index by slug.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Tags {
    /// The tags, sorted by name.
    pub(crate) list: Vec<Tag>,
    by_slug: FxHashMap<String, usize>,
}

impl Tags {
    /// The tags of `site`'s articles.
    pub(crate) fn new(site: &Site) -> Tags {
        let mut found: BTreeMap<String, (BTreeMap<&str, usize>, Vec<usize>)> = BTreeMap::new();
        for (a, article) in site.articles.iter().enumerate() {
            for tag in &article.meta.tags {
                let (spellings, articles) = found.entry(slug(tag)).or_default();
                *spellings.entry(tag.as_str()).or_default() += 1;
                if articles.last() != Some(&a) {
                    articles.push(a);
                }
            }
        }
        let mut list: Vec<Tag> = found
            .into_iter()
            .filter(|(slug, _)| !slug.is_empty())
            .map(|(slug, (spellings, articles))| {
                let most = spellings.values().copied().max().unwrap_or(0);
                let name = spellings.into_iter().find(|&(_, n)| n == most).map_or_else(String::new, |(s, _)| s.into());
                Tag { slug, name, articles }
            })
            .collect();
        list.sort_by_cached_key(|t| (sort_key(&t.name), t.slug.clone()));
        let by_slug = list.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
        Tags { list, by_slug }
    }

    /// The tag whose slug is `slug`.
    pub(crate) fn get(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }
}

/// The order of tag names: lowercase, accents set aside (É with E), then by slug.
fn sort_key(name: &str) -> String {
    name.nfd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase).collect()
}

/// An error at each tag of the article `src` that has no letter or digit (its slug,
/// and so its URL, would be empty).
pub(crate) fn problems(src: &Loaded<ArticleMeta>, sources: &SourceMap) -> Vec<Diagnostic> {
    let tags = &src.meta.tags;
    if tags.iter().all(|t| !slug(t).is_empty()) {
        return Vec::new();
    }
    // The scalars after the key `tags` are its items, in order.
    let scalars = src.scalars(sources);
    let start = scalars
        .windows(tags.len() + 1)
        .position(|w| w[0].value == "tags" && w[1..].iter().zip(tags).all(|(s, t)| s.value == *t));
    tags.iter()
        .enumerate()
        .filter(|(_, t)| slug(t).is_empty())
        .map(|(k, t)| {
            let span = match start.map(|i| &scalars[i + 1 + k].offsets) {
                Some(o) => src.yaml.start + o[0]..src.yaml.start + o[o.len() - 1],
                None => src.locate_key(sources, "tags", t),
            };
            Diagnostic::error(src.file, span, format!("the tag '{t}' has no letter or digit"))
                .help("a tag's page is named after its letters and digits; write at least one, or remove the tag")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_keep_letters_and_digits_of_any_script() {
        assert_eq!(slug("North Korea"), "north-korea");
        assert_eq!(slug("  C++ & Rust!! "), "c-rust");
        assert_eq!(slug("Überwachung 2024"), "überwachung-2024");
        assert_eq!(slug("Cafe\u{301}"), slug("Café"));
        assert_eq!(slug("—!—"), "");
    }
}
