//! Resolving one article: its references, its anchored passages, autolinks and mentions.

use std::ops::Range;

use super::anchor::{self, AnchorError, NodeSpan, Selector};
use super::autolink::{autolink, NameMatcher};
use super::blocks::{self, BlockIndex};
use super::corrections;
use super::ids::Registry;
use super::mentions::{self, excerpt};
use super::refs::{check_refs, check_url, expect_entity};
use crate::config::AutolinkMode;
use crate::diag::{Diagnostic, SourceMap};
use crate::language;
use crate::meta::ArticleMeta;
use crate::parse::Parsed;
use crate::site::body::Node;
use crate::site::packed::PackedBody;
use crate::site::{Article, Excerpt, Landing, Mention, MentionVia, Passage, PassageKind, Target};

/// What every article's resolution shares.
pub(crate) struct ArticleInputs<'a> {
    /// All ids.
    pub(crate) registry: &'a Registry,
    /// All linkable names.
    pub(crate) matcher: &'a NameMatcher,
    /// File texts, for locating front matter values.
    pub(crate) sources: &'a SourceMap,
    /// The site's autolink mode.
    pub(crate) autolink: AutolinkMode,
}

/// An article resolved, with its mentions and problems.
pub(crate) struct Resolved {
    /// The article.
    pub(crate) article: Article,
    /// Its mentions, in reading order (by file offset).
    pub(crate) mentions: Vec<Mention>,
    /// Problems found.
    pub(crate) diags: Vec<Diagnostic>,
}

struct Wanted<'m> {
    kind: PassageKind,
    /// The front matter key that holds the words (`text` or `exact`).
    key: &'static str,
    html_id: String,
    sel: Selector<'m>,
    what: String,
}

/// Resolves article number `index` (its position in the final, newest-first order).
pub(crate) fn resolve(shared: &ArticleInputs<'_>, index: usize, parsed: Parsed<ArticleMeta>) -> Resolved {
    let Parsed { src, body, mut fragments, images } = parsed;
    let body = body.nodes();
    let meta = &src.meta;
    let file = src.file;
    let mut diags = Vec::new();
    let locate = |needle: &str| src.locate(shared.sources, needle.lines().next().unwrap_or(""));
    let locate_words =
        |key: &str, needle: &str| src.locate_key(shared.sources, key, needle.lines().next().unwrap_or(""));
    check_refs(&body, file, shared.registry, &mut diags);
    for f in fragments.iter().flatten() {
        check_refs(f, file, shared.registry, &mut diags);
    }
    check_front_matter(meta, shared.registry, &locate, file, &mut diags);
    let locate_ref = |id: &str| src.locate_key(shared.sources, "ref", id);
    corrections::check(meta, index, shared.registry, &locate_ref, file, &mut diags);
    for q in &meta.quotes {
        let at = |key: &str, value: &str| src.locate_key(shared.sources, key, value.lines().next().unwrap_or(""));
        diags.extend(language::check_quote(q, at, file));
    }
    diags.extend(crate::tags::problems(&src, shared.sources));

    let idx = blocks::index(&body, blocks::Detail::Anchors);
    let wanted = wanted_passages(meta);
    let mut passages = Vec::new();
    let mut positions = Vec::new();
    let mut spans: Vec<NodeSpan> = Vec::new();
    let selectors: Vec<Selector<'_>> = wanted.iter().map(|w| w.sel).collect();
    for (w, result) in wanted.iter().zip(anchor::find_all(&idx, &body, &selectors)) {
        match result {
            Ok(found) => {
                spans.push(anchor::node_span(&idx, &body, found));
                positions.push(anchor::src_of(&idx, &body, found.block, found.start));
                passages.push(Passage {
                    kind: w.kind,
                    html_id: w.html_id.clone(),
                    number: 0,
                    excerpt: passage_excerpt(&idx, found),
                });
            }
            Err(e) => diags.push(anchor_error(e, w, file, locate_words(w.key, w.sel.exact), shared.sources)),
        }
    }
    number_notes(&mut passages, &positions);
    let body = anchor::split(body, &spans);
    let mode = meta.autolink.unwrap_or(shared.autolink);
    if mode == AutolinkMode::None {
        diags.extend(unlinked_names(&body, shared.matcher, file));
    }
    let mut body = autolink(body, shared.matcher, mode);
    let mut counts = mentions::Counts::new();
    let mut found = mentions::record(index, &mut body, &mut counts);
    for fragment in fragments.iter_mut().flatten() {
        found.extend(mentions::record(index, fragment, &mut counts));
    }
    found.extend(front_matter_mentions(index, meta, &passages, &positions, shared.registry));

    let mut quote_passages = vec![usize::MAX; meta.quotes.len()];
    let mut figure_passages: Vec<Vec<Option<usize>>> =
        meta.figures.iter().map(|f| vec![None; f.values.len()]).collect();
    for (i, p) in passages.iter().enumerate() {
        match p.kind {
            PassageKind::Quote(q) => quote_passages[q] = i,
            PassageKind::FigureValue(f, v) => figure_passages[f][v] = Some(i),
            PassageKind::Annotation(_) => {}
        }
    }
    let summary = fragments.first_mut().and_then(Option::take);
    let corrections = fragments.split_off((1 + meta.annotations.len() + meta.images.len()).min(fragments.len()));
    let captions = fragments.split_off((1 + meta.annotations.len()).min(fragments.len()));
    let notes = fragments.into_iter().skip(1).collect();
    let article = Article {
        slug: src.stem.clone(),
        file,
        meta: src.meta,
        body: PackedBody::pack(&body),
        summary,
        notes,
        images,
        captions,
        corrections: corrections.into_iter().map(Option::unwrap_or_default).collect(),
        passages,
        quote_passages,
        figure_passages,
    };
    found.sort_by_key(|(pos, _)| *pos);
    Resolved { article, mentions: found.into_iter().map(|(_, m)| m).collect(), diags }
}

/// Warnings for names that would be autolinked, in an article whose autolink mode is `none`.
fn unlinked_names(body: &[Node], matcher: &NameMatcher, file: usize) -> Vec<Diagnostic> {
    let would_link = autolink(body.to_vec(), matcher, AutolinkMode::First);
    would_link
        .iter()
        .filter_map(|n| match n {
            Node::RefOpen(r) if r.auto => Some(
                Diagnostic::warning(file, r.span.clone(), format!("this names '{}' but is not linked", r.id))
                    .help(format!("autolink is `none` here; link it explicitly with [..](@{}) if it should be", r.id)),
            ),
            _ => None,
        })
        .collect()
}

/// Numbers the annotations' notes in reading order; their HTML ids follow the numbers.
fn number_notes(passages: &mut [Passage], positions: &[usize]) {
    let mut notes: Vec<usize> =
        (0..passages.len()).filter(|&i| matches!(passages[i].kind, PassageKind::Annotation(_))).collect();
    notes.sort_by_key(|&i| positions[i]);
    for (n, &i) in notes.iter().enumerate() {
        passages[i].number = n + 1;
        passages[i].html_id = format!("note-{}", n + 1);
    }
}

fn wanted_passages(meta: &ArticleMeta) -> Vec<Wanted<'_>> {
    let mut out = Vec::new();
    for (i, q) in meta.quotes.iter().enumerate() {
        out.push(Wanted {
            kind: PassageKind::Quote(i),
            key: if q.exact.is_some() { "exact" } else { "text" },
            html_id: format!("q-{}", q.id),
            sel: Selector {
                exact: q.exact.as_deref().unwrap_or(&q.text),
                prefix: q.prefix.as_deref(),
                suffix: q.suffix.as_deref(),
            },
            what: format!("quote '{}'", q.id),
        });
    }
    for (i, a) in meta.annotations.iter().enumerate() {
        out.push(Wanted {
            kind: PassageKind::Annotation(i),
            key: "exact",
            html_id: String::new(),
            sel: Selector { exact: &a.exact, prefix: a.prefix.as_deref(), suffix: a.suffix.as_deref() },
            what: format!("annotation {} ('{}')", i + 1, a.exact.trim()),
        });
    }
    for (f, fig) in meta.figures.iter().enumerate() {
        for (v, val) in fig.values.iter().enumerate() {
            if let Some(exact) = &val.exact {
                out.push(Wanted {
                    kind: PassageKind::FigureValue(f, v),
                    key: "exact",
                    html_id: format!("val-{}-{}", fig.id, v + 1),
                    sel: Selector { exact, prefix: val.prefix.as_deref(), suffix: val.suffix.as_deref() },
                    what: format!("value {} of figure '{}'", v + 1, fig.id),
                });
            }
        }
    }
    out
}

fn passage_excerpt(idx: &BlockIndex, f: anchor::Found) -> Excerpt {
    let block = &idx.blocks[f.block];
    let start = block.map.get(f.start).disp as usize;
    let last = block.map.get(f.end - 1).disp as usize;
    let end = last + block.disp[last..].chars().next().map_or(0, char::len_utf8);
    excerpt(&block.disp, start, end)
}

fn anchor_error(e: AnchorError, w: &Wanted<'_>, file: usize, span: Range<usize>, sources: &SourceMap) -> Diagnostic {
    match e {
        AnchorError::Empty => Diagnostic::error(file, span, format!("{} has no words to anchor", w.what))
            .help("give the words of the passage as they appear in the body"),
        AnchorError::NotFound { without_context: 0 } => {
            Diagnostic::error(file, span, format!("{} not found in the body", w.what)).help(
                "the words must appear in one paragraph, list item or heading of the body; Markdown syntax, \
                 line breaks and straight or curly quotes do not count",
            )
        }
        AnchorError::NotFound { without_context } => {
            Diagnostic::error(file, span, format!("{} not found with its prefix and suffix", w.what)).help(format!(
                "the words occur {without_context} time(s), but never with this prefix and suffix; fix or drop them"
            ))
        }
        AnchorError::Ambiguous(candidates) => {
            let lines: Vec<String> = candidates
                .iter()
                .take(5)
                .map(|&at| {
                    let (l, c) = sources.line_col(file, at);
                    format!("{l}:{c}")
                })
                .collect();
            Diagnostic::error(file, span, format!("{} matches {} passages of the body", w.what, candidates.len()))
                .help(format!("candidates at {}; add `prefix` or `suffix` to choose one", lines.join(", ")))
        }
    }
}

fn check_front_matter(
    meta: &ArticleMeta,
    registry: &Registry,
    locate: &dyn Fn(&str) -> Range<usize>,
    file: usize,
    diags: &mut Vec<Diagnostic>,
) {
    for q in &meta.quotes {
        expect_entity(registry, &q.by, "speaker", file, || locate(&q.by), diags);
        if q.date.is_none() || q.source.is_none() {
            let missing = if q.date.is_none() && q.source.is_none() {
                "a date or a source"
            } else if q.date.is_none() {
                "a date"
            } else {
                "a source"
            };
            diags.push(
                Diagnostic::warning(
                    file,
                    locate(&q.id),
                    format!("quote '{}' has no {}", q.id, missing.trim_start_matches("a ")),
                )
                .help(format!("readers need to know when and where it was said: add {missing}")),
            );
        }
        if let Some(s) = &q.source {
            if !matches!(registry.get(s), Some(Target::Source(..))) {
                diags.extend(registry.unknown(file, locate(s), "source", s));
            }
        }
    }
    for image in &meta.images {
        if let Some(s) = &image.source {
            if !matches!(registry.get(s), Some(Target::Source(..))) {
                diags.extend(registry.unknown(file, locate(s), "source", s));
            }
        }
    }
    for (i, a) in meta.annotations.iter().enumerate() {
        if let Some(t) = &a.target {
            if registry.get(t).is_none() {
                diags.extend(registry.unknown(file, locate(t), "reference", t));
            }
        }
        if a.target.is_none() && a.note.is_none() {
            diags.push(
                Diagnostic::error(file, locate(&a.exact), format!("annotation {} has neither `ref` nor `note`", i + 1))
                    .help("add a `ref` (what the passage is about) or a `note` (Markdown), or both"),
            );
        }
    }
    for fig in &meta.figures {
        for v in &fig.values {
            for by in &v.by.0 {
                expect_entity(registry, by, "entity", file, || locate(by), diags);
            }
            if !v.value.is_finite() {
                diags.push(Diagnostic::error(
                    file,
                    locate(&fig.id),
                    format!("a value of figure '{}' is not a finite number", fig.id),
                ));
            }
        }
    }
    for ev in &meta.events {
        for r in &ev.refs {
            if registry.get(r).is_none() {
                diags.extend(registry.unknown(file, locate(r), "reference", r));
            }
        }
        if ev.end.is_some_and(|end| end < ev.date) {
            diags.push(Diagnostic::error(
                file,
                locate(&ev.label),
                format!("event '{}' ends before it starts", ev.label),
            ));
        }
    }
    for s in &meta.sources {
        if let Some(url) = &s.url {
            check_url(url, file, || locate(url), || format!("source '{}' has a URL that is not allowed", s.id), diags);
        }
    }
}

fn front_matter_mentions(
    article: usize,
    meta: &ArticleMeta,
    passages: &[Passage],
    positions: &[usize],
    registry: &Registry,
) -> Vec<(usize, Mention)> {
    let mut out = Vec::new();
    let mut push = |pos: usize, target: &str, landing: Landing, excerpt: Excerpt, via: MentionVia| {
        if registry.get(target).is_some() {
            out.push((pos, Mention { article, target: target.to_string(), landing, excerpt, via }));
        }
    };
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    for (i, (p, &pos)) in passages.iter().zip(positions).enumerate() {
        let landing = Landing::Passage(index(i));
        match p.kind {
            PassageKind::Quote(q) => push(pos, &meta.quotes[q].by, landing, p.excerpt.clone(), MentionVia::Speaker),
            PassageKind::Annotation(a) => {
                if let Some(t) = &meta.annotations[a].target {
                    push(pos, t, landing, p.excerpt.clone(), MentionVia::Annotation);
                }
            }
            PassageKind::FigureValue(..) => {}
        }
    }
    for (f, fig) in meta.figures.iter().enumerate() {
        for (v, val) in fig.values.iter().enumerate() {
            let anchored =
                passages.iter().zip(positions).enumerate().find(|(_, (p, _))| p.kind == PassageKind::FigureValue(f, v));
            let (pos, landing, excerpt) = match anchored {
                Some((i, (p, &pos))) => (pos, Landing::Passage(index(i)), p.excerpt.clone()),
                None => (usize::MAX / 2, Landing::Figure(index(f)), Excerpt::new("", &fig.label, "")),
            };
            for by in &val.by.0 {
                push(pos, by, landing, excerpt.clone(), MentionVia::Figure);
            }
        }
    }
    for (i, ev) in meta.events.iter().enumerate() {
        for r in &ev.refs {
            let excerpt = Excerpt::new("", &ev.label, "");
            push(usize::MAX / 2 + 2 + i, r, Landing::Event(index(i)), excerpt, MentionVia::Event);
        }
    }
    out
}
