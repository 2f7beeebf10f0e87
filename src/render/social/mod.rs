//! Social cards (FORMAT.md 8.6): a 1200×630 PNG for every article and quote page
//! without an image of its own (an SVG lead image counts as none: sharing sites do
//! not show drawings), used as its `og:image`. A card (site name, the title or the
//! quote's words and speaker, in the DejaVu faces embedded in the binary) is laid out
//! as lines of text ([`layout`]), drawn directly from cached glyphs ([`paint`]) or,
//! for scripts that need shaping, as SVG by resvg ([`svg`]), and kept in the build
//! cache under a hash of what it says (with the design and gloss's version), so the
//! same card has the same bytes on every run and a cached card is neither laid out nor
//! read again: the cache keeps its hash, and the output links it.

mod layout;
mod paint;
mod svg;

use std::sync::Arc;

use rayon::prelude::*;

use super::build_cache::{BuildCache, Hashed};
use super::deliver::StaticFile;
use super::output::OutputFile;
use crate::content_hash;
use crate::diag::Diagnostic;
use crate::site::media::MediaFormat;
use crate::site::Site;

/// The card's size in pixels.
pub(crate) const WIDTH: u32 = 1200;
/// The card's height in pixels.
pub(crate) const HEIGHT: u32 = 630;

/// Bumped whenever the layout, the drawing or its encoding changes, so cards cached
/// from another design are not reused (v3: drawn from cached glyphs as indexed PNG;
/// v4: cached under what the card says rather than its drawing).
const DESIGN: &str = "v4";

/// One card: where it goes and whose page it is for. What it says is read from the
/// site when it is drawn ([`Card::said`]), not copied: an archive has tens of
/// thousands of cards, listed before any is drawn.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Its output path (`social/articles/<slug>.png`).
    pub(crate) path: String,
    /// Whose card it is.
    subject: Subject,
    /// The file the words come from, for diagnostics.
    file: usize,
}

/// The page a card is for.
#[derive(Debug, Clone, Copy)]
enum Subject {
    /// `articles[a]`.
    Article(usize),
    /// `articles[a].meta.quotes[q]`.
    Quote(usize, usize),
}

/// What one card says.
pub(super) struct Said {
    /// "Explainer" or "Quote".
    pub(super) kicker: &'static str,
    /// The headline, or the quote's words.
    pub(super) words: String,
    /// The speaker of a quote.
    pub(super) byline: Option<String>,
}

impl Card {
    /// What the card says.
    fn said(&self, site: &Site) -> Said {
        match self.subject {
            Subject::Article(a) => {
                Said { kicker: "Explainer", words: site.articles[a].meta.title.clone(), byline: None }
            }
            Subject::Quote(a, q) => {
                let quote = &site.articles[a].meta.quotes[q];
                Said { kicker: "Quote", words: format!("“{}”", quote.text), byline: Some(site.label(&quote.by)) }
            }
        }
    }
}

/// The output path of the card of the page at `page_path` (`articles/x/` → `social/articles/x.png`).
pub(crate) fn path_for(page_path: &str) -> String {
    format!("social/{}.png", page_path.trim_end_matches('/'))
}

/// The cards of the site: of every article without a lead image and of every quote;
/// with `only`, of that article and its quotes.
pub(crate) fn cards(site: &Site, only: Option<usize>) -> Vec<Card> {
    let mut out = Vec::new();
    let chosen = site.articles.iter().enumerate().filter(|(i, _)| only.is_none_or(|o| o == *i));
    for (i, a) in chosen {
        if !has_photo(site, a.images.lead) {
            let path = path_for(&super::paths::article(&a.slug));
            out.push(Card { path, subject: Subject::Article(i), file: a.file });
        }
        for (q, quote) in a.meta.quotes.iter().enumerate() {
            let path = path_for(&super::paths::quote(&quote.id));
            out.push(Card { path, subject: Subject::Quote(i, q), file: a.file });
        }
    }
    out
}

/// Whether image file `lead` is one sharing sites show (not a drawing).
fn has_photo(site: &Site, lead: Option<usize>) -> bool {
    lead.and_then(|m| site.media.files.get(m)).is_some_and(|f| f.format != MediaFormat::Svg)
}

/// Every card drawn, or taken from the cache as a file to copy, in parallel; each is
/// handed to `deliver` as soon as it is made, so that no more than a few cards' bytes
/// are held at once (an archive has tens of thousands). What `deliver` gives back is
/// kept, with the cards that could not be made; `None` keeps nothing of a card.
pub(crate) fn render<T: Send>(
    site: &Site,
    cards: &[Card],
    cache: &BuildCache,
    deliver: impl Fn(StaticFile) -> Option<T> + Sync,
) -> Vec<Result<T, Diagnostic>> {
    let delivered = |c: &Card| match render_one(site, c, cache) {
        Ok(card) => deliver(card).map(Ok),
        Err(problem) => Some(Err(problem)),
    };
    cards.par_iter().filter_map(delivered).collect()
}

/// Every card with its bytes, read from the cache where it was drawn before (for
/// `serve`, which keeps the output in memory).
pub(crate) fn render_in_memory(site: &Site, cards: &[Card], cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    cards
        .par_iter()
        .map(|c| match render_one(site, c, cache)? {
            StaticFile::BuiltIn(file) => Ok(file),
            StaticFile::OnDisk { path, from } | StaticFile::Cached { path, from: Hashed { path: from, .. } } => {
                match std::fs::read(&from) {
                    Ok(bytes) => Ok(OutputFile { path, bytes: Arc::new(bytes) }),
                    Err(e) => Err(Diagnostic::error(c.file, 0..0, format!("cannot read the social card {path}: {e}"))),
                }
            }
        })
        .collect()
}

fn render_one(site: &Site, card: &Card, cache: &BuildCache) -> Result<StaticFile, Diagnostic> {
    let (site_title, said) = (&site.config.title, card.said(site));
    let key = cache_key(site_title, &said);
    if let Some(from) = cache.hashed(&key) {
        return Ok(StaticFile::Cached { path: card.path.clone(), from });
    }
    let runs = layout::runs(site_title, &said);
    let drawn = if paint::can_paint(&runs) { paint::paint(&runs) } else { svg::rasterise(&svg::drawing(&runs)) };
    let bytes = drawn.map_err(|why| {
        Diagnostic::error(card.file, 0..0, format!("cannot draw the social card {}: {why}", card.path))
    })?;
    cache.put_hashed(&key, &bytes, content_hash::of_bytes(&bytes));
    Ok(StaticFile::BuiltIn(OutputFile { path: card.path.clone(), bytes: Arc::new(bytes) }))
}

/// The card's entry in the build cache: a hash of everything its pixels depend on
/// (the words it shows, the design, and the version of gloss that draws it).
fn cache_key(site_title: &str, said: &Said) -> String {
    let mut h = blake3::Hasher::new();
    let byline = said.byline.as_deref().map_or(String::new(), |b| format!("by {b}"));
    for part in [DESIGN, env!("CARGO_PKG_VERSION"), site_title, said.kicker, &said.words, &byline] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    format!("social/{}-{DESIGN}.png", &h.finalize().to_hex()[..32])
}

/// `pixels` (rows of a 1200×630 image, as `configure` sets the encoder up for) as PNG bytes.
fn png(pixels: &[u8], configure: impl FnOnce(&mut png::Encoder<'_, &mut Vec<u8>>)) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    configure(&mut encoder);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}
