//! Search terms: text folded and split exactly as `static/search.js` does it (its
//! `fold`, `isSeparator`, `isCjk` and `terms` are the same rules), so that a word
//! typed in the browser finds the terms written here.
//!
//! Folding lowercases, decomposes (NFD), drops combining marks, maps curly
//! apostrophes and quotes to straight ones and final sigma to sigma. Splitting
//! recomposes (NFC, so Hangul syllables are whole again), cuts at the characters of
//! [`SEPARATORS`] (ASCII and Latin-1 punctuation and symbols, general punctuation,
//! symbols, CJK and fullwidth punctuation, emoji and a few script-specific marks),
//! and makes every Han, kana or Hangul character a term of its own. Terms are cut to
//! [`MAX_TERM_CHARS`] characters.

use unicode_normalization::UnicodeNormalization;

/// The longest term kept, in characters (longer words are cut, queries alike).
pub(crate) const MAX_TERM_CHARS: usize = 24;

/// Characters that separate terms, as inclusive ranges of code points (the same
/// table is in `static/search.js`).
const SEPARATORS: [(u32, u32); 34] = [
    (0x0000, 0x002F),
    (0x003A, 0x0040),
    (0x005B, 0x0060),
    (0x007B, 0x00BF),
    (0x00D7, 0x00D7),
    (0x00F7, 0x00F7),
    (0x037E, 0x037E),
    (0x0387, 0x0387),
    (0x055A, 0x055F),
    (0x0589, 0x058A),
    (0x05BE, 0x05BE),
    (0x05C0, 0x05C0),
    (0x05C3, 0x05C3),
    (0x05F3, 0x05F4),
    (0x060C, 0x060D),
    (0x061B, 0x061F),
    (0x066A, 0x066D),
    (0x06D4, 0x06D4),
    (0x0964, 0x0965),
    (0x0E4F, 0x0E4F),
    (0x0E5A, 0x0E5B),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE6F),
    (0xFEFF, 0xFEFF),
    (0xFF00, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0xFFF0, 0xFFFF),
    (0x1F000, 0x1FAFF),
    (0xE0000, 0xE007F),
];

/// Han, kana and Hangul, whose characters are terms on their own.
const CJK: [(u32, u32); 12] = [
    (0x1100, 0x11FF),
    (0x2E80, 0x2FDF),
    (0x3040, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),
    (0x20000, 0x3FFFF),
];

fn within(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Combining marks that folding drops (search.js `MARKS`).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The case- and accent-insensitive form of `s` (search.js `fold`).
pub(crate) fn fold(s: &str) -> String {
    s.to_lowercase()
        .nfd()
        .filter(|c| !is_mark(*c))
        .map(|c| match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            '“' | '”' | '„' => '"',
            'ς' => 'σ',
            c => c,
        })
        .collect()
}

/// Adds the terms of `text` to `out` (search.js `terms`).
pub(crate) fn terms(text: &str, out: &mut Vec<String>) {
    let mut word = String::new();
    let mut chars = 0;
    let flush = |word: &mut String, chars: &mut usize, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
        *chars = 0;
    };
    for c in fold(text).nfc() {
        if within(&CJK, c) {
            flush(&mut word, &mut chars, out);
            out.push(c.to_string());
        } else if within(&SEPARATORS, c) {
            flush(&mut word, &mut chars, out);
        } else {
            if chars < MAX_TERM_CHARS {
                word.push(c);
            }
            chars += 1;
        }
    }
    flush(&mut word, &mut chars, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        terms(text, &mut out);
        out
    }

    #[test]
    fn folds_case_accents_and_sigma_and_splits_on_punctuation() {
        assert_eq!(
            of("Zelenskyy’s São-Paulo ΟΔΟΣ, «Ми будемо»"),
            ["zelenskyy", "s", "sao", "paulo", "οδοσ", "ми", "будемо"]
        );
        assert_eq!(of("Article 4 (2024)"), ["article", "4", "2024"]);
        // What search.js's `terms` gives too (checked in Node).
        assert_eq!(of("İstanbul ŞEHİR Straße ﬁne"), ["istanbul", "sehir", "straße", "ﬁne"]);
        assert_eq!(of("naïve café 𝒳 x²"), ["naive", "cafe", "𝒳", "x"]);
    }

    #[test]
    fn cjk_characters_are_terms_of_their_own() {
        assert_eq!(of("東京タワー 한국어 です"), ["東", "京", "タ", "ワ", "ー", "한", "국", "어", "で", "す"]);
    }

    #[test]
    fn long_words_are_cut() {
        assert_eq!(of(&"x".repeat(40))[0].chars().count(), MAX_TERM_CHARS);
    }

    #[test]
    fn the_tables_are_sorted() {
        for table in [&SEPARATORS[..], &CJK[..]] {
            assert!(table.windows(2).all(|w| w[0].1 < w[1].0));
        }
    }
}
