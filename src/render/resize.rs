//! The resized copies of images wider than the text column, encoded in parallel and
//! kept in the build cache (`.gloss-cache/images/`) under the hash of the source's
//! bytes and the width, so that a rebuild encodes nothing that did not change.

use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType as ResizeFilter, IntoImageView, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{DynamicImage, ImageEncoder};
use rayon::prelude::*;

use super::build_cache::BuildCache;
use super::output::OutputFile;
use crate::diag::Diagnostic;
use crate::site::media::{Media, MediaFile, MediaFormat};

/// JPEG quality of the resized copies.
const JPEG_QUALITY: u8 = 82;

/// Bumped whenever the encoding changes, so cached copies made otherwise are not reused
/// (v2: resized by fast_image_resize).
const ENCODING: &str = "v2";

/// Every resized copy of every image, each from the cache when it is there.
pub(crate) fn variants(media: &Media, cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    media.files.par_iter().filter(|f| !f.variants.is_empty()).flat_map_iter(|f| copies_of(f, cache)).collect()
}

/// The output paths of every resized copy.
pub(crate) fn variant_paths(media: &Media) -> impl Iterator<Item = String> + '_ {
    media.files.iter().flat_map(|f| f.variants.iter().map(|&w| f.variant_output(w)))
}

/// The copies of one image; the source is decoded once, only when one of them is not
/// cached, and the missing widths are encoded in parallel (a site's first build, or
/// `serve`'s first start, waits for them).
fn copies_of(file: &MediaFile, cache: &BuildCache) -> Vec<Result<OutputFile, Diagnostic>> {
    let ext = if file.format == MediaFormat::Jpeg { "jpg" } else { "png" };
    let key = |w: u32| format!("images/{:016x}-{w}-{ENCODING}.{ext}", file.hash);
    let cached: Vec<Option<Vec<u8>>> = file.variants.iter().map(|&w| cache.get(&key(w))).collect();
    // Read only when a width is missing; otherwise never looked at.
    let source = match cached.iter().any(Option::is_none) {
        true => decode(&file.path, file.format),
        false => Err(String::new()),
    };
    file.variants
        .par_iter()
        .zip(cached)
        .map(|(&w, hit)| {
            let path = file.variant_output(w);
            if let Some(bytes) = hit {
                return Ok(OutputFile { path, bytes: Arc::new(bytes) });
            }
            let decoded = source.as_ref().map_err(Clone::clone);
            let bytes = decoded.and_then(|img| encode(img, w, file.variant_height(w), file.format)).map_err(|why| {
                Diagnostic::error(file.file, 0..0, format!("cannot make the {w} px copy of this image: {why}"))
                    .help("check that the file opens in an image viewer, or save it again")
            })?;
            cache.put(&key(w), &bytes);
            Ok(OutputFile { path, bytes: Arc::new(bytes) })
        })
        .collect()
}

/// The image at `path`, as 8-bit RGB for a JPEG (whose copies are JPEGs) and 8-bit
/// RGBA otherwise (copies are PNGs).
fn decode(path: &Path, format: MediaFormat) -> Result<DynamicImage, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let img = image::load_from_memory(&bytes).map_err(|e| e.to_string())?;
    Ok(match format {
        MediaFormat::Jpeg => DynamicImage::ImageRgb8(img.into_rgb8()),
        _ => DynamicImage::ImageRgba8(img.into_rgba8()),
    })
}

/// `img` (as [`decode`] gives it) at `width` × `height`, encoded.
fn encode(img: &DynamicImage, width: u32, height: u32, format: MediaFormat) -> Result<Vec<u8>, String> {
    let pixels = img.pixel_type().ok_or("this pixel format cannot be resized")?;
    let mut small = Image::new(width, height, pixels);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(ResizeFilter::CatmullRom));
    Resizer::new().resize(img, &mut small, &options).map_err(|e| e.to_string())?;
    let mut out = Cursor::new(Vec::new());
    let result = if format == MediaFormat::Jpeg {
        JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).write_image(
            small.buffer(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
    } else {
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive).write_image(
            small.buffer(),
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
    };
    result.map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
