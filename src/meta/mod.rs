//! Front matter as authors write it: the typed form of FORMAT.md section 3.
//!
//! These types are filled by `load` (from YAML) and read by `resolve`; unknown keys
//! are rejected so that a typo is never silently ignored.

use serde::{Deserialize, Serialize};

use crate::config::AutolinkMode;
use crate::date::Date;
pub(crate) use one_or_many::OneOrMany;

mod one_or_many;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub(crate) enum EntityKind {
    /// A person.
    Person,
    /// A company, agency, ministry, party.
    Organization,
    /// A sovereign state.
    Country,
    /// A city, region, town.
    Place,
    /// A newspaper, agency, broadcaster.
    Publication,
    /// Anything else.
    Other,
}

impl EntityKind {
    /// Every kind, in the order the entity index lists them.
    pub(crate) const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Country,
        EntityKind::Place,
        EntityKind::Publication,
        EntityKind::Other,
    ];

    /// The lowercase keyword, as written in front matter.
    pub(crate) fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Publication => "publication",
            EntityKind::Other => "other",
        }
    }

    /// The kind as a label for one entity ("Person").
    pub(crate) fn singular(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Country => "Country",
            EntityKind::Place => "Place",
            EntityKind::Publication => "Publication",
            EntityKind::Other => "Other",
        }
    }

    /// The plural heading used on the entity index.
    pub(crate) fn plural(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Country => "Countries",
            EntityKind::Place => "Places",
            EntityKind::Publication => "Publications",
            EntityKind::Other => "Other",
        }
    }
}

/// `content/entities/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntityMeta {
    /// Display name.
    pub(crate) name: String,
    /// Person, organization, …
    pub(crate) kind: EntityKind,
    /// Other spellings that count as mentions.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    /// One line, for hover cards and lists.
    pub(crate) description: Option<String>,
    /// Links to other entities, shown on both pages.
    #[serde(default)]
    pub(crate) related: Vec<Related>,
    /// Authority links (schema.org sameAs).
    #[serde(default)]
    pub(crate) same_as: Vec<String>,
    /// A portrait, flag or map: a file under `static/`.
    pub(crate) image: Option<String>,
    /// What the image shows, for readers who cannot see it (required with `image`).
    pub(crate) image_alt: Option<String>,
    /// Who made the image ("Photo: Agence Exemple").
    pub(crate) image_credit: Option<String>,
}

/// One `related:` entry of an entity.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Related {
    /// The other entity's id.
    pub(crate) id: String,
    /// How this entity relates to it ("heads").
    #[serde(rename = "as")]
    pub(crate) relation: Option<String>,
}

/// What kind of primary document.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DocumentKind {
    /// A treaty between states.
    Treaty,
    /// A founding charter.
    Charter,
    /// A statute.
    Law,
    /// A public statement.
    Statement,
    /// A report.
    Report,
    /// Anything else.
    #[default]
    Other,
}

impl DocumentKind {
    /// The lowercase keyword, as written in front matter.
    pub(crate) fn key(self) -> &'static str {
        match self {
            DocumentKind::Treaty => "treaty",
            DocumentKind::Charter => "charter",
            DocumentKind::Law => "law",
            DocumentKind::Statement => "statement",
            DocumentKind::Report => "report",
            DocumentKind::Other => "other",
        }
    }
}

/// `content/documents/<id>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentMeta {
    /// Full title.
    pub(crate) title: String,
    /// Short title for lists and links.
    pub(crate) short_title: Option<String>,
    /// Treaty, charter, …
    #[serde(default)]
    pub(crate) kind: DocumentKind,
    /// Entity ids of the parties.
    #[serde(default)]
    pub(crate) parties: Vec<String>,
    /// Signed or issued.
    pub(crate) date: Option<Date>,
    /// Entity id of the place of signing.
    pub(crate) place: Option<String>,
    /// Other titles that count as mentions.
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    /// The provisions the explainers turn on.
    #[serde(default)]
    pub(crate) provisions: Vec<Provision>,
}

/// One provision of a document.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Provision {
    /// Local id, referenced as `document-id/provision-id`.
    pub(crate) id: String,
    /// "Article 4".
    pub(crate) title: String,
    /// The provision's own words, verbatim.
    pub(crate) text: String,
    /// Plain-words summary (Markdown).
    pub(crate) summary: Option<String>,
    /// Other provisions it refers to (`doc/provision`).
    #[serde(default)]
    pub(crate) cites: Vec<String>,
}

/// `content/articles/**/<slug>.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleMeta {
    /// Headline.
    pub(crate) title: String,
    /// Publication date.
    pub(crate) date: Date,
    /// Last substantive update.
    pub(crate) updated: Option<Date>,
    /// Standfirst (inline Markdown).
    pub(crate) summary: Option<String>,
    /// Names or entity ids.
    #[serde(default)]
    pub(crate) authors: Vec<String>,
    /// Free tags.
    #[serde(default)]
    pub(crate) tags: Vec<String>,
    /// Drafts build only with `--drafts`.
    #[serde(default)]
    pub(crate) draft: bool,
    /// Overrides the site's autolink mode.
    pub(crate) autolink: Option<AutolinkMode>,
    /// What the article relies on.
    #[serde(default)]
    pub(crate) sources: Vec<Source>,
    /// Verbatim statements, each with its own page.
    #[serde(default)]
    pub(crate) quotes: Vec<Quote>,
    /// Notes pinned to passages of the body.
    #[serde(default)]
    pub(crate) annotations: Vec<Annotation>,
    /// Quantities that sources put differently.
    #[serde(default)]
    pub(crate) figures: Vec<Figure>,
    /// Timeline entries.
    #[serde(default)]
    pub(crate) events: Vec<Event>,
    /// The lead image: a file beside the article or under `static/`.
    pub(crate) image: Option<String>,
    /// What the lead image shows (required with `image`).
    pub(crate) image_alt: Option<String>,
    /// Who made the lead image.
    pub(crate) image_credit: Option<String>,
    /// Images placed in the body by id: `![](@id)`.
    #[serde(default)]
    pub(crate) images: Vec<ImageMeta>,
    /// Public, dated corrections (FORMAT.md 8.3).
    #[serde(default)]
    pub(crate) corrections: Vec<Correction>,
}

/// One `corrections:` entry of an article.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Correction {
    /// When it was corrected.
    pub(crate) date: Date,
    /// What was wrong and what is right (inline Markdown).
    pub(crate) text: String,
    /// The quote, figure, source or image of the article it concerns.
    #[serde(rename = "ref")]
    pub(crate) target: Option<String>,
}

/// One `images:` entry of an article (FORMAT.md 8.1).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImageMeta {
    /// Site-wide id.
    pub(crate) id: String,
    /// The file, beside the article or under `static/`.
    pub(crate) file: String,
    /// What it shows, for readers who cannot see it.
    pub(crate) alt: String,
    /// Inline Markdown shown under it.
    pub(crate) caption: Option<String>,
    /// Who made it.
    pub(crate) credit: Option<String>,
    /// Source id.
    pub(crate) source: Option<String>,
}

/// A source an article relies on.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    /// Site-wide id.
    pub(crate) id: String,
    /// Title of the work.
    pub(crate) title: String,
    /// Entity id or plain text.
    pub(crate) publisher: Option<String>,
    /// Byline.
    pub(crate) author: Option<String>,
    /// Publication date.
    pub(crate) date: Option<Date>,
    /// Where to read it.
    pub(crate) url: Option<String>,
}

/// A verbatim statement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Quote {
    /// Site-wide id.
    pub(crate) id: String,
    /// Entity id of the speaker.
    pub(crate) by: String,
    /// The words, verbatim.
    pub(crate) text: String,
    /// When it was said.
    pub(crate) date: Option<Date>,
    /// The circumstances.
    pub(crate) context: Option<String>,
    /// Source id.
    pub(crate) source: Option<String>,
    /// The part of `text` that appears in the body, when `text` is longer.
    pub(crate) exact: Option<String>,
    /// Text right before the quoted words in the body.
    pub(crate) prefix: Option<String>,
    /// Text right after the quoted words in the body.
    pub(crate) suffix: Option<String>,
    /// The words as said, when `text` is a translation (FORMAT.md 8.4).
    pub(crate) original: Option<String>,
    /// The language of `original`, as a BCP 47 tag (`ru`, `uk`, `ko`, `pt-BR`).
    pub(crate) lang: Option<String>,
}

/// A note pinned to a passage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Annotation {
    /// The words of the passage.
    pub(crate) exact: String,
    /// Text right before it.
    pub(crate) prefix: Option<String>,
    /// Text right after it.
    pub(crate) suffix: Option<String>,
    /// What the passage is about (any id).
    #[serde(rename = "ref")]
    pub(crate) target: Option<String>,
    /// Markdown note.
    pub(crate) note: Option<String>,
}

/// One quantity that sources put differently.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Figure {
    /// Site-wide id.
    pub(crate) id: String,
    /// What is counted.
    pub(crate) label: String,
    /// Unit of the values.
    pub(crate) unit: Option<String>,
    /// One value per source.
    pub(crate) values: Vec<FigureValue>,
}

/// One source's value of a figure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FigureValue {
    /// The number.
    pub(crate) value: f64,
    /// Entity id(s) of who put it so.
    pub(crate) by: OneOrMany,
    /// What exactly it counts.
    pub(crate) scope: Option<String>,
    /// The words of the body that state it.
    pub(crate) exact: Option<String>,
    /// Text right before it.
    pub(crate) prefix: Option<String>,
    /// Text right after it.
    pub(crate) suffix: Option<String>,
}

/// A timeline entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Event {
    /// When it happened (or began).
    pub(crate) date: Date,
    /// When it ended, for a range.
    pub(crate) end: Option<Date>,
    /// What happened.
    pub(crate) label: String,
    /// Ids it concerns.
    #[serde(default)]
    pub(crate) refs: Vec<String>,
}
