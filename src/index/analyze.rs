//! What terms a record puts into the index, and in which fields.
//!
//! This is where the glossary becomes data rather than a special case: a record that writes
//! "SALT" is also indexed under "speech", "language" and "therapy", and a record that writes
//! "speech and language therapy" is also indexed under "salt". Both directions are resolved here,
//! at build time, so a query pays nothing for them.

use super::field;
use crate::council::Council;
use crate::model::{Area, Kind, Record};
use crate::text::{for_each_token, is_stopword, tokenize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Terms of one record: term → field mask. (Unordered: the writer sorts the terms once.)
pub type Terms = HashMap<String, u8, TermHasher>;

/// Where a record's terms go as they are found: a [`Terms`] map for one record, or the
/// writer's inverted lists for many (which then need no map, and no string, per record).
pub trait TermSink {
    /// Adds `field` to `term`'s mask for the record being read. A stopword is never kept.
    fn add(&mut self, term: &str, field: u8);
}

impl TermSink for Terms {
    fn add(&mut self, term: &str, field: u8) {
        if let Some(f) = self.get_mut(term) {
            *f |= field;
        } else if !is_stopword(term) {
            self.insert(term.to_string(), field);
        }
    }
}

/// FNV-1a: a fast hash for short keys. The writer only hashes its own terms, so it needs no
/// protection against crafted collisions, and a hash map of terms beats a tree of them.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The hasher of [`Terms`] and of the writer's term maps.
pub type TermHasher = BuildHasherDefault<Fnv>;

/// The words of one text that phrases are matched on (compound wholes left out), their terms
/// kept in one buffer rather than a string each.
#[derive(Default)]
struct Words {
    terms: String,
    /// (range of the term in `terms`, range of the word in the text)
    items: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

impl Words {
    fn term(&self, i: usize) -> &str {
        &self.terms[self.items[i].0.clone()]
    }
}

/// One meaning of a glossary term, prepared for matching.
#[derive(Debug, Clone)]
struct Meaning {
    /// The term's own index terms (e.g. `["ehcp"]`).
    term_terms: Vec<String>,
    /// The expansion's index terms without stopwords (e.g. `["education", "health", "care", "plan"]`).
    expansion_terms: Vec<String>,
}

/// The glossary, prepared for finding acronyms and expansions in record text.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    meanings: Vec<Meaning>,
    /// Case-sensitive written forms ("EHCP", "EHCPs", "EHC plan" is skipped: one word only).
    forms: HashMap<String, Vec<usize>>,
    /// Each expansion of two or more terms as a phrase, stopwords kept, joined with spaces
    /// ("education health and care plan") → meanings written so.
    by_phrase: HashMap<String, Vec<usize>>,
    /// First term of each phrase → the lengths, in terms, of the phrases starting with it.
    by_first: HashMap<String, Vec<usize>>,
}

/// Words of a text that are not compounds' joined forms: the sequence phrases are matched on.
fn phrase_terms(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| t.term)
        .collect()
}

/// An expansion that is really a description ("the name of …") is not a phrase anyone writes.
fn usable_expansion(expansion: &str) -> bool {
    !expansion.contains('(') && expansion.split_whitespace().count() <= 10
}

impl Glossary {
    /// Prepares the glossary records among `records`.
    pub fn new<'a>(records: impl IntoIterator<Item = &'a Record>) -> Self {
        let mut g = Glossary::default();
        for r in records.into_iter().filter(|r| r.kind == Kind::Glossary) {
            if r.term.trim().is_empty() || !usable_expansion(&r.expansion) {
                continue;
            }
            let i = g.meanings.len();
            let phrase = phrase_terms(&r.expansion);
            g.meanings.push(Meaning {
                term_terms: phrase_terms(&r.term)
                    .into_iter()
                    .filter(|t| !is_stopword(t))
                    .collect(),
                expansion_terms: phrase.iter().filter(|t| !is_stopword(t)).cloned().collect(),
            });
            for form in std::iter::once(&r.term).chain(&r.also) {
                let form = form.trim();
                if form.split_whitespace().count() == 1 && form.chars().any(char::is_uppercase) {
                    let bare: String = form.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
                    g.forms.entry(bare.clone()).or_default().push(i);
                    g.forms.entry(format!("{bare}s")).or_default().push(i);
                }
            }
            if phrase.len() >= 2 {
                let lengths = g.by_first.entry(phrase[0].clone()).or_default();
                if !lengths.contains(&phrase.len()) {
                    lengths.push(phrase.len());
                }
                g.by_phrase.entry(phrase.join(" ")).or_default().push(i);
            }
        }
        g
    }

    /// Adds, for `text`, the expansions of the acronyms it writes and the acronyms of the
    /// expansions it writes.
    fn expand(&self, text: &str, words: &Words, terms: &mut impl TermSink) {
        if self.meanings.is_empty() {
            return;
        }
        for (_, span) in &words.items {
            let word = &text[span.clone()];
            // Every written form of a glossary term has a capital letter.
            if !word.chars().any(char::is_uppercase) {
                continue;
            }
            let written: String = word.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
            if let Some(meanings) = self.forms.get(&written) {
                for &m in meanings {
                    for e in &self.meanings[m].expansion_terms {
                        terms.add(e, field::EXPANSION);
                    }
                }
            }
        }
        // Each position is looked up once per distinct phrase length starting with its term
        // (at most a few): linear in the words, however many meanings share a first word.
        let seq: Vec<&str> = (0..words.items.len()).map(|i| words.term(i)).collect();
        let mut key = String::new();
        for start in 0..seq.len() {
            let Some(lengths) = self.by_first.get(seq[start]) else {
                continue;
            };
            for &len in lengths {
                let Some(run) = seq.get(start..start + len) else {
                    continue;
                };
                key.clear();
                for (i, t) in run.iter().enumerate() {
                    if i > 0 {
                        key.push(' ');
                    }
                    key.push_str(t);
                }
                for &m in self.by_phrase.get(&key).into_iter().flatten() {
                    for t in &self.meanings[m].term_terms {
                        terms.add(t, field::EXPANSION);
                    }
                }
            }
        }
    }
}

fn add_text(terms: &mut impl TermSink, text: &str, field: u8) {
    for_each_token(text, |t| terms.add(t.term, field));
}

/// Adds a field's terms and, from the same words, what the glossary adds for them.
fn add_expanded(terms: &mut impl TermSink, glossary: &Glossary, text: &str, field: u8) {
    if text.is_empty() {
        return;
    }
    let mut words = Words::default();
    for_each_token(text, |t| {
        terms.add(t.term, field);
        if !t.joined {
            let start = words.terms.len();
            words.terms.push_str(t.term);
            words.items.push((start..words.terms.len(), t.span));
        }
    });
    glossary.expand(text, &words, terms);
}

/// The index terms of one record.
pub fn record_terms(r: &Record, glossary: &Glossary, council: &Council) -> Terms {
    let mut terms = Terms::default();
    record_terms_into(r, glossary, council, &mut terms);
    terms
}

/// Adds the index terms of one record to `terms` (what [`record_terms`] returns).
pub fn record_terms_into(
    r: &Record,
    glossary: &Glossary,
    council: &Council,
    terms: &mut impl TermSink,
) {
    let g = glossary;
    let desc = field::DESCRIPTION;
    if r.kind == Kind::Glossary {
        add_text(terms, &r.term, field::TITLE);
        for a in &r.also {
            add_text(terms, a, field::ALT);
        }
        // The expansion weighs as a summary, not a title: "children" should find records
        // named for children before the glossary entry for CYP.
        add_text(terms, &r.expansion, field::SUMMARY);
        add_expanded(terms, g, &r.plain_meaning, desc);
    }
    add_expanded(terms, g, &r.name, field::TITLE);
    add_expanded(terms, g, &r.alternate_name, field::ALT);
    for k in &r.keywords {
        add_expanded(terms, g, k, field::KEYWORDS);
    }
    for n in &r.needs {
        add_text(terms, n.search_words(), field::NEEDS);
    }
    add_expanded(terms, g, &r.summary, field::SUMMARY);
    for text in [&r.description, &r.eligibility, &r.waiting] {
        add_expanded(terms, g, text, desc);
    }
    add_text(terms, &r.organization, desc);
    for s in &r.easy_read {
        add_text(terms, s, desc);
    }
    if let Some(p) = r.provision_type {
        add_text(terms, p.label(), field::KEYWORDS);
    }
    for w in &r.waiting_for {
        add_text(terms, w.label(), field::KEYWORDS);
    }
    // The card shows what the documents say about waiting times: a record that has them
    // answers "how long is the wait for …" as well as one that writes the words.
    if !r.waiting.trim().is_empty() {
        add_text(terms, "wait waiting times", field::KEYWORDS);
    }
    if r.kind == Kind::WaitSupport {
        add_text(
            terms,
            "support while you wait waiting list",
            field::KEYWORDS,
        );
    }
    // An area's words (the council profile's label and the names a family may type), so that
    // "Kidderminster" finds a record for Wyre Forest.
    for d in &r.districts {
        if *d == Area::WHOLE {
            add_text(terms, &council.name, field::PLACE);
            add_text(terms, "countywide all districts", field::PLACE);
        } else if let Some(a) = council.areas.get(usize::from(d.code())) {
            add_text(terms, &a.label, field::PLACE);
            for name in &a.names {
                add_text(terms, name, field::PLACE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gloss(term: &str, expansion: &str, also: &[&str]) -> Record {
        Record {
            id: format!("glossary-{}", term.to_lowercase()),
            kind: Kind::Glossary,
            name: term.into(),
            term: term.into(),
            expansion: expansion.into(),
            also: also.iter().map(|s| s.to_string()).collect(),
            ..Record::default()
        }
    }

    #[test]
    fn acronyms_and_expansions_meet_both_ways() {
        let g = Glossary::new(&[
            gloss("SALT", "Speech and Language Therapy", &["SaLT"]),
            gloss("EHCP", "Education, Health and Care Plan", &[]),
        ]);
        let a = Record {
            name: "Therapy team".into(),
            summary: "Offers speech and language therapy.".into(),
            ..Record::default()
        };
        let terms = record_terms(&a, &g, &Council::default());
        assert_eq!(terms.get("salt"), Some(&field::EXPANSION));

        let b = Record {
            name: "Help with EHCPs".into(),
            summary: "Our SaLT team.".into(),
            ..Record::default()
        };
        let terms = record_terms(&b, &g, &Council::default());
        assert_eq!(terms.get("speech"), Some(&field::EXPANSION));
        assert_eq!(terms.get("plan"), Some(&field::EXPANSION));
        assert_eq!(
            terms.get("ehcp").map(|f| f & field::TITLE),
            Some(field::TITLE)
        );
    }

    #[test]
    fn only_capitals_count_as_the_acronym() {
        let g = Glossary::new(&[gloss("WEST", "Wellbeing and Emotional Support Teams", &[])]);
        let r = Record {
            summary: "In the west of the county.".into(),
            ..Record::default()
        };
        assert!(!record_terms(&r, &g, &Council::default()).contains_key("wellbeing"));
    }
}
