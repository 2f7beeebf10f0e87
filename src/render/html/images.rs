//! The image side of the serializer: an image alone in its paragraph becomes a figure
//! with its caption, source and credit, any other an inline `<img>` (see
//! [`crate::render::figure`]).

use pulldown_cmark::{CowStr, Event};

use super::{inline, Env, Serializer};
use crate::render::figure::Picture;
use crate::site::body::ImageRef;
use crate::text::escape_html;

impl Serializer<'_, '_, '_> {
    /// An image: a figure when alone in its paragraph, else an inline `<img>`; its
    /// alt text alone when its file was not found (which is reported).
    pub(super) fn image(&mut self, image: &ImageRef) -> Event<'static> {
        let Some(file) = image.media.and_then(|m| self.cx.scope.media(m)) else {
            return Event::Text(CowStr::from(image.alt.clone()));
        };
        let article = self.cx.article;
        let item =
            image.item.zip(article).map(|(i, a)| (&a.meta.images[i], a.captions.get(i).and_then(Option::as_ref)));
        let alt = match item {
            Some((meta, _)) if image.alt.trim().is_empty() => meta.alt.as_str(),
            _ => image.alt.as_str(),
        };
        let eager = self.images_seen == 0 && article.is_some_and(|a| a.images.lead.is_none());
        self.images_seen += 1;
        let picture = Picture { file, alt, root: self.cx.scope.root(), eager };
        if !image.figure {
            return Event::InlineHtml(CowStr::from(picture.img()));
        }
        let caption = match item {
            Some((_, Some(nodes))) => inline(nodes, self.cx),
            _ => escape_html(&image.title),
        };
        let id = item.map(|(meta, _)| format!("img-{}", meta.id));
        let mut caption = caption;
        if let Some(source) = item.and_then(|(m, _)| m.source.as_deref()) {
            let href = self.cx.scope.url_of(source).unwrap_or_default();
            caption.push_str(&format!(
                " <a class=\"figure-source\" href=\"{}{}\">Source: {}</a>",
                self.cx.scope.root(),
                escape_html(&href),
                escape_html(&self.cx.scope.label(source))
            ));
        }
        if let (Some((meta, _)), Some(art)) = (item, article) {
            // Without the article, so that the correction's mention ids stay in the article's list.
            let plain = Env { article: None, ..self.cx };
            let about = art.meta.corrections.iter().zip(&art.corrections);
            for (c, nodes) in about.filter(|(c, _)| c.target.as_deref() == Some(meta.id.as_str())) {
                caption.push_str(&format!(
                    " <span class=\"corrected\"><strong>Correction</strong>, {}: {}</span>",
                    escape_html(&c.date.human()),
                    inline(nodes, plain)
                ));
            }
        }
        Event::Html(CowStr::from(picture.figure(id.as_deref(), &caption, item.and_then(|(m, _)| m.credit.as_deref()))))
    }
}
