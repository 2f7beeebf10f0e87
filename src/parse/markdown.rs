//! Markdown to the body IR: pulldown-cmark events with their source offsets, `@` links
//! turned into references, raw HTML escaped unless allowed, unsafe links neutralised,
//! and every heading given a unique id.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use super::code_limits::{CodeBlockSize, HighlightBudget};
use super::footnote_labels::FootnoteLabels;
use super::heading_ids::assign_heading_ids;
pub(crate) use super::input::MdInput;
use super::raw_html;
use crate::diag::Diagnostic;
use crate::site::body::{Bare, ImageRef, Node, RefLink, TextRun};
use crate::urls;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `input` into nodes; problems (unsafe links, duplicate heading ids) go to `diags`.
pub(crate) fn parse(input: MdInput<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Node> {
    let mut state = State {
        input,
        nodes: Vec::new(),
        link_is_ref: Vec::new(),
        verbatim_depth: 0,
        code: None,
        highlight_budget: HighlightBudget::default(),
        local: 0..0,
        image: None,
        diags,
    };
    let mut labels = FootnoteLabels::default();
    for (event, range) in Parser::new_ext(input.text, options()).into_offset_iter() {
        let at = input.pos(range.start)..input.pos(range.end);
        labels.see(input.text, &event, range.clone(), state.verbatim_depth > 0);
        state.local = range;
        state.event(event.into_static(), at);
    }
    let mut nodes = join_text_and_mark_figures(state.nodes);
    if input.footnotes {
        labels.finish(&input, diags);
    }
    assign_heading_ids(&mut nodes, input.file, diags);
    // An archive keeps every body in memory until it is rendered: no slack.
    nodes.shrink_to_fit();
    nodes
}

struct State<'a, 'd> {
    input: MdInput<'a>,
    nodes: Vec<Node>,
    link_is_ref: Vec<bool>,
    /// Inside code blocks, text is neither anchored nor autolinked.
    verbatim_depth: usize,
    /// The fenced code block being read, measured for the highlighter's limits.
    code: Option<CodeBlockSize>,
    /// How much more code this text may have highlighted.
    highlight_budget: HighlightBudget,
    /// The range in the text of the event being read.
    local: std::ops::Range<usize>,
    /// The image being read (its alt text is gathered until it ends), with the depth
    /// of images nested in that alt text.
    image: Option<(ImageRef, usize)>,
    diags: &'d mut Vec<Diagnostic>,
}

impl State<'_, '_> {
    fn event(&mut self, event: Event<'static>, at: std::ops::Range<usize>) {
        if self.image.is_some() {
            return self.image_event(event);
        }
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                if let Some(target) = dest_url.strip_prefix('@') {
                    self.reference(target, at);
                } else {
                    self.link_is_ref.push(false);
                    let dest_url = self.safe_url(dest_url, &at);
                    self.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::End(TagEnd::Link) => {
                if self.link_is_ref.pop() == Some(true) {
                    self.nodes.push(Node::RefClose);
                } else {
                    self.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let src: String = self.safe_url(dest_url, &at).nfc().collect();
                let image = ImageRef {
                    src,
                    alt: String::new(),
                    title: title.to_string(),
                    span: at,
                    figure: false,
                    media: None,
                    item: None,
                };
                self.image = Some((image, 0));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                for (key, _) in &attrs {
                    self.refuse_attribute(key, &at);
                }
                self.push(Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() }));
            }
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) if !self.input.footnotes => {
                self.diags.push(
                    Diagnostic::error(self.input.file, at.start..at.start + 2, "footnotes belong in the body")
                        .help("a front-matter value cannot hold a footnote; move the note into the article's text"),
                );
            }
            Event::End(TagEnd::FootnoteDefinition) if !self.input.footnotes => {}
            Event::Start(Tag::CodeBlock(kind)) => {
                self.verbatim_depth += 1;
                if matches!(&kind, CodeBlockKind::Fenced(info) if !info.trim().is_empty()) {
                    self.code = Some(CodeBlockSize::new(self.nodes.len(), at.start));
                }
                self.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::Text(t) if self.code.is_some() => {
                if let Some(code) = &mut self.code {
                    code.measure(&t);
                }
                self.push(Event::Text(t));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.verbatim_depth = self.verbatim_depth.saturating_sub(1);
                if let Some(code) = self.code.take() {
                    self.limit_highlighting(code);
                }
                self.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::HtmlBlock) if !self.input.raw_html => self.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) if !self.input.raw_html => self.push(Event::End(TagEnd::Paragraph)),
            Event::Html(html) if !self.input.raw_html => self.escaped_html(html, at.start, true),
            Event::InlineHtml(html) if !self.input.raw_html => self.escaped_html(html, at.start, false),
            Event::Html(html) => raw_html::push_block_line(&mut self.nodes, html),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(Node::Event(e)) = self.nodes.pop() {
                    if let Event::Html(html) = *e {
                        self.push(Event::Html(raw_html::embeds(html)));
                    }
                }
                self.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::InlineHtml(html) => self.push(Event::InlineHtml(raw_html::embeds(html))),
            Event::Text(t) if self.verbatim_depth == 0 => self.text(t.into_string(), at.start, false),
            Event::Code(t) if self.verbatim_depth == 0 => self.text(t.into_string(), at.start, true),
            other => self.push(other),
        }
    }

    /// An event inside an image: its alt text is gathered as plain text, until the
    /// image ends.
    fn image_event(&mut self, event: Event<'static>) {
        let Some((image, depth)) = &mut self.image else { return };
        match event {
            Event::Text(t) | Event::Code(t) => image.alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            Event::Start(Tag::Image { .. }) => *depth += 1,
            Event::End(TagEnd::Image) if *depth > 0 => *depth -= 1,
            Event::End(TagEnd::Image) => match self.image.take() {
                // An image whose address was unsafe is gone (the warning says so): its alt text stays.
                Some((image, _)) if image.src == "#" => self.text(image.alt, image.span.start, false),
                Some((image, _)) => self.nodes.push(Node::Image(Box::new(image))),
                None => {}
            },
            _ => {}
        }
    }

    /// Opens an `@` reference to `target` (`id`, or `slug#heading`).
    fn reference(&mut self, target: &str, at: std::ops::Range<usize>) {
        self.link_is_ref.push(true);
        let target: String = target.nfc().collect();
        let (id, fragment) = match target.split_once('#') {
            Some((id, fragment)) => (id.to_string(), Some(fragment.into())),
            None => (target, None),
        };
        self.nodes.push(Node::RefOpen(Box::new(RefLink {
            id: id.into(),
            fragment,
            span: at,
            html_id: Box::default(),
            auto: false,
        })));
    }

    /// Shows raw HTML as text, with a warning at its first tag (one per HTML block,
    /// one per inline start tag).
    fn escaped_html(&mut self, html: CowStr<'static>, at: usize, block: bool) {
        let block_start = block && matches!(self.nodes.last(), Some(Node::Bare(Bare::Start(TagEnd::Paragraph))));
        if block_start || !block {
            self.diags.extend(raw_html::escaped(&self.input, &html, self.local.clone(), block_start));
        }
        self.text(html.trim_end_matches('\n').to_string(), at, false)
    }

    fn push(&mut self, e: Event<'static>) {
        self.nodes.push(Node::event(e));
    }

    /// Adds text (which [`join_text_and_mark_figures`] joins to the prose around it).
    fn text(&mut self, text: String, src: usize, code: bool) {
        self.nodes.push(Node::Text(TextRun::new(text, src, code)));
    }

    /// Shows a code block plain, with a warning, when highlighting it could take long:
    /// a very long line, a very large block, or too much code in this text already.
    fn limit_highlighting(&mut self, code: CodeBlockSize) {
        let Some(why) = self.highlight_budget.refuses(&code) else { return };
        self.nodes[code.node] = Node::event(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
        self.diags.push(
            Diagnostic::warning(
                self.input.file,
                code.at..code.at + 3,
                format!("code block shown without highlighting: {why}"),
            )
            .help("split the code into smaller blocks, wrap its long lines, or drop the language after the fence"),
        );
    }

    /// Reports a heading attribute other than `#id` and `.class` (an event handler, a
    /// style, a second id, a link target), which never reaches the output.
    fn refuse_attribute(&mut self, key: &str, heading: &std::ops::Range<usize>) {
        let local = self.local.clone();
        let source = self.input.text.get(local.clone()).unwrap_or("");
        let braces = source.rfind('{').unwrap_or(0);
        let at = source[braces..].find(key).map_or(heading.start, |i| self.input.pos(local.start + braces + i));
        let shown: String = key.chars().take(40).collect();
        self.diags.push(
            Diagnostic::error(
                self.input.file,
                at..at + key.len().min(heading.end - at),
                format!("heading attribute `{shown}` is not allowed"),
            )
            .help("a heading takes only an id `{#id}` and classes `{.class}`; remove the other attributes"),
        );
    }

    fn safe_url(&mut self, url: CowStr<'static>, at: &std::ops::Range<usize>) -> CowStr<'static> {
        if urls::is_dangerous(&url) {
            self.diags.push(Diagnostic::warning(self.input.file, at.clone(), "unsafe link removed").help(
                "links with javascript:, vbscript: or data: schemes never reach the output; link to a web page instead",
            ));
            CowStr::Borrowed("#")
        } else {
            url
        }
    }
}

/// Joins adjacent runs of prose into one, so that names the parser split (at `[`, `&`,
/// …) still match as one (done once at the end, as a run's text has no room to grow),
/// and makes every image that is alone in its paragraph a figure: one pass over the
/// nodes.
fn join_text_and_mark_figures(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    let mut prose: Option<(String, usize)> = None;
    for node in nodes {
        match node {
            Node::Text(run) if !run.code => match &mut prose {
                Some((text, _)) => text.push_str(&run.text),
                None => {
                    let src = run.src();
                    prose = Some((run.text.into_string(), src));
                }
            },
            other => {
                if let Some((text, src)) = prose.take() {
                    out.push(Node::Text(TextRun::new(text, src, false)));
                }
                out.push(other);
                figure_at_end(&mut out);
            }
        }
    }
    if let Some((text, src)) = prose {
        out.push(Node::Text(TextRun::new(text, src, false)));
    }
    out
}

/// Makes the image a figure, in place of its paragraph, when `nodes` end with a
/// paragraph that holds only that image.
fn figure_at_end(nodes: &mut Vec<Node>) {
    let n = nodes.len();
    if n >= 3
        && matches!(
            (&nodes[n - 3], &nodes[n - 2], &nodes[n - 1]),
            (Node::Bare(Bare::Start(TagEnd::Paragraph)), Node::Image(_), Node::Bare(Bare::End(TagEnd::Paragraph)))
        )
    {
        nodes.pop();
        let Some(Node::Image(mut image)) = nodes.pop() else { return };
        nodes.pop();
        image.figure = true;
        nodes.push(Node::Image(image));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(md: &str) -> Vec<Node> {
        parse(MdInput { text: md, base: 0, file: 0, raw_html: false, footnotes: true, offsets: None }, &mut Vec::new())
    }

    #[test]
    fn at_links_become_references() {
        let n = nodes("See [Lerner](@nicolas-lerner).");
        assert!(n.iter().any(|n| matches!(n, Node::RefOpen(r) if &*r.id == "nicolas-lerner" && r.span == (4..29))));
    }

    #[test]
    fn raw_html_becomes_text() {
        let n = nodes("a <b>bold</b>");
        assert!(n.iter().all(|n| !matches!(n, Node::Event(e) if matches!(**e, Event::InlineHtml(_)))));
    }
}
