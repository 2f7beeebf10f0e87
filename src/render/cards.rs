//! Hover-card data: what a small card says about anything with an id. It is written
//! into `data-card-*` attributes of each reference at build time, so showing a card
//! needs no request, and without JavaScript the reference is a plain link.

use crate::site::{Site, Target};
use crate::text::clip_end;
use crate::text::format_number;

/// Longest card text, in characters.
const TEXT_CHARS: usize = 180;

/// What a card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Card {
    /// Its heading.
    pub(crate) title: String,
    /// What kind of thing it is ("Person", "Provision").
    pub(crate) kind: String,
    /// A line or two about it.
    pub(crate) text: String,
}

/// The card of `id`, if it names something.
pub(crate) fn card(site: &Site, id: &str) -> Option<Card> {
    let (title, kind, text) = match *site.ids.get(id)? {
        Target::Entity(e) => {
            let m = &site.entities[e].meta;
            (m.name.clone(), m.kind.singular().to_string(), m.description.clone().unwrap_or_default())
        }
        Target::Document(d) => {
            let doc = &site.documents[d];
            (doc.short_title().to_string(), capitalised(doc.meta.kind.key()), doc.meta.title.clone())
        }
        Target::Provision(d, p) => {
            (site.label(id), "Provision".into(), site.documents[d].meta.provisions[p].text.clone())
        }
        Target::Quote(a, q) => {
            let quote = &site.articles[a].meta.quotes[q];
            (site.label(&quote.by), "Quote".into(), format!("“{}”", quote.text))
        }
        Target::Source(a, s) => {
            let source = &site.articles[a].meta.sources[s];
            let by = [source.author.clone(), source.publisher.as_deref().map(|p| site.label(p))];
            (source.title.clone(), "Source".into(), by.into_iter().flatten().collect::<Vec<_>>().join(", "))
        }
        Target::Article(a) => {
            let art = &site.articles[a];
            (art.meta.title.clone(), "Explainer".into(), art.meta.date.human())
        }
        Target::Image(a, i) => {
            let image = &site.articles[a].meta.images[i];
            (image.alt.clone(), "Image".into(), image.credit.clone().unwrap_or_default())
        }
        Target::Figure(a, f) => {
            let fig = &site.articles[a].meta.figures[f];
            let values: Vec<String> = fig.values.iter().map(|v| format_number(v.value)).collect();
            let unit = fig.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            (fig.label.clone(), "Figure".into(), format!("{}{unit}, depending on the source", values.join(" · ")))
        }
    };
    Some(Card { title, kind, text: clip_end(&text.split_whitespace().collect::<Vec<_>>().join(" "), TEXT_CHARS) })
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
