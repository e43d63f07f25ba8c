//! Word segmentation: which runs of a text are words.
//!
//! This is the Unicode word-boundary algorithm (UAX #29, rules WB4 to WB13b) with its character
//! classes read from `char`'s own properties and a few short lists of punctuation. We used to take
//! it from `unicode-segmentation`, whose complete tables made up about a tenth of the wasm every
//! family downloads (22 KB raw, 9 KB gzipped) for scripts the Local Offer never contains.
//!
//! For the text the Local Offer has, it gives the same words as
//! `unicode-segmentation`'s `unicode_word_indices`. Two tests check that: one runs over every data
//! file, the other over random Latin, Greek and Cyrillic text with digits, joiners and punctuation
//! (`tests/words.rs`, with `unicode-segmentation` kept as a dev-dependency). Where it is knowingly
//! simpler:
//! - Hebrew's quote rules (WB7a–c), regional-indicator pairs (WB15–16) and emoji ZWJ sequences
//!   (WB3c) are left out. Emoji and flags are never words anyway.
//! - Scripts written without spaces (Chinese, Hiragana, Thai and its neighbours) give one word per
//!   character, as UAX #29 does for ideographs; Katakana runs stay together, as it says.
//! - Combining marks outside the common combining blocks count as letters when they are
//!   alphabetic, which joins them to the letter before, as UAX #29 does.

use std::ops::Range;

/// The UAX #29 word-break classes that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter (and Hebrew_Letter): joins letters and digits.
    Letter,
    Numeric,
    Katakana,
    /// `_` and other connectors: join anything word-like on either side.
    ExtendNumLet,
    /// `:` `·`: joins two letters.
    MidLetter,
    /// `.` `'` `’`: joins two letters or two numbers.
    MidNumLet,
    /// `,` `;`: joins two numbers.
    MidNum,
    /// Combining marks, joiners and invisible format characters: belong to the character before.
    Extend,
    /// A letter or number that is a word on its own (an ideograph, a kana, a Thai letter).
    Alone,
    Other,
}

fn class(c: char) -> Class {
    use Class::*;
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Letter,
            '0'..='9' => Numeric,
            '_' => ExtendNumLet,
            ':' => MidLetter,
            '.' | '\'' => MidNumLet,
            ',' | ';' => MidNum,
            _ => Other,
        };
    }
    match c {
        '\u{b7}' | '\u{387}' | '\u{55f}' | '\u{5f4}' | '\u{2027}' | '\u{fe13}' | '\u{fe55}'
        | '\u{ff1a}' => MidLetter,
        '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{fe52}' | '\u{ff07}' | '\u{ff0e}' => MidNumLet,
        '\u{37e}' | '\u{589}' | '\u{60c}' | '\u{60d}' | '\u{66c}' | '\u{7f8}' | '\u{2044}'
        | '\u{fe10}' | '\u{fe14}' | '\u{fe50}' | '\u{fe54}' | '\u{ff0c}' | '\u{ff1b}' => MidNum,
        '\u{202f}'
        | '\u{203f}'
        | '\u{2040}'
        | '\u{2054}'
        | '\u{fe33}'
        | '\u{fe34}'
        | '\u{fe4d}'..='\u{fe4f}'
        | '\u{ff3f}' => ExtendNumLet,
        // Soft hyphen, combining marks, joiners, direction marks, variation selectors, BOM.
        '\u{ad}'
        | '\u{300}'..='\u{36f}'
        | '\u{483}'..='\u{489}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{200c}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{feff}'
        | '\u{ff9e}'
        | '\u{ff9f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{1f3fb}'..='\u{1f3ff}'
        | '\u{e0020}'..='\u{e007f}'
        | '\u{e0100}'..='\u{e01ef}' => Extend,
        '\u{ff10}'..='\u{ff19}' => Numeric,
        '\u{3031}'..='\u{3035}'
        | '\u{309b}'
        | '\u{309c}'
        | '\u{30a0}'..='\u{30fa}'
        | '\u{30fc}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{32d0}'..='\u{32fe}'
        | '\u{3300}'..='\u{3357}'
        | '\u{ff66}'..='\u{ff9d}' => Katakana,
        // Scripts without spaces between words.
        '\u{e00}'..='\u{eff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{2e80}'..='\u{2fdf}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3ffff}' => {
            if c.is_alphanumeric() {
                Alone
            } else {
                Other
            }
        }
        // Superscripts, fractions and circled numbers are numbers but not digits.
        '\u{b2}'
        | '\u{b3}'
        | '\u{b9}'
        | '\u{bc}'..='\u{be}'
        | '\u{2070}'..='\u{209f}'
        | '\u{2150}'..='\u{218f}'
        | '\u{2460}'..='\u{24ff}' => {
            if c.is_alphabetic() {
                Letter
            } else {
                Alone
            }
        }
        _ if c.is_alphabetic() => Letter,
        _ if c.is_numeric() => Numeric,
        _ => Other,
    }
}

/// True if a word may start with a character of class `k`.
fn starts_word(k: Class) -> bool {
    matches!(
        k,
        Class::Letter | Class::Numeric | Class::Katakana | Class::ExtendNumLet | Class::Alone
    )
}

/// The class of the character at byte `i` and the byte after it and its combining marks (WB4).
fn base_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let mut chars = text[i..].char_indices();
    let (_, c) = chars.next()?;
    let k = class(c);
    let mut end = text.len();
    for (j, d) in chars {
        if class(d) != Class::Extend {
            end = i + j;
            break;
        }
    }
    Some((k, end))
}

/// True if UAX #29 keeps `a` and `b` together when nothing stands between them (WB5, WB8–10,
/// WB13–13b).
fn joins(a: Class, b: Class) -> bool {
    use Class::*;
    matches!(
        (a, b),
        (Letter | Numeric, Letter | Numeric)
            | (Katakana, Katakana)
            | (Letter | Numeric | Katakana | ExtendNumLet, ExtendNumLet)
            | (ExtendNumLet, Letter | Numeric | Katakana)
    )
}

/// The end of the word that starts at `start` with class `k` (which ends at `end`).
fn word_end(text: &str, mut prev: Class, mut end: usize) -> usize {
    if prev == Class::Alone {
        return end;
    }
    while let Some((next, after)) = base_at(text, end) {
        if joins(prev, next) {
            prev = next;
            end = after;
            continue;
        }
        // WB6–7 and WB11–12: one mid character between two letters, or two numbers.
        let bridge = match (prev, next) {
            (Class::Letter, Class::MidLetter | Class::MidNumLet) => Class::Letter,
            (Class::Numeric, Class::MidNum | Class::MidNumLet) => Class::Numeric,
            _ => break,
        };
        match base_at(text, after) {
            Some((k, beyond)) if k == bridge => end = beyond,
            _ => break,
        }
    }
    end
}

/// The words of `text` with their byte ranges, in order: the runs UAX #29 calls words that hold
/// a letter or a number.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while let Some((k, after)) = base_at(self.text, self.pos) {
            let start = self.pos;
            if !starts_word(k) {
                self.pos = after;
                continue;
            }
            let end = word_end(self.text, k, after);
            self.pos = end;
            if self.text[start..end].chars().any(char::is_alphanumeric) {
                return Some(start..end);
            }
        }
        None
    }
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
