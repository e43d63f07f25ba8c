//! Text normalisation: the ONE function that turns text into index terms.
//!
//! The index-builder runs it over every record and the search runs it over every keystroke, so
//! the two can never disagree about what a word is. It works in four steps:
//!
//! 1. **Segmentation** by Unicode word boundaries (UAX #29, in [`crate::words`]), with a
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
    let folded = fold(word);
    if keeps_final_s(word) {
        folded
    } else {
        stem(&folded)
    }
}

/// Folds one word: lower case, diacritics removed, apostrophes dropped, US → British spelling.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// [`fold`] into `out` (cleared first), so a caller folding many words reuses one buffer.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    // Nearly every word is ASCII: fold it byte by byte.
    if word.is_ascii() {
        for b in word.bytes() {
            if out.len() >= MAX_TERM_BYTES {
                break;
            }
            match b {
                b'\'' | b'`' => {}
                b'&' => out.push_str("and"),
                _ => out.push(char::from(b.to_ascii_lowercase())),
            }
        }
    } else {
        for c in word.chars() {
            if out.len() >= MAX_TERM_BYTES {
                break;
            }
            match c {
                '\'' | '’' | '‘' | 'ʼ' | '`' => {}
                '&' => out.push_str("and"),
                _ => push_folded(out, lower(c)),
            }
        }
    }
    british(out);
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

/// Rewrites a folded word's US spelling (or other form of the same word) in place.
fn british(word: &mut String) {
    if let Some((_, to)) = SAME_WORD.iter().find(|(from, _)| *from == word.as_str()) {
        word.clear();
        word.push_str(to);
    }
    if word == "program" || word == "programs" {
        word.insert_str(7, "me");
        return;
    }
    let first = word.as_bytes().first().copied();
    for (us, uk) in SPELLINGS {
        if us.as_bytes().first().copied() == first && word.starts_with(us) {
            // Not `replace_range`: its splice machinery cost the wasm 0.6 KB for this one use.
            let mut uk = uk.to_string();
            uk.push_str(&word[us.len()..]);
            *word = uk;
            return;
        }
    }
    // -ize / -yze → -ise / -yse (organize, recognize, analyze); short words keep theirs (size).
    if word.len() > 6 {
        for (us, uk) in [
            ("ize", "ise"),
            ("izes", "ises"),
            ("ized", "ised"),
            ("izing", "ising"),
            ("yze", "yse"),
            ("yzed", "ysed"),
        ] {
            if word.ends_with(us) {
                word.truncate(word.len() - us.len());
                word.push_str(uk);
                return;
            }
        }
    }
}

/// Light plural folding. Applied to a folded word.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    stem_in_place(&mut w);
    w
}

/// [`stem`], in place.
fn stem_in_place(word: &mut String) {
    let n = word.len();
    if !word.ends_with('s') || !word.is_ascii() || n < 4 || word.bytes().any(|b| b.is_ascii_digit())
    {
        return;
    }
    if n >= 5 && word.ends_with("ies") {
        word.truncate(n - 3);
        word.push('y');
    } else if word.ends_with("sses") {
        word.truncate(n - 2);
    } else if !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") {
        word.truncate(n - 1);
    }
}

/// Splits `text` into normalised tokens, in order. Stopwords are kept (with their positions) so
/// that phrases can be matched; callers that index or query drop them with [`is_stopword`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |t| {
        out.push(Token {
            term: t.term.to_string(),
            unstemmed: t.unstemmed.to_string(),
            span: t.span,
            position: t.position,
            joined: t.joined,
        });
    });
    out
}

/// A token lent to a [`for_each_token`] callback: [`Token`] without its own strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRef<'a> {
    pub term: &'a str,
    pub unstemmed: &'a str,
    pub span: Range<usize>,
    pub position: usize,
    pub joined: bool,
}

/// The tokens of [`tokenize`], lent one at a time: nothing is allocated per word, which is what
/// highlighting every result on every keystroke needs.
pub fn for_each_token(text: &str, mut f: impl FnMut(TokenRef<'_>)) {
    tokens_into(text, &mut f);
}

/// The body of [`for_each_token`], compiled once rather than once per caller (it is the
/// largest function of the tokenizer, and the wasm is downloaded by every family).
fn tokens_into(text: &str, mut f: &mut dyn FnMut(TokenRef<'_>)) {
    let words: Vec<(usize, &str)> = crate::words::words(text)
        .map(|r| (r.start, &text[r]))
        .collect();
    let mut buf = Buffers::default();
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
            buf.unstemmed.clear();
            if words[i..=j]
                .iter()
                .all(|(_, w)| w.bytes().all(|b| b.is_ascii_digit()))
            {
                // Number ranges keep their dash: "0-25".
                for (k, (_, w)) in words[i..=j].iter().enumerate() {
                    if k > 0 {
                        buf.unstemmed.push('-');
                    }
                    buf.unstemmed.push_str(w);
                }
            } else {
                fold_into(&compound.replace(['-', '‐', '–'], ""), &mut buf.unstemmed);
            }
            buf.emit(&mut f, compound, start..end, position, true);
            for &(s, w) in &words[i..=j] {
                fold_into(w, &mut buf.unstemmed);
                buf.emit(&mut f, w, s..s + w.len(), position, false);
                position += 1;
            }
            i = j + 1;
            continue;
        }
        if plus {
            buf.unstemmed.clear();
            buf.unstemmed.push_str(word);
            buf.unstemmed.push('+');
            buf.emit(&mut f, word, start..end + 1, position, true);
        }
        fold_into(word, &mut buf.unstemmed);
        buf.emit(&mut f, word, start..end, position, false);
        position += 1;
        i += 1;
    }
}

/// Is `word` an acronym? The one rule, used by the tokenizer, the search, the result cards and
/// the builder's checks: at least two capitals, and no more small letters than capitals
/// ("EHCP", "SpLD", "SaLT", "EHCPs", "HoW"; not "ChatHealth", "MacIntyre", "I").
pub fn is_acronym(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && upper >= lower
}

/// True for an acronym whose last letter is a capital ("CAMHS", "SENDIASS"): its final S is part
/// of it and must not be folded away as a plural ("EHCPs" is a plural, and is folded).
fn keeps_final_s(word: &str) -> bool {
    is_acronym(word)
        && word
            .chars()
            .rev()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
}

/// The two strings a token is built in, reused for every word.
#[derive(Default)]
struct Buffers {
    unstemmed: String,
    term: String,
}

impl Buffers {
    /// Lends the word in `self.unstemmed` (of `original`) to `f`, with its stemmed term.
    fn emit(
        &mut self,
        f: &mut impl FnMut(TokenRef<'_>),
        original: &str,
        span: Range<usize>,
        position: usize,
        joined: bool,
    ) {
        if self.unstemmed.is_empty() {
            return;
        }
        self.term.clear();
        self.term.push_str(&self.unstemmed);
        if !keeps_final_s(original) {
            stem_in_place(&mut self.term);
        }
        f(TokenRef {
            term: &self.term,
            unstemmed: &self.unstemmed,
            span,
            position,
            joined,
        });
    }
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
    fn one_word_normalises_as_the_tokenizer_does() {
        for w in [
            "CAMHS",
            "camhs",
            "EHCPs",
            "SpLD",
            "therapies",
            "SENDIASS",
            "Assessments",
        ] {
            assert_eq!(normalise_word(w), t(w)[0], "{w}");
        }
        assert_eq!(normalise_word("CAMHS"), "camhs");
    }

    #[test]
    fn acronyms_have_one_rule() {
        for yes in ["EHCP", "SpLD", "SaLT", "EHCPs", "HoW", "CAMHS"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["ChatHealth", "MacIntyre", "I", "camhs", "Ofsted"] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(1000);
        assert!(normalise_word(&long).len() <= MAX_TERM_BYTES + 4);
    }
}
