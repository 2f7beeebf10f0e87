//! Sentence boundaries for excerpts: Unicode's sentence rules (UAX #29, through
//! `unicode-segmentation`), with the breaks after common abbreviations ("a.m.",
//! "U.S.", "Mr.", "Jan.", single initials) taken back out.

use unicode_segmentation::{USentenceBounds, UnicodeSegmentation};

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

/// The sentence starts of a text (byte offsets, 0 first), with no break after an
/// abbreviation, found only as far as they are asked for: an excerpt needs the
/// sentences up to its words, not the rest of the paragraph.
pub(crate) struct Starts<'t> {
    text: &'t str,
    sentences: std::iter::Fuse<USentenceBounds<'t>>,
    /// Bytes of the text segmented so far.
    at: usize,
    /// The starts found so far.
    found: Vec<usize>,
}

impl<'t> Starts<'t> {
    /// The starts of `text`, none looked for yet.
    pub(crate) fn new(text: &'t str) -> Starts<'t> {
        Starts { text, sentences: text.split_sentence_bounds().fuse(), at: 0, found: vec![0] }
    }

    /// Segments until a start at or after `pos` is known, or the text ends.
    fn reach(&mut self, pos: usize) {
        while self.found.last().is_some_and(|&last| last < pos) {
            let Some(sentence) = self.sentences.next() else { return };
            let last_word = sentence.split_whitespace().next_back().unwrap_or("");
            self.at += sentence.len();
            if self.at < self.text.len() && !is_abbreviation(last_word) {
                self.found.push(self.at);
            }
        }
    }

    /// The byte range of the sentence or sentences that hold `start..end`, trailing
    /// white space left out.
    pub(crate) fn around(&mut self, start: usize, end: usize) -> (usize, usize) {
        let end = end.max(start + 1);
        self.reach(end);
        // Every start before `end` is known now, in order, and the first one after it
        // if any.
        let first = self.found[self.found.partition_point(|&b| b <= start) - 1];
        let last = self.found.get(self.found.partition_point(|&b| b < end)).copied().unwrap_or(self.text.len());
        (first, first + self.text[first..last].trim_end().len())
    }
}

/// The byte range of the sentence or sentences of `text` that hold `start..end`,
/// trailing white space left out.
pub(crate) fn around(text: &str, start: usize, end: usize) -> (usize, usize) {
    Starts::new(text).around(start, end)
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

    #[test]
    fn starts_found_as_far_as_asked_give_what_the_whole_text_gives() {
        let t = "One. Two words here? Mr. Three said so! Four, at last. Five";
        let words = ["Five", "Two", "Three", "One", "last", "so", "Four"];
        let mut whole = Starts::new(t);
        whole.reach(usize::MAX);
        assert_eq!(whole.found, [0, 5, 21, 40, 55]);
        let mut shared = Starts::new(t);
        for w in words {
            let s = t.find(w).unwrap();
            assert_eq!(shared.around(s, s + w.len()), whole.around(s, s + w.len()), "{w}");
        }
        assert_eq!(sentence_of(t, "Three"), "Mr. Three said so!");
        assert_eq!(sentence_of(t, "Five"), "Five");
        let mut lazy = Starts::new(t);
        lazy.around(0, 3);
        assert_eq!(lazy.found, [0, 5], "segmenting stops at the first start past the words");
    }
}
