//! Writes the same corpus as a Hugo site, for the comparison with Hugo: entities as a
//! taxonomy with term pages, tags as a taxonomy, quotes as pages, documents as
//! sections with a page per provision, and the same article bodies with ordinary
//! links wherever gloss has an `@` reference (plain names stay plain: Hugo does not
//! autolink).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::prose::yq;
use crate::{write, Corpus};

/// Hugo's side of the comparison: the site settings and small templates that render
/// the same pages (articles, entities as taxonomy terms, quotes as pages, paginated lists).
const HUGO_FILES: &[(&str, &str)] = &[
    (
        "hugo.toml",
        "baseURL = 'https://example.org/'\ntitle = 'Synthetic corpus'\ndisableKinds = ['robotsTXT']\n\
         [taxonomies]\n  entity = 'entities'\n  tag = 'tags'\n[pagination]\n  pagerSize = 50\n[markup.highlight]\n  noClasses = false\n\
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

/// Where each id's page is in the Hugo site (sources are anchors on their article).
fn urls(c: &Corpus) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for e in &c.entities {
        map.insert(e.id.clone(), format!("/entities/{}/", e.id));
    }
    for d in &c.documents {
        map.insert(d.id.clone(), format!("/documents/{}/", d.id));
        for p in &d.provisions {
            map.insert(format!("{}/{}", d.id, p.id), format!("/documents/{}/{}/", d.id, p.id));
        }
    }
    for a in &c.articles {
        map.insert(a.slug.clone(), format!("/articles/{}/", a.slug));
        for q in &a.quotes {
            map.insert(q.id.clone(), format!("/quotes/{}/", q.id));
        }
        for s in &a.sources {
            map.insert(s.id.clone(), format!("#{}", s.id));
        }
    }
    map
}

/// Replaces every `](@id)` link destination with the page's URL.
fn links(markdown: &str, urls: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(i) = rest.find("](@") {
        let start = i + 3;
        let end = start + rest[start..].find(')').unwrap_or(0);
        let id = &rest[start..end];
        out.push_str(&rest[..i + 2]);
        // A quote whose anchor was dropped still has its sentence, but no page.
        out.push_str(urls.get(id).map_or("#", String::as_str));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn entities_and_documents(c: &Corpus, urls: &HashMap<String, String>) {
    for e in &c.entities {
        let text = format!(
            "---\ntitle: {}\ndescription: {}\n---\n{}\n",
            yq(&e.name),
            yq(&e.description),
            e.profile.as_deref().unwrap_or("")
        );
        write(&c.out.join(format!("content/entities/{}/_index.md", e.id)), &links(&text, urls));
    }
    for d in &c.documents {
        let text = format!("---\ntitle: {}\ndate: {}\n---\n{}\n", yq(&d.title), d.date, d.overview);
        write(&c.out.join(format!("content/documents/{}/_index.md", d.id)), &links(&text, urls));
        for (k, p) in d.provisions.iter().enumerate() {
            let text = format!("---\ntitle: {}\nweight: {}\n---\n{}\n\n{}\n", yq(&p.title), k + 1, p.text, p.summary);
            write(&c.out.join(format!("content/documents/{}/{}.md", d.id, p.id)), &links(&text, urls));
        }
    }
}

/// Writes the whole Hugo site under `c.out`.
pub(crate) fn write_site(c: &Corpus) {
    for (path, text) in HUGO_FILES {
        write(&c.out.join(path), text);
    }
    let urls = urls(c);
    entities_and_documents(c, &urls);
    for a in &c.articles {
        let ids: Vec<&str> = a.entities.iter().map(|&e| c.entities[e].id.as_str()).collect();
        let authors: Vec<String> = a.authors.iter().map(|x| yq(x)).collect();
        let mut text = format!("---\ntitle: {}\ndate: {}\n", yq(&a.title), a.date);
        if let Some(u) = &a.updated {
            let _ = writeln!(text, "lastmod: {u}");
        }
        let _ = write!(
            text,
            "summary: {}\nauthors: [{}]\ntags: [{}]\nentities: [{}]\n---\n{}",
            yq(&a.summary),
            authors.join(", "),
            a.tags.join(", "),
            ids.join(", "),
            links(&a.body, &urls)
        );
        write(&c.out.join(format!("content/articles/{}.md", a.slug)), &text);
        for q in &a.quotes {
            let mut text = format!("---\ntitle: {}\nby: {}\n", yq(&q.text), c.entities[q.by].id);
            if let Some(d) = &q.date {
                let _ = writeln!(text, "date: {}", d.get(..10).unwrap_or(d));
            }
            let _ = write!(text, "---\nIn [{}](/articles/{}/).\n", a.title.replace(['[', ']'], ""), a.slug);
            write(&c.out.join(format!("content/quotes/{}.md", q.id)), &text);
        }
    }
}
