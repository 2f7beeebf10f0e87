//! Writes a deterministic synthetic gloss site for benchmarks (same arguments, same
//! bytes): N articles of about 800 words in ten paragraphs under two or three `##`
//! headings, a ten-line JSON block in every fifth article, about fifteen `@` entity
//! references per article drawn with Zipf-like popularity from max(50, N/5) entities,
//! and three quotes per article anchored in its body.
//!
//! With `--hugo` it writes the same content as a Hugo site instead (entities as a
//! taxonomy with term pages, quotes as pages), so the two can be compared.
//!
//! ```text
//! cargo run --release --example gencorpus -- --articles 1000 --out /dev/shm/corpus [--hugo]
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

/// One generated article, before it is written in either site format.
struct Article {
    title: String,
    date: String,
    summary: String,
    /// Markdown with `[Name](@eN)` references.
    body: String,
    /// (quote id, speaker entity index, words).
    quotes: Vec<(String, usize, String)>,
    /// Entity indices referenced in the body, in order, with repeats.
    refs: Vec<usize>,
}

fn article(i: usize, rng: &mut Rng, zipf: &Zipf) -> Article {
    let mut quotes = Vec::new();
    let mut refs = Vec::new();
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
                refs.push(e);
                let _ = write!(text, " with [{}](@e{e})", entity_name(e));
            }
            if p < 3 && s == 2 {
                let e = zipf.sample(rng);
                let words = format!("quote {p} of piece {i} says {}", sentence(rng, 4));
                let _ = write!(text, " and said \"{words}\"");
                quotes.push((format!("q{i}-{p}"), e, words));
            }
            para.push_str(&text);
            para.push_str(". ");
        }
        body.push_str(para.trim_end());
        body.push_str("\n\n");
    }
    if i.is_multiple_of(5) {
        body.push_str("```json\n{\n");
        for k in 0..8 {
            let _ = writeln!(body, "  \"key{k}\": {},", rng.below(1000));
        }
        body.push_str("  \"end\": true\n}\n```\n");
    }
    let (y, m, d) = (2015 + i % 10, 1 + (i / 10) % 12, 1 + (i / 120) % 28);
    Article {
        title: format!("Article {i}: {}", sentence(rng, 5)),
        date: format!("{y}-{m:02}-{d:02}"),
        summary: format!("{}.", sentence(rng, 12)),
        body,
        quotes,
        refs,
    }
}

/// The article as a gloss content file.
fn gloss_article(i: usize, a: &Article) -> String {
    let quotes: String = a
        .quotes
        .iter()
        .map(|(id, by, words)| {
            format!("  - {{ id: {id}, by: e{by}, text: \"{words}\", date: 2024-01-01, source: s{i} }}\n")
        })
        .collect();
    format!(
        "---\ntitle: \"{}\"\ndate: {}\nsummary: {}\nsources:\n  - {{ id: s{i}, title: Source {i} }}\nquotes:\n{quotes}---\n{}",
        a.title, a.date, a.summary, a.body
    )
}

/// The article as a Hugo content file: references become links to the entity term
/// pages, and the entities form a taxonomy.
fn hugo_article(a: &Article) -> String {
    let mut ids: Vec<String> = a.refs.iter().map(|e| format!("e{e}")).collect();
    ids.sort();
    ids.dedup();
    let body = fix_entity_links(&a.body.replace("](@e", "](/entities/e"));
    format!(
        "---\ntitle: \"{}\"\ndate: {}\nsummary: \"{}\"\nentities: [{}]\n---\n{body}",
        a.title,
        a.date,
        a.summary,
        ids.join(", ")
    )
}

/// Adds the trailing slash to `/entities/eN` links.
fn fix_entity_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("](/entities/e") {
        let start = i + "](/entities/e".len();
        let digits = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..start + digits]);
        if !rest[start + digits..].starts_with('/') {
            out.push('/');
        }
        rest = &rest[start + digits..];
    }
    out.push_str(rest);
    out
}

/// Hugo's side of the comparison: the site settings and small templates that render
/// the same pages (articles, entities as taxonomy terms, quotes as pages, paginated lists).
const HUGO_FILES: &[(&str, &str)] = &[
    (
        "hugo.toml",
        "baseURL = 'https://example.org/'\ntitle = 'Synthetic corpus'\ndisableKinds = ['robotsTXT']\n\
         [taxonomies]\n  entity = 'entities'\n[pagination]\n  pagerSize = 50\n[markup.highlight]\n  noClasses = false\n\
         [outputs]\n  home = ['html', 'rss']\n  section = ['html']\n  taxonomy = ['html']\n  term = ['html']\n",
    ),
    (
        "layouts/baseof.html",
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ site.Title }}</title>\
         <link rel=\"stylesheet\" href=\"{{ \"style.css\" | relURL }}\"></head><body><header><a href=\"{{ \"/\" | relURL }}\">\
         {{ site.Title }}</a> <a href=\"{{ \"entities/\" | relURL }}\">Entities</a> <a href=\"{{ \"quotes/\" | relURL }}\">Quotes</a>\
         </header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    ),
    (
        "layouts/page.html",
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format \"2 January 2006\" }}</p>\
         <p>{{ .Params.summary }}</p>{{ .Content }}{{ with .GetTerms \"entities\" }}<h2>In this explainer</h2><ul>\
         {{ range . }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}\
         {{ with .Params.by }}<p>Said by <a href=\"{{ printf \"/entities/%s/\" . | relURL }}\">{{ . }}</a></p>{{ end }}</article>{{ end }}\n",
    ),
    (
        "layouts/list.html",
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ol>{{ range (.Paginate .Pages).Pages }}\
         <li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ol>\
         {{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    ),
    (
        "layouts/home.html",
        "{{ define \"main\" }}<h1>{{ site.Title }}</h1><ol>{{ range (.Paginate (where site.RegularPages \"Section\" \"articles\")).Pages }}\
         <li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ol>\
         {{ template \"_internal/pagination.html\" . }}{{ end }}\n",
    ),
];

fn write_gloss(args: &Args, entities: usize, articles: &[Article]) {
    write(&args.out.join("site.yaml"), "title: Synthetic corpus\nbase_url: https://example.org/\nautolink: none\n");
    for e in 0..entities {
        let text = format!(
            "---\nname: {}\nkind: person\ndescription: Synthetic person number {e}.\n---\nA profile of entity {e}.\n",
            entity_name(e)
        );
        write(&args.out.join(format!("content/entities/e{e}.md")), &text);
    }
    for (i, a) in articles.iter().enumerate() {
        write(&args.out.join(format!("content/articles/a{i}.md")), &gloss_article(i, a));
    }
}

fn write_hugo(args: &Args, entities: usize, articles: &[Article]) {
    for (path, text) in HUGO_FILES {
        write(&args.out.join(path), text);
    }
    for e in 0..entities {
        let text = format!(
            "---\ntitle: {}\ndescription: Synthetic person number {e}.\n---\nA profile of entity {e}.\n",
            entity_name(e)
        );
        write(&args.out.join(format!("content/entities/e{e}/_index.md")), &text);
    }
    for (i, a) in articles.iter().enumerate() {
        write(&args.out.join(format!("content/articles/a{i}.md")), &hugo_article(a));
        for (id, by, words) in &a.quotes {
            let text = format!(
                "---\ntitle: \"{words}\"\nby: e{by}\ndate: 2024-01-01\n---\nIn [{}](/articles/a{i}/).\n",
                a.title
            );
            write(&args.out.join(format!("content/quotes/{id}.md")), &text);
        }
    }
}

fn main() {
    let args = parse_args();
    let entities = (args.articles / 5).max(50);
    let mut rng = Rng(0x5EED);
    let zipf = Zipf::new(entities);
    let articles: Vec<Article> = (0..args.articles).map(|i| article(i, &mut rng, &zipf)).collect();
    let _ = std::fs::remove_dir_all(&args.out);
    if args.hugo {
        write_hugo(&args, entities, &articles);
    } else {
        write_gloss(&args, entities, &articles);
    }
    let kind = if args.hugo { "Hugo" } else { "gloss" };
    eprintln!("wrote a {kind} site of {} articles and {entities} entities to {}", args.articles, args.out.display());
}
