//! The site model: everything `resolve` established, which `render` reads.
//!
//! Articles are sorted newest first, entities and documents by id. Every id of the
//! site (one namespace) maps to a [`Target`]; every reference is a [`Mention`].

pub(crate) mod body;
pub(crate) mod media;
pub(crate) mod packed;

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::date::Date;
use crate::diag::FileId;
use crate::load::{StaticSource, TemplateSource};
use crate::meta::{ArticleMeta, DocumentMeta, EntityMeta};
use body::Node;
use media::{ImageSlots, Media};
use packed::PackedBody;

/// A fully resolved site.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Site {
    /// `site.yaml`.
    pub(crate) config: SiteConfig,
    /// Articles, newest first.
    pub(crate) articles: Vec<Article>,
    /// Entities, by id.
    pub(crate) entities: Vec<Entity>,
    /// Documents, by id.
    pub(crate) documents: Vec<Document>,
    /// Every id and what it names (shared with the resolve lookup).
    pub(crate) ids: Arc<FxHashMap<String, Target>>,
    /// Every mention, by article (newest first) then position.
    pub(crate) mentions: Vec<Mention>,
    /// Mention indices by the id they refer to.
    pub(crate) mentions_of: FxHashMap<String, Vec<usize>>,
    /// Template overrides from the site.
    pub(crate) templates: Vec<TemplateSource>,
    /// Static files from the site and its page bundles.
    pub(crate) static_files: Vec<StaticSource>,
    /// Every image file the content uses.
    pub(crate) media: Media,
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Target {
    /// `entities[i]`.
    Entity(usize),
    /// `documents[i]`.
    Document(usize),
    /// `documents[d].meta.provisions[p]`.
    Provision(usize, usize),
    /// `articles[a].meta.quotes[q]`.
    Quote(usize, usize),
    /// `articles[a].meta.sources[s]`.
    Source(usize, usize),
    /// `articles[a].meta.figures[f]`.
    Figure(usize, usize),
    /// `articles[a]`, by its slug.
    Article(usize),
    /// `articles[a].meta.images[i]`.
    Image(usize, usize),
}

/// An article, resolved.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Article {
    /// URL slug (the file stem).
    pub(crate) slug: String,
    /// Source file.
    pub(crate) file: FileId,
    /// Front matter.
    pub(crate) meta: ArticleMeta,
    /// The body, with references, passages and autolinks in place, packed.
    pub(crate) body: PackedBody,
    /// The standfirst.
    pub(crate) summary: Option<Vec<Node>>,
    /// Per annotation, its note.
    pub(crate) notes: Vec<Option<Vec<Node>>>,
    /// The files of its lead image and `images:` entries.
    pub(crate) images: ImageSlots,
    /// Per `images:` entry, its caption.
    pub(crate) captions: Vec<Option<Vec<Node>>>,
    /// Per correction, its text.
    pub(crate) corrections: Vec<Vec<Node>>,
    /// The anchored passages; `Node::PassageEnd(i)` and `TextRun::passages` index this.
    pub(crate) passages: Vec<Passage>,
    /// Per quote, the index of its passage.
    pub(crate) quote_passages: Vec<usize>,
    /// Per figure, per value, the index of its passage if it has one.
    pub(crate) figure_passages: Vec<Vec<Option<usize>>>,
}

/// What an anchored passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum PassageKind {
    /// `meta.quotes[i]`.
    Quote(usize),
    /// `meta.annotations[i]`.
    Annotation(usize),
    /// `meta.figures[f].values[v]`.
    FigureValue(usize, usize),
}

/// A passage of an article body pinned by its words.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Passage {
    /// What it is.
    pub(crate) kind: PassageKind,
    /// Its HTML id on the article page.
    pub(crate) html_id: String,
    /// For annotations, the note's number in reading order (1-based); 0 otherwise.
    pub(crate) number: usize,
    /// The sentence it sits in.
    pub(crate) excerpt: Excerpt,
}

/// A piece of text around a highlighted part, held as one string (an archive has
/// hundreds of thousands of them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Excerpt {
    /// The text before, the highlighted words and the text after, end to end.
    text: Box<str>,
    /// Where the highlighted words start and end in `text`.
    hit: (u32, u32),
}

impl Excerpt {
    /// Longest excerpt context kept on each side of the highlighted words, in chars.
    pub(crate) const CONTEXT_CHARS: usize = 160;

    /// The excerpt of `hit`, with `before` and `after` around it.
    pub(crate) fn new(before: &str, hit: &str, after: &str) -> Excerpt {
        let text = [before, hit, after].concat();
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Excerpt { hit: (at(before.len()), at(before.len() + hit.len())), text: text.into_boxed_str() }
    }

    /// Text before the highlight.
    pub(crate) fn before(&self) -> &str {
        &self.text[..self.hit.0 as usize]
    }

    /// The highlighted words.
    pub(crate) fn hit(&self) -> &str {
        &self.text[self.hit.0 as usize..self.hit.1 as usize]
    }

    /// Text after the highlight.
    pub(crate) fn after(&self) -> &str {
        &self.text[self.hit.1 as usize..]
    }
}

/// How a mention came about (FORMAT.md 4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum MentionVia {
    /// An `[..](@id)` link.
    Reference,
    /// An autolinked name.
    Autolink,
    /// An annotation's `ref`.
    Annotation,
    /// A quote's speaker.
    Speaker,
    /// A figure value's `by`.
    Figure,
    /// A timeline event's `refs`.
    Event,
}

/// Where on its article's page a mention lands: the HTML id to deep-link to, named
/// rather than spelled out (an archive has millions of mentions), and spelled out by
/// [`Article::landing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Landing {
    /// The `n`-th reference (from 1) of the article to the mention's target: `m-<id>-<n>`.
    Reference(u32),
    /// `passages[i]`, at its HTML id.
    Passage(u32),
    /// `meta.figures[f]`, whose value has no anchored passage: `fig-<id>`.
    Figure(u32),
    /// `meta.events[i]`: `ev-<i + 1>`.
    Event(u32),
}

/// One place where an article refers to an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mention {
    /// `articles[i]`.
    pub(crate) article: usize,
    /// The id referred to.
    pub(crate) target: String,
    /// Where on the article page to deep-link to.
    pub(crate) landing: Landing,
    /// The sentence around it.
    pub(crate) excerpt: Excerpt,
    /// How it came about.
    pub(crate) via: MentionVia,
}

/// An entity, resolved.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Entity {
    /// Id (file stem).
    pub(crate) id: String,
    /// Source file.
    pub(crate) file: FileId,
    /// Front matter.
    pub(crate) meta: EntityMeta,
    /// Profile.
    pub(crate) body: Vec<Node>,
    /// The file of its image.
    pub(crate) image: Option<usize>,
}

/// A document, resolved.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Document {
    /// Id (file stem).
    pub(crate) id: String,
    /// Source file.
    pub(crate) file: FileId,
    /// Front matter.
    pub(crate) meta: DocumentMeta,
    /// Overview.
    pub(crate) body: Vec<Node>,
    /// Per provision, its summary.
    pub(crate) summaries: Vec<Option<Vec<Node>>>,
}

impl Site {
    /// The display name of an id: an entity's name, a document's short title, a
    /// provision's "Article 4 (Treaty)", a quote's words.
    pub(crate) fn label(&self, id: &str) -> String {
        match self.ids.get(id) {
            Some(Target::Entity(e)) => self.entities[*e].meta.name.clone(),
            Some(Target::Document(d)) => self.documents[*d].short_title().to_string(),
            Some(Target::Provision(d, p)) => {
                let doc = &self.documents[*d];
                format!("{}, {}", doc.meta.provisions[*p].title, doc.short_title())
            }
            Some(Target::Quote(a, q)) => self.articles[*a].meta.quotes[*q].text.clone(),
            Some(Target::Source(a, s)) => self.articles[*a].meta.sources[*s].title.clone(),
            Some(Target::Figure(a, f)) => self.articles[*a].meta.figures[*f].label.clone(),
            Some(Target::Article(a)) => self.articles[*a].meta.title.clone(),
            Some(Target::Image(a, i)) => self.articles[*a].meta.images[*i].alt.clone(),
            None => id.to_string(),
        }
    }

    /// The mentions made by article `i`, in reading order.
    pub(crate) fn mentions_of_article(&self, i: usize) -> &[Mention] {
        let start = self.mentions.partition_point(|m| m.article < i);
        let end = self.mentions.partition_point(|m| m.article <= i);
        &self.mentions[start..end]
    }

    /// Lets the bodies of these articles go, once the pages that show them are made (a
    /// run that keeps nothing for later edits): at N = 10,000 they are about 42 MB
    /// packed, the largest part of the model.
    pub(crate) fn release_bodies_of(&mut self, articles: impl IntoIterator<Item = usize>) {
        for a in articles {
            if let Some(article) = self.articles.get_mut(a) {
                article.body = PackedBody::default();
            }
        }
    }

    /// Puts `article`, with its `mentions` in reading order, in the place of article `i`
    /// (whose position in the order it keeps), and returns what was there. The mention
    /// index is patched, not rebuilt: what `serve` does after an edit.
    pub(crate) fn replace_article(
        &mut self,
        i: usize,
        article: Article,
        mentions: Vec<Mention>,
    ) -> (Article, Vec<Mention>) {
        let start = self.mentions.partition_point(|m| m.article < i);
        let end = start + self.mentions_of_article(i).len();
        let added = mentions.len();
        let old: Vec<Mention> = self.mentions.splice(start..end, mentions).collect();
        let touched: BTreeSet<String> =
            old.iter().chain(&self.mentions[start..start + added]).map(|m| m.target.clone()).collect();
        for id in &touched {
            if let Some(list) = self.mentions_of.get_mut(id) {
                list.retain(|&m| m < start || m >= end);
            }
        }
        if added != end - start {
            for m in self.mentions_of.values_mut().flatten().filter(|m| **m >= end) {
                *m = *m + added - (end - start);
            }
        }
        for k in start..start + added {
            let list = self.mentions_of.entry(self.mentions[k].target.clone()).or_default();
            let at = list.partition_point(|&m| m < k);
            list.insert(at, k);
        }
        for id in &touched {
            if self.mentions_of.get(id).is_some_and(Vec::is_empty) {
                self.mentions_of.remove(id);
            }
        }
        (std::mem::replace(&mut self.articles[i], article), old)
    }
}

impl Article {
    /// The HTML id on its page where its mention of `target` at `landing` lands.
    pub(crate) fn landing(&self, target: &str, landing: Landing) -> String {
        let at = |i: u32| i as usize;
        match landing {
            Landing::Reference(n) => reference_html_id(target, n),
            Landing::Passage(p) => self.passages.get(at(p)).map(|p| p.html_id.clone()).unwrap_or_default(),
            Landing::Figure(f) => self.meta.figures.get(at(f)).map(|f| format!("fig-{}", f.id)).unwrap_or_default(),
            Landing::Event(i) => format!("ev-{}", at(i) + 1),
        }
    }

    /// When it last changed: its latest correction, its `updated`, or its date.
    pub(crate) fn modified(&self) -> Date {
        let m = &self.meta;
        m.corrections.iter().map(|c| c.date).chain(m.updated).fold(m.date, Date::max)
    }
}

impl Document {
    /// The short title, or the title.
    pub(crate) fn short_title(&self) -> &str {
        self.meta.short_title.as_deref().unwrap_or(&self.meta.title)
    }
}

/// The HTML id of an article's `n`-th reference (from 1) to `target`.
pub(crate) fn reference_html_id(target: &str, n: u32) -> String {
    format!("m-{}-{n}", target.replace('/', "--"))
}
