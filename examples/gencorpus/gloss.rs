//! Writes the corpus as a gloss site (FORMAT.md sections 3 and 8).

use std::fmt::Write as _;

use crate::article::{Article, Note};
use crate::documents::Document;
use crate::entities::Entity;
use crate::prose::yq;
use crate::{write, Corpus};

fn entity(e: &Entity, all: &[Entity]) -> String {
    let mut s = format!("---\nname: {}\nkind: {}\n", yq(&e.name), e.kind);
    if !e.aliases.is_empty() {
        let aliases: Vec<String> = e.aliases.iter().map(|a| yq(a)).collect();
        let _ = writeln!(s, "aliases: [{}]", aliases.join(", "));
    }
    let _ = writeln!(s, "description: {}", yq(&e.description));
    if !e.related.is_empty() {
        s.push_str("related:\n");
        for (r, rel) in &e.related {
            let _ = writeln!(s, "  - {{ id: {}, as: {rel} }}", all[*r].id);
        }
    }
    s.push_str("---\n");
    if let Some(p) = &e.profile {
        s.push_str(p);
        s.push('\n');
    }
    s
}

fn document(d: &Document, entities: &[Entity]) -> String {
    let parties: Vec<&str> = d.parties.iter().map(|&p| entities[p].id.as_str()).collect();
    let mut s = format!(
        "---\ntitle: {}\nshort_title: {}\nkind: {}\nparties: [{}]\ndate: {}\n",
        yq(&d.title),
        yq(&d.short_title),
        d.kind,
        parties.join(", "),
        d.date
    );
    if let Some(p) = d.place {
        let _ = writeln!(s, "place: {}", entities[p].id);
    }
    s.push_str("provisions:\n");
    for p in &d.provisions {
        let _ = write!(
            s,
            "  - id: {}\n    title: {}\n    text: {}\n    summary: {}\n",
            p.id,
            p.title,
            yq(&p.text),
            yq(&p.summary)
        );
        if !p.cites.is_empty() {
            let _ = writeln!(s, "    cites: [{}]", p.cites.join(", "));
        }
    }
    let _ = write!(s, "---\n{}\n", d.overview);
    s
}

/// `key:` and one flow mapping per note, `at` and `text` under the names given.
fn notes(s: &mut String, key: &str, notes: &[Note], at: &str, text: &str, refs: &str) {
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(s, "{key}:");
    for n in notes {
        let _ = write!(s, "  - {{ {at}: {}, {text}: {}", yq(&n.at), yq(&n.text));
        match (refs, n.refs.as_slice()) {
            (_, []) => {}
            ("refs", r) => {
                let _ = write!(s, ", refs: [{}]", r.join(", "));
            }
            (key, [r, ..]) => {
                let _ = write!(s, ", {key}: {r}");
            }
        }
        s.push_str(" }\n");
    }
}

fn sources_and_quotes(s: &mut String, a: &Article, entities: &[Entity]) {
    s.push_str("sources:\n");
    for src in &a.sources {
        let _ = write!(s, "  - {{ id: {}, title: {}", src.id, yq(&src.title));
        for (key, value) in
            [("publisher", &src.publisher), ("author", &src.author), ("date", &src.date), ("url", &src.url)]
        {
            if let Some(v) = value {
                let _ = write!(s, ", {key}: {}", yq(v));
            }
        }
        s.push_str(" }\n");
    }
    if a.quotes.is_empty() {
        return;
    }
    s.push_str("quotes:\n");
    for q in &a.quotes {
        let _ = write!(s, "  - id: {}\n    by: {}\n    text: {}\n", q.id, entities[q.by].id, yq(&q.text));
        for (key, value) in [("date", &q.date), ("source", &q.source), ("context", &q.context)] {
            if let Some(v) = value {
                let _ = writeln!(s, "    {key}: {}", yq(v));
            }
        }
    }
}

fn figures(s: &mut String, a: &Article, entities: &[Entity]) {
    if a.figures.is_empty() {
        return;
    }
    s.push_str("figures:\n");
    for f in &a.figures {
        let _ = write!(s, "  - id: {}\n    label: {}\n    unit: {}\n    values:\n", f.id, yq(&f.label), f.unit);
        for v in &f.values {
            let by: Vec<&str> = v.by.iter().map(|&e| entities[e].id.as_str()).collect();
            let _ = write!(s, "      - {{ value: {}, by: [{}], scope: {}", v.value, by.join(", "), yq(&v.scope));
            if let Some(x) = &v.exact {
                let _ = write!(s, ", exact: {}", yq(x));
            }
            s.push_str(" }\n");
        }
    }
}

fn article(a: &Article, entities: &[Entity]) -> String {
    let mut s = format!("---\ntitle: {}\ndate: {}\n", yq(&a.title), a.date);
    if let Some(u) = &a.updated {
        let _ = writeln!(s, "updated: {u}");
    }
    let authors: Vec<String> = a.authors.iter().map(|x| yq(x)).collect();
    let _ =
        write!(s, "summary: {}\nauthors: [{}]\ntags: [{}]\n", yq(&a.summary), authors.join(", "), a.tags.join(", "));
    sources_and_quotes(&mut s, a, entities);
    notes(&mut s, "annotations", &a.annotations, "exact", "note", "ref");
    figures(&mut s, a, entities);
    notes(&mut s, "events", &a.events, "date", "label", "refs");
    notes(&mut s, "corrections", &a.corrections, "date", "text", "ref");
    let _ = write!(s, "---\n{}", a.body);
    s
}

/// Writes the whole gloss site under `c.out`.
pub(crate) fn write_site(c: &Corpus) {
    let site = "title: Synthetic newsroom\nbase_url: https://example.org/\ndescription: A synthetic archive of explainers.\nautolink: first\n";
    write(&c.out.join("site.yaml"), site);
    for e in &c.entities {
        write(&c.out.join(format!("content/entities/{}.md", e.id)), &entity(e, &c.entities));
    }
    for d in &c.documents {
        write(&c.out.join(format!("content/documents/{}.md", d.id)), &document(d, &c.entities));
    }
    for a in &c.articles {
        write(&c.out.join(format!("content/articles/{}.md", a.slug)), &article(a, &c.entities));
    }
}
