//! The one place gloss deserializes YAML (with `scalars.rs`, which locates values):
//! serde_yaml_ng, the maintained fork of the deprecated serde_yaml, chosen by
//! measurement (docs/architecture.md). Swapping it means changing this file only.

use serde::de::DeserializeOwned;

/// A YAML problem: what is wrong and the byte offset in the YAML text, when known.
#[derive(Debug, Clone)]
pub(crate) struct YamlError {
    /// The parser's message, without its own location suffix.
    pub(crate) message: String,
    /// Byte offset into the YAML text.
    pub(crate) offset: Option<usize>,
    /// What to do about it, when gloss knows better than the parser.
    pub(crate) help: Option<String>,
}

impl YamlError {
    fn at(message: String, offset: Option<usize>) -> YamlError {
        YamlError { message, offset, help: None }
    }
}

/// Deserializes `text` into `T`. Empty text is read as an empty mapping. YAML tags
/// (`!include`, `!!binary`, …) are refused rather than read as plain values. An
/// unknown key at the top level is reported with every other unknown key beside it,
/// each with the nearest known key.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Vec<YamlError>> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    if let Some(offset) = too_deep(text) {
        let message =
            format!("the YAML nests more than {MAX_DEPTH} levels deep: front matter needs only a few; flatten it");
        return Err(vec![YamlError::at(message, Some(offset))]);
    }
    if let Some(offset) = tab_in_indentation(text) {
        let help = Some("YAML indents with spaces only: replace the tab with spaces".to_string());
        return Err(vec![YamlError { message: "a tab in the indentation".into(), offset: Some(offset), help }]);
    }
    // One parse for a good file: the generic value is only read when the text may
    // hold a tag or an alias (whose expansion the generic value bounds), or to
    // explain an error.
    if starts_a_node(text, '!') || starts_a_node(text, '*') {
        let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| vec![convert_in(e, text)])?;
        if let Some(tag) = first_tag(&value) {
            let offset = text.find(&tag).or_else(|| text.find('!'));
            let message =
                format!("YAML tag `{tag}` is not supported: write the value as plain text, a number or a list");
            return Err(vec![YamlError::at(message, offset)]);
        }
    }
    serde_yaml_ng::from_str(text).map_err(|e| {
        let first = convert_in(e, text);
        match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text) {
            Ok(value) => unknown_keys(first, text, &value),
            Err(_) => vec![first],
        }
    })
}

/// Whether `text` has `mark` where a YAML node starts (after `: `, `- `, `[`, `{`,
/// `,`, or at the start of a line), which every tag (`!`) and alias (`*`) needs; the
/// same character inside text only costs a second look.
fn starts_a_node(text: &str, mark: char) -> bool {
    text.match_indices(mark).any(|(at, _)| {
        let before = text[..at].trim_end_matches([' ', '\t']);
        before.is_empty() || before.ends_with([':', '-', '[', '{', ',', '\n', '?', '|', '>'])
    })
}

/// The `id` values of the mappings anywhere in `text`, when it is YAML at all (what a
/// file that failed to load would have defined, so that references to them are not
/// reported a second time).
pub(crate) fn ids_defined(text: &str) -> Vec<String> {
    if too_deep(text).is_some() {
        return Vec::new();
    }
    let Ok(value) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text) else { return Vec::new() };
    let mut ids = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_yaml_ng::Value::Sequence(s) => stack.extend(s.iter()),
            serde_yaml_ng::Value::Mapping(m) => {
                ids.extend(m.get("id").and_then(serde_yaml_ng::Value::as_str).map(str::to_string));
                stack.extend(m.values());
            }
            _ => {}
        }
    }
    ids
}

/// When `first` is an unknown key of the top-level mapping, it and every other unknown
/// key there, each with the nearest known key; otherwise `first` alone.
fn unknown_keys(first: YamlError, text: &str, value: &serde_yaml_ng::Value) -> Vec<YamlError> {
    let Some(rest) = first.message.strip_prefix("unknown field `") else { return vec![first] };
    let key = rest.split('`').next().unwrap_or("");
    let list = rest.split_once("expected").map_or("", |(_, k)| k);
    let known: Vec<&str> = list.split(" (").next().unwrap_or("").split('`').skip(1).step_by(2).collect();
    let Some(mapping) = value.as_mapping() else { return vec![first] };
    let top: Vec<&str> = mapping.keys().filter_map(serde_yaml_ng::Value::as_str).collect();
    if !top.contains(&key) {
        return vec![first];
    }
    let unknown: Vec<YamlError> = top
        .iter()
        .filter(|k| !known.contains(k))
        .map(|k| {
            let offset = top_level_key(text, k);
            let message = format!("unknown key `{k}`");
            let nearest = known.iter().map(|n| (strsim::levenshtein(k, n), *n)).filter(|(d, _)| *d <= 3).min();
            let help = match nearest {
                Some((_, n)) => format!("did you mean `{n}`? The keys here are {}", known.join(", ")),
                None => format!("the keys here are {}", known.join(", ")),
            };
            YamlError { message, offset, help: Some(help) }
        })
        .collect();
    if unknown.is_empty() || key == "<<" {
        vec![first]
    } else {
        unknown
    }
}

/// The offset of `key:` at the start of a line.
fn top_level_key(text: &str, key: &str) -> Option<usize> {
    let wanted = format!("{key}:");
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&wanted) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// How deep YAML may nest (lists in lists, mappings in lists, …). Real front matter
/// needs four or five levels; the parser's time grows with the square of the depth.
pub(crate) const MAX_DEPTH: usize = 32;

/// The offset where `text` first nests deeper than [`MAX_DEPTH`], in one pass that
/// overestimates rather than misses: indentation levels, compact `- ` / `? `
/// indicators at the start of a line, and open flow brackets all count.
fn too_deep(text: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if flow == 0 && !body.trim().is_empty() && !body.starts_with('#') {
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut depth = indents.len() + flow;
        let mut in_value_start = flow == 0;
        let mut quote: Option<u8> = None;
        let bytes = line.as_bytes();
        let mut i = indent;
        while i < bytes.len() {
            let b = bytes[i];
            match (quote, b) {
                (Some(b'"'), b'\\') => i += 1,
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'#') if i == 0 || bytes[i - 1] == b' ' => break,
                (None, b'"' | b'\'') if in_value_start => quote = Some(b),
                (None, b'-' | b'?') if in_value_start && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => {
                    depth += 1
                }
                (None, b'[' | b'{') if flow > 0 || in_value_start => {
                    flow += 1;
                    depth += 1;
                    in_value_start = true;
                }
                (None, b']' | b'}') if flow > 0 => {
                    flow -= 1;
                    depth = depth.saturating_sub(1);
                }
                (None, b' ') => {}
                (None, b':') if bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => in_value_start = true,
                (None, _) => in_value_start = flow > 0 && b == b',',
            }
            if depth > MAX_DEPTH {
                return Some(line_start + i);
            }
            i += 1;
        }
        line_start += line.len();
    }
    None
}

/// The first tag anywhere in `v`, as written (`!include`).
fn first_tag(v: &serde_yaml_ng::Value) -> Option<String> {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_yaml_ng::Value::Tagged(t) => return Some(t.tag.to_string()),
            serde_yaml_ng::Value::Sequence(s) => stack.extend(s.iter()),
            serde_yaml_ng::Value::Mapping(m) => {
                for (k, v) in m {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    None
}

fn convert_in(e: serde_yaml_ng::Error, text: &str) -> YamlError {
    let mut message = without_positions(&e.to_string());
    if message.contains("merge") || message.contains("`<<`") {
        message.push_str(" (YAML merge keys `<<` are not supported: write the keys out)");
    }
    let mut offset = e.location().map(|l| l.index());
    let repeated = message
        .strip_prefix("duplicate entry with key \"")
        .and_then(|k| k.split('"').next())
        .or_else(|| message.strip_prefix("duplicate field `").and_then(|k| k.split('`').next()))
        .map(str::to_string);
    if let Some(key) = repeated {
        offset = repeated_key(text, &key).or(offset);
        message = format!("the key `{key}` appears twice: keep one");
    }
    if message.contains("could not find expected ':'") {
        // Most often the body, read as YAML: point at its first line.
        offset = first_line_of_text(text).or(offset);
    }
    for (jargon, open) in [("expected ',' or ']'", '['), ("expected ',' or '}'", '{')] {
        if message.contains(jargon) {
            // The parser notices at the end; the author needs the opening bracket.
            offset = offset.and_then(|o| text[..o.min(text.len())].rfind(open)).or(offset);
        }
    }
    match plain_words(&message) {
        Some((message, help)) => YamlError { message: message.to_string(), offset, help: Some(help.to_string()) },
        None => YamlError::at(message, offset),
    }
}

/// The offset of the first tab in the leading white space of a line.
fn tab_in_indentation(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line[..lead].find('\t') {
            return Some(at + i);
        }
        at += line.len();
    }
    None
}

/// The offset of the first line that cannot be YAML of front matter: not indented, not
/// empty, not a comment, no `key:` and not an item of a list.
fn first_line_of_text(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        let yaml_like = t.is_empty() || t.starts_with([' ', '#', '-', '\t']) || t.contains(": ") || t.ends_with(':');
        if !yaml_like {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The parser's message without the positions it writes into it (`at line 3 column
/// 11`): the diagnostic gives the one position that counts.
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip =
            after.find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c))).unwrap_or(after.len());
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

/// The parser's jargon for the common mistakes, in plain words, with what to do.
fn plain_words(message: &str) -> Option<(&'static str, &'static str)> {
    const KNOWN: [(&str, &str, &str); 8] = [
        (
            "cannot start any token",
            "a character that cannot begin a YAML value",
            "put the value in double quotes (values starting with @ or ` must be)",
        ),
        (
            "mapping values are not allowed",
            "a `: ` inside a value that is not in quotes",
            "put the value in double quotes: summary: \"**Zone**: the area\"",
        ),
        ("tab character", "a tab in the indentation", "YAML indents with spaces only: replace the tab with spaces"),
        (
            "while scanning an alias",
            "a value that starts with `*` is read as a YAML alias",
            "put the value in double quotes: summary: \"**Zone** …\"",
        ),
        (
            "while scanning an anchor",
            "a value that starts with `&` is read as a YAML anchor",
            "put the value in double quotes",
        ),
        (
            "could not find expected ':'",
            "a line that is neither `key: value` nor part of a list",
            "if this is the article's text, the front matter is not closed: end it with a line `---` before the body",
        ),
        (
            "expected ',' or ']'",
            "a list opened with `[` is not closed",
            "close it with `]`, or put the value in double quotes if it is text",
        ),
        (
            "expected ',' or '}'",
            "a mapping opened with `{` is not closed",
            "close it with `}`, or put the value in double quotes if it is text",
        ),
    ];
    KNOWN.iter().find(|(jargon, _, _)| message.contains(jargon)).map(|&(_, plain, help)| (plain, help))
}

/// The offset of the second line that starts (after indentation) with `key:`.
fn repeated_key(text: &str, key: &str) -> Option<usize> {
    let wanted = format!("{key}:");
    let mut starts = text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    });
    starts
        .by_ref()
        .filter(|(_, line)| line.trim_start().starts_with(&wanted))
        .nth(1)
        .map(|(start, line)| start + line.len() - line.trim_start().len())
}
