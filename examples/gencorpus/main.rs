//! Writes a deterministic synthetic newsroom archive for benchmarks (same arguments,
//! same bytes; SplitMix64, no crates). It is meant to have the shape of real content,
//! so that a benchmark does not flatter gloss:
//!
//! - **Entities**, max(50, N/5) of them, with popularity following Zipf's law: people,
//!   organizations ("Polish Ministry of Defence", "Gdansk Shipbuilding Works"),
//!   countries, places and publications, with realistic, unique names free of digits.
//!   People have their surname as an alias and organizations their acronym, when no
//!   other entity claims it. Each has a one-line description; some a profile paragraph
//!   and `related:` entries.
//! - **Prose** that names them the way a newsroom does: the first mention by full name,
//!   linked explicitly about a third of the time and otherwise left plain, later
//!   mentions often by surname or acronym alone, so `autolink: first` has real work.
//!   About 800 words per article from a grammar over a few hundred words, in a lead and
//!   three or four `##` sections, with lists, tables, JSON code blocks, emphasis and
//!   links (to the web, to earlier articles, to sources) now and then.
//! - **Quotes**, zero to five per article, anchored by their words (each occurs once in
//!   the body); about one in ten lacks a source and one in sixteen a date, which gloss
//!   warns about, as it would on a real archive.
//! - **Documents**, about N/100 (at least 3), each with five to twenty provisions whose
//!   texts cite earlier ones (`cites:`, and a `[Article 3](@doc/article-3)` link in the
//!   summary), referred to from articles by provision and by short title.
//! - **Front matter variety**: one to three authors, tags, one to four sources, an
//!   `updated` date (three in ten), annotations (three in ten), a figure with values
//!   by different entities (one in five), timeline events (one in four) and
//!   corrections (one in twelve).
//!
//! With `--hugo` it writes the same content as a Hugo site instead (entities and tags as
//! taxonomies with term pages, quotes as pages, documents with a page per provision,
//! the same bodies with links where gloss has references), so the two can be compared.
//!
//! ```text
//! cargo run --release --example gencorpus -- --articles 1000 --out /dev/shm/corpus [--hugo]
//! ```

mod article;
mod documents;
mod entities;
mod gloss;
mod hugo;
mod items;
mod prose;
mod rng;
mod words;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use article::{Article, Inputs};
use documents::Document;
use entities::Entity;
use rng::{Rng, Zipf};

/// Everything generated, ready to be written in either format.
pub(crate) struct Corpus {
    out: PathBuf,
    entities: Vec<Entity>,
    documents: Vec<Document>,
    articles: Vec<Article>,
}

struct Args {
    articles: usize,
    out: PathBuf,
    hugo: bool,
}

fn parse_args() -> Args {
    let mut args = std::env::args().skip(1);
    let (mut articles, mut out, mut hugo) = (1000, PathBuf::from("corpus"), false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => articles = args.next().and_then(|v| v.parse().ok()).expect("--articles N"),
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            "--hugo" => hugo = true,
            other => panic!("unknown argument {other}; use --articles N --out DIR [--hugo]"),
        }
    }
    Args { articles, out, hugo }
}

/// Writes `text` to `path`, making its folder.
pub(crate) fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

fn generate(n: usize, out: PathBuf) -> Corpus {
    let mut rng = Rng::new(0x5EED);
    let vocab = prose::Vocab::new();
    let mut claimed = HashSet::new();
    let entities = entities::entities((n / 5).max(50), &mut rng, &vocab, &mut claimed);
    let documents = documents::documents((n / 100).max(3), &entities, &mut rng, &vocab, &mut claimed);
    let zipf = Zipf::new(entities.len());
    let inputs = Inputs {
        entities: &entities,
        documents: &documents,
        vocab: &vocab,
        zipf: &zipf,
        staff: words::phrases(words::STAFF),
        tags: words::list(words::TAGS),
        wires: vec!["Associated Wire", "Baltic News Service", "Continental Press Agency", "Pacific Wire Service"],
        total: n,
    };
    let slugs: Vec<String> = (0..n).map(|i| article::slug_of(i, &vocab, &mut rng)).collect();
    let articles = (0..n).map(|i| article::article(i, &slugs, &inputs, &mut rng)).collect();
    Corpus { out, entities, documents, articles }
}

fn main() {
    let args = parse_args();
    let corpus = generate(args.articles, args.out.clone());
    let _ = std::fs::remove_dir_all(&args.out);
    if args.hugo {
        hugo::write_site(&corpus);
    } else {
        gloss::write_site(&corpus);
    }
    let kind = if args.hugo { "Hugo" } else { "gloss" };
    eprintln!(
        "wrote a {kind} site of {} articles, {} entities and {} documents to {}",
        args.articles,
        corpus.entities.len(),
        corpus.documents.len(),
        args.out.display()
    );
}
