//! Serializing the body IR to HTML, once: references become links carrying their
//! mention ids; passages become marked spans, a quote's or figure value's words a link
//! to it (no glyph is added to the sentence), an annotation's followed by its note
//! number and note; code blocks are highlighted. Everything else goes through pulldown-cmark's HTML writer.

use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::cards::Card;
use super::footnotes::Footnotes;
use super::{highlight, paths};
use crate::site::body::{Bare, Node, RefLink, TextRun};
use crate::site::media::MediaFile;
use crate::site::{Article, Passage, PassageKind};
use crate::text::escape_html;

/// What the serializer asks of the page it writes for: where ids lead and what they
/// are called. The view scope answers, and records what was asked.
pub(crate) trait Refs {
    /// Relative prefix from the page to the site root.
    fn root(&self) -> &str;
    /// The URL of `id`, relative to the site root.
    fn url_of(&self, id: &str) -> Option<String>;
    /// The kind of thing `id` names, as a CSS-friendly word.
    fn kind_of(&self, id: &str) -> &'static str;
    /// The display name of `id`.
    fn label(&self, id: &str) -> String;
    /// The hover card of `id`.
    fn card(&self, id: &str) -> Option<Card>;
    /// Image file `i` of the site's media.
    fn media(&self, i: usize) -> Option<&MediaFile>;
}

/// What the serializer needs to know about the page being written.
#[derive(Clone, Copy)]
pub(crate) struct Env<'s, 'a> {
    /// Where ids lead and what they are called.
    pub(crate) scope: &'s dyn Refs,
    /// The article whose body this is, for its passages and notes.
    pub(crate) article: Option<&'a Article>,
}

mod images;
mod notes;

/// Block-level HTML for a body.
/// Its footnotes are gathered in a "Notes" list at the end.
pub(crate) fn body(nodes: &[Node], cx: Env<'_, '_>) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, Serializer::new(nodes, cx, Phase::Body));
    out
}

/// Inline HTML for a short Markdown value (a standfirst, a note): paragraphs are
/// joined with line breaks instead of being wrapped in `<p>`.
pub(crate) fn inline(nodes: &[Node], cx: Env<'_, '_>) -> String {
    inline_of(Serializer::new(nodes, cx, Phase::Closed))
}

fn inline_of(serializer: Serializer<'_, '_, '_>) -> String {
    let mut first = true;
    let events = serializer.filter_map(move |e| match e {
        Event::Start(Tag::Paragraph) => {
            let sep = if first { None } else { Some(Event::InlineHtml(CowStr::Borrowed("<br>"))) };
            first = false;
            sep
        }
        Event::End(TagEnd::Paragraph) => None,
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out.trim_end().to_string()
}

/// What a serializer is writing, as far as footnotes go.
#[derive(Clone, Copy, PartialEq)]
enum Phase {
    /// A body: each reference gets a margin copy of its note, the notes follow.
    Body,
    /// The note with this index in the "Notes" list, whose last paragraph's end was
    /// held back (`true`) to put the back links inside it.
    Note(usize, bool),
    /// Nothing follows: a body's notes have been written, or this is a short value.
    Closed,
    /// The margin copy of a note: no ids, references without links.
    Copy,
}

/// Turns nodes into pulldown-cmark events, generating our own markup as inline HTML.
struct Serializer<'n, 's, 'a> {
    /// The whole text, which footnote contents index.
    all: &'n [Node],
    nodes: std::slice::Iter<'n, Node>,
    cx: Env<'s, 'a>,
    /// Depth of links we are inside; passage ends (which may hold links) wait until it is 0.
    link_depth: usize,
    /// Passage ends met inside a link.
    deferred: Vec<usize>,
    /// Passages some of whose words were written as a link to their target.
    linked: HashSet<usize>,
    /// Events ready to hand out before the next node.
    queue: VecDeque<Event<'static>>,
    /// Footnote numbers by label, and how often each was referenced so far.
    footnotes: Footnotes,
    phase: Phase,
    /// How many images were written so far (only the first screen's load at once).
    images_seen: usize,
}

impl<'n, 's, 'a> Serializer<'n, 's, 'a> {
    fn new(nodes: &'n [Node], cx: Env<'s, 'a>, phase: Phase) -> Self {
        Serializer::over(nodes, 0..nodes.len(), cx, Footnotes::of(nodes), phase)
    }

    /// A serializer of `all[part]`, with the footnotes of `all`.
    fn over(all: &'n [Node], part: Range<usize>, cx: Env<'s, 'a>, footnotes: Footnotes, phase: Phase) -> Self {
        Serializer {
            all,
            nodes: all[part].iter(),
            cx,
            link_depth: 0,
            deferred: Vec::new(),
            linked: HashSet::new(),
            queue: VecDeque::new(),
            footnotes,
            phase,
            images_seen: 0,
        }
    }

    fn html(s: String) -> Event<'static> {
        Event::InlineHtml(CowStr::from(s))
    }

    fn code_block(&mut self, kind: &CodeBlockKind<'_>) -> Event<'static> {
        let mut code = String::new();
        for n in self.nodes.by_ref() {
            match n {
                Node::Event(e) => {
                    if let Event::Text(t) = &**e {
                        code.push_str(t);
                    }
                }
                Node::Bare(Bare::End(TagEnd::CodeBlock)) => break,
                _ => {}
            }
        }
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.as_ref(),
            CodeBlockKind::Indented => "",
        };
        Event::Html(CowStr::from(highlight::code_block(info, &code)))
    }

    fn text(&mut self, run: &TextRun) -> Event<'static> {
        if run.passages().is_empty() || self.phase == Phase::Copy {
            return if run.code {
                Event::Code(CowStr::Boxed(run.text.clone()))
            } else {
                Event::Text(CowStr::Boxed(run.text.clone()))
            };
        }
        // The innermost quote or figure value the run lies in becomes a link to its
        // page or figure, unless the run is already inside a link.
        let article = self.cx.article;
        let passage = |p: usize| article.map(|a| &a.passages[p]);
        let linked =
            run.passages().iter().rev().copied().find(|&p| passage(p).is_some_and(|ps| self.target(ps).is_some()));
        let linked = linked.filter(|_| self.link_depth == 0);
        let mut s = String::new();
        for &p in run.passages() {
            let kind = match passage(p).map(|p| p.kind) {
                Some(PassageKind::Quote(_)) => "quote",
                Some(PassageKind::Annotation(_)) => "annotated",
                Some(PassageKind::FigureValue(..)) => "figure-value",
                None => "",
            };
            let tag = if linked == Some(p) { "a" } else { "span" };
            s.push_str(&format!("<{tag} class=\"passage passage-{kind}\""));
            // A passage split over several runs carries its id on the first part, and
            // names it on the others (so its whole extent can be found in the page).
            if let Some(ps) = passage(p) {
                let attr = if run.opens().contains(&p) { "id" } else { "data-passage" };
                s.push_str(&format!(" {attr}=\"{}\"", escape_html(&ps.html_id)));
            }
            if let Some((href, title)) = passage(p).and_then(|ps| self.target(ps)).filter(|_| tag == "a") {
                s.push_str(&format!(" href=\"{}\" title=\"{}\"", escape_html(&href), escape_html(&title)));
                // One stop in the keyboard order per passage, at its first link.
                if !self.linked.insert(p) {
                    s.push_str(" tabindex=\"-1\"");
                }
            }
            s.push('>');
        }
        if run.code {
            s.push_str(&format!("<code>{}</code>", escape_html(&run.text)));
        } else {
            s.push_str(&escape_html(&run.text));
        }
        for &p in run.passages().iter().rev() {
            s.push_str(if linked == Some(p) { "</a>" } else { "</span>" });
        }
        Self::html(s)
    }

    /// Where a quote's or figure value's passage leads (the quote's page, the figure
    /// box) and what it is, for its link; `None` for annotations, whose note follows.
    fn target(&self, passage: &Passage) -> Option<(String, String)> {
        let article = self.cx.article?;
        match passage.kind {
            PassageKind::Quote(q) => {
                let quote = &article.meta.quotes[q];
                let href = format!("{}{}", self.cx.scope.root(), paths::quote(&quote.id));
                Some((href, format!("Quote: {}", self.cx.scope.label(&quote.by))))
            }
            PassageKind::FigureValue(f, _) => {
                let fig = &article.meta.figures[f];
                Some((format!("#fig-{}", fig.id), format!("Figure: {}", fig.label)))
            }
            PassageKind::Annotation(_) => None,
        }
    }

    fn reference(&self, r: &RefLink) -> Event<'static> {
        let (id, html_id) = (&*r.id, &*r.html_id);
        let scope = self.cx.scope;
        let mut href = scope.url_of(id).unwrap_or_default();
        if let Some(heading) = &r.fragment {
            href = format!("{href}#{heading}");
        }
        let mut s = format!(
            "<a class=\"ref ref-{}\" href=\"{}{}\" data-ref=\"{}\"",
            scope.kind_of(id),
            scope.root(),
            escape_html(&href),
            escape_html(id)
        );
        if !html_id.is_empty() && self.cx.article.is_some() {
            s.push_str(&format!(" id=\"{}\"", escape_html(html_id)));
        }
        if let Some(card) = scope.card(id) {
            s.push_str(&format!(
                " data-card-title=\"{}\" data-card-kind=\"{}\" data-card-text=\"{}\"",
                escape_html(&card.title),
                escape_html(&card.kind),
                escape_html(&card.text)
            ));
        }
        s.push('>');
        Self::html(s)
    }

    /// What follows passage `p`: an annotation's note number and note; for a quote or
    /// figure value none of whose words could be a link (they all lie inside links), a
    /// link that shows only when it has the keyboard focus.
    fn passage_end(&self, p: usize) -> Option<Event<'static>> {
        let article = self.cx.article?;
        let passage = &article.passages[p];
        if let PassageKind::Annotation(a) = passage.kind {
            return Some(Self::html(self.note(article, a, passage)));
        }
        if self.linked.contains(&p) {
            return None;
        }
        let (href, title) = self.target(passage)?;
        Some(Self::html(format!(
            "<a class=\"passage-link visually-hidden-focusable\" href=\"{}\">{}</a>",
            escape_html(&href),
            escape_html(&title)
        )))
    }

    fn note(&self, article: &Article, a: usize, passage: &Passage) -> String {
        let ann = &article.meta.annotations[a];
        let (n, html_id) = (passage.number, &passage.html_id);
        let mut s = format!(
            "<sup class=\"note-mark\"><a href=\"#{html_id}-text\" aria-describedby=\"{html_id}-text\">{n}</a></sup>\
             <span class=\"note\" id=\"{html_id}-text\" role=\"note\"><span class=\"note-num\">{n}</span> "
        );
        if let Some(Some(note)) = article.notes.get(a) {
            s.push_str(&inline(note, self.cx));
        }
        if let Some(target) = &ann.target {
            let href = self.cx.scope.url_of(target).unwrap_or_default();
            s.push_str(&format!(
                " <a class=\"note-ref\" href=\"{}{}\">{} →</a>",
                self.cx.scope.root(),
                escape_html(&href),
                escape_html(&self.cx.scope.label(target))
            ));
        }
        s.push_str("</span>");
        s
    }
}

impl Serializer<'_, '_, '_> {
    fn close_link(&mut self) {
        self.link_depth = self.link_depth.saturating_sub(1);
        if self.link_depth == 0 {
            for p in std::mem::take(&mut self.deferred) {
                if let Some(e) = self.passage_end(p) {
                    self.queue.push_back(e);
                }
            }
        }
    }
}

impl Serializer<'_, '_, '_> {
    /// Queues what a Markdown event that holds data writes.
    fn event(&mut self, e: &Event<'static>) {
        match e {
            Event::Start(Tag::CodeBlock(kind)) => {
                let e = self.code_block(kind);
                self.queue.push_back(e);
            }
            Event::Start(Tag::Link { .. }) => {
                self.link_depth += 1;
                self.queue.push_back(e.clone());
            }
            Event::FootnoteReference(label) => {
                let html = self.footnote_reference(label);
                self.queue.push_back(Self::html(html));
            }
            Event::Start(Tag::FootnoteDefinition(_)) => self.skip_definition(),
            e => self.queue.push_back(e.clone()),
        }
    }
}

impl Iterator for Serializer<'_, '_, '_> {
    type Item = Event<'static>;

    fn next(&mut self) -> Option<Event<'static>> {
        while self.queue.is_empty() {
            let Some(node) = self.nodes.next() else {
                if self.next_note() {
                    continue;
                }
                break;
            };
            match node {
                Node::Bare(bare @ Bare::End(TagEnd::Link)) => {
                    self.queue.push_back(bare.event());
                    self.close_link();
                }
                Node::Bare(bare) => self.queue.push_back(bare.event()),
                Node::Event(e) => self.event(e),
                Node::Text(run) => {
                    let e = self.text(run);
                    self.queue.push_back(e);
                }
                Node::RefOpen(r) => {
                    self.link_depth += 1;
                    let e = self.reference(r);
                    self.queue.push_back(e);
                }
                Node::RefClose => {
                    self.queue.push_back(Self::html("</a>".to_string()));
                    self.close_link();
                }
                Node::Image(image) => {
                    let e = self.image(image);
                    self.queue.push_back(e);
                }
                Node::PassageEnd(p) if self.link_depth > 0 => self.deferred.push(*p),
                Node::PassageEnd(p) => {
                    if let Some(e) = self.passage_end(*p) {
                        self.queue.push_back(e);
                    }
                }
            }
        }
        self.queue.pop_front()
    }
}

/// The text of a Markdown value without markup, white space collapsed (for meta
/// descriptions, feeds and the search index).
pub(crate) fn plain_text(nodes: &[Node]) -> String {
    let mut s = String::new();
    for n in nodes {
        match n {
            Node::Text(run) => s.push_str(&run.text),
            Node::Event(e) => {
                if let Event::Text(t) | Event::Code(t) = &**e {
                    s.push_str(t);
                }
            }
            // Inline markup ends inside words and sentences ("*Lovelace*."): no space.
            Node::Bare(Bare::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)) => {}
            Node::Bare(Bare::SoftBreak | Bare::HardBreak | Bare::End(_)) => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
