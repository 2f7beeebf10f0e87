//! Sentence boundaries for excerpts: Unicode's sentence rules (UAX #29, through
//! `unicode-segmentation`), with the breaks after common abbreviations ("a.m.",
//! "U.S.", "Mr.", "Jan.", single initials) taken back out.

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations that end in a full stop but rarely end a sentence, lowercased and
/// without their final stop.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "col", "lt", "maj", "capt", "cmdr", "sgt", "adm", "gov", "sen",
    "rep", "pres", "rev", "sr", "jr", "no", "nos", "vol", "art", "fig", "approx", "vs", "cf", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether `word`, the last word before a sentence break, is an abbreviation that
/// does not end the sentence: one of [`ABBREVIATIONS`], a single capital initial
/// ("J."), or letters each followed by a stop ("U.S.", "a.m.", "e.g.").
fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(stem) = word.strip_suffix('.') else { return false };
    if ABBREVIATIONS.contains(&stem.to_lowercase().as_str()) {
        return true;
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let parts: Vec<&str> = stem.split('.').collect();
    parts.len() > 1 && parts.iter().all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// The byte offsets at which the sentences of `text` start (0 first), with no break
/// after an abbreviation.
pub(crate) fn starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    for sentence in text.split_sentence_bounds() {
        let last_word = sentence.split_whitespace().next_back().unwrap_or("");
        at += sentence.len();
        if at < text.len() && !is_abbreviation(last_word) {
            out.push(at);
        }
    }
    out
}

/// The byte range of the sentence or sentences of `text` that hold `start..end`,
/// trailing white space left out.
pub(crate) fn around(text: &str, start: usize, end: usize) -> (usize, usize) {
    around_in(&starts(text), text, start, end)
}

/// Like [`around`], with the sentence starts of `text` ([`starts`]) already known.
pub(crate) fn around_in(bounds: &[usize], text: &str, start: usize, end: usize) -> (usize, usize) {
    let first = bounds.iter().copied().filter(|&b| b <= start).max().unwrap_or(0);
    let last = bounds.iter().copied().find(|&b| b >= end.max(start + 1)).unwrap_or(text.len());
    (first, first + text[first..last].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_of(text: &str, word: &str) -> String {
        let s = text.find(word).unwrap();
        let (a, b) = around(text, s, s + word.len());
        text[a..b].to_string()
    }

    #[test]
    fn abbreviations_stay_inside_their_sentence() {
        let t =
            "It began early. At 9 a.m. U.S. officials met Mr. Kim and Dr. J. Park in St. Petersburg. Then it ended.";
        assert_eq!(sentence_of(t, "Park"), "At 9 a.m. U.S. officials met Mr. Kim and Dr. J. Park in St. Petersburg.");
    }

    #[test]
    fn real_sentences_still_end() {
        let t = "The troops arrived! Did they fight? Yes. They did.";
        assert_eq!(sentence_of(t, "fight"), "Did they fight?");
        assert_eq!(sentence_of(t, "did"), "They did.");
        assert_eq!(sentence_of(t, "troops"), "The troops arrived!");
    }
}
