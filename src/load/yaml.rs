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

/// Deserializes `text` into `T`. Empty text is read as an empty mapping.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|e| {
        let mut message = e.to_string();
        if let Some(i) = message.rfind(" at line ") {
            message.truncate(i);
        }
        if message.contains("merge") || message.contains("`<<`") {
            message.push_str(" (YAML merge keys `<<` are not supported: write the keys out)");
        }
        YamlError { message, offset: e.location().map(|l| l.index()) }
    })
}
