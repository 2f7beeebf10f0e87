//! The resized copies of images wider than the text column, encoded in parallel and
//! kept in the build cache (`.gloss-cache/images/`) under the hash of the source's
//! bytes and the width, so that a rebuild encodes nothing that did not change.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};
use rayon::prelude::*;

use super::build_cache::BuildCache;
use super::output::OutputFile;
use crate::diag::Diagnostic;
use crate::site::media::{Media, MediaFile, MediaFormat};

/// JPEG quality of the resized copies.
const JPEG_QUALITY: u8 = 82;

/// Bumped whenever the encoding changes, so cached copies made otherwise are not reused.
const ENCODING: &str = "v1";

/// Every resized copy of every image, each from the cache when it is there.
pub(crate) fn variants(media: &Media, cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    media.files.par_iter().filter(|f| !f.variants.is_empty()).flat_map_iter(|f| copies_of(f, cache)).collect()
}

/// The output paths of every resized copy.
pub(crate) fn variant_paths(media: &Media) -> impl Iterator<Item = String> + '_ {
    media.files.iter().flat_map(|f| f.variants.iter().map(|&w| f.variant_output(w)))
}

/// The copies of one image; the source is decoded only when one of them is not cached.
fn copies_of(file: &MediaFile, cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    let ext = if file.format == MediaFormat::Jpeg { "jpg" } else { "png" };
    let key = |w: u32| format!("images/{:016x}-{w}-{ENCODING}.{ext}", file.hash);
    let mut decoded: Option<Result<DynamicImage, String>> = None;
    file.variants
        .iter()
        .map(|&w| {
            let path = file.variant_output(w);
            if let Some(bytes) = cache.get(&key(w)) {
                return Ok(OutputFile { path, bytes: Arc::new(bytes) });
            }
            let source = decoded.get_or_insert_with(|| decode(&file.path));
            let bytes = source
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|img| encode(img, w, file.variant_height(w), file.format))
                .map_err(|why| {
                    Diagnostic::error(file.file, 0..0, format!("cannot make the {w} px copy of this image: {why}"))
                        .help("check that the file opens in an image viewer, or save it again")
                })?;
            cache.put(&key(w), &bytes);
            Ok(OutputFile { path, bytes: Arc::new(bytes) })
        })
        .collect()
}

fn decode(path: &Path) -> Result<DynamicImage, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    image::load_from_memory(&bytes).map_err(|e| e.to_string())
}

fn encode(img: &DynamicImage, width: u32, height: u32, format: MediaFormat) -> Result<Vec<u8>, String> {
    let small = img.resize_exact(width, height, FilterType::CatmullRom);
    let mut out = Cursor::new(Vec::new());
    let result = if format == MediaFormat::Jpeg {
        let rgb = small.to_rgb8();
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
            &rgb,
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
    } else {
        let rgba = small.to_rgba8();
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive).write_image(
            &rgba,
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
    };
    result.map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
