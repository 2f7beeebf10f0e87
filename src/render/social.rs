//! Social cards (FORMAT.md 8.6): a 1200×630 PNG for every article and quote page
//! without an image of its own (an SVG lead image counts as none: sharing sites do
//! not show drawings), used as its `og:image`. Each card is drawn as SVG
//! (site name, the title or the quote's words and speaker) in the DejaVu faces
//! embedded in the binary, rasterised in-process by resvg and kept in the build cache
//! under a hash of its SVG, so the same card has the same bytes on every run.

use std::hash::Hasher;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use resvg::usvg::{self, fontdb};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::build_cache::BuildCache;
use super::deliver::StaticFile;
use super::output::OutputFile;
use crate::diag::Diagnostic;
use crate::site::media::MediaFormat;
use crate::site::Site;
use crate::text::escape_html;

/// The card's size in pixels.
pub(crate) const WIDTH: u32 = 1200;
/// The card's height in pixels.
pub(crate) const HEIGHT: u32 = 630;

/// Bumped whenever the drawing or its encoding changes, so cards cached from another
/// design are not reused (v2: PNG with adaptive filters, a third to a half the size).
const DESIGN: &str = "v2";
const MARGIN: f32 = 80.0;
const TEXT_WIDTH: f32 = WIDTH as f32 - 2.0 * MARGIN;

/// What one card says.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    /// Its output path (`social/articles/<slug>.png`).
    pub(crate) path: String,
    /// "Explainer" or "Quote".
    kicker: &'static str,
    /// The headline, or the quote's words.
    words: String,
    /// The speaker of a quote.
    byline: Option<String>,
    /// The file the words come from, for diagnostics.
    file: usize,
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
    for a in chosen.map(|(_, a)| a) {
        if !has_photo(site, a.images.lead) {
            let path = path_for(&super::paths::article(&a.slug));
            out.push(Card { path, kicker: "Explainer", words: a.meta.title.clone(), byline: None, file: a.file });
        }
        for q in &a.meta.quotes {
            let path = path_for(&super::paths::quote(&q.id));
            let byline = Some(site.label(&q.by));
            out.push(Card { path, kicker: "Quote", words: format!("“{}”", q.text), byline, file: a.file });
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
/// are held at once (an archive has tens of thousands).
pub(crate) fn render<T: Send>(
    site: &Site,
    cards: &[Card],
    cache: &BuildCache,
    deliver: impl Fn(StaticFile) -> T + Sync,
) -> Vec<Result<T, Diagnostic>> {
    cards.par_iter().map(|c| render_one(&site.config.title, c, cache).map(&deliver)).collect()
}

/// Every card with its bytes, read from the cache where it was drawn before (for
/// `serve`, which keeps the output in memory).
pub(crate) fn render_in_memory(site: &Site, cards: &[Card], cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    cards
        .par_iter()
        .map(|c| match render_one(&site.config.title, c, cache)? {
            StaticFile::BuiltIn(file) => Ok(file),
            StaticFile::OnDisk { path, from } => match std::fs::read(&from) {
                Ok(bytes) => Ok(OutputFile { path, bytes: Arc::new(bytes) }),
                Err(e) => Err(Diagnostic::error(c.file, 0..0, format!("cannot read the social card {path}: {e}"))),
            },
        })
        .collect()
}

fn render_one(site_title: &str, card: &Card, cache: &BuildCache) -> Result<StaticFile, Diagnostic> {
    let svg = crate::text::only_allowed(&drawing(site_title, card)).into_owned();
    let mut h = rustc_hash::FxHasher::default();
    h.write(svg.as_bytes());
    let key = format!("social/{:016x}-{DESIGN}.png", h.finish());
    if let Some(from) = cache.file(&key) {
        return Ok(StaticFile::OnDisk { path: card.path.clone(), from });
    }
    let bytes = rasterise(&svg).map_err(|why| {
        Diagnostic::error(card.file, 0..0, format!("cannot draw the social card {}: {why}", card.path))
    })?;
    cache.put(&key, &bytes);
    Ok(StaticFile::BuiltIn(OutputFile { path: card.path.clone(), bytes: Arc::new(bytes) }))
}

/// The card as SVG.
fn drawing(site_title: &str, card: &Card) -> String {
    let fonts = Fonts::get();
    let quote = card.byline.is_some();
    let (size, max_lines) = if quote { (52.0, 5) } else { (68.0, 4) };
    let face = if quote { &fonts.serif } else { &fonts.serif_bold };
    let (size, lines) = fit(face, &card.words, size, max_lines);
    let line_height = size * 1.22;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#f7f4ee\"/>\
         <rect width=\"16\" height=\"{HEIGHT}\" fill=\"#a51d24\"/>\
         <text x=\"{MARGIN}\" y=\"110\" font-family=\"DejaVu Sans\" font-weight=\"bold\" font-size=\"34\" fill=\"#a51d24\">{}</text>\
         <text x=\"{MARGIN}\" y=\"160\" font-family=\"DejaVu Sans\" font-size=\"26\" fill=\"#55524c\" letter-spacing=\"2\">{}</text>",
        escape_html(&clip(&fonts.sans_bold, site_title, 34.0)),
        card.kicker.to_uppercase()
    );
    let family =
        if quote { "font-family=\"DejaVu Serif\"" } else { "font-family=\"DejaVu Serif\" font-weight=\"bold\"" };
    s.push_str(&format!("<text {family} font-size=\"{size}\" fill=\"#1b1a17\">"));
    for (n, line) in lines.iter().enumerate() {
        let y = 250.0 + line_height * n as f32;
        s.push_str(&format!("<tspan x=\"{MARGIN}\" y=\"{y:.0}\">{}</tspan>", escape_html(line)));
    }
    s.push_str("</text>");
    if let Some(by) = &card.byline {
        let y = (250.0 + line_height * lines.len() as f32 + 30.0).min(HEIGHT as f32 - 50.0);
        s.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{y:.0}\" font-family=\"DejaVu Sans\" font-size=\"32\" fill=\"#3a3833\">— {}</text>",
            escape_html(&clip(&fonts.sans, by, 32.0))
        ));
    }
    s.push_str("</svg>");
    s
}

/// The words broken into at most `max_lines` lines at `size`, the size lowered (down
/// to two thirds) until they fit, and the last line cut with an ellipsis if they
/// still do not.
fn fit(face: &Face, words: &str, size: f32, max_lines: usize) -> (f32, Vec<String>) {
    let mut size = size;
    loop {
        let lines = wrap(face, words, size);
        if lines.len() <= max_lines {
            return (size, lines);
        }
        if size * 0.9 < 44.0 {
            let mut kept: Vec<String> = lines.into_iter().take(max_lines).collect();
            if let Some(last) = kept.last_mut() {
                *last = clip(face, &format!("{last} …"), size);
                if !last.ends_with('…') {
                    last.push('…');
                }
            }
            return (size, kept);
        }
        size *= 0.9;
    }
}

/// Greedy line breaking at spaces; a word wider than a line is broken between
/// characters. Widths add up (the cards do not kern), so each word and character is
/// measured once.
fn wrap(face: &Face, text: &str, size: f32) -> Vec<String> {
    let space = face.width(" ", size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let word_width = face.width(word, size);
        let gap = if line.is_empty() { 0.0 } else { space };
        if line_width + gap + word_width <= TEXT_WIDTH {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_width += gap + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0.0;
        }
        for c in word.chars() {
            let w = face.width(c.encode_utf8(&mut [0; 4]), size);
            if line_width + w > TEXT_WIDTH && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut with an ellipsis to fit one line at `size`.
fn clip(face: &Face, text: &str, size: f32) -> String {
    if face.width(text, size) <= TEXT_WIDTH {
        return text.to_string();
    }
    let room = TEXT_WIDTH - face.width("…", size);
    let mut width = 0.0;
    let kept: String = text
        .chars()
        .take_while(|c| {
            width += face.width(c.encode_utf8(&mut [0; 4]), size);
            width <= room
        })
        .collect();
    format!("{}…", kept.trim_end())
}

fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options { fontdb: Fonts::get().db.clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no memory for the card")?;
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Default,
        image::codecs::png::FilterType::Adaptive,
    );
    image::ImageEncoder::write_image(encoder, &rgb, WIDTH, HEIGHT, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// One embedded face, for measuring text.
struct Face {
    font: Option<FontRef<'static>>,
}

impl Face {
    /// The face in `data`, read once.
    fn new(data: &'static [u8]) -> Face {
        Face { font: FontRef::new(data).ok() }
    }

    /// The advance width of `text` at `size` pixels.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Some(font) = &self.font else { return 0.0 };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars().map(|c| metrics.advance_width(charmap.map(c).unwrap_or_default()).unwrap_or(size * 0.6)).sum()
    }
}

/// The faces the cards use, loaded once.
struct Fonts {
    db: Arc<fontdb::Database>,
    serif: Face,
    serif_bold: Face,
    sans: Face,
    sans_bold: Face,
}

impl Fonts {
    fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let faces =
                [dejavu::serif::regular(), dejavu::serif::bold(), dejavu::sans::regular(), dejavu::sans::bold()];
            let mut db = fontdb::Database::new();
            for data in faces {
                db.load_font_data(data.to_vec());
            }
            Fonts {
                db: Arc::new(db),
                serif: Face::new(faces[0]),
                serif_bold: Face::new(faces[1]),
                sans: Face::new(faces[2]),
                sans_bold: Face::new(faces[3]),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_wrap_and_long_titles_shrink_then_clip() {
        let fonts = Fonts::get();
        let lines = wrap(&fonts.serif_bold, &"a".repeat(200), 68.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| fonts.serif_bold.width(l, 68.0) <= TEXT_WIDTH));
        let (size, lines) = fit(&fonts.serif_bold, &"word ".repeat(200), 68.0, 4);
        assert!(size < 68.0 && lines.len() == 4 && lines[3].ends_with('…'));
    }
}
