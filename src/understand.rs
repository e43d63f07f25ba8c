//! Query understanding: a family's question turned into what the search should look for.
//!
//! Parents type questions, not keywords: "my 9 year old has adhd", "short breaks in
//! kidderminster", "what does ehcp mean", "he wont go to school". Searched word by word, the
//! age's numbers match "up to 15 places", "he" matches HE (Higher Education), "my" and "can" and
//! "what" decide which records come first, and a glossary entry answers every question that
//! happens to contain one of its words. This module reads the question first, so the search
//! (one code path for the widget and `index-builder search`) can use what it means:
//!
//! - **an age** ("15", "aged 8", "17 year old", "17yo", "18 month old", "under 5", "year 9", and
//!   the vocabulary's age words: "toddler", "teenager", "primary", "post 16", "young adult");
//!   its numbers are then not searched;
//! - **a place** (a town, village or district name) → a district;
//! - **concepts**: the words that carry the question, each with the Local Offer's own words for
//!   it from the vocabulary ("respite" → short breaks, "blind" → vision impairment), split into
//!   *key* concepts, which decide what matches, and *minor* ones ("child", "support"), which only
//!   rank;
//! - **dropped words** that carry no meaning ("my", "can", "he", "what"), and whether the
//!   question asks what something means.
//!
//! The words themselves are data ([`Vocabulary`], from `data/vocabulary.toml`, stored in the
//! index). Only the grammar of numbers lives here. The work is a few passes over at most
//! [`crate::search::MAX_WORDS`]-ish tokens and small lists: microseconds per keystroke.

use crate::index::vocab::Vocabulary;
use crate::model::{Area, MAX_AGE};
use crate::text::{is_acronym, is_stopword, tokenize};

/// Longest question looked at, in bytes (the search's own limit).
const MAX_BYTES: usize = crate::search::MAX_QUERY_BYTES;
/// Most tokens of a question read.
const MAX_TOKENS: usize = 48;
/// Longest vocabulary phrase matched, in words.
const MAX_PHRASE_WORDS: usize = 6;

/// An age range the question states, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AgeRange {
    pub from: u8,
    pub to: u8,
}

impl AgeRange {
    /// Does a record for ages `min..=max` serve anyone in this range?
    pub fn overlaps(self, min: u8, max: u8) -> bool {
        self.from <= max && min <= self.to
    }
}

/// One thing the question is about.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Concept {
    /// The words as the family wrote them (for `--explain` and, later, the widget's chips).
    pub text: String,
    /// The normalised word searched with every matching pass (exact, prefix, typo), or empty
    /// for a phrase the vocabulary matched as a whole ("partially sighted").
    pub term: String,
    /// The word before stemming: what a prefix extends while it is typed.
    pub unstemmed: String,
    /// The family is still typing this word (the question's last word, no space after it).
    pub typing: bool,
    /// Written as an acronym ("EHCP", "PDA"): never typo-matched to another acronym.
    pub capitals: bool,
    /// The Local Offer's own words for it, each a phrase of terms that must all match.
    pub means: Vec<Vec<String>>,
    /// A minor word: it ranks, but never makes a record a match.
    pub minor: bool,
}

/// What a question means, as far as the search needs to know.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Understanding {
    /// The age the question states, if any.
    pub age: Option<AgeRange>,
    /// The words read as the age.
    pub age_words: Vec<String>,
    /// An age the question states that the Local Offer does not cover (above 25).
    pub age_not_covered: Option<u32>,
    /// The district the question names, if any.
    pub district: Option<Area>,
    /// The words read as the place.
    pub place_words: Vec<String>,
    /// What the question is about, in order.
    pub concepts: Vec<Concept>,
    /// Words that carry no meaning, left out.
    pub dropped: Vec<String>,
    /// The question asks what something means ("what does ehcp mean", "whats pfa").
    pub define: bool,
}

impl Understanding {
    /// Number of key concepts (the ones that decide a match).
    pub fn key_concepts(&self) -> usize {
        self.concepts.iter().filter(|c| !c.minor).count()
    }
}

/// One word of the question.
#[derive(Debug, Clone)]
struct Tok {
    term: String,
    unstemmed: String,
    written: String,
    /// Already read as something (age, place, phrase).
    used: bool,
}

/// Reads a question with the index's vocabulary.
pub fn understand(query: &str, vocab: &Vocabulary) -> Understanding {
    let mut end = query.len().min(MAX_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    let text = &query[..end];
    let ends_in_word = text
        .chars()
        .last()
        .is_some_and(|c| !c.is_whitespace() && !c.is_ascii_punctuation());
    let all = tokenize(text);
    // "16+" is a joined token: remember which numbers carried a plus.
    let plus: Vec<usize> = all
        .iter()
        .filter(|t| t.joined && t.term.ends_with('+'))
        .map(|t| t.span.start)
        .collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut plus_at: Vec<bool> = Vec::new();
    for t in all.into_iter().filter(|t| !t.joined).take(MAX_TOKENS) {
        plus_at.push(plus.contains(&t.span.start));
        toks.push(Tok {
            written: text[t.span.clone()].to_string(),
            term: t.term,
            unstemmed: t.unstemmed,
            used: false,
        });
    }
    let mut u = Understanding::default();
    read_numbers(&mut toks, &plus_at, &mut u);
    read_phrases(&mut toks, vocab, &mut u);

    // Define: a question whose words are define words plus a short subject.
    // The engine's stopwords are never indexed, so they are filler and define words even with
    // an empty vocabulary.
    let is_define_word =
        |t: &Tok| is_stopword(&t.term) || vocab.define.iter().any(|d| d == &t.term);
    let is_filler = |term: &str| is_stopword(term) || vocab.filler.iter().any(|f| f == term);
    // "whats" is stemmed to "what": it is a cue as written.
    let cue = toks.iter().any(|t| {
        matches!(
            t.term.as_str(),
            "mean" | "means" | "meaning" | "stand" | "stands" | "whats"
        ) || t.unstemmed == "whats"
    }) || (toks.len() >= 2
        && toks[0].term == "what"
        && matches!(toks[1].term.as_str(), "is" | "are" | "does" | "do"));
    let subject = toks
        .iter()
        .filter(|t| !t.used && !is_define_word(t))
        .count();
    // Filler beyond the define words means the question is about something else: "what is
    // being done about the inspection" asks for news, not a meaning.
    let other_filler = toks
        .iter()
        .any(|t| !t.used && !is_define_word(t) && is_filler(&t.term));
    u.define = cue && subject <= 4 && !other_filler;

    let n = toks.len();
    let last_typing = ends_in_word;
    let mut pending: Vec<Concept> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.used {
            continue;
        }
        let capitals = is_acronym(&t.written);
        let typing = last_typing && i + 1 == n;
        if !capitals && is_filler(&t.term) && !typing {
            u.dropped.push(t.written.clone());
            continue;
        }
        if u.define && is_define_word(t) {
            u.dropped.push(t.written.clone());
            continue;
        }
        let minor = vocab.minor.iter().any(|m| m == &t.term);
        pending.push(Concept {
            text: t.written.clone(),
            term: t.term.clone(),
            unstemmed: t.unstemmed.clone(),
            typing,
            capitals,
            means: Vec::new(),
            minor,
        });
    }
    // A question of nothing but filler still searches for its words.
    if pending.is_empty() && u.concepts.is_empty() && !u.dropped.is_empty() {
        for t in toks.iter().filter(|t| !t.used) {
            pending.push(Concept {
                text: t.written.clone(),
                term: t.term.clone(),
                unstemmed: t.unstemmed.clone(),
                typing: false,
                capitals: is_acronym(&t.written),
                means: Vec::new(),
                minor: false,
            });
        }
        u.dropped.clear();
    }
    u.concepts.extend(pending);
    // A filler word being typed may be the start of a real one ("he" → "health"): keep it,
    // but as a minor word.
    for c in &mut u.concepts {
        if c.typing && is_filler(&c.term) {
            c.minor = true;
        }
    }
    // Repeated words count once.
    let mut seen: Vec<String> = Vec::new();
    u.concepts.retain(|c| {
        let key = if c.term.is_empty() { &c.text } else { &c.term };
        let new = !seen.contains(key);
        seen.push(key.clone());
        new
    });
    u
}

/// Unit words after a number that make it something other than an age.
fn is_unit(term: &str) -> bool {
    matches!(
        term,
        "week"
            | "day"
            | "hour"
            | "minute"
            | "mile"
            | "place"
            | "percent"
            | "pound"
            | "time"
            | "am"
            | "pm"
            | "session"
            | "page"
    )
}

/// Words before a number that make it something other than an age.
fn is_number_name(term: &str) -> bool {
    matches!(
        term,
        "section"
            | "key"
            | "stage"
            | "ks"
            | "page"
            | "number"
            | "room"
            | "no"
            | "top"
            | "over"
            | "post"
    )
}

fn is_year(term: &str) -> bool {
    matches!(term, "year" | "years" | "yr" | "yrs")
}

fn is_month(term: &str) -> bool {
    matches!(term, "month" | "months" | "mth" | "mths")
}

/// A number written with an age suffix: "17yo", "17yr", "17yrs", "9yearold".
fn suffixed_age(term: &str) -> Option<u32> {
    let digits = term.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &term[digits..];
    matches!(rest, "yo" | "yr" | "yrs" | "yearold" | "yearsold" | "y")
        .then(|| term[..digits].parse().ok())
        .flatten()
}

fn number(term: &str) -> Option<u32> {
    (term.len() <= 3 && !term.is_empty() && term.bytes().all(|b| b.is_ascii_digit()))
        .then(|| term.parse().ok())
        .flatten()
}

/// Sets the question's age (the first one stated wins) or notes an age the Local Offer does
/// not cover.
fn set_age(u: &mut Understanding, from: u32, to: u32, words: Vec<String>) {
    if to > u32::from(MAX_AGE) || from > to {
        if u.age.is_none() && u.age_not_covered.is_none() {
            u.age_not_covered = Some(from.max(to));
            u.age_words = words;
        }
        return;
    }
    if u.age.is_none() {
        u.age = Some(AgeRange {
            from: from as u8,
            to: to as u8,
        });
        u.age_words = words;
    }
}

/// Reads the numbers of a question: which are ages (and are then not searched) and which are
/// something else ("20 weeks", "section 19", "2 year check").
fn read_numbers(toks: &mut [Tok], plus: &[bool], u: &mut Understanding) {
    let n = toks.len();
    for i in 0..n {
        if toks[i].used {
            continue;
        }
        let term = toks[i].term.clone();
        let next = |k: usize| toks.get(i + k).map(|t| t.term.as_str()).unwrap_or("");
        let prev = if i > 0 { toks[i - 1].term.as_str() } else { "" };
        let words = |toks: &[Tok], from: usize, to: usize| -> Vec<String> {
            toks[from..=to.min(n - 1)]
                .iter()
                .map(|t| t.written.clone())
                .collect()
        };
        if let Some(age) = suffixed_age(&term) {
            let w = words(toks, i, i);
            set_age(u, age, age, w);
            toks[i].used = true;
            continue;
        }
        let Some(num) = number(&term) else {
            continue;
        };
        // "N year(s) old", "N yr old", "N month(s) old"
        if (is_year(next(1)) || is_month(next(1))) && next(2) == "old" {
            let age = if is_month(next(1)) { num / 12 } else { num };
            let w = words(toks, i, i + 2);
            set_age(u, age, age, w);
            for t in &mut toks[i..i + 3] {
                t.used = true;
            }
            continue;
        }
        // "aged N", "age N"
        if matches!(prev, "aged" | "age" | "ages") && i > 0 {
            let w = words(toks, i - 1, i);
            set_age(u, num, num, w);
            toks[i - 1].used = true;
            toks[i].used = true;
            continue;
        }
        // "under N", "under N year(s)"
        if prev == "under" && i > 0 {
            let year_next = is_year(next(1));
            let w = words(toks, i - 1, i);
            set_age(u, 0, num.saturating_sub(1), w);
            toks[i - 1].used = true;
            toks[i].used = true;
            if year_next {
                toks[i + 1].used = true;
            }
            continue;
        }
        // "N+": that age and up.
        if plus.get(i).copied().unwrap_or(false) {
            let w = words(toks, i, i);
            set_age(u, num, u32::from(MAX_AGE), w);
            toks[i].used = true;
            continue;
        }
        // "year 9": a school year, ages 13 to 14. The words still search ("year 9 review").
        if prev == "year" && num <= 13 {
            if u.age.is_none() {
                u.age = Some(AgeRange {
                    from: (num + 4) as u8,
                    to: (num + 5) as u8,
                });
                u.age_words = words(toks, i - 1, i);
            }
            continue;
        }
        // A bare number: an age unless a unit follows or a name precedes it.
        let unit_after = is_unit(next(1)) || is_year(next(1)) || is_month(next(1));
        if unit_after || is_number_name(prev) || prev == "year" || num > 99 {
            continue;
        }
        if num <= u32::from(MAX_AGE) {
            let w = words(toks, i, i);
            set_age(u, num, num, w);
            toks[i].used = true;
        }
    }
}

/// Does `phrase` (terms joined by spaces) start at token `i`? Returns how many tokens it covers.
fn phrase_at(toks: &[Tok], i: usize, phrase: &str) -> Option<usize> {
    // Most phrases differ from the word at `i` in its first letters: say so before splitting.
    if !phrase.starts_with(toks.get(i)?.term.as_str()) {
        return None;
    }
    let mut k = 0;
    for word in phrase.split(' ') {
        let t = toks.get(i + k)?;
        if t.used || t.term != word {
            return None;
        }
        k += 1;
    }
    (k > 0).then_some(k)
}

/// Reads the vocabulary's phrases, longest first at each position: age words, places and
/// everyday words.
fn read_phrases<'v>(toks: &mut [Tok], vocab: &'v Vocabulary, u: &mut Understanding) {
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if toks[i].used {
            i += 1;
            continue;
        }
        // (length, what)
        let mut best: Option<(usize, Found<'v>)> = None;
        let mut consider = |len: Option<usize>, f: Found<'v>| {
            if let Some(len) = len.filter(|&l| l <= MAX_PHRASE_WORDS) {
                if best.as_ref().is_none_or(|(b, _)| len > *b) {
                    best = Some((len, f));
                }
            }
        };
        for a in &vocab.ages {
            for p in &a.phrases {
                consider(phrase_at(toks, i, p), Found::Age(a.from, a.to));
            }
        }
        for pl in &vocab.places {
            for p in &pl.phrases {
                consider(phrase_at(toks, i, p), Found::Place(pl.district));
            }
        }
        for s in &vocab.synonyms {
            for p in &s.words {
                consider(phrase_at(toks, i, p), Found::Means(&s.means));
            }
        }
        let Some((len, found)) = best else {
            i += 1;
            continue;
        };
        let written: Vec<String> = toks[i..i + len].iter().map(|t| t.written.clone()).collect();
        let mut text = String::new();
        for w in &written {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(w);
        }
        match found {
            Found::Age(from, to) => {
                if u.age.is_none() {
                    u.age = Some(AgeRange { from, to });
                    u.age_words = written;
                }
                // The words still rank ("primary school", "teenager" in a record's keywords).
                push_words(toks, i, len, true, u);
            }
            Found::Place(d) => {
                if u.district.is_none() {
                    u.district = Some(d);
                    u.place_words = written;
                }
                push_words(toks, i, len, true, u);
            }
            Found::Means(means) => {
                let single = len == 1;
                let t = &toks[i];
                u.concepts.push(Concept {
                    text,
                    term: if single {
                        t.term.clone()
                    } else {
                        String::new()
                    },
                    unstemmed: if single {
                        t.unstemmed.clone()
                    } else {
                        String::new()
                    },
                    typing: false,
                    capitals: single && is_acronym(&t.written),
                    means: means
                        .iter()
                        .map(|m| m.split(' ').map(str::to_string).collect())
                        .collect(),
                    minor: false,
                });
                if !single {
                    // The phrase's own words are also a way to say it.
                    let own: Vec<String> =
                        toks[i..i + len].iter().map(|t| t.term.clone()).collect();
                    if let Some(c) = u.concepts.last_mut() {
                        c.means.push(own);
                    }
                }
            }
        }
        for t in &mut toks[i..i + len] {
            t.used = true;
        }
        i += len;
    }
}

/// Adds the words of an age or place phrase as minor concepts.
fn push_words(toks: &[Tok], i: usize, len: usize, minor: bool, u: &mut Understanding) {
    for t in &toks[i..i + len] {
        u.concepts.push(Concept {
            text: t.written.clone(),
            term: t.term.clone(),
            unstemmed: t.unstemmed.clone(),
            typing: false,
            capitals: false,
            means: Vec::new(),
            minor,
        });
    }
}

/// What a vocabulary phrase said.
enum Found<'v> {
    Age(u8, u8),
    Place(Area),
    Means(&'v [String]),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::vocab::{phrase, AgeWords, PlaceWords, Synonym};

    fn vocab() -> Vocabulary {
        let p = |w: &[&str]| w.iter().map(|s| phrase(s)).collect::<Vec<_>>();
        Vocabulary {
            ages: vec![
                AgeWords {
                    phrases: p(&["toddler"]),
                    from: 1,
                    to: 3,
                },
                AgeWords {
                    phrases: p(&["teenager"]),
                    from: 13,
                    to: 19,
                },
                AgeWords {
                    phrases: p(&["post 16"]),
                    from: 16,
                    to: 19,
                },
            ],
            places: vec![PlaceWords {
                phrases: p(&["Kidderminster", "Wyre Forest"]),
                district: Area(5),
            }],
            synonyms: vec![
                Synonym {
                    words: p(&["respite"]),
                    means: p(&["short breaks"]),
                },
                Synonym {
                    words: p(&["wont go to school"]),
                    means: p(&["school refusal"]),
                },
            ],
            filler: p(&[
                "my", "he", "she", "is", "can", "what", "does", "has", "i", "help",
            ]),
            define: p(&["what", "does", "is", "mean", "a", "an"]),
            minor: p(&["child"]),
        }
    }

    fn age(q: &str) -> Option<(u8, u8)> {
        understand(q, &vocab()).age.map(|a| (a.from, a.to))
    }

    fn concepts(q: &str) -> Vec<String> {
        understand(q, &vocab())
            .concepts
            .iter()
            .map(|c| c.text.clone())
            .collect()
    }

    #[test]
    fn ages_are_read() {
        assert_eq!(age("15"), Some((15, 15)));
        assert_eq!(age("aged 8"), Some((8, 8)));
        assert_eq!(age("my 17 year old"), Some((17, 17)));
        assert_eq!(age("17yo"), Some((17, 17)));
        assert_eq!(age("18 month old"), Some((1, 1)));
        assert_eq!(age("under 5"), Some((0, 4)));
        assert_eq!(age("toddler"), Some((1, 3)));
        assert_eq!(age("teenager self harming"), Some((13, 19)));
        assert_eq!(age("post 16 options"), Some((16, 19)));
        assert_eq!(age("16+ college"), Some((16, 25)));
        assert_eq!(age("year 9 review"), Some((13, 14)));
        assert_eq!(age("0 year old"), Some((0, 0)));
        assert_eq!(age("my son is 11 and autistic"), Some((11, 11)));
    }

    #[test]
    fn other_numbers_are_not_ages() {
        assert_eq!(age("20 weeks"), None);
        assert_eq!(age("section 19"), None);
        assert_eq!(age("2 year check"), None);
        assert_eq!(age("waiting over 2 years"), None);
        let u = understand("200 year old", &vocab());
        assert_eq!(u.age, None);
        assert_eq!(u.age_not_covered, Some(200));
        assert!(u.concepts.is_empty());
    }

    #[test]
    fn age_numbers_are_not_searched() {
        assert_eq!(concepts("my 9 year old has adhd"), ["adhd"]);
        assert_eq!(concepts("section 19"), ["section", "19"]);
    }

    #[test]
    fn places_are_read() {
        let u = understand("short breaks in Kidderminster", &vocab());
        assert_eq!(u.district, Some(Area(5)));
        let u = understand("wyre forest school", &vocab());
        assert_eq!(u.district, Some(Area(5)));
        assert_eq!(u.place_words, ["wyre", "forest"]);
    }

    #[test]
    fn filler_is_dropped_and_he_is_not_higher_education() {
        let u = understand("he is 7 and can't read ", &vocab());
        assert!(u.dropped.contains(&"he".to_string()));
        assert!(!u.concepts.iter().any(|c| c.term == "he"));
        // Only filler: searched anyway.
        assert_eq!(concepts("what is"), ["what", "is"]);
        // Written in capitals, HE is the acronym.
        assert!(understand("HE funding", &vocab())
            .concepts
            .iter()
            .any(|c| c.term == "he" && c.capitals));
    }

    #[test]
    fn everyday_words_mean_local_offer_words() {
        let u = understand("respite", &vocab());
        assert_eq!(u.concepts[0].means, [vec!["short", "break"]]);
        let u = understand("he wont go to school", &vocab());
        assert_eq!(u.concepts.len(), 1);
        assert_eq!(u.concepts[0].text, "wont go to school");
        assert!(u.concepts[0].term.is_empty());
    }

    #[test]
    fn define_questions_are_recognised() {
        assert!(understand("what does ehcp mean", &vocab()).define);
        assert!(understand("what is a senco", &vocab()).define);
        assert!(!understand("short breaks", &vocab()).define);
        assert!(!understand("what is he doing about it", &vocab()).define);
        assert!(understand("whats pfa", &vocab()).define);
        assert_eq!(concepts("what does ehcp mean"), ["ehcp"]);
    }

    #[test]
    fn bad_input_is_read_without_panic() {
        let v = vocab();
        for q in [
            "1".repeat(256),
            "9 ".repeat(128),
            "Kidderminster".into(),
            "15".into(),
            "0 year old".into(),
            "200 year old".into(),
            "aged".into(),
            "under".into(),
            "ελληνικά 中文 عربى Kidderminster 7".into(),
            "é".repeat(300),
            "year".into(),
        ] {
            let _ = understand(&q, &v);
        }
        let u = understand("Kidderminster", &v);
        assert_eq!(u.district, Some(Area(5)));
        assert_eq!(u.key_concepts(), 0);
    }
}
