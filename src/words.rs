//! Word segmentation: which runs of a text are words.
//!
//! Words are what the Unicode word-boundary algorithm (UAX #29) calls words and that hold a
//! letter or a number, taken from `unicode-segmentation`: the same crate in the builder and in
//! the wasm, so an index and a query can never disagree about where a word ends, in any script.
//! [`crate::text`] adds the few joins UAX #29 does not make (`16+`, `0-25`, `H&W`).

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` with their byte ranges, in order: the runs UAX #29 calls words that hold
/// a letter or a number.
pub fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.unicode_word_indices().map(|(i, w)| i..i + w.len())
}

/// `text` cut into pieces that are each either one word or the text between two words, with a
/// flag saying which. The pieces cover the text exactly, in order.
pub fn pieces(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut words = words(text).peekable();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        match words.peek() {
            Some(w) if w.start == pos => {
                pos = w.end;
                words.next().map(|w| (w, true))
            }
            Some(w) => {
                let gap = pos..w.start;
                pos = w.start;
                Some((gap, false))
            }
            None => {
                let gap = pos..text.len();
                pos = text.len();
                Some((gap, false))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<&str> {
        words(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn words_join_as_uax29_does() {
        assert_eq!(w("Dingley's Promise"), ["Dingley's", "Promise"]);
        assert_eq!(w("co-production"), ["co", "production"]);
        assert_eq!(w("www.hwsendiass.co.uk"), ["www.hwsendiass.co.uk"]);
        assert_eq!(w("£1,000.50 for 16+"), ["1,000.50", "for", "16"]);
        assert_eq!(w("e.g. H&W"), ["e.g", "H", "W"]);
        assert_eq!(w("snake_case 3rd"), ["snake_case", "3rd"]);
        assert_eq!(w("cafe\u{301} naïve"), ["cafe\u{301}", "naïve"]);
        assert_eq!(w("end. Next"), ["end", "Next"]);
        assert_eq!(w("中文 text"), ["中", "文", "text"]);
        assert_eq!(w(""), Vec::<&str>::new());
        assert_eq!(w("... --- !!!"), Vec::<&str>::new());
    }

    #[test]
    fn pieces_cover_the_text() {
        let text = "“CAMHS” (0-25), EHCP's: ok";
        let mut joined = String::new();
        let mut found = Vec::new();
        for (r, is_word) in pieces(text) {
            joined.push_str(&text[r.clone()]);
            if is_word {
                found.push(&text[r]);
            }
        }
        assert_eq!(joined, text);
        assert_eq!(found, ["CAMHS", "0", "25", "EHCP's", "ok"]);
    }
}
