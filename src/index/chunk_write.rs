//! The chunked index's writer: splits one index file (and the records it was built from, for
//! the easy-read fragments) into the manifest and content-addressed chunks that
//! [`super::chunk`] describes and reads. Splitting the finished file, rather than writing the
//! pieces from the records, keeps one writer of every section: a chunk holds exactly the bytes
//! (postings, doc columns) or the entries (terms) the single file has.

use super::chunk::{
    chunk_path, filter_column, fragment_path, key_of, ChunkKind, ACRONYM_FREQ, CHUNKS,
    CHUNK_HEADER, CHUNK_MAGIC, MANIFEST_MAGIC, RANK_COLUMNS,
};
use super::codec::{crc32, doc_columns, fnv1a64, put_varint};
use super::write::{container, sorted, WriteError};
use super::{section, DocFilter, Index, FORMAT_VERSION};
use crate::model::{Cost, Record};
use crate::walk::{walk, Walk};
use std::collections::{BTreeMap, HashMap};

/// How big the pieces are.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Bytes of keys per dictionary shard (before the fst compresses them).
    pub dict_keys: usize,
    /// Bytes of postings per chunk (a longer list is a chunk of its own).
    pub postings: usize,
    /// Records per doc and easy-read fragment.
    pub fragment: u32,
}

impl Default for Sizes {
    /// Measured on the synthetic 10k and 100k Local Offers (`docs/BENCHMARKS.md`): small
    /// enough that a first search fetches little past what it reads, large enough that a
    /// query's pieces are a few dozen requests. Dictionary shards of 8 KB of keys rather than
    /// 16 made a first search 8–15 KB smaller gzipped at 10k and 100k records for 0–12 more
    /// requests; doc fragments of 4 records rather than 8 saved only 1–4 KB for twice the files.
    fn default() -> Self {
        Sizes {
            dict_keys: 8 * 1024,
            postings: 4 * 1024,
            fragment: 8,
        }
    }
}

/// A chunked build: the files to write, by path relative to the directory.
#[derive(Debug)]
pub struct Chunked {
    /// The manifest first ([`super::chunk::MANIFEST_NAME`]), then every chunk.
    pub files: Vec<(String, Vec<u8>)>,
    /// The build id: the single file's CRC-32.
    pub build: u32,
    /// Per kind: (chunks, bytes).
    pub per_kind: Vec<(ChunkKind, usize, usize)>,
}

impl Chunked {
    /// Bytes of every file.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// One chunk's bytes: the header, then the payload.
fn chunk_bytes(build: u32, kind: ChunkKind, number: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(CHUNK_HEADER + payload.len());
    out.extend_from_slice(&CHUNK_MAGIC);
    let len = payload.len() as u32;
    for v in [
        FORMAT_VERSION,
        build,
        kind as u32,
        number,
        len,
        crc32(payload),
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(payload);
    out
}

/// A dictionary shard's payload: the fst of its terms → numbers, then their frequencies.
fn shard(entries: &[(Vec<u8>, u64, u32)]) -> Result<Vec<u8>, WriteError> {
    let mut b = fst::MapBuilder::memory();
    for (k, v, _) in entries {
        b.insert(k, *v)?;
    }
    let fst = b.into_inner()?;
    let mut out = Vec::new();
    put_varint(&mut out, fst.len() as u64);
    out.extend_from_slice(&fst);
    for (_, _, df) in entries {
        put_varint(&mut out, u64::from(*df));
    }
    Ok(out)
}

/// Cuts `entries` (sorted by key) into runs of about `target` key bytes.
fn runs<T>(
    entries: &[T],
    target: usize,
    size: impl Fn(&T) -> usize,
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        acc += size(e);
        if acc >= target {
            out.push(start..i + 1);
            start = i + 1;
            acc = 0;
        }
    }
    if start < entries.len() || out.is_empty() {
        out.push(start..entries.len());
    }
    out
}

/// Writes a column of values as [`super::chunk::read_column`] reads it: its distinct values,
/// most frequent first, then each record's index into them.
fn put_column(out: &mut Vec<u8>, values: &[u32]) {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for &v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut table: Vec<(u32, usize)> = counts.into_iter().collect();
    table.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let at: HashMap<u32, usize> = table
        .iter()
        .enumerate()
        .map(|(i, (v, _))| (*v, i))
        .collect();
    put_varint(out, table.len() as u64);
    for (v, _) in &table {
        put_varint(out, u64::from(*v));
    }
    let index = |v: &u32| at.get(v).copied().unwrap_or_default();
    out.extend(values.iter().map(|v| index(v) as u8));
    if table.len() > 256 {
        out.extend(values.iter().map(|v| (index(v) >> 8) as u8));
    }
}

/// The manifest's ranking columns ([`RANK_COLUMNS`]): the kinds as runs, the ended records as
/// gaps.
fn rank_columns(rows: &[DocFilter]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut runs: Vec<(u8, u64)> = Vec::new();
    for r in rows {
        match runs.last_mut() {
            Some((k, len)) if *k == r.kind.code() => *len += 1,
            _ => runs.push((r.kind.code(), 1)),
        }
    }
    put_varint(&mut out, runs.len() as u64);
    for (k, len) in runs {
        out.push(k);
        put_varint(&mut out, len);
    }
    let ended: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].ended).collect();
    put_varint(&mut out, ended.len() as u64);
    for (i, &doc) in ended.iter().enumerate() {
        let gap = if i == 0 { doc } else { doc - ended[i - 1] - 1 };
        put_varint(&mut out, gap as u64);
    }
    out
}

/// Splits the index file `index` (built from `records`) into a chunked index. The easy-read
/// fragments are the second file's encoding of each fragment's records, with `pictograms`.
pub fn split(
    index: &[u8],
    records: &[Record],
    pictograms: &crate::easyread::Pictograms,
    sizes: Sizes,
) -> Result<Chunked, WriteError> {
    let bad = |e: super::IndexError| WriteError::Chunk(e.to_string());
    let idx = Index::open(index).map_err(bad)?;
    let build = idx.checksum();
    let n = idx.len();
    let fragment = sizes.fragment.max(1);
    let mut chunks: BTreeMap<ChunkKind, Vec<Vec<u8>>> = BTreeMap::new();
    let mut table = Vec::new();
    table.extend_from_slice(&build.to_le_bytes());
    put_varint(&mut table, idx.term_count() as u64);
    put_varint(&mut table, u64::from(fragment));

    // Every term with its number and frequency, in term order.
    let mut terms: Vec<(Vec<u8>, u64, u32)> = Vec::with_capacity(idx.term_count());
    walk(&idx.terms, Walk::All, |k, v, _| {
        terms.push((k.to_vec(), v, idx.doc_freq(v)));
        true
    });
    let keyed = |kind: ChunkKind| {
        let mut v: Vec<(Vec<u8>, u64, u32)> = terms
            .iter()
            .map(|(k, v, df)| {
                (
                    key_of(kind, std::str::from_utf8(k).unwrap_or_default()),
                    *v,
                    *df,
                )
            })
            .collect();
        v.sort();
        v
    };
    let (reversed, tails) = (keyed(ChunkKind::Reversed), keyed(ChunkKind::Tail));

    let mut entries_of = |kind: ChunkKind, payloads: Vec<(Vec<u8>, Vec<u8>)>| {
        // (what the table says of its start, payload)
        put_varint(&mut table, payloads.len() as u64);
        let list = chunks.entry(kind).or_default();
        for (number, (start, payload)) in payloads.into_iter().enumerate() {
            let bytes = chunk_bytes(build, kind, number as u32, &payload);
            if !kind.named_by_build() {
                table.extend_from_slice(&start);
                put_varint(&mut table, bytes.len() as u64);
                table.extend_from_slice(&fnv1a64(&bytes).to_le_bytes());
            }
            list.push(bytes);
        }
    };

    let dictionaries = |list: &[(Vec<u8>, u64, u32)]| -> Result<Vec<_>, WriteError> {
        let mut payloads = Vec::new();
        for run in runs(list, sizes.dict_keys, |e| e.0.len() + 2) {
            let mut start = Vec::new();
            let first = list.get(run.start).map_or(&[][..], |e| e.0.as_slice());
            put_varint(&mut start, first.len() as u64);
            start.extend_from_slice(first);
            payloads.push((start, shard(&list[run])?));
        }
        Ok(payloads)
    };
    let (dict, rdict, tail) = (
        dictionaries(&terms)?,
        dictionaries(&reversed)?,
        dictionaries(&tails)?,
    );
    entries_of(ChunkKind::Dict, dict);
    entries_of(ChunkKind::Reversed, rdict);

    // Postings: runs of terms, each exactly the index's postings section for them.
    let mut payloads = Vec::new();
    let list_len = |t: usize| -> usize {
        let (s, _) = idx.lists[t];
        let (e, _) = idx.lists[t + 1];
        (e - s) as usize + idx.doc_freq(t as u64) as usize
    };
    let all: Vec<usize> = (0..idx.term_count()).collect();
    let postings = &idx.data[idx.postings.clone()];
    let masks_at = idx.lists.last().map_or(0, |l| l.0 as usize);
    for run in runs(&all, sizes.postings, |&t| list_len(t)) {
        let (a, b) = (run.start, run.end);
        let (sa, ba) = idx.lists[a];
        let (sb, bb) = idx.lists[b];
        let mut payload = postings[sa as usize..sb as usize].to_vec();
        payload.extend_from_slice(&postings[masks_at + ba as usize..masks_at + bb as usize]);
        let mut start = Vec::new();
        put_varint(&mut start, a as u64);
        payloads.push((start, payload));
    }
    entries_of(ChunkKind::Postings, payloads);

    // Records: the doc store's columns for each fragment's records; and the easy read, the
    // second file of each fragment's records. Each fragment is independent: on every core.
    let starts: Vec<u32> = (0..n as u32).step_by(fragment as usize).collect();
    let docs = crate::cores::map(&starts, |&doc| -> Result<(Vec<u8>, Vec<u8>), WriteError> {
        let end = (doc + fragment).min(n as u32);
        let mut rows = Vec::new();
        let mut ranges = Vec::new();
        for d in doc..end {
            let bytes = idx.record_bytes(d).map_err(bad)?;
            ranges.push(rows.len()..rows.len() + bytes.len());
            rows.extend_from_slice(bytes);
        }
        let cols = doc_columns(&rows, &ranges).map_err(|_| WriteError::DocColumns)?;
        Ok((Vec::new(), cols))
    });
    entries_of(ChunkKind::Docs, docs.into_iter().collect::<Result<_, _>>()?);

    let in_order = sorted(records);
    let parts: Vec<&[&Record]> = if in_order.len() == n {
        in_order.chunks(fragment as usize).collect()
    } else {
        Vec::new()
    };
    let easy = crate::cores::map(&parts, |part| {
        (
            Vec::new(),
            super::easy::encode(part, build, pictograms, idx.council()),
        )
    });
    entries_of(ChunkKind::Easy, easy);
    entries_of(ChunkKind::Tail, tail);

    // The filters only a family's choice or a question's age or place reads: a chunk each.
    let f = &idx.filters;
    let values: [Vec<u32>; filter_column::COUNT as usize] = [
        f.iter()
            .map(|r| u32::from(r.cost.map_or(0xff, Cost::code)))
            .collect(),
        f.iter().map(|r| u32::from(r.needs)).collect(),
        f.iter().map(|r| u32::from(r.access)).collect(),
        f.iter().map(|r| u32::from(r.waiting_for)).collect(),
        f.iter()
            .map(|r| u32::from(r.min_age) | u32::from(r.max_age) << 8)
            .collect(),
        f.iter().map(|r| u32::from(r.districts)).collect(),
    ];
    entries_of(
        ChunkKind::Filter,
        values
            .iter()
            .map(|v| {
                let mut out = Vec::new();
                put_column(&mut out, v);
                (Vec::new(), out)
            })
            .collect(),
    );

    // The acronyms' frequencies, in their dictionary's order.
    let mut freq = Vec::new();
    walk(&idx.acronyms, Walk::All, |_, v, _| {
        put_varint(&mut freq, u64::from(idx.doc_freq(v)));
        true
    });

    // The manifest: the index's small sections as they are, the chunk table, the frequencies.
    let copied = [
        section::META,
        section::ACRONYMS,
        section::VOCABULARY,
        section::COUNCIL,
        section::SURFACE,
    ];
    let mut sections: Vec<(u32, &[u8])> = copied
        .iter()
        .filter_map(|id| {
            let (_, r) = idx.sections.iter().find(|(s, _)| s == id)?;
            Some((*id, &idx.data[r.clone()]))
        })
        .collect();
    let rank = rank_columns(&idx.filters);
    sections.push((RANK_COLUMNS, &rank));
    sections.push((CHUNKS, &table));
    sections.push((ACRONYM_FREQ, &freq));
    let manifest = container(&MANIFEST_MAGIC, &sections)?;

    let mut files = vec![(super::chunk::MANIFEST_NAME.to_string(), manifest)];
    let mut per_kind = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (kind, list) in chunks {
        per_kind.push((kind, list.len(), list.iter().map(Vec::len).sum()));
        for (number, bytes) in list.into_iter().enumerate() {
            let path = if kind.named_by_build() {
                fragment_path(kind, build, number as u32)
            } else {
                chunk_path(kind, fnv1a64(&bytes))
            };
            if !names.insert(path.clone()) {
                return Err(WriteError::Chunk(format!(
                    "two chunks hash to the same name {path}"
                )));
            }
            files.push((path, bytes));
        }
    }
    Ok(Chunked {
        files,
        build,
        per_kind,
    })
}
