//! Entities with realistic, unique, digit-free names: people, organizations,
//! countries, places and publications, with aliases (a person's surname, an
//! organization's acronym) that no other entity claims.

use std::collections::HashSet;

use crate::prose::{slug, Vocab};
use crate::rng::Rng;
use crate::words::{self, list, phrases};

/// One entity, before it is written in either site format.
pub(crate) struct Entity {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) aliases: Vec<String>,
    pub(crate) description: String,
    /// A profile paragraph in Markdown, for some.
    pub(crate) profile: Option<String>,
    /// (entity index, relation).
    pub(crate) related: Vec<(usize, &'static str)>,
}

impl Entity {
    /// How later mentions in an article name it: its first alias, else its name.
    pub(crate) fn short(&self) -> &str {
        self.aliases.first().unwrap_or(&self.name)
    }
}

/// The lists names are made from.
struct Names {
    first: Vec<&'static str>,
    last: Vec<&'static str>,
    cities: Vec<&'static str>,
    roots: Vec<&'static str>,
    place_kinds: Vec<&'static str>,
    domains: Vec<&'static str>,
    fields: Vec<&'static str>,
    industries: Vec<&'static str>,
    companies: Vec<&'static str>,
    agencies: Vec<&'static str>,
    papers: Vec<&'static str>,
    qualifiers: Vec<&'static str>,
}

impl Names {
    fn new() -> Names {
        Names {
            first: list(words::FIRST_NAMES),
            last: list(words::SURNAMES),
            cities: list(words::CITIES),
            roots: list(words::PLACE_ROOTS),
            place_kinds: list(words::PLACE_KINDS),
            domains: phrases(words::DOMAINS),
            fields: phrases(words::FIELDS),
            industries: list(words::INDUSTRIES),
            companies: list(words::COMPANY_KINDS),
            agencies: list(words::AGENCY_KINDS),
            papers: list(words::PAPERS),
            qualifiers: list(words::QUALIFIERS),
        }
    }

    /// A qualifier ("Northern") for the `level`-th pass over a pattern, none on the first.
    fn qualify(&self, level: usize, name: String) -> String {
        match level {
            0 => name,
            l => format!("{} {name}", self.qualifiers[(l - 1) % self.qualifiers.len()]),
        }
    }

    fn person(&self, k: usize) -> String {
        let (f, l) = (self.first.len(), self.last.len());
        let r = spread(k, f * l);
        let (a, b) = (r % f, r / f);
        match k / (f * l) {
            0 => format!("{} {}", self.first[a], self.last[b]),
            n => format!("{} {}. {}", self.first[a], (b'A' + ((n - 1) % 26) as u8) as char, self.last[b]),
        }
    }

    fn organization(&self, k: usize) -> String {
        let demonym = |j: usize| words::COUNTRIES[j % words::COUNTRIES.len()].1;
        let (n, c, d, l) = (words::COUNTRIES.len(), self.cities.len(), self.domains.len(), self.last.len());
        let (fields, industries) = (self.fields.len(), self.industries.len());
        let j = k / 5;
        let cap = match k % 5 {
            0 => n * d,
            1 => c * fields,
            2 => n * d * self.agencies.len(),
            3 => c * industries * self.companies.len(),
            _ => l * fields,
        };
        let x = spread(j + 11 * (k % 5) + 3, cap);
        let name = match k % 5 {
            0 => format!("{} Ministry of {}", demonym(x), self.domains[x / n]),
            1 => format!("{} Institute for {}", self.cities[x % c], self.fields[x / c]),
            2 => format!("{} {} {}", demonym(x), self.domains[(x / n) % d], self.agencies[x / (n * d)]),
            3 => format!(
                "{} {} {}",
                self.cities[x % c],
                self.industries[(x / c) % industries],
                self.companies[x / (c * industries)]
            ),
            _ => format!("{} Centre for {}", self.last[x % l], self.fields[x / l]),
        };
        self.qualify(j / cap, name)
    }

    fn place(&self, k: usize) -> String {
        let c = self.cities.len();
        if k < c {
            return self.cities[spread(k + 29, c)].to_string();
        }
        let (r, p) = (self.roots.len(), self.place_kinds.len());
        let j = k - c;
        let x = spread(j, r * p);
        self.qualify(j / (r * p), format!("{} {}", self.roots[x % r], self.place_kinds[x / r]))
    }

    fn publication(&self, k: usize) -> String {
        let (c, p) = (self.cities.len(), self.papers.len());
        let x = spread(k + 47, c * p);
        format!("The {}", self.qualify(k / (c * p), format!("{} {}", self.cities[x % c], self.papers[x / c])))
    }
}

/// Visits `0..cap` in a scattered order as `j` counts up (7919 is a prime that divides
/// none of the capacities), so the first few names already differ in every part.
fn spread(j: usize, cap: usize) -> usize {
    (j % cap) * 7919 % cap
}

/// The initials of an organization's capitalized words: "Polish Ministry of Defence" is "PMD".
fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The kind of the `e`-th entity: two in five people, some organizations, countries
/// while the list lasts, places and publications.
fn kind_of(e: usize, countries_left: bool) -> &'static str {
    match e % 20 {
        0..=7 => "person",
        8..=13 => "organization",
        14 | 15 if countries_left => "country",
        14..=17 => "place",
        _ => "publication",
    }
}

/// Makes `count` entities with unique names and aliases; `claimed` receives every
/// name and alias (documents add theirs later).
pub(crate) fn entities(count: usize, rng: &mut Rng, vocab: &Vocab, claimed: &mut HashSet<String>) -> Vec<Entity> {
    let names = Names::new();
    let mut next = [0usize; 5];
    let mut out: Vec<Entity> = Vec::with_capacity(count);
    for e in 0..count {
        let kind = kind_of(e, next[2] < words::COUNTRIES.len());
        let slot =
            ["person", "organization", "country", "place", "publication"].iter().position(|k| *k == kind).unwrap_or(0);
        let (name, aliases) = loop {
            let k = next[slot];
            next[slot] += 1;
            let (name, alias) = match kind {
                "person" => {
                    let name = names.person(k);
                    let surname = name.rsplit(' ').next().unwrap_or_default().to_string();
                    (name, surname)
                }
                "organization" => {
                    let name = names.organization(k);
                    let a = acronym(&name);
                    (name, if a.len() >= 3 { a } else { String::new() })
                }
                "country" => {
                    let (n, _, a) = words::COUNTRIES[k];
                    (n.to_string(), if a == "-" { String::new() } else { a.to_string() })
                }
                "place" => (names.place(k), String::new()),
                _ => (names.publication(k), String::new()),
            };
            if claimed.contains(&name) || claimed.contains(&slug(&name)) {
                continue;
            }
            claimed.insert(slug(&name));
            claimed.insert(name.clone());
            let aliases = if !alias.is_empty() && claimed.insert(alias.clone()) { vec![alias] } else { Vec::new() };
            break (name, aliases);
        };
        out.push(Entity {
            id: slug(&name),
            name,
            kind,
            aliases,
            description: String::new(),
            profile: None,
            related: Vec::new(),
        });
    }
    for e in 0..out.len() {
        describe(&mut out, e, rng, vocab);
    }
    out
}

/// The first entity of `kind` at or after a random start, if any.
fn any_of(entities: &[Entity], kind: &str, rng: &mut Rng) -> Option<usize> {
    let start = rng.below(entities.len());
    (0..entities.len()).map(|k| (start + k) % entities.len()).find(|&i| entities[i].kind == kind)
}

const ROLES: &str = "Director General;Spokesperson;Deputy Minister;Senior Analyst;Chief Negotiator;Head of Research;\
    Legal Adviser;Press Officer;Chief Economist;Regional Commander;Board Chair;Lead Investigator";

/// Fills in the description, the profile and the relations of entity `e`.
fn describe(all: &mut [Entity], e: usize, rng: &mut Rng, vocab: &Vocab) {
    let country = any_of(all, "country", rng);
    let org = any_of(all, "organization", rng);
    let country_name = country.map_or("the region".to_string(), |c| all[c].name.clone());
    let (description, related) = match all[e].kind {
        "person" => match org {
            Some(o) => (format!("{} at the {}.", rng.pick(&phrases(ROLES)), all[o].name), Some((o, "works for"))),
            None => (format!("{} based in {country_name}.", rng.pick(&phrases(ROLES))), None),
        },
        "organization" => {
            let what =
                rng.pick(&["Government body", "Research institute", "State agency", "Company", "Non-profit group"]);
            (format!("{what} based in {country_name}."), country.map(|c| (c, "based in")))
        }
        "country" => (format!("Country whose {} the articles follow.", rng.pick(&vocab.nouns)), None),
        "place" => (format!("Place in {country_name}."), country.map(|c| (c, "located in"))),
        _ => (format!("Daily newspaper published in {country_name}."), country.map(|c| (c, "published in"))),
    };
    all[e].description = description;
    let related = related.filter(|(r, _)| *r != e && rng.chance(0.35));
    if rng.chance(0.4) {
        let mut profile: Vec<String> = (0..rng.range(2, 4)).map(|_| vocab.sentence(rng, None)).collect();
        if let Some((r, rel)) = related {
            profile.push(format!("{} {rel} [{}](@{}).", all[e].name, all[r].name, all[r].id));
        }
        all[e].profile = Some(profile.join(" "));
    }
    all[e].related = related.into_iter().collect();
}
