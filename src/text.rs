//! Shortening text for readers: excerpts, card texts, titles. Cuts fall on word
//! boundaries and are marked with an ellipsis.

/// `s` cut to at most `max` characters at its end, on a word boundary, with `…` added
/// when anything was cut.
pub fn clip_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let cut = head.rfind(' ').map_or(head.as_str(), |i| &head[..i]);
    format!("{cut}…")
}

/// `s` cut to at most `max` characters at its start, on a word boundary, with `…`
/// in front when anything was cut.
pub fn clip_start(s: &str, max: usize) -> String {
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
    fn clips_on_word_boundaries() {
        assert_eq!(clip_end("one two three", 9), "one two…");
        assert_eq!(clip_start("one two three", 9), "… three");
        assert_eq!(clip_end("short", 9), "short");
    }
}
