//! Where the words of a card go: each line of text as a [`Run`] of one face, size and
//! ink at a baseline position, measured in the DejaVu faces embedded in the binary.
//! Both painters ([`super::paint`] and [`super::svg`]) draw the same runs.

use std::sync::OnceLock;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::{Said, HEIGHT, WIDTH};
use crate::text::only_allowed;

const MARGIN: f32 = 80.0;
const TEXT_WIDTH: f32 = WIDTH as f32 - 2.0 * MARGIN;

/// The card's background colour.
pub(super) const PAPER: [u8; 3] = [0xf7, 0xf4, 0xee];
/// The width of the accent bar down the card's left edge.
pub(super) const BAR: u32 = 16;

/// A colour text or the bar is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Ink {
    /// The site name and the bar.
    Accent,
    /// The kicker ("EXPLAINER").
    Kicker,
    /// The headline or the quote.
    Body,
    /// The speaker of a quote.
    Byline,
}

impl Ink {
    /// Every ink, in the order of its variants (and of the palette).
    pub(super) const ALL: [Ink; 4] = [Ink::Accent, Ink::Kicker, Ink::Body, Ink::Byline];

    /// Its colour.
    pub(super) fn rgb(self) -> [u8; 3] {
        match self {
            Ink::Accent => [0xa5, 0x1d, 0x24],
            Ink::Kicker => [0x55, 0x52, 0x4c],
            Ink::Body => [0x1b, 0x1a, 0x17],
            Ink::Byline => [0x3a, 0x38, 0x33],
        }
    }
}

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum FaceId {
    /// DejaVu Serif.
    Serif,
    /// DejaVu Serif Bold.
    SerifBold,
    /// DejaVu Sans.
    Sans,
    /// DejaVu Sans Bold.
    SansBold,
}

/// One line of text on the card.
#[derive(Debug, Clone)]
pub(super) struct Run {
    /// What it says.
    pub(super) text: String,
    /// Its face.
    pub(super) face: FaceId,
    /// Its size in pixels.
    pub(super) size: f32,
    /// Its colour.
    pub(super) ink: Ink,
    /// Where it starts, in pixels from the left.
    pub(super) x: f32,
    /// Its baseline, in whole pixels from the top.
    pub(super) y: f32,
    /// Extra space after each character, in pixels.
    pub(super) spacing: f32,
}

/// The lines of a card that says `card`: the site name, the kicker, the words
/// (shrunk, then clipped, to fit) and a quote's speaker.
pub(super) fn runs(site_title: &str, card: &Said) -> Vec<Run> {
    let (site_title, words) = (only_allowed(site_title), only_allowed(&card.words));
    let quote = card.byline.is_some();
    let (size, max_lines) = if quote { (52.0, 5) } else { (68.0, 4) };
    let face = if quote { FaceId::Serif } else { FaceId::SerifBold };
    let (size, lines) = fit(face, &words, size, max_lines);
    let line_height = size * 1.22;
    let line =
        |text: String, face, size, ink, y: f32| Run { text, face, size, ink, x: MARGIN, y: y.round(), spacing: 0.0 };
    let mut runs = vec![
        line(clip(FaceId::SansBold, &site_title, 34.0), FaceId::SansBold, 34.0, Ink::Accent, 110.0),
        Run { spacing: 2.0, ..line(card.kicker.to_uppercase(), FaceId::Sans, 26.0, Ink::Kicker, 160.0) },
    ];
    let count = lines.len();
    for (n, text) in lines.into_iter().enumerate() {
        runs.push(line(text, face, size, Ink::Body, 250.0 + line_height * n as f32));
    }
    if let Some(by) = &card.byline {
        let y = (250.0 + line_height * count as f32 + 30.0).min(HEIGHT as f32 - 50.0);
        runs.push(line(
            clip(FaceId::Sans, &format!("— {}", only_allowed(by)), 32.0),
            FaceId::Sans,
            32.0,
            Ink::Byline,
            y,
        ));
    }
    runs
}

/// The words broken into at most `max_lines` lines at `size`, the size lowered (down
/// to two thirds) until they fit, and the last line cut with an ellipsis if they
/// still do not.
fn fit(face: FaceId, words: &str, size: f32, max_lines: usize) -> (f32, Vec<String>) {
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
fn wrap(face: FaceId, text: &str, size: f32) -> Vec<String> {
    let face = Face::get(face);
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
fn clip(face: FaceId, text: &str, size: f32) -> String {
    let face = Face::get(face);
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

/// One embedded face, read once.
pub(super) struct Face {
    /// The font, when its data parses (the embedded data always does).
    pub(super) font: Option<FontRef<'static>>,
}

impl Face {
    /// The face `id`.
    pub(super) fn get(id: FaceId) -> &'static Face {
        static FACES: OnceLock<[Face; 4]> = OnceLock::new();
        let faces = FACES.get_or_init(|| FaceId::ALL.map(|f| Face { font: FontRef::new(f.data()).ok() }));
        &faces[id as usize]
    }

    /// Each character of `text` as a glyph with its advance width at `size` pixels.
    pub(super) fn glyphs<'t>(&self, text: &'t str, size: f32) -> impl Iterator<Item = (GlyphId, f32)> + 't {
        self.font.clone().into_iter().flat_map(move |font| {
            let (charmap, metrics) = (font.charmap(), font.glyph_metrics(Size::new(size), LocationRef::default()));
            text.chars().map(move |c| {
                let glyph = charmap.map(c).unwrap_or_default();
                (glyph, metrics.advance_width(glyph).unwrap_or(size * 0.6))
            })
        })
    }

    /// The advance width of `text` at `size` pixels.
    fn width(&self, text: &str, size: f32) -> f32 {
        self.glyphs(text, size).map(|(_, w)| w).sum()
    }
}

impl FaceId {
    /// Every face, in the order of [`FaceId`]'s variants.
    pub(super) const ALL: [FaceId; 4] = [FaceId::Serif, FaceId::SerifBold, FaceId::Sans, FaceId::SansBold];

    /// The face's font file, embedded in the binary.
    pub(super) fn data(self) -> &'static [u8] {
        match self {
            FaceId::Serif => dejavu::serif::regular(),
            FaceId::SerifBold => dejavu::serif::bold(),
            FaceId::Sans => dejavu::sans::regular(),
            FaceId::SansBold => dejavu::sans::bold(),
        }
    }

    /// Its family name and whether it is bold, as SVG names them.
    pub(super) fn family(self) -> (&'static str, bool) {
        match self {
            FaceId::Serif => ("DejaVu Serif", false),
            FaceId::SerifBold => ("DejaVu Serif", true),
            FaceId::Sans => ("DejaVu Sans", false),
            FaceId::SansBold => ("DejaVu Sans", true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_wrap_and_long_titles_shrink_then_clip() {
        let lines = wrap(FaceId::SerifBold, &"a".repeat(200), 68.0);
        let face = Face::get(FaceId::SerifBold);
        assert!(lines.len() > 1 && lines.iter().all(|l| face.width(l, 68.0) <= TEXT_WIDTH));
        let (size, lines) = fit(FaceId::SerifBold, &"word ".repeat(200), 68.0, 4);
        assert!(size < 68.0 && lines.len() == 4 && lines[3].ends_with('…'));
    }
}
