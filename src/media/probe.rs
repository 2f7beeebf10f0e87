//! Reading an image file for what pages need of it: its format, its size in pixels,
//! and a hash of its bytes. Only the header is decoded (SVG: the root element).

use std::hash::Hasher;
use std::io::Cursor;

use image::ImageFormat;

use crate::site::media::MediaFormat;

/// What an image file is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probed {
    /// How it is encoded.
    pub(crate) format: MediaFormat,
    /// Width in pixels.
    pub(crate) width: u32,
    /// Height in pixels.
    pub(crate) height: u32,
    /// A hash of its bytes.
    pub(crate) hash: u64,
}

/// Reads `bytes` (the file `name`); `Err` says in plain words why it is not an image
/// gloss can show.
pub(crate) fn probe(name: &str, bytes: &[u8]) -> Result<Probed, String> {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    let hash = h.finish();
    let (format, (width, height)) =
        if name.to_ascii_lowercase().ends_with(".svg") { (MediaFormat::Svg, svg_size(bytes)?) } else { raster(bytes)? };
    if width == 0 || height == 0 {
        return Err("the image has no width or height".into());
    }
    Ok(Probed { format, width, height, hash })
}

fn raster(bytes: &[u8]) -> Result<(MediaFormat, (u32, u32)), String> {
    let unknown = || "not an image gloss can read (PNG, JPEG, GIF, WebP or SVG)".to_string();
    let format = match image::guess_format(bytes).map_err(|_| unknown())? {
        ImageFormat::Png => MediaFormat::Png,
        ImageFormat::Jpeg => MediaFormat::Jpeg,
        ImageFormat::Gif => MediaFormat::Gif,
        ImageFormat::WebP => MediaFormat::Webp,
        _ => return Err(unknown()),
    };
    let reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let size = reader.into_dimensions().map_err(|e| format!("the image cannot be read: {e}"))?;
    Ok((format, size))
}

/// The size of an SVG drawing: its `width` and `height` in pixels, else its `viewBox`.
fn svg_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG file is not UTF-8 text".to_string())?;
    let doc = resvg::usvg::roxmltree::Document::parse(text).map_err(|e| format!("the SVG file does not parse: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("the file's root element is not <svg>".into());
    }
    let px = |attr: &str| root.attribute(attr).and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok());
    let view_box: Option<Vec<f64>> = root
        .attribute("viewBox")
        .map(|v| v.split(|c: char| c == ',' || c.is_whitespace()).filter_map(|n| n.parse().ok()).collect());
    let (w, h) = match (px("width"), px("height"), view_box.as_deref()) {
        (Some(w), Some(h), _) => (w, h),
        (_, _, Some([_, _, w, h])) => (*w, *h),
        _ => return Err("the SVG has neither width and height in pixels nor a viewBox".into()),
    };
    let round = |v: f64| if v.is_finite() && v > 0.0 && v < 100_000.0 { v.round() as u32 } else { 0 };
    Ok((round(w), round(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        let svg = |attrs: &str| format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {attrs}></svg>");
        assert_eq!(svg_size(svg("width=\"640\" height=\"480px\"").as_bytes()), Ok((640, 480)));
        assert_eq!(svg_size(svg("viewBox=\"0 0 800 450.4\"").as_bytes()), Ok((800, 450)));
        assert!(svg_size(svg("width=\"50%\"").as_bytes()).is_err());
        assert!(probe("x.svg", svg("viewBox=\"0 0 0 10\"").as_bytes()).is_err());
    }

    #[test]
    fn refuses_what_is_not_an_image() {
        assert!(probe("a.png", b"hello").is_err());
    }
}
