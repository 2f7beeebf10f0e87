//! Raw HTML in Markdown, as pulldown-cmark reports it (`Html` and `InlineHtml` events;
//! text that only looks like HTML inside code is neither). Escaped, it is a warning at
//! its tag that says how to let it through. Let through (`raw_html: true`), iframes
//! and videos are made to fit the text column and iframes load lazily.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{CowStr, Event};

use super::input::MdInput;
use crate::diag::Diagnostic;
use crate::site::body::Node;
use crate::text::escape_html;

/// The warning for raw HTML `html`, at local range `at` of the text, that is shown as
/// text. An end tag makes none unless `end_tags`: its start tag had the warning.
pub(crate) fn escaped(input: &MdInput<'_>, html: &str, at: Range<usize>, end_tags: bool) -> Option<Diagnostic> {
    let open = html.find('<')?;
    let tag = &html[open..];
    let name: String = if tag.starts_with("<!--") {
        "<!-- -->".to_string()
    } else {
        let bare = tag[1..].trim_start_matches('/');
        let name: String = bare.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
        if name.is_empty() || (tag.starts_with("</") && !end_tags) {
            return None;
        }
        format!("<{}{name}>", if tag.starts_with("</") { "/" } else { "" })
    };
    let len = tag.find('>').map_or(tag.len(), |i| i + 1).min(at.len().saturating_sub(open));
    let start = at.start + open;
    // Bodies may use footnotes; front-matter values may not, and never let HTML through.
    let help = if input.footnotes {
        "raw HTML is escaped unless site.yaml has `raw_html: true`; set it to let HTML through, or write this in Markdown"
    } else {
        "HTML in a front-matter value is always shown as text; write it in Markdown"
    };
    Some(
        Diagnostic::warning(
            input.file,
            input.pos(start)..input.pos(start + len),
            format!("raw HTML '{name}' shown as text"),
        )
        .help(help),
    )
}

/// Adds a line of an HTML block that is let through: the lines of one block are
/// gathered in one node, so that a tag written over several lines is read whole.
pub(crate) fn push_block_line(nodes: &mut Vec<Node>, html: CowStr<'static>) {
    if let Some(Node::Event(prev)) = nodes.last_mut() {
        if let Event::Html(prev) = &mut **prev {
            let mut joined = prev.to_string();
            joined.push_str(&html);
            *prev = CowStr::from(joined);
            return;
        }
    }
    nodes.push(Node::event(Event::Html(html)));
}

/// Rewrites the iframes and videos of `html` that is let through: class `embed` (and
/// `embed-sized`, with an `aspect-ratio` from their `width` and `height`) so they
/// scale to the column, and `loading="lazy"` on iframes that do not say. Other HTML is
/// left as written.
pub(crate) fn embeds(html: CowStr<'static>) -> CowStr<'static> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("<iframe") && !lower.contains("<video") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    for token in Tokenizer::new_with_emitter(html.as_ref(), DefaultEmitter::<usize>::new_with_span()).flatten() {
        let Token::StartTag(tag) = token else { continue };
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        if name != "iframe" && name != "video" {
            continue;
        }
        let mut attrs: Vec<(String, String)> = tag
            .attributes
            .iter()
            .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(&v.value).into_owned()))
            .collect();
        fit(&name, &mut attrs);
        out.push_str(&html[copied..tag.span.start]);
        out.push('<');
        out.push_str(&name);
        for (k, v) in &attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape_html(v)));
        }
        out.push('>');
        copied = tag.span.end;
    }
    out.push_str(&html[copied..]);
    CowStr::from(out)
}

/// The attributes that make an embed fit the column and load lazily.
fn fit(name: &str, attrs: &mut Vec<(String, String)>) {
    let number = |key: &str| {
        attrs.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.trim().parse::<u32>().ok()).filter(|n| *n > 0)
    };
    let ratio = number("width").zip(number("height"));
    let classes = if ratio.is_some() { "embed embed-sized" } else { "embed" };
    set(attrs, "class", |old| format!("{old} {classes}").trim().to_string());
    if let Some((w, h)) = ratio {
        set(attrs, "style", |old| format!("aspect-ratio: {w} / {h}; {old}").trim().to_string());
    }
    if name == "iframe" && !attrs.iter().any(|(k, _)| k == "loading") {
        attrs.push(("loading".to_string(), "lazy".to_string()));
    }
}

/// Sets attribute `key` to `value(old value)`, the old value being empty when absent.
fn set(attrs: &mut Vec<(String, String)>, key: &str, value: impl Fn(&str) -> String) {
    match attrs.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => *v = value(v),
        None => attrs.push((key.to_string(), value(""))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iframe_is_sized_and_lazy_and_the_rest_is_left_alone() {
        let html = CowStr::from("<p>x</p><iframe width=\"560\" height='315' src=x class=a></iframe>".to_string());
        assert_eq!(
            embeds(html).as_ref(),
            "<p>x</p><iframe class=\"a embed embed-sized\" height=\"315\" src=\"x\" width=\"560\" \
             style=\"aspect-ratio: 560 / 315;\" loading=\"lazy\"></iframe>"
        );
        let video = CowStr::from("<video controls src=v.mp4></video>".to_string());
        assert_eq!(embeds(video).as_ref(), "<video controls=\"\" src=\"v.mp4\" class=\"embed\"></video>");
        assert_eq!(embeds(CowStr::from("<b>iframe</b>")).as_ref(), "<b>iframe</b>");
    }
}
