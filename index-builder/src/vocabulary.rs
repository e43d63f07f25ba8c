//! Reading and checking `data/vocabulary.toml`: what the search understands in a question (age
//! words, places, everyday words for the Local Offer's words, filler). Editors own the file, so
//! every problem is reported as `file:line: field: message`, like the records' problems.
//!
//! The checks that matter for search: a synonym must point at words some record writes (else it
//! points nowhere and finds nothing), and a synonym may not point at another synonym's words (a
//! chain, and so possibly a loop, that one reading of the question would not follow). A phrase
//! may appear only once in the file, so a word never means two things.

use crate::problem::Problems;
use local_offer_search::index::vocab::{means_phrase, phrase, AgeWords, Synonym, Vocabulary};
use local_offer_search::model::MAX_AGE;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// The vocabulary's file name, at the top of the data folder.
pub const FILE_NAME: &str = "vocabulary.toml";

/// The tables the file may have.
const TABLES: &[&str] = &["age", "place", "synonym", "filler", "define", "minor"];

/// Where the file's text says things, for messages.
struct Lines<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Lines<'_> {
    /// The line of the `n`-th `[[name]]` header (1-based lines; 1 if not found).
    fn header(&self, name: &str, n: usize) -> usize {
        let want = format!("[[{name}]]");
        self.text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == want)
            .nth(n)
            .map_or(1, |(i, _)| i + 1)
    }

    /// The first line at or after `from` that contains `needle`.
    fn find(&self, from: usize, needle: &str) -> usize {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.contains(needle))
            .map_or(from, |(i, _)| i + 1)
    }

    fn quoted(&self, from: usize, word: &str) -> usize {
        self.find(from, &format!("\"{word}\""))
    }
}

/// Loads `dir/vocabulary.toml`, checking it against the words the records write (`terms`
/// gives every index term of every record, asked for only when there are synonyms). A missing file is a warning: the search then reads
/// numbers as ages but knows no age words, places or everyday words.
pub fn load(
    dir: &Path,
    terms: impl FnOnce() -> HashSet<String>,
    problems: &mut Problems,
) -> Vocabulary {
    let file: PathBuf = dir.join(FILE_NAME);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(_) => {
            problems.warning(
                &file,
                0,
                "-",
                "no vocabulary file: the search will not understand age words, places or everyday words",
            );
            return Vocabulary::default();
        }
    };
    let table: Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let e: toml::de::Error = e;
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            problems.error(
                &file,
                line,
                "-",
                format!("bad TOML: {}", e.message().replace('\n', " ")),
            );
            return Vocabulary::default();
        }
    };
    let lines = Lines {
        file: &file,
        text: &text,
    };
    let mut v = Vocabulary::default();
    for key in table.keys().filter(|k| !TABLES.contains(&k.as_str())) {
        problems.error(
            &file,
            lines.find(1, key),
            key,
            format!("unknown table; expected one of {}", TABLES.join(", ")),
        );
    }
    // Every phrase and where it first appears, so a phrase is never given twice.
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    let mut ctx = Ctx {
        lines: &lines,
        problems,
        seen: &mut seen,
    };

    for (i, entry) in entries(&table, "age", &mut ctx).into_iter().enumerate() {
        let at = lines.header("age", i);
        let phrases = ctx.phrases(entry, "words", at, true);
        let from = ctx.age(entry, "from", at);
        let to = ctx.age(entry, "to", at);
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                ctx.problems.error(
                    lines.file,
                    lines.find(at, "from"),
                    "from",
                    format!("from {from} is above to {to}"),
                );
            } else {
                v.ages.push(AgeWords { phrases, from, to });
            }
        }
    }
    // Places are the council's areas and their names, in `council.toml` (`council.rs`).
    if table.contains_key("place") {
        ctx.problems.error(
            lines.file,
            lines.header("place", 0),
            "place",
            "places moved to council.toml: an [[area]] with key, label and names",
        );
    }
    let mut synonyms: Vec<(usize, Synonym)> = Vec::new();
    for (i, entry) in entries(&table, "synonym", &mut ctx).into_iter().enumerate() {
        let at = lines.header("synonym", i);
        let words = ctx.phrases(entry, "words", at, true);
        let means = ctx.phrases(entry, "means", at, false);
        let means: Vec<String> = means
            .iter()
            .map(|m| means_phrase(m))
            .filter(|m| !m.is_empty())
            .collect();
        synonyms.push((at, Synonym { words, means }));
    }
    for key in ["filler", "define", "minor"] {
        let list = match table.get(key) {
            None => Vec::new(),
            Some(Value::Table(t)) => {
                ctx.phrases(t, "words", lines.find(1, &format!("[{key}]")), false)
            }
            Some(_) => {
                ctx.problems.error(
                    lines.file,
                    lines.find(1, key),
                    key,
                    format!("must be a [{key}] table with words = [...]"),
                );
                Vec::new()
            }
        };
        match key {
            "filler" => v.filler = list,
            "define" => v.define = list,
            _ => v.minor = list,
        }
    }

    // Synonyms: point somewhere, and never at another synonym's words.
    // Every record's terms are worked out only when there is a synonym to check against them
    // (a feed-only folder has none: 100,000 services' terms cost seconds).
    let terms = if synonyms.is_empty() {
        HashSet::new()
    } else {
        terms()
    };
    let family_words: HashMap<&str, usize> = synonyms
        .iter()
        .flat_map(|(at, s)| s.words.iter().map(move |w| (w.as_str(), *at)))
        .collect();
    for (at, s) in &synonyms {
        if s.means.is_empty() {
            problems_error(
                &mut ctx,
                *at,
                "means",
                "required: the Local Offer's words for these words".into(),
            );
        }
        for m in &s.means {
            let line = lines.quoted(*at, &written(&text, *at, m));
            if let Some(other) = family_words.get(m.as_str()) {
                // One of the entry's own words, as what its other words mean ("complain" →
                // "complaint"): no chain, since means are never read as family words again.
                if other == at && s.words.len() > 1 {
                    continue;
                }
                let message = if other == at {
                    format!("\"{m}\" is also one of this entry's words: a synonym cannot point at itself")
                } else {
                    format!("\"{m}\" is a family word of the synonym at line {other}: point at the Local Offer's own words (no chains or loops)")
                };
                ctx.problems.error(lines.file, line, "means", message);
                continue;
            }
            let missing: Vec<&str> = m.split(' ').filter(|t| !terms.contains(*t)).collect();
            if !missing.is_empty() {
                ctx.problems.error(
                    lines.file,
                    line,
                    "means",
                    format!(
                        "\"{m}\" points nowhere: no record writes \"{}\"",
                        missing.join("\", \"")
                    ),
                );
            }
        }
    }
    v.synonyms = synonyms.into_iter().map(|(_, s)| s).collect();
    v
}

fn problems_error(ctx: &mut Ctx<'_, '_>, line: usize, field: &str, message: String) {
    ctx.problems.error(ctx.lines.file, line, field, message);
}

/// The text of the entry at `at` that normalises to `phrase` (for finding its line); the phrase
/// itself when none does.
fn written(text: &str, at: usize, phrase_: &str) -> String {
    for line in text.lines().skip(at.saturating_sub(1)).take(12) {
        for part in line.split('"').skip(1).step_by(2) {
            if phrase(part) == phrase_ || means_phrase(part) == phrase_ {
                return part.to_string();
            }
        }
    }
    phrase_.to_string()
}

struct Ctx<'l, 'p> {
    lines: &'l Lines<'l>,
    problems: &'p mut Problems,
    seen: &'p mut HashMap<String, (usize, String)>,
}

/// The `[[name]]` entries of the file (an error if `name` is not an array of tables).
fn entries<'t>(table: &'t Table, name: &str, ctx: &mut Ctx<'_, '_>) -> Vec<&'t Table> {
    match table.get(name) {
        None => Vec::new(),
        Some(Value::Array(a)) => {
            let tables: Vec<&Table> = a.iter().filter_map(Value::as_table).collect();
            if tables.len() != a.len() {
                ctx.problems.error(
                    ctx.lines.file,
                    ctx.lines.find(1, name),
                    name,
                    format!("must be [[{name}]] tables"),
                );
            }
            tables
        }
        Some(_) => {
            ctx.problems.error(
                ctx.lines.file,
                ctx.lines.find(1, name),
                name,
                format!("must be [[{name}]] tables"),
            );
            Vec::new()
        }
    }
}

impl Ctx<'_, '_> {
    /// A list of strings, normalised; each phrase may appear once in the file when `unique`.
    fn phrases(&mut self, t: &Table, key: &str, at: usize, unique: bool) -> Vec<String> {
        let Some(list) = t.get(key) else {
            self.problems
                .error(self.lines.file, at, key, "required: a list of words");
            return Vec::new();
        };
        let Some(items) = list.as_array() else {
            self.problems.error(
                self.lines.file,
                self.lines.find(at, key),
                key,
                "must be a list of strings",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(s) = item.as_str() else {
                self.problems.error(
                    self.lines.file,
                    self.lines.find(at, key),
                    key,
                    "must be a list of strings",
                );
                continue;
            };
            let line = self.lines.quoted(at, s);
            let p = phrase(s);
            if p.is_empty() {
                self.problems.error(
                    self.lines.file,
                    line,
                    key,
                    format!("\"{s}\" has no words the search can read"),
                );
                continue;
            }
            if unique {
                if let Some((first, as_written)) = self.seen.get(&p) {
                    let same = if as_written == s {
                        format!("\"{s}\" is already at line {first}")
                    } else {
                        format!("\"{s}\" reads the same as \"{as_written}\" (line {first})")
                    };
                    self.problems.error(
                        self.lines.file,
                        line,
                        key,
                        format!("{same}: a word may mean one thing only"),
                    );
                    continue;
                }
                self.seen.insert(p.clone(), (line, s.to_string()));
            }
            if !out.contains(&p) {
                out.push(p);
            }
        }
        if out.is_empty() && !items.is_empty() {
            return out;
        }
        if items.is_empty() {
            self.problems
                .error(self.lines.file, self.lines.find(at, key), key, "is empty");
        }
        out
    }

    fn age(&mut self, t: &Table, key: &str, at: usize) -> Option<u8> {
        match t.get(key).and_then(Value::as_integer) {
            Some(n) if (0..=i64::from(MAX_AGE)).contains(&n) => Some(n as u8),
            Some(n) => {
                self.problems.error(
                    self.lines.file,
                    self.lines.find(at, key),
                    key,
                    format!("age {n} is outside 0–{MAX_AGE}"),
                );
                None
            }
            None => {
                self.problems.error(
                    self.lines.file,
                    at,
                    key,
                    "required: a whole number from 0 to 25",
                );
                None
            }
        }
    }
}
