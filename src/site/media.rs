//! The site's images as the model holds them: each file the content uses, with its
//! size, where it goes in the output, and the widths of its resized copies.

use std::path::PathBuf;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::diag::FileId;

/// The widths resized copies are made at, for images wider than the text column.
pub(crate) const VARIANT_WIDTHS: [u32; 4] = [480, 720, 1080, 1440];

/// An image wider than this many pixels gets resized copies: the text column is
/// 42.75rem, 684 CSS pixels.
pub(crate) const COLUMN_WIDTH: u32 = 720;

/// The `sizes` attribute that goes with a `srcset`: the full viewport on narrow
/// screens, the text column (42.75rem) on wide ones.
pub(crate) const SIZES: &str = "(min-width: 46rem) 42.75rem, 100vw";

/// How an image file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum MediaFormat {
    /// PNG: resized copies are PNG too.
    Png,
    /// JPEG: resized copies are JPEG too.
    Jpeg,
    /// GIF: never resized (it may be animated).
    Gif,
    /// WebP: never resized.
    Webp,
    /// SVG: a drawing, which scales by itself.
    Svg,
}

impl MediaFormat {
    /// Whether resized copies are made of images in this format.
    pub(crate) fn resizable(self) -> bool {
        matches!(self, MediaFormat::Png | MediaFormat::Jpeg)
    }
}

/// One image file the site uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct MediaFile {
    /// Where it is, as diagnostics name it (`content/articles/x/map.png`, `static/a.jpg`).
    pub(crate) source: String,
    /// Where it is on disk.
    pub(crate) path: PathBuf,
    /// Its entry in the source map, for diagnostics.
    pub(crate) file: FileId,
    /// Its output path, relative to the output root.
    pub(crate) output: String,
    /// Its width in pixels.
    pub(crate) width: u32,
    /// Its height in pixels.
    pub(crate) height: u32,
    /// How it is encoded.
    pub(crate) format: MediaFormat,
    /// A hash of its bytes, which names its resized copies in the build cache.
    pub(crate) hash: u64,
    /// The widths of its resized copies, smallest first (empty when it is not resized).
    pub(crate) variants: Vec<u32>,
}

impl MediaFile {
    /// The output path of the copy `width` pixels wide: `map-720w.png` beside `map.png`.
    pub(crate) fn variant_output(&self, width: u32) -> String {
        let (stem, ext) = self.output.rsplit_once('.').unwrap_or((&self.output, ""));
        format!("{stem}-{width}w.{ext}")
    }

    /// The height of the copy `width` pixels wide, keeping the proportions.
    pub(crate) fn variant_height(&self, width: u32) -> u32 {
        let h = u64::from(self.height) * u64::from(width) / u64::from(self.width.max(1));
        u32::try_from(h).unwrap_or(u32::MAX).max(1)
    }
}

/// Every image file the site uses, each once.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Media {
    /// The files, in the order they were first used.
    pub(crate) files: Vec<MediaFile>,
    by_source: FxHashMap<String, usize>,
}

impl Media {
    /// The index of the file at `source` (as diagnostics name it), if it is known.
    pub(crate) fn find(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// Adds a file (unless it is already there) and returns its index.
    pub(crate) fn add(&mut self, file: MediaFile) -> usize {
        if let Some(i) = self.find(&file.source) {
            return i;
        }
        self.by_source.insert(file.source.clone(), self.files.len());
        self.files.push(file);
        self.files.len() - 1
    }
}

/// The images an article or entity uses, as indices into [`Media::files`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ImageSlots {
    /// The lead image (`image:`).
    pub(crate) lead: Option<usize>,
    /// Per `images:` entry, its file.
    pub(crate) items: Vec<Option<usize>>,
}
