//! Splitting a content file into its YAML front matter and Markdown body.

use std::ops::Range;

/// Where the front matter and the body lie in a file's text.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The YAML between the fences.
    pub(crate) yaml: Range<usize>,
    /// Everything after the closing fence's line.
    pub(crate) body: Range<usize>,
}

/// Why a file's front matter could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---` line.
    NotClosed,
}

/// Finds the front matter: a first line `---`, then YAML, then a line `---`.
/// The closing fence must stand alone on its line (trailing spaces allowed) and be
/// followed by a line break or the end of the file.
pub(crate) fn split(text: &str) -> Result<Split, SplitError> {
    let first_end = match text.find('\n') {
        Some(i) => i + 1,
        None => text.len(),
    };
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let mut pos = first_end;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..line_end].trim_end() == "---" {
            return Ok(Split { yaml: first_end..pos, body: line_end..text.len() });
        }
        pos = line_end;
    }
    Err(SplitError::NotClosed)
}

/// The span of the first whole-token occurrence of `needle` inside `within` of `text`,
/// or the start of `within` when it does not occur. Used to point diagnostics about a
/// front matter value at the value itself.
pub(crate) fn locate(text: &str, within: Range<usize>, needle: &str) -> Range<usize> {
    tokens(text, within.clone(), needle).next().unwrap_or(within.start..within.start)
}

/// Like [`locate`], but prefers an occurrence whose line holds `key:` before it, so the
/// words of an `exact:` point at that key rather than at the same words in a title.
pub(crate) fn locate_key(text: &str, within: Range<usize>, key: &str, needle: &str) -> Range<usize> {
    let wanted = format!("{key}:");
    tokens(text, within.clone(), needle)
        .find(|span| {
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..span.start].contains(&wanted)
        })
        .unwrap_or_else(|| locate(text, within, needle))
}

/// Every whole-token occurrence of `needle` inside `within` (none when `within` is not
/// in `text`: a file that changed after it was read is shown by its name only).
fn tokens<'t>(text: &'t str, within: Range<usize>, needle: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
    let region = text.get(within.clone()).unwrap_or_default();
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        while let Some(i) = region[from..].find(needle) {
            let start = from + i;
            let end = start + needle.len();
            from = end;
            let before = region[..start].chars().next_back();
            let after = region[end..].chars().next();
            let token_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !token_char(before) && !token_char(after) {
                return Some(within.start + start..within.start + end);
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let s = split("---\ntitle: x\n---\nbody").unwrap();
        assert_eq!(s.yaml, 4..13);
        assert_eq!(s.body, 17..21);
        let s = split("---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(s.body.start, 20);
    }

    #[test]
    fn reports_missing_and_unclosed() {
        assert_eq!(split("title: x").unwrap_err(), SplitError::Missing);
        assert_eq!(split("---\ntitle: x\n").unwrap_err(), SplitError::NotClosed);
        assert_eq!(split("---\ntitle: x\n---title").unwrap_err(), SplitError::NotClosed);
    }

    #[test]
    fn closing_fence_at_end_of_file() {
        let s = split("---\na: 1\n---").unwrap();
        assert_eq!(s.body, 12..12);
    }

    #[test]
    fn locates_whole_tokens_only() {
        let text = "by: putin-x\nby: putin\n";
        assert_eq!(locate(text, 0..text.len(), "putin"), 16..21);
    }
}
