//! The one typed context each page's template receives: the site, the way back to the
//! root, facts about the page, and the page kind's own view. It is serialized once for
//! Tera, and hashed (when the render cache asks) by streaming it into a hasher.

use std::hash::Hasher;

use serde::Serialize;
use serde_json::Value;

use super::parts::{PageView, SiteView, SocialImage};
use crate::config::SiteConfig;
use crate::render::plan::Page;

/// What a view builder says about its page besides its view.
pub(crate) struct PageInfo<'s> {
    /// Title for `<title>` and OpenGraph.
    pub(crate) title: String,
    /// Description for meta tags; the site's when empty.
    pub(crate) description: &'s str,
    /// OpenGraph type.
    pub(crate) og_type: &'static str,
    /// schema.org data.
    pub(crate) jsonld: Value,
    /// The image shown where the page is shared.
    pub(crate) image: Option<SocialImage>,
}

/// A page's template context.
#[derive(Serialize)]
pub(crate) struct PageContext<'a, T> {
    site: SiteView<'a>,
    root: &'a str,
    page: PageView,
    #[serde(flatten)]
    view: T,
}

impl<'a, T: Serialize> PageContext<'a, T> {
    /// The context of `page` with `view`.
    pub(crate) fn new(c: &'a SiteConfig, page: &Page, root: &'a str, info: PageInfo<'_>, view: T) -> Self {
        let site =
            SiteView { title: &c.title, description: &c.description, language: &c.language, base_url: &c.base_url };
        let description =
            if info.description.is_empty() { c.description.clone() } else { info.description.to_string() };
        let page = PageView {
            title: info.title,
            description,
            canonical: format!("{}{}", c.base_url, page.url()),
            og_type: info.og_type,
            jsonld: crate::text::json_for_script(&super::jsonld::without_nulls(info.jsonld)),
            kind: page.template().trim_end_matches(".html"),
            image: info.image,
        };
        PageContext { site, root, page, view }
    }

    /// The Tera context, and the hash of everything in it when `hash` is set (0 otherwise).
    pub(crate) fn finish(self, hash: bool) -> Built {
        Built::of(&self, hash)
    }
}

/// A page's context, ready to render.
pub(crate) struct Built {
    /// What the template sees.
    pub(crate) context: tera::Context,
    /// A hash of it: equal hashes render equal pages.
    pub(crate) hash: u64,
}

impl Built {
    /// The context of `value`, hashed when `hash` is set (0 otherwise).
    pub(crate) fn of(value: &impl Serialize, hash: bool) -> Built {
        let hash = if hash { hash_of(value) } else { 0 };
        let context = tera::Context::from_serialize(value).unwrap_or_default();
        Built { context, hash }
    }
}

/// A hash of `value` as JSON, written straight into the hasher.
fn hash_of(value: &impl Serialize) -> u64 {
    struct Feed<'h>(&'h mut std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let _ = serde_json::to_writer(Feed(&mut h), value);
    h.finish()
}
