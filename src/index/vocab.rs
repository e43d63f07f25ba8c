//! The `vocabulary` section: what the search understands in a question (age words, place names,
//! everyday words for the Local Offer's own words, and words that carry no meaning).
//!
//! Editors own it as `data/vocabulary.toml`; `index-builder` checks it and the writer stores it
//! here, normalised, so the widget reads a question exactly as `index-builder search` does and no
//! table of words lives in code. [`crate::understand`] is what uses it.
//!
//! ```text
//! varint count of age entries;      each: u8 from, u8 to, phrases
//! varint count of place entries;    each: u8 area code (the council section's), phrases
//! varint count of synonym entries;  each: phrases (words), phrases (means)
//! phrases filler; phrases define; phrases minor
//! phrases = varint count, then each a str (varint length, UTF-8): normalised terms joined by ' '
//! ```
//!
//! [`Vocabulary::decode`] checks every count, length, age, district code and string, so a
//! damaged section is an error at open, never a panic.

use super::codec::{put_str, put_varint, Reader, Truncated};
use crate::model::{Area, MAX_AGE};
use crate::text::tokenize;

/// Words that name an age range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeWords {
    pub phrases: Vec<String>,
    pub from: u8,
    pub to: u8,
}

/// Words that name one of the council's areas (a code into [`crate::council::Council::areas`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceWords {
    pub phrases: Vec<String>,
    pub district: Area,
}

/// A family's words and the Local Offer's words for the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synonym {
    pub words: Vec<String>,
    pub means: Vec<String>,
}

/// The vocabulary, every phrase normalised (terms joined by single spaces).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub ages: Vec<AgeWords>,
    pub places: Vec<PlaceWords>,
    pub synonyms: Vec<Synonym>,
    /// Words dropped from a question.
    pub filler: Vec<String>,
    /// Words that make a question ask for a meaning.
    pub define: Vec<String>,
    /// Words that rank a little but never make a match.
    pub minor: Vec<String>,
}

/// A phrase as the vocabulary stores it: its terms (as the search normalises a question, the
/// parts of compounds rather than the whole) joined by single spaces.
pub fn phrase(text: &str) -> String {
    let terms: Vec<String> = tokenize(text)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| t.term)
        .collect();
    terms.join(" ")
}

/// A `means` phrase: [`phrase`] without the words the index never stores ("speech and language"
/// → "speech language"), since every one of its terms must be found in a record.
pub fn means_phrase(text: &str) -> String {
    let p = phrase(text);
    let terms: Vec<&str> = p
        .split(' ')
        .filter(|t| !crate::text::is_stopword(t))
        .collect();
    terms.join(" ")
}

fn put_phrases(out: &mut Vec<u8>, phrases: &[String]) {
    put_varint(out, phrases.len() as u64);
    for p in phrases {
        put_str(out, p);
    }
}

/// Reads a count, refusing one larger than the bytes left could hold (each item takes at least
/// `min_bytes`), so damage never makes a large allocation.
fn count(r: &mut Reader<'_>, left: usize, min_bytes: usize) -> Result<usize, VocabError> {
    let n = r.varint()?;
    if n > (left / min_bytes.max(1)) as u64 {
        return Err(VocabError::Count(n));
    }
    Ok(n as usize)
}

fn phrases(r: &mut Reader<'_>, len: usize) -> Result<Vec<String>, VocabError> {
    let n = count(r, len, 1)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let s = r.str()?;
        if s.is_empty() || s.len() > 256 {
            return Err(VocabError::BadPhrase);
        }
        out.push(s.to_string());
    }
    Ok(out)
}

/// Why the section does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VocabError {
    /// A length or string runs past the end, or is not UTF-8.
    Truncated,
    /// A count larger than the section could hold.
    Count(u64),
    /// An age above 25, or a range that runs backwards.
    BadAge { from: u8, to: u8 },
    /// A district code that names no district.
    BadDistrict(u8),
    /// An empty or overlong phrase.
    BadPhrase,
    /// Bytes after the last table.
    Trailing,
}

impl From<Truncated> for VocabError {
    fn from(_: Truncated) -> Self {
        VocabError::Truncated
    }
}

impl std::fmt::Display for VocabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VocabError::Truncated => f.write_str("is cut short or holds text that is not UTF-8"),
            VocabError::Count(n) => write!(f, "claims {n} entries, more than it can hold"),
            VocabError::BadAge { from, to } => write!(f, "has an impossible age range {from}–{to}"),
            VocabError::BadDistrict(c) => write!(f, "has an unknown area code {c}"),
            VocabError::BadPhrase => f.write_str("has an empty or overlong phrase"),
            VocabError::Trailing => f.write_str("has bytes after its last table"),
        }
    }
}

impl Vocabulary {
    /// The section's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, self.ages.len() as u64);
        for a in &self.ages {
            out.push(a.from);
            out.push(a.to);
            put_phrases(&mut out, &a.phrases);
        }
        put_varint(&mut out, self.places.len() as u64);
        for p in &self.places {
            out.push(p.district.code());
            put_phrases(&mut out, &p.phrases);
        }
        put_varint(&mut out, self.synonyms.len() as u64);
        for s in &self.synonyms {
            put_phrases(&mut out, &s.words);
            put_phrases(&mut out, &s.means);
        }
        put_phrases(&mut out, &self.filler);
        put_phrases(&mut out, &self.define);
        put_phrases(&mut out, &self.minor);
        out
    }

    /// Decodes and checks the section.
    pub fn decode(bytes: &[u8]) -> Result<Vocabulary, VocabError> {
        let len = bytes.len();
        let mut r = Reader::new(bytes);
        let mut v = Vocabulary::default();
        for _ in 0..count(&mut r, len, 3)? {
            let (from, to) = (r.u8()?, r.u8()?);
            if from > to || to > MAX_AGE {
                return Err(VocabError::BadAge { from, to });
            }
            let phrases = phrases(&mut r, len)?;
            v.ages.push(AgeWords { phrases, from, to });
        }
        for _ in 0..count(&mut r, len, 2)? {
            let code = r.u8()?;
            let district = Area::from_code(code).ok_or(VocabError::BadDistrict(code))?;
            let phrases = phrases(&mut r, len)?;
            v.places.push(PlaceWords { phrases, district });
        }
        for _ in 0..count(&mut r, len, 2)? {
            let words = phrases(&mut r, len)?;
            let means = phrases(&mut r, len)?;
            v.synonyms.push(Synonym { words, means });
        }
        v.filler = phrases(&mut r, len)?;
        v.define = phrases(&mut r, len)?;
        v.minor = phrases(&mut r, len)?;
        if !r.is_empty() {
            return Err(VocabError::Trailing);
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vocabulary {
        Vocabulary {
            ages: vec![AgeWords {
                phrases: vec!["toddler".into()],
                from: 1,
                to: 3,
            }],
            places: vec![PlaceWords {
                phrases: vec!["kidderminster".into(), "wyre forest".into()],
                district: Area(5),
            }],
            synonyms: vec![Synonym {
                words: vec!["respite".into()],
                means: vec!["short break".into()],
            }],
            filler: vec!["my".into()],
            define: vec!["mean".into()],
            minor: vec!["child".into()],
        }
    }

    #[test]
    fn round_trips() {
        let v = sample();
        assert_eq!(Vocabulary::decode(&v.encode()), Ok(v));
        assert_eq!(
            Vocabulary::decode(&Vocabulary::default().encode()),
            Ok(Vocabulary::default())
        );
    }

    #[test]
    fn phrases_normalise_as_questions_do() {
        assert_eq!(phrase("Short Breaks"), "short break");
        assert_eq!(phrase("post-16"), "post 16");
        assert_eq!(phrase("CAMHS"), "camhs");
    }

    #[test]
    fn every_damage_is_an_error_not_a_panic() {
        let bytes = sample().encode();
        for cut in 0..bytes.len() {
            assert!(Vocabulary::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            for b in [0u8, 0x7f, 0xff, 30] {
                let mut d = bytes.clone();
                d[i] = b;
                let _ = Vocabulary::decode(&d);
            }
        }
        let mut long = bytes.clone();
        long.push(0);
        assert_eq!(Vocabulary::decode(&long), Err(VocabError::Trailing));
        assert_eq!(
            Vocabulary::decode(&[1, 9, 3]),
            Err(VocabError::BadAge { from: 9, to: 3 })
        );
    }
}
