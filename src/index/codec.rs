//! Byte-level encoding shared by the index writer and reader: varints, CRC-32, and the compact
//! record encoding of the doc store.
//!
//! Every read is bounds-checked and returns [`Truncated`] instead of panicking, so a damaged file
//! can only ever produce an error.

use crate::easyread::{EasyRead, Icon, Part};
use crate::model::{
    Access, Area, Contact, ContactKind, Cost, Kind, Need, ProvisionType, Record, Stage, Status,
    WaitingFor,
};
use crate::view::{FactText, Wording, FACT_LABELS};

/// A read ran past the end of its section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truncated;

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A cursor over a byte slice with checked reads.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn at(bytes: &'a [u8], pos: usize) -> Self {
        Reader { bytes, pos }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Where the next read starts.
    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn varint(&mut self) -> Result<u64, Truncated> {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let b = *self.bytes.get(self.pos).ok_or(Truncated)?;
            self.pos += 1;
            if shift >= 64 {
                return Err(Truncated);
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    pub fn u8(&mut self) -> Result<u8, Truncated> {
        let b = *self.bytes.get(self.pos).ok_or(Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], Truncated> {
        let end = self.pos.checked_add(n).ok_or(Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(Truncated)?;
        self.pos = end;
        Ok(s)
    }

    pub fn u32_le(&mut self) -> Result<u32, Truncated> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u16_le(&mut self) -> Result<u16, Truncated> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// A varint length, then that many bytes of UTF-8.
    /// A varint length, then that many bytes (a [`put_str`] string, or a shard's key, which
    /// need not be UTF-8).
    pub fn bytes_str(&mut self) -> Result<&'a [u8], Truncated> {
        let len = usize::try_from(self.varint()?).map_err(|_| Truncated)?;
        self.bytes(len)
    }

    pub fn str(&mut self) -> Result<&'a str, Truncated> {
        let n = usize::try_from(self.varint()?).map_err(|_| Truncated)?;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| Truncated)
    }
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub fn put_strs(out: &mut Vec<u8>, list: &[String]) {
    put_varint(out, list.len() as u64);
    for s in list {
        put_str(out, s);
    }
}

pub fn get_strs(r: &mut Reader<'_>) -> Result<Vec<String>, Truncated> {
    let n = r.varint()?;
    // Each string takes at least one byte, so a count larger than what is left is damage.
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(r.str()?.to_string());
    }
    Ok(out)
}

/// FNV-1a, 64 bits: the content hash that names a chunked index's files (`chunk`), where a
/// CRC-32's 32 bits would let two of a large build's thousands of chunks share a name.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// CRC-32 (IEEE 802.3), as zlib computes it.
///
/// The 1 KB lookup table is made on each call rather than stored: a stored table is 1 KB of
/// incompressible wasm for every family, and the files are checked once each, when they open.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, entry) in (0u32..).zip(table.iter_mut()) {
        let mut c = i;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c = table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    c ^ 0xFFFF_FFFF
}

const NONE: u8 = 0xff;

fn opt_code(v: Option<u8>) -> u8 {
    v.unwrap_or(NONE)
}

/// Encodes a record for the doc store: what the widget shows. Fields go in a fixed order; the
/// format version covers it. `keywords` (search words, already in the term dictionary),
/// `source` and `evidence` (the editors' provenance: `index-builder build` writes the evidence
/// to a file of its own for `index-builder show`) and `description` (searched, but no view shows it, and it
/// was about a fifth of the gzipped index) are not displayed, so they are not stored: families
/// should not download them. [`decode_record`] gives them back empty. The one runtime use of
/// the description, how a spelling suggestion writes a word, is kept in the index's `surface`
/// section instead. What only an open card shows (how to get it, contacts, who can use it,
/// waiting times, who runs it, the address, a glossary word's plain meaning and related words:
/// [`encode_details`]) travels with the easy-read sentences in the second file
/// ([`super::easy`]), fetched after the first search; [`crate::Index::record`] fills them in
/// once it is attached. A result list needs none of it, and it was a fifth of the gzipped index.
pub fn encode_record(r: &Record, out: &mut Vec<u8>) {
    out.push(r.kind.code());
    out.push(r.status.code());
    out.push(opt_code(r.cost.map(Cost::code)));
    out.push(opt_code(r.provision_type.map(ProvisionType::code)));
    out.push(opt_code(r.minimum_age));
    out.push(opt_code(r.maximum_age));
    put_varint(out, u64::from(Need::mask(&r.needs)));
    put_varint(out, u64::from(Area::mask(&r.districts)));
    put_varint(out, u64::from(Access::mask(&r.access)));
    put_varint(out, u64::from(WaitingFor::mask(&r.waiting_for)));
    put_varint(out, u64::from(Stage::mask(&r.stages)));
    put_varint(out, r.places.map_or(0, |p| u64::from(p) + 1));
    for s in [
        &r.id,
        &r.name,
        &r.alternate_name,
        &r.summary,
        &r.term,
        &r.expansion,
        &r.starts,
        &r.ends,
        &r.replaced_by,
        &r.last_checked,
    ] {
        put_str(out, s);
    }
    put_strs(out, &r.also);
}

/// Encodes a record for the doc store ([`encode_record`]) followed by the wording of what the
/// store keeps of it ([`crate::view::wording`] of the record [`decode_record`] gives back): the
/// first results' cards, before the second file brings the rest. Read by [`decode_doc`].
#[cfg(feature = "writer")]
pub fn encode_doc(r: &Record, council: &crate::council::Council, out: &mut Vec<u8>) {
    let start = out.len();
    encode_record(r, out);
    let kept = decode_record(&out[start..]).unwrap_or_default();
    encode_wording(&crate::view::wording(&kept, council), &kept, out);
}

/// A record's own text that a marked fact shows, by its number in the files: a fact refers to
/// the field instead of repeating its words, which are stored beside it.
fn text_field(r: &Record, i: u8) -> Option<&String> {
    Some(match i {
        0 => &r.how_to_get,
        1 => &r.eligibility,
        2 => &r.waiting,
        3 => &r.organization,
        4 => &r.address,
        5 => &r.plain_meaning,
        _ => return None,
    })
}

/// A fact's byte: the label's code in its low six bits; a marked fact sets bit 6.
const MARKED: u8 = 0x40;
/// Bit 7 of a fact's byte: the text is the record's own field, whose number follows
/// ([`text_field`]); else the text follows.
const FIELD: u8 = 0x80;
/// Bit 7 of a part's icon byte: the part begins with the record's own easy-read sentences.
const OWN_SENTENCES: u8 = 0x80;

/// Encodes a card's [`Wording`] for the record `r` stored beside it: the badge (empty for
/// none), the month last checked, the facts (a label byte, then the text or the number of the
/// record's field that holds it) and the easy-read parts (an icon byte, then the sentences, less
/// the record's own when it begins with them). Read by [`read_wording`] with the same record.
#[cfg(feature = "writer")]
pub fn encode_wording(w: &Wording, r: &Record, out: &mut Vec<u8>) {
    put_str(out, w.badge.as_deref().unwrap_or_default());
    put_str(out, &w.last_checked);
    put_varint(out, w.facts.len() as u64);
    for f in &w.facts {
        let mut code = FACT_LABELS
            .iter()
            .position(|l| *l == f.label)
            .unwrap_or(FACT_LABELS.len()) as u8;
        if f.marked {
            code |= MARKED;
        }
        match (0..8).find(|&i| text_field(r, i) == Some(&f.text)) {
            Some(i) => out.extend([code | FIELD, i]),
            None => {
                out.push(code);
                put_str(out, &f.text);
            }
        }
    }
    put_varint(out, w.easy.parts.len() as u64);
    for p in &w.easy.parts {
        let mut icon = Icon::ALL.iter().position(|i| *i == p.icon).unwrap_or(0x7f) as u8;
        let mut sentences = p.sentences.as_slice();
        if let Some(rest) = sentences
            .strip_prefix(r.easy_read.as_slice())
            .filter(|_| !r.easy_read.is_empty())
        {
            icon |= OWN_SENTENCES;
            sentences = rest;
        }
        out.push(icon);
        put_strs(out, sentences);
    }
}

/// The doc store's columns (format 11), in the order [`encode_doc`] writes a record: the six
/// code bytes, the six masks, the ten strings, `also`, then the card's wording. The file keeps
/// each column's entries for every record together (every record's id, then every name, …),
/// because like beside like compresses better: the gzipped index is 2 KB smaller than with the
/// records one after another. The reader puts each record back together once, when the file
/// opens ([`doc_rows`]).
const COLUMNS: &[u8] = &[
    BYTE, BYTE, BYTE, BYTE, BYTE, BYTE, VARINT, VARINT, VARINT, VARINT, VARINT, VARINT, STR, STR,
    STR, STR, STR, STR, STR, STR, STR, STR, STRS, WORDING,
];
/// The shapes of a column's entry.
const BYTE: u8 = 0;
const VARINT: u8 = 1;
const STR: u8 = 2;
const STRS: u8 = 3;
/// What [`encode_wording`] writes.
const WORDING: u8 = 4;

/// Reads past one entry of the shape `shape`.
fn skip(r: &mut Reader<'_>, shape: u8) -> Result<(), Truncated> {
    match shape {
        BYTE => r.u8().map(drop),
        VARINT => r.varint().map(drop),
        STR => r.str().map(drop),
        STRS => get_strs(r).map(drop),
        _ => read_wording(r, &Record::default()).map(drop),
    }
}

/// Splits the records encoded by [`encode_doc`] (`rows`, each a range of `bytes`) into the doc
/// store's columns ([`COLUMNS`]), each column's entries in record order.
#[cfg(feature = "writer")]
pub fn doc_columns(bytes: &[u8], rows: &[std::ops::Range<usize>]) -> Result<Vec<u8>, Truncated> {
    let mut cols = vec![Vec::new(); COLUMNS.len()];
    for row in rows {
        let mut r = Reader::new(bytes.get(row.clone()).ok_or(Truncated)?);
        for (col, &shape) in cols.iter_mut().zip(COLUMNS) {
            let start = r.pos();
            skip(&mut r, shape)?;
            col.extend_from_slice(&r.bytes[start..r.pos()]);
        }
        if !r.is_empty() {
            return Err(Truncated);
        }
    }
    Ok(cols.concat())
}

/// Puts the doc store's `n` records back together from its columns (`bytes`, as
/// [`doc_columns`] wrote them): every record's bytes one after another, as [`decode_doc`]
/// reads them, and where each starts. Every entry of every column must be there, and nothing
/// after the last.
pub fn doc_rows(bytes: &[u8], n: usize) -> Result<(Vec<u8>, Vec<u32>), Truncated> {
    let mut r = Reader::new(bytes);
    // Where each entry ends, column by column; the first starts at 0.
    let mut ends = vec![0];
    for &shape in COLUMNS {
        for _ in 0..n {
            skip(&mut r, shape)?;
            ends.push(r.pos());
        }
    }
    if !r.is_empty() {
        return Err(Truncated);
    }
    let mut rows = Vec::new();
    let mut offsets = Vec::new();
    for i in 0..n {
        offsets.push(rows.len() as u32);
        let mut k = i;
        while k + 1 < ends.len() {
            rows.extend_from_slice(&bytes[ends[k]..ends[k + 1]]);
            k += n;
        }
    }
    Ok((rows, offsets))
}

/// Reads what [`encode_wording`] wrote for the record `rec`.
pub fn read_wording(r: &mut Reader<'_>, rec: &Record) -> Result<Wording, Truncated> {
    let badge = r.str()?;
    let last_checked = r.str()?.to_string();
    let n = r.varint()?;
    let mut facts = Vec::new();
    for _ in 0..n {
        let b = r.u8()?;
        let text = if b & FIELD != 0 {
            text_field(rec, r.u8()?).ok_or(Truncated)?.clone()
        } else {
            r.str()?.to_string()
        };
        facts.push(FactText {
            label: FACT_LABELS.get(usize::from(b & 0x3f)).ok_or(Truncated)?,
            marked: b & MARKED != 0,
            text,
        });
    }
    let n = r.varint()?;
    let mut parts = Vec::new();
    for _ in 0..n {
        let b = r.u8()?;
        let icon = *Icon::ALL
            .get(usize::from(b & !OWN_SENTENCES))
            .ok_or(Truncated)?;
        let mut sentences = if b & OWN_SENTENCES != 0 {
            rec.easy_read.clone()
        } else {
            Vec::new()
        };
        sentences.extend(get_strs(r)?);
        parts.push(Part::new(icon, sentences));
    }
    Ok(Wording {
        badge: (!badge.is_empty()).then(|| badge.to_string()),
        facts,
        last_checked,
        easy: EasyRead { parts },
    })
}

/// Encodes what only an open card shows, for the second file ([`super::easy`]): read back into
/// a record by [`decode_details`].
pub fn encode_details(r: &Record, out: &mut Vec<u8>) {
    for s in [
        &r.organization,
        &r.address,
        &r.eligibility,
        &r.waiting,
        &r.plain_meaning,
        &r.how_to_get,
    ] {
        put_str(out, s);
    }
    put_strs(out, &r.see_also);
    put_varint(out, r.contacts.len() as u64);
    for c in &r.contacts {
        out.push(c.kind.code() | if c.general { 0x80 } else { 0 });
        put_str(out, &c.value);
        put_str(out, &c.label);
    }
}

fn code<T>(b: u8, from: fn(u8) -> Option<T>) -> Result<Option<T>, Truncated> {
    if b == NONE {
        Ok(None)
    } else {
        from(b).map(Some).ok_or(Truncated)
    }
}

fn mask(r: &mut Reader<'_>) -> Result<u32, Truncated> {
    u32::try_from(r.varint()?).map_err(|_| Truncated)
}

/// What a result's highlights need, read without decoding the whole record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub expansion: &'a str,
}

/// Reads a record's kind, name, summary and expansion, skipping everything else.
pub fn decode_headline(bytes: &[u8]) -> Result<Headline<'_>, Truncated> {
    let mut r = Reader::new(bytes);
    let kind = Kind::from_code(r.u8()?).ok_or(Truncated)?;
    r.bytes(5)?;
    for _ in 0..6 {
        r.varint()?;
    }
    let id = r.str()?;
    let name = r.str()?;
    let _alternate_name = r.str()?;
    let summary = r.str()?;
    // term, then expansion: the 6th string.
    r.str()?;
    let expansion = r.str()?;
    Ok(Headline {
        kind,
        id,
        name,
        summary,
        expansion,
    })
}

/// Decodes a record written by [`encode_record`]; the fields it does not store come back empty.
pub fn decode_record(bytes: &[u8]) -> Result<Record, Truncated> {
    read_record(&mut Reader::new(bytes))
}

/// Decodes a doc store entry written by [`encode_doc`]: the record and its wording.
pub fn decode_doc(bytes: &[u8]) -> Result<(Record, Wording), Truncated> {
    let mut r = Reader::new(bytes);
    let record = read_record(&mut r)?;
    let wording = read_wording(&mut r, &record)?;
    if r.is_empty() {
        Ok((record, wording))
    } else {
        Err(Truncated)
    }
}

fn read_record(r: &mut Reader<'_>) -> Result<Record, Truncated> {
    let kind = Kind::from_code(r.u8()?).ok_or(Truncated)?;
    let status = Status::from_code(r.u8()?).ok_or(Truncated)?;
    let cost = code(r.u8()?, Cost::from_code)?;
    let provision_type = code(r.u8()?, ProvisionType::from_code)?;
    let minimum_age = code(r.u8()?, Some)?;
    let maximum_age = code(r.u8()?, Some)?;
    let needs = Need::from_mask(mask(r)?);
    let districts = Area::from_mask(mask(r)?);
    let access = Access::from_mask(mask(r)?);
    let waiting_for = WaitingFor::from_mask(mask(r)?);
    let stages = Stage::from_mask(mask(r)?);
    let places = match r.varint()? {
        0 => None,
        p => Some(u32::try_from(p - 1).map_err(|_| Truncated)?),
    };
    let mut s = || r.str().map(str::to_string);
    let (id, name, alternate_name, summary) = (s()?, s()?, s()?, s()?);
    let (term, expansion) = (s()?, s()?);
    let (starts, ends, replaced_by, last_checked) = (s()?, s()?, s()?, s()?);
    let also = get_strs(r)?;
    Ok(Record {
        id,
        kind,
        name,
        alternate_name,
        summary,
        needs,
        minimum_age,
        maximum_age,
        districts,
        cost,
        access,
        status,
        provision_type,
        places,
        stages,
        starts,
        ends,
        replaced_by,
        waiting_for,
        term,
        expansion,
        also,
        last_checked,
        // In the second file: the card's details (see `decode_details`) and easy read. Not
        // stored at all: description, keywords, source, the date of the source text, evidence
        // and editors' notes.
        ..Record::default()
    })
}

/// Reads what [`encode_details`] wrote into `rec`; `bytes` must hold exactly that. On an error
/// `rec` may be partly filled.
pub fn decode_details(bytes: &[u8], rec: &mut Record) -> Result<(), Truncated> {
    let mut r = Reader::new(bytes);
    for field in [
        &mut rec.organization,
        &mut rec.address,
        &mut rec.eligibility,
        &mut rec.waiting,
        &mut rec.plain_meaning,
        &mut rec.how_to_get,
    ] {
        *field = r.str()?.to_string();
    }
    rec.see_also = get_strs(&mut r)?;
    let n = r.varint()?;
    rec.contacts.clear();
    for _ in 0..n {
        let b = r.u8()?;
        let kind = ContactKind::from_code(b & 0x7f).ok_or(Truncated)?;
        rec.contacts.push(Contact {
            kind,
            general: b & 0x80 != 0,
            value: r.str()?.to_string(),
            label: r.str()?.to_string(),
        });
    }
    if r.is_empty() {
        Ok(())
    } else {
        Err(Truncated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            out.clear();
            put_varint(&mut out, v);
            assert_eq!(Reader::new(&out).varint(), Ok(v));
        }
        assert_eq!(Reader::new(&[0x80]).varint(), Err(Truncated));
    }

    #[cfg(feature = "writer")]
    #[test]
    fn wording_round_trips_and_damage_is_an_error() {
        let rec = Record {
            id: "x".into(),
            kind: Kind::Service,
            name: "Name".into(),
            status: Status::Planned,
            starts: "2027-09".into(),
            needs: vec![Need::Asd],
            districts: vec![Area(2)],
            how_to_get: "Ask your school about an EHCP.".into(),
            easy_read: vec!["One.".into()],
            last_checked: "2026-12".into(),
            ..Record::default()
        };
        let w = crate::view::wording(&rec, &crate::council::Council::default());
        assert_eq!(w.badge.as_deref(), Some("Planned: expected September 2027"));
        assert_eq!(w.last_checked, "December 2026");
        assert!(w
            .facts
            .iter()
            .any(|f| f.marked && f.label == "How to get it"));
        let mut out = Vec::new();
        encode_wording(&w, &rec, &mut out);
        assert_eq!(read_wording(&mut Reader::new(&out), &rec), Ok(w.clone()));
        // The record's own words are not written twice.
        assert!(!out.windows(10).any(|x| x == b"Ask your s"), "{out:?}");
        assert!(!out.windows(4).any(|x| x == b"One."));
        for cut in 0..out.len() {
            assert!(read_wording(&mut Reader::new(&out[..cut]), &rec).is_err());
        }
        // A label or icon code outside the tables is damage, not a panic.
        let mut bad = Vec::new();
        encode_wording(
            &crate::view::Wording {
                facts: vec![FactText {
                    label: "Ages",
                    text: "0 to 25".into(),
                    marked: false,
                }],
                ..Default::default()
            },
            &rec,
            &mut bad,
        );
        let at = bad.iter().position(|&b| b == 3).expect("the Ages code");
        bad[at] = 0x3f;
        assert!(read_wording(&mut Reader::new(&bad), &rec).is_err());
        bad[at] = 0x83;
        bad[at + 1] = 6;
        assert!(
            read_wording(&mut Reader::new(&bad), &rec).is_err(),
            "no such field"
        );
        // The doc store keeps a record with the wording of what it stores of it.
        let mut doc = Vec::new();
        encode_doc(&rec, &crate::council::Council::default(), &mut doc);
        let (back, stored) = decode_doc(&doc).expect("decodes");
        assert_eq!(back, decode_record(&doc).expect("the record alone"));
        assert_eq!(
            stored,
            crate::view::wording(&back, &crate::council::Council::default())
        );
        assert_ne!(stored, w, "the index alone does not know how to get it");
        doc.push(0);
        assert!(decode_doc(&doc).is_err());
    }

    #[cfg(feature = "writer")]
    #[test]
    fn columns_round_trip_and_damage_is_an_error() {
        let council = crate::council::Council::default();
        let recs = [
            Record {
                id: "a".into(),
                kind: Kind::Service,
                name: "First".into(),
                status: Status::Planned,
                starts: "2027-09".into(),
                how_to_get: "Ask your school.".into(),
                easy_read: vec!["One.".into()],
                last_checked: "2026-12".into(),
                ..Record::default()
            },
            Record {
                id: "b".into(),
                kind: Kind::Glossary,
                name: "EHCP".into(),
                term: "EHCP".into(),
                expansion: "Education, health and care plan".into(),
                also: vec!["EHC plan".into()],
                minimum_age: Some(4),
                ..Record::default()
            },
        ];
        let mut bytes = Vec::new();
        let mut rows = Vec::new();
        for r in &recs {
            let start = bytes.len();
            encode_doc(r, &council, &mut bytes);
            rows.push(start..bytes.len());
        }
        let cols = doc_columns(&bytes, &rows).expect("the rows split");
        assert_eq!(cols.len(), bytes.len());
        // Column by column: both ids come before either name.
        let at = |w: &[u8]| cols.windows(w.len()).position(|x| x == w);
        assert!(at(b"\x01a\x01b") < at(b"First"));
        let (back, offsets) = doc_rows(&cols, 2).expect("the columns join");
        assert_eq!(back, bytes);
        assert_eq!(offsets, [0, rows[1].start as u32]);
        for cut in 0..cols.len() {
            assert!(doc_rows(&cols[..cut], 2).is_err(), "cut at {cut}");
        }
        let mut longer = cols.clone();
        longer.push(0);
        assert!(doc_rows(&longer, 2).is_err());
        assert!(doc_rows(&cols, 3).is_err());
    }

    #[test]
    fn records_round_trip() {
        let rec = Record {
            id: "x".into(),
            kind: Kind::Provision,
            name: "Name".into(),
            needs: vec![Need::Asd, Need::Semh],
            districts: vec![Area(5)],
            minimum_age: Some(2),
            places: Some(16),
            easy_read: vec!["One.".into(), "Two.".into()],
            provision_type: Some(ProvisionType::Nursery),
            expansion: "Expansion".into(),
            description: "Searched, never shown.".into(),
            keywords: vec!["searched".into()],
            source: "editors".into(),
            stages: vec![crate::model::Stage::PreSchool],
            starts: "2025-02".into(),
            how_to_get: "Ask your nursery.".into(),
            last_checked: "2026-12".into(),
            last_reviewed: "2025".into(),
            contacts: vec![Contact {
                kind: ContactKind::Email,
                value: "a@b.org".into(),
                label: "General contact".into(),
                general: true,
            }],
            evidence: vec![crate::model::Evidence {
                file: "doc.txt".into(),
                quote: "Quoted words".into(),
            }],
            editor_note: "Editors only".into(),
            ..Record::default()
        };
        let mut out = Vec::new();
        encode_record(&rec, &mut out);
        let mut details = Vec::new();
        encode_details(&rec, &mut details);
        // The fields no view shows come back empty; the card's details come from their own
        // bytes.
        let shown = Record {
            description: String::new(),
            easy_read: Vec::new(),
            keywords: Vec::new(),
            source: String::new(),
            last_reviewed: String::new(),
            evidence: Vec::new(),
            editor_note: String::new(),
            ..rec.clone()
        };
        let mut back = decode_record(&out).expect("decodes");
        assert!(back.contacts.is_empty() && back.how_to_get.is_empty());
        assert_eq!(decode_details(&details, &mut back), Ok(()));
        assert_eq!(back, shown);
        for cut in 0..details.len() {
            assert!(decode_details(&details[..cut], &mut back.clone()).is_err());
        }
        let mut longer = details.clone();
        longer.push(0);
        assert!(decode_details(&longer, &mut back).is_err());
        assert!(!out.windows(8).any(|w| w == b"Searched"));
        assert!(!out.windows(6).any(|w| w == b"Quoted" || w == b"Editor"));
        let h = decode_headline(&out).expect("headline");
        assert_eq!(
            (h.kind, h.name, h.summary, h.expansion),
            (rec.kind, "Name", "", "Expansion")
        );
        for cut in 0..out.len() {
            assert!(decode_record(&out[..cut]).is_err());
        }
    }
}
