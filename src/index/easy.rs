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
//! …             per record, in the index's doc order: varint count, then each sentence as a
//!               varint length and UTF-8; then the card's details as a varint length and the
//!               bytes `encode_details` wrote; then the whole card's wording
//!               (`encode_wording`: badge, facts, last checked, easy-read parts)
//! ```
//!
//! The wording is worked out by the builder ([`crate::view::wording`]) from the whole record, so
//! once this file is attached the widget shows every card from it; the index's own wording
//! (of what the index keeps) serves until then, and when this file cannot be had.
//!
//! The index's checksum ties the two files together: a file from another build (whose doc
//! numbers could mean other records) is refused, not shown against the wrong results.

use super::codec::{crc32, decode_details, read_wording, Reader, Truncated};
use super::FORMAT_VERSION;
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
    WrongLength { expected: u64, found: usize },
    /// The bytes changed after the file was written.
    ChecksumMismatch,
    /// Written for another build of the index.
    OtherIndex,
    /// The offsets or sentences do not decode.
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
        let expected = u64::from(u32_at(&bytes, 16));
        if expected != bytes.len() as u64 {
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
        read_wording(&mut at, r)
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
/// checksum is `index_crc`.
#[cfg(feature = "writer")]
pub fn encode(records: &[&Record], index_crc: u32) -> Vec<u8> {
    use super::codec::{encode_details, encode_wording, put_str, put_varint};
    let mut data = Vec::new();
    let mut offsets = Vec::with_capacity(records.len());
    let mut details = Vec::new();
    for r in records {
        offsets.push(data.len() as u32);
        put_varint(&mut data, r.easy_read.len() as u64);
        for s in &r.easy_read {
            put_str(&mut data, s);
        }
        details.clear();
        encode_details(r, &mut details);
        put_varint(&mut data, details.len() as u64);
        data.extend_from_slice(&details);
        encode_wording(&crate::view::wording(r), r, &mut data);
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

    fn sample() -> Vec<u8> {
        let a = Record {
            easy_read: vec!["One.".to_string(), "Two.".to_string()],
            how_to_get: "Ask your school.".into(),
            see_also: vec!["sendiass".into()],
            ..Record::default()
        };
        encode(&[&a, &Record::default()], 0xdead_beef)
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
