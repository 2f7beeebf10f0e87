//! What the verify stage needs to know of a rendered page: the links it holds and the
//! ids it carries. Taken while the page is in hand, so the page itself need not be kept.

use std::borrow::Cow;
use std::sync::OnceLock;

use memchr::memmem;

/// The links and ids of one HTML page, each list held in one buffer (a page has
/// hundreds of links; one allocation each was a tenth of a build).
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// Output path of the page.
    pub path: String,
    /// Every `href` and `src` value, entity-decoded.
    pub links: StrList,
    /// Every `id` value, sorted, without repeats.
    ids: StrList,
}

impl PageFacts {
    /// Whether the page has an element with this id.
    pub fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(id)
    }

    /// Whether every id of `self` is also on `other`.
    pub fn ids_within(&self, other: &PageFacts) -> bool {
        self.ids.iter().all(|id| other.has_id(id))
    }
}

/// A list of strings kept end to end in one buffer.
#[derive(Debug, Clone, Default)]
pub struct StrList {
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
    pub fn iter(&self) -> impl Iterator<Item = &str> {
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

    fn sorted(mut values: Vec<Cow<'_, str>>) -> StrList {
        values.sort_unstable();
        values.dedup();
        let mut list = StrList::default();
        for v in &values {
            list.push(v);
        }
        list
    }
}

/// The facts of the file at `path`, if it is an HTML page.
pub fn of(path: &str, bytes: &[u8]) -> Option<PageFacts> {
    if !path.ends_with(".html") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut links = StrList::default();
    let mut ids = Vec::new();
    for (attr, value) in attributes(text) {
        match attr {
            Attr::Id => ids.push(value),
            Attr::Href | Attr::Src => links.push(&value),
        }
    }
    Some(PageFacts { path: path.to_string(), links, ids: StrList::sorted(ids) })
}

/// The attributes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Href,
    Src,
    Id,
}

/// Every `href`, `src` and `id` value in `html`, entity-decoded, in one pass: each
/// `="` is found (a vectorised search) and the attribute name before it read.
fn attributes(html: &str) -> Vec<(Attr, Cow<'_, str>)> {
    static FINDER: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| memmem::Finder::new("=\""));
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = finder.find(&bytes[at..]) {
        let eq = at + found;
        let start = eq + 2;
        let Some(len) = memchr::memchr(b'"', &bytes[start..]) else { break };
        let name = &bytes[..eq];
        let attr = if name.ends_with(b" href") {
            Some(Attr::Href)
        } else if name.ends_with(b" src") {
            Some(Attr::Src)
        } else if name.ends_with(b" id") {
            Some(Attr::Id)
        } else {
            None
        };
        if let Some(attr) = attr {
            out.push((attr, decode(&html[start..start + len])));
        }
        at = start + len + 1;
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
