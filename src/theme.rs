//! The built-in theme: the repository's own `templates/` and `static/` files, embedded
//! in the binary. A site overrides any of them by placing a file of the same name in
//! its own folder.

/// Built-in templates, by name.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("partials/quote_card.html", include_str!("../templates/partials/quote_card.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("entities.html", include_str!("../templates/entities.html")),
    ("entity.html", include_str!("../templates/entity.html")),
    ("entity-graph.html", include_str!("../templates/entity-graph.html")),
    ("quotes.html", include_str!("../templates/quotes.html")),
    ("quote.html", include_str!("../templates/quote.html")),
    ("documents.html", include_str!("../templates/documents.html")),
    ("document.html", include_str!("../templates/document.html")),
    ("provision.html", include_str!("../templates/provision.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("timeline.html", include_str!("../templates/timeline.html")),
    ("corrections.html", include_str!("../templates/corrections.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("feed.xml", include_str!("../templates/feed.xml")),
    ("annotations.jsonld", include_str!("../templates/annotations.jsonld")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    ("robots.txt", include_str!("../templates/robots.txt")),
];

/// Built-in static files, by path relative to the output root.
pub(crate) const STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("search.js", include_bytes!("../static/search.js")),
    ("reader.js", include_bytes!("../static/reader.js")),
];
