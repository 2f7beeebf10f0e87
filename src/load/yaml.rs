//! The one place gloss parses YAML. serde_yaml is deprecated upstream; swapping it
//! for another parser means changing this file only.

use serde::de::DeserializeOwned;

/// A YAML problem: what is wrong and the byte offset in the YAML text, when known.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// The parser's message, without its own location suffix.
    pub message: String,
    /// Byte offset into the YAML text.
    pub offset: Option<usize>,
}

/// Deserializes `text` into `T`. Empty text is read as an empty mapping. YAML tags
/// (`!include`, `!!binary`, …) are refused rather than read as plain values.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| convert_in(e, text))?;
    if let Some(tag) = first_tag(&value) {
        let offset = text.find(&tag).or_else(|| text.find('!'));
        return Err(YamlError {
            message: format!("YAML tag `{tag}` is not supported: write the value as plain text, a number or a list"),
            offset,
        });
    }
    serde_yaml::from_str(text).map_err(convert)
}

/// The first tag anywhere in `v`, as written (`!include`).
fn first_tag(v: &serde_yaml::Value) -> Option<String> {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            serde_yaml::Value::Tagged(t) => return Some(t.tag.to_string()),
            serde_yaml::Value::Sequence(s) => stack.extend(s.iter()),
            serde_yaml::Value::Mapping(m) => {
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

fn convert(e: serde_yaml::Error) -> YamlError {
    convert_in(e, "")
}

fn convert_in(e: serde_yaml::Error, text: &str) -> YamlError {
    let mut message = e.to_string();
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    if message.contains("merge") || message.contains("`<<`") {
        message.push_str(" (YAML merge keys `<<` are not supported: write the keys out)");
    }
    let mut offset = e.location().map(|l| l.index());
    if let Some(key) = message.strip_prefix("duplicate entry with key \"").and_then(|k| k.split('"').next()) {
        offset = repeated_key(text, key).or(offset);
        message = format!("the key `{key}` appears twice: keep one");
    }
    YamlError { message, offset }
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
