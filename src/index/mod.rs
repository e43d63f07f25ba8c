//! The index file format: the one place that defines it, with the reader here and the writer in
//! [`write`] (behind the `writer` feature, so the wasm carries only the reader).
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"\x8fLOIDX\r\n"  (a high byte and CR LF catch text-mode damage, as PNG does)
//! 8       4     format version, u32 LE
//! 12      4     number of sections, u32 LE
//! 16      4     total file length, u32 LE (catches truncation with a clear message)
//! 20      4     CRC-32 of every byte after the header
//! 24      12×n  section table: (section id, offset, length), u32 LE each
//! …             sections
//! ```
//!
//! | id | section  | contents |
//! |----|----------|----------|
//! | 1  | meta     | record count, records per kind |
//! | 2  | terms    | `fst::Map`: normalised term → its number in term order (0, 1, 2, …) |
//! | 3  | postings | per term, in term order: varint count, then count × varint doc-id delta; then every posting's u8 field mask, in the same order |
//! | 4  | docs     | the records encoded by [`codec`] with the wording of their cards as the index knows it ([`codec::encode_doc`]), column by column: every record's first field, then every record's second, … ([`codec::doc_rows`]) |
//! | 5  | filters  | 12 bytes per record: kind (bit 7 set when the record has ended), cost, min age, max age, then u16 LE masks of districts, needs, access, waiting-for |
//! | 6  | acronyms | `fst::Map`: normalised glossary term → its number in `terms` |
//! | 7  | surface  | how a record writes a term found only in its description (see below) |
//! | 8  | vocabulary | what the search understands in a question: age words, places, everyday words, filler ([`vocab`]) |
//! | 9  | council  | the council's name, areas (key, label, names a family may type), contacts and Local Offer address ([`crate::council`]); a filter row's area bits and a place's area are codes into its areas |
//!
//! The dictionaries map a term to its number rather than to a byte offset, and the field masks
//! sit apart from the doc ids, because both compress better so (the gzipped index was 3 KB
//! smaller for `data/` when this changed). [`Index::open`] walks the postings once to find
//! where each term's list and masks start, checking every list on the way.
//!
//! The doc store holds what the widget shows, and no view shows a record's description, so it
//! is not stored (it is still searched: its terms are in `terms` and `postings`). Its one other
//! use was the spelling suggestion, which writes a dictionary term the way the first record
//! holding it does ("therapies", "EHCPs"). The writer works that out for every term; where the
//! stored fields give the same answer, or the answer is the term itself, nothing is kept. The
//! rest go to the `surface` section, a table sorted by term:
//!
//! ```text
//! varint  count
//! count × varint  bytes of the term shared with the previous entry's term
//!         str     the rest of the term (varint length, UTF-8)
//!         varint  bytes of the word shared with its own term
//!         str     the rest of the word
//! ```
//!
//! It is small (185 entries, 2.2 KB, for `data/` when it was added), so [`Index::open`] decodes
//! and checks it once into a sorted list that a lookup binary-searches.
//!
//! Records are stored sorted by kind, then name, so browsing is a walk in doc-id order. The
//! easy-read sentences are in a file of their own, [`easy`], fetched after the first search.
//! [`Index::open`] checks the header, the checksum and every offset and length before any search
//! can run, so a damaged file is an [`IndexError`], never a panic.

#[cfg(feature = "writer")]
pub mod analyze;
/// The chunked index's reader: natively always, in the wasm only in the `--cfg los_chunked`
/// build and the JavaScript API's (`los_api`), so the family wasm carries none of it.
#[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
pub mod chunk;
#[cfg(feature = "writer")]
pub mod chunk_write;
pub mod codec;
pub mod easy;
mod fst_check;
pub mod surface;
pub mod vocab;
#[cfg(feature = "writer")]
pub mod write;

use crate::model::{Access, Area, Cost, Kind, Need, Record, WaitingFor};
use crate::walk::{key_text, walk, Walk};
use codec::{crc32, Reader, Truncated};
use std::fmt;
use std::ops::Range;

/// The file's first eight bytes.
pub const MAGIC: [u8; 8] = *b"\x8fLOIDX\r\n";
/// The format version this code reads and writes.
///
/// 2: the doc store no longer holds descriptions; the `surface` section is new.
/// 4: the `vocabulary` section is new (query understanding).
/// 5: records store stages, starts/ends, what replaced them, the next step, labelled contacts
/// and the month last checked; the filter row marks ended records.
/// 6: a card's details (how to get it, contacts, …) move from the doc store to the second file
/// beside the index ([`easy`]), with the easy-read sentences.
/// 7: both files carry each card's finished wording ([`crate::view::Wording`]: badge, facts,
/// last checked, easy-read parts), worked out by the builder, so the wasm only renders it.
/// 8: the dictionaries map a term to its number, not to a byte offset; the postings keep the
/// field masks after every list's doc ids.
/// 9: the second file carries the easy-read parts' pictures (open pictograms, by topic), and
/// whether a record is open is an easy-read part of its own.
/// 10: the `council` section is new: areas are the council profile's, not a fixed list of one
/// county's districts, and the contacts the widget offers come from it.
/// 11: the doc store is written column by column (every record's id, then every name, …) and
/// has no offset table: the reader finds the records as it puts them back together.
pub const FORMAT_VERSION: u32 = 11;
/// Header size in bytes.
pub const HEADER_LEN: usize = 24;

/// Section ids.
pub mod section {
    pub const META: u32 = 1;
    pub const TERMS: u32 = 2;
    pub const POSTINGS: u32 = 3;
    pub const DOCS: u32 = 4;
    pub const FILTERS: u32 = 5;
    pub const ACRONYMS: u32 = 6;
    pub const SURFACE: u32 = 7;
    pub const VOCABULARY: u32 = 8;
    pub const COUNCIL: u32 = 9;

    /// A section's name, for messages and `stats`.
    pub fn name(id: u32) -> &'static str {
        match id {
            META => "meta",
            TERMS => "terms",
            POSTINGS => "postings",
            DOCS => "docs",
            FILTERS => "filters",
            ACRONYMS => "acronyms",
            SURFACE => "surface",
            VOCABULARY => "vocabulary",
            COUNCIL => "council",
            _ => "unknown",
        }
    }

    /// Every section a valid file has, in file order.
    pub const ALL: [u32; 9] = [
        META, TERMS, POSTINGS, DOCS, FILTERS, ACRONYMS, VOCABULARY, COUNCIL, SURFACE,
    ];
}

/// Size of one record's row in the filters section.
pub const FILTER_ROW: usize = 12;

/// Where in a record a term was found. Bits of the postings' field mask.
pub mod field {
    pub const TITLE: u8 = 1;
    /// Alternate name, and a glossary term's other spellings.
    pub const ALT: u8 = 2;
    pub const KEYWORDS: u8 = 4;
    pub const NEEDS: u8 = 8;
    pub const SUMMARY: u8 = 16;
    pub const DESCRIPTION: u8 = 32;
    /// Added from the glossary: an acronym's expansion, or the acronym of an expansion.
    pub const EXPANSION: u8 = 64;
    /// A district's towns.
    pub const PLACE: u8 = 128;

    /// The ranking weight of a field mask: the sum of the weights of its fields.
    pub fn weight(mask: u8) -> u32 {
        u32::from(WEIGHT_OF_MASK[mask as usize])
    }

    const WEIGHTS: [(u8, u8); 8] = [
        (TITLE, 10),
        (ALT, 8),
        (KEYWORDS, 6),
        (NEEDS, 5),
        (SUMMARY, 4),
        (DESCRIPTION, 2),
        (EXPANSION, 3),
        (PLACE, 3),
    ];

    /// Every mask's weight, computed at compile time: one lookup per posting. The weights sum
    /// to 41, so a byte holds each (a quarter of the wasm's data a `u32` table would take).
    static WEIGHT_OF_MASK: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut mask = 0;
        while mask < 256 {
            let mut sum = 0;
            let mut i = 0;
            while i < WEIGHTS.len() {
                if mask as u8 & WEIGHTS[i].0 != 0 {
                    sum += WEIGHTS[i].1;
                }
                i += 1;
            }
            table[mask] = sum;
            mask += 1;
        }
        table
    };
}

/// Why an index file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Shorter than the header.
    TooShort { len: usize },
    /// The magic bytes are wrong: this is not an index file (or it was damaged as text).
    NotAnIndex,
    /// Written by a different version of the format.
    UnsupportedVersion { found: u32, supported: u32 },
    /// The file is shorter (or longer) than its header says.
    WrongLength { expected: u32, found: usize },
    /// The bytes changed after the file was written.
    ChecksumMismatch { stored: u32, computed: u32 },
    /// A section lies outside the file, overlaps the header, or appears twice.
    BadSection { id: u32, detail: String },
    /// A required section is absent.
    MissingSection { name: &'static str },
    /// A section's contents do not decode.
    Corrupt {
        section: &'static str,
        detail: String,
    },
}

impl IndexError {
    /// The same reason in words for a family using the widget: no numbers, no tool names.
    /// (The [`Display`](fmt::Display) text, for whoever maintains the site, goes to the
    /// widget's error event and the console.)
    pub fn for_family(&self) -> &'static str {
        match self {
            IndexError::TooShort { .. } | IndexError::WrongLength { .. } => {
                "The search information is damaged or was cut short. Reloading the page may help."
            }
            IndexError::NotAnIndex => {
                "The search was given a file that is not a Local Offer index."
            }
            IndexError::UnsupportedVersion { .. } => {
                "The search information is out of date. Reloading the page may help."
            }
            IndexError::ChecksumMismatch { .. }
            | IndexError::BadSection { .. }
            | IndexError::MissingSection { .. }
            | IndexError::Corrupt { .. } => "The search information is damaged.",
        }
    }
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::TooShort { len } => write!(
                f,
                "the index file is too short to be an index ({len} bytes; the header alone is {HEADER_LEN})"
            ),
            IndexError::NotAnIndex => f.write_str(
                "this is not a Local Offer index file (its first bytes are wrong); rebuild it with `index-builder build`",
            ),
            IndexError::UnsupportedVersion { found, supported } => write!(
                f,
                "the index file has format version {found}, but this search reads version {supported}; rebuild the index with the matching index-builder"
            ),
            IndexError::WrongLength { expected, found } => write!(
                f,
                "the index file is damaged or was cut short: its header says {expected} bytes, but it has {found}"
            ),
            IndexError::ChecksumMismatch { stored, computed } => write!(
                f,
                "the index file is damaged: checksum {computed:08x} does not match the stored {stored:08x}"
            ),
            IndexError::BadSection { id, detail } => write!(
                f,
                "the index file is damaged: section {} ({id}) {detail}",
                section::name(*id)
            ),
            IndexError::MissingSection { name } => {
                write!(f, "the index file is damaged: it has no {name} section")
            }
            IndexError::Corrupt { section, detail } => {
                write!(f, "the index file is damaged: the {section} section {detail}")
            }
        }
    }
}

impl std::error::Error for IndexError {}

fn corrupt(section: &'static str, detail: impl Into<String>) -> IndexError {
    IndexError::Corrupt {
        section,
        detail: detail.into(),
    }
}

/// The bit of a filter row's kind byte that marks an ended record.
const ENDED_BIT: u8 = 0x80;

/// The filterable facts of one record, decoded once at open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocFilter {
    pub kind: Kind,
    /// The record has ended: it stays findable but ranks below live records.
    pub ended: bool,
    pub cost: Option<Cost>,
    pub min_age: u8,
    pub max_age: u8,
    pub districts: u16,
    pub needs: u16,
    pub access: u16,
    pub waiting_for: u16,
}

impl DocFilter {
    /// The filter row of a record.
    pub fn of(r: &Record) -> Self {
        let (min_age, max_age) = r.age_range();
        DocFilter {
            kind: r.kind,
            ended: !r.is_live(),
            cost: r.cost,
            min_age,
            max_age,
            districts: Area::mask(&r.districts) as u16,
            needs: Need::mask(&r.needs) as u16,
            access: Access::mask(&r.access) as u16,
            waiting_for: WaitingFor::mask(&r.waiting_for) as u16,
        }
    }

    /// The row's 12 bytes.
    pub fn to_bytes(self) -> [u8; FILTER_ROW] {
        let mut b = [0u8; FILTER_ROW];
        b[0] = self.kind.code() | if self.ended { ENDED_BIT } else { 0 };
        b[1] = self.cost.map_or(0xff, Cost::code);
        b[2] = self.min_age;
        b[3] = self.max_age;
        b[4..6].copy_from_slice(&self.districts.to_le_bytes());
        b[6..8].copy_from_slice(&self.needs.to_le_bytes());
        b[8..10].copy_from_slice(&self.access.to_le_bytes());
        b[10..12].copy_from_slice(&self.waiting_for.to_le_bytes());
        b
    }

    fn from_bytes(b: &[u8]) -> Option<Self> {
        let u16_at = |i: usize| u16::from_le_bytes([b[i], b[i + 1]]);
        Some(DocFilter {
            kind: Kind::from_code(b[0] & !ENDED_BIT)?,
            ended: b[0] & ENDED_BIT != 0,
            cost: match b[1] {
                0xff => None,
                c => Some(Cost::from_code(c)?),
            },
            min_age: b[2],
            max_age: b[3],
            districts: u16_at(4),
            needs: u16_at(6),
            access: u16_at(8),
            waiting_for: u16_at(10),
        })
    }
}

/// Counts from the meta section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub records: u32,
    /// Records per kind, in [`Kind`] code order.
    pub per_kind: [u32; 4],
}

/// An opened, validated index. Owns its bytes.
pub struct Index {
    data: Vec<u8>,
    sections: Vec<(u32, Range<usize>)>,
    pub(crate) terms: fst::Map<Vec<u8>>,
    pub(crate) acronyms: fst::Map<Vec<u8>>,
    postings: Range<usize>,
    /// Per term, and one past the last: where its list starts in `postings` (the count) and
    /// the number of postings before it (where its field masks start, after the lists).
    lists: Vec<(u32, u32)>,
    /// The doc store's records, put back together from its columns when the file opened.
    docs: Vec<u8>,
    /// Where each record starts in `docs`.
    doc_offsets: Vec<u32>,
    pub(crate) filters: Vec<DocFilter>,
    meta: Meta,
    glossary: Vec<GlossaryEntry>,
    /// The acronym dictionary as a list, for the direct two-edit comparison.
    pub(crate) acronym_list: Vec<(String, u64)>,
    /// The `surface` section, decoded: (term, word as written), sorted by term.
    surface: Vec<(String, String)>,
    /// The easy-read sentences, once their file is attached.
    easy: Option<easy::EasyText>,
    /// The `vocabulary` section, decoded.
    vocabulary: vocab::Vocabulary,
    /// The `council` section, decoded.
    council: crate::council::Council,
    /// For an index put together from a chunked index's pieces ([`chunk`]): which terms'
    /// postings and which records have arrived, and what a search asked for that had not.
    #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
    pub(crate) partial: Option<Box<chunk::Partial>>,
}

/// One written form of a glossary term and what it stands for, for marking acronyms in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryEntry {
    /// As the documents write it: "EHCP", "SaLT".
    pub form: String,
    /// Every meaning's expansion, joined with " or " when there are several.
    pub expansion: String,
    /// The glossary record.
    pub doc: u32,
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("bytes", &self.data.len())
            .field("records", &self.meta.records)
            .field("terms", &self.terms.len())
            .finish()
    }
}

/// One (doc, field mask) pair of a postings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub fields: u8,
}

impl Index {
    /// Opens an index from its bytes, checking everything before returning.
    pub fn open(bytes: &[u8]) -> Result<Index, IndexError> {
        Index::from_vec(bytes.to_vec())
    }

    /// Opens an index, taking ownership of its bytes.
    pub fn from_vec(data: Vec<u8>) -> Result<Index, IndexError> {
        let sections = read_header(&data)?;
        let range = |id: u32| -> Result<Range<usize>, IndexError> {
            sections
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, r)| r.clone())
                .ok_or(IndexError::MissingSection {
                    name: section::name(id),
                })
        };
        let meta = read_meta(&data[range(section::META)?])?;
        let n = meta.records as usize;

        let filters_bytes = &data[range(section::FILTERS)?];
        if filters_bytes.len() != n * FILTER_ROW {
            return Err(corrupt(
                "filters",
                format!("has {} bytes for {n} records", filters_bytes.len()),
            ));
        }
        let filters = filters_bytes
            .chunks_exact(FILTER_ROW)
            .map(DocFilter::from_bytes)
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| corrupt("filters", "has an unknown kind or cost code"))?;

        let postings = range(section::POSTINGS)?;
        // Every term has a list of at least three bytes (a count, a doc id, a field mask), and
        // every acronym is also a term; a value is a term's number.
        let mut bounds = fst_check::Bounds {
            keys: (postings.len() / 3) as u32,
            depth: 2 * crate::text::MAX_TERM_BYTES as u16,
            value: postings.len() as u32,
        };
        let terms = open_map(&data, range(section::TERMS)?, "terms", bounds)?;
        bounds.keys = terms.len() as u32;
        bounds.value = terms.len() as u32;
        let acronyms = open_map(&data, range(section::ACRONYMS)?, "acronyms", bounds)?;
        let lists = read_lists(&data[postings.clone()], terms.len(), meta.records)?;
        let surface = read_surface(&data[range(section::SURFACE)?])?;
        // The records, column by column, put back together (`codec::doc_rows`), after
        // the dictionaries, which are checked before anything else reads much of the file.
        let (docs, doc_offsets) = codec::doc_rows(&data[range(section::DOCS)?], n)
            .map_err(|_| corrupt("docs", "has a column cut short, or bytes after the last"))?;
        let vocabulary = vocab::Vocabulary::decode(&data[range(section::VOCABULARY)?])
            .map_err(|e| corrupt("vocabulary", e.to_string()))?;
        let council = crate::council::Council::decode(&data[range(section::COUNCIL)?])
            .map_err(|e| corrupt("council", e.to_string()))?;
        check_areas(&filters, &vocabulary, &council)?;
        let mut index = Index {
            data,
            sections,
            terms,
            acronyms,
            postings,
            lists,
            docs,
            doc_offsets,
            filters,
            meta,
            glossary: Vec::new(),
            acronym_list: Vec::new(),
            surface,
            easy: None,
            vocabulary,
            council,
            #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
            partial: None,
        };
        index.finish()?;
        Ok(index)
    }

    /// The last step of opening, from the decoded sections: the glossary's written forms and
    /// the acronym list, both read from the other sections.
    #[inline(always)]
    fn finish(&mut self) -> Result<(), IndexError> {
        let index = self;
        index.glossary = index.read_glossary()?;
        index.acronym_list = {
            let mut list = Vec::new();
            walk(&index.acronyms, Walk::All, |term, offset, _| {
                list.push((key_text(term), offset));
                true
            });
            list
        };
        Ok(())
    }

    /// Decodes the glossary records into a table of written forms, sorted by form.
    fn read_glossary(&self) -> Result<Vec<GlossaryEntry>, IndexError> {
        let mut out: Vec<GlossaryEntry> = Vec::new();
        for (doc, f) in self.filters.iter().enumerate() {
            if f.kind != Kind::Glossary {
                continue;
            }
            let r = self.record(doc as u32)?;
            for form in std::iter::once(&r.term).chain(&r.also) {
                match out.iter_mut().find(|e| &e.form == form) {
                    Some(e) if !crate::lean::contains(&e.expansion, &r.expansion) => {
                        e.expansion = format!("{} or {}", e.expansion, r.expansion);
                    }
                    Some(_) => {}
                    None => out.push(GlossaryEntry {
                        form: form.clone(),
                        expansion: r.expansion.clone(),
                        doc: doc as u32,
                    }),
                }
            }
        }
        crate::order::insertion_sort_by(&mut out, |a, b| a.form.cmp(&b.form));
        Ok(out)
    }

    /// The glossary entry for a written form (case-sensitive; a plural `s` is allowed).
    pub fn glossary_entry(&self, written: &str) -> Option<&GlossaryEntry> {
        let find = |w: &str| {
            self.glossary
                .binary_search_by(|e| e.form.as_str().cmp(w))
                .ok()
                .map(|i| &self.glossary[i])
        };
        find(written).or_else(|| {
            let bare = written
                .strip_suffix("'s")
                .or_else(|| written.strip_suffix("’s"))
                .or_else(|| written.strip_suffix('s'))?;
            find(bare)
        })
    }

    /// Every glossary form, sorted.
    pub fn glossary(&self) -> &[GlossaryEntry] {
        &self.glossary
    }

    /// Calls `f` for each posting of term number `term` (a dictionary's value). Errors if
    /// there is no such term.
    pub(crate) fn for_each_posting(
        &self,
        term: u64,
        mut f: impl FnMut(Posting),
    ) -> Result<(), Truncated> {
        #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
        if let Some(p) = &self.partial {
            p.check_postings(term)?;
        }
        let (start, first, count) = self.list(term).ok_or(Truncated)?;
        let bytes = &self.data[self.postings.clone()];
        let masks = self.lists.last().map_or(0, |l| l.0 as usize) + first;
        let mut r = Reader::at(bytes, start);
        r.varint()?;
        let mut doc: u64 = 0;
        for i in 0..count {
            doc += r.varint()?;
            let fields = *bytes.get(masks + i).ok_or(Truncated)?;
            f(Posting {
                doc: doc as u32,
                fields,
            });
        }
        Ok(())
    }

    /// Where term number `term`'s list starts, the number of postings before it, and its
    /// length.
    fn list(&self, term: u64) -> Option<(usize, usize, usize)> {
        let t = usize::try_from(term).ok()?;
        let (&(start, before), &(_, upto)) = (self.lists.get(t)?, self.lists.get(t + 1)?);
        Some((start as usize, before as usize, (upto - before) as usize))
    }

    /// How many records term number `term` is in (its document frequency).
    pub(crate) fn doc_freq(&self, term: u64) -> u32 {
        #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
        if let Some(p) = &self.partial {
            return p.doc_freq(term);
        }
        self.list(term).map_or(0, |(_, _, n)| n as u32)
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.meta.records as usize
    }

    /// True if the index holds no records.
    pub fn is_empty(&self) -> bool {
        self.meta.records == 0
    }

    /// Counts from the meta section.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Number of glossary terms in the acronym dictionary.
    pub fn acronym_count(&self) -> usize {
        self.acronyms.len()
    }

    /// The filter row of a record.
    pub fn filter(&self, doc: u32) -> Option<&DocFilter> {
        self.filters.get(doc as usize)
    }

    /// The stored bytes of one record.
    fn record_bytes(&self, doc: u32) -> Result<&[u8], IndexError> {
        #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
        if let Some(p) = &self.partial {
            p.check_doc(doc)?;
        }
        let i = doc as usize;
        let start = *self
            .doc_offsets
            .get(i)
            .ok_or_else(|| corrupt("docs", format!("has no record {doc}")))?
            as usize;
        let end = self
            .doc_offsets
            .get(i + 1)
            .map_or(self.docs.len(), |&e| e as usize);
        Ok(&self.docs[start..end])
    }

    /// The position of the record whose id is `id` (the JavaScript API's `record`, and the
    /// widget's list read back from the device or a shared link), if the index has it.
    pub fn doc_of(&self, id: &str) -> Option<u32> {
        (0..self.len() as u32).find(|&d| self.headline(d).is_ok_and(|h| h.id == id))
    }

    /// A record's kind, name, summary and expansion, without decoding the rest.
    pub fn headline(&self, doc: u32) -> Result<codec::Headline<'_>, IndexError> {
        codec::decode_headline(self.record_bytes(doc)?)
            .map_err(|_| corrupt("docs", format!("record {doc} does not decode")))
    }

    /// Decodes one record from the doc store: what the widget shows. The fields the doc store
    /// does not keep come back empty: `description`, `keywords` and `source` (see
    /// [`codec::encode_record`]). Their words are still searched. The easy-read sentences and
    /// the card's details (how to get it, contacts, …: [`codec::encode_details`]) are filled in
    /// once the second file is attached ([`Index::attach_easy_read`]), else empty.
    pub fn record(&self, doc: u32) -> Result<Record, IndexError> {
        let mut r = codec::decode_record(self.record_bytes(doc)?)
            .map_err(|_| corrupt("docs", format!("record {doc} does not decode")))?;
        if let Some(e) = &self.easy {
            e.fill(doc, &mut r);
        }
        #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
        if let Some(p) = &self.partial {
            p.fill(doc, &mut r);
        }
        Ok(r)
    }

    /// A record with its card's wording ([`crate::view::Wording`]): the second file's, once it
    /// is attached, else the wording of what the index keeps of the record.
    pub fn wording(&self, doc: u32) -> Result<(Record, crate::view::Wording), IndexError> {
        let (mut r, mut w) = codec::decode_doc(self.record_bytes(doc)?)
            .map_err(|_| corrupt("docs", format!("record {doc} does not decode")))?;
        if let Some(full) = self.easy.as_ref().and_then(|e| e.fill(doc, &mut r)) {
            w = full;
        }
        #[cfg(any(not(target_arch = "wasm32"), los_chunked, los_api))]
        if let Some(full) = self.partial.as_ref().and_then(|p| p.fill(doc, &mut r)) {
            w = full;
        }
        Ok((r, w))
    }

    /// Attaches the easy-read file built with this index (checked against the index's own
    /// checksum, so a file from another build is refused).
    pub fn attach_easy_read(&mut self, bytes: Vec<u8>) -> Result<(), easy::EasyReadError> {
        let crc = self.checksum();
        self.easy = Some(easy::EasyText::open(bytes, crc, self.len())?);
        Ok(())
    }

    /// True once the second file (easy-read sentences and card details) is attached.
    pub fn has_easy_read(&self) -> bool {
        self.easy.is_some()
    }

    /// The checksum in the file's header, which names this build of the index.
    pub fn checksum(&self) -> u32 {
        stored_checksum(&self.data).unwrap_or_default()
    }

    /// How the first record holding `term` writes it, when only its description has the word
    /// (see the `surface` section). `None` when the stored fields already say, or the word is
    /// written as the term itself.
    pub fn surface_word(&self, term: &str) -> Option<&str> {
        self.surface
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()
            .map(|i| self.surface[i].1.as_str())
    }

    /// The council the index is for: its name, areas and contacts (the `council` section).
    pub fn council(&self) -> &crate::council::Council {
        &self.council
    }

    /// The council's areas, in code order ([`crate::model::Area`] is the position): what the
    /// widget's area filter offers.
    pub fn areas(&self) -> &[crate::council::AreaInfo] {
        &self.council.areas
    }

    /// What the search understands in a question (the `vocabulary` section).
    pub fn vocabulary(&self) -> &vocab::Vocabulary {
        &self.vocabulary
    }

    /// Number of entries in the `surface` section.
    pub fn surface_count(&self) -> usize {
        self.surface.len()
    }

    /// The sections of the file as (name, bytes), in file order.
    pub fn section_sizes(&self) -> Vec<(&'static str, usize)> {
        self.sections
            .iter()
            .map(|(id, r)| (section::name(*id), r.len()))
            .collect()
    }

    /// Total size of the file in bytes.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }
}

/// Every area a filter row or a vocabulary place names must be one of the council's.
#[inline(always)]
fn check_areas(
    filters: &[DocFilter],
    vocabulary: &vocab::Vocabulary,
    council: &crate::council::Council,
) -> Result<(), IndexError> {
    // Every area a filter row or a place names is one of the council's.
    if filters.iter().any(|f| !council.holds_mask(f.districts)) {
        return Err(corrupt(
            "filters",
            "names an area the council section does not have",
        ));
    }
    if vocabulary
        .places
        .iter()
        .any(|p| !council.holds_mask(1 << p.district.code()))
    {
        return Err(corrupt(
            "vocabulary",
            "has a place in an area the council section does not have",
        ));
    }
    Ok(())
}

/// Opens an fst section once [`fst_check`] has checked it within `bounds`.
fn open_map(
    data: &[u8],
    range: Range<usize>,
    name: &'static str,
    bounds: fst_check::Bounds,
) -> Result<fst::Map<Vec<u8>>, IndexError> {
    fst_check::open(data[range].to_vec(), bounds).map_err(|e| corrupt(name, e))
}

/// Walks the postings section once (see the module docs): where each of `terms` lists starts
/// and how many postings come before it, with one entry past the last. Every list must name
/// real records in increasing order, and exactly one field mask must follow for each posting.
fn read_lists(bytes: &[u8], terms: usize, records: u32) -> Result<Vec<(u32, u32)>, IndexError> {
    let cut = |_| corrupt("postings", "is cut short");
    let mut r = Reader::new(bytes);
    let mut lists = Vec::with_capacity(terms + 1);
    let mut before: u32 = 0;
    for _ in 0..terms {
        lists.push((r.pos() as u32, before));
        let count = r.varint().map_err(cut)?;
        if count == 0 || count > u64::from(records) {
            return Err(corrupt(
                "postings",
                format!("has a list of {count} records"),
            ));
        }
        let mut doc = 0u64;
        for i in 0..count {
            let delta = r.varint().map_err(cut)?;
            doc = doc.saturating_add(delta);
            if (i > 0 && delta == 0) || doc >= u64::from(records) {
                return Err(corrupt("postings", "names a record that is not there"));
            }
        }
        before = before.saturating_add(count as u32);
    }
    lists.push((r.pos() as u32, before));
    if bytes.len() - r.pos() != before as usize {
        return Err(corrupt(
            "postings",
            format!(
                "has {} field masks for {before} postings",
                bytes.len() - r.pos()
            ),
        ));
    }
    Ok(lists)
}

/// The council section of an index file, for the builder's second file (which words the areas
/// as the index does); `None` if the file does not open.
#[cfg(feature = "writer")]
pub fn council_of(file: &[u8]) -> Option<crate::council::Council> {
    Index::open(file).ok().map(|i| i.council)
}

/// The CRC-32 an index file's header stores (bytes 20..24), if the file is that long.
pub fn stored_checksum(file: &[u8]) -> Option<u32> {
    Reader::at(file, 20).u32_le().ok()
}

fn read_header(data: &[u8]) -> Result<Vec<(u32, Range<usize>)>, IndexError> {
    read_header_as(data, &MAGIC)
}

/// [`read_header`] for a file of this layout whose first bytes are `magic` (the index, or a
/// chunked index's manifest).
#[inline(always)]
fn read_header_as(data: &[u8], magic: &[u8; 8]) -> Result<Vec<(u32, Range<usize>)>, IndexError> {
    if data.len() < HEADER_LEN {
        return Err(IndexError::TooShort { len: data.len() });
    }
    if data[..8] != *magic {
        return Err(IndexError::NotAnIndex);
    }
    let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let version = u32_at(8);
    if version != FORMAT_VERSION {
        return Err(IndexError::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let count = u32_at(12) as usize;
    let total = u32_at(16);
    if total as usize != data.len() {
        return Err(IndexError::WrongLength {
            expected: total,
            found: data.len(),
        });
    }
    let stored = u32_at(20);
    let computed = crc32(&data[HEADER_LEN..]);
    if stored != computed {
        return Err(IndexError::ChecksumMismatch { stored, computed });
    }
    let table_end = count
        .checked_mul(12)
        .and_then(|t| t.checked_add(HEADER_LEN))
        .filter(|&e| e <= data.len())
        .ok_or(IndexError::BadSection {
            id: 0,
            detail: format!("table of {count} sections does not fit in the file"),
        })?;
    let mut sections: Vec<(u32, Range<usize>)> = Vec::with_capacity(count);
    for i in 0..count {
        let at = HEADER_LEN + 12 * i;
        let (id, offset, len) = (u32_at(at), u32_at(at + 4) as usize, u32_at(at + 8) as usize);
        let end = offset.saturating_add(len);
        if offset < table_end || end > data.len() {
            return Err(IndexError::BadSection {
                id,
                detail: format!(
                    "at bytes {offset}..{end} lies outside the data area {table_end}..{}",
                    data.len()
                ),
            });
        }
        if sections.iter().any(|(s, _)| *s == id) {
            return Err(IndexError::BadSection {
                id,
                detail: "appears twice".into(),
            });
        }
        sections.push((id, offset..end));
    }
    Ok(sections)
}

fn read_meta(bytes: &[u8]) -> Result<Meta, IndexError> {
    let bad = |_| corrupt("meta", "is cut short");
    let mut r = Reader::new(bytes);
    let records = u32::try_from(r.varint().map_err(bad)?)
        .map_err(|_| corrupt("meta", "has an impossible record count"))?;
    let mut per_kind = [0u32; 4];
    for k in &mut per_kind {
        *k = u32::try_from(r.varint().map_err(bad)?)
            .map_err(|_| corrupt("meta", "has an impossible count"))?;
    }
    if per_kind.iter().map(|&k| u64::from(k)).sum::<u64>() != u64::from(records) {
        return Err(corrupt("meta", "counts per kind do not add up"));
    }
    Ok(Meta { records, per_kind })
}

/// Decodes the `surface` section (format at the top of this module), checking every length,
/// that the text is UTF-8 and that the terms are strictly ascending, so lookups can
/// binary-search it.
fn read_surface(bytes: &[u8]) -> Result<Vec<(String, String)>, IndexError> {
    let cut = |_| corrupt("surface", "is cut short");
    let mut r = Reader::new(bytes);
    let count = r.varint().map_err(cut)?;
    // Each entry takes at least four bytes: a larger count is damage, not a reason to allocate.
    if count > (bytes.len() / 4) as u64 {
        return Err(corrupt(
            "surface",
            format!("claims {count} entries in {} bytes", bytes.len()),
        ));
    }
    let mut out: Vec<(String, String)> = Vec::with_capacity(count as usize);
    for i in 0..count {
        let prev = out.last().map_or("", |(t, _)| t.as_str());
        let term = read_prefixed(&mut r, prev).map_err(|_| bad_surface(i, "term"))?;
        if term.is_empty() || (i > 0 && term.as_str() <= prev) {
            return Err(corrupt(
                "surface",
                format!("entry {i} has an empty or out-of-order term"),
            ));
        }
        let word = read_prefixed(&mut r, &term).map_err(|_| bad_surface(i, "word"))?;
        if word.is_empty() {
            return Err(corrupt("surface", format!("entry {i} has an empty word")));
        }
        out.push((term, word));
    }
    if !r.is_empty() {
        return Err(corrupt("surface", "has bytes after its last entry"));
    }
    Ok(out)
}

/// An entry of the `surface` section whose term or word does not decode.
fn bad_surface(entry: u64, what: &str) -> IndexError {
    corrupt(
        "surface",
        format!("entry {entry}'s {what} is cut short, is not UTF-8, or shares more than it can"),
    )
}

/// Reads a varint count of bytes shared with `base`, then the rest as a string: a front-coded
/// string of the `surface` section.
fn read_prefixed(r: &mut Reader<'_>, base: &str) -> Result<String, Truncated> {
    let shared = usize::try_from(r.varint()?).map_err(|_| Truncated)?;
    let head = base.as_bytes().get(..shared).ok_or(Truncated)?;
    let rest = r.str()?;
    let mut bytes = Vec::with_capacity(shared + rest.len());
    bytes.extend_from_slice(head);
    bytes.extend_from_slice(rest.as_bytes());
    String::from_utf8(bytes).map_err(|_| Truncated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_walked_once_and_checked() {
        // Two terms in 3 records: docs {0, 2} and {1}, then their three field masks.
        let good = [2, 0, 2, 1, 1, 0x20, 0x01, 0x04];
        assert_eq!(read_lists(&good, 2, 3), Ok(vec![(0, 0), (3, 2), (5, 3)]));
        for (bytes, terms, why) in [
            (&good[..7], 2, "a field mask missing"),
            (&good[..4], 2, "a list cut short"),
            (&[1, 3, 0x20][..], 1, "a record past the last"),
            (&[2, 1, 0, 0x20, 0x20][..], 1, "the same record twice"),
            (&[0][..], 1, "an empty list"),
            (&[9, 0, 0x20][..], 1, "more records than there are"),
        ] {
            let err = read_lists(bytes, terms, 3).expect_err(why);
            assert!(err.to_string().contains("postings"), "{why}: {err}");
        }
    }
}
