//! What each output file read while it was built, and so which files an edit must
//! build again. View builders read the site only through [`crate::render::views::Scope`],
//! which records a [`Read`] for every part of the site model it hands out; an edit
//! then names the reads it changed ([`changed_by_edit`]) and the render cache's read
//! index finds the files that made them. A new kind of page is incremental by construction: it reads
//! through the scope like every other.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::site::{Article, Excerpt, Mention, MentionVia, Target};

/// A part of an article, read on its own by pages other than the article's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Facet {
    /// Everything: body, passages, notes, the entities it mentions (its own page).
    Whole,
    /// What lists, cards and feeds show: slug, title, dates, summary, authors, tags.
    Card,
    /// Its quotes with their passages.
    Quotes,
    /// Its sources.
    Sources,
    /// Its figures.
    Figures,
    /// Its timeline events.
    Events,
    /// Its corrections, with its slug and title (what the corrections page shows).
    Corrections,
    /// When it last changed (what the sitemap shows of it); part of its card too.
    Modified,
}

/// A site-wide list, as [`crate::render::aggregate::Aggregates`] or the site keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum List {
    /// The articles, newest first, and how many there are.
    Articles,
    /// The articles that mention a target.
    ArticlesOf(Target),
    /// How many mentions a target has.
    MentionCount(Target),
    /// A speaker's quotes.
    QuotesOf(Target),
    /// Every quote, in index order.
    Quotes,
    /// Every event, in date order.
    Events,
    /// The entities most often mentioned with an entity.
    CoMentioned(usize),
    /// The entities that name a target as related.
    RelatedIn(Target),
    /// The provisions that cite a target.
    CitedBy(Target),
    /// The articles an entity wrote (named among their authors).
    WrittenBy(Target),
    /// Every page of the site (the plan).
    Pages,
    /// The entities the most articles mention.
    MostMentioned,
    /// Every correction, newest first.
    Corrections,
    /// Every tag, with its articles.
    Tags,
    /// The entities the site-wide graph shows.
    GraphNodes,
}

/// One thing an output file read of the site model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Read {
    /// A facet of one article.
    Article(usize, Facet),
    /// A facet of every article.
    EveryArticle(Facet),
    /// One article's mentions of a target (their sentences and deep links).
    Mentions(usize, Target),
    /// An entity.
    Entity(usize),
    /// A document and its provisions.
    Document(usize),
    /// A site-wide list.
    List(List),
}

/// The reads of one file being built; recording is off for one-off builds, which
/// never need them.
#[derive(Debug, Default)]
pub(crate) struct Reads {
    on: bool,
    seen: RefCell<Vec<Read>>,
}

impl Reads {
    /// A recorder that keeps what it is told when `on`.
    pub(crate) fn new(on: bool) -> Reads {
        Reads { on, seen: RefCell::new(Vec::new()) }
    }

    /// Notes one read.
    pub(crate) fn record(&self, read: Read) {
        if self.on {
            self.seen.borrow_mut().push(read);
        }
    }

    /// How many reads are noted so far: a mark for [`Reads::since`].
    pub(crate) fn mark(&self) -> usize {
        self.seen.borrow().len()
    }

    /// The reads noted since `mark`.
    pub(crate) fn since(&self, mark: usize) -> Vec<Read> {
        self.seen.borrow().get(mark..).map(<[Read]>::to_vec).unwrap_or_default()
    }

    /// Notes reads made for another file, which this one shows as they were made.
    pub(crate) fn extend(&self, reads: &[Read]) {
        if self.on {
            self.seen.borrow_mut().extend_from_slice(reads);
        }
    }

    /// Everything read, sorted, each once, packed (nothing when recording is off).
    pub(crate) fn into_packed(self) -> PackedReads {
        if !self.on {
            return PackedReads::default();
        }
        let mut v = self.seen.into_inner();
        v.sort_unstable();
        v.dedup();
        PackedReads::pack(&v)
    }
}

/// What one file read, sorted, each once, packed (postcard: a few bytes a read rather
/// than forty; an archive's files make millions of reads, and many more before the
/// repeats go).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub(crate) struct PackedReads(#[serde(with = "serde_bytes")] Box<[u8]>);

impl PackedReads {
    /// `reads` packed.
    pub(crate) fn pack(reads: &[Read]) -> PackedReads {
        // Copied to its own size: the encoder's buffer grows by doubling, and an allocator
        // may keep all of it when asked to shrink it in place.
        PackedReads(Box::from(&postcard::to_stdvec(reads).expect("every read encodes")[..]))
    }

    /// The reads again (none for [`PackedReads::default`]).
    pub(crate) fn reads(&self) -> Vec<Read> {
        if self.0.is_empty() {
            return Vec::new();
        }
        postcard::from_bytes(&self.0).expect("packed reads decode")
    }
}

/// A fingerprint of one facet of an article, to tell whether an edit changed it.
fn facet_hash(a: &Article, facet: Facet) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let m = &a.meta;
    match facet {
        Facet::Whole => 0.hash(&mut h),
        Facet::Card => {
            let lead = (&m.image, &m.image_alt, &m.image_credit, a.images.lead, &m.images);
            format!("{:?}", (&a.slug, &m.title, &m.date, a.modified(), &m.authors, &m.tags, &a.summary, lead))
                .hash(&mut h)
        }
        Facet::Quotes => {
            let passages: Vec<_> = a.quote_passages.iter().map(|&p| a.passages.get(p)).collect();
            format!("{:?}", (&m.quotes, passages)).hash(&mut h)
        }
        Facet::Sources => format!("{:?}", (&a.slug, &m.sources)).hash(&mut h),
        Facet::Figures => format!("{:?}", (&a.slug, &m.figures)).hash(&mut h),
        Facet::Events => format!("{:?}", &m.events).hash(&mut h),
        Facet::Corrections => format!("{:?}", (&a.slug, &m.title, &m.corrections, &a.corrections)).hash(&mut h),
        Facet::Modified => format!("{:?}", a.modified()).hash(&mut h),
    }
    h.finish()
}

/// The reads that replacing article `i` (`old` by `new`, with their mentions)
/// changed, besides the lists, which [`crate::render::aggregate`] compares.
pub(crate) fn changed_by_edit(
    i: usize,
    old: &Article,
    new: &Article,
    old_mentions: &[Mention],
    new_mentions: &[Mention],
    target_of: impl Fn(&str) -> Option<Target>,
) -> Vec<Read> {
    let mut changed = vec![Read::Article(i, Facet::Whole)];
    let facets = [
        Facet::Card,
        Facet::Quotes,
        Facet::Sources,
        Facet::Figures,
        Facet::Events,
        Facet::Corrections,
        Facet::Modified,
    ];
    for facet in facets {
        if facet_hash(old, facet) != facet_hash(new, facet) {
            changed.push(Read::Article(i, facet));
        }
    }
    let targets: BTreeSet<&str> = old_mentions.iter().chain(new_mentions).map(|m| m.target.as_str()).collect();
    for id in targets {
        let changed_here = landings(id, old, old_mentions) != landings(id, new, new_mentions);
        if let (true, Some(t)) = (changed_here, target_of(id)) {
            changed.push(Read::Mentions(i, t));
        }
    }
    changed
}

/// What `art`'s mentions of `id` in `list` show: where each lands, its excerpt and how
/// it came about. Compared by where they land, not by how that is named: a passage's
/// HTML id may change while its place in the article's list stays.
fn landings<'m>(id: &str, art: &Article, list: &'m [Mention]) -> Vec<(String, &'m Excerpt, MentionVia)> {
    let of_id = list.iter().filter(|m| m.target == id);
    of_id.map(|m| (art.landing(&m.target, m.landing), &m.excerpt, m.via)).collect()
}
