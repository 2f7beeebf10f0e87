//! Quotes in their own language (FORMAT.md 8.4): `original` needs a `lang` that is a
//! well-formed BCP 47 tag, and pages name the common languages in words.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId};
use crate::meta::Quote;

/// Whether `tag` has the form of a BCP 47 language tag: a language of 2 to 8 letters,
/// then subtags of 1 to 8 letters or digits, joined by hyphens.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok =
        parts.next().is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The problems of a quote's `original` and `lang`; `at(key, value)` locates a value.
pub(crate) fn check_quote(q: &Quote, at: impl Fn(&str, &str) -> Range<usize>, file: FileId) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    match (&q.original, &q.lang) {
        (Some(original), None) => found.push(
            Diagnostic::error(file, at("original", original), format!("quote '{}' has `original` but no `lang`", q.id))
                .help("add `lang:` with the language of the original as a BCP 47 tag, such as `ru`, `uk` or `ko`"),
        ),
        (None, Some(lang)) => found.push(
            Diagnostic::warning(file, at("lang", lang), format!("quote '{}' has `lang` but no `original`", q.id))
                .help("`lang` is the language of `original`; add the words as said, or remove `lang`"),
        ),
        _ => {}
    }
    if let Some(lang) = q.lang.as_deref().filter(|l| !is_language_tag(l)) {
        found.push(
            Diagnostic::error(file, at("lang", lang), format!("'{lang}' is not a language tag")).help(
                "write a BCP 47 tag: a language code such as `ru`, `uk`, `ko`, optionally with a region, `pt-BR`",
            ),
        );
    }
    found
}

/// The English name of a common language, for "As said, in Russian"; `None` for others.
pub(crate) fn language_name(tag: &str) -> Option<&'static str> {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    const NAMES: [(&str, &str); 20] = [
        ("ar", "Arabic"),
        ("be", "Belarusian"),
        ("de", "German"),
        ("en", "English"),
        ("es", "Spanish"),
        ("fa", "Persian"),
        ("fr", "French"),
        ("he", "Hebrew"),
        ("hi", "Hindi"),
        ("it", "Italian"),
        ("ja", "Japanese"),
        ("ko", "Korean"),
        ("nl", "Dutch"),
        ("pl", "Polish"),
        ("pt", "Portuguese"),
        ("ru", "Russian"),
        ("tr", "Turkish"),
        ("uk", "Ukrainian"),
        ("vi", "Vietnamese"),
        ("zh", "Chinese"),
    ];
    NAMES.iter().find(|(t, _)| *t == primary).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["ru", "uk", "ko", "pt-BR", "zh-Hant-TW", "sr-Latn"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "r", "russian language", "ru_RU", "-ru", "ru-", "\"><b>"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
        assert_eq!(language_name("KO-kr"), Some("Korean"));
    }
}
