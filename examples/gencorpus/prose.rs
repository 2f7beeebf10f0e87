//! Sentences from a small grammar over a few hundred words, so the prose varies in
//! length and wording the way news copy does, and rarely repeats a phrase.

use crate::rng::Rng;
use crate::words::{self, list, phrases};

/// The vocabulary, split once.
pub(crate) struct Vocab {
    pub(crate) nouns: Vec<&'static str>,
    pub(crate) plurals: Vec<&'static str>,
    pub(crate) adjectives: Vec<&'static str>,
    pub(crate) verbs: Vec<&'static str>,
    adverbs: Vec<&'static str>,
    prepositions: Vec<&'static str>,
    pub(crate) times: Vec<&'static str>,
    openers: Vec<&'static str>,
    pub(crate) says: Vec<&'static str>,
}

impl Vocab {
    pub(crate) fn new() -> Vocab {
        Vocab {
            nouns: list(words::NOUNS),
            plurals: list(words::PLURALS),
            adjectives: list(words::ADJECTIVES),
            verbs: list(words::VERBS),
            adverbs: list(words::ADVERBS),
            prepositions: list(words::PREPOSITIONS),
            times: phrases(words::TIMES),
            openers: phrases(words::OPENERS),
            says: phrases(words::SAYS),
        }
    }

    /// A noun phrase: "the disputed border", "several analysts", "the draft of the treaty".
    pub(crate) fn noun_phrase(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        if rng.chance(0.3) {
            s.push_str(rng.pick(&["several", "many", "some", "a few", "most", "the", "local", "foreign"]));
            s.push(' ');
            if rng.chance(0.4) {
                s.push_str(rng.pick(&self.adjectives));
                s.push(' ');
            }
            s.push_str(rng.pick(&self.plurals));
            return s;
        }
        s.push_str(rng.pick(&["the", "the", "the", "this", "that", "its", "their", "every", "another"]));
        s.push(' ');
        if rng.chance(0.5) {
            s.push_str(rng.pick(&self.adjectives));
            s.push(' ');
        }
        s.push_str(rng.pick(&self.nouns));
        if rng.chance(0.2) {
            s.push_str(" of the ");
            s.push_str(rng.pick(&self.nouns));
        }
        s
    }

    /// A clause without a subject: "quietly approved the new budget near the border last week".
    pub(crate) fn predicate(&self, rng: &mut Rng) -> String {
        let mut s = String::new();
        if rng.chance(0.2) {
            s.push_str(rng.pick(&self.adverbs));
            s.push(' ');
        }
        s.push_str(rng.pick(&self.verbs));
        s.push(' ');
        s.push_str(&self.noun_phrase(rng));
        if rng.chance(0.5) {
            s.push(' ');
            s.push_str(rng.pick(&self.prepositions));
            s.push(' ');
            s.push_str(&self.noun_phrase(rng));
        }
        if rng.chance(0.35) {
            s.push(' ');
            s.push_str(rng.pick(&self.times));
        }
        s
    }

    /// A clause with a plain subject, all lower case.
    pub(crate) fn clause(&self, rng: &mut Rng) -> String {
        format!("{} {}", self.noun_phrase(rng), self.predicate(rng))
    }

    /// A whole sentence about `subject` (a mention in Markdown), or about a noun phrase
    /// when there is none; sometimes with an opener or a second clause.
    pub(crate) fn sentence(&self, rng: &mut Rng, subject: Option<&str>) -> String {
        let mut s = String::new();
        if rng.chance(0.15) {
            s.push_str(rng.pick(&self.openers));
            s.push_str(", ");
        }
        match subject {
            Some(m) => s.push_str(m),
            None => s.push_str(&self.noun_phrase(rng)),
        }
        s.push(' ');
        s.push_str(&self.predicate(rng));
        if rng.chance(0.3) {
            s.push_str(rng.pick(&[", while ", ", but ", " after ", " because ", ", and ", " before ", ", although "]));
            s.push_str(&self.clause(rng));
        }
        if rng.chance(0.05) {
            let adj = rng.pick(&self.adjectives);
            s.push_str(&format!(", a *{adj}* step"));
        }
        s.push('.');
        capitalize(&s)
    }

    /// A heading of two to five words.
    pub(crate) fn heading(&self, rng: &mut Rng) -> String {
        let text = match rng.below(3) {
            0 => format!("{} {}", rng.pick(&self.adjectives), rng.pick(&self.nouns)),
            1 => {
                format!("what the {} {}", rng.pick(&self.nouns), rng.pick(&["says", "means", "changes", "leaves out"]))
            }
            _ => format!("the {} {} {}", rng.pick(&self.nouns), rng.pick(&self.prepositions), rng.pick(&self.plurals)),
        };
        capitalize(&text)
    }
}

/// Upper-cases the first letter.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The words of Markdown as a reader sees them (link destinations, emphasis and code
/// marks dropped), lower-cased with single spaces: what anchors are counted in.
pub(crate) fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ']' if chars.peek() == Some(&'(') => {
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
            }
            '[' | ']' | '*' | '`' | '_' => {}
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// How often `needle` (compared as `plain` text) occurs in `hay`, a `plain` text.
pub(crate) fn count(hay: &str, needle: &str) -> usize {
    let needle = plain(needle);
    hay.match_indices(needle.trim()).count()
}

/// A number with thousands separators: 12,400.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An id-safe slug of a name: lower-case ASCII letters and digits, single hyphens.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'á' | 'à' | 'ä' => 'a',
            'é' | 'è' => 'e',
            'ó' | 'ö' => 'o',
            'ś' => 's',
            'ñ' => 'n',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(70).collect::<String>().trim_end_matches('-').to_string()
}

/// A YAML double-quoted string.
pub(crate) fn yq(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

/// The proleptic Gregorian date of `days` since 1970-01-01, as YYYY-MM-DD.
pub(crate) fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y}-{m:02}-{d:02}")
}
