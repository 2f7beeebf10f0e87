//! What the verify stage needs to know of a rendered page: its links that lead nowhere,
//! its links to a fragment of another page, and the ids it carries. Taken while the
//! page is in hand, so the page itself need not be kept: a link without a fragment is
//! checked on the spot against the list of output files, which is known before
//! rendering, and is not kept.

use html5gum::emitters::callback::CallbackEvent;
use serde::{Deserialize, Serialize};

use crate::site::packed;

/// The links and ids of one HTML page that verify needs, each list held in one buffer
/// (a page has hundreds of links; one allocation each was a tenth of a build).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct PageFacts {
    /// Output path of the page.
    pub(crate) path: String,
    /// Links (`href` and `src` values, entity-decoded) that lead to no output file.
    pub(crate) dead: Vec<String>,
    /// Links to a fragment of an output file, sorted, without repeats, packed: a page's
    /// links share most of their text (`../../entities/…/#m-…`), and every page's are
    /// kept until verify (as plain text, a tenth of an archive build's memory).
    anchored: PackedList,
    /// Every `id` value, sorted, without repeats.
    ids: StrList,
    /// The ids that appear more than once (almost always none).
    pub(crate) repeated: Vec<String>,
}

/// What taking a page's facts needs to know of the whole output.
pub(crate) struct Output<'a> {
    /// The site's base path (`/` or `/sub/`), against which links starting with `/` resolve.
    pub(crate) base_path: &'a str,
    /// Whether the output has a file at this path.
    pub(crate) exists: &'a (dyn Fn(&str) -> bool + Sync),
}

/// Where a link on the page at `page` leads.
pub(crate) enum Leads<'l> {
    /// Outside the site: it has a scheme, starts with `//`, or is root-relative but
    /// outside the base path (the publisher's wider site).
    Away,
    /// To the output file written into the target buffer, and this fragment (maybe empty).
    To(&'l str),
    /// Above the site's root.
    Above,
}

/// Resolves `link`, found on the page at `page`, writing the output file it names into
/// `target`. Links starting with `base_path` are taken from the site root.
pub(crate) fn leads<'l>(page: &str, link: &'l str, base_path: &str, target: &mut String) -> Leads<'l> {
    if link.contains(':') || link.starts_with("//") {
        return Leads::Away;
    }
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let is_base = path.len() + 1 == base_path.len() && base_path.starts_with(path);
    if path.starts_with('/') && !path.starts_with(base_path) && !is_base {
        return Leads::Away;
    }
    let inside = if path.is_empty() {
        target.clear();
        target.push_str(page);
        true
    } else if is_base {
        target.clear();
        true
    } else if let Some(abs) = path.strip_prefix(base_path) {
        join_into("", abs, target)
    } else {
        join_into(page.rsplit_once('/').map_or("", |(dir, _)| dir), path, target)
    };
    if !inside {
        return Leads::Above;
    }
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    Leads::To(fragment)
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

impl PageFacts {
    /// Takes back from the dead links those that lead to a file `exists` knows now
    /// (files made after the page, whose names depend on what they hold).
    pub(crate) fn revive(&mut self, base_path: &str, exists: &dyn Fn(&str) -> bool) {
        let mut target = String::new();
        self.dead
            .retain(|link| !matches!(leads(&self.path, link, base_path, &mut target), Leads::To(_) if exists(&target)));
    }

    /// Links to a fragment of an output file, sorted, without repeats.
    pub(crate) fn anchored(&self) -> StrList {
        self.anchored.unpack()
    }

    /// Whether the page has an element with this id.
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(id)
    }

    /// Whether every id of `self` is also on `other`.
    pub(crate) fn ids_within(&self, other: &PageFacts) -> bool {
        self.ids.iter().all(|id| other.has_id(id))
    }
}

/// The facts of every page of an output, in path order, found by path: what a session
/// keeps of its last build (a map would hold every path twice, and its table besides).
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct ByPath(Vec<PageFacts>);

impl ByPath {
    /// The facts of these pages.
    pub(crate) fn new(mut pages: Vec<PageFacts>) -> ByPath {
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        ByPath(pages)
    }

    /// The facts of the page at `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&PageFacts> {
        self.0.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &self.0[i])
    }

    /// Puts `facts` in the place of those of the same page, or among the others.
    pub(crate) fn set(&mut self, facts: PageFacts) {
        match self.0.binary_search_by(|f| f.path.cmp(&facts.path)) {
            Ok(i) => self.0[i] = facts,
            Err(i) => self.0.insert(i, facts),
        }
    }

    /// How many pages there are.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Every page's facts, in path order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &PageFacts> {
        self.0.iter()
    }
}

/// A list of strings kept end to end in one buffer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct StrList {
    text: String,
    ends: Vec<u32>,
}

impl StrList {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The strings, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    /// Whether `s` is in the list, which must be sorted.
    fn binary_search(&self, s: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(s) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// A [`StrList`] encoded and compressed into one buffer (empty for an empty list).
#[derive(Clone, Default, Serialize, Deserialize)]
struct PackedList {
    #[serde(with = "serde_bytes")]
    bytes: Box<[u8]>,
}

impl PackedList {
    fn pack(list: &StrList) -> PackedList {
        if list.ends.is_empty() {
            return PackedList::default();
        }
        PackedList { bytes: packed::pack(list) }
    }

    fn unpack(&self) -> StrList {
        packed::unpack(&self.bytes)
    }
}

impl std::fmt::Debug for PackedList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.unpack().iter()).finish()
    }
}

/// Strings collected end to end in one buffer as a page is read, to be sorted into a
/// [`StrList`]: a page has hundreds of links and ids, and this takes one allocation
/// per list for them, not one per value.
#[derive(Default)]
struct Collected {
    text: String,
    spans: Vec<(u32, u32)>,
}

impl Collected {
    fn push(&mut self, s: &str) {
        let start = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.text.push_str(s);
        self.spans.push((start, u32::try_from(self.text.len()).unwrap_or(u32::MAX)));
    }

    fn get(&self, (start, end): (u32, u32)) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// Sorts the strings, so that repeats are neighbours.
    fn sort(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        spans.sort_unstable_by(|a, b| self.get(*a).cmp(self.get(*b)));
        self.spans = spans;
    }

    /// The strings that appear more than once, once each; they must be sorted.
    fn repeated(&self) -> Vec<String> {
        let mut repeated: Vec<String> = self
            .spans
            .windows(2)
            .filter(|w| self.get(w[0]) == self.get(w[1]))
            .map(|w| self.get(w[0]).to_string())
            .collect();
        repeated.dedup();
        repeated
    }

    /// The sorted strings without repeats, in a list sized exactly: every page's lists
    /// are kept until verify, and a buffer grown by pushing would be up to twice as large.
    fn into_list(mut self) -> StrList {
        let mut spans = std::mem::take(&mut self.spans);
        spans.dedup_by(|a, b| self.get(*a) == self.get(*b));
        let len = spans.iter().map(|&(start, end)| (end - start) as usize).sum();
        let mut list = StrList { text: String::with_capacity(len), ends: Vec::with_capacity(spans.len()) };
        for &span in &spans {
            list.push(self.get(span));
        }
        list
    }
}

/// The facts of the file at `path`, if it is an HTML page.
pub(crate) fn of(path: &str, bytes: &[u8], output: &Output<'_>) -> Option<PageFacts> {
    if !path.ends_with(".html") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut dead = Vec::new();
    let mut anchored = Collected::default();
    let mut ids = Collected::default();
    let mut target = String::new();
    for_each_attribute(text, |attr, value| {
        if attr == Attr::Id {
            ids.push(value);
            return;
        }
        match leads(path, value, output.base_path, &mut target) {
            Leads::Away => {}
            Leads::To(_) if !(output.exists)(&target) => dead.push(value.to_string()),
            Leads::Above => dead.push(value.to_string()),
            Leads::To("") => {}
            Leads::To(_) => anchored.push(value),
        }
    });
    ids.sort();
    anchored.sort();
    let repeated = ids.repeated();
    let anchored = PackedList::pack(&anchored.into_list());
    Some(PageFacts { path: path.to_string(), dead, anchored, ids: ids.into_list(), repeated })
}

/// The attributes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Href,
    Src,
    Id,
}

/// Calls `f` with every `href`, `src` and `id` value of a start tag in `html`,
/// character references decoded, read by an HTML5 tokenizer: text, comments and script
/// contents are never taken for attributes, and every quoting style (double, single,
/// none) is read.
fn for_each_attribute(html: &str, mut f: impl FnMut(Attr, &str)) {
    let mut wanted: Option<Attr> = None;
    crate::html_tokens::read(html, |event, _| {
        match event {
            CallbackEvent::AttributeName { name } => {
                wanted = match name {
                    b"href" => Some(Attr::Href),
                    b"src" => Some(Attr::Src),
                    b"id" => Some(Attr::Id),
                    _ => None,
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(attr) = wanted.take() {
                    f(attr, &String::from_utf8_lossy(value));
                }
            }
            _ => {}
        }
        None
    });
}
