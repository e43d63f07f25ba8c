//! The second file: every record's easy-read sentences and the details of its card, in a file
//! of their own beside the index (`local-offer.easy`).
//!
//! A first search needs the script, the wasm and the index, and a result list needs only a
//! record's title, summary and facts. The easy-read sentences are needed once a family turns
//! easy read on, and the rest of a card (how to get it, contacts, who can use it, waiting times,
//! who runs it, the address, a glossary word's plain meaning: see
//! [`super::codec::encode_details`]) a moment after the results are there. Together they were
//! two fifths of the gzipped index. The widget therefore fetches this file once it is ready (or
//! at once, when easy read is already on) and fills the cards in when it arrives, so the first
//! results come that much sooner on a slow connection.
//!
//! ```text
//! offset  size  field
//! 0       8     magic  b"\x8fLOEASY\n"
//! 8       4     format version, u32 LE (the index's)
//! 12      4     number of records, u32 LE
//! 16      4     total file length, u32 LE
//! 20      4     the checksum of the index this file belongs to (its header's CRC-32)
//! 24      4     CRC-32 of every byte after this header
//! 28      4×n   offsets of each record's part, u32 LE, from the end of the table
//! …             the pictures (see below)
//! …             per record, in the index's doc order: varint count, then each sentence as a
//!               varint length and UTF-8; then the card's details as a varint length and the
//!               bytes `encode_details` wrote; then the whole card's wording
//!               (`encode_wording`: badge, facts, last checked, easy-read parts); then a byte
//!               per easy-read part: its picture's number in the pictures plus one (0: none)
//! ```
//!
//! The pictures are the pictograms the parts show (see [`crate::easyread`]), each once, only
//! those some part uses: a varint count, then per picture its texts ([`Picture`]: the topic,
//! then a width and path data per path) as a varint count and each a varint length and UTF-8.
//! Reading a part's picture checks every byte of it ([`Picture::new`]: letters, digits,
//! spaces, `.` and `-` only), and opening the file reads every record, so a damaged picture is
//! refused when the file is opened, and the widget only ever sets `d` and `stroke-width` to
//! numbers and path commands from them.
//!
//! The wording is worked out by the builder ([`crate::view::wording`]) from the whole record, so
//! once this file is attached the widget shows every card from it; the index's own wording
//! (of what the index keeps) serves until then, and when this file cannot be had.
//!
//! The index's checksum ties the two files together: a file from another build (whose doc
//! numbers could mean other records) is refused, not shown against the wrong results.

use super::codec::{crc32, decode_details, get_strs, read_wording, Reader, Truncated};
use super::FORMAT_VERSION;
use crate::easyread::Picture;
use crate::model::Record;
use crate::view::Wording;
use std::fmt;

/// The easy-read file's name for an index file's: `local-offer.idx` → `local-offer.easy`. The
/// widget finds it by the same rule.
pub fn file_name(index_name: &str) -> String {
    format!(
        "{}.easy",
        index_name.strip_suffix(".idx").unwrap_or(index_name)
    )
}

/// The file's first eight bytes.
pub const MAGIC: [u8; 8] = *b"\x8fLOEASY\n";
/// Header size in bytes.
pub const HEADER_LEN: usize = 28;

/// Why an easy-read file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EasyReadError {
    /// The magic bytes are wrong, or the file is shorter than its header.
    NotEasyRead,
    /// Written by a different version of the format.
    UnsupportedVersion { found: u32 },
    /// Shorter or longer than its header says.
    WrongLength { expected: u32, found: usize },
    /// The bytes changed after the file was written.
    ChecksumMismatch,
    /// Written for another build of the index.
    OtherIndex,
    /// The offsets, sentences or pictures do not decode.
    Corrupt { detail: String },
}

impl EasyReadError {
    /// The same in words for a family: the search itself still works.
    pub fn for_family(&self) -> &'static str {
        "Easy read could not be loaded. The search still works. Reloading the page may help."
    }
}

impl fmt::Display for EasyReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EasyReadError::NotEasyRead => f.write_str(
                "this is not a Local Offer easy-read file (its first bytes are wrong); rebuild it with `index-builder build`",
            ),
            EasyReadError::UnsupportedVersion { found } => write!(
                f,
                "the easy-read file has format version {found}, but this search reads version {FORMAT_VERSION}; rebuild it with the matching index-builder"
            ),
            EasyReadError::WrongLength { expected, found } => write!(
                f,
                "the easy-read file is damaged or was cut short: its header says {expected} bytes, but it has {found}"
            ),
            EasyReadError::ChecksumMismatch => {
                f.write_str("the easy-read file is damaged: its checksum does not match")
            }
            EasyReadError::OtherIndex => f.write_str(
                "the easy-read file was built with another index; serve the two files from the same build",
            ),
            EasyReadError::Corrupt { detail } => {
                write!(f, "the easy-read file is damaged: {detail}")
            }
        }
    }
}

impl std::error::Error for EasyReadError {}

/// An opened, checked easy-read file.
#[derive(Debug, Clone)]
pub struct EasyText {
    data: Vec<u8>,
    offsets: Vec<u32>,
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

impl EasyText {
    /// Checks `bytes` against the index whose header checksum is `index_crc` and which holds
    /// `records` records, and decodes every record once, so later reads cannot fail.
    pub fn open(bytes: Vec<u8>, index_crc: u32, records: usize) -> Result<Self, EasyReadError> {
        if bytes.len() < HEADER_LEN || bytes[..8] != MAGIC {
            return Err(EasyReadError::NotEasyRead);
        }
        let version = u32_at(&bytes, 8);
        if version != FORMAT_VERSION {
            return Err(EasyReadError::UnsupportedVersion { found: version });
        }
        let expected = u32_at(&bytes, 16);
        if expected as usize != bytes.len() {
            return Err(EasyReadError::WrongLength {
                expected,
                found: bytes.len(),
            });
        }
        if u32_at(&bytes, 24) != crc32(&bytes[HEADER_LEN..]) {
            return Err(EasyReadError::ChecksumMismatch);
        }
        if u32_at(&bytes, 20) != index_crc || u32_at(&bytes, 12) as usize != records {
            return Err(EasyReadError::OtherIndex);
        }
        let table_end = records
            .checked_mul(4)
            .and_then(|t| t.checked_add(HEADER_LEN))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| corrupt("its offset table is cut short"))?;
        let offsets: Vec<u32> = (HEADER_LEN..table_end)
            .step_by(4)
            .map(|i| u32_at(&bytes, i))
            .collect();
        let text = EasyText {
            data: bytes,
            offsets,
        };
        let mut scratch = Record::default();
        for doc in 0..records {
            text.read(doc, &mut scratch)
                .map_err(|_| corrupt(format!("record {doc} does not decode")))?;
        }
        Ok(text)
    }

    /// Reads record `doc`'s easy-read sentences and card details into `r`, and its wording.
    fn read(&self, doc: usize, r: &mut Record) -> Result<Wording, Truncated> {
        let base = HEADER_LEN + 4 * self.offsets.len();
        let offset = *self.offsets.get(doc).ok_or(Truncated)? as usize;
        let start = base.checked_add(offset).ok_or(Truncated)?;
        let mut at = Reader::at(&self.data, start);
        let n = at.varint()?;
        r.easy_read.clear();
        for _ in 0..n {
            r.easy_read.push(at.str()?.to_string());
        }
        let len = usize::try_from(at.varint()?).map_err(|_| Truncated)?;
        decode_details(at.bytes(len)?, r)?;
        let mut wording = read_wording(&mut at, r)?;
        for part in &mut wording.easy.parts {
            let n = at.u8()?;
            if n > 0 {
                // The pictures come first: skip to the n-th.
                let mut p = Reader::at(&self.data, base);
                if u64::from(n) > p.varint()? {
                    return Err(Truncated);
                }
                for _ in 1..n {
                    get_strs(&mut p)?;
                }
                part.picture = Some(Picture::new(get_strs(&mut p)?).ok_or(Truncated)?);
            }
        }
        Ok(wording)
    }

    /// The topics of the pictures the file holds, in their order.
    #[cfg(all(test, feature = "writer"))]
    fn topics(&self) -> Vec<String> {
        let mut at = Reader::at(&self.data, HEADER_LEN + 4 * self.offsets.len());
        (0..at.varint().unwrap_or(0))
            .filter_map(|_| get_strs(&mut at).ok()?.into_iter().next())
            .collect()
    }

    /// The easy-read sentences of record `doc` (empty for a doc the file does not have).
    pub fn sentences(&self, doc: u32) -> Vec<String> {
        let mut r = Record::default();
        match self.read(doc as usize, &mut r) {
            Ok(_) => r.easy_read,
            Err(_) => Vec::new(),
        }
    }

    /// Fills in record `doc`'s easy-read sentences and card details (checked when the file was
    /// opened, so this cannot fail for a doc the file has; one it does not have is left alone),
    /// and gives the whole card's wording (`None` for a doc the file does not have).
    pub fn fill(&self, doc: u32, r: &mut Record) -> Option<Wording> {
        if (doc as usize) < self.offsets.len() {
            self.read(doc as usize, r).ok()
        } else {
            None
        }
    }
}

fn corrupt(detail: impl Into<String>) -> EasyReadError {
    EasyReadError::Corrupt {
        detail: detail.into(),
    }
}

/// Writes the second file for `records` (in the index's doc order) and the index whose header
/// checksum is `index_crc`, with the pictures of `pictograms` that the records' parts show (a
/// part whose topic has none shows none), worded for `council`.
#[cfg(feature = "writer")]
pub fn encode(
    records: &[&Record],
    index_crc: u32,
    pictograms: &crate::easyread::Pictograms,
    council: &crate::council::Council,
) -> Vec<u8> {
    use super::codec::{encode_details, encode_wording, put_str, put_varint};
    let wordings: Vec<_> = records
        .iter()
        .map(|r| crate::view::wording(r, council))
        .collect();
    // Each part's picture, by topic; the pictures written are those some part shows, in the
    // order of the topics.
    let topics: Vec<Vec<_>> = records
        .iter()
        .zip(&wordings)
        .map(|(r, w)| {
            w.easy
                .parts
                .iter()
                .map(|p| crate::easyread::topic(r, p))
                .collect()
        })
        .collect();
    let used: Vec<(crate::easyread::Topic, &Picture)> = pictograms
        .iter()
        .filter(|(t, _)| topics.iter().flatten().any(|u| u == *t))
        .map(|(t, p)| (*t, p))
        .take(255)
        .collect();
    let mut data = Vec::new();
    put_varint(&mut data, used.len() as u64);
    for (_, p) in &used {
        super::codec::put_strs(&mut data, p.texts());
    }
    let mut offsets = Vec::with_capacity(records.len());
    let mut details = Vec::new();
    for ((r, wording), topics) in records.iter().zip(&wordings).zip(&topics) {
        offsets.push(data.len() as u32);
        put_varint(&mut data, r.easy_read.len() as u64);
        for s in &r.easy_read {
            put_str(&mut data, s);
        }
        details.clear();
        encode_details(r, &mut details);
        put_varint(&mut data, details.len() as u64);
        data.extend_from_slice(&details);
        encode_wording(wording, r, &mut data);
        for t in topics {
            data.push(
                used.iter()
                    .position(|(u, _)| u == t)
                    .map_or(0, |i| i as u8 + 1),
            );
        }
    }
    let total = HEADER_LEN + 4 * offsets.len() + data.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(records.len() as u32).to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&index_crc.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    for o in offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(&data);
    let crc = crc32(&out[HEADER_LEN..]);
    out[24..28].copy_from_slice(&crc.to_le_bytes());
    out
}

#[cfg(all(test, feature = "writer"))]
mod tests {
    use super::*;

    use crate::easyread::{Icon, Pictograms, Topic};

    /// A picture for the "What it is" part of a default record, one for "How to get it" by
    /// phone, and one no part shows.
    fn pictograms() -> Pictograms {
        let picture = |topic: Topic, paths: &[(&str, &str)]| {
            let paths: Vec<(String, String)> = paths
                .iter()
                .map(|(w, d)| (w.to_string(), d.to_string()))
                .collect();
            Picture::from_paths(topic, &paths).expect("a picture")
        };
        Pictograms::from([
            (
                Topic::Info,
                picture(
                    Topic::Info,
                    &[("", "M8 36A28 28 0 1 0 64 36"), ("2.5", "M36 30V50")],
                ),
            ),
            (Topic::Phone, picture(Topic::Phone, &[("2.5", "M1 1L9 9")])),
            (Topic::Money, picture(Topic::Money, &[("", "M1 1H9")])),
        ])
    }

    fn records() -> [Record; 2] {
        let a = Record {
            easy_read: vec!["One.".to_string(), "Two.".to_string()],
            how_to_get: "Ask your school.".into(),
            see_also: vec!["sendiass".into()],
            access: vec![crate::model::Access::Phone],
            ..Record::default()
        };
        [a, Record::default()]
    }

    fn sample() -> Vec<u8> {
        let [a, b] = records();
        encode(
            &[&a, &b],
            0xdead_beef,
            &pictograms(),
            &crate::council::Council::default(),
        )
    }

    #[test]
    fn sentences_and_details_round_trip() {
        let t = EasyText::open(sample(), 0xdead_beef, 2).expect("opens");
        assert_eq!(t.sentences(0), ["One.", "Two."]);
        assert!(t.sentences(1).is_empty());
        assert!(t.sentences(7).is_empty());
        let mut r = Record {
            id: "kept".into(),
            ..Record::default()
        };
        let w = t.fill(0, &mut r).expect("the card's wording");
        assert_eq!(w.facts[0].text, "Ask your school.");
        assert_eq!(w.easy.parts[0].sentences, ["One.", "Two."]);
        assert_eq!(t.fill(7, &mut Record::default()), None);
        assert_eq!(r.id, "kept");
        assert_eq!(r.easy_read, ["One.", "Two."]);
        assert_eq!(r.how_to_get, "Ask your school.");
        assert_eq!(r.see_also, ["sendiass"]);
        assert_eq!(file_name("local-offer.idx"), "local-offer.easy");
        assert_eq!(file_name("index"), "index.easy");
    }

    #[test]
    fn parts_carry_their_pictures_and_only_used_pictures_are_written() {
        let t = EasyText::open(sample(), 0xdead_beef, 2).expect("opens");
        assert_eq!(t.topics(), ["info", "phone"], "money: no part shows it");
        let w = t.fill(0, &mut Record::default()).expect("the wording");
        let shown: Vec<(Icon, Option<&str>)> = w
            .easy
            .parts
            .iter()
            .map(|p| (p.icon, p.picture.as_ref().map(|p| p.topic())))
            .collect();
        assert_eq!(
            shown,
            [(Icon::What, Some("info")), (Icon::How, Some("phone"))]
        );
        assert_eq!(
            w.easy.parts[0].picture,
            pictograms().get(&Topic::Info).cloned()
        );
        // Without a picture for a topic, its parts show none; the words are the same.
        let [a, b] = records();
        let bare = EasyText::open(
            encode(
                &[&a, &b],
                0xdead_beef,
                &Pictograms::new(),
                &crate::council::Council::default(),
            ),
            0xdead_beef,
            2,
        )
        .expect("opens");
        assert!(bare.topics().is_empty());
        let plain = bare.fill(0, &mut Record::default()).expect("the wording");
        assert!(plain.easy.parts.iter().all(|p| p.picture.is_none()));
        let words = |w: &Wording| -> Vec<Vec<String>> {
            w.easy.parts.iter().map(|p| p.sentences.clone()).collect()
        };
        assert_eq!(words(&plain), words(&w));
    }

    /// The file with its pictures rewritten by `change` (and its checksum repaired), so that
    /// the reader itself meets what `change` did.
    fn with_pictures(change: impl Fn(&mut Vec<u8>)) -> Result<EasyText, EasyReadError> {
        let good = sample();
        let start = HEADER_LEN + 4 * 2;
        let first_record = start + u32_at(&good, HEADER_LEN) as usize;
        let mut pictures = good[start..first_record].to_vec();
        change(&mut pictures);
        let delta = pictures.len() as i64 - (first_record - start) as i64;
        let mut b = good[..start].to_vec();
        for doc in 0..2 {
            let o = u32_at(&good, HEADER_LEN + 4 * doc) as i64 + delta;
            b[HEADER_LEN + 4 * doc..HEADER_LEN + 4 * doc + 4]
                .copy_from_slice(&(o as u32).to_le_bytes());
        }
        b.extend_from_slice(&pictures);
        b.extend_from_slice(&good[first_record..]);
        let len = b.len() as u32;
        b[16..20].copy_from_slice(&len.to_le_bytes());
        let crc = crc32(&b[HEADER_LEN..]);
        b[24..28].copy_from_slice(&crc.to_le_bytes());
        EasyText::open(b, 0xdead_beef, 2)
    }

    #[test]
    fn a_picture_can_only_hold_numbers_and_path_commands() {
        assert!(with_pictures(|_| {}).is_ok(), "unchanged, it opens");
        let replace = |from: &'static [u8], to: &'static [u8]| {
            move |p: &mut Vec<u8>| {
                let at = p
                    .windows(from.len())
                    .position(|w| w == from)
                    .expect("the bytes to change");
                p.splice(at..at + from.len(), to.iter().copied());
            }
        };
        fn damage(change: impl Fn(&mut Vec<u8>)) -> String {
            match with_pictures(change) {
                Err(EasyReadError::Corrupt { detail }) => detail,
                other => panic!("{other:?}"),
            }
        }
        // Every kind of damage shows as the record whose part shows the picture.
        const PICTURES: &str = "record 0 does not decode";
        // Path data becomes markup, or a URL, the same length.
        assert_eq!(damage(replace(b"M36 30V50", b"\"><svg/\"")), PICTURES);
        assert_eq!(damage(replace(b"M36 30V50", b"url(#a)xx")), PICTURES);
        // A width becomes something else.
        assert_eq!(damage(replace(b"\x032.5", b"\x03a:b")), PICTURES);
        // The topic becomes markup.
        assert_eq!(damage(replace(b"info", b"<a>x")), PICTURES);
        // A picture's count or length runs past the pictures.
        assert_eq!(damage(|p: &mut Vec<u8>| p[0] = 0), PICTURES, "no pictures");
        assert_eq!(damage(|p: &mut Vec<u8>| p[1] = 0x7f), PICTURES);
        assert_eq!(damage(|p: &mut Vec<u8>| p.truncate(5)), PICTURES);
        // A part naming a picture the file does not have.
        let good = sample();
        let mut b = good.clone();
        let last = b.len() - 1; // the second record's last part's picture byte
        b[last] = 9;
        let crc = crc32(&b[HEADER_LEN..]);
        b[24..28].copy_from_slice(&crc.to_le_bytes());
        assert_eq!(
            EasyText::open(b, 0xdead_beef, 2).unwrap_err(),
            corrupt("record 1 does not decode")
        );
        assert_eq!(
            corrupt(PICTURES).to_string(),
            "the easy-read file is damaged: record 0 does not decode"
        );
    }

    #[test]
    fn a_file_for_another_index_is_refused() {
        assert_eq!(
            EasyText::open(sample(), 1, 2).unwrap_err(),
            EasyReadError::OtherIndex
        );
        assert_eq!(
            EasyText::open(sample(), 0xdead_beef, 3).unwrap_err(),
            EasyReadError::OtherIndex
        );
    }

    #[test]
    fn damage_is_an_error_never_a_panic() {
        let good = sample();
        for cut in 0..good.len() {
            assert!(EasyText::open(good[..cut].to_vec(), 0xdead_beef, 2).is_err());
        }
        for i in 0..good.len() {
            for x in [1u8, 0x80, 0xff] {
                let mut b = good.clone();
                b[i] ^= x;
                assert!(
                    EasyText::open(b.clone(), 0xdead_beef, 2).is_err(),
                    "byte {i}"
                );
                // With the checksum repaired, the parser itself meets the damage.
                if b.len() >= HEADER_LEN {
                    let crc = crc32(&b[HEADER_LEN..]);
                    b[24..28].copy_from_slice(&crc.to_le_bytes());
                    let _ = EasyText::open(b, 0xdead_beef, 2);
                }
            }
        }
        assert_eq!(
            EasyText::open(b"hello".to_vec(), 0, 0).unwrap_err(),
            EasyReadError::NotEasyRead
        );
    }
}
