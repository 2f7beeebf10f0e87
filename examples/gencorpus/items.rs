//! The things an article cites and quotes (sources, quotes, a figure, documents,
//! earlier articles), each with the sentence that puts it in the body.

use crate::article::Inputs;
use crate::prose::{capitalize, date, thousands};
use crate::rng::Rng;

/// A source the article relies on; the body links each one.
pub(crate) struct Source {
    pub(crate) id: String,
    pub(crate) title: String,
    /// An entity id, or plain text.
    pub(crate) publisher: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) url: Option<String>,
}

/// A quote, anchored in the body by `text`; `by` is an entity index.
pub(crate) struct Quote {
    pub(crate) id: String,
    pub(crate) by: usize,
    pub(crate) text: String,
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) context: Option<String>,
}

/// One entity's value of a figure; `exact` is kept only where its words occur once.
pub(crate) struct Value {
    pub(crate) value: u64,
    pub(crate) by: Vec<usize>,
    pub(crate) scope: String,
    pub(crate) exact: Option<String>,
}

/// A quantity that different entities put differently.
pub(crate) struct Figure {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) unit: &'static str,
    pub(crate) values: Vec<Value>,
}

/// Where a special sentence names its entity; replaced by the mention when placed.
pub(crate) const MENTION: &str = "\u{1}";

/// A sentence the body must contain, with the entity it names (if any) at `MENTION`.
pub(crate) struct Special {
    pub(crate) entity: Option<usize>,
    pub(crate) text: String,
}

/// One to four sources, some with a publication entity as publisher.
pub(crate) fn sources(i: usize, a_date: i64, inp: &Inputs, rng: &mut Rng) -> Vec<Source> {
    let publications: Vec<usize> = (0..inp.entities.len()).filter(|&e| inp.entities[e].kind == "publication").collect();
    (1..=rng.range(1, 4))
        .map(|k| {
            let publisher = match rng.below(3) {
                0 if !publications.is_empty() => {
                    Some(inp.entities[publications[rng.below(publications.len())]].id.clone())
                }
                1 => Some(rng.pick(&inp.wires).to_string()),
                _ => None,
            };
            let v = inp.vocab;
            Source {
                id: format!("s{i}-{k}"),
                title: capitalize(&format!(
                    "{} {} on {}",
                    rng.pick(&v.adjectives),
                    rng.pick(&v.nouns),
                    v.noun_phrase(rng)
                )),
                publisher,
                author: rng.chance(0.4).then(|| rng.pick(&inp.staff).to_string()),
                date: rng.chance(0.8).then(|| date(a_date - rng.below(10) as i64)),
                url: rng.chance(0.7).then(|| format!("https://news.example.com/{i}/{k}")),
            }
        })
        .collect()
}

/// Quotes by the cast, each with its sentence; a few lack a date or a source.
pub(crate) fn quotes(
    i: usize,
    a_date: i64,
    cast: &[usize],
    srcs: &[Source],
    inp: &Inputs,
    rng: &mut Rng,
) -> (Vec<Quote>, Vec<Special>) {
    let people: Vec<usize> =
        cast.iter().copied().filter(|&e| matches!(inp.entities[e].kind, "person" | "organization")).collect();
    let speakers = if people.is_empty() { cast.to_vec() } else { people };
    let n = [0, 1, 2, 2, 3, 3, 3, 4, 4, 5][rng.below(10)];
    let mut qs = Vec::new();
    let mut specials = Vec::new();
    for k in 1..=n {
        let by = speakers[rng.below(speakers.len())];
        let text = inp.vocab.clause(rng);
        let says = rng.pick(&inp.vocab.says);
        let sentence = match rng.below(3) {
            0 => format!("According to {MENTION}, \"{text}\"."),
            _ => format!("{MENTION} {says}: \"{text}.\""),
        };
        specials.push(Special { entity: Some(by), text: sentence });
        qs.push(Quote {
            id: format!("q{i}-{k}"),
            by,
            text,
            date: rng.chance(0.94).then(|| date(a_date - rng.below(5) as i64)),
            source: rng.chance(0.9).then(|| srcs[rng.below(srcs.len())].id.clone()),
            context: rng.chance(0.5).then(|| {
                format!(
                    "Speaking {} {}.",
                    rng.pick(&["at a briefing", "to reporters", "in parliament", "on television"]),
                    rng.pick(&inp.vocab.times)
                )
            }),
        });
    }
    (qs, specials)
}

/// A figure that two or three of the cast put differently, one sentence per value.
pub(crate) fn figure(i: usize, cast: &[usize], inp: &Inputs, rng: &mut Rng) -> (Figure, Vec<Special>) {
    let unit = rng.pick(&inp.vocab.plurals);
    let base = 1000 + rng.below(50_000) as u64;
    let mut values = Vec::new();
    let mut specials = Vec::new();
    let mut by: Vec<usize> = cast.to_vec();
    by.truncate(rng.range(2, 3).min(cast.len()));
    for &e in &by {
        let value = (base * (70 + rng.below(60) as u64) / 100) / 100 * 100;
        let scope = format!("{} {}", rng.pick(&["in", "near", "across", "around"]), inp.vocab.noun_phrase(rng));
        specials.push(Special {
            entity: Some(e),
            text: format!("{MENTION} put the number of {unit} at {} {scope}.", thousands(value)),
        });
        values.push(Value { value, by: vec![e], scope, exact: Some(thousands(value)) });
    }
    let label = capitalize(&format!(
        "{unit} {} {}",
        rng.pick(&inp.vocab.verbs),
        rng.pick(&["so far", "this year", "in the region", "in total"])
    ));
    (Figure { id: format!("f{i}-1"), label, unit, values }, specials)
}

/// Sentences citing the sources, a document's provisions, an earlier article and the web.
pub(crate) fn citations(
    i: usize,
    srcs: &[Source],
    slugs: &[String],
    inp: &Inputs,
    rng: &mut Rng,
) -> (Vec<Special>, Vec<String>) {
    let v = inp.vocab;
    let mut out: Vec<Special> = srcs
        .iter()
        .map(|s| {
            let clause = v.clause(rng);
            let adj = rng.pick(&v.adjectives);
            let a = if adj.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            Special {
                entity: None,
                text: capitalize(&format!("{clause}, according to [{a} {adj} report](@{}).", s.id)),
            }
        })
        .collect();
    let mut docs = Vec::new();
    if !inp.documents.is_empty() && (i < inp.documents.len() || rng.chance(0.25)) {
        let d = &inp.documents[i % inp.documents.len()];
        docs.push(d.id.clone());
        for _ in 0..rng.range(1, 2) {
            let p = &d.provisions[rng.below(d.provisions.len())];
            out.push(Special {
                entity: None,
                text: format!("Under [{}](@{}/{}) of the {}, {}.", p.title, d.id, p.id, d.short_title, v.clause(rng)),
            });
        }
    }
    if i > 0 && rng.chance(0.3) {
        let earlier = &slugs[rng.below(i)];
        out.push(Special {
            entity: None,
            text: format!("As [an earlier explainer](@{earlier}) showed, {}.", v.clause(rng)),
        });
    }
    if rng.chance(0.3) {
        out.push(Special {
            entity: None,
            text: format!(
                "The [full text](https://archive.example.org/{i}) was {} {}.",
                rng.pick(&v.verbs),
                rng.pick(&v.times)
            ),
        });
    }
    (out, docs)
}
