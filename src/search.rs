//! The search: a query string and filters in, ranked records with highlights out.
//!
//! Each query word is matched against the term dictionary in passes of growing effort, and each
//! pass ranks below the one before:
//!
//! | tier    | how the word matched | used for |
//! |---------|----------------------|----------|
//! | exact   | the same term        | every word |
//! | prefix  | the start of a term  | the word still being typed, from 2 characters |
//! | fuzzy 1 | one edit away (a swap of two letters counts as one) | words of 4–7 characters |
//! | fuzzy 2 | two edits away       | words of 8+ characters; shorter words only when nothing closer matched; glossary acronyms always (families scramble them: "chams" → CAMHS) |
//!
//! A record's score is the sum over query words of its best match, where a match is worth its
//! tier's base plus the weight of the fields it was found in times the term's rarity. The tier
//! bases are further apart than any field bonus, so an exact match always outranks a fuzzy one.
//! Records matching more of the query's words rank first of all.
//!
//! Work is bounded whatever the input: the query is cut to [`MAX_QUERY_BYTES`] and
//! [`MAX_WORDS`] words, and each word to [`MAX_CANDIDATES`] dictionary terms.

use crate::index::{field, DocFilter, Index};
use crate::model::{Access, BroadArea, Cost, District, Kind, Need, WaitingFor};
use crate::text::{is_stopword, tokenize};
use fst::{automaton::Str, Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Longest query looked at, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 256;
/// Most words of a query that count.
pub const MAX_WORDS: usize = 10;
/// Most dictionary terms one query word may expand to.
pub const MAX_CANDIDATES: usize = 48;
/// Longest word that gets fuzzy matching, in characters.
const MAX_FUZZY_CHARS: usize = 24;

/// How a query word matched a term. Ordered best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Exact,
    Prefix,
    Fuzzy1,
    Fuzzy2,
}

impl Tier {
    fn base(self) -> f32 {
        match self {
            Tier::Exact => 4000.0,
            Tier::Prefix => 2500.0,
            Tier::Fuzzy1 => 1500.0,
            Tier::Fuzzy2 => 800.0,
        }
    }
}

/// Largest field bonus; below every gap between tier bases.
const MAX_FIELD_BONUS: f32 = 600.0;
/// Bonus for a glossary entry whose term is exactly a query word: its meaning comes first.
const GLOSSARY_TITLE_BONUS: f32 = 1000.0;

/// A need filter: one need type, or one of the four broad areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedFilter {
    Code(Need),
    Area(BroadArea),
}

impl NeedFilter {
    /// Parses a need code (`ASD`, case-insensitive) or a broad area key.
    pub fn parse(s: &str) -> Option<Self> {
        Need::ALL
            .iter()
            .find(|n| n.key().eq_ignore_ascii_case(s))
            .map(|n| NeedFilter::Code(*n))
            .or_else(|| BroadArea::parse(s).ok().map(NeedFilter::Area))
    }

    fn mask(self) -> u16 {
        match self {
            NeedFilter::Code(n) => 1 << n.code(),
            NeedFilter::Area(a) => Need::ALL
                .iter()
                .filter(|n| n.area() == a)
                .fold(0, |m, n| m | (1 << n.code())),
        }
    }
}

/// Filters. Each set filter must hold; unset ones let everything through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    /// Records in this district, and county-wide ones.
    pub district: Option<District>,
    /// Records whose age range includes this age.
    pub age: Option<u8>,
    /// Records for this need, and records for any need (those that list none).
    pub need: Option<NeedFilter>,
    pub cost: Option<Cost>,
    pub access: Option<Access>,
    pub waiting_for: Option<WaitingFor>,
}

impl Filters {
    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Does a record pass? Glossary entries have no district, age or need, so those filters
    /// leave them out.
    pub fn admit(&self, f: &DocFilter) -> bool {
        if self.kind.is_some_and(|k| k != f.kind) {
            return false;
        }
        let place_filters = self.district.is_some() || self.age.is_some() || self.need.is_some();
        if place_filters && f.kind == Kind::Glossary {
            return false;
        }
        if let Some(d) = self.district {
            let wanted = (1 << d.code()) | (1 << District::Countywide.code());
            if f.districts & wanted == 0 {
                return false;
            }
        }
        if let Some(age) = self.age {
            if age < f.min_age || age > f.max_age {
                return false;
            }
        }
        if let Some(n) = self.need {
            if f.needs != 0 && f.needs & n.mask() == 0 {
                return false;
            }
        }
        if self.cost.is_some_and(|c| f.cost != Some(c)) {
            return false;
        }
        if self.access.is_some_and(|a| f.access & (1 << a.code()) == 0) {
            return false;
        }
        if self
            .waiting_for
            .is_some_and(|w| f.waiting_for & (1 << w.code()) == 0)
        {
            return false;
        }
        true
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// The record's position in the index; fetch it with [`Index::record`].
    pub doc: u32,
    pub score: f32,
    /// How many of the query's words the record matched.
    pub matched_words: u8,
    /// The best tier among its matches.
    pub best_tier: Option<Tier>,
    /// Byte ranges of matched words in the record's name.
    pub title_highlights: Vec<Range<usize>>,
    /// Byte ranges of matched words in the record's summary (a glossary entry's expansion).
    pub summary_highlights: Vec<Range<usize>>,
}

/// Everything a search returns.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Results {
    /// The best hits, best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// How many records matched in all.
    pub total: usize,
    /// The query's words as searched (normalised).
    pub words: Vec<String>,
    /// For a query with no results: the nearest word the index knows, to suggest.
    pub suggestion: Option<String>,
}

/// One word of a parsed query.
#[derive(Debug, Clone)]
struct Word {
    term: String,
    unstemmed: String,
    /// The last word with no space after it: the family is still typing it.
    typing: bool,
    /// A stopword: it may add to the score but never needs to match.
    optional: bool,
}

fn parse_query(text: &str) -> Vec<Word> {
    let mut end = text.len().min(MAX_QUERY_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let ends_in_word = text.chars().last().is_some_and(|c| c.is_alphanumeric());
    let tokens: Vec<_> = tokenize(text).into_iter().filter(|t| !t.joined).collect();
    let n = tokens.len();
    let mut words: Vec<Word> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, t)| Word {
            optional: is_stopword(&t.term),
            typing: ends_in_word && i + 1 == n,
            term: t.term,
            unstemmed: t.unstemmed,
        })
        .collect();
    // A query of only stopwords still searches for them.
    if words.iter().all(|w| w.optional) {
        for w in &mut words {
            w.optional = false;
        }
    }
    // Stopwords that are not being typed add nothing.
    words.retain(|w| !w.optional || w.typing);
    // Repeated words count once.
    let mut seen = Vec::new();
    words.retain(|w| {
        let new = !seen.contains(&w.term);
        seen.push(w.term.clone());
        new
    });
    words.truncate(MAX_WORDS);
    words
}

fn automaton_builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let cell = if distance == 1 { &ONE } else { &TWO };
    cell.get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
}

/// A dictionary term a query word matched.
#[derive(Debug, Clone)]
struct Candidate {
    term: String,
    offset: u64,
    tier: Tier,
}

/// Adds the terms of `map` that `dfa` accepts, with the tier their distance earns.
fn fuzzy(map: &Map<Vec<u8>>, dfa: &DFA, out: &mut Vec<Candidate>) {
    let mut stream = map.search_with_state(dfa).into_stream();
    while let Some((term, offset, state)) = stream.next() {
        let tier = match dfa.distance(state) {
            Distance::Exact(0) | Distance::Exact(1) => Tier::Fuzzy1,
            _ => Tier::Fuzzy2,
        };
        out.push(Candidate {
            term: String::from_utf8_lossy(term).into_owned(),
            offset,
            tier,
        });
        if out.len() > 4 * MAX_CANDIDATES {
            break;
        }
    }
}

impl Index {
    /// The dictionary terms one query word matches, best tier per term, at most
    /// [`MAX_CANDIDATES`].
    fn candidates(&self, w: &Word) -> Vec<Candidate> {
        let mut out = Vec::new();
        let exact = self.terms.get(&w.term);
        if let Some(offset) = exact {
            out.push(Candidate {
                term: w.term.clone(),
                offset,
                tier: Tier::Exact,
            });
        }
        let chars = w.term.chars().count();
        if w.typing && w.unstemmed.chars().count() >= 2 {
            let prefix = Str::new(&w.unstemmed).starts_with();
            let mut stream = self.terms.search(prefix).into_stream();
            let mut prefixed = Vec::new();
            while let Some((term, offset)) = stream.next() {
                if term != w.term.as_bytes() {
                    prefixed.push((self.doc_freq(offset), term.to_vec(), offset));
                }
            }
            // Many terms share a short prefix: keep the most common ones.
            prefixed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            prefixed.truncate(MAX_CANDIDATES);
            out.extend(prefixed.into_iter().map(|(_, term, offset)| Candidate {
                term: String::from_utf8_lossy(&term).into_owned(),
                offset,
                tier: Tier::Prefix,
            }));
        }
        if (4..=MAX_FUZZY_CHARS).contains(&chars) {
            let distance = if chars >= 8 { 2 } else { 1 };
            let builder = automaton_builder(distance);
            fuzzy(&self.terms, &builder.build_dfa(&w.term), &mut out);
            if w.typing {
                fuzzy(
                    &self.terms,
                    &builder.build_prefix_dfa(&w.unstemmed),
                    &mut out,
                );
            }
            // Relax: a short word that found nothing closer may be two edits out.
            if distance == 1 && out.is_empty() && chars >= 5 {
                fuzzy(
                    &self.terms,
                    &automaton_builder(2).build_dfa(&w.term),
                    &mut out,
                );
            }
            // Acronyms get the wide pass unless the word is itself a known term.
            if exact.is_none() {
                fuzzy(
                    &self.acronyms,
                    &automaton_builder(2).build_dfa(&w.term),
                    &mut out,
                );
            }
        }
        // Best tier per term, then the best and most common terms first.
        out.sort_by(|a, b| a.term.cmp(&b.term).then(a.tier.cmp(&b.tier)));
        out.dedup_by(|a, b| a.term == b.term);
        out.sort_by_key(|c| (c.tier, std::cmp::Reverse(self.doc_freq(c.offset))));
        out.truncate(MAX_CANDIDATES);
        out
    }

    /// Runs a search. An empty query with filters browses every matching record in index order
    /// (kind, then name); an empty query with no filters returns nothing.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Results {
        let words = parse_query(query);
        let mut results = Results {
            words: words.iter().map(|w| w.term.clone()).collect(),
            ..Results::default()
        };
        if words.is_empty() {
            if !filters.is_empty() {
                let docs: Vec<u32> = (0..self.len() as u32)
                    .filter(|&d| {
                        self.filters
                            .get(d as usize)
                            .is_some_and(|f| filters.admit(f))
                    })
                    .collect();
                results.total = docs.len();
                results.hits = docs
                    .into_iter()
                    .take(limit)
                    .map(|doc| Hit {
                        doc,
                        score: 0.0,
                        matched_words: 0,
                        best_tier: None,
                        title_highlights: Vec::new(),
                        summary_highlights: Vec::new(),
                    })
                    .collect();
            }
            return results;
        }

        let n = self.len() as f32;
        // Per record: (score, matched words, best tier).
        let mut acc: HashMap<u32, (f32, u8, Tier)> = HashMap::new();
        let mut matched_terms: Vec<String> = Vec::new();
        let single_word = words.len() == 1;
        for w in &words {
            let mut best: HashMap<u32, (f32, Tier)> = HashMap::new();
            for c in self.candidates(w) {
                let df = self.doc_freq(c.offset).max(1) as f32;
                let rarity = 1.0 + (1.0 + n / df).ln();
                let mut hit_any = false;
                // The postings were validated at open, so this cannot fail; a failure would
                // only mean fewer results.
                let _ = self.for_each_posting(c.offset, |p| {
                    let Some(f) = self.filters.get(p.doc as usize) else {
                        return;
                    };
                    if !filters.admit(f) {
                        return;
                    }
                    hit_any = true;
                    let bonus = (field::weight(p.fields) as f32 * rarity).min(MAX_FIELD_BONUS);
                    let mut s = c.tier.base() + bonus;
                    if f.kind == Kind::Glossary
                        && c.tier == Tier::Exact
                        && p.fields & field::TITLE != 0
                    {
                        s += if single_word {
                            GLOSSARY_TITLE_BONUS
                        } else {
                            200.0
                        };
                    }
                    let e = best.entry(p.doc).or_insert((0.0, c.tier));
                    if s > e.0 {
                        *e = (s, c.tier);
                    }
                });
                if hit_any {
                    matched_terms.push(c.term);
                }
            }
            for (doc, (s, tier)) in best {
                let e = acc.entry(doc).or_insert((0.0, 0, tier));
                e.0 += s;
                if !w.optional {
                    e.1 += 1;
                }
                e.2 = e.2.min(tier);
            }
        }

        let mut ranked: Vec<(u32, f32, u8, Tier)> =
            acc.into_iter().map(|(d, (s, m, t))| (d, s, m, t)).collect();
        ranked.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
        results.total = ranked.len();
        matched_terms.sort();
        matched_terms.dedup();
        results.hits = ranked
            .into_iter()
            .take(limit)
            .map(|(doc, score, matched_words, tier)| {
                let (title_highlights, summary_highlights) = self.highlights(doc, &matched_terms);
                Hit {
                    doc,
                    score,
                    matched_words,
                    best_tier: Some(tier),
                    title_highlights,
                    summary_highlights,
                }
            })
            .collect();
        if results.total == 0 {
            results.suggestion = self.suggest(&words);
        }
        results
    }

    /// Byte ranges in a record's name and summary of the words whose terms matched.
    fn highlights(&self, doc: u32, matched: &[String]) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let Ok(r) = self.record(doc) else {
            return (Vec::new(), Vec::new());
        };
        let summary = if r.kind == Kind::Glossary {
            &r.expansion
        } else {
            &r.summary
        };
        let mark = |text: &str| -> Vec<Range<usize>> {
            let mut ranges: Vec<Range<usize>> = tokenize(text)
                .into_iter()
                .filter(|t| matched.binary_search(&t.term).is_ok())
                .map(|t| t.span)
                .collect();
            ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
            // Keep the outermost range where a compound and its parts both matched.
            let mut out: Vec<Range<usize>> = Vec::new();
            for r in ranges {
                if out.last().is_none_or(|l| r.start >= l.end) {
                    out.push(r);
                }
            }
            out
        };
        (mark(&r.name), mark(summary))
    }

    /// For a query that found nothing: the query with each unknown word replaced by the most
    /// common dictionary word within two edits, written as a record writes it.
    fn suggest(&self, words: &[Word]) -> Option<String> {
        let mut changed = false;
        let mut out = Vec::new();
        for w in words {
            if self.terms.contains_key(&w.term) || w.term.chars().count() < 3 {
                out.push(w.unstemmed.clone());
                continue;
            }
            let mut found = Vec::new();
            if w.term.chars().count() <= MAX_FUZZY_CHARS {
                fuzzy(
                    &self.terms,
                    &automaton_builder(2).build_dfa(&w.term),
                    &mut found,
                );
            }
            let best = found.into_iter().min_by_key(|c| {
                (
                    c.tier,
                    std::cmp::Reverse(self.doc_freq(c.offset)),
                    c.term.clone(),
                )
            });
            match best.and_then(|c| self.surface_form(&c)) {
                Some(s) => {
                    out.push(s);
                    changed = true;
                }
                None => out.push(w.unstemmed.clone()),
            }
        }
        changed.then(|| out.join(" "))
    }

    /// How the first record holding `c`'s term writes the word, lower-cased unless it is an
    /// acronym.
    fn surface_form(&self, c: &Candidate) -> Option<String> {
        let mut doc = None;
        let _ = self.for_each_posting(c.offset, |p| {
            if doc.is_none() {
                doc = Some(p.doc);
            }
        });
        let r = self.record(doc?).ok()?;
        let texts = [
            &r.name,
            &r.term,
            &r.alternate_name,
            &r.summary,
            &r.description,
        ];
        for text in texts {
            for t in tokenize(text) {
                if t.term == c.term {
                    let word = &text[t.span];
                    let caps = word.chars().filter(|c| c.is_uppercase()).count();
                    return Some(if caps >= 2 {
                        word.to_string()
                    } else {
                        word.to_lowercase()
                    });
                }
            }
        }
        Some(c.term.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_into_words() {
        let w = parse_query("What is an EHCP");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].term, "ehcp");
        assert!(w[0].typing);
        let w = parse_query("short breaks ");
        assert!(w.iter().all(|w| !w.typing));
        let w = parse_query("the");
        assert_eq!(w.len(), 1);
        assert!(!w[0].optional);
    }

    #[test]
    fn long_queries_are_cut_at_a_char_boundary() {
        let q = "é".repeat(1000);
        let w = parse_query(&q);
        assert!(w.len() <= MAX_WORDS);
    }
}
