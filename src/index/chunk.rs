//! The chunked index: one county fits in one index file, but a region or a nation (100,000
//! records and more) does not, so `index-builder build --chunked` writes the same index as a
//! directory of small pieces that a static host or CDN serves and a search fetches only as it
//! needs them. This module reads it (the writer is [`super::chunk_write`]).
//!
//! ```text
//! DIR/manifest.lom                   the entry point (a fixed name; every other file is named
//!                                    by its content's hash and can be cached for ever)
//! DIR/chunks/dict-<hash>.bin         term dictionary shards, by term range
//! DIR/chunks/rdict-<hash>.bin        the same terms spelt backwards, by range (typo neighbours)
//! DIR/chunks/post-<hash>.bin         postings of a run of terms
//! DIR/chunks/tail-<hash>.bin         the terms keyed without their first letter, by range
//! DIR/chunks/docs-<build>-<n>.bin    the doc store's records, a few per fragment
//! DIR/chunks/easy-<build>-<n>.bin    the second file's (easy read, card details), the same few
//! DIR/chunks/filter-<hash>.bin       one column of the filter rows: cost, needs, access,
//!                                    waiting for, ages or areas ([`filter_column`])
//! ```
//!
//! The manifest has the index file's layout (header, CRC-32, section table: [`super`]) with its
//! own magic `\x8fLOMAN\r\n`, and carries the index's small sections verbatim — meta, acronyms,
//! vocabulary, council, surface — what every search reads of the filter rows, each record's
//! kind and whether it has ended ([`RANK_COLUMNS`]; the rest of a row is in filter chunks,
//! fetched with the first round when the question or a filter reads them), and two of its own: the chunk table ([`CHUNKS`]: the build id, the
//! term count, records per fragment, and for each dictionary shard and postings chunk its first
//! key, length and 64-bit hash; the fragments only counted, see
//! [`ChunkKind::named_by_build`]) and the acronyms' document frequencies ([`ACRONYM_FREQ`], so
//! every acronym is a candidate without a fetch).
//!
//! Every chunk is a 32-byte header — magic `\x8fLOCNK\r\n`, format version, build id (the CRC-32
//! of the single index file the build split), kind, number, payload length, payload CRC-32 —
//! then its payload:
//!
//! - dictionary shard: varint length and an `fst::Map` of term → its number in the whole
//!   index's term order, then each term's document frequency (varints, in key order);
//! - reversed shard: the same, keyed by the term's characters in reverse order;
//! - postings chunk: exactly the index's postings section for its run of terms;
//! - doc fragment: exactly the index's doc store for its records ([`codec::doc_columns`]);
//! - easy-read fragment: a complete second file ([`super::easy`]) for its records;
//! - filter column: one value per record, as a table of distinct values and an index per
//!   record ([`read_column`]).
//!
//! A chunk is accepted only if its length and hash are the manifest's, and its header names
//! this version, this build and the chunk the manifest says it is; so a truncated file, a stale
//! file from a CDN, or a chunk from another build is refused with its name, never mixed in.
//!
//! **The fetch plan.** [`ChunkStore::plan`] reads the question as the search does
//! ([`crate::understand`]) and, for each word form, names the shards of two key ranges. A typo
//! may edit any letter, the first included, so the terms within reach of a word are not one
//! term range; but a word of n letters with one edit keeps either its first ⌈n/2⌉−1 letters or
//! its last ⌊n/2⌋ letters, and with two edits, one of them in neither outer third, its first or
//! its last ⌊n/3⌋. So the plan takes the forward shards of the word's head and the reversed
//! shards of its tail: every one-edit typo and most two-edit ones, without fetching every
//! shard (see `docs/ARCHITECTURE.md`, "The chunked index"). The search then runs over an index
//! put together from what has arrived ([`ChunkStore::search`]); the postings and records it
//! asked for and did not have are the next fetch, so the plan's later steps are exactly what
//! the search reads, never a copy of its rules.

use super::codec::{self, fnv1a64, Reader, Truncated};
use super::{
    corrupt, easy, fst_check, read_header_as, read_lists, read_meta, read_surface, section,
    DocFilter, Index, IndexError, Meta, FORMAT_VERSION, HEADER_LEN,
};
use crate::model::{Cost, Record};
use crate::search::{Filters, Results, Searcher};
use crate::view::Wording;
use crate::walk::{walk, Walk};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Mutex;

/// The manifest's first eight bytes.
pub const MANIFEST_MAGIC: [u8; 8] = *b"\x8fLOMAN\r\n";
/// A chunk's first eight bytes.
pub const CHUNK_MAGIC: [u8; 8] = *b"\x8fLOCNK\r\n";
/// A chunk's header: magic, version, build, kind, number, payload length, payload CRC-32.
pub const CHUNK_HEADER: usize = 32;
/// The manifest's file name in the directory: the one name that is not a hash.
pub const MANIFEST_NAME: &str = "manifest.lom";
/// The manifest's chunk table section.
pub const CHUNKS: u32 = 10;
/// The manifest's section of acronym document frequencies.
pub const ACRONYM_FREQ: u32 = 11;
/// The manifest's section of what every search reads of every record: its kind (as runs: the
/// records are sorted by kind) and which records have ended. The rest of a filter row is read
/// only when a question states an age or names a place, or a family sets a filter, so it is in
/// chunks of its own ([`ChunkKind::Filter`], [`filter_column`]).
pub const RANK_COLUMNS: u32 = 13;

/// The filter columns a [`ChunkKind::Filter`] chunk's number stands for.
pub mod filter_column {
    pub const COST: u32 = 0;
    pub const NEEDS: u32 = 1;
    pub const ACCESS: u32 = 2;
    pub const WAITING_FOR: u32 = 3;
    /// The minimum age, and the maximum age shifted left 8 bits.
    pub const AGES: u32 = 4;
    /// The area mask.
    pub const AREAS: u32 = 5;
    /// How many there are: a build has exactly this many filter chunks.
    pub const COUNT: u32 = 6;
}

/// What a chunk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChunkKind {
    Dict = 1,
    Reversed = 2,
    Postings = 3,
    Docs = 4,
    Easy = 5,
    /// The terms keyed without their first letter (then a 0xFF byte and the letter).
    Tail = 6,
    /// One filter column of every record (its number: [`filter_column`]).
    Filter = 7,
}

impl ChunkKind {
    /// Every kind, in the chunk table's order.
    pub const ALL: [ChunkKind; 7] = [
        ChunkKind::Dict,
        ChunkKind::Reversed,
        ChunkKind::Postings,
        ChunkKind::Docs,
        ChunkKind::Easy,
        ChunkKind::Tail,
        ChunkKind::Filter,
    ];

    /// The kind's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            ChunkKind::Dict => "dictionary shard",
            ChunkKind::Reversed => "reversed dictionary shard",
            ChunkKind::Postings => "postings chunk",
            ChunkKind::Docs => "doc fragment",
            ChunkKind::Easy => "easy-read fragment",
            ChunkKind::Tail => "first-letter-free dictionary shard",
            ChunkKind::Filter => "filter column",
        }
    }

    /// The start of its files' names.
    pub fn prefix(self) -> &'static str {
        match self {
            ChunkKind::Dict => "dict",
            ChunkKind::Reversed => "rdict",
            ChunkKind::Postings => "post",
            ChunkKind::Docs => "docs",
            ChunkKind::Easy => "easy",
            ChunkKind::Tail => "tail",
            ChunkKind::Filter => "filter",
        }
    }

    /// Doc and easy-read fragments are named by the build and their number, not each by its
    /// own hash: there are a hundred times more of them than of any other kind, and ten bytes
    /// of table each made the manifest of 100,000 records 250 KB larger. The build id in the
    /// name still keeps builds apart and lets a CDN cache them for ever; the header's CRC-32
    /// and length check the bytes.
    pub fn named_by_build(self) -> bool {
        matches!(self, ChunkKind::Docs | ChunkKind::Easy)
    }

    fn from_code(c: u32) -> Option<ChunkKind> {
        ChunkKind::ALL.into_iter().find(|k| *k as u32 == c)
    }
}

/// One chunk of a build: its kind and its number among that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkId {
    pub kind: ChunkKind,
    pub number: u32,
}

/// What the manifest says of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkInfo {
    pub len: u32,
    pub hash: u64,
}

/// The file name of a chunk with this kind and hash, relative to the index's directory.
pub fn chunk_path(kind: ChunkKind, hash: u64) -> String {
    format!("chunks/{}-{hash:016x}.bin", kind.prefix())
}

/// The file name of fragment `number` of build `build` ([`ChunkKind::named_by_build`]).
pub fn fragment_path(kind: ChunkKind, build: u32, number: u32) -> String {
    format!("chunks/{}-{build:08x}-{number}.bin", kind.prefix())
}

/// A chunk named for messages: "postings chunk 3 (chunks/post-….bin)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkName {
    pub id: ChunkId,
    pub path: String,
}

impl fmt::Display for ChunkName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({})",
            self.id.kind.name(),
            self.id.number,
            self.path
        )
    }
}

/// Why a chunked index, or one of its chunks, could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkError {
    /// The manifest itself is damaged, cut short, or of another version.
    Manifest(IndexError),
    /// The chunk could not be had (not found, or the network failed).
    Unavailable { chunk: ChunkName, reason: String },
    /// The chunk does not start as a chunk does.
    NotAChunk { chunk: ChunkName },
    /// The chunk was written by another version of the format.
    WrongVersion { chunk: ChunkName, found: u32 },
    /// The chunk belongs to another build of the index.
    OtherBuild {
        chunk: ChunkName,
        found: u32,
        expected: u32,
    },
    /// The chunk's header names another chunk.
    WrongChunk { chunk: ChunkName },
    /// The chunk is shorter or longer than the manifest says (cut short, most often).
    WrongLength {
        chunk: ChunkName,
        expected: u32,
        found: usize,
    },
    /// The chunk's bytes do not hash to the manifest's hash.
    WrongHash {
        chunk: ChunkName,
        expected: u64,
        found: u64,
    },
    /// The chunk's payload does not decode.
    Corrupt { chunk: ChunkName, detail: String },
}

impl ChunkError {
    /// The chunk the error is about, if it is about one.
    pub fn chunk(&self) -> Option<&ChunkName> {
        match self {
            ChunkError::Manifest(_) => None,
            ChunkError::Unavailable { chunk, .. }
            | ChunkError::NotAChunk { chunk }
            | ChunkError::WrongVersion { chunk, .. }
            | ChunkError::OtherBuild { chunk, .. }
            | ChunkError::WrongChunk { chunk }
            | ChunkError::WrongLength { chunk, .. }
            | ChunkError::WrongHash { chunk, .. }
            | ChunkError::Corrupt { chunk, .. } => Some(chunk),
        }
    }

    /// The same in words for a family: no file names or numbers.
    pub fn for_family(&self) -> &'static str {
        match self {
            ChunkError::Manifest(e) => e.for_family(),
            ChunkError::Unavailable { .. } => {
                "Part of the search information could not be loaded, so some results may be missing. Reloading the page may help."
            }
            _ => "Part of the search information is damaged or out of date, so some results may be missing. Reloading the page may help.",
        }
    }
}

impl fmt::Display for ChunkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChunkError::Manifest(e) => write!(f, "the chunked index's manifest: {e}"),
            ChunkError::Unavailable { chunk, reason } => {
                write!(f, "{chunk} could not be read: {reason}")
            }
            ChunkError::NotAChunk { chunk } => write!(
                f,
                "{chunk} is not a chunk of a Local Offer index (its first bytes are wrong)"
            ),
            ChunkError::WrongVersion { chunk, found } => write!(
                f,
                "{chunk} has format version {found}, but this search reads version {FORMAT_VERSION}; the directory mixes two builds: rebuild it"
            ),
            ChunkError::OtherBuild {
                chunk,
                found,
                expected,
            } => write!(
                f,
                "{chunk} belongs to build {found:08x}, not to this manifest's build {expected:08x}; the directory mixes two builds: rebuild it"
            ),
            ChunkError::WrongChunk { chunk } => {
                write!(f, "{chunk}'s header names another chunk")
            }
            ChunkError::WrongLength {
                chunk,
                expected,
                found,
            } => write!(
                f,
                "{chunk} is damaged or was cut short: the manifest says {expected} bytes, it has {found}"
            ),
            ChunkError::WrongHash {
                chunk,
                expected,
                found,
            } => write!(
                f,
                "{chunk} is damaged: its hash {found:016x} is not the manifest's {expected:016x}"
            ),
            ChunkError::Corrupt { chunk, detail } => write!(f, "{chunk} is damaged: {detail}"),
        }
    }
}

impl std::error::Error for ChunkError {}

/// The manifest, decoded and checked.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The build: the CRC-32 of the single index file the chunks were split from.
    pub build: u32,
    pub meta: Meta,
    pub(crate) filters: Vec<DocFilter>,
    pub(crate) vocabulary: super::vocab::Vocabulary,
    pub(crate) council: crate::council::Council,
    pub(crate) surface: Vec<(String, String)>,
    /// Every acronym: (term, its number, its document frequency), in term order.
    pub(crate) acronyms: Vec<(Vec<u8>, u64, u32)>,
    /// Terms in the whole index.
    pub terms: u32,
    /// Records per doc (and easy-read) fragment.
    pub fragment: u32,
    /// The first key of each dictionary and reversed shard.
    dict_first: Vec<Vec<u8>>,
    rdict_first: Vec<Vec<u8>>,
    tail_first: Vec<Vec<u8>>,
    /// The first term number of each postings chunk.
    post_first: Vec<u32>,
    /// Each chunk's length and hash, by kind.
    chunks: BTreeMap<ChunkKind, Vec<ChunkInfo>>,
    /// The manifest's own size in bytes.
    pub bytes: usize,
}

impl Manifest {
    /// Reads and checks a manifest.
    pub fn open(data: &[u8]) -> Result<Manifest, ChunkError> {
        Manifest::read(data).map_err(ChunkError::Manifest)
    }

    fn read(data: &[u8]) -> Result<Manifest, IndexError> {
        let sections = read_header_as(data, &MANIFEST_MAGIC)?;
        let range = |id: u32, name: &'static str| -> Result<Range<usize>, IndexError> {
            sections
                .iter()
                .find(|(s, _)| *s == id)
                .map(|(_, r)| r.clone())
                .ok_or(IndexError::MissingSection { name })
        };
        let sec = |id: u32| range(id, section::name(id));
        let meta = read_meta(&data[sec(section::META)?])?;
        let n = meta.records as usize;
        let filters = read_rank(&data[range(RANK_COLUMNS, "ranking columns")?], n)
            .map_err(|e| corrupt("ranking columns", e))?;
        let vocabulary = super::vocab::Vocabulary::decode(&data[sec(section::VOCABULARY)?])
            .map_err(|e| corrupt("vocabulary", e.to_string()))?;
        let council = crate::council::Council::decode(&data[sec(section::COUNCIL)?])
            .map_err(|e| corrupt("council", e.to_string()))?;
        super::check_areas(&filters, &vocabulary, &council)?;
        let surface = read_surface(&data[sec(section::SURFACE)?])?;

        let table = &data[range(CHUNKS, "chunk table")?];
        let cut = |_| corrupt("chunk table", "is cut short");
        let mut r = Reader::new(table);
        let build = r.u32_le().map_err(cut)?;
        let terms = u32::try_from(r.varint().map_err(cut)?)
            .map_err(|_| corrupt("chunk table", "has an impossible term count"))?;
        let fragment = u32::try_from(r.varint().map_err(cut)?)
            .ok()
            .filter(|&f| f > 0 && f <= 4096)
            .ok_or_else(|| corrupt("chunk table", "has an impossible fragment size"))?;
        let mut chunks = BTreeMap::new();
        let (mut dict_first, mut rdict_first, mut tail_first, mut post_first) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for kind in ChunkKind::ALL {
            let count = r.varint().map_err(cut)?;
            // Each entry takes at least ten bytes; a fragment one per record.
            let most = if kind.named_by_build() {
                u64::from(meta.records)
            } else {
                (table.len() / 10) as u64
            };
            if count > most {
                return Err(corrupt(
                    "chunk table",
                    format!("claims {count} {}s in {} bytes", kind.name(), table.len()),
                ));
            }
            let mut infos = Vec::with_capacity(count as usize);
            for i in 0..count {
                match kind {
                    ChunkKind::Dict | ChunkKind::Reversed | ChunkKind::Tail => {
                        let key = r.bytes_str().map_err(cut)?.to_vec();
                        let list = match kind {
                            ChunkKind::Dict => &mut dict_first,
                            ChunkKind::Reversed => &mut rdict_first,
                            _ => &mut tail_first,
                        };
                        if list.last().is_some_and(|l: &Vec<u8>| *l >= key) {
                            return Err(corrupt(
                                "chunk table",
                                format!("{} {i} starts out of order", kind.name()),
                            ));
                        }
                        list.push(key);
                    }
                    ChunkKind::Postings => {
                        let first = r.varint().map_err(cut)?;
                        let ok = match post_first.last() {
                            None => first == 0,
                            Some(&last) => first > u64::from(last) && first < u64::from(terms),
                        };
                        if !ok {
                            return Err(corrupt(
                                "chunk table",
                                format!("postings chunk {i} starts at an impossible term"),
                            ));
                        }
                        post_first.push(first as u32);
                    }
                    ChunkKind::Docs | ChunkKind::Easy | ChunkKind::Filter => {}
                }
                if kind.named_by_build() {
                    infos.push(ChunkInfo { len: 0, hash: 0 });
                    continue;
                }
                let len = u32::try_from(r.varint().map_err(cut)?)
                    .map_err(|_| corrupt("chunk table", "has an impossible length"))?;
                let hash = u64::from_le_bytes(
                    r.bytes(8)
                        .map_err(cut)?
                        .try_into()
                        .map_err(|_| corrupt("chunk table", "is cut short"))?,
                );
                infos.push(ChunkInfo { len, hash });
            }
            chunks.insert(kind, infos);
        }
        if !r.is_empty() {
            return Err(corrupt("chunk table", "has bytes after its last entry"));
        }
        let fragments = n.div_ceil(fragment as usize);
        let count = |k: ChunkKind| chunks.get(&k).map_or(0, Vec::len);
        if count(ChunkKind::Docs) != fragments
            || ![0, fragments].contains(&count(ChunkKind::Easy))
            || count(ChunkKind::Filter) != filter_column::COUNT as usize
            || (terms > 0 && (count(ChunkKind::Dict) == 0 || count(ChunkKind::Postings) == 0))
        {
            return Err(corrupt(
                "chunk table",
                "does not have the chunks its counts call for",
            ));
        }

        // The acronyms, with their numbers and document frequencies.
        let acr_range = sec(section::ACRONYMS)?;
        let bounds = fst_check::Bounds {
            keys: terms,
            depth: 2 * crate::text::MAX_TERM_BYTES as u16,
            value: terms,
        };
        let acr_map = fst_check::open(data[acr_range].to_vec(), bounds)
            .map_err(|e| corrupt("acronyms", e))?;
        let mut freq = Reader::new(&data[range(ACRONYM_FREQ, "acronym frequency")?]);
        let mut acronyms = Vec::with_capacity(acr_map.len());
        let mut bad = false;
        walk(&acr_map, Walk::All, |key, value, _| match freq.varint() {
            Ok(df) if df > 0 && df <= u64::from(meta.records) && value < u64::from(terms) => {
                acronyms.push((key.to_vec(), value, df as u32));
                true
            }
            _ => {
                bad = true;
                false
            }
        });
        if bad || !freq.is_empty() {
            return Err(corrupt(
                "acronym frequency",
                "does not give each acronym a frequency",
            ));
        }
        Ok(Manifest {
            build,
            meta,
            filters,
            vocabulary,
            council,
            surface,
            acronyms,
            terms,
            fragment,
            dict_first,
            rdict_first,
            tail_first,
            post_first,
            chunks,
            bytes: data.len(),
        })
    }

    /// The council the index is for (its areas name the area filter's keys).
    pub fn council(&self) -> &crate::council::Council {
        &self.council
    }

    /// What the manifest says of a chunk, if the build has it.
    pub fn info(&self, id: ChunkId) -> Option<ChunkInfo> {
        self.chunks.get(&id.kind)?.get(id.number as usize).copied()
    }

    /// The chunk's name, for fetching and for messages.
    pub fn name(&self, id: ChunkId) -> ChunkName {
        ChunkName {
            id,
            path: match self.info(id) {
                None => "not in the manifest".into(),
                Some(_) if id.kind.named_by_build() => {
                    fragment_path(id.kind, self.build, id.number)
                }
                Some(i) => chunk_path(id.kind, i.hash),
            },
        }
    }

    /// Every chunk of the build (what a kiosk downloads to search offline).
    pub fn all(&self) -> Vec<ChunkId> {
        self.chunks
            .iter()
            .flat_map(|(&kind, infos)| {
                (0..infos.len() as u32).map(move |number| ChunkId { kind, number })
            })
            .collect()
    }

    /// The doc fragment holding record `doc`.
    pub fn doc_fragment(&self, doc: u32) -> ChunkId {
        ChunkId {
            kind: ChunkKind::Docs,
            number: doc / self.fragment,
        }
    }

    /// The postings chunk holding term number `term`.
    pub fn postings_chunk(&self, term: u32) -> ChunkId {
        ChunkId {
            kind: ChunkKind::Postings,
            number: self
                .post_first
                .partition_point(|&f| f <= term)
                .saturating_sub(1) as u32,
        }
    }

    /// The term numbers postings chunk `number` holds.
    fn postings_terms(&self, number: u32) -> Range<u32> {
        let i = number as usize;
        let start = self.post_first.get(i).copied().unwrap_or(self.terms);
        let end = self.post_first.get(i + 1).copied().unwrap_or(self.terms);
        start..end
    }

    /// The shards of `kind` whose key range holds keys starting with `prefix`.
    pub fn shards(&self, kind: ChunkKind, prefix: &[u8]) -> Vec<ChunkId> {
        let firsts = match kind {
            ChunkKind::Dict => &self.dict_first,
            ChunkKind::Reversed => &self.rdict_first,
            ChunkKind::Tail => &self.tail_first,
            _ => return Vec::new(),
        };
        let start = firsts
            .partition_point(|f| f.as_slice() <= prefix)
            .saturating_sub(1);
        let end = firsts.partition_point(|f| f.as_slice() <= prefix || f.starts_with(prefix));
        (start..end.max(start + 1).min(firsts.len()))
            .map(|number| ChunkId {
                kind,
                number: number as u32,
            })
            .collect()
    }

    /// The key range dictionary shard `id` holds: from its first key up to the next shard's.
    fn shard_range(&self, id: ChunkId) -> (Option<&[u8]>, Option<&[u8]>) {
        let firsts = match id.kind {
            ChunkKind::Dict => &self.dict_first,
            ChunkKind::Tail => &self.tail_first,
            _ => &self.rdict_first,
        };
        let i = id.number as usize;
        (
            firsts.get(i).map(Vec::as_slice).filter(|_| i > 0),
            firsts.get(i + 1).map(Vec::as_slice),
        )
    }

    /// The doc fragments holding glossary records: a search reads them on every query (the
    /// glossary's written forms mark acronyms), so they come with the first fetch.
    pub fn base(&self) -> Vec<ChunkId> {
        let mut out: Vec<ChunkId> = Vec::new();
        for (doc, f) in self.filters.iter().enumerate() {
            if f.kind == crate::model::Kind::Glossary {
                let id = self.doc_fragment(doc as u32);
                if out.last() != Some(&id) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// The filter chunks a search with `filters` reads: those of the filters set (kind is in the
    /// manifest). A search with one of them set shows no results until its chunk is here
    /// ([`ChunkStore::search`] asks for it with the plan's first fetch), so a filter never
    /// gives wrong ones. A question that states an age or names a place reads the ages or the
    /// areas too ([`ChunkStore::plan_filtered`]).
    pub fn filter_chunks(&self, filters: &Filters) -> Vec<ChunkId> {
        [
            (filters.cost.is_some(), filter_column::COST),
            (filters.need.is_some(), filter_column::NEEDS),
            (filters.access.is_some(), filter_column::ACCESS),
            (filters.waiting_for.is_some(), filter_column::WAITING_FOR),
            (filters.age.is_some(), filter_column::AGES),
            (filters.district.is_some(), filter_column::AREAS),
        ]
        .into_iter()
        .filter(|(set, _)| *set)
        .map(|(_, number)| ChunkId {
            kind: ChunkKind::Filter,
            number,
        })
        .collect()
    }

    /// Every filter chunk: what a browser fetches when idle after the first results, so that a
    /// family setting such a filter then waits for nothing.
    pub fn filter_columns(&self) -> Vec<ChunkId> {
        (0..filter_column::COUNT)
            .map(|number| ChunkId {
                kind: ChunkKind::Filter,
                number,
            })
            .collect()
    }
}

/// Reads one column of `n` values written as a table of its distinct values and, per record,
/// an index into it: one byte each when the table has at most 256 values, else two (every low
/// byte, then every high byte). Repetitive values (a feed's few cost, need or area choices)
/// gzip to a few bits a record.
pub(crate) fn read_column(r: &mut Reader<'_>, n: usize) -> Result<Vec<u32>, &'static str> {
    let cut = |_| "is cut short";
    let k = r.varint().map_err(cut)?;
    if k > n.max(1) as u64 {
        return Err("has more distinct values than records");
    }
    let mut table = Vec::with_capacity(k as usize);
    for _ in 0..k {
        let v = u32::try_from(r.varint().map_err(cut)?).map_err(|_| "has a value too large")?;
        table.push(v);
    }
    let wide = k > 256;
    let low = r.bytes(n).map_err(cut)?;
    let high = if wide {
        r.bytes(n).map_err(cut)?
    } else {
        &[][..]
    };
    (0..n)
        .map(|i| {
            let at = usize::from(low[i]) | high.get(i).map_or(0, |&h| usize::from(h) << 8);
            table.get(at).copied().ok_or("has an index past its table")
        })
        .collect()
}

/// Decodes the manifest's ranking columns ([`RANK_COLUMNS`]) into a filter row per record,
/// without what the filter chunks hold (no cost, ages, areas, needs, access or waiting for,
/// until [`ChunkStore::add`] has them).
fn read_rank(bytes: &[u8], n: usize) -> Result<Vec<DocFilter>, &'static str> {
    let cut = |_| "is cut short";
    let mut r = Reader::new(bytes);
    // The kinds, as runs of (kind, records).
    let runs = r.varint().map_err(cut)?;
    let mut kinds = Vec::with_capacity(n);
    for _ in 0..runs.min(n as u64 + 1) {
        let kind =
            crate::model::Kind::from_code(r.u8().map_err(cut)?).ok_or("has an unknown kind")?;
        let len = r.varint().map_err(cut)?;
        if len > (n - kinds.len()) as u64 {
            return Err("has more kinds than records");
        }
        kinds.extend(std::iter::repeat_n(kind, len as usize));
    }
    if kinds.len() != n {
        return Err("has kinds for another number of records");
    }
    // The ended records, as gaps between their numbers.
    let ended_count = r.varint().map_err(cut)?;
    let mut ended = vec![false; n];
    let mut doc = 0u64;
    for i in 0..ended_count.min(n as u64 + 1) {
        doc += r.varint().map_err(cut)? + u64::from(i > 0);
        *ended
            .get_mut(doc as usize)
            .ok_or("ends a record it does not have")? = true;
    }
    if !r.is_empty() {
        return Err("has bytes after its last column");
    }
    Ok((0..n)
        .map(|i| DocFilter {
            kind: kinds[i],
            ended: ended[i],
            cost: None,
            min_age: 0,
            max_age: 0,
            districts: 0,
            needs: 0,
            access: 0,
            waiting_for: 0,
        })
        .collect())
}

/// The key ranges a word form needs, as (kind, prefix): see the module docs. A word still
/// being typed (`typing`) is also matched as the start of a longer word with a typo, which may
/// be at its first letter ("iphysio" → "physiotherapy"): for it, the first-letter-free shards
/// of the word with and without its first letter, and the forward shards of its first letter.
pub fn ranges_of(form: &str, typing: bool) -> Vec<(ChunkKind, Vec<u8>)> {
    let chars: Vec<char> = form.chars().collect();
    let n = chars.len();
    let head = |k: usize| chars[..k.min(n)].iter().collect::<String>().into_bytes();
    let tail = |k: usize| {
        chars[n - k.min(n)..]
            .iter()
            .rev()
            .collect::<String>()
            .into_bytes()
    };
    let mut out = match n {
        0 => Vec::new(),
        // No typo pass reaches a word this short: it is matched exactly and as a prefix.
        1 | 2 => vec![(ChunkKind::Dict, head(n))],
        // One edit keeps the first ⌈n/2⌉−1 letters or the last ⌊n/2⌋; two keep (mostly) an
        // outer third.
        3 | 4 => vec![
            (ChunkKind::Dict, head(1)),
            (ChunkKind::Reversed, tail(n / 2)),
        ],
        _ => vec![
            (ChunkKind::Dict, head(n / 3)),
            (ChunkKind::Reversed, tail(n / 3)),
        ],
    };
    if typing && n >= 4 {
        let rest: String = chars[1..].iter().collect();
        let mut swapped = chars.clone();
        swapped.swap(0, 1);
        out.push((ChunkKind::Dict, head(1)));
        out.push((
            ChunkKind::Dict,
            swapped[..2].iter().collect::<String>().into_bytes(),
        ));
        out.push((ChunkKind::Tail, rest.into_bytes()));
        out.push((ChunkKind::Tail, form.as_bytes().to_vec()));
    }
    out
}

/// The key a term has in a shard of `kind`: itself, its characters reversed, or without its
/// first character, then 0xFF (never in UTF-8) and that character.
pub fn key_of(kind: ChunkKind, term: &str) -> Vec<u8> {
    match kind {
        ChunkKind::Reversed => term.chars().rev().collect::<String>().into_bytes(),
        ChunkKind::Tail => {
            let first = term.chars().next().map_or(0, char::len_utf8);
            let mut k = term.as_bytes()[first..].to_vec();
            k.push(0xff);
            k.extend_from_slice(&term.as_bytes()[..first]);
            k
        }
        _ => term.as_bytes().to_vec(),
    }
}

/// The term a shard's key stands for ([`key_of`] undone), if the key is well formed.
fn term_of(kind: ChunkKind, key: &[u8]) -> Option<Vec<u8>> {
    match kind {
        ChunkKind::Reversed => std::str::from_utf8(key)
            .ok()
            .map(|s| s.chars().rev().collect::<String>().into_bytes()),
        ChunkKind::Tail => {
            let cut = key.iter().rposition(|&b| b == 0xff)?;
            let mut t = key[cut + 1..].to_vec();
            t.extend_from_slice(&key[..cut]);
            std::str::from_utf8(&t).ok()?;
            Some(t)
        }
        _ => std::str::from_utf8(key).ok().map(|_| key.to_vec()),
    }
}

/// A chunk, checked and decoded.
#[derive(Debug)]
enum Piece {
    /// (term, its number, its document frequency), from a forward or reversed shard.
    Dict(Vec<(Vec<u8>, u64, u32)>),
    /// A postings section for terms `first..`, with where each list starts.
    Postings {
        first: u32,
        bytes: Vec<u8>,
        lists: Vec<(u32, u32)>,
    },
    /// Records `first..`, put back together, and where each starts.
    Docs {
        rows: Vec<u8>,
        offsets: Vec<u32>,
    },
    Easy(easy::EasyText),
    /// A filter column's value for every record.
    Filter(Vec<u32>),
}

/// What an index put together from chunks knows it lacks (see [`Index::partial`]).
#[derive(Debug)]
pub(crate) struct Partial {
    /// Per term (in this index's numbering): its document frequency, its number in the whole
    /// index, and whether its postings are here.
    doc_freq: Vec<u32>,
    global: Vec<u32>,
    has_postings: Vec<bool>,
    /// Per record: whether it is here.
    has_doc: Vec<bool>,
    /// The easy-read fragments that have arrived, by fragment number.
    easy: BTreeMap<u32, easy::EasyText>,
    fragment: u32,
    /// What a search asked for and did not find: terms (this index's numbers) and records.
    missed: Mutex<(Vec<u32>, Vec<u32>)>,
}

impl Partial {
    pub(crate) fn doc_freq(&self, term: u64) -> u32 {
        self.doc_freq.get(term as usize).copied().unwrap_or(0)
    }

    pub(crate) fn check_postings(&self, term: u64) -> Result<(), Truncated> {
        match self.has_postings.get(term as usize) {
            Some(true) => Ok(()),
            Some(false) => {
                if let Ok(mut m) = self.missed.lock() {
                    m.0.push(term as u32);
                }
                Err(Truncated)
            }
            None => Err(Truncated),
        }
    }

    pub(crate) fn check_doc(&self, doc: u32) -> Result<(), IndexError> {
        if self.has_doc.get(doc as usize).copied().unwrap_or(false) {
            return Ok(());
        }
        if let Ok(mut m) = self.missed.lock() {
            m.1.push(doc);
        }
        Err(corrupt("docs", format!("record {doc} has not arrived")))
    }

    pub(crate) fn fill(&self, doc: u32, r: &mut Record) -> Option<Wording> {
        let e = self.easy.get(&(doc / self.fragment))?;
        e.fill(doc % self.fragment, r)
    }
}

/// What a search over the chunks found, and what it still needs.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The results from what has arrived.
    pub results: Results,
    /// The chunks the search needs that have not arrived: fetch them and search again.
    pub missing: Vec<ChunkId>,
    /// The chunks it needs that could not be had or were refused: the results lack what
    /// they hold.
    pub failed: Vec<ChunkError>,
}

impl Outcome {
    /// True when nothing more will change the results.
    pub fn complete(&self) -> bool {
        self.missing.is_empty() && self.failed.is_empty()
    }
}

/// A chunked index as far as it has arrived: the manifest, the chunks fetched so far, and the
/// index put together from them.
#[derive(Debug)]
pub struct ChunkStore {
    manifest: Manifest,
    pieces: BTreeMap<ChunkId, Piece>,
    failed: BTreeMap<ChunkId, ChunkError>,
    /// The index put together from `pieces`, until another arrives.
    assembled: Option<Index>,
    /// Counts assemblies, so that each has its own checksum and a [`Searcher`] forgets what
    /// it cached for the last.
    generation: u32,
    /// Bytes of the chunks that have arrived.
    bytes: usize,
}

impl ChunkStore {
    /// Opens a chunked index from its manifest.
    pub fn open(manifest: &[u8]) -> Result<ChunkStore, ChunkError> {
        Ok(ChunkStore {
            manifest: Manifest::open(manifest)?,
            pieces: BTreeMap::new(),
            failed: BTreeMap::new(),
            assembled: None,
            generation: 0,
            bytes: 0,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// True once chunk `id` has arrived and been accepted.
    pub fn has(&self, id: ChunkId) -> bool {
        self.pieces.contains_key(&id)
    }

    /// Number of chunks accepted, and their bytes.
    pub fn arrived(&self) -> (usize, usize) {
        (self.pieces.len(), self.bytes)
    }

    /// The dictionary shards a query's words need, after the glossary's doc fragments (see
    /// the module docs): what to fetch on a keystroke, before anything else is known.
    pub fn plan(&self, query: &str) -> Vec<ChunkId> {
        self.plan_understood(query).0
    }

    /// The plan, and the filter columns the question itself reads: the ages when it states an
    /// age, the areas when it names a place.
    fn plan_understood(&self, query: &str) -> (Vec<ChunkId>, Vec<ChunkId>) {
        let u = crate::understand::understand(query, &self.manifest.vocabulary);
        let column = |number| ChunkId {
            kind: ChunkKind::Filter,
            number,
        };
        let mut columns = Vec::new();
        if u.age.is_some() {
            columns.push(column(filter_column::AGES));
        }
        if u.district.is_some() {
            columns.push(column(filter_column::AREAS));
        }
        let mut forms: Vec<(&str, bool)> = Vec::new();
        for c in &u.concepts {
            forms.push((&c.term, false));
            forms.push((&c.unstemmed, c.typing));
            for phrase in &c.means {
                forms.extend(phrase.iter().map(|t| (t.as_str(), false)));
            }
        }
        forms.extend(u.dropped.iter().map(|t| (t.as_str(), false)));
        let mut out = self.manifest.base();
        for (form, typing) in forms {
            for (kind, prefix) in ranges_of(form, typing) {
                out.extend(self.manifest.shards(kind, &prefix));
            }
        }
        out.sort();
        out.dedup();
        (out, columns)
    }

    /// [`ChunkStore::plan`], the filter chunks `filters` reads ([`Manifest::filter_chunks`]),
    /// and the ages or areas when the question states an age or names a place: what to fetch
    /// first, so that a filter or a question's age or place costs no round trip of its own.
    pub fn plan_filtered(&self, query: &str, filters: &Filters) -> Vec<ChunkId> {
        let (mut out, columns) = self.plan_understood(query);
        out.extend(columns);
        out.extend(self.manifest.filter_chunks(filters));
        out.sort();
        out.dedup();
        out
    }

    /// Whether the filter columns a search of `query` under `filters` reads are here: those
    /// `filters` sets, and the ages or the areas when the question states an age or names a
    /// place. Until they are, a search would let every record through the filter, or rank as
    /// if the question said nothing of age or place, so it shows no results ([`Self::search`]
    /// and the browser's widget); [`Self::plan_filtered`] fetches them in the first round.
    pub fn columns_ready(&self, query: &str, filters: &Filters) -> bool {
        let (_, mut columns) = self.plan_understood(query);
        columns.extend(self.manifest.filter_chunks(filters));
        columns.iter().all(|id| self.has(*id))
    }

    /// Checks chunk `id`'s bytes against the manifest and keeps it.
    pub fn add(&mut self, id: ChunkId, bytes: &[u8]) -> Result<(), ChunkError> {
        let piece = self.check(id, bytes)?;
        self.failed.remove(&id);
        if self.pieces.insert(id, piece).is_none() {
            self.bytes += bytes.len();
        }
        self.assembled = None;
        Ok(())
    }

    /// Notes that chunk `id` could not be had: searches go on without it and say so.
    pub fn fail(&mut self, id: ChunkId, error: ChunkError) {
        self.failed.insert(id, error);
    }

    fn check(&self, id: ChunkId, bytes: &[u8]) -> Result<Piece, ChunkError> {
        let chunk = self.manifest.name(id);
        let info = self.manifest.info(id).ok_or_else(|| ChunkError::Corrupt {
            chunk: chunk.clone(),
            detail: "the manifest has no such chunk".into(),
        })?;
        let by_build = id.kind.named_by_build();
        if bytes.len() < CHUNK_HEADER || bytes[..8] != CHUNK_MAGIC {
            return Err(if !by_build && bytes.len() < info.len as usize {
                ChunkError::WrongLength {
                    chunk,
                    expected: info.len,
                    found: bytes.len(),
                }
            } else {
                ChunkError::NotAChunk { chunk }
            });
        }
        let mut h = Reader::at(bytes, 8);
        let mut u32_next = || h.u32_le().unwrap_or_default();
        let (version, build, kind, number) = (u32_next(), u32_next(), u32_next(), u32_next());
        let (payload_len, crc) = (u32_next(), u32_next());
        if version != FORMAT_VERSION {
            return Err(ChunkError::WrongVersion {
                chunk,
                found: version,
            });
        }
        if build != self.manifest.build {
            return Err(ChunkError::OtherBuild {
                chunk,
                found: build,
                expected: self.manifest.build,
            });
        }
        if ChunkKind::from_code(kind) != Some(id.kind) || number != id.number {
            return Err(ChunkError::WrongChunk { chunk });
        }
        let expected = if by_build {
            payload_len.saturating_add(CHUNK_HEADER as u32)
        } else {
            info.len
        };
        if bytes.len() != expected as usize || bytes.len() != payload_len as usize + CHUNK_HEADER {
            return Err(ChunkError::WrongLength {
                chunk,
                expected,
                found: bytes.len(),
            });
        }
        let (expected, found) = if by_build {
            (
                u64::from(crc),
                u64::from(codec::crc32(&bytes[CHUNK_HEADER..])),
            )
        } else {
            (info.hash, fnv1a64(bytes))
        };
        if found != expected {
            return Err(ChunkError::WrongHash {
                chunk,
                expected,
                found,
            });
        }
        self.decode(id, &bytes[CHUNK_HEADER..])
            .map_err(|detail| ChunkError::Corrupt { chunk, detail })
    }

    fn decode(&self, id: ChunkId, payload: &[u8]) -> Result<Piece, String> {
        let m = &self.manifest;
        match id.kind {
            ChunkKind::Dict | ChunkKind::Reversed | ChunkKind::Tail => {
                let mut r = Reader::new(payload);
                let len = usize::try_from(r.varint().map_err(|_| "is cut short")?)
                    .map_err(|_| "is cut short")?;
                let fst_bytes = r.bytes(len).map_err(|_| "is cut short")?;
                let bounds = fst_check::Bounds {
                    keys: m.terms,
                    depth: 2 * crate::text::MAX_TERM_BYTES as u16,
                    value: m.terms,
                };
                let map = fst_check::open(fst_bytes.to_vec(), bounds)?;
                let (low, high) = m.shard_range(id);
                let mut out = Vec::with_capacity(map.len());
                let mut bad: Option<&'static str> = None;
                walk(&map, Walk::All, |key, value, _| {
                    let df = r
                        .varint()
                        .ok()
                        .filter(|&d| d > 0 && d <= u64::from(m.meta.records));
                    let in_range = low.is_none_or(|l| key >= l) && high.is_none_or(|h| key < h);
                    let term = term_of(id.kind, key);
                    match (df, term) {
                        (Some(df), Some(term)) if in_range && value < u64::from(m.terms) => {
                            out.push((term, value, df as u32));
                            true
                        }
                        _ => {
                            bad = Some("has a term outside its range, of no record, or not UTF-8");
                            false
                        }
                    }
                });
                if let Some(b) = bad {
                    return Err(b.into());
                }
                if !r.is_empty() {
                    return Err("has bytes after its last frequency".into());
                }
                Ok(Piece::Dict(out))
            }
            ChunkKind::Postings => {
                let terms = m.postings_terms(id.number);
                let lists =
                    read_lists(payload, terms.len(), m.meta.records).map_err(|e| e.to_string())?;
                Ok(Piece::Postings {
                    first: terms.start,
                    bytes: payload.to_vec(),
                    lists,
                })
            }
            ChunkKind::Docs => {
                let first = id.number * m.fragment;
                let n = (m.meta.records - first.min(m.meta.records)).min(m.fragment) as usize;
                let (rows, offsets) = codec::doc_rows(payload, n)
                    .map_err(|_| "has a column cut short, or bytes after the last")?;
                for i in 0..n {
                    let end = offsets.get(i + 1).map_or(rows.len(), |&e| e as usize);
                    codec::decode_doc(&rows[offsets[i] as usize..end])
                        .map_err(|_| format!("record {} does not decode", first as usize + i))?;
                }
                Ok(Piece::Docs { rows, offsets })
            }
            ChunkKind::Easy => {
                let first = id.number * m.fragment;
                let n = (m.meta.records - first.min(m.meta.records)).min(m.fragment) as usize;
                easy::EasyText::open(payload.to_vec(), m.build, n)
                    .map(Piece::Easy)
                    .map_err(|e| e.to_string())
            }
            ChunkKind::Filter => {
                let mut r = Reader::new(payload);
                let values = read_column(&mut r, m.meta.records as usize)?;
                if !r.is_empty() {
                    return Err("has bytes after its column".into());
                }
                let fits = |v: &u32| match id.number {
                    filter_column::COST => {
                        *v == 0xff || u8::try_from(*v).is_ok_and(|c| Cost::from_code(c).is_some())
                    }
                    filter_column::AREAS => {
                        u16::try_from(*v).is_ok_and(|mask| m.council.holds_mask(mask))
                    }
                    _ => *v <= u32::from(u16::MAX),
                };
                if !values.iter().all(fits) {
                    return Err("has a value no record can have".into());
                }
                Ok(Piece::Filter(values))
            }
        }
    }

    /// Searches what has arrived, and says what else the search needs.
    pub fn search(
        &mut self,
        searcher: &mut Searcher,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Outcome {
        let plan = self.plan_filtered(query, filters);
        let mut out = Outcome::default();
        let base = self.manifest.base();
        if base.iter().all(|id| self.has(*id)) && self.columns_ready(query, filters) {
            if self.assembled.is_none() {
                match self.assemble() {
                    Ok(index) => self.assembled = Some(index),
                    Err(e) => {
                        out.failed.push(e);
                        return out;
                    }
                }
            }
            if let Some(index) = &self.assembled {
                out.results = searcher.search(index, query, filters, limit);
                self.needs(plan, index, &mut out);
            }
        } else {
            self.sort_needs(plan, &mut out);
        }
        out
    }

    /// Puts what a search needs into `out`: missing, or failed.
    fn sort_needs(&self, mut needed: Vec<ChunkId>, out: &mut Outcome) {
        needed.sort();
        needed.dedup();
        for id in needed {
            if self.has(id) {
                continue;
            }
            match self.failed.get(&id) {
                Some(e) => out.failed.push(e.clone()),
                None => out.missing.push(id),
            }
        }
    }

    /// An [`Index`] of what has arrived: the manifest's sections, every term of the shards and
    /// the acronyms (numbered in order, so every comparison by term number is the whole
    /// index's), the postings and records that are here, and a [`Partial`] to say what is not.
    fn assemble(&mut self) -> Result<Index, ChunkError> {
        let m = &self.manifest;
        let mut entries: Vec<(&[u8], u64, u32)> = m
            .acronyms
            .iter()
            .map(|(t, g, df)| (t.as_slice(), *g, *df))
            .collect();
        for piece in self.pieces.values() {
            if let Piece::Dict(terms) = piece {
                entries.extend(terms.iter().map(|(t, g, df)| (t.as_slice(), *g, *df)));
            }
        }
        entries.sort_unstable_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        entries.dedup_by_key(|e| e.1);
        let bad = |detail: &str| ChunkError::Manifest(corrupt("chunk table", detail.to_string()));
        let mut terms = fst::MapBuilder::memory();
        for (local, (term, _, _)) in entries.iter().enumerate() {
            terms
                .insert(term, local as u64)
                .map_err(|_| bad("its shards give one term two numbers"))?;
        }
        let local_of = |g: u64| entries.binary_search_by_key(&g, |e| e.1).ok();
        let mut acronyms = fst::MapBuilder::memory();
        for (term, g, _) in &m.acronyms {
            if let Some(local) = local_of(*g) {
                acronyms
                    .insert(term, local as u64)
                    .map_err(|_| bad("has acronyms out of order"))?;
            }
        }
        let to_map = |b: fst::MapBuilder<Vec<u8>>| {
            b.into_inner()
                .ok()
                .and_then(|v| fst::Map::new(v).ok())
                .ok_or_else(|| bad("its terms do not make a dictionary"))
        };

        // The postings: this index's file is a header (whose checksum names the assembly),
        // then the lists of the terms whose chunks are here and their field masks.
        self.generation = self.generation.wrapping_add(1);
        let stamp = m.build.wrapping_add(self.generation);
        let mut data = vec![0u8; HEADER_LEN];
        data[20..24].copy_from_slice(&stamp.to_le_bytes());
        let mut masks = Vec::new();
        let mut lists = Vec::with_capacity(entries.len() + 1);
        let mut has_postings = Vec::with_capacity(entries.len());
        let mut before = 0u32;
        for &(_, g, _) in &entries {
            lists.push(((data.len() - HEADER_LEN) as u32, before));
            let chunk = m.postings_chunk(g as u32);
            let here = match self.pieces.get(&chunk) {
                Some(Piece::Postings {
                    first,
                    bytes,
                    lists: l,
                }) => {
                    let i = (g as u32).checked_sub(*first).map(|i| i as usize);
                    match i.and_then(|i| Some((l.get(i)?, l.get(i + 1)?, l.last()?))) {
                        Some((&(start, b0), &(end, b1), &(lists_end, _))) => {
                            data.extend_from_slice(&bytes[start as usize..end as usize]);
                            let from = lists_end as usize + b0 as usize;
                            masks.extend_from_slice(&bytes[from..from + (b1 - b0) as usize]);
                            before += b1 - b0;
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            };
            has_postings.push(here);
        }
        lists.push(((data.len() - HEADER_LEN) as u32, before));
        data.extend_from_slice(&masks);
        let postings = HEADER_LEN..data.len();

        // The records that are here; the others are empty and marked absent.
        let n = m.meta.records as usize;
        let mut docs = Vec::new();
        let mut doc_offsets = Vec::with_capacity(n);
        let mut has_doc = vec![false; n];
        let mut easy_parts = BTreeMap::new();
        let mut doc = 0usize;
        while doc < n {
            let id = m.doc_fragment(doc as u32);
            let count = (n - doc).min(m.fragment as usize);
            if let Some(Piece::Docs { rows, offsets }) = self.pieces.get(&id) {
                let base = docs.len() as u32;
                doc_offsets.extend(offsets.iter().map(|o| base + o));
                docs.extend_from_slice(rows);
                has_doc[doc..doc + count].iter_mut().for_each(|h| *h = true);
            } else {
                doc_offsets.extend(std::iter::repeat_n(docs.len() as u32, count));
            }
            if let Some(Piece::Easy(e)) = self.pieces.get(&ChunkId {
                kind: ChunkKind::Easy,
                number: id.number,
            }) {
                easy_parts.insert(id.number, e.clone());
            }
            doc += count;
        }

        let mut index = Index {
            data,
            sections: Vec::new(),
            terms: to_map(terms)?,
            acronyms: to_map(acronyms)?,
            postings,
            lists,
            docs,
            doc_offsets,
            filters: self.filter_rows(),
            meta: m.meta.clone(),
            glossary: Vec::new(),
            acronym_list: Vec::new(),
            surface: m.surface.clone(),
            easy: None,
            vocabulary: m.vocabulary.clone(),
            council: m.council.clone(),
            partial: Some(Box::new(Partial {
                doc_freq: entries.iter().map(|e| e.2).collect(),
                global: entries.iter().map(|e| e.1 as u32).collect(),
                has_postings,
                has_doc,
                easy: easy_parts,
                fragment: m.fragment,
                missed: Mutex::new((Vec::new(), Vec::new())),
            })),
        };
        index.finish().map_err(ChunkError::Manifest)?;
        Ok(index)
    }

    /// The manifest's filter rows with the filter columns that have arrived.
    fn filter_rows(&self) -> Vec<DocFilter> {
        let mut rows = self.manifest.filters.clone();
        for number in 0..filter_column::COUNT {
            let id = ChunkId {
                kind: ChunkKind::Filter,
                number,
            };
            let Some(Piece::Filter(values)) = self.pieces.get(&id) else {
                continue;
            };
            for (row, &v) in rows.iter_mut().zip(values) {
                match number {
                    filter_column::COST => row.cost = Cost::from_code(v as u8),
                    filter_column::NEEDS => row.needs = v as u16,
                    filter_column::ACCESS => row.access = v as u16,
                    filter_column::WAITING_FOR => row.waiting_for = v as u16,
                    filter_column::AGES => (row.min_age, row.max_age) = (v as u8, (v >> 8) as u8),
                    _ => row.districts = v as u16,
                }
            }
        }
        rows
    }

    /// The index as it stands (put together again if a chunk arrived since): for reading
    /// records and cards once a search's chunks are here.
    pub fn index(&mut self) -> Result<&Index, ChunkError> {
        if self.assembled.is_none() {
            self.assembled = Some(self.assemble()?);
        }
        self.assembled
            .as_ref()
            .ok_or_else(|| ChunkError::Manifest(corrupt("chunk table", "cannot be read")))
    }

    /// What a search over `index` (put together by this store) still needs, after `planned`
    /// (the query's [`ChunkStore::plan`]): the postings and records the search and whatever
    /// read the index since reached for and did not have (drained from the index's notes), as
    /// missing or failed in `out`. [`ChunkStore::search`] and the browser's widget, which
    /// searches an index it keeps ([`ChunkStore::take_index`]), share it.
    pub fn needs(&self, planned: Vec<ChunkId>, index: &Index, out: &mut Outcome) {
        let mut needed = planned;
        if let Some(p) = &index.partial {
            if let Ok(mut missed) = p.missed.lock() {
                for t in missed.0.drain(..) {
                    if let Some(&g) = p.global.get(t as usize) {
                        needed.push(self.manifest.postings_chunk(g));
                    }
                }
                for d in missed.1.drain(..) {
                    needed.push(self.manifest.doc_fragment(d));
                }
            }
        }
        self.sort_needs(needed, out);
    }

    /// The index put together from what has arrived, handed out to keep: the browser's widget
    /// searches and reads cards from its own until the next chunk arrives. Needs the base
    /// ([`ChunkStore::base_ready`]), whose glossary records are read as it is put together.
    pub fn take_index(&mut self) -> Result<Index, ChunkError> {
        match self.assembled.take() {
            Some(index) => Ok(index),
            None => self.assemble(),
        }
    }

    /// Whether every chunk of the base ([`Manifest::base`]) has arrived, so that an index can
    /// be put together; the first of them that failed, if one did.
    pub fn base_ready(&self) -> Result<bool, ChunkError> {
        let base = self.manifest.base();
        if let Some(e) = base.iter().find_map(|id| self.failed.get(id)) {
            return Err(e.clone());
        }
        Ok(base.iter().all(|id| self.has(*id)))
    }

    /// Forgets that chunk `id` failed, so that the next search asks for it again (a later
    /// keystroke's one retry in the browser). Whether it had failed.
    pub fn retry(&mut self, id: ChunkId) -> bool {
        self.failed.remove(&id).is_some()
    }
}

/// Reads every chunk a search needs with `fetch` (a file, the network) until the search has
/// all it needs or nothing more can be had: the command line's and the tests' loop. The
/// browser does the same a keystroke at a time, fetching in parallel.
pub fn search_with(
    store: &mut ChunkStore,
    searcher: &mut Searcher,
    query: &str,
    filters: &Filters,
    limit: usize,
    mut fetch: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Outcome {
    // Each round fetches what the last search found missing; a plan, postings and records are
    // three rounds, a suggestion's record a fourth. The bound only stops a store that never
    // settles (it cannot: every round adds or fails a chunk).
    for _ in 0..16 {
        let outcome = store.search(searcher, query, filters, limit);
        if outcome.missing.is_empty() {
            return outcome;
        }
        for id in outcome.missing {
            let name = store.manifest().name(id);
            let result = fetch(&name.path)
                .map_err(|reason| ChunkError::Unavailable {
                    chunk: name.clone(),
                    reason,
                })
                .and_then(|bytes| store.add(id, &bytes));
            if let Err(e) = result {
                store.fail(id, e);
            }
        }
    }
    store.search(searcher, query, filters, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_keep_a_head_and_a_tail() {
        assert_eq!(
            ranges_of("au", false),
            vec![(ChunkKind::Dict, b"au".to_vec())]
        );
        assert_eq!(
            ranges_of("camhs", false),
            vec![
                (ChunkKind::Dict, b"c".to_vec()),
                (ChunkKind::Reversed, b"s".to_vec())
            ]
        );
        assert_eq!(
            ranges_of("assessment", false),
            vec![
                (ChunkKind::Dict, b"ass".to_vec()),
                (ChunkKind::Reversed, b"tne".to_vec())
            ]
        );
        let typing = ranges_of("iphysio", true);
        assert!(typing.contains(&(ChunkKind::Tail, b"physio".to_vec())));
        for t in ["physio", "camhs", "é"] {
            let k = key_of(ChunkKind::Tail, t);
            assert_eq!(term_of(ChunkKind::Tail, &k).as_deref(), Some(t.as_bytes()));
        }
    }
}
