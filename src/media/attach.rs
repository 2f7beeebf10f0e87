//! Tying each image a content file names to its file: the lead image and `images:`
//! entries of front matter, and every `![…](…)` of its texts; with the errors for
//! what is missing, unreadable or undescribed, each where it is written.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::find::{Finder, NotFound};
use crate::diag::{Diagnostic, SourceMap};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta, ImageMeta};
use crate::parse::Parsed;
use crate::site::body::{ImageRef, Node};
use crate::site::media::{Media, MediaFile};

/// The images a kind of front matter can carry.
pub(crate) trait Illustrated {
    /// The lead image's file and alt text, when there is one.
    fn lead(&self) -> Option<(&str, Option<&str>)>;
    /// The images placed in the body by id.
    fn items(&self) -> &[ImageMeta];
}

impl Illustrated for ArticleMeta {
    fn lead(&self) -> Option<(&str, Option<&str>)> {
        self.image.as_deref().map(|i| (i, self.image_alt.as_deref()))
    }
    fn items(&self) -> &[ImageMeta] {
        &self.images
    }
}

impl Illustrated for EntityMeta {
    fn lead(&self) -> Option<(&str, Option<&str>)> {
        self.image.as_deref().map(|i| (i, self.image_alt.as_deref()))
    }
    fn items(&self) -> &[ImageMeta] {
        &[]
    }
}

impl Illustrated for DocumentMeta {
    fn lead(&self) -> Option<(&str, Option<&str>)> {
        None
    }
    fn items(&self) -> &[ImageMeta] {
        &[]
    }
}

/// Every image path a content file writes (lead, `images:` files, and the images of
/// its texts that are not `@id`s).
pub(crate) fn written<M: Illustrated>(p: &Parsed<M>) -> impl Iterator<Item = &str> {
    let in_fragments = p.fragments.iter().flatten().flat_map(|nodes| nodes.iter()).filter_map(|n| match n {
        Node::Image(i) => Some(i.src.as_str()),
        _ => None,
    });
    let in_texts = p.body.images.iter().map(String::as_str).chain(in_fragments).filter(|src| !src.starts_with('@'));
    let meta = &p.src.meta;
    let front_matter = meta.lead().map(|(f, _)| f).into_iter().chain(meta.items().iter().map(|i| i.file.as_str()));
    front_matter.chain(in_texts)
}

/// The state of tying images to files.
pub(crate) struct Attach<'f, 'x> {
    finder: &'x Finder<'f>,
    probed: &'x FxHashMap<usize, Result<MediaFile, String>>,
    media: &'x mut Media,
    sources: &'x SourceMap,
    diags: &'x mut Vec<Diagnostic>,
}

impl<'f, 'x> Attach<'f, 'x> {
    /// Ties images to the files `probed` holds (by static file index), adding them to `media`.
    pub(crate) fn new(
        finder: &'x Finder<'f>,
        probed: &'x FxHashMap<usize, Result<MediaFile, String>>,
        media: &'x mut Media,
        sources: &'x SourceMap,
        diags: &'x mut Vec<Diagnostic>,
    ) -> Self {
        Attach { finder, probed, media, sources, diags }
    }

    /// An article: its lead image, its `images:` and the images of its texts.
    pub(crate) fn article(&mut self, a: &mut Parsed<ArticleMeta>, dir: Option<&str>) {
        self.front_matter(a, dir);
        let Parsed { src, body, fragments, images } = a;
        let mut placed = vec![false; src.meta.images.len()];
        let mut place = |nodes: &mut [Node]| {
            for node in nodes {
                if let Node::Image(image) = node {
                    self.in_text(image, src.file, dir, &src.meta.images, &images.items);
                    if let Some(i) = image.item {
                        placed[i] = true;
                    }
                }
            }
        };
        body.change_images(&mut place);
        fragments.iter_mut().flatten().for_each(|nodes| place(nodes));
        for (item, _) in src.meta.images.iter().zip(placed).filter(|(_, p)| !p) {
            let at = src.locate_key(self.sources, "id", &item.id);
            self.diags.push(
                Diagnostic::error(src.file, at, format!("image '{}' is never placed", item.id))
                    .help(format!("show it in the text with ![](@{}), or remove it from `images:`", item.id)),
            );
        }
    }

    /// An entity: its image (under `static/`) and those of its profile.
    pub(crate) fn entity(&mut self, e: &mut Parsed<EntityMeta>) {
        self.front_matter(e, None);
        self.body_only(e);
    }

    /// A file whose only images are in its texts, found under `static/`.
    pub(crate) fn body_only<M>(&mut self, p: &mut Parsed<M>) {
        let file = p.src.file;
        let mut place = |nodes: &mut [Node]| {
            for node in nodes {
                if let Node::Image(image) = node {
                    self.in_text(image, file, None, &[], &[]);
                }
            }
        };
        p.body.change_images(&mut place);
        p.fragments.iter_mut().flatten().for_each(|nodes| place(nodes));
    }

    fn front_matter<M: Illustrated>(&mut self, p: &mut Parsed<M>, dir: Option<&str>) {
        let (src, sources) = (&p.src, self.sources);
        let file = src.file;
        if let Some((path, alt)) = src.meta.lead() {
            let at = src.locate_key(sources, "image", path);
            p.images.lead = self.file(dir, path, file, at.clone());
            if alt.is_none_or(|a| a.trim().is_empty()) {
                self.diags.push(
                    Diagnostic::error(file, at, "the image has no image_alt")
                        .help("add `image_alt:` saying what the image shows; it is read to readers who cannot see it"),
                );
            }
        }
        p.images.items = src
            .meta
            .items()
            .iter()
            .map(|item| {
                let found = self.file(dir, &item.file, file, src.locate_key(sources, "file", &item.file));
                if item.alt.trim().is_empty() {
                    self.diags.push(no_alt(file, src.locate_key(sources, "id", &item.id), "give it an `alt:`"));
                }
                found
            })
            .collect();
    }

    /// An image of a text: `@id` names one of the article's `images`, anything else a file.
    fn in_text(
        &mut self,
        image: &mut ImageRef,
        file: usize,
        dir: Option<&str>,
        items: &[ImageMeta],
        slots: &[Option<usize>],
    ) {
        let Some(id) = image.src.strip_prefix('@') else {
            image.media = self.file(dir, &image.src.clone(), file, image.span.clone());
            if image.alt.trim().is_empty() {
                self.diags.push(no_alt(
                    file,
                    image.span.clone(),
                    "write it between the brackets: ![A map of the region](map.svg)",
                ));
            }
            return;
        };
        match items.iter().position(|i| i.id == id) {
            Some(i) => {
                image.item = Some(i);
                image.media = slots.get(i).copied().flatten();
            }
            None => {
                let ids: Vec<String> = items.iter().map(|i| format!("'{}'", i.id)).collect();
                let help = if ids.is_empty() {
                    "define the image under `images:` in this article's front matter (id, file, alt)".to_string()
                } else {
                    format!("this article's images are {}", ids.join(", "))
                };
                self.diags
                    .push(Diagnostic::error(file, image.span.clone(), format!("unknown image '@{id}'")).help(help));
            }
        }
    }

    /// The media index of the file `written` names, or an error at `at`.
    fn file(&mut self, dir: Option<&str>, written: &str, file: usize, at: Range<usize>) -> Option<usize> {
        let shown: String = written.chars().take(80).collect();
        let found = self.finder.find(dir, written).map_err(|why| match why {
            NotFound::Missing(places) => Diagnostic::error(file, at.clone(), format!("image file '{shown}' not found"))
                .help(format!("{places}; put the file there, or correct the path")),
            NotFound::Refused(why) => Diagnostic::error(file, at.clone(), format!("the image '{shown}' {why}"))
                .help("put the image in the article's folder or under static/ and write its path from there"),
        });
        let probed = found.and_then(|i| match self.probed.get(&i) {
            Some(Ok(m)) => Ok(m.clone()),
            Some(Err(why)) => Err(Diagnostic::error(file, at.clone(), format!("cannot show '{shown}': {why}"))
                .help("use a PNG, JPEG, GIF, WebP or SVG file")),
            None => Err(Diagnostic::error(file, at.clone(), format!("cannot show '{shown}'"))),
        });
        match probed {
            Ok(m) => Some(self.media.add(m)),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }
}

fn no_alt(file: usize, at: Range<usize>, how: &str) -> Diagnostic {
    Diagnostic::error(file, at, "the image has no alt text")
        .help(format!("say in a few words what the image shows, for readers who cannot see it; {how}"))
}
