//! Stage 2½, media (FORMAT.md 8.1): every image the content names is found (beside
//! its article in a page bundle, else under `static/`), read for its format and size
//! (in parallel, headers only), and tied to the text that names it. A missing file,
//! one that is not an image, or an image without alt text is an error at the place
//! that names it.

mod attach;
mod find;
mod probe;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::diag::{Diagnostics, SourceMap};
use crate::load::StaticSource;
use crate::meta::ArticleMeta;
use crate::parse::{Parsed, ParsedSite};
use crate::site::media::{Media, MediaFile, COLUMN_WIDTH, VARIANT_WIDTHS};
use attach::Attach;
use find::Finder;

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
    media: &mut Media,
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
    // Every file it names is already in `media`, so attaching adds none.
    let mut found = Vec::new();
    Attach::new(&finder, &known, media, sources, &mut found).article(a, dir);
    found.is_empty().then_some(())
}

/// The folder of a page bundle (`content/articles/<slug>/`), for an article written as one.
fn bundle_dir(name: &str) -> Option<&str> {
    name.strip_suffix("index.md").filter(|d| d.ends_with('/'))
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
    fn bundles() {
        assert_eq!(bundle_dir("content/articles/a/index.md"), Some("content/articles/a/"));
        assert_eq!(bundle_dir("content/articles/a.md"), None);
    }
}
