//! Primary documents (treaties, laws, charters, reports, statements) with five to
//! twenty provisions each, whose texts and summaries cite other provisions.

use std::collections::HashSet;

use crate::entities::Entity;
use crate::prose::{capitalize, date, slug, Vocab};
use crate::rng::Rng;
use crate::words::{phrases, FIELDS};

/// One document, before it is written in either site format.
pub(crate) struct Document {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) short_title: String,
    pub(crate) kind: &'static str,
    pub(crate) parties: Vec<usize>,
    pub(crate) place: Option<usize>,
    pub(crate) date: String,
    pub(crate) provisions: Vec<Provision>,
    /// The overview, in Markdown.
    pub(crate) overview: String,
}

/// One provision: verbatim text, a Markdown summary, and the provisions it cites.
pub(crate) struct Provision {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) summary: String,
    pub(crate) cites: Vec<String>,
}

const DUTIES: &str = "cooperate on;consult each other on;notify the other Party of;ensure the protection of;\
    refrain from any interference with;establish a joint body for;maintain records of;review every year;\
    exchange information on;publish a report on;provide assistance with;settle disputes over";

/// The two entities a document is between: countries when there are two, else any two.
fn parties(entities: &[Entity], d: usize) -> Vec<usize> {
    let countries: Vec<usize> = (0..entities.len()).filter(|&e| entities[e].kind == "country").collect();
    let pool = if countries.len() >= 2 { countries } else { (0..entities.len()).collect() };
    let a = pool[d % pool.len()];
    let b = pool[(d / pool.len() + d + 1) % pool.len()];
    if a == b {
        vec![a]
    } else {
        vec![a, b]
    }
}

/// The title and short title of document `d` of `kind` between `names`.
fn titles(kind: &str, names: &[&str], field: &str, d: usize) -> (String, String) {
    let both = names.join(" and ");
    let pair = names.join("–");
    let n = d / 5 + 1;
    let ordinal = if n == 1 {
        String::new()
    } else {
        format!("{} ", ["", "", "Second", "Third", "Fourth", "Fifth"].get(n).copied().unwrap_or("Further"))
    };
    match kind {
        "treaty" => (format!("{ordinal}Treaty on {field} between {both}"), format!("{ordinal}{pair} {field} Treaty")),
        "law" => (format!("{ordinal}Law of {} on {field}", names[0]), format!("{ordinal}{} {field} Law", names[0])),
        "charter" => {
            (format!("{ordinal}Charter of the {pair} {field} Council"), format!("{ordinal}{pair} Council Charter"))
        }
        "report" => {
            (format!("{ordinal}Report of the Joint Commission on {field}"), format!("{ordinal}{pair} {field} Report"))
        }
        _ => (
            format!("{ordinal}Joint Statement of {both} on {field}"),
            format!("{ordinal}{pair} Joint Statement on {field}"),
        ),
    }
}

/// Makes `count` documents with unique titles; their titles join `claimed`.
pub(crate) fn documents(
    count: usize,
    entities: &[Entity],
    rng: &mut Rng,
    vocab: &Vocab,
    claimed: &mut HashSet<String>,
) -> Vec<Document> {
    let fields = phrases(FIELDS);
    let places: Vec<usize> = (0..entities.len()).filter(|&e| entities[e].kind == "place").collect();
    let mut out = Vec::with_capacity(count);
    let mut d = 0;
    while out.len() < count {
        let kind = ["treaty", "law", "charter", "report", "statement"][d % 5];
        let parties = parties(entities, d);
        let names: Vec<&str> = parties.iter().map(|&p| entities[p].name.as_str()).collect();
        let (title, short_title) = titles(kind, &names, fields[(d * 7 + d / 5) % fields.len()], d);
        d += 1;
        let id = slug(&short_title);
        if claimed.contains(&title) || claimed.contains(&short_title) || claimed.contains(&id) {
            continue;
        }
        for s in [&title, &short_title, &id] {
            claimed.insert(s.clone());
        }
        let place = (!places.is_empty()).then(|| places[rng.below(places.len())]);
        let provisions = provisions(&id, rng.range(5, 20), rng, vocab);
        let overview = format!(
            "The {short_title} is a {kind} between {}. {} {}",
            parties
                .iter()
                .map(|&p| format!("[{}](@{})", entities[p].name, entities[p].id))
                .collect::<Vec<_>>()
                .join(" and "),
            vocab.sentence(rng, None),
            vocab.sentence(rng, None)
        );
        let date = date(16_000 + rng.below(4000) as i64);
        out.push(Document { id, title, short_title, kind, parties, place, date, provisions, overview });
    }
    out
}

/// `n` provisions of document `doc`; about a third cite an earlier one.
fn provisions(doc: &str, n: usize, rng: &mut Rng, vocab: &Vocab) -> Vec<Provision> {
    let duties = phrases(DUTIES);
    (1..=n)
        .map(|k| {
            let mut text = format!("The Parties shall {} {}.", rng.pick(&duties), vocab.noun_phrase(rng));
            let mut summary = capitalize(&format!("{}.", vocab.clause(rng)));
            let mut cites = Vec::new();
            if k > 1 && rng.chance(0.35) {
                let m = rng.range(1, k - 1);
                text = format!("Subject to Article {m}, {}", text.replacen("The", "the", 1));
                summary.push_str(&format!(" It applies within the limits set by [Article {m}](@{doc}/article-{m})."));
                cites.push(format!("{doc}/article-{m}"));
            }
            if rng.chance(0.5) {
                text.push_str(&format!("\n\n{}", capitalize(&format!("{}.", vocab.clause(rng)))));
            }
            Provision { id: format!("article-{k}"), title: format!("Article {k}"), text, summary, cites }
        })
        .collect()
}
