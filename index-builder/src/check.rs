//! Checks across records and of their writing: unique ids, links between records, and the
//! easy-read and acronym rules that make the Local Offer readable.
//!
//! The readability rules are deliberately mechanical, so an editor gets the same answer every
//! time: a sentence is one item of `easy_read`; a word is a run of letters, digits and
//! apostrophes; syllables are vowel groups, less a silent final `e`; an acronym is a word with at
//! least two capitals and no more small letters than capitals (`EHCP`, `SpLD`, `HoW`, not
//! `ChatHealth`).

use crate::load::{parse_date, Loaded};
use crate::problem::Problems;
use local_offer_search::model::Kind;
use std::collections::{HashMap, HashSet};

/// Most words in one easy-read sentence.
pub const MAX_EASY_READ_WORDS: usize = 15;
/// Lowest Flesch reading ease for a record's easy-read text.
pub const MIN_FLESCH: f64 = 70.0;
/// Months after which a record's facts should be checked again.
pub const REVIEW_MONTHS: i32 = 12;

/// Words of a sentence, as the readability rules count them.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// Syllables of a word: vowel groups, less a silent final `e`, at least one.
pub fn syllables(word: &str) -> usize {
    let w: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let mut groups = 0;
    let mut in_vowel = false;
    for c in w.chars() {
        let v = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    if w.ends_with('e') && !w.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// Flesch reading ease of sentences (each item one sentence).
pub fn flesch(sentences: &[String]) -> Option<f64> {
    let words: Vec<&str> = sentences.iter().flat_map(|s| words(s)).collect();
    if words.is_empty() {
        return None;
    }
    let syl: usize = words.iter().map(|w| syllables(w)).sum();
    let (w, s) = (words.len() as f64, sentences.len() as f64);
    Some(206.835 - 1.015 * (w / s) - 84.6 * (syl as f64 / w))
}

/// Is this word an acronym by the rule above? (The engine's one rule, so the checks and the
/// search agree.)
pub use local_offer_search::text::is_acronym;

/// The written form an acronym is looked up by: without a possessive or a plural `s`.
fn bare(word: &str) -> &str {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word);
    match w.strip_suffix('s') {
        Some(stem) if stem.chars().last().is_some_and(char::is_uppercase) => stem,
        _ => w,
    }
}

/// Fields whose acronyms must be in the glossary.
const PROSE_FIELDS: &[&str] = &[
    "name",
    "alternate_name",
    "summary",
    "description",
    "eligibility",
    "waiting",
    "plain_meaning",
];

fn prose<'a>(l: &'a Loaded, field: &str) -> &'a str {
    let r = &l.record;
    match field {
        "name" => &r.name,
        "alternate_name" => &r.alternate_name,
        "summary" => &r.summary,
        "description" => &r.description,
        "eligibility" => &r.eligibility,
        "waiting" => &r.waiting,
        "plain_meaning" => &r.plain_meaning,
        _ => "",
    }
}

/// Runs every cross-record and content check.
pub fn check_all(loaded: &[Loaded], today: (i32, u32, u32), problems: &mut Problems) {
    let mut first: HashMap<&str, &Loaded> = HashMap::new();
    for l in loaded.iter().filter(|l| !l.record.id.is_empty()) {
        if let Some(prev) = first.get(l.record.id.as_str()) {
            problems.error(
                &l.file,
                l.line_of("id"),
                "id",
                format!(
                    "duplicate id \"{}\", first at {}:{}",
                    l.record.id,
                    prev.file.display(),
                    prev.line_of("id")
                ),
            );
        } else {
            first.insert(&l.record.id, l);
        }
    }

    let glossary: HashSet<&str> = loaded
        .iter()
        .filter(|l| l.record.kind == Kind::Glossary)
        .flat_map(|l| std::iter::once(&l.record.term).chain(&l.record.also))
        .map(|s| s.as_str())
        .collect();

    for l in loaded {
        let r = &l.record;
        for id in &r.see_also {
            if !first.contains_key(id.as_str()) {
                problems.error(
                    &l.file,
                    l.line_of("see_also"),
                    "see_also",
                    format!("\"{id}\" is not a record id"),
                );
            }
        }
        check_easy_read(l, problems);
        for field in PROSE_FIELDS {
            let mut reported = HashSet::new();
            for w in words(prose(l, field)) {
                let b = bare(w);
                if is_acronym(b)
                    && !glossary.contains(b)
                    && !glossary.contains(w)
                    && reported.insert(b)
                {
                    problems.error(
                        &l.file,
                        l.line_of(field),
                        field,
                        format!("acronym \"{b}\" has no glossary entry"),
                    );
                }
            }
        }
        if let Some((y, m, _)) = parse_date(&r.last_reviewed) {
            let age_months = (today.0 - y) * 12 + (today.1 as i32 - m as i32);
            if age_months > REVIEW_MONTHS {
                problems.warning(
                    &l.file,
                    l.line_of("last_reviewed"),
                    "last_reviewed",
                    format!("last reviewed more than {REVIEW_MONTHS} months ago ({}); check the facts are still true", r.last_reviewed),
                );
            }
        }
    }
}

/// A record imported from Open Referral UK JSON rather than written here.
fn is_import(l: &Loaded) -> bool {
    l.file.extension().is_some_and(|e| e == "json")
}

fn check_easy_read(l: &Loaded, problems: &mut Problems) {
    let r = &l.record;
    let line = l.line_of("easy_read");
    if r.easy_read.is_empty() && is_import(l) {
        problems.warning(
            &l.file,
            line,
            "easy_read",
            "no easy-read text: the easy-read view will show only the facts",
        );
    }
    for (i, s) in r.easy_read.iter().enumerate() {
        let n = words(s).len();
        if n > MAX_EASY_READ_WORDS {
            problems.error(
                &l.file,
                line,
                "easy_read",
                format!(
                    "sentence {} has {n} words (at most {MAX_EASY_READ_WORDS})",
                    i + 1
                ),
            );
        }
        for w in words(s) {
            if is_acronym(bare(w)) {
                problems.error(
                    &l.file,
                    line,
                    "easy_read",
                    format!(
                        "easy read uses the acronym \"{}\" in sentence {}; spell it out",
                        bare(w),
                        i + 1
                    ),
                );
            }
        }
    }
    if let Some(score) = flesch(&r.easy_read) {
        if score < MIN_FLESCH {
            problems.error(&l.file, line, "easy_read", format!("Flesch reading ease {score:.1} is below {MIN_FLESCH:.0}; use shorter words and sentences"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_count_like_the_editors_script() {
        assert_eq!(syllables("help"), 1);
        assert_eq!(syllables("therapy"), 3);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("little"), 2);
        assert_eq!(syllables("you"), 1);
    }

    #[test]
    fn acronyms_are_found() {
        assert!(is_acronym("EHCP"));
        assert!(is_acronym("SpLD"));
        assert!(is_acronym("HoW"));
        assert!(!is_acronym("ChatHealth"));
        assert!(!is_acronym("MacIntyre"));
        assert!(!is_acronym("I"));
        assert_eq!(bare("EHCPs"), "EHCP");
        assert_eq!(bare("EHCP's"), "EHCP");
        assert_eq!(bare("CAMHS"), "CAMHS");
        assert_eq!(
            words("the 'EHCP Quality' heading"),
            ["the", "EHCP", "Quality", "heading"]
        );
    }

    #[test]
    fn plain_text_reads_easily() {
        let easy = vec![
            "This is a plan.".to_string(),
            "It says what help you get.".to_string(),
        ];
        assert!(flesch(&easy).is_some_and(|s| s >= MIN_FLESCH));
        let hard =
            vec!["Multidisciplinary neurodevelopmental assessment documentation.".to_string()];
        assert!(flesch(&hard).is_some_and(|s| s < MIN_FLESCH));
    }
}
