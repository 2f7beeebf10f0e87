//! Text for readers and for parsers: excerpts, card texts and titles shortened on word
//! boundaries, numbers formatted, HTML escaped, and characters that XML and HTML
//! forbid kept out of the output.

use std::borrow::Cow;

/// HTML-escapes text for element content and quoted attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// Formats a number for readers: thousands separators, no needless decimals.
pub(crate) fn format_number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// Serializes `v` as JSON for inclusion in `<script type="application/ld+json">`: `<`, `>`, `&`
/// and the JavaScript line separators are written as escapes, so no value can end the
/// script element.
pub(crate) fn json_for_script(v: &impl serde::Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    let specials: &[char] = &['<', '>', '&', '\u{2028}', '\u{2029}'];
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find(specials) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or(' ');
        out.push_str(match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            _ => "\\u2029",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// What a character that XML 1.0 or HTML forbids becomes: a control character (other
/// than tab, line feed and carriage return) a space, a noncharacter (U+FFFE, U+FDD0, …)
/// the replacement character U+FFFD. Allowed characters are kept.
pub(crate) fn allowed_char(c: char) -> char {
    let n = c as u32;
    if (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || n == 0x7f {
        ' '
    } else if (0xfdd0..=0xfdef).contains(&n) || n & 0xfffe == 0xfffe {
        '\u{fffd}'
    } else {
        c
    }
}

/// True when no character of `s` needs [`allowed_char`]. The bytes are scanned in
/// blocks without branching (which the compiler vectorizes: every rendered file goes
/// through here), and only the characters whose lead byte could start a forbidden one
/// are looked at closer.
fn all_allowed(s: &str) -> bool {
    // Control characters, DEL, and the lead bytes of C1 controls (U+0080–U+009F),
    // non-characters (U+FDD0–U+FDEF, U+FFFE, U+FFFF) and the planes above the first.
    let suspicious =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7f | 0xc2 | 0xef | 0xf0..);
    let bytes = s.as_bytes();
    let mut start = 0;
    for block in bytes.chunks(64) {
        if block.iter().fold(false, |any, &b| any | suspicious(b)) {
            for (i, &b) in block.iter().enumerate() {
                // A suspicious byte is ASCII or a lead byte, so a character starts there.
                let c = if suspicious(b) { s.get(start + i..).and_then(|rest| rest.chars().next()) } else { None };
                if c.is_some_and(|c| allowed_char(c) != c) {
                    return false;
                }
            }
        }
        start += block.len();
    }
    true
}

/// `s` with every forbidden character replaced as [`allowed_char`] says.
pub(crate) fn only_allowed(s: &str) -> Cow<'_, str> {
    if all_allowed(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(allowed_char).collect())
    }
}

/// Like [`only_allowed`], but keeping every byte offset: each forbidden character is
/// replaced by spaces or U+FFFD of the same UTF-8 length, so positions in the text
/// stay true. Returns the first character replaced, if any.
pub(crate) fn only_allowed_in_place(s: &mut String) -> Option<(usize, char)> {
    if all_allowed(s) {
        return None;
    }
    let mut first = None;
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        let allowed = allowed_char(c);
        if allowed == c {
            out.push(c);
            continue;
        }
        first.get_or_insert((at, c));
        let mut room = c.len_utf8();
        if allowed == '\u{fffd}' && room >= 3 {
            out.push(allowed);
            room -= 3;
        }
        out.extend(std::iter::repeat_n(' ', room));
    }
    *s = out;
    first
}

/// `s` cut to at most `max` characters at its end, on a word boundary, with `…` added
/// when anything was cut.
pub(crate) fn clip_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let cut = head.rfind(' ').map_or(head.as_str(), |i| &head[..i]);
    format!("{cut}…")
}

/// `s` cut to at most `max` characters at its start, on a word boundary, with `…`
/// in front when anything was cut.
pub(crate) fn clip_start(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let tail: String = s.chars().skip(n - max).collect();
    let cut = tail.find(' ').map_or(tail.as_str(), |i| &tail[i..]);
    format!("…{cut}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_allowed_finds_a_forbidden_character_anywhere_even_across_blocks() {
        let plain = "a".repeat(200);
        let allowed = ["\u{a0}", "©", "\u{ef00}", "😀", "\t\r\n", "“”—"];
        let forbidden = ["\u{0}", "\u{1b}", "\u{7f}", "\u{85}", "\u{fdd0}", "\u{fffe}", "\u{1fffe}", "\u{10ffff}"];
        for at in [0, 1, 62, 63, 64, 127, 199] {
            for c in allowed {
                let s = format!("{}{c}{}", &plain[..at], &plain[at..]);
                assert!(all_allowed(&s), "{c:?} at {at}");
            }
            for c in forbidden {
                let s = format!("{}{c}{}", &plain[..at], &plain[at..]);
                assert!(!all_allowed(&s), "{c:?} at {at}");
                assert!(s.chars().any(|x| allowed_char(x) != x), "{c:?} is forbidden");
            }
        }
    }

    #[test]
    fn forbidden_characters_are_replaced_keeping_offsets() {
        let mut s = "a\u{1}b\u{85}c\u{fffe}d\u{1fffe}e\té".to_string();
        let len = s.len();
        assert_eq!(only_allowed_in_place(&mut s), Some((1, '\u{1}')));
        assert_eq!(s, "a b  c\u{fffd}d\u{fffd} e\té");
        assert_eq!(s.len(), len);
        assert_eq!(only_allowed("x\u{1b}[1m"), "x [1m");
        assert!(matches!(only_allowed("plain é ✓ 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn script_breakouts_are_escaped() {
        let s = json_for_script(&serde_json::json!({ "t": "</script><script>alert(1)</script>\u{2028}&" }));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'));
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(format_number(10000.0), "10,000");
        assert_eq!(format_number(950.0), "950");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-1234567.0), "-1,234,567");
    }

    #[test]
    fn clips_on_word_boundaries() {
        assert_eq!(clip_end("one two three", 9), "one two…");
        assert_eq!(clip_start("one two three", 9), "… three");
        assert_eq!(clip_end("short", 9), "short");
    }
}
