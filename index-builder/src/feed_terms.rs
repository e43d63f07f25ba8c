//! Which words of a council's feed mean which of the Local Offer's needs: the one rule every
//! feed term goes through, and `data/feed_terms.toml`, the table of it that editors own.
//!
//! Feeds say who a service is for in their own words: ORUK v1 target audiences
//! ("Sensory Impaired>Visually Impaired") and taxonomy terms. A term is a [`Need`] when it is
//! the need's own key or label ("ASD", "Autism"), or when the table lists it; both are compared
//! in any case with spaces trimmed, on the whole term and then on the last part of an `A>B` path.
//! Anything else is not a need (the import keeps it as a search word, `oruk/read_v3.rs`).
//!
//! The table lives in its own file rather than in `vocabulary.toml` because it has another
//! reader and another time: only the builder reads it, while it imports a feed (before the
//! records exist, which the vocabulary is checked against), and nothing of it goes into the
//! index. A data folder without one (a pulled feed) uses the Local Offer's own, built into the
//! builder from `data/feed_terms.toml`, so a council's three commands give the need filter the
//! same reading. Every problem names the file, the line (from the toml parser's spans) and the
//! field.

use crate::problem::Problems;
use local_offer_search::model::Need;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// The table's file name, at the top of the data folder.
pub const FILE_NAME: &str = "feed_terms.toml";

/// The Local Offer's own table, used for a data folder that has none.
const BUILT_IN: &str = include_str!("../../data/feed_terms.toml");

/// What messages call the built-in table.
pub const BUILT_IN_NAME: &str = "feed_terms.toml (built in, from data/)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    need: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    need: Spanned<String>,
    terms: Spanned<Vec<Spanned<String>>>,
}

/// A problem in the table, said for an editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableProblem {
    /// Not TOML, or a table or field the file does not have.
    Syntax(String),
    /// `need` is not one of the needs' keys.
    UnknownNeed(String),
    /// `terms` is an empty list.
    NoTerms,
    /// A term that is empty once trimmed (or only path separators).
    EmptyTerm,
    /// A term listed twice (in any case), first at `line`.
    Twice { term: String, line: usize },
    /// A term that is another need's own key or label.
    OtherNeedsName { term: String, need: Need },
    /// A term that is this need's own key or label: it means the need without the table.
    OwnName { term: String, need: Need },
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableProblem::Syntax(m) => write!(f, "bad table: {m}"),
            TableProblem::UnknownNeed(v) => write!(
                f,
                "unknown need \"{v}\"; expected one of {}",
                Need::ALL
                    .iter()
                    .map(|n| n.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TableProblem::NoTerms => f.write_str("required: list at least one feed term"),
            TableProblem::EmptyTerm => f.write_str("a term must have some text"),
            TableProblem::Twice { term, line } => write!(
                f,
                "\"{term}\" is already at line {line}; a term may mean one need only"
            ),
            TableProblem::OtherNeedsName { term, need } => write!(
                f,
                "\"{term}\" is the key or label of {need} ({}), so it always means {need}",
                need.label()
            ),
            TableProblem::OwnName { term, need } => write!(
                f,
                "\"{term}\" is {need}'s own key or label and means {need} without being listed"
            ),
        }
    }
}

/// The feed words that mean a need, read from a table.
#[derive(Debug, Clone, Default)]
pub struct FeedTerms {
    /// Folded term → need.
    by_term: HashMap<String, Need>,
    /// Where the table came from, for the import table.
    pub source: String,
}

/// A term as the table compares it: trimmed, lower case, runs of spaces as one, and each part
/// of a path trimmed ("Sensory Impaired > Visually  Impaired" → "sensory impaired>visually
/// impaired").
fn fold(term: &str) -> String {
    term.split('>')
        .map(|part| {
            part.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(">")
}

/// The last part of a folded path, if the term is a path.
fn last_part(folded: &str) -> Option<&str> {
    folded
        .rsplit_once('>')
        .map(|(_, last)| last)
        .filter(|l| !l.is_empty())
}

/// The need whose own key or label a folded term is.
fn by_name(folded: &str) -> Option<Need> {
    Need::ALL
        .iter()
        .copied()
        .find(|n| folded.eq_ignore_ascii_case(n.key()) || folded.eq_ignore_ascii_case(n.label()))
}

impl FeedTerms {
    /// The table of `dir/feed_terms.toml`, or the built-in one when the folder has none.
    pub fn load(dir: &Path, problems: &mut Problems) -> FeedTerms {
        let file = dir.join(FILE_NAME);
        match std::fs::read_to_string(&file) {
            Ok(text) => FeedTerms::parse(&file, &text, problems),
            Err(_) => FeedTerms::built_in(problems),
        }
    }

    /// The Local Offer's own table (`data/feed_terms.toml`, as the builder was built with it).
    pub fn built_in(problems: &mut Problems) -> FeedTerms {
        FeedTerms::parse(Path::new(BUILT_IN_NAME), BUILT_IN, problems)
    }

    /// Reads a table's text; every problem is an error at `file`'s line and field (a term
    /// that is its need's own name, a warning).
    pub fn parse(file: &Path, text: &str, problems: &mut Problems) -> FeedTerms {
        let line_at = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let error = |problems: &mut Problems, line: usize, field: &str, p: TableProblem| {
            problems.error(file, line, field, p.to_string());
        };
        let mut table = FeedTerms {
            by_term: HashMap::new(),
            source: file.display().to_string(),
        };
        let raw: RawTable = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_at(s.start));
                let message = e.message().replace('\n', " ");
                error(problems, line, "-", TableProblem::Syntax(message));
                return table;
            }
        };
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for entry in &raw.need {
            let need = match Need::parse(entry.need.get_ref().trim()) {
                Ok(n) => Some(n),
                Err(e) => {
                    let line = line_at(entry.need.span().start);
                    error(problems, line, "need", TableProblem::UnknownNeed(e.value));
                    None
                }
            };
            if entry.terms.get_ref().is_empty() {
                let line = line_at(entry.terms.span().start);
                error(problems, line, "terms", TableProblem::NoTerms);
            }
            for t in entry.terms.get_ref() {
                let line = line_at(t.span().start);
                let term = t.get_ref().trim().to_string();
                let folded = fold(&term);
                if folded.split('>').all(str::is_empty) {
                    error(problems, line, "terms", TableProblem::EmptyTerm);
                    continue;
                }
                if let Some(&first) = first_line.get(&folded) {
                    let p = TableProblem::Twice { term, line: first };
                    error(problems, line, "terms", p);
                    continue;
                }
                first_line.insert(folded.clone(), line);
                match (by_name(&folded), need) {
                    (Some(named), Some(n)) if named != n => {
                        let p = TableProblem::OtherNeedsName { term, need: named };
                        error(problems, line, "terms", p);
                    }
                    (Some(named), Some(_)) => {
                        let p = TableProblem::OwnName { term, need: named };
                        problems.warning(file, line, "terms", p.to_string());
                    }
                    (None, Some(n)) => {
                        table.by_term.insert(folded, n);
                    }
                    (_, None) => {}
                }
            }
        }
        table
    }

    /// The need one feed term means, if any: the need's own key or label, else the table's
    /// entry, first for the whole term and then for the last part of a path.
    pub fn need(&self, term: &str) -> Option<Need> {
        let folded = fold(term);
        let whole = by_name(&folded).or_else(|| self.by_term.get(&folded).copied());
        whole.or_else(|| {
            let last = last_part(&folded)?;
            by_name(last).or_else(|| self.by_term.get(last).copied())
        })
    }

    /// The need a taxonomy term means by its name or its code: a need's own key or label in
    /// either, as the import has always read them, before the table (the name first).
    pub fn need_of_term(&self, code: &str, name: &str) -> Option<Need> {
        let given = [name, code].map(fold);
        let given = given.iter().filter(|t| !t.is_empty());
        given
            .clone()
            .find_map(|t| by_name(t))
            .or_else(|| given.clone().find_map(|t| self.need(t)))
    }

    /// How many terms the table lists (beyond the needs' own names).
    pub fn len(&self) -> usize {
        self.by_term.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_term.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (FeedTerms, Problems) {
        let mut problems = Problems::default();
        let t = FeedTerms::parse(Path::new("feed_terms.toml"), text, &mut problems);
        (t, problems)
    }

    #[test]
    fn whole_terms_and_the_last_part_of_a_path_in_any_case() {
        let (t, p) = table("[[need]]\nneed = \"VI\"\nterms = [\"Visually Impaired\"]\n");
        assert!(p.list.is_empty(), "{:?}", p.list);
        assert_eq!(t.need("Visually Impaired"), Some(Need::Vi));
        assert_eq!(t.need("  visually   IMPAIRED "), Some(Need::Vi));
        assert_eq!(
            t.need("Sensory Impaired>Visually Impaired "),
            Some(Need::Vi)
        );
        assert_eq!(t.need("Sensory Impaired"), None);
        // The need's own key or label needs no entry, whole or as a path's last part.
        assert_eq!(t.need("Autism"), Some(Need::Asd));
        assert_eq!(t.need("asd"), Some(Need::Asd));
        assert_eq!(t.need("Conditions>Autism"), Some(Need::Asd));
        assert_eq!(t.need("Learning Disabilities"), None);
        assert_eq!(t.need_of_term("", "visually impaired"), Some(Need::Vi));
        assert_eq!(t.need_of_term("ASD", "Something else"), Some(Need::Asd));
        // The code's own need name wins over the table's reading of the name's path.
        assert_eq!(
            t.need_of_term("HI", "Needs>Visually Impaired"),
            Some(Need::Hi)
        );
        assert_eq!(t.need_of_term("", ""), None);
    }

    #[test]
    fn problems_name_the_line_and_field() {
        let text = "[[need]]\nneed = \"XYZ\"\nterms = [\"Blind\"]\n\n[[need]]\nneed = \"HI\"\nterms = [\n  \"Deaf\",\n  \"deaf \",\n  \"Autism\",\n  \"Hearing impairment\",\n  \" > \",\n]\n\n[[need]]\nneed = \"PD\"\nterms = []\n";
        let (t, p) = table(text);
        let lines: Vec<String> = p.list.iter().map(ToString::to_string).collect();
        let want = [
            "feed_terms.toml:2: need: unknown need \"XYZ\"; expected one of ASD, SLCN, MLD, SLD, PMLD, SpLD, SEMH, HI, VI, MSI, PD",
            "feed_terms.toml:9: terms: \"deaf\" is already at line 8; a term may mean one need only",
            "feed_terms.toml:10: terms: \"Autism\" is the key or label of ASD (Autism), so it always means ASD",
            "feed_terms.toml:11: terms: warning: \"Hearing impairment\" is HI's own key or label and means HI without being listed",
            "feed_terms.toml:12: terms: a term must have some text",
            "feed_terms.toml:17: terms: required: list at least one feed term",
        ];
        assert_eq!(lines, want);
        assert_eq!(t.need("Deaf"), Some(Need::Hi));
        assert_eq!(
            t.need("Blind"),
            None,
            "an entry with an unknown need means nothing"
        );
        let (_, p) = table("[[need]]\nneed = \"VI\"\nwords = [\"x\"]\n");
        assert!(
            p.list[0]
                .to_string()
                .starts_with("feed_terms.toml:3: -: bad table: unknown field `words`"),
            "{}",
            p.list[0]
        );
        let (_, p) = table("[[needs]]\n");
        assert!(
            p.list[0].to_string().contains("unknown field `needs`"),
            "{}",
            p.list[0]
        );
    }

    #[test]
    fn the_built_in_table_is_the_data_folders_and_has_no_problems() {
        let mut problems = Problems::default();
        let t = FeedTerms::built_in(&mut problems);
        assert!(problems.list.is_empty(), "{:?}", problems.list);
        assert!(t.len() > 10);
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/feed_terms.toml"),
        )
        .expect("data/feed_terms.toml");
        assert_eq!(on_disk, BUILT_IN);
    }
}
