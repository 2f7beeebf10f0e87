//! Drawing a card directly, for text that needs no shaping (Latin, Greek, Cyrillic
//! and their punctuation: one glyph per character, side by side). Each glyph is
//! rasterised once per face, size and quarter-pixel offset and kept; a card is its
//! glyphs' coverage laid on the paper, written as a 4-bit indexed PNG. The greys of
//! the text all lie on one ramp from the paper to the darkest ink, so sixteen colours
//! hold it: the paper, [`GREYS`] steps towards the darkest ink and [`REDS`] towards the
//! accent. An archive's tens of thousands of cards draw in about a millisecond each
//! this way, where rasterising an SVG takes ten or more, at a quarter of the bytes.

use std::sync::{Arc, OnceLock, RwLock};

use resvg::tiny_skia::{FillRule, Mask, PathBuilder, Transform};
use rustc_hash::FxHashMap;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};

use super::layout::{Face, FaceId, Ink, Run, BAR, PAPER};
use super::{HEIGHT, WIDTH};

/// Steps from the paper to the darkest ink ([`Ink::Body`]).
const GREYS: u16 = 11;
/// Steps from the paper to the accent.
const REDS: u16 = 4;

/// Subpixel positions a glyph is rasterised at, per pixel.
const OFFSETS: f32 = 4.0;

/// Whether these runs can be drawn here: every character stands on its own.
pub(super) fn can_paint(runs: &[Run]) -> bool {
    runs.iter().all(|r| r.text.chars().all(stands_alone))
}

/// Whether `c` is drawn as its own glyph, unchanged by its neighbours.
fn stands_alone(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e | 0xa0..=0x2ff | 0x370..=0x482 | 0x48a..=0x52f | 0x1e00..=0x1fff
        | 0x2000..=0x2027 | 0x202f..=0x205f | 0x20a0..=0x20cf | 0x2100..=0x218f | 0x2190..=0x23ff)
}

/// The card of `runs` as PNG bytes.
pub(super) fn paint(runs: &[Run]) -> Result<Vec<u8>, String> {
    let mut canvas = Canvas::new();
    canvas.bar();
    for run in runs {
        canvas.text(run);
    }
    canvas.encode()
}

/// Coverage and ink per pixel.
struct Canvas {
    coverage: Vec<u8>,
    ink: Vec<u8>,
}

impl Canvas {
    fn new() -> Canvas {
        let pixels = (WIDTH * HEIGHT) as usize;
        Canvas { coverage: vec![0; pixels], ink: vec![0; pixels] }
    }

    /// The accent bar down the left edge.
    fn bar(&mut self) {
        for row in 0..HEIGHT as usize {
            let start = row * WIDTH as usize;
            self.coverage[start..start + BAR as usize].fill(255);
        }
    }

    /// Lays the glyphs of `run` on the canvas.
    fn text(&mut self, run: &Run) {
        let mut x = run.x;
        for (id, advance) in Face::get(run.face).glyphs(&run.text, run.size) {
            let whole = x.floor();
            let offset = ((x - whole) * OFFSETS) as u8;
            if let Some(glyph) = glyph(run.face, id, run.size, offset) {
                self.blit(&glyph, whole as i32 + glyph.left, run.y as i32 + glyph.top, run.ink);
            }
            x += advance + run.spacing;
        }
    }

    /// Adds `glyph`'s coverage with its top left corner at (`left`, `top`).
    fn blit(&mut self, glyph: &Glyph, left: i32, top: i32, ink: Ink) {
        let (width, ink) = (glyph.width as i32, ink as u8);
        let (from, to) = ((-left).max(0), width.min(WIDTH as i32 - left));
        for row in 0..glyph.height as i32 {
            let y = top + row;
            if !(0..HEIGHT as i32).contains(&y) || from >= to {
                continue;
            }
            let source = &glyph.coverage[(row * width + from) as usize..(row * width + to) as usize];
            let at = (y * WIDTH as i32 + left + from) as usize..(y * WIDTH as i32 + left + to) as usize;
            for ((c, i), &g) in self.coverage[at.clone()].iter_mut().zip(&mut self.ink[at]).zip(source) {
                if g > 0 {
                    *c = c.saturating_add(g);
                    *i = ink;
                }
            }
        }
    }

    /// The canvas as a 4-bit indexed PNG.
    fn encode(self) -> Result<Vec<u8>, String> {
        let levels = Ink::ALL.map(levels);
        let mut packed = vec![0u8; self.coverage.len() / 2];
        let chunks = self.coverage.chunks_exact(16).zip(self.ink.chunks_exact(16));
        for ((cover, ink), out) in chunks.zip(packed.chunks_exact_mut(8)) {
            if u128::from_ne_bytes(cover.try_into().unwrap_or_default()) == 0 {
                continue;
            }
            let index = |n: usize| levels[usize::from(ink[n])][usize::from(cover[n])];
            for (n, byte) in out.iter_mut().enumerate() {
                *byte = (index(2 * n) << 4) | index(2 * n + 1);
            }
        }
        super::png(&packed, |encoder| {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Four);
            encoder.set_palette(palette());
            encoder.set_compression(png::Compression::Fast);
            encoder.set_filter(png::Filter::NoFilter);
        })
    }
}

/// The palette index of each coverage of `ink`: a step along the grey ramp (the
/// greys of the text all lie on it, at [`GREYS`] for the darkest), or along the
/// accent's own ramp.
fn levels(ink: Ink) -> [u8; 256] {
    let (ramp, steps) = if ink == Ink::Accent {
        (GREYS, REDS)
    } else {
        let (paper, darkest, colour) = (PAPER.map(f32::from), Ink::Body.rgb().map(f32::from), ink.rgb().map(f32::from));
        let share: f32 = (0..3).map(|c| (paper[c] - colour[c]) / (paper[c] - darkest[c])).sum::<f32>() / 3.0;
        (0, (share * f32::from(GREYS)).round().clamp(1.0, f32::from(GREYS)) as u16)
    };
    std::array::from_fn(|cover| {
        let step = (cover as u16 * steps + 127) / 255;
        if step == 0 {
            0
        } else {
            (ramp + step) as u8
        }
    })
}

/// The paper, the grey ramp, then the accent's ramp.
fn palette() -> Vec<u8> {
    let towards = |ink: [u8; 3], level: u16, levels: u16| {
        PAPER.into_iter().zip(ink).map(move |(p, i)| {
            let (p, i, l, n) = (u32::from(p), u32::from(i), u32::from(level), u32::from(levels));
            ((p * (n - l) + i * l + n / 2) / n) as u8
        })
    };
    let mut colours = PAPER.to_vec();
    (1..=GREYS).for_each(|l| colours.extend(towards(Ink::Body.rgb(), l, GREYS)));
    (1..=REDS).for_each(|l| colours.extend(towards(Ink::Accent.rgb(), l, REDS)));
    colours
}

/// A glyph's coverage, with the offset of its top left corner from its origin on
/// the baseline.
struct Glyph {
    left: i32,
    top: i32,
    width: u32,
    height: u32,
    coverage: Vec<u8>,
}

type GlyphKey = (FaceId, GlyphId, u32, u8);

/// Glyph `id` of `face` at `size`, shifted right by `offset` quarter pixels;
/// rasterised on first use. `None` for a glyph with no outline (a space).
fn glyph(face: FaceId, id: GlyphId, size: f32, offset: u8) -> Option<Arc<Glyph>> {
    static GLYPHS: OnceLock<RwLock<FxHashMap<GlyphKey, Option<Arc<Glyph>>>>> = OnceLock::new();
    let glyphs = GLYPHS.get_or_init(RwLock::default);
    let key = (face, id, size.to_bits(), offset);
    if let Some(found) = glyphs.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return found.clone();
    }
    let drawn = rasterise(face, id, size, f32::from(offset) / OFFSETS).map(Arc::new);
    glyphs.write().unwrap_or_else(|e| e.into_inner()).insert(key, drawn.clone());
    drawn
}

fn rasterise(face: FaceId, id: GlyphId, size: f32, dx: f32) -> Option<Glyph> {
    let outline = Face::get(face).font.as_ref()?.outline_glyphs().get(id)?;
    let mut pen = Pen { path: PathBuilder::new(), dx };
    outline.draw(DrawSettings::unhinted(Size::new(size), LocationRef::default()), &mut pen).ok()?;
    let path = pen.path.finish()?;
    let bounds = path.bounds();
    let (left, top) = (bounds.left().floor() as i32, bounds.top().floor() as i32);
    let width = (bounds.right().ceil() as i32 - left).max(1) as u32;
    let height = (bounds.bottom().ceil() as i32 - top).max(1) as u32;
    let mut mask = Mask::new(width, height)?;
    mask.fill_path(&path, FillRule::Winding, true, Transform::from_translate(-left as f32, -top as f32));
    Some(Glyph { left, top, width, height, coverage: mask.take() })
}

/// Turns a glyph outline (y up) into a path in card pixels (y down), shifted by `dx`.
struct Pen {
    path: PathBuilder,
    dx: f32,
}

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.path.move_to(x + self.dx, -y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.path.line_to(x + self.dx, -y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.path.quad_to(cx0 + self.dx, -cy0, x + self.dx, -y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.path.cubic_to(cx0 + self.dx, -cy0, cx1 + self.dx, -cy1, x + self.dx, -y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}
