//! WCAG contrast for the generated syntax stylesheet: every token colour of a theme is
//! darkened or lightened until it reads at 4.5:1 (AA) on its background.

/// The contrast ratio the token colours are brought to (WCAG AA for body text),
/// with a little room for rounding.
const TARGET: f64 = 4.6;

/// A colour's red, green and blue.
pub(crate) type Rgb = [u8; 3];

/// The colour of a hex string's first six digits (`0086b3`).
pub(crate) fn parse_hex(hex: &str) -> Option<Rgb> {
    let digits = hex.get(..6)?;
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Relative luminance (WCAG 2).
fn luminance(c: Rgb) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// The contrast ratio of two colours, 1 to 21.
pub(crate) fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `fg`, moved towards black on a light background or white on a dark one, just far
/// enough to reach [`TARGET`] against `bg`.
fn readable(fg: Rgb, bg: Rgb) -> Rgb {
    let toward = if luminance(bg) > 0.18 { 0.0 } else { 255.0 };
    let mut c = fg;
    for step in 1..=20 {
        if ratio(c, bg) >= TARGET {
            break;
        }
        let t = f64::from(step) / 20.0;
        c = fg.map(|v| (f64::from(v) + (toward - f64::from(v)) * t).round() as u8);
    }
    c
}

/// `css` (syntect's class stylesheet) with each rule's `color` made readable against
/// the rule's own `background-color`, or `bg` (a `#rrggbb` colour) when it has none.
pub(crate) fn readable_css(css: &str, bg: &str) -> String {
    let default_bg = parse_hex(bg.trim_start_matches('#')).unwrap_or([255; 3]);
    let mut out = String::with_capacity(css.len());
    for (i, rule) in css.split('}').enumerate() {
        if i > 0 {
            out.push('}');
        }
        let rule_bg = declared(rule, "background-color").unwrap_or(default_bg);
        let mut rest = rule;
        while let Some(at) = find_color(rest) {
            let value = &rest[at..];
            let hex_len = value.bytes().take_while(u8::is_ascii_hexdigit).count();
            out.push_str(&rest[..at]);
            match parse_hex(&value[..hex_len]) {
                Some(fg) => {
                    let [r, g, b] = readable(fg, rule_bg);
                    out.push_str(&format!("{r:02x}{g:02x}{b:02x}"));
                }
                None => out.push_str(&value[..hex_len]),
            }
            rest = &value[hex_len..];
        }
        out.push_str(rest);
    }
    out
}

/// The offset just past `color: #` of the first `color` (not `background-color`)
/// declaration in `s`.
fn find_color(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find("color:") {
        let at = from + i;
        let value_at = at + "color:".len();
        let hash = s[value_at..].find(|c: char| !c.is_whitespace()).map(|j| value_at + j);
        if !s[..at].ends_with('-') {
            if let Some(h) = hash.filter(|&h| s[h..].starts_with('#')) {
                return Some(h + 1);
            }
        }
        from = value_at;
    }
    None
}

/// The colour of declaration `name` in `rule`, if it has one.
fn declared(rule: &str, name: &str) -> Option<Rgb> {
    let at = rule.find(&format!("{name}:"))? + name.len() + 1;
    parse_hex(rule[at..].trim_start().strip_prefix('#')?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pale_tokens_are_darkened_and_dark_ones_kept() {
        let css = ".hl-c {\n color: #0086b3;\n}\n.hl-k {\n color: #a71d5d;\n}\n";
        let out = readable_css(css, "#f6f8fa");
        assert!(!out.contains("0086b3"), "{out}");
        assert!(out.contains("a71d5d"), "{out}");
        for hex in out.split("color: #").skip(1) {
            assert!(ratio(parse_hex(hex).unwrap(), [0xf6, 0xf8, 0xfa]) >= 4.5, "{out}");
        }
    }

    #[test]
    fn a_rule_is_measured_against_its_own_background() {
        let css = ".hl-i {\n color: #65737e;\n background-color: #2b303b;\n}";
        let out = readable_css(css, "#ffffff");
        let hex = out.split("color: #").nth(1).unwrap();
        assert!(ratio(parse_hex(hex).unwrap(), [0x2b, 0x30, 0x3b]) >= 4.5, "{out}");
        assert!(out.contains("background-color: #2b303b"), "{out}");
    }
}
