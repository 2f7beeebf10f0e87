//! Images in pages (FORMAT.md 8.1): an `<img>` always carries its width and height,
//! a `srcset` of its resized copies when it has them, and loads lazily unless it is
//! on the first screen; an image alone in its paragraph is a figure with its caption
//! and credit.

use crate::site::media::{MediaFile, SIZES};
use crate::text::escape_html;

/// One image to show.
pub(crate) struct Picture<'a> {
    /// The file.
    pub(crate) file: &'a MediaFile,
    /// Its alt text.
    pub(crate) alt: &'a str,
    /// Relative prefix from the page to the site root.
    pub(crate) root: &'a str,
    /// On the first screen: loaded at once rather than lazily.
    pub(crate) eager: bool,
}

impl Picture<'_> {
    /// The `<img>` element.
    pub(crate) fn img(&self) -> String {
        let f = self.file;
        let url = |path: &str| escape_html(&format!("{}{}", self.root, encode_path(path)));
        let mut s = format!(
            "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
            url(&f.output),
            f.width,
            f.height,
            escape_html(self.alt)
        );
        if !f.variants.is_empty() {
            let mut set: Vec<String> =
                f.variants.iter().map(|&w| format!("{} {w}w", url(&f.variant_output(w)))).collect();
            set.push(format!("{} {}w", url(&f.output), f.width));
            s.push_str(&format!(" srcset=\"{}\" sizes=\"{SIZES}\"", set.join(", ")));
        }
        s.push_str(if self.eager { " fetchpriority=\"high\">" } else { " loading=\"lazy\" decoding=\"async\">" });
        s
    }

    /// A `<figure>` holding the image, with its caption (HTML) and credit (plain text).
    pub(crate) fn figure(&self, id: Option<&str>, caption_html: &str, credit: Option<&str>) -> String {
        let id = id.map(|i| format!(" id=\"{}\"", escape_html(i))).unwrap_or_default();
        let mut s = format!("<figure class=\"picture\"{id}>{}", self.img());
        let credit = credit.map(str::trim).filter(|c| !c.is_empty());
        if !caption_html.is_empty() || credit.is_some() {
            s.push_str("<figcaption>");
            s.push_str(caption_html);
            if let Some(c) = credit {
                s.push_str(&format!(" <span class=\"credit\">{}</span>", escape_html(c)));
            }
            s.push_str("</figcaption>");
        }
        s.push_str("</figure>");
        s
    }
}

/// A relative output path as a URL path: every byte outside the unreserved set and
/// `/` percent-encoded.
pub(crate) fn encode_path(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded() {
        assert_eq!(encode_path("articles/a/my map é.png"), "articles/a/my%20map%20%C3%A9.png");
    }
}
