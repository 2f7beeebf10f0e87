//! Where each scalar of a YAML text is, character by character: for every value, the
//! offset in the YAML of each byte of the value as the parser gives it, whatever its
//! style (plain or quoted over several lines, escapes, `''`, folded `>` and literal
//! `|` blocks). Diagnostics inside a Markdown value of front matter point at the right
//! line and column with it. Part of the YAML module: only `yaml.rs` and this file read
//! YAML.

use saphyr_parser::{Event, Parser, ScalarStyle};

/// One scalar value and where its bytes are.
#[derive(Debug, Clone)]
pub(crate) struct ScalarPlace {
    /// The value, as the parser reads it.
    pub(crate) value: String,
    /// For each byte of `value` (and one past its end), the byte offset in the YAML
    /// text it came from.
    pub(crate) offsets: Vec<usize>,
}

/// Every scalar of `text` in document order, keys included. Empty when `text` is not
/// YAML the parser can read.
pub(crate) fn scalars(text: &str) -> Vec<ScalarPlace> {
    let bytes_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let byte = |chars: usize| bytes_at.get(chars).copied().unwrap_or(text.len());
    let mut out = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((Event::Scalar(value, style, _, _), span)) = event else {
            if event.is_err() {
                return Vec::new();
            }
            continue;
        };
        let (start, end) = (byte(span.start.index()), byte(span.end.index()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..start].chars().count();
        let offsets = simulate(&text[start..end.max(start)], style, indent)
            .filter(|(decoded, _)| same_value(decoded, &value, style))
            .map(|(_, offsets)| offsets.into_iter().map(|o| start + o).collect())
            .unwrap_or_else(|| (0..=value.len()).map(|i| (start + i).min(end)).collect());
        out.push(ScalarPlace { value: value.into_owned(), offsets });
    }
    out
}

/// Block scalars may differ from the simulation in their final line breaks (chomping).
fn same_value(decoded: &str, value: &str, style: ScalarStyle) -> bool {
    match style {
        ScalarStyle::Literal | ScalarStyle::Folded => decoded.trim_end_matches('\n') == value.trim_end_matches('\n'),
        _ => decoded == value,
    }
}

/// The value `raw` (one scalar's source) reads as, and the offset in `raw` of each of
/// its bytes; `indent` is the column the scalar starts at.
fn simulate(raw: &str, style: ScalarStyle, indent: usize) -> Option<(String, Vec<usize>)> {
    let mut out = Decoded::default();
    match style {
        ScalarStyle::Plain => flow(raw, 0, raw.len(), &mut out, None),
        ScalarStyle::SingleQuoted => flow(raw, 1, raw.rfind('\'').filter(|&e| e >= 1)?, &mut out, Some('\'')),
        ScalarStyle::DoubleQuoted => flow(raw, 1, raw.rfind('"').filter(|&e| e >= 1)?, &mut out, Some('"')),
        ScalarStyle::Literal | ScalarStyle::Folded => block(raw, indent, style == ScalarStyle::Folded, &mut out),
    }
    out.offsets.push(raw.len());
    Some((out.text, out.offsets))
}

/// A value being decoded, with the source offset of each byte.
#[derive(Default)]
struct Decoded {
    text: String,
    offsets: Vec<usize>,
}

impl Decoded {
    fn push(&mut self, c: char, from: usize) {
        self.text.push(c);
        self.offsets.extend(std::iter::repeat_n(from, c.len_utf8()));
    }

    /// Drops trailing spaces and tabs (before a line break of a flow scalar).
    fn trim_end(&mut self) {
        while self.text.ends_with([' ', '\t']) {
            self.text.pop();
            self.offsets.pop();
        }
    }
}

/// A plain or quoted scalar between `from` and `to` of `raw`: line breaks fold into one
/// space, each empty line into a line break; in double quotes, escapes are read.
fn flow(raw: &str, from: usize, to: usize, out: &mut Decoded, quote: Option<char>) {
    let mut chars = raw[from..to].char_indices().map(|(i, c)| (i + from, c)).peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\n' => {
                out.trim_end();
                let mut breaks = 0;
                while let Some(&(_, n)) = chars.peek() {
                    match n {
                        ' ' | '\t' | '\r' => {}
                        '\n' => breaks += 1,
                        _ => break,
                    }
                    chars.next();
                }
                if breaks == 0 {
                    out.push(' ', at);
                }
                for _ in 0..breaks {
                    out.push('\n', at);
                }
            }
            '\'' if quote == Some('\'') => {
                if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                }
                out.push('\'', at);
            }
            '\\' if quote == Some('"') => escape(&mut chars, at, out),
            c => out.push(c, at),
        }
    }
}

/// One escape of a double-quoted scalar, its backslash at `at`.
fn escape(chars: &mut std::iter::Peekable<impl Iterator<Item = (usize, char)>>, at: usize, out: &mut Decoded) {
    let Some((_, e)) = chars.next() else { return };
    let simple = match e {
        '0' => Some('\0'),
        'a' => Some('\u{7}'),
        'b' => Some('\u{8}'),
        't' | '\t' => Some('\t'),
        'n' => Some('\n'),
        'v' => Some('\u{b}'),
        'f' => Some('\u{c}'),
        'r' => Some('\r'),
        'e' => Some('\u{1b}'),
        ' ' => Some(' '),
        'N' => Some('\u{85}'),
        '_' => Some('\u{a0}'),
        'L' => Some('\u{2028}'),
        'P' => Some('\u{2029}'),
        '"' | '/' | '\\' => Some(e),
        _ => None,
    };
    if let Some(c) = simple {
        return out.push(c, at);
    }
    let digits = match e {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        '\n' => {
            // A line continued: the break and the next line's indentation vanish.
            while chars.peek().is_some_and(|&(_, n)| n == ' ' || n == '\t') {
                chars.next();
            }
            return;
        }
        _ => return,
    };
    let hex: String = (0..digits).filter_map(|_| chars.next().map(|(_, c)| c)).collect();
    if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
        out.push(c, at);
    }
}

/// A literal or folded block: each line without the block's indentation; in a folded
/// block, a break between two lines of text at that indentation reads as a space.
fn block(raw: &str, indent: usize, folded: bool, out: &mut Decoded) {
    let mut at = 0;
    let mut first = true;
    let mut previous_was_text = false;
    for line in raw.split_inclusive('\n') {
        let skip = if first { 0 } else { line.chars().take(indent).take_while(|c| *c == ' ').count() };
        let content = &line[skip..];
        let body = content.trim_end_matches(['\n', '\r']);
        let more_indented = body.starts_with([' ', '\t']);
        if folded && !first && previous_was_text && !body.is_empty() && !more_indented {
            // The break that ended the previous line becomes a space.
            if out.text.ends_with('\n') {
                out.text.pop();
                out.offsets.pop();
                out.push(' ', at - 1);
            }
        }
        for (i, c) in content.char_indices() {
            if c != '\r' {
                out.push(c, at + skip + i);
            }
        }
        previous_was_text = !body.is_empty() && !more_indented;
        first = false;
        at += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source text at the offset of `needle` in the value of scalar `n`.
    fn source_of(text: &str, n: usize, needle: &str) -> String {
        let place = &scalars(text)[n];
        let i = place.value.find(needle).expect("needle in value");
        let from = place.offsets[i];
        text[from..].chars().take(needle.chars().count()).collect()
    }

    #[test]
    fn every_style_maps_back_to_its_source() {
        let text = "a: \"x \\\"q\\\"\n  @ref\"\nb: 'it''s\n  @ref'\nc: one\n  two @ref\nd: >\n  folded\n  @ref\ne: |\n  lit\n    @ref\n";
        for n in [1, 3, 5, 7, 9] {
            assert_eq!(source_of(text, n, "@ref"), "@ref", "scalar {n}");
        }
        let s = scalars(text);
        assert_eq!(s[1].value, "x \"q\" @ref");
        assert_eq!(s[7].value, "folded @ref\n");
        assert_eq!(s[9].value, "lit\n  @ref\n");
    }
}
