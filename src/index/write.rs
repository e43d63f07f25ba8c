//! The index writer: records in, one index file's bytes out.
//!
//! The output depends only on the records (not on their order, the clock or a hash seed): the
//! records are sorted first and every map is ordered, so the same data always gives a
//! byte-identical file.

use super::analyze::{record_terms_into, Glossary, TermHasher, TermSink};
use super::codec::{crc32, doc_columns, encode_doc, put_str, put_varint};
use super::surface::{as_suggested, shown_texts};
use super::vocab::Vocabulary;
use super::{section, DocFilter, FORMAT_VERSION, HEADER_LEN, MAGIC};
use crate::council::Council;
use crate::model::{Area, Kind, Record};
use crate::text::{for_each_token, is_stopword, tokenize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Why an index could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The index would pass the format's 4 GiB limit.
    TooLarge { bytes: usize },
    /// Two records share an id (the builder's validation should have caught it).
    DuplicateId(String),
    /// The fst library refused the term dictionary.
    Fst(fst::Error),
    /// A record's encoding did not split into the doc store's columns (a bug in the writer).
    DocColumns,
    /// The index could not be split into a chunked index.
    Chunk(String),
    /// The council profile names more areas than a filter mask holds.
    TooManyAreas(usize),
    /// A record or place names an area the council profile does not have.
    UnknownArea { what: String, code: u8 },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::TooLarge { bytes } => {
                write!(
                    f,
                    "the index would be {bytes} bytes; the format's limit is 4 GiB"
                )
            }
            WriteError::DuplicateId(id) => write!(f, "two records have the id \"{id}\""),
            WriteError::Fst(e) => write!(f, "could not build the term dictionary: {e}"),
            WriteError::DocColumns => f.write_str(
                "a record's encoding did not split into the doc store's columns (a bug in the index writer)",
            ),
            WriteError::Chunk(detail) => {
                write!(f, "could not split the index into chunks: {detail}")
            }
            WriteError::TooManyAreas(n) => write!(
                f,
                "the council profile names {n} areas; an index holds at most {}",
                Area::MAX
            ),
            WriteError::UnknownArea { what, code } => write!(
                f,
                "{what} names area {code}, which the council profile does not have"
            ),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<fst::Error> for WriteError {
    fn from(e: fst::Error) -> Self {
        WriteError::Fst(e)
    }
}

/// What a build produced, for the builder's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub records: usize,
    /// Records per kind, in [`Kind`] code order.
    pub per_kind: [u32; 4],
    pub terms: usize,
    pub acronyms: usize,
    /// Entries of the `surface` section: words a suggestion finds only in a description.
    pub surface_words: usize,
    /// (section name, bytes), in file order.
    pub sections: Vec<(&'static str, usize)>,
    pub bytes: usize,
}

/// The records in the order the index stores them: by kind, then name, then id (borrowed: a
/// build need not copy them).
pub(crate) fn sorted<'a>(records: &'a [Record]) -> Vec<&'a Record> {
    let mut v: Vec<&'a Record> = records.iter().collect();
    v.sort_by_cached_key(|r: &&'a Record| (r.kind.code(), r.name.to_lowercase(), r.id.as_str()));
    v
}

/// Builds the second file for the index `index` built from the same `records` (see
/// [`super::easy`]): their easy-read sentences and card details in the index's doc order, tied
/// to its checksum. Its easy-read parts have no pictures ([`build_easy_read_with`] gives them).
pub fn build_easy_read(records: &[Record], index: &[u8]) -> Vec<u8> {
    build_easy_read_with(records, index, &crate::easyread::Pictograms::new())
}

/// [`build_easy_read`], with the pictures of `pictograms` beside the parts that show them.
pub fn build_easy_read_with(
    records: &[Record],
    index: &[u8],
    pictograms: &crate::easyread::Pictograms,
) -> Vec<u8> {
    let crc = super::stored_checksum(index).unwrap_or_default();
    // The council the index was built for names the records' areas.
    let council = super::council_of(index).unwrap_or_default();
    super::easy::encode(&sorted(records), crc, pictograms, &council)
}

/// Builds an index from records with an empty vocabulary (the search still reads numbers as
/// ages, but knows no age words, places or everyday words) and a council nobody has named (no
/// areas). Records are sorted; ids must be unique.
pub fn build(records: &[Record]) -> Result<(Vec<u8>, BuildReport), WriteError> {
    build_with(records, &Vocabulary::default(), &Council::default())
}

/// Builds an index from records, the vocabulary the search reads questions with
/// (`data/vocabulary.toml`, checked by the builder) and the council profile
/// (`data/council.toml`: its name, areas and contacts). Records are sorted; ids must be unique;
/// every area a record or place names must be one of the council's.
pub fn build_with(
    records: &[Record],
    vocabulary: &Vocabulary,
    council: &Council,
) -> Result<(Vec<u8>, BuildReport), WriteError> {
    if council.areas.len() > Area::MAX {
        return Err(WriteError::TooManyAreas(council.areas.len()));
    }
    let records = sorted(records);
    let mut ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|p| p[0] == p[1]) {
        return Err(WriteError::DuplicateId(pair[0].to_string()));
    }
    let unknown = |a: &Area| *a != Area::WHOLE && usize::from(a.code()) >= council.areas.len();
    for r in &records {
        if let Some(a) = r.districts.iter().find(|a| unknown(a)) {
            return Err(WriteError::UnknownArea {
                what: format!("record \"{}\"", r.id),
                code: a.code(),
            });
        }
    }
    if let Some(p) = vocabulary.places.iter().find(|p| unknown(&p.district)) {
        return Err(WriteError::UnknownArea {
            what: "a place in the vocabulary".into(),
            code: p.district.code(),
        });
    }

    let glossary = Glossary::new(records.iter().copied());
    // Analysing records is most of a build and each record is independent: use the cores.
    // Each run of records is inverted on its own (doc ids are positions in the sorted list, so
    // a run's lists hold consecutive ids); the runs' lists are then joined in order.
    let numbered: Vec<(u32, &Record)> = (0u32..).zip(records.iter().copied()).collect();
    let runs = crate::cores::in_runs(&numbered, |run| {
        let mut lists = Lists::default();
        for &(doc, r) in run {
            lists.doc = doc;
            record_terms_into(r, &glossary, council, &mut lists);
        }
        lists.lists
    });
    let inverted = join_runs(runs);

    // Postings, in term order (doc ids, then every field mask), and the term dictionary
    // giving each term's number.
    let mut postings = Vec::new();
    let mut masks = Vec::new();
    let mut numbers: HashMap<&str, u64, TermHasher> =
        HashMap::with_capacity_and_hasher(inverted.len(), TermHasher::default());
    let mut terms = fst::MapBuilder::memory();
    for (number, (term, list)) in inverted.iter().enumerate() {
        put_varint(&mut postings, list.len() as u64);
        let mut prev = 0u32;
        for (i, &(doc, fields)) in list.iter().enumerate() {
            put_varint(
                &mut postings,
                u64::from(if i == 0 { doc } else { doc - prev }),
            );
            masks.push(fields);
            prev = doc;
        }
        terms.insert(term, number as u64)?;
        numbers.insert(term.as_str(), number as u64);
    }
    postings.extend_from_slice(&masks);
    let terms = terms.into_inner()?;

    // The acronym dictionary: glossary terms (and their other spellings) that are one word.
    let mut acronym_terms: BTreeMap<&str, u64> = BTreeMap::new();
    let mut acronym_words = Vec::new();
    for r in records.iter().filter(|r| r.kind == Kind::Glossary) {
        for form in std::iter::once(&r.term).chain(&r.also) {
            let toks: Vec<_> = tokenize(form).into_iter().filter(|t| !t.joined).collect();
            if toks.len() == 1 {
                acronym_words.push(toks[0].term.clone());
            }
        }
    }
    for w in &acronym_words {
        if let Some((term, &number)) = numbers.get_key_value(w.as_str()) {
            acronym_terms.insert(term, number);
        }
    }
    let mut acronyms = fst::MapBuilder::memory();
    for (term, number) in &acronym_terms {
        acronyms.insert(term, *number)?;
    }
    let acronyms = acronyms.into_inner()?;

    let surface_words = surface_words(&inverted, &records);
    let surface = encode_surface(&surface_words);

    // Doc store and filter rows.
    let mut per_kind = [0u32; 4];
    let mut doc_data = Vec::new();
    let mut rows = Vec::with_capacity(records.len());
    let mut filters = Vec::with_capacity(records.len() * super::FILTER_ROW);
    for r in records.iter().copied() {
        per_kind[r.kind.code() as usize] += 1;
        let start = doc_data.len();
        encode_doc(r, council, &mut doc_data);
        rows.push(start..doc_data.len());
        filters.extend_from_slice(&DocFilter::of(r).to_bytes());
    }
    let docs = doc_columns(&doc_data, &rows).map_err(|_| WriteError::DocColumns)?;

    let mut meta = Vec::new();
    put_varint(&mut meta, records.len() as u64);
    for k in per_kind {
        put_varint(&mut meta, u64::from(k));
    }

    let vocabulary = vocabulary.encode();
    let council = council.encode();
    let parts: [(u32, &[u8]); 9] = [
        (section::META, &meta),
        (section::TERMS, &terms),
        (section::POSTINGS, &postings),
        (section::DOCS, &docs),
        (section::FILTERS, &filters),
        (section::ACRONYMS, &acronyms),
        (section::VOCABULARY, &vocabulary),
        (section::COUNCIL, &council),
        (section::SURFACE, &surface),
    ];
    let out = container(&MAGIC, &parts)?;

    let report = BuildReport {
        records: records.len(),
        per_kind,
        terms: inverted.len(),
        acronyms: acronym_terms.len(),
        surface_words: surface_words.len(),
        sections: parts
            .iter()
            .map(|(id, p)| (section::name(*id), p.len()))
            .collect(),
        bytes: out.len(),
    };
    Ok((out, report))
}

/// A term's postings while a build collects them: (doc id, field mask), by doc id.
type List = Vec<(u32, u8)>;

/// The inverted lists of a run of records, filled by [`record_terms_into`] one record at a
/// time: a term is hashed once per word and stored once per run, and a record's mask is the
/// last entry of its term's list, so no record needs a map (or a string) of its own.
#[derive(Default)]
struct Lists {
    /// Each term's number in `lists`, or [`Lists::STOPWORD`].
    numbers: HashMap<Box<str>, u32, TermHasher>,
    lists: Vec<(Box<str>, List)>,
    /// The record being read.
    doc: u32,
}

impl Lists {
    const STOPWORD: u32 = u32::MAX;
}

impl TermSink for Lists {
    fn add(&mut self, term: &str, field: u8) {
        let number = match self.numbers.get(term) {
            Some(&n) => n,
            None => {
                let n = if is_stopword(term) {
                    Self::STOPWORD
                } else {
                    self.lists.push((term.into(), Vec::new()));
                    (self.lists.len() - 1) as u32
                };
                self.numbers.insert(term.into(), n);
                n
            }
        };
        let Some((_, list)) = self.lists.get_mut(number as usize) else {
            return; // a stopword
        };
        match list.last_mut() {
            Some((doc, mask)) if *doc == self.doc => *mask |= field,
            _ => list.push((self.doc, field)),
        }
    }
}

/// Joins the runs' lists (the runs in doc order) into one list per term, sorted by term: one
/// sort of every run's terms, each term's lists appended in run order.
fn join_runs(runs: Vec<Vec<(Box<str>, List)>>) -> Vec<(String, List)> {
    let mut all: Vec<(Box<str>, usize, List)> = runs
        .into_iter()
        .enumerate()
        .flat_map(|(k, run)| run.into_iter().map(move |(t, l)| (t, k, l)))
        .collect();
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<(String, List)> = Vec::with_capacity(all.len());
    for (term, _, list) in all {
        match out.last_mut() {
            Some((last, joined)) if **last == *term => joined.extend(list),
            _ => out.push((term.into_string(), list)),
        }
    }
    out
}

/// A file of the index's layout (see [`super`]): `magic`, the format version, the section
/// count, the total length and the CRC-32 of the rest, the section table, then `parts` in
/// order. The index file and a chunked index's manifest ([`super::chunk`]) are both written
/// by it.
pub(crate) fn container(magic: &[u8; 8], parts: &[(u32, &[u8])]) -> Result<Vec<u8>, WriteError> {
    let table_len = 12 * parts.len();
    let total: usize = HEADER_LEN + table_len + parts.iter().map(|(_, p)| p.len()).sum::<usize>();
    let total32 = u32::try_from(total).map_err(|_| WriteError::TooLarge { bytes: total })?;

    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(parts.len() as u32).to_le_bytes());
    out.extend_from_slice(&total32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // checksum, filled in below
    let mut offset = (HEADER_LEN + table_len) as u32;
    for (id, part) in parts {
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&(part.len() as u32).to_le_bytes());
        offset += part.len() as u32;
    }
    for (_, part) in parts {
        out.extend_from_slice(part);
    }
    let crc = crc32(&out[HEADER_LEN..]);
    out[20..24].copy_from_slice(&crc.to_le_bytes());
    Ok(out)
}

/// Each term's word as written by its first record (lower-cased unless an acronym), where the
/// reader cannot work it out: the word is only in that record's description, which the doc
/// store does not keep, and is not written as the term itself. Sorted by term.
///
/// This is the search's own rule (`surface_form`: the first posting's record; name, term,
/// alternate name, summary, then description; the first word whose term matches), computed once
/// per record rather than once per term, and on every core.
fn surface_words<'a>(
    inverted: &'a [(String, List)],
    records: &[&Record],
) -> Vec<(&'a str, String)> {
    let mut firsts: Vec<(u32, &str)> = inverted
        .iter()
        .filter_map(|(term, list)| Some((list.first()?.0, term.as_str())))
        .collect();
    firsts.sort_unstable();
    let groups: Vec<&[(u32, &str)]> = firsts.chunk_by(|a, b| a.0 == b.0).collect();
    let found = crate::cores::in_runs(&groups, |groups| {
        let mut out = Vec::new();
        for group in groups {
            let Some(r) = records.get(group[0].0 as usize) else {
                continue;
            };
            // The group's terms are sorted: the first record's words are found by search.
            let terms: Vec<&str> = group.iter().map(|&(_, term)| term).collect();
            let mut shown = vec![false; terms.len()];
            for text in shown_texts(r) {
                for_each_token(text, |t| {
                    if let Ok(i) = terms.binary_search(&t.term) {
                        shown[i] = true;
                    }
                });
            }
            if shown.iter().all(|&s| s) {
                continue;
            }
            let described = first_words(&r.description, &terms);
            for ((&term, word), shown) in terms.iter().zip(described).zip(shown) {
                match word {
                    Some(word) if !shown && word != term => out.push((term, word)),
                    _ => {}
                }
            }
        }
        out
    });
    let mut out: Vec<(&str, String)> = found.into_iter().flatten().collect();
    out.sort_unstable();
    out
}

/// For each of `terms` (sorted), the first word of `text` whose term it is, as a suggestion
/// writes it.
fn first_words(text: &str, terms: &[&str]) -> Vec<Option<String>> {
    let mut words: Vec<Option<String>> = vec![None; terms.len()];
    for_each_token(text, |t| {
        if let Ok(i) = terms.binary_search(&t.term) {
            if words[i].is_none() {
                words[i] = Some(as_suggested(&text[t.span]));
            }
        }
    });
    words
}

/// The `surface` section's bytes (format in [`super`]): front-coded, so a run of terms with a
/// common start, and a word that starts as its term does, cost only their new bytes.
fn encode_surface(words: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, words.len() as u64);
    let mut prev = "";
    for (term, word) in words {
        put_prefixed(&mut out, prev, term);
        put_prefixed(&mut out, term, word);
        prev = term;
    }
    out
}

/// `s` as the count of its leading bytes shared with `base`, then the rest.
fn put_prefixed(out: &mut Vec<u8>, base: &str, s: &str) {
    let mut shared = base
        .bytes()
        .zip(s.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !s.is_char_boundary(shared) {
        shared -= 1;
    }
    put_varint(out, shared as u64);
    put_str(out, &s[shared..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::surface::written_in;

    #[test]
    fn first_words_agree_with_the_search() {
        let texts = [
            "Speech therapies for EHCPs",
            "",
            "SaLT and therapy; Dingley's Promise",
            "co-production, services and a service",
        ];
        for text in texts {
            let mut terms: Vec<String> = tokenize(text).into_iter().map(|t| t.term).collect();
            terms.sort_unstable();
            terms.dedup();
            let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
            let words = first_words(text, &terms);
            for (term, word) in terms.iter().zip(&words) {
                assert_eq!(&written_in([text], term), word, "{term}");
            }
        }
        let words = first_words(texts[0], &["ehcp", "missing", "therapy"]);
        assert_eq!(
            words,
            [
                Some("EHCPs".to_string()),
                None,
                Some("therapies".to_string())
            ]
        );
    }

    #[test]
    fn only_words_the_reader_cannot_find_are_kept() {
        let r = Record {
            name: "Therapy team".into(),
            summary: "Speech help".into(),
            description: "Our therapies, our EHCPs and our speeches, in Bromsgrove.".into(),
            ..Record::default()
        };
        let inverted: Vec<(String, Vec<(u32, u8)>)> =
            ["bromsgrove", "ehcp", "our", "speech", "therapy"]
                .iter()
                .map(|t| (t.to_string(), vec![(0, 0)]))
                .collect();
        let words = surface_words(&inverted, &[&r]);
        // "therapy" and "speech" are in the stored fields; "bromsgrove" and "our" are
        // written as their terms.
        assert_eq!(words, [("ehcp", "EHCPs".to_string())]);
    }
}
