//! What the verify stage needs to know of a rendered page: the links it holds and the
//! ids it carries. Taken while the page is in hand, so the page itself need not be kept.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// The links and ids of one HTML page.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    /// Output path of the page.
    pub path: String,
    /// Every `href` and `src` value, entity-decoded.
    pub links: Vec<String>,
    /// Every `id` value.
    pub ids: HashSet<String>,
}

/// The facts of the file at `path`, if it is an HTML page.
pub fn of(path: &str, bytes: &[u8]) -> Option<PageFacts> {
    if !path.ends_with(".html") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut facts = PageFacts { path: path.to_string(), ..PageFacts::default() };
    for (attr, value) in attributes(text) {
        match attr {
            Attr::Id => {
                facts.ids.insert(value.into_owned());
            }
            Attr::Href | Attr::Src => facts.links.push(value.into_owned()),
        }
    }
    Some(facts)
}

/// The attributes read.
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
