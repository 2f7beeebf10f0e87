//! One article: about 800 words under headings, with lists, tables and code now and
//! then, entity mentions in the forms a newsroom uses (explicit links, plain full
//! names, later the surname or acronym alone), quotes anchored by their words, and
//! in some articles annotations, figures, events, corrections and an update.

use std::collections::{BTreeSet, HashSet};

use crate::documents::Document;
use crate::entities::Entity;
use crate::items::{self, Figure, Quote, Source, Special, MENTION};
use crate::prose::{capitalize, count, date, plain, slug, Vocab};
use crate::rng::{Rng, Zipf};

/// An annotation, an event or a correction: a date or anchor, words, and what it is about.
pub(crate) struct Note {
    pub(crate) at: String,
    pub(crate) text: String,
    pub(crate) refs: Vec<String>,
}

/// One generated article, before it is written in either site format.
pub(crate) struct Article {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) date: String,
    pub(crate) updated: Option<String>,
    pub(crate) summary: String,
    pub(crate) authors: Vec<&'static str>,
    pub(crate) tags: Vec<&'static str>,
    pub(crate) sources: Vec<Source>,
    pub(crate) quotes: Vec<Quote>,
    pub(crate) annotations: Vec<Note>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) events: Vec<Note>,
    pub(crate) corrections: Vec<Note>,
    /// Markdown with `[..](@id)` references.
    pub(crate) body: String,
    /// Entities the article names (explicitly, by name or alias, or as a speaker).
    pub(crate) entities: Vec<usize>,
}

/// What every article draws on.
pub(crate) struct Inputs<'a> {
    pub(crate) entities: &'a [Entity],
    pub(crate) documents: &'a [Document],
    pub(crate) vocab: &'a Vocab,
    pub(crate) zipf: &'a Zipf,
    pub(crate) staff: Vec<&'static str>,
    pub(crate) tags: Vec<&'static str>,
    pub(crate) wires: Vec<&'static str>,
    pub(crate) total: usize,
}

/// The body as it is written: paragraphs, which entities were named, and plain
/// sentences that annotations may pin.
struct Body<'a> {
    inp: &'a Inputs<'a>,
    blocks: Vec<String>,
    seen: HashSet<usize>,
    named: Vec<usize>,
    candidates: Vec<String>,
}

impl Body<'_> {
    /// An entity as the prose names it: first by full name (linked explicitly about a
    /// third of the time, else left to autolinking), later often by alias.
    fn mention(&mut self, e: usize, rng: &mut Rng) -> String {
        let ent = &self.inp.entities[e];
        let first = self.seen.insert(e);
        if first {
            self.named.push(e);
        }
        let text = if first || rng.chance(0.4) { ent.name.as_str() } else { ent.short() };
        let linked = if first { rng.chance(0.35) } else { rng.chance(0.1) };
        if linked {
            format!("[{text}](@{})", ent.id)
        } else {
            text.to_string()
        }
    }

    /// An ordinary sentence, about one of the cast a third of the time.
    fn sentence(&mut self, cast: &[usize], rng: &mut Rng) -> String {
        if rng.chance(0.33) {
            let m = self.mention(cast[rng.below(cast.len())], rng);
            return self.inp.vocab.sentence(rng, Some(&m));
        }
        let s = self.inp.vocab.sentence(rng, None);
        if !s.contains('*') {
            self.candidates.push(s.clone());
        }
        s
    }

    /// A special sentence with its entity named in place.
    fn place(&mut self, special: &Special, rng: &mut Rng) -> String {
        match special.entity {
            Some(e) => {
                let m = self.mention(e, rng);
                capitalize(&special.text.replacen(MENTION, &m, 1))
            }
            None => special.text.clone(),
        }
    }

    /// A paragraph of three to six sentences with `specials` among them.
    fn paragraph(&mut self, cast: &[usize], specials: &[&Special], rng: &mut Rng) -> String {
        let n = rng.range(3, 6).max(specials.len());
        let slots: Vec<usize> = specials.iter().map(|_| rng.below(n)).collect();
        let mut out = Vec::with_capacity(n + specials.len());
        for k in 0..n {
            let here: Vec<&&Special> =
                specials.iter().zip(&slots).filter(|(_, &slot)| slot == k).map(|(s, _)| s).collect();
            for s in here {
                out.push(self.place(s, rng));
            }
            out.push(self.sentence(cast, rng));
        }
        out.join(" ")
    }
}

/// A list, a table or a code block, now and then.
fn extra(i: usize, body: &mut Body, cast: &[usize], rng: &mut Rng) -> Option<String> {
    let v = body.inp.vocab;
    match rng.below(30) {
        0..=2 => {
            Some((0..rng.range(3, 5)).map(|_| format!("- {}", body.sentence(cast, rng))).collect::<Vec<_>>().join("\n"))
        }
        4 if i.is_multiple_of(2) => {
            let rows: Vec<String> = (0..rng.range(3, 5))
                .map(|_| {
                    format!(
                        "| {} | {} | {} |",
                        capitalize(rng.pick(&v.nouns)),
                        rng.below(900) + 10,
                        rng.below(900) + 10
                    )
                })
                .collect();
            Some(format!(
                "| {} | Before | After |\n|---|---:|---:|\n{}",
                capitalize(rng.pick(&v.nouns)),
                rows.join("\n")
            ))
        }
        5 if i.is_multiple_of(3) => {
            let fields: Vec<String> =
                (0..rng.range(3, 6)).map(|_| format!("  \"{}\": {}", rng.pick(&v.nouns), rng.below(10_000))).collect();
            Some(format!("```json\n{{\n{}\n}}\n```", fields.join(",\n")))
        }
        _ => None,
    }
}

/// The cast: the article's own entity (so every entity is named somewhere) and a
/// handful drawn by popularity.
fn cast(i: usize, inp: &Inputs, rng: &mut Rng) -> Vec<usize> {
    let mut cast = vec![i % inp.entities.len()];
    for _ in 0..rng.range(4, 8) {
        let e = inp.zipf.sample(rng);
        if !cast.contains(&e) {
            cast.push(e);
        }
    }
    cast
}

/// Writes the body: a lead, then three or four sections, with `specials` spread over the paragraphs.
fn write_body(i: usize, body: &mut Body, cast: &[usize], specials: &[Special], rng: &mut Rng) {
    let paragraphs = rng.range(10, 11);
    let mut at: Vec<Vec<&Special>> = vec![Vec::new(); paragraphs];
    for s in specials {
        at[rng.below(paragraphs)].push(s);
    }
    let mut headings = HashSet::new();
    for (p, here) in at.iter().enumerate() {
        if p > 0 && p % 3 == 1 {
            let mut h = body.inp.vocab.heading(rng);
            while !headings.insert(h.clone()) {
                h = body.inp.vocab.heading(rng);
            }
            body.blocks.push(format!("## {h}"));
        }
        let para = body.paragraph(cast, here, rng);
        body.blocks.push(para);
        if p > 0 {
            if let Some(x) = extra(i + p, body, cast, rng) {
                body.blocks.push(x);
            }
        }
    }
}

/// Annotations on plain sentences whose chosen words occur once in the body.
fn annotations(body: &Body, plain_body: &str, cast: &[usize], docs: &[String], rng: &mut Rng) -> Vec<Note> {
    let mut out = Vec::new();
    let mut used = HashSet::new();
    for _ in 0..rng.range(1, 3) {
        if body.candidates.is_empty() {
            break;
        }
        let c = rng.below(body.candidates.len());
        let words: Vec<&str> =
            body.candidates[c].split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).collect();
        if words.len() < 4 || !used.insert(c) {
            continue;
        }
        let start = rng.below(words.len() - 3);
        let exact = words[start..(start + rng.range(3, 5)).min(words.len())].join(" ");
        if count(plain_body, &exact) != 1 || !body.candidates[c].contains(&exact) {
            continue;
        }
        let refs = match rng.below(3) {
            0 => vec![body.inp.entities[cast[rng.below(cast.len())]].id.clone()],
            1 if !docs.is_empty() => vec![docs[0].clone()],
            _ => Vec::new(),
        };
        out.push(Note { at: exact, text: capitalize(&format!("{}.", body.inp.vocab.clause(rng))), refs });
    }
    out
}

/// Generates article `i` of `inp.total`; `slugs` are the slugs of all articles.
pub(crate) fn article(i: usize, slugs: &[String], inp: &Inputs, rng: &mut Rng) -> Article {
    let day = 16_436 + (i * 3650 / inp.total.max(1)) as i64;
    let cast = cast(i, inp, rng);
    let srcs = items::sources(i, day, inp, rng);
    let (mut quotes, mut specials) = items::quotes(i, day, &cast, &srcs, inp, rng);
    let mut figures = Vec::new();
    if rng.chance(0.2) && cast.len() >= 2 {
        let (f, s) = items::figure(i, &cast, inp, rng);
        figures.push(f);
        specials.extend(s);
    }
    let (cites, docs) = items::citations(i, &srcs, slugs, inp, rng);
    specials.extend(cites);
    let mut body = Body { inp, blocks: Vec::new(), seen: HashSet::new(), named: Vec::new(), candidates: Vec::new() };
    write_body(i, &mut body, &cast, &specials, rng);
    let text = body.blocks.join("\n\n") + "\n";
    let plain_body = plain(&text);
    quotes.retain(|q| count(&plain_body, &q.text) == 1);
    for v in figures.iter_mut().flat_map(|f| f.values.iter_mut()) {
        v.exact = v.exact.take().filter(|x| count(&plain_body, x) == 1);
    }
    let annotations = if rng.chance(0.3) { annotations(&body, &plain_body, &cast, &docs, rng) } else { Vec::new() };
    let mut named = body.named.clone();
    named.extend(quotes.iter().map(|q| q.by));
    named.sort_unstable();
    named.dedup();
    let (events, corrections) = dated_notes(day, &cast, &docs, &quotes, &figures, inp, rng);
    let title = capitalize(&format!(
        "{} {} {}",
        inp.entities[cast[0]].name,
        rng.pick(&inp.vocab.verbs),
        inp.vocab.noun_phrase(rng)
    ));
    Article {
        slug: slugs[i].clone(),
        title,
        date: date(day),
        updated: rng.chance(0.3).then(|| date(day + 1 + rng.below(20) as i64)),
        summary: inp.vocab.sentence(rng, None),
        authors: (0..rng.range(1, 3)).map(|k| inp.staff[(i * 3 + k * 7) % inp.staff.len()]).collect(),
        tags: (0..rng.range(1, 4)).map(|_| rng.pick(&inp.tags)).collect::<BTreeSet<_>>().into_iter().collect(),
        sources: srcs,
        quotes,
        annotations,
        figures,
        events,
        corrections,
        body: text,
        entities: named,
    }
}

/// Timeline events (a quarter of the articles) and corrections (one in twelve).
fn dated_notes(
    day: i64,
    cast: &[usize],
    docs: &[String],
    quotes: &[Quote],
    figures: &[Figure],
    inp: &Inputs,
    rng: &mut Rng,
) -> (Vec<Note>, Vec<Note>) {
    let mut events = Vec::new();
    if rng.chance(0.25) {
        for _ in 0..rng.range(2, 4) {
            let e = &inp.entities[cast[rng.below(cast.len())]];
            let mut refs = vec![e.id.clone()];
            refs.extend(docs.iter().take(1).cloned());
            events.push(Note {
                at: date(day - rng.below(60) as i64),
                text: format!("{} {} {}", e.name, rng.pick(&inp.vocab.verbs), inp.vocab.noun_phrase(rng)),
                refs,
            });
        }
    }
    let mut corrections = Vec::new();
    if rng.chance(1.0 / 12.0) {
        let target = quotes.first().map(|q| q.id.clone()).or_else(|| figures.first().map(|f| f.id.clone()));
        let text = format!("An earlier version misstated the {}.", rng.pick(&inp.vocab.nouns));
        corrections.push(Note { at: date(day + 2 + rng.below(10) as i64), text, refs: target.into_iter().collect() });
    }
    (events, corrections)
}

/// The slug of article `i`: a few words of a headline, and its number.
pub(crate) fn slug_of(i: usize, vocab: &Vocab, rng: &mut Rng) -> String {
    slug(&format!("{} {} {i}", rng.pick(&vocab.nouns), rng.pick(&vocab.verbs)))
}
