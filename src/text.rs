//! Text normalisation: the ONE function that turns text into index terms.
//!
//! The index-builder runs it over every record and the search runs it over every keystroke, so
//! the two can never disagree about what a word is. It works in four steps:
//!
//! 1. **Segmentation** by Unicode word boundaries (UAX #29, via `unicode-segmentation`), with a
//!    few joins UAX #29 does not make: `co-production` (also kept as `co` + `production`),
//!    `H&W`, `16+` and `0-25`.
//! 2. **Folding**: lower case, Latin diacritics removed (`ŵ` → `w`, `ł` → `l`), apostrophes
//!    dropped (`Dingley's` → `dingleys`), `&` read as `and`.
//! 3. **Spelling**: US spellings mapped to British ones (`pediatric` → `paediatric`,
//!    `behavior` → `behaviour`, `program` → `programme`, `-ize` → `-ise`).
//! 4. **Light stemming**: plural and `-ies` folding (`assessments` → `assessment`,
//!    `therapies` → `therapy`). Deliberately light: a family's word should still look like itself.
//!
//! Every token keeps its byte range in the original text, which is how results get highlights.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Longest term the index stores, in bytes. Longer words are cut (at a char boundary), which
/// bounds the work one query word can cause.
pub const MAX_TERM_BYTES: usize = 48;

/// One word of a text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised, stemmed form: what the index stores and exact matching compares.
    pub term: String,
    /// The normalised form before stemming: what prefix matching extends while a word is typed.
    pub unstemmed: String,
    /// Byte range of the word in the original text.
    pub span: Range<usize>,
    /// Position of the word among the text's words (0-based); joined compounds share the
    /// position of their first part.
    pub position: usize,
    /// True for a whole compound (`coproduction`) that is also emitted as its parts.
    pub joined: bool,
}

/// Words a query may contain that never narrow a search. They are left out of the index, and
/// dropped from a query unless the query has nothing else.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from",
    "how", "i", "if", "in", "is", "it", "its", "me", "mean", "meaning", "means", "my", "of", "on",
    "or", "our", "stand", "stands", "the", "their", "there", "this", "to", "we", "what", "when",
    "where", "which", "who", "with", "you", "your",
];

/// True if `term` (already normalised) is a stopword.
pub fn is_stopword(term: &str) -> bool {
    STOPWORDS.binary_search(&term).is_ok()
}

/// Normalises one word: folding, spelling and stemming. `word` is a single word as segmentation
/// gives it. Returns the stemmed form; see [`fold`] for the unstemmed one.
pub fn normalise_word(word: &str) -> String {
    stem(&fold(word))
}

/// Folds one word: lower case, diacritics removed, apostrophes dropped, US → British spelling.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if out.len() >= MAX_TERM_BYTES {
            break;
        }
        match c {
            '\'' | '’' | '‘' | 'ʼ' | '`' => {}
            '&' => out.push_str("and"),
            _ => push_folded(&mut out, lower(c)),
        }
    }
    british(out)
}

/// Lower case for the scripts a Local Offer meets: Latin (English, Welsh, Polish and the rest of
/// Latin-1 and Latin Extended-A), Greek and Cyrillic. Deliberately not `char::to_lowercase`,
/// whose full Unicode table would add kilobytes to the wasm every family downloads; other
/// scripts are left as written, which is still consistent between index and query.
pub fn lower(c: char) -> char {
    let u = c as u32;
    let shifted = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3A9 | 0x410..=0x42F => {
            u + 32
        }
        0x400..=0x40F => u + 80,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if u.is_multiple_of(2) => u + 1,
        0x139..=0x148 | 0x179..=0x17E if !u.is_multiple_of(2) => u + 1,
        0x130 => 0x69,
        0x178 => 0xFF,
        _ => u,
    };
    char::from_u32(shifted).unwrap_or(c)
}

/// Pushes `c` (lower case) with any Latin diacritic removed.
fn push_folded(out: &mut String, c: char) {
    let base = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'æ' => {
            out.push_str("ae");
            return;
        }
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'œ' => {
            out.push_str("oe");
            return;
        }
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'ţ' | 'ť' | 'ŧ' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' | 'ẁ' | 'ẃ' | 'ẅ' => 'w',
        'ý' | 'ÿ' | 'ŷ' | 'ỳ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        // Combining marks (a decomposed diacritic) are dropped.
        '\u{300}'..='\u{36f}' => return,
        other => other,
    };
    out.push(base);
}

/// US spellings that families type, mapped to the British ones the Local Offer uses.
/// Each entry is (US stem, British stem); a word starting with the US stem is rewritten.
const SPELLINGS: &[(&str, &str)] = &[
    ("pediatric", "paediatric"),
    ("behavior", "behaviour"),
    ("neighbor", "neighbour"),
    ("counselor", "counsellor"),
    ("counseling", "counselling"),
    ("center", "centre"),
    ("color", "colour"),
    ("favor", "favour"),
    ("labor", "labour"),
    ("honor", "honour"),
    ("enroll", "enrol"),
    ("aging", "ageing"),
    ("autisim", "autism"),
];

/// Word forms a family types that mean the same thing as the form the Local Offer writes:
/// folded together so either finds both. Kept to clear cases of one word in two forms.
const SAME_WORD: &[(&str, &str)] = &[
    ("anxious", "anxiety"),
    ("autistic", "autism"),
    ("dyslexic", "dyslexia"),
    ("disabled", "disability"),
    ("paediatrician", "paediatric"),
    ("paediatricians", "paediatric"),
    ("physio", "physiotherapy"),
    ("physiotherapist", "physiotherapy"),
    ("therapist", "therapy"),
    ("therapists", "therapy"),
];

fn british(word: String) -> String {
    let word = same_word(word);
    if word == "program" || word == "programs" {
        return format!("programme{}", &word[7..]);
    }
    for (us, uk) in SPELLINGS {
        if let Some(rest) = word.strip_prefix(us) {
            return format!("{uk}{rest}");
        }
    }
    // -ize / -yze → -ise / -yse (organize, recognize, analyze); short words keep theirs (size).
    if word.len() > 6 {
        for (us, uk) in [
            ("ize", "ise"),
            ("izes", "ises"),
            ("ized", "ised"),
            ("izing", "ising"),
        ] {
            if let Some(stem) = word.strip_suffix(us) {
                return format!("{stem}{uk}");
            }
        }
        for (us, uk) in [("yze", "yse"), ("yzed", "ysed")] {
            if let Some(stem) = word.strip_suffix(us) {
                return format!("{stem}{uk}");
            }
        }
    }
    word
}

fn same_word(word: String) -> String {
    match SAME_WORD.iter().find(|(from, _)| *from == word) {
        Some((_, to)) => to.to_string(),
        None => word,
    }
}

/// Light plural folding. Applied to a folded word.
pub fn stem(word: &str) -> String {
    let n = word.len();
    if !word.is_ascii() || n < 4 || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    if n >= 5 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if word.ends_with("sses") {
        return word[..n - 2].to_string();
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// Splits `text` into normalised tokens, in order. Stopwords are kept (with their positions) so
/// that phrases can be matched; callers that index or query drop them with [`is_stopword`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    let mut out = Vec::with_capacity(words.len());
    let mut position = 0usize;
    let mut i = 0usize;
    while i < words.len() {
        let (start, word) = words[i];
        let mut end = start + word.len();
        // Join a run of words separated by exactly one '-', '&' or '/' with no spaces:
        // co-production, H&W, 0-25.
        let mut j = i;
        while j + 1 < words.len() {
            let (next_start, next_word) = words[j + 1];
            let gap = &text[end..next_start];
            if matches!(gap, "-" | "‐" | "–" | "&") {
                end = next_start + next_word.len();
                j += 1;
            } else {
                break;
            }
        }
        // "16+" keeps its plus.
        let plus = text[end..].starts_with('+') && word.bytes().all(|b| b.is_ascii_digit());
        if j > i {
            // The compound as one term, then its parts.
            let compound = &text[start..end];
            let joined_fold: String = if words[i..=j]
                .iter()
                .all(|(_, w)| w.bytes().all(|b| b.is_ascii_digit()))
            {
                // Number ranges keep their dash: "0-25".
                words[i..=j]
                    .iter()
                    .map(|(_, w)| *w)
                    .collect::<Vec<_>>()
                    .join("-")
            } else {
                fold(&compound.replace(['-', '‐', '–'], ""))
            };
            push_token(&mut out, compound, joined_fold, start..end, position, true);
            for &(s, w) in &words[i..=j] {
                push_token(&mut out, w, fold(w), s..s + w.len(), position, false);
                position += 1;
            }
            i = j + 1;
            continue;
        }
        if plus {
            push_token(
                &mut out,
                word,
                format!("{word}+"),
                start..end + 1,
                position,
                true,
            );
        }
        push_token(&mut out, word, fold(word), start..end, position, false);
        position += 1;
        i += 1;
    }
    out
}

/// True for a word written all in capitals ("CAMHS", "SENDIASS"): an acronym, whose final S is
/// part of it and must not be folded away as a plural.
fn is_capitals(word: &str) -> bool {
    word.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !word.chars().any(char::is_lowercase)
}

fn push_token(
    out: &mut Vec<Token>,
    original: &str,
    unstemmed: String,
    span: Range<usize>,
    pos: usize,
    joined: bool,
) {
    if unstemmed.is_empty() {
        return;
    }
    let term = if is_capitals(original) {
        unstemmed.clone()
    } else {
        stem(&unstemmed)
    };
    out.push(Token {
        term,
        unstemmed,
        span,
        position: pos,
        joined,
    });
}

/// The terms of `text` for indexing or querying: stemmed, stopwords removed, in order, with
/// duplicates kept (callers decide).
pub fn terms(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| !is_stopword(&t.term))
        .map(|t| t.term)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn case_and_diacritics_fold() {
        assert_eq!(t("CAFÉ Łódź Gŵyl"), ["cafe", "lodz", "gwyl"]);
    }

    #[test]
    fn lower_case_matches_std_for_the_scripts_it_covers() {
        for u in (0x20u32..0x250).chain(0x370..0x460) {
            let Some(c) = char::from_u32(u) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            if std.len() == 1
                && (u < 0x180 || (0x391..0x3AA).contains(&u) || (0x400..0x430).contains(&u))
                && u != 0x130
            {
                assert_eq!(lower(c), std[0], "U+{u:04X}");
            }
        }
    }

    #[test]
    fn apostrophes_drop() {
        assert_eq!(t("Dingley's Promise"), t("dingleys promise"));
        assert_eq!(t("Dingley’s"), ["dingley"]);
    }

    #[test]
    fn hyphens_join_and_split() {
        assert_eq!(t("co-production"), ["coproduction", "co", "production"]);
        assert_eq!(t("coproduction"), ["coproduction"]);
    }

    #[test]
    fn ampersand_is_and() {
        assert_eq!(t("H&W"), ["handw", "h", "w"]);
    }

    #[test]
    fn numbers_are_kept() {
        assert_eq!(t("aged 0-25"), ["aged", "0-25", "0", "25"]);
        assert_eq!(t("16+ offer"), ["16+", "16", "offer"]);
    }

    #[test]
    fn british_and_us_spellings_meet() {
        assert_eq!(
            t("pediatric behavior program"),
            t("paediatric behaviour programme")
        );
        assert_eq!(t("organize"), t("organise"));
        assert_eq!(t("size"), ["size"]);
    }

    #[test]
    fn plurals_fold() {
        assert_eq!(
            t("assessments therapies needs"),
            ["assessment", "therapy", "need"]
        );
        assert_eq!(t("class bus diagnosis"), ["class", "bus", "diagnosis"]);
    }

    #[test]
    fn acronyms_in_capitals_keep_their_s() {
        assert_eq!(t("CAMHS EHCPs camhs"), ["camhs", "ehcp", "camh"]);
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Short breaks in Kidderminster";
        for tok in tokenize(text) {
            assert!(text.get(tok.span.clone()).is_some());
        }
        let toks = tokenize(text);
        assert_eq!(&text[toks[3].span.clone()], "Kidderminster");
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(1000);
        assert!(normalise_word(&long).len() <= MAX_TERM_BYTES + 4);
    }
}
