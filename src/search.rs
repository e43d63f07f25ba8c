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

use crate::index::surface::{shown_texts, written_in};
use crate::index::{field, DocFilter, Index};
use crate::model::{Access, Area, BroadArea, Cost, Kind, Need, WaitingFor, MAX_AGE, MIN_AGE};
use crate::order::{insertion_sort_by, TopK};
use crate::text::for_each_token;
use crate::typo::Typo;
use crate::understand::{understand, AgeRange, Understanding};
use crate::walk::{key_text, walk, Walk};
use fst::Map;
use std::ops::Range;

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
            Tier::Fuzzy2 => 550.0,
        }
    }
}

/// Largest field bonus; with the fuzzy bonuses below, smaller than every gap between tier bases.
const MAX_FIELD_BONUS: f32 = 600.0;
/// Field weight to score: title alone (10) is worth 150 before rarity.
const FIELD_SCALE: f32 = 15.0;
/// A fuzzy match that keeps the word's first letter: typos rarely change it.
const SAME_FIRST_LETTER_BONUS: f32 = 150.0;
/// A fuzzy match on a glossary term: families scramble acronyms more than words.
const ACRONYM_BONUS: f32 = 100.0;
/// A fuzzy match of the same length as the typed word: a swap ("ehpc" → "ehcp") rather than a
/// dropped letter ("ehpc" → "ehc").
const SAME_LENGTH_BONUS: f32 = 50.0;
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
    pub district: Option<Area>,
    /// Records whose age range includes this age.
    pub age: Option<u8>,
    /// Records for this need, and records for any need (those that list none).
    pub need: Option<NeedFilter>,
    pub cost: Option<Cost>,
    pub access: Option<Access>,
    pub waiting_for: Option<WaitingFor>,
    /// An age the family took back: when the question states exactly this age, it does not
    /// rank (the widget's "Age 17 ×" chip). Not a filter: [`Filters::is_empty`] ignores it.
    pub ignore_age: Option<AgeRange>,
    /// A place the family took back: when the question names this district, it does not rank.
    pub ignore_place: Option<Area>,
}

impl Filters {
    /// True when no filter is set (an ignored age or place is not a filter).
    pub fn is_empty(&self) -> bool {
        Filters {
            ignore_age: None,
            ignore_place: None,
            ..*self
        } == Filters::default()
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
            let wanted = (1 << d.code()) | (1 << Area::WHOLE.code());
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
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
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
    /// A best match: it fits the question's age and place and matches its main concepts. The
    /// hits after the last best match are "other results" (they share only some of the
    /// question's words, or are for another age or place), which the widget can fold.
    pub main: bool,
    /// Whether the record serves the age the question states (`None`: no age stated).
    pub fits_age: Option<bool>,
    /// Whether the record is in the place the question names (`None`: no place named).
    pub fits_place: Option<bool>,
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
    /// For a query with no results, or with a word the index does not know: the nearest words
    /// the index knows, to suggest.
    pub suggestion: Option<String>,
    /// How many of the matching records are best matches ([`Hit::main`]); the rest are other
    /// results.
    pub best: usize,
    /// The glossary's meaning of an acronym in the question, or of what a "what does X mean"
    /// question asks about: shown beside the results, not as one of them.
    pub answer: Option<Answer>,
    /// Words of the question the index does not know at all ("PDA"): an acronym written in
    /// capitals is never typo-matched to another acronym, so the family is told instead.
    pub unknown: Vec<String>,
    /// What the question was read as: age, place, concepts, dropped words.
    pub understood: Understanding,
}

/// A glossary meaning given as an answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Answer {
    /// The word of the question it answers, normalised.
    pub term: String,
    /// The glossary records: one per meaning.
    pub docs: Vec<u32>,
}

/// Per-query accumulators, one slot per record, kept between queries so a keystroke allocates
/// nothing in proportion to the index. Only touched slots are reset.
#[derive(Debug, Clone, Default)]
struct Scratch {
    /// This word's best score per record.
    word: Vec<f32>,
    word_tier: Vec<Tier>,
    /// This word matched the record in one of its main fields (not only the description).
    word_strong: Vec<bool>,
    word_touched: Vec<u32>,
    /// The query's score (minor words add to it), matched key words and best tier per record.
    score: Vec<f32>,
    words: Vec<u8>,
    /// Key words matched in a main field.
    strong: Vec<u8>,
    /// How much of the question's key meaning the record covers: each key word matched adds
    /// its rarity among this query's matches, in full in a main field, less in passing.
    cover: Vec<f32>,
    tier: Vec<Option<Tier>>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            word: vec![0.0; n],
            word_tier: vec![Tier::Fuzzy2; n],
            word_strong: vec![false; n],
            word_touched: Vec::new(),
            score: vec![0.0; n],
            words: vec![0; n],
            strong: vec![0; n],
            cover: vec![0.0; n],
            tier: vec![None; n],
            touched: Vec::new(),
        }
    }

    /// Records a match of the current word in `doc`; the word keeps its best.
    fn offer(&mut self, doc: u32, s: f32, tier: Tier, strong: bool) {
        let d = doc as usize;
        if self.word[d] == 0.0 {
            self.word_touched.push(doc);
        }
        self.word_strong[d] |= strong;
        if s > self.word[d] {
            self.word[d] = s;
            self.word_tier[d] = tier;
        }
    }

    /// Adds the current word's best matches to the query's totals.
    fn end_word(&mut self, counts: bool, records: usize) {
        // The word's weight: rarer among the records it matched, more telling; to the power
        // 1.5, so a record that only shares a question's common words ("school", "help")
        // covers less of it beside one that has its rare word, and falls under the floor.
        let rarity = (1.0 + records as f32 / self.word_touched.len().max(1) as f32).ln();
        let weight = rarity * rarity.sqrt();
        for &doc in &self.word_touched {
            let d = doc as usize;
            if self.tier[d].is_none() {
                self.touched.push(doc);
            }
            self.score[d] += self.word[d];
            if counts {
                self.words[d] += 1;
                self.strong[d] += u8::from(self.word_strong[d]);
                self.cover[d] += if self.word_strong[d] {
                    weight
                } else {
                    weight * IN_PASSING
                };
            }
            let t = self.word_tier[d];
            self.tier[d] = Some(self.tier[d].map_or(t, |old| old.min(t)));
            self.word[d] = 0.0;
            self.word_strong[d] = false;
        }
        self.word_touched.clear();
    }

    /// Each touched record's totals, leaving the scratch clean.
    fn take(&mut self) -> Vec<Taken> {
        let mut out = Vec::with_capacity(self.touched.len());
        for &doc in &self.touched {
            let d = doc as usize;
            if let Some(t) = self.tier[d].take() {
                out.push(Taken {
                    doc,
                    score: self.score[d],
                    matched: self.words[d],
                    strong: self.strong[d],
                    cover: self.cover[d],
                    tier: t,
                });
            }
            self.score[d] = 0.0;
            self.words[d] = 0;
            self.strong[d] = 0;
            self.cover[d] = 0.0;
        }
        self.touched.clear();
        out
    }
}

/// One record's totals for a query, from [`Scratch::take`].
struct Taken {
    doc: u32,
    score: f32,
    matched: u8,
    strong: u8,
    cover: f32,
    tier: Tier,
}

/// A key word found only in passing (a record's description) counts this much of a word
/// found in a main field towards [`Scratch::cover`].
const IN_PASSING: f32 = 0.35;

/// A record covering less than this share of what the best fitting record covers
/// ([`Scratch::cover`]) does not answer the question and is left out.
const COVER_FLOOR: f32 = 0.65;
/// What a record for another age or place counts of its cover against [`COVER_FLOOR`]: it stays
/// (below every record that fits: age and place never filter) when it answers at least as much
/// of the question as the best record that fits, and is not pulled up into the places of the
/// weaker records the floor leaves out. It is the floor itself, so that holds whatever the floor.
const UNFIT_COVER: f32 = COVER_FLOOR;

/// Fields that say what a record is about; a word found only elsewhere (the description, the
/// district's towns) is a weaker match.
const MAIN_FIELDS: u8 = field::TITLE | field::ALT | field::KEYWORDS | field::NEEDS | field::SUMMARY;

/// One word of a parsed query: a concept of the [`Understanding`].
#[derive(Debug, Clone)]
struct Word {
    /// The normalised word, matched exactly, by prefix and with typos; empty for a phrase the
    /// vocabulary matched as a whole (then only `means` match).
    term: String,
    unstemmed: String,
    /// The last word with no space after it: the family is still typing it.
    typing: bool,
    /// A minor word: it may add to the score but never makes a record a match.
    optional: bool,
    /// Written in capitals as an acronym: never typo-matched to another acronym.
    capitals: bool,
    /// The Local Offer's own words for it: phrases whose terms must all match, exactly.
    means: Vec<Vec<String>>,
}

/// The words to search for: the understanding's concepts, at most [`MAX_WORDS`], key ones
/// first when there are more. A question of only minor words searches them as key words, and a
/// question asking what something means treats every word of its subject as key.
fn words_of(u: &Understanding) -> Vec<Word> {
    let mut words: Vec<Word> = u
        .concepts
        .iter()
        .map(|c| Word {
            term: c.term.clone(),
            unstemmed: c.unstemmed.clone(),
            typing: c.typing,
            optional: c.minor && !u.define,
            capitals: c.capitals,
            means: c.means.clone(),
        })
        .collect();
    if words.iter().all(|w| w.optional) {
        for w in &mut words {
            w.optional = false;
        }
    }
    if words.len() > MAX_WORDS {
        // Keep the key words, in order, then minor ones while there is room.
        let mut kept: Vec<Word> = words.iter().filter(|w| !w.optional).cloned().collect();
        kept.truncate(MAX_WORDS);
        for w in words.iter().filter(|w| w.optional) {
            if kept.len() < MAX_WORDS {
                kept.push(w.clone());
            }
        }
        words = kept;
    }
    words
}

/// Edit distance with adjacent swaps counting as one edit (optimal string alignment), or `None`
/// when it is above `max`. For short words only.
pub(crate) fn osa_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let mut row_min = usize::MAX;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

/// The candidates of recent query words. Typing "short breaks kidd…" re-matches "short" and
/// "breaks" on every keystroke; this makes that free.
#[derive(Debug, Default)]
struct CandidateCache {
    /// (stemmed, as typed, being typed) → candidates; most recent first.
    entries: Vec<((String, String, bool), Vec<Candidate>)>,
}

/// Query words whose candidates are remembered.
const CANDIDATE_CACHE: usize = 32;

/// A dictionary term a query word matched.
#[derive(Debug, Clone)]
struct Candidate {
    term: String,
    offset: u64,
    tier: Tier,
    /// Tie-breaks within a fuzzy tier (see the bonus constants).
    bonus: f32,
}

/// Adds the terms of `map` within `max` edits of `query` (or, with `prefix`, that start with
/// something within `max` edits of it), with the tier their distance earns.
fn fuzzy(map: &Map<Vec<u8>>, query: &str, max: u8, prefix: bool, out: &mut Vec<Candidate>) {
    let Some(typo) = Typo::new(query, max, prefix) else {
        return;
    };
    walk(map, Walk::Typo(&typo), |term, offset, state| {
        let tier = match state.typo().and_then(|s| typo.distance(s)) {
            Some(0 | 1) => Tier::Fuzzy1,
            _ => Tier::Fuzzy2,
        };
        out.push(Candidate {
            term: key_text(term),
            offset,
            tier,
            bonus: 0.0,
        });
        out.len() <= 4 * MAX_CANDIDATES
    });
}

/// A search session: the per-query scratch and the cache of recent words' candidates, kept
/// between keystrokes. It borrows the index for each search, so the index stays the read-only
/// file it was opened from (and can be shared, or given its easy-read file, at any time). The
/// widget keeps one `Searcher` for its life; a one-off search can use [`Index::search`].
#[derive(Debug, Default)]
pub struct Searcher {
    scratch: Scratch,
    cache: CandidateCache,
    /// Which index the scratch and cache were made for: (checksum, records).
    made_for: Option<(u32, usize)>,
}

impl Searcher {
    /// A searcher with nothing cached; its buffers are sized at the first search.
    pub fn new() -> Self {
        Searcher::default()
    }

    /// Sizes the scratch for `index` and forgets another index's candidates.
    fn prepare(&mut self, index: &Index) {
        let id = (index.checksum(), index.len());
        if self.made_for != Some(id) {
            self.scratch = Scratch::new(index.len());
            self.cache = CandidateCache::default();
            self.made_for = Some(id);
        }
    }

    /// [`Index::candidates`], remembered for recent words.
    fn cached_candidates(&mut self, index: &Index, w: &Word) -> Vec<Candidate> {
        let key = (w.term.clone(), w.unstemmed.clone(), w.typing);
        let cache = &mut self.cache;
        if let Some(pos) = cache.entries.iter().position(|(k, _)| *k == key) {
            let entry = cache.entries.remove(pos);
            let found = entry.1.clone();
            cache.entries.insert(0, entry);
            return found;
        }
        let found = index.candidates(w);
        cache.entries.insert(0, (key, found.clone()));
        cache.entries.truncate(CANDIDATE_CACHE);
        found
    }

    /// Does, once, the work a family's first keystrokes would otherwise pay for: runs a few
    /// searches that take every path (prefix, several words, one and two edits, no
    /// result with a suggestion, a filtered browse). In a browser the wasm code is compiled on a
    /// function's first call, so this also compiles the search before anyone types. The widget
    /// calls it once it has painted.
    pub fn warm_up(&mut self, index: &Index) {
        let none = Filters::default();
        for q in ["au", "short brakes kidd", "autsim", "qqqqqqqqqq"] {
            let _ = self.search(index, q, &none, 10);
        }
        let browse = Filters {
            age: Some(10),
            ..Filters::default()
        };
        let _ = self.search(index, "", &browse, 10);
        self.cache = CandidateCache::default();
    }

    /// Runs a search. The question is read first ([`crate::understand`]): its age and place
    /// rank records that fit above records that do not, its words that carry no meaning are
    /// dropped, and a glossary meaning is an [`Answer`] beside the results rather than one of
    /// them (except for a question that asks what something means). An empty query with
    /// filters browses every matching record in index order (kind, then name); a query that is
    /// only an age lists the records made for that age; an empty query with no filters returns
    /// nothing.
    pub fn search(
        &mut self,
        index: &Index,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Results {
        self.prepare(index);
        let mut understood = understand(query, index.vocabulary());
        // What the family took back stops ranking; the words stay read (not searched).
        if understood.age.is_some() && understood.age == filters.ignore_age {
            understood.age = None;
        }
        if understood.district.is_some() && understood.district == filters.ignore_place {
            understood.district = None;
        }
        let words = words_of(&understood);
        let mut results = Results {
            words: words
                .iter()
                .map(|w| w.term.clone())
                .filter(|t| !t.is_empty())
                .collect(),
            ..Results::default()
        };
        if words.is_empty() {
            let fit = Fit::of(&understood);
            // Only an age: the records made for it (those that state an age range).
            let by_age = understood.age.is_some() && filters.is_empty();
            if !filters.is_empty() || by_age {
                let admitted = |ended: bool| {
                    (0..index.len() as u32).filter(move |&d| {
                        index.filters.get(d as usize).is_some_and(|f| {
                            f.ended == ended
                                && if by_age {
                                    f.kind != Kind::Glossary
                                        && (f.min_age, f.max_age) != (MIN_AGE, MAX_AGE)
                                        && fit.age(f) == Some(true)
                                } else {
                                    filters.admit(f)
                                }
                        })
                    })
                };
                // Ended records stay findable, after the live ones.
                let docs: Vec<u32> = admitted(false).chain(admitted(true)).collect();
                results.total = docs.len();
                results.best = docs.len();
                results.hits = docs
                    .into_iter()
                    .take(limit)
                    .map(|doc| {
                        let f = index.filters.get(doc as usize);
                        Hit {
                            doc,
                            score: 0.0,
                            matched_words: 0,
                            best_tier: None,
                            title_highlights: Vec::new(),
                            summary_highlights: Vec::new(),
                            main: true,
                            fits_age: f.and_then(|f| fit.age(f)),
                            fits_place: f.and_then(|f| fit.place(f)),
                        }
                    })
                    .collect();
            }
            results.understood = understood;
            return results;
        }

        let n = index.len() as f32;
        let mut matched_terms: Vec<String> = Vec::new();
        let mut acronym_only = true;
        let mut unknown: Vec<String> = Vec::new();
        let no_filters = filters.is_empty();
        let define = understood.define;
        let single_word = words.len() == 1 || define;
        for w in &words {
            let found = if w.term.is_empty() {
                Vec::new()
            } else {
                self.cached_candidates(index, w)
            };
            if found.is_empty() && w.means.is_empty() && !w.optional {
                unknown.push(w.unstemmed.clone());
            }
            if w.optional || !found.iter().any(|c| index.acronyms.contains_key(&c.term)) {
                acronym_only &= w.optional;
            }
            let scale = if w.optional { MINOR_SCALE } else { 1.0 };
            for c in found {
                let df = index.doc_freq(c.offset).max(1) as f32;
                // Rarity from 0 (in every record) to 1 (in one): a rare word says more.
                let rarity = (1.0 + n / df).ln() / (1.0 + n).ln().max(f32::MIN_POSITIVE);
                let mut hit_any = false;
                // A word that resolved to a glossary term: its meaning comes first.
                let names_acronym = index.acronyms.contains_key(&c.term);
                // The postings were validated at open, so this cannot fail; a failure would
                // only mean fewer results.
                let base = c.tier.base() + c.bonus;
                let _ = index.for_each_posting(c.offset, |p| {
                    let Some(f) = index.filters.get(p.doc as usize) else {
                        return;
                    };
                    if !no_filters && !filters.admit(f) {
                        return;
                    }
                    hit_any = true;
                    let bonus = (field::weight(p.fields) as f32 * FIELD_SCALE).min(MAX_FIELD_BONUS)
                        * rarity;
                    let mut s = base + bonus;
                    if f.kind == Kind::Glossary
                        && (c.tier == Tier::Exact || names_acronym)
                        && p.fields & field::TITLE != 0
                    {
                        s += if single_word {
                            GLOSSARY_TITLE_BONUS
                        } else {
                            200.0
                        };
                    }
                    let strong = p.fields & MAIN_FIELDS != 0;
                    self.scratch.offer(p.doc, s * scale, c.tier, strong);
                });
                if hit_any {
                    matched_terms.push(c.term);
                }
            }
            for phrase in &w.means {
                self.offer_phrase(index, phrase, filters, scale, &mut matched_terms);
            }
            self.scratch.end_word(!w.optional, index.len());
        }
        results.unknown = unknown;

        let key_words = words.iter().filter(|w| !w.optional).count();
        // A question that is one acronym ("camhs", "chams", "salt") asks what it means.
        let define_like = define
            || (acronym_only
                && words.len() == 1
                && understood.age.is_none()
                && understood.district.is_none());
        let fit = Fit::of(&understood);
        let mut ranked: Vec<Ranked> = Vec::new();
        for Taken {
            doc,
            score,
            matched,
            strong,
            cover,
            tier,
        } in self.scratch.take()
        {
            let Some(f) = index.filters.get(doc as usize) else {
                continue;
            };
            // Minor words never make a match on their own.
            if key_words > 0 && matched == 0 {
                continue;
            }
            // The glossary answers separately, except to a question asking what a word means.
            // (Asking for the glossary with the kind filter is asking for its entries.)
            if f.kind == Kind::Glossary && !define_like && filters.kind != Some(Kind::Glossary) {
                continue;
            }
            ranked.push(Ranked {
                doc,
                score,
                matched,
                strong,
                cover,
                tier,
                age: fit.age(f),
                span: if fit.age.is_some() {
                    f.max_age.saturating_sub(f.min_age)
                } else {
                    0
                },
                place: fit.place(f),
                main: false,
                glossary: define && f.kind == Kind::Glossary,
                live: !f.ended,
            });
        }
        // A record that writes the question's words only in passing (its description) does not
        // answer it when others are about them.
        // Glossary entries do not count here: a definition has the acronym in its title, and a
        // service that writes the words in full ("speech and language therapy" for SALT) is
        // still the answer to "salt".
        let glossary = |r: &Ranked| {
            index
                .filters
                .get(r.doc as usize)
                .is_some_and(|f| f.kind == Kind::Glossary)
        };
        let most_strong = ranked
            .iter()
            .filter(|r| !glossary(r))
            .map(|r| r.strong)
            .max()
            .unwrap_or(0);
        if most_strong > 0 {
            ranked.retain(|r| r.strong > 0);
        }
        // A record that covers much less of the question than the best one does not answer
        // it: it is left out rather than listed below. A record for another age or place
        // counts for less here, so it is not pulled up into the places of the ones left out.
        let fitting = |r: &Ranked| r.age != Some(false) && r.place != Some(false);
        let best_cover = ranked
            .iter()
            .filter(|r| !glossary(r) && fitting(r))
            .map(|r| r.cover)
            .fold(0.0f32, f32::max);
        // Best matches: the records that fit, matching the most key words of those that fit
        // (a record for another age that writes more of the question's words never leaves the
        // ones that fit all under "Other results").
        let mut most = 0;
        ranked.retain(|r| {
            let fits = fitting(r);
            let own = if fits { r.cover } else { r.cover * UNFIT_COVER };
            let kept = glossary(r) || own >= best_cover * COVER_FLOOR;
            if kept && fits {
                most = most.max(r.matched);
            }
            kept
        });
        for r in &mut ranked {
            r.main = r.matched >= most;
        }
        results.total = ranked.len();
        results.best = ranked.iter().filter(|r| r.is_best()).count();
        // Only the best `limit` are kept and ordered: fitting age and place first, then the
        // question's main concepts, then how many key words matched, then the score.
        let mut top = TopK::new(limit, |a: &Ranked, b: &Ranked| {
            b.key()
                .cmp(&a.key())
                .then(b.live.cmp(&a.live))
                .then(b.cover.total_cmp(&a.cover))
                .then(b.score.total_cmp(&a.score))
                .then(a.span.cmp(&b.span))
                .then(a.doc.cmp(&b.doc))
        });
        for r in ranked {
            top.offer(r);
        }
        let ranked = top.into_vec();
        insertion_sort_by(&mut matched_terms, |a, b| a.cmp(b));
        matched_terms.dedup();
        results.hits = ranked
            .into_iter()
            .take(limit)
            .map(|r| {
                let (title_highlights, summary_highlights) =
                    index.highlights(r.doc, &matched_terms);
                Hit {
                    doc: r.doc,
                    score: r.score,
                    matched_words: r.matched,
                    best_tier: Some(r.tier),
                    title_highlights,
                    summary_highlights,
                    main: r.is_best(),
                    fits_age: r.age,
                    fits_place: r.place,
                }
            })
            .collect();
        results.answer = index.answer(&words, &understood, define_like, &results.hits);
        if results.total == 0 || !results.unknown.is_empty() {
            results.suggestion = index.suggest(&words);
        }
        results.understood = understood;
        results
    }

    /// Scores the records that write every term of `phrase` (the Local Offer's words for a
    /// family's word): an exact match, weighed by the weakest of its terms.
    fn offer_phrase(
        &mut self,
        index: &Index,
        phrase: &[String],
        filters: &Filters,
        scale: f32,
        matched_terms: &mut Vec<String>,
    ) {
        let n = index.len() as f32;
        // (doc, every term so far in a main field, weakest bonus)
        let mut docs: Vec<(u32, bool, f32)> = Vec::new();
        for (k, term) in phrase.iter().enumerate() {
            let Some(offset) = index.terms.get(term) else {
                return;
            };
            let df = index.doc_freq(offset).max(1) as f32;
            let rarity = (1.0 + n / df).ln() / (1.0 + n).ln().max(f32::MIN_POSITIVE);
            let mut next: Vec<(u32, bool, f32)> = Vec::new();
            let _ = index.for_each_posting(offset, |p| {
                let bonus =
                    (field::weight(p.fields) as f32 * FIELD_SCALE).min(MAX_FIELD_BONUS) * rarity;
                let strong = p.fields & MAIN_FIELDS != 0;
                if k == 0 {
                    next.push((p.doc, strong, bonus));
                } else if let Ok(i) = docs.binary_search_by(|d| d.0.cmp(&p.doc)) {
                    next.push((p.doc, strong && docs[i].1, docs[i].2.min(bonus)));
                }
            });
            docs = next;
            if docs.is_empty() {
                return;
            }
        }
        let mut any = false;
        for (doc, strong, bonus) in docs {
            let Some(f) = index.filters.get(doc as usize) else {
                continue;
            };
            if !filters.is_empty() && !filters.admit(f) {
                continue;
            }
            any = true;
            self.scratch.offer(
                doc,
                (Tier::Exact.base() + bonus * MEANS_SCALE) * scale,
                Tier::Exact,
                strong,
            );
        }
        if any {
            matched_terms.extend(phrase.iter().cloned());
        }
    }
}

/// How minor words count: they add to the score, a little, among records that match the same
/// key words.
const MINOR_SCALE: f32 = 0.5;
/// A match through the vocabulary's words counts a little less than the family's own word.
const MEANS_SCALE: f32 = 0.8;

/// A record's standing in a search, before it becomes a [`Hit`].
#[derive(Debug, Clone, Copy)]
struct Ranked {
    doc: u32,
    score: f32,
    matched: u8,
    /// Key words matched in a main field ([`MAIN_FIELDS`]).
    strong: u8,
    /// How much of the question's key meaning it covers ([`Scratch::cover`]).
    cover: f32,
    tier: Tier,
    age: Option<bool>,
    /// How many years the record's ages span, when the question states an age: of two records
    /// that score the same, the one made for fewer ages says more about this child (rather than
    /// the one whose name comes first).
    span: u8,
    place: Option<bool>,
    main: bool,
    /// A glossary entry answering a question that asks what a word means: it comes first.
    glossary: bool,
    /// Not ended: an ended record stays findable, after the live ones that match as well.
    live: bool,
}

impl Ranked {
    /// What orders hits before the score: age fit, place fit, main concepts, the glossary's
    /// meaning (for a question asking one), key words matched, key words matched in a main
    /// field, live before ended. Minor words only add to the score: a record that shares the
    /// question's "how long" never outranks one about its key words.
    fn key(&self) -> (bool, bool, bool, bool, u8) {
        (
            self.age != Some(false),
            self.place != Some(false),
            self.main,
            self.glossary,
            self.matched,
        )
    }

    /// A best match: it fits the question's age and place and matches its main concepts.
    fn is_best(&self) -> bool {
        self.age != Some(false) && self.place != Some(false) && self.main
    }
}

/// The question's age and place, as tests on a record's filter row.
#[derive(Debug, Clone, Copy)]
struct Fit {
    age: Option<AgeRange>,
    district: Option<Area>,
}

impl Fit {
    fn of(u: &Understanding) -> Self {
        Fit {
            age: u.age,
            district: u.district,
        }
    }

    /// Does the record serve the question's age? `None` when the question states none.
    fn age(&self, f: &DocFilter) -> Option<bool> {
        self.age.map(|a| a.overlaps(f.min_age, f.max_age))
    }

    /// Is the record in the question's place (or county-wide, or for anywhere)? `None` when
    /// the question names no place.
    fn place(&self, f: &DocFilter) -> Option<bool> {
        self.district.map(|d| {
            let wanted = (1 << d.code()) | (1 << Area::WHOLE.code());
            f.districts == 0 || f.districts & wanted != 0
        })
    }
}

impl Index {
    /// One search with a fresh [`Searcher`]: for a one-off search (the command line, tests).
    /// Anything that searches on every keystroke keeps a `Searcher` instead, which reuses its
    /// buffers and remembers recent words.
    pub fn search(&self, query: &str, filters: &Filters, limit: usize) -> Results {
        Searcher::new().search(self, query, filters, limit)
    }

    /// The dictionary terms one query word matches, best tier per term, at most
    /// [`MAX_CANDIDATES`].
    fn candidates(&self, w: &Word) -> Vec<Candidate> {
        let mut out = Vec::new();
        // Exact: the stemmed word, and the word as typed ("camhs" is indexed unstemmed when a
        // record writes it in capitals).
        for form in [&w.term, &w.unstemmed] {
            if out.iter().any(|c: &Candidate| &c.term == form) {
                continue;
            }
            if let Some(offset) = self.terms.get(form) {
                out.push(Candidate {
                    term: form.clone(),
                    offset,
                    tier: Tier::Exact,
                    bonus: 0.0,
                });
            }
        }
        // Fuzzy matching works on the word as typed: "chams" is two swaps from "camhs", while
        // its stem "cham" would be one letter from "chat".
        let typed = &w.unstemmed;
        let chars = typed.chars().count();
        if w.typing && w.unstemmed.chars().count() >= 2 {
            // Many terms share a short prefix: keep the most common ones, fewer the shorter
            // the prefix (two letters say little, and their words' lists are long).
            let keep = match typed.chars().count() {
                0..=2 => MAX_CANDIDATES / 12,
                3 => MAX_CANDIDATES / 4,
                _ => MAX_CANDIDATES,
            };
            let mut prefixed = TopK::new(keep, |a: &(u32, Vec<u8>, u64), b| {
                b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1))
            });
            walk(
                &self.terms,
                Walk::Prefix(w.unstemmed.as_bytes()),
                |term, offset, _| {
                    if term != w.term.as_bytes() {
                        prefixed.offer((self.doc_freq(offset), term.to_vec(), offset));
                    }
                    true
                },
            );
            out.extend(
                prefixed
                    .into_vec()
                    .into_iter()
                    .map(|(_, term, offset)| Candidate {
                        term: key_text(&term),
                        offset,
                        tier: Tier::Prefix,
                        bonus: 0.0,
                    }),
            );
        }
        // Typo passes run only when the exact and prefix passes found nothing: a word the index
        // knows is not a typo, and each looser pass would only add noise below it.
        // An acronym written in capitals that the index does not know ("PDA", "EBSA") is not a
        // typo of another acronym: the family is told it is unknown instead.
        // A word the vocabulary knows ("ebsa") is not a typo either.
        let known = !w.means.is_empty();
        if out.is_empty() && !w.capitals && !known && (4..=MAX_FUZZY_CHARS).contains(&chars) {
            // One edit first, even on a long word: its walk prunes early, and a long word one
            // edit from a known one has found it. Two edits (8+ letters) only if that failed:
            // that walk visits many more of the dictionary's nodes.
            self.typo_pass(typed, 1, w.typing, &mut out);
            if out.is_empty() && chars >= 8 {
                self.typo_pass(typed, 2, w.typing, &mut out);
            }
            // Acronyms always get the wide pass: "chams" is two swaps from "camhs". There are
            // few of them, so a direct comparison beats building a two-edit automaton.
            // A four-letter word is two edits from too many acronyms ("ebsa" → "eps"): one only.
            let reach = if chars <= 4 { 1 } else { 2 };
            for (term, offset) in &self.acronym_list {
                let tier = match osa_distance(typed, term, reach) {
                    Some(0 | 1) => Tier::Fuzzy1,
                    Some(_) => Tier::Fuzzy2,
                    None => continue,
                };
                out.push(Candidate {
                    term: term.clone(),
                    offset: *offset,
                    tier,
                    bonus: 0.0,
                });
            }
            // Still nothing: two edits on the word, then on its stem ("brakes" → "brake" is two
            // edits from "break").
            if out.is_empty() && chars >= 5 {
                if chars < 8 {
                    fuzzy(&self.terms, typed, 2, false, &mut out);
                }
                if w.term != *typed && w.term.chars().count() >= 4 {
                    fuzzy(&self.terms, &w.term, 2, false, &mut out);
                    for c in &mut out {
                        c.tier = Tier::Fuzzy2;
                    }
                }
            }
        }
        // Best tier per term, then the best and most common terms first.
        insertion_sort_by(&mut out, |a, b| {
            a.term.cmp(&b.term).then(a.tier.cmp(&b.tier))
        });
        out.dedup_by(|a, b| a.term == b.term);
        insertion_sort_by(&mut out, |a, b| {
            (a.tier, std::cmp::Reverse(self.doc_freq(a.offset)), a.offset).cmp(&(
                b.tier,
                std::cmp::Reverse(self.doc_freq(b.offset)),
                b.offset,
            ))
        });
        out.truncate(MAX_CANDIDATES);
        let first = w.term.chars().next();
        for c in out.iter_mut().filter(|c| c.tier >= Tier::Fuzzy1) {
            if c.term.chars().next() == first {
                c.bonus += SAME_FIRST_LETTER_BONUS;
            }
            if self.acronyms.contains_key(&c.term) {
                c.bonus += ACRONYM_BONUS;
            }
            if c.term.chars().count() == w.unstemmed.chars().count() {
                c.bonus += SAME_LENGTH_BONUS;
            }
        }
        out
    }

    /// Terms within `distance` edits of `typed` and, for the word being typed, terms that start
    /// within `distance` edits of it (weaker evidence: "suport" is "support", not "supported").
    fn typo_pass(&self, typed: &str, distance: u8, typing: bool, out: &mut Vec<Candidate>) {
        fuzzy(&self.terms, typed, distance, false, out);
        if typing {
            let mut starts = Vec::new();
            fuzzy(&self.terms, typed, distance, true, &mut starts);
            out.extend(starts.into_iter().map(|mut c| {
                c.tier = Tier::Fuzzy2;
                c
            }));
        }
    }

    /// Byte ranges in a record's name and summary of the words whose terms matched.
    fn highlights(&self, doc: u32, matched: &[String]) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let Ok(r) = self.headline(doc) else {
            return (Vec::new(), Vec::new());
        };
        let summary = if r.kind == Kind::Glossary {
            r.expansion
        } else {
            r.summary
        };
        let mark = |text: &str| -> Vec<Range<usize>> {
            let mut ranges: Vec<Range<usize>> = Vec::new();
            for_each_token(text, |t| {
                if matched.binary_search_by(|m| m.as_str().cmp(t.term)).is_ok() {
                    ranges.push(t.span);
                }
            });
            insertion_sort_by(&mut ranges, |a, b| {
                (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
            });
            // Keep the outermost range where a compound and its parts both matched.
            let mut out: Vec<Range<usize>> = Vec::new();
            for r in ranges {
                if out.last().is_none_or(|l| r.start >= l.end) {
                    out.push(r);
                }
            }
            out
        };
        (mark(r.name), mark(summary))
    }

    /// The glossary answer to a question: the meanings of an acronym it writes ("salt
    /// referral"), of what a "what does X mean" question asks about, or of the one word a
    /// question is made of when a glossary entry gives it as a keyword ("dyslexic").
    fn answer(
        &self,
        words: &[Word],
        u: &Understanding,
        define_like: bool,
        hits: &[Hit],
    ) -> Option<Answer> {
        let glossary_docs = |term: &str, fields: u8| -> Vec<u32> {
            let mut docs = Vec::new();
            if let Some(offset) = self.terms.get(term) {
                let _ = self.for_each_posting(offset, |p| {
                    let glossary = self
                        .filters
                        .get(p.doc as usize)
                        .is_some_and(|f| f.kind == Kind::Glossary);
                    if glossary && p.fields & fields != 0 && docs.len() < 4 {
                        docs.push(p.doc);
                    }
                });
            }
            docs
        };
        for w in words.iter().filter(|w| !w.term.is_empty()) {
            if self.acronyms.contains_key(&w.term) {
                let docs = glossary_docs(&w.term, field::TITLE | field::ALT);
                if !docs.is_empty() {
                    return Some(Answer {
                        term: w.term.clone(),
                        docs,
                    });
                }
            }
        }
        if define_like {
            let docs: Vec<u32> = hits
                .iter()
                .filter(|h| h.main)
                .filter(|h| {
                    self.filters
                        .get(h.doc as usize)
                        .is_some_and(|f| f.kind == Kind::Glossary)
                })
                .map(|h| h.doc)
                .take(2)
                .collect();
            let term = words
                .iter()
                .map(|w| w.term.as_str())
                .find(|t| !t.is_empty())
                .unwrap_or("");
            return (!docs.is_empty()).then(|| Answer {
                term: term.to_string(),
                docs,
            });
        }
        if let [w] = words {
            if !w.term.is_empty() && u.age.is_none() && u.district.is_none() {
                // Only when one entry gives the word: then it names that entry's meaning
                // ("dyslexic" → SpLD), where several ("autistic") name none in particular.
                let docs = glossary_docs(&w.term, field::TITLE | field::ALT | field::KEYWORDS);
                if docs.len() == 1 {
                    return Some(Answer {
                        term: w.term.clone(),
                        docs,
                    });
                }
            }
        }
        None
    }

    /// For a query that found nothing, or has a word the index does not know: the query with
    /// each unknown word replaced by the most common dictionary word within two edits, written
    /// as a record writes it. A word written in capitals is offered real words, not acronyms.
    fn suggest(&self, words: &[Word]) -> Option<String> {
        let mut changed = false;
        let mut out = Vec::new();
        for w in words {
            if w.term.is_empty() {
                continue;
            }
            if self.terms.contains_key(&w.term) || w.term.chars().count() < 3 {
                out.push(w.unstemmed.clone());
                continue;
            }
            let mut found = Vec::new();
            if w.term.chars().count() <= MAX_FUZZY_CHARS {
                fuzzy(&self.terms, &w.term, 2, false, &mut found);
            }
            if w.capitals {
                found.retain(|c| !self.acronyms.contains_key(&c.term));
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
        changed.then(|| {
            let words: Vec<&str> = out.iter().map(String::as_str).collect();
            crate::lean::join(&words, " ")
        })
    }

    /// How the first record holding `c`'s term writes the word, lower-cased unless it is an
    /// acronym: from the fields the doc store keeps, else from the index's `surface` table (the
    /// writer's answer from the description, which is not stored), else the term itself.
    fn surface_form(&self, c: &Candidate) -> Option<String> {
        let mut doc = None;
        let _ = self.for_each_posting(c.offset, |p| {
            if doc.is_none() {
                doc = Some(p.doc);
            }
        });
        let r = self.record(doc?).ok()?;
        let word = written_in(shown_texts(&r), &c.term)
            .or_else(|| self.surface_word(&c.term).map(str::to_string))
            .unwrap_or_else(|| c.term.clone());
        Some(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_become_words() {
        let v = crate::index::vocab::Vocabulary::default();
        let w = words_of(&understand("What is an EHCP", &v));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].term, "ehcp");
        assert!(w[0].typing);
        let w = words_of(&understand("short breaks ", &v));
        assert!(w.iter().all(|w| !w.typing));
        let w = words_of(&understand("the", &v));
        assert_eq!(w.len(), 1);
        assert!(!w[0].optional);
    }

    #[test]
    fn swaps_count_as_one_edit() {
        assert_eq!(osa_distance("chams", "camhs", 2), Some(2));
        assert_eq!(osa_distance("ehpc", "ehcp", 2), Some(1));
        assert_eq!(osa_distance("autism", "autism", 2), Some(0));
        assert_eq!(osa_distance("salt", "speech", 2), None);
        assert_eq!(osa_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn tiers_never_overlap() {
        let extra = MAX_FIELD_BONUS + SAME_FIRST_LETTER_BONUS + ACRONYM_BONUS + SAME_LENGTH_BONUS;
        assert!(Tier::Fuzzy2.base() + extra < Tier::Fuzzy1.base());
        assert!(Tier::Fuzzy1.base() + extra < Tier::Prefix.base());
        assert!(Tier::Prefix.base() + MAX_FIELD_BONUS < Tier::Exact.base());
    }

    #[test]
    fn long_queries_are_cut_at_a_char_boundary() {
        let q = "é".repeat(1000);
        let w = words_of(&understand(&q, &Default::default()));
        assert!(w.len() <= MAX_WORDS);
    }
}
