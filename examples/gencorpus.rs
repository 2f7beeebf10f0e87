//! Writes a deterministic synthetic gloss site for benchmarks (same arguments, same
//! bytes): N articles of about 800 words in ten paragraphs under two or three `##`
//! headings, a ten-line JSON block in every fifth article, about fifteen `@` entity
//! references per article drawn with Zipf-like popularity from max(50, N/5) entities,
//! and three quotes per article anchored in its body.
//!
//! ```text
//! cargo run --release --example gencorpus -- --articles 1000 --out /dev/shm/corpus
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "the",
    "ministry",
    "said",
    "troops",
    "border",
    "region",
    "report",
    "officials",
    "agreement",
    "talks",
    "week",
    "capital",
    "forces",
    "statement",
    "according",
    "sources",
    "security",
    "council",
    "envoy",
    "visit",
    "meeting",
    "intelligence",
    "treaty",
    "article",
    "support",
    "military",
    "assistance",
    "government",
    "spokesperson",
    "claims",
    "figures",
    "estimate",
    "deployment",
    "confirmed",
    "denied",
    "analysts",
    "diplomatic",
    "pressure",
    "sanctions",
    "ceasefire",
    "negotiations",
    "during",
    "after",
    "before",
    "while",
    "because",
    "although",
    "several",
    "many",
    "new",
    "first",
    "last",
    "early",
    "late",
    "public",
    "private",
    "national",
    "foreign",
    "local",
    "regional",
];

/// SplitMix64: a tiny deterministic generator, so the corpus never depends on a crate's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Zipf(1) sampling over `n` ranks by inverting the cumulative weights.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0.0;
        let cumulative = (1..=n).map(|k| {
            acc += 1.0 / k as f64;
            acc
        });
        let v: Vec<f64> = cumulative.collect();
        let total = *v.last().unwrap_or(&1.0);
        Zipf(v.into_iter().map(|c| c / total).collect())
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

struct Args {
    articles: usize,
    out: PathBuf,
}

fn parse_args() -> Args {
    let mut args = std::env::args().skip(1);
    let (mut articles, mut out) = (1000, PathBuf::from("corpus"));
    while let Some(a) = args.next() {
        match a.as_str() {
            "--articles" => articles = args.next().and_then(|v| v.parse().ok()).expect("--articles N"),
            "--out" => out = args.next().map(PathBuf::from).expect("--out DIR"),
            other => panic!("unknown argument {other}; use --articles N --out DIR"),
        }
    }
    Args { articles, out }
}

fn entity_name(i: usize) -> String {
    let first = ["Ana", "Boris", "Chen", "Dara", "Elif", "Farid", "Greta", "Hiro", "Iva", "Jonas"];
    let last = ["Adler", "Berg", "Costa", "Dahl", "Ekman", "Fischer", "Gallo", "Holm", "Ivanova", "Jensen"];
    format!("{} {} {}", first[i % 10], last[(i / 10) % 10], i)
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for w in 0..words {
        if w > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

fn article(i: usize, rng: &mut Rng, zipf: &Zipf) -> String {
    let mut quotes = String::new();
    let mut body = String::new();
    let headings = 2 + i % 2;
    for p in 0..10 {
        if p % (10 / headings) == 0 && p / (10 / headings) < headings {
            let _ = write!(body, "## {} {}\n\n", sentence(rng, 3), p);
        }
        let mut para = String::new();
        for s in 0..5 {
            let mut text = sentence(rng, 14);
            if (p * 5 + s) % 10 < 3 {
                let e = zipf.sample(rng);
                let _ = write!(text, " with [{}](@e{e})", entity_name(e));
            }
            if p < 3 && s == 2 {
                let e = zipf.sample(rng);
                let words = format!("quote {p} of piece {i} says {}", sentence(rng, 4));
                let _ = writeln!(
                    quotes,
                    "  - {{ id: q{i}-{p}, by: e{e}, text: \"{words}\", date: 2024-01-01, source: s{i} }}"
                );
                let _ = write!(text, " and said \"{words}\"");
            }
            para.push_str(&text);
            para.push_str(". ");
        }
        body.push_str(para.trim_end());
        body.push_str("\n\n");
    }
    if i % 5 == 0 {
        body.push_str("```json\n{\n");
        for k in 0..8 {
            let _ = writeln!(body, "  \"key{k}\": {},", rng.below(1000));
        }
        body.push_str("  \"end\": true\n}\n```\n");
    }
    let (y, m, d) = (2015 + i % 10, 1 + (i / 10) % 12, 1 + (i / 120) % 28);
    format!(
        "---\ntitle: \"Article {i}: {}\"\ndate: {y}-{m:02}-{d:02}\nsummary: {}.\nsources:\n  - {{ id: s{i}, title: Source {i} }}\nquotes:\n{quotes}---\n{body}",
        sentence(rng, 5),
        sentence(rng, 12)
    )
}

fn main() {
    let args = parse_args();
    let entities = (args.articles / 5).max(50);
    let mut rng = Rng(0x5EED);
    let zipf = Zipf::new(entities);
    let _ = std::fs::remove_dir_all(&args.out);
    write(&args.out.join("site.yaml"), "title: Synthetic corpus\nbase_url: https://example.org/\nautolink: none\n");
    for e in 0..entities {
        let text = format!(
            "---\nname: {}\nkind: person\ndescription: Synthetic person number {e}.\n---\nA profile of entity {e}.\n",
            entity_name(e)
        );
        write(&args.out.join(format!("content/entities/e{e}.md")), &text);
    }
    for i in 0..args.articles {
        let text = article(i, &mut rng, &zipf);
        write(&args.out.join(format!("content/articles/a{i}.md")), &text);
    }
    eprintln!("wrote {} articles and {entities} entities to {}", args.articles, args.out.display());
}
