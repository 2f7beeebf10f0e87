//! Front matter as authors write it: the typed form of FORMAT.md section 3.
//!
//! These types are filled by `load` (from YAML) and read by `resolve`; unknown keys
//! are rejected so that a typo is never silently ignored.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use crate::config::AutolinkMode;
use crate::date::Date;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
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
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Country,
        EntityKind::Place,
        EntityKind::Publication,
        EntityKind::Other,
    ];

    /// The lowercase keyword, as written in front matter.
    pub fn key(self) -> &'static str {
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
    pub fn singular(self) -> &'static str {
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
    pub fn plural(self) -> &'static str {
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMeta {
    /// Display name.
    pub name: String,
    /// Person, organization, …
    pub kind: EntityKind,
    /// Other spellings that count as mentions.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One line, for hover cards and lists.
    pub description: Option<String>,
    /// Links to other entities, shown on both pages.
    #[serde(default)]
    pub related: Vec<Related>,
    /// Authority links (schema.org sameAs).
    #[serde(default)]
    pub same_as: Vec<String>,
}

/// One `related:` entry of an entity.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Related {
    /// The other entity's id.
    pub id: String,
    /// How this entity relates to it ("heads").
    #[serde(rename = "as")]
    pub relation: Option<String>,
}

/// What kind of primary document.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
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
    pub fn key(self) -> &'static str {
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
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    /// Full title.
    pub title: String,
    /// Short title for lists and links.
    pub short_title: Option<String>,
    /// Treaty, charter, …
    #[serde(default)]
    pub kind: DocumentKind,
    /// Entity ids of the parties.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Signed or issued.
    pub date: Option<Date>,
    /// Entity id of the place of signing.
    pub place: Option<String>,
    /// Other titles that count as mentions.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The provisions the explainers turn on.
    #[serde(default)]
    pub provisions: Vec<Provision>,
}

/// One provision of a document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    /// Local id, referenced as `document-id/provision-id`.
    pub id: String,
    /// "Article 4".
    pub title: String,
    /// The provision's own words, verbatim.
    pub text: String,
    /// Plain-words summary (Markdown).
    pub summary: Option<String>,
    /// Other provisions it refers to (`doc/provision`).
    #[serde(default)]
    pub cites: Vec<String>,
}

/// `content/articles/**/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Date,
    /// Last substantive update.
    pub updated: Option<Date>,
    /// Standfirst (inline Markdown).
    pub summary: Option<String>,
    /// Names or entity ids.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Drafts build only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Overrides the site's autolink mode.
    pub autolink: Option<AutolinkMode>,
    /// What the article relies on.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Verbatim statements, each with its own page.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Notes pinned to passages of the body.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Quantities that sources put differently.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Timeline entries.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// A source an article relies on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Site-wide id.
    pub id: String,
    /// Title of the work.
    pub title: String,
    /// Entity id or plain text.
    pub publisher: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Where to read it.
    pub url: Option<String>,
}

/// Where a text anchor sits in the body (FORMAT.md 4.2).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// The words of the passage.
    pub exact: Option<String>,
    /// Text right before it.
    pub prefix: Option<String>,
    /// Text right after it.
    pub suffix: Option<String>,
}

/// A verbatim statement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Site-wide id.
    pub id: String,
    /// Entity id of the speaker.
    pub by: String,
    /// The words, verbatim.
    pub text: String,
    /// When it was said.
    pub date: Option<Date>,
    /// The circumstances.
    pub context: Option<String>,
    /// Source id.
    pub source: Option<String>,
    /// The part of `text` that appears in the body, when `text` is longer.
    pub exact: Option<String>,
    /// Text right before the quoted words in the body.
    pub prefix: Option<String>,
    /// Text right after the quoted words in the body.
    pub suffix: Option<String>,
}

/// A note pinned to a passage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// The words of the passage.
    pub exact: String,
    /// Text right before it.
    pub prefix: Option<String>,
    /// Text right after it.
    pub suffix: Option<String>,
    /// What the passage is about (any id).
    #[serde(rename = "ref")]
    pub target: Option<String>,
    /// Markdown note.
    pub note: Option<String>,
}

/// One quantity that sources put differently.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Site-wide id.
    pub id: String,
    /// What is counted.
    pub label: String,
    /// Unit of the values.
    pub unit: Option<String>,
    /// One value per source.
    pub values: Vec<FigureValue>,
}

/// One source's value of a figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureValue {
    /// The number.
    pub value: f64,
    /// Entity id(s) of who put it so.
    pub by: OneOrMany,
    /// What exactly it counts.
    pub scope: Option<String>,
    /// The words of the body that state it.
    pub exact: Option<String>,
    /// Text right before it.
    pub prefix: Option<String>,
    /// Text right after it.
    pub suffix: Option<String>,
}

/// A timeline entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// When it happened (or began).
    pub date: Date,
    /// When it ended, for a range.
    pub end: Option<Date>,
    /// What happened.
    pub label: String,
    /// Ids it concerns.
    #[serde(default)]
    pub refs: Vec<String>,
}

/// A value written either as one string or as a list of strings.
#[derive(Debug, Clone, Default)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id or a list of ids")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}
