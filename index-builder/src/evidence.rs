//! Evidence a machine can check: every record carries quotes copied word for word from the
//! source documents in the data folder's `sources/`, and `check` proves each quote is there.
//!
//! It exists because a family acts on what a card says: a phone number, an age range or "open"
//! that no document supports sends them the wrong way. A quote is matched ignoring differences
//! of whitespace (line breaks, double spaces) but not of case or punctuation, so it stays the
//! documents' own words. The same module writes the quotes to a file beside the index
//! (`local-offer.evidence`) for `index-builder show`: the widget never fetches it, so the
//! evidence does not grow what a family downloads.

use crate::load::Loaded;
use crate::problem::Problems;
use local_offer_search::model::{ContactKind, Evidence, Kind, Record};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// The folder of source documents inside the data folder.
pub const SOURCES: &str = "sources";

/// Text with every run of whitespace made one space, and trimmed.
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The source documents, read once each and kept squashed.
pub struct Sources {
    dir: PathBuf,
    texts: HashMap<String, Result<String, String>>,
}

impl Sources {
    pub fn new(data: &Path) -> Self {
        Sources {
            dir: data.join(SOURCES),
            texts: HashMap::new(),
        }
    }

    /// The squashed text of `file`, or why it cannot be read.
    pub fn text(&mut self, file: &str) -> Result<&str, String> {
        if !self.texts.contains_key(file) {
            let read = if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') {
                Err(format!(
                    "\"{file}\" must be the name of a file in {}",
                    self.dir.display()
                ))
            } else {
                std::fs::read_to_string(self.dir.join(file))
                    .map(|t| squash(&t))
                    .map_err(|e| format!("cannot read {}: {e}", self.dir.join(file).display()))
            };
            self.texts.insert(file.to_string(), read);
        }
        match self.texts.get(file) {
            Some(Ok(t)) => Ok(t),
            Some(Err(e)) => Err(e.clone()),
            None => Err(format!("cannot read {file}")),
        }
    }
}

/// Where a quote stops matching: the longest run of its first words found in `text`.
fn matched_prefix<'q>(text: &str, quote: &'q str) -> &'q str {
    let ends: Vec<usize> = quote
        .match_indices(' ')
        .map(|(i, _)| i)
        .chain(std::iter::once(quote.len()))
        .collect();
    let (mut lo, mut hi) = (0usize, ends.len());
    // Binary search on the number of words: a prefix that occurs has every shorter prefix too.
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text.contains(&quote[..ends[mid - 1]]) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        ""
    } else {
        &quote[..ends[lo - 1]]
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}…")
    }
}

/// Is this record one an editor wrote here (rather than an Open Referral UK import, which
/// brings no quotes)?
pub fn is_written_here(l: &Loaded) -> bool {
    l.file.extension().is_some_and(|e| e == "toml")
}

/// Does the data folder publish its source documents? Then every record written there must
/// carry evidence, and every quote is checked.
pub fn published(data: &Path) -> bool {
    data.join(SOURCES).is_dir()
}

/// Checks every record's evidence against the source documents under `data`. A folder without
/// `sources/` (a test folder, or an Open Referral UK export with our glossary beside it) gets one
/// warning and no quote checks.
pub fn check(loaded: &[Loaded], data: &Path, problems: &mut Problems) {
    let published = published(data);
    let mut sources = Sources::new(data);
    let quotes_anywhere = loaded
        .iter()
        .any(|l| l.record.evidence.iter().any(|e| !e.is_general()));
    if !published && quotes_anywhere {
        problems.warning(
            data,
            0,
            "evidence",
            format!("no {SOURCES}/ folder here, so quotes are not checked"),
        );
    }
    for l in loaded {
        let r = &l.record;
        if r.evidence.is_empty() {
            let message =
                format!("no evidence: add a quote from {SOURCES}/ for every fact on the card");
            if published && is_written_here(l) {
                problems.error(&l.file, l.line_of("evidence"), "evidence", message);
            } else if is_written_here(l) {
                problems.warning(&l.file, l.line_of("evidence"), "evidence", message);
            }
            continue;
        }
        if !published {
            continue;
        }
        check_backed(l, problems);
        for (i, e) in r.evidence.iter().enumerate() {
            let line = l
                .evidence_lines
                .get(i)
                .copied()
                .unwrap_or_else(|| l.line_of("evidence"));
            let n = i + 1;
            if e.is_general() {
                if r.kind != Kind::Glossary {
                    problems.error(
                        &l.file,
                        line,
                        "evidence",
                        format!("item {n}: general knowledge backs only a glossary expansion; quote the documents"),
                    );
                }
                continue;
            }
            let text = match sources.text(&e.file) {
                Ok(t) => t,
                Err(why) => {
                    problems.error(&l.file, line, "evidence", format!("item {n}: {why}"));
                    continue;
                }
            };
            let quote = squash(&e.quote);
            if text.contains(&quote) {
                continue;
            }
            let prefix = matched_prefix(text, &quote);
            let hint = if prefix.is_empty() {
                "not even its first word matches".to_string()
            } else {
                format!(
                    "it matches as far as \"{}\"",
                    short(&prefix[prefix.len().saturating_sub(40)..], 48)
                )
            };
            problems.error(
                &l.file,
                line,
                "evidence",
                format!(
                    "item {n}: quote \"{}\" is not in {} word for word ({hint})",
                    short(&quote, 60),
                    e.file
                ),
            );
        }
    }
}

/// The numbers in a text, as runs of digits ("0-25" has 0 and 25).
fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The facts a machine can hold to the quotes: every age, number of places, year of a start
/// or end, stage, and contact on the card must appear in one of the record's quotes. (A quote
/// that is not in its document is reported separately.)
fn check_backed(l: &Loaded, problems: &mut Problems) {
    let r = &l.record;
    let quotes: Vec<String> = r
        .evidence
        .iter()
        .filter(|e| !e.is_general())
        .map(|e| squash(&e.quote))
        .collect();
    let in_a_quote = |n: &str| quotes.iter().any(|q| numbers(q).contains(&n));
    let mut unbacked = |field: &str, what: String| {
        problems.error(
            &l.file,
            l.line_of(field),
            field,
            format!("{what} is in no quote of this record; quote the documents where they say it, or leave it out"),
        );
    };
    for (field, age) in [
        ("minimum_age", r.minimum_age),
        ("maximum_age", r.maximum_age),
    ] {
        if let Some(a) = age {
            if !in_a_quote(&a.to_string()) {
                unbacked(field, format!("age {a}"));
            }
        }
    }
    if let Some(p) = r.places {
        if !in_a_quote(&p.to_string()) {
            unbacked("places", format!("{p} places"));
        }
    }
    for (field, date) in [("starts", &r.starts), ("ends", &r.ends)] {
        let Some(year) = date.split('-').next().filter(|y| !y.is_empty()) else {
            continue;
        };
        // "2025/26" and "2024–25" write a year in two digits.
        let short = year.get(2..).unwrap_or("");
        if !in_a_quote(year)
            && !quotes
                .iter()
                .any(|q| q.contains(&format!("/{short}")) || q.contains(&format!("–{short}")))
        {
            unbacked(field, format!("the year of {date}"));
        }
    }
    for s in &r.stages {
        let found = quotes.iter().any(|q| {
            let q = q.to_lowercase();
            s.written_as().iter().any(|w| q.contains(w))
        });
        if !found {
            unbacked("stages", format!("the stage {}", s.key()));
        }
    }
    for c in &r.contacts {
        let bare = match c.kind {
            ContactKind::Web => c
                .value
                .trim_start_matches("https://")
                .trim_end_matches('/')
                .to_string(),
            _ => c.value.clone(),
        };
        if !quotes.iter().any(|q| q.contains(&bare)) {
            unbacked("contacts", format!("the contact {}", c.value));
        }
    }
}

/// The name of the evidence file beside an index: `local-offer.idx` → `local-offer.evidence`.
pub fn file_name(index_name: &str) -> String {
    let stem = index_name
        .rsplit_once('.')
        .map_or(index_name, |(stem, _)| stem);
    format!("{stem}.evidence")
}

/// The evidence file: the quotes of every record, tied to one build of the index by its
/// checksum.
#[derive(Debug, Serialize, Deserialize)]
struct EvidenceFile {
    format: u32,
    index_checksum: u32,
    records: BTreeMap<String, Vec<Evidence>>,
}

const FILE_FORMAT: u32 = 1;

/// The evidence file's bytes for `records`, tied to the index with checksum `index_crc`.
pub fn encode(records: &[Record], index_crc: u32) -> Vec<u8> {
    let file = EvidenceFile {
        format: FILE_FORMAT,
        index_checksum: index_crc,
        records: records
            .iter()
            .map(|r| (r.id.clone(), r.evidence.clone()))
            .collect(),
    };
    // A map of strings always serialises.
    serde_json::to_vec_pretty(&file).unwrap_or_default()
}

/// Why an evidence file could not be used.
#[derive(Debug)]
pub enum EvidenceFileError {
    Read(PathBuf, std::io::Error),
    NotEvidence(PathBuf, String),
    OtherBuild {
        path: PathBuf,
        found: u32,
        index: u32,
    },
}

impl fmt::Display for EvidenceFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceFileError::Read(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            EvidenceFileError::NotEvidence(p, e) => {
                write!(f, "{} is not an evidence file: {e}", p.display())
            }
            EvidenceFileError::OtherBuild { path, found, index } => write!(
                f,
                "{} belongs to another build of the index (checksum {found:08x}, the index has {index:08x}); rebuild both",
                path.display()
            ),
        }
    }
}

/// Reads the evidence file at `path` for the index with checksum `index_crc`.
pub fn read(
    path: &Path,
    index_crc: u32,
) -> Result<BTreeMap<String, Vec<Evidence>>, EvidenceFileError> {
    let bytes = std::fs::read(path).map_err(|e| EvidenceFileError::Read(path.to_path_buf(), e))?;
    let file: EvidenceFile = serde_json::from_slice(&bytes)
        .map_err(|e| EvidenceFileError::NotEvidence(path.to_path_buf(), e.to_string()))?;
    if file.format != FILE_FORMAT {
        return Err(EvidenceFileError::NotEvidence(
            path.to_path_buf(),
            format!("format {} (this builder reads {FILE_FORMAT})", file.format),
        ));
    }
    if file.index_checksum != index_crc {
        return Err(EvidenceFileError::OtherBuild {
            path: path.to_path_buf(),
            found: file.index_checksum,
            index: index_crc,
        });
    }
    Ok(file.records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_squashed_but_case_is_kept() {
        assert_eq!(squash("  a\n  b\tc "), "a b c");
        let text = squash("The Young Adults Team\nassumes responsibility");
        assert!(text.contains(&squash("Young Adults Team assumes")));
        assert!(!text.contains(&squash("young adults team assumes")));
    }

    #[test]
    fn a_near_miss_says_how_far_it_matched() {
        let text = "services for 14 to 25-year-olds who may be moving";
        assert_eq!(
            matched_prefix(text, "services for 14 to 26-year-olds"),
            "services for 14 to"
        );
        assert_eq!(matched_prefix(text, "nothing here"), "");
        assert_eq!(matched_prefix(text, "services for 14"), "services for 14");
    }

    #[test]
    fn evidence_files_are_named_after_the_index() {
        assert_eq!(file_name("local-offer.idx"), "local-offer.evidence");
        assert_eq!(file_name("x"), "x.evidence");
    }
}
