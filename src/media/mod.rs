//! Stage 2½, media (FORMAT.md 8.1): every image the content names is found (beside
//! its article in a page bundle, else under `static/`), read for its format and size
//! (in parallel, headers only), and tied to the text that names it. A missing file,
//! one that is not an image, or an image without alt text is an error at the place
//! that names it.

mod attach;
mod probe;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diag::{Diagnostics, SourceMap};
use crate::load::StaticSource;
use crate::meta::ArticleMeta;
use crate::parse::{Parsed, ParsedSite};
use crate::site::media::{Media, MediaFile, COLUMN_WIDTH, VARIANT_WIDTHS};
use attach::Attach;

/// Finds the images of every content file of `parsed`, recording each one's file in
/// place (`Parsed::images`, and `ImageRef::media` in the texts). Returns the files.
pub(crate) fn gather(parsed: &mut ParsedSite, sources: &SourceMap, diags: &mut Diagnostics) -> Media {
    let finder = Finder::new(&parsed.static_files, sources);
    let mut wanted: Vec<usize> = Vec::new();
    for a in &parsed.articles {
        let dir = bundle_dir(sources.name(a.src.file));
        wanted.extend(attach::written(a).filter_map(|w| finder.find(dir, w).ok()));
    }
    for e in &parsed.entities {
        wanted.extend(attach::written(e).filter_map(|w| finder.find(None, w).ok()));
    }
    for d in &parsed.documents {
        wanted.extend(attach::written(d).filter_map(|w| finder.find(None, w).ok()));
    }
    wanted.sort_unstable();
    wanted.dedup();
    let probed: FxHashMap<usize, Result<MediaFile, String>> =
        wanted.into_par_iter().map(|i| (i, read(&finder.statics[i], sources))).collect();
    let mut media = Media::default();
    let mut found = Vec::new();
    {
        let mut cx = Attach::new(&finder, &probed, &mut media, sources, &mut found);
        for a in &mut parsed.articles {
            let dir = bundle_dir(sources.name(a.src.file));
            cx.article(a, dir);
        }
        for e in &mut parsed.entities {
            cx.entity(e);
        }
        for d in &mut parsed.documents {
            cx.body_only(d);
        }
    }
    diags.extend(found);
    media
}

/// Ties the images of one edited article to the files `media` already has (what
/// `serve` does). `None` when it names a file the site did not use before, or any
/// image problem: the whole pipeline then runs again.
pub(crate) fn attach_article(
    media: &Media,
    statics: &[StaticSource],
    a: &mut Parsed<ArticleMeta>,
    sources: &SourceMap,
) -> Option<()> {
    let finder = Finder::new(statics, sources);
    let dir = bundle_dir(sources.name(a.src.file));
    let mut known = FxHashMap::default();
    for w in attach::written(a) {
        let i = finder.find(dir, w).ok()?;
        let file = media.files.get(media.find(sources.name(finder.statics[i].file))?)?;
        known.insert(i, Ok(file.clone()));
    }
    let mut copy = media.clone();
    let mut found = Vec::new();
    Attach::new(&finder, &known, &mut copy, sources, &mut found).article(a, dir);
    (found.is_empty() && copy.files.len() == media.files.len()).then_some(())
}

/// The folder of a page bundle (`content/articles/<slug>/`), for an article written as one.
fn bundle_dir(name: &str) -> Option<&str> {
    name.strip_suffix("index.md").filter(|d| d.ends_with('/'))
}

/// Looks up written image paths among the static and bundle files.
pub(crate) struct Finder<'a> {
    statics: &'a [StaticSource],
    by_name: FxHashMap<&'a str, usize>,
}

impl<'a> Finder<'a> {
    fn new(statics: &'a [StaticSource], sources: &'a SourceMap) -> Finder<'a> {
        let by_name = statics.iter().enumerate().map(|(i, s)| (sources.name(s.file), i)).collect();
        Finder { statics, by_name }
    }

    /// The static file `written` names for a text in the bundle `dir` (if any): beside
    /// the article first, then under `static/`.
    fn find(&self, dir: Option<&str>, written: &str) -> Result<usize, NotFound> {
        let path = clean(written).map_err(NotFound::Refused)?;
        let places: Vec<String> =
            dir.into_iter().map(|d| format!("{d}{path}")).chain([format!("static/{path}")]).collect();
        places.iter().find_map(|p| self.by_name.get(p.as_str()).copied()).ok_or_else(|| {
            let folders: Vec<&str> = places.iter().map(|p| p.strip_suffix(path.as_str()).unwrap_or(p)).collect();
            NotFound::Missing(format!("looked in {}", folders.join(" and ")))
        })
    }
}

/// Why a written image path names no file of the site.
pub(crate) enum NotFound {
    /// No such file; says where it was looked for.
    Missing(String),
    /// The path cannot name a file of the site (it leaves it, or is on another site); says why.
    Refused(String),
}

/// A written image path as a path inside the site: `./` and a leading `/` dropped.
fn clean(written: &str) -> Result<String, String> {
    if written.contains("://") || written.starts_with("//") {
        return Err("is on another site".into());
    }
    let trimmed = written.trim_start_matches("./").trim_start_matches('/');
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.is_empty() || parts.contains(&"..") || trimmed.contains('\\') || trimmed.contains(['?', '#']) {
        return Err("is not a path inside the site".into());
    }
    Ok(parts.join("/"))
}

/// Reads one image file and decides its resized copies.
fn read(file: &StaticSource, sources: &SourceMap) -> Result<MediaFile, String> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("cannot read it: {e}"))?;
    let p = probe::probe(&file.name, &bytes)?;
    let variants = if p.format.resizable() && p.width > COLUMN_WIDTH {
        VARIANT_WIDTHS.iter().copied().filter(|&w| w < p.width).collect()
    } else {
        Vec::new()
    };
    Ok(MediaFile {
        source: sources.name(file.file).to_string(),
        path: file.path.clone(),
        file: file.file,
        output: file.name.clone(),
        width: p.width,
        height: p.height,
        format: p.format,
        hash: p.hash,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths() {
        assert_eq!(clean("./img/map.png").as_deref(), Ok("img/map.png"));
        assert_eq!(clean("/map.png").as_deref(), Ok("map.png"));
        for bad in ["../secret.png", "https://example.org/a.png", "#", "a/../../b.png", ""] {
            assert!(clean(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bundles() {
        assert_eq!(bundle_dir("content/articles/a/index.md"), Some("content/articles/a/"));
        assert_eq!(bundle_dir("content/articles/a.md"), None);
    }
}
