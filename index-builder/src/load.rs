//! Reading the dataset: TOML files of `[[record]]` tables into [`Record`]s, with every problem
//! reported at its file, line and field.
//!
//! The TOML library gives us values; lines come from the text itself: record N starts at the
//! N-th `[[record]]` header, and a field's line is the first `name =` line inside its record.
//! That keeps messages exact without wrapping every field in a span type.

use crate::problem::Problems;
use local_offer_search::links::{self, LinkError, LinkKind};
use local_offer_search::model::{
    Access, Contact, ContactKind, Cost, Evidence, Kind, Need, ProvisionType, Record, Stage, Status,
    WaitingFor, GENERAL_KNOWLEDGE, MAX_AGE,
};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// A record with where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub record: Record,
    pub file: PathBuf,
    /// Line of the record's `[[record]]` header.
    pub line: usize,
    /// Line of each field present, by field name.
    pub field_lines: HashMap<String, usize>,
    /// Line of each item of `evidence`, in order.
    pub evidence_lines: Vec<usize>,
    /// The areas as the data writes them (keys, or a feed's names), until
    /// [`crate::council::resolve`] gives the record its area codes.
    pub areas_written: Vec<crate::council::Written>,
}

impl Loaded {
    /// The line of `field`, or the record's header line when the field is absent.
    pub fn line_of(&self, field: &str) -> usize {
        self.field_lines.get(field).copied().unwrap_or(self.line)
    }
}

/// Lists the `.toml` (our records) and `.json` (Open Referral UK) files under `dir`, sorted,
/// recursively.
pub fn data_files(dir: &Path, problems: &mut Problems) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                problems.error(&d, 0, "-", format!("cannot read the folder: {e}"));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if d == dir
                && path.file_name().is_some_and(|n| {
                    n == crate::vocabulary::FILE_NAME
                        || n == crate::pictograms::FILE_NAME
                        || n == crate::council::FILE_NAME
                        || n == crate::feed_terms::FILE_NAME
                })
            {
                // The search's vocabulary, the easy-read pictures, the council profile and
                // the feed words that mean needs, not records: `vocabulary.rs`,
                // `pictograms.rs`, `council.rs` and `feed_terms.rs` read them.
                continue;
            } else if path.extension().is_some_and(|e| e == "toml" || e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Line (1-based) of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Lines of each `[[record]]` header, in order.
fn record_header_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim();
            t.starts_with("[[") && t.trim_start_matches('[').trim_start().starts_with("record")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// The key a line assigns (`key = …` or `"key" = …`), if it assigns one.
fn assigned_key(line: &str) -> Option<&str> {
    let l = line.trim_start();
    let (key, rest) = match l.strip_prefix('"') {
        Some(quoted) => {
            let end = quoted.find('"')?;
            (&quoted[..end], &quoted[end + 1..])
        }
        None => {
            let end = l.find(|c: char| c.is_whitespace() || c == '=')?;
            (&l[..end], &l[end..])
        }
    };
    rest.trim_start().starts_with('=').then_some(key)
}

/// The first line in `from..to` (1-based, `to` exclusive) that assigns each key, by key.
fn key_lines<'t>(lines: &[&'t str], from: usize, to: usize) -> HashMap<&'t str, usize> {
    let mut out = HashMap::new();
    for n in from..to.min(lines.len() + 1) {
        if let Some(key) = assigned_key(lines[n - 1]) {
            out.entry(key).or_insert(n);
        }
    }
    out
}

/// Everything `load_dir` read: the records, the ORUK fields that had no place in our model,
/// and the counts of the import.
#[derive(Debug, Default)]
pub struct LoadedDir {
    pub records: Vec<Loaded>,
    pub unmapped: Vec<crate::oruk::Unmapped>,
    pub import: crate::oruk::ImportStats,
}

/// Loads every record of every file under `dir`. Records with errors are still returned where
/// they could be read, so later checks see as much as possible; the caller refuses to build if
/// there is any error. An imported service whose id an earlier record already has is skipped
/// with a warning (a feed's mistake); a repeated id among our own TOML records stays an error
/// for `check`.
pub fn load_dir(dir: &Path, problems: &mut Problems) -> LoadedDir {
    let mut out = LoadedDir::default();
    if !dir.is_dir() {
        problems.error(dir, 0, "-", "not a folder of data files");
        return out;
    }
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    // The table of feed words that mean needs: the folder's own is always checked; the
    // built-in one is read only for a folder that has a feed and no table.
    let mut terms = dir
        .join(crate::feed_terms::FILE_NAME)
        .is_file()
        .then(|| crate::feed_terms::FeedTerms::load(dir, problems));
    let files = data_files(dir, problems);
    // Our TOML files are read on every core, each on its own; a feed below, in order (its
    // records are checked against those before it).
    let toml: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e != "json"))
        .collect();
    let mut read: HashMap<&PathBuf, (Vec<Loaded>, Problems)> =
        local_offer_search::cores::in_runs(&toml, |part| {
            part.iter()
                .map(|&file| {
                    let (mut records, mut found) = (Vec::new(), Problems::default());
                    load_file(file, &mut found, &mut records);
                    (file, (records, found))
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
    for file in &files {
        if file.extension().is_some_and(|e| e == "json") {
            let terms =
                terms.get_or_insert_with(|| crate::feed_terms::FeedTerms::built_in(problems));
            out.import.feed_terms.clone_from(&terms.source);
            let (records, missing) = crate::oruk::load_oruk(file, problems, &mut out.import, terms);
            for crate::oruk::Imported { loaded: l, terms } in records {
                if let Some((f, line)) = seen.get(&l.record.id) {
                    problems.warning(
                        &l.file,
                        l.line_of("id"),
                        "id",
                        format!(
                            "service skipped: duplicate id (\"{}\" is first at {}:{line})",
                            l.record.id,
                            f.display()
                        ),
                    );
                    out.import.skip("duplicate id");
                    out.import.services_out = out.import.services_out.saturating_sub(1);
                    continue;
                }
                seen.insert(l.record.id.clone(), (l.file.clone(), l.line_of("id")));
                out.import.terms.add(&terms);
                out.records.push(l);
            }
            out.unmapped.extend(missing);
        } else {
            let from = out.records.len();
            if let Some((records, found)) = read.remove(file) {
                out.records.extend(records);
                problems.list.extend(found.list);
            }
            for l in &out.records[from..] {
                seen.entry(l.record.id.clone())
                    .or_insert_with(|| (l.file.clone(), l.line_of("id")));
            }
        }
    }
    out
}

/// Loads the records of one file.
pub fn load_file(file: &Path, problems: &mut Problems, out: &mut Vec<Loaded>) {
    let text = match fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            problems.error(file, 0, "-", format!("cannot read the file: {e}"));
            return;
        }
    };
    let table: Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let e: toml::de::Error = e;
            let line = e.span().map_or(1, |s| line_at(&text, s.start));
            let msg = e.message().replace('\n', " ");
            problems.error(file, line, "-", format!("bad TOML: {msg}"));
            return;
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let unknown: Vec<&String> = table.keys().filter(|k| *k != "record").collect();
    let top = if unknown.is_empty() {
        HashMap::new()
    } else {
        key_lines(&lines, 1, usize::MAX)
    };
    for key in unknown {
        let line = top.get(key.as_str()).copied().unwrap_or(1);
        problems.error(
            file,
            line,
            key,
            "unknown top-level key; records go in [[record]] tables",
        );
    }
    let Some(records) = table.get("record") else {
        problems.warning(file, 1, "-", "the file holds no [[record]] tables");
        return;
    };
    let Some(records) = records.as_array() else {
        problems.error(file, 1, "record", "must be an array of tables: [[record]]");
        return;
    };
    let headers = record_header_lines(&text);
    for (i, value) in records.iter().enumerate() {
        let start = headers.get(i).copied().unwrap_or(1);
        let end = headers.get(i + 1).copied().unwrap_or(lines.len() + 1);
        let Some(t) = value.as_table() else {
            problems.error(file, start, "record", "must be a table");
            continue;
        };
        let assigned = key_lines(&lines, start, end);
        let field_lines: HashMap<String, usize> = t
            .keys()
            .map(|k| {
                (
                    k.clone(),
                    assigned.get(k.as_str()).copied().unwrap_or(start),
                )
            })
            .collect();
        let mut loaded = Loaded {
            record: Record::default(),
            file: file.to_path_buf(),
            line: start,
            field_lines,
            evidence_lines: Vec::new(),
            areas_written: Vec::new(),
        };
        convert(t, &mut loaded, problems);
        loaded.evidence_lines = evidence_lines(&lines, &loaded, end);
        out.push(loaded);
    }
}

/// Fields every record may have.
const COMMON: &[&str] = &[
    "id",
    "kind",
    "name",
    "easy_read",
    "keywords",
    "source",
    "last_reviewed",
    "see_also",
    "description",
    "evidence",
    "last_checked",
    "editor_note",
];
/// Fields of services, provisions and support while you wait.
const DIRECTORY: &[&str] = &[
    "alternate_name",
    "summary",
    "needs",
    "minimum_age",
    "maximum_age",
    "districts",
    "cost",
    "access",
    "organization",
    "status",
    "starts",
    "ends",
    "replaced_by",
    "stages",
    "how_to_get",
    "contacts",
    "address",
    "eligibility",
    "waiting",
];
const PROVISION: &[&str] = &["provision_type", "places"];
const WAIT_SUPPORT: &[&str] = &["waiting_for"];
const GLOSSARY: &[&str] = &["term", "expansion", "plain_meaning", "also"];

fn allowed(kind: Kind, key: &str) -> bool {
    COMMON.contains(&key)
        || match kind {
            Kind::Glossary => GLOSSARY.contains(&key),
            Kind::Service => DIRECTORY.contains(&key),
            Kind::Provision => DIRECTORY.contains(&key) || PROVISION.contains(&key),
            Kind::WaitSupport => DIRECTORY.contains(&key) || WAIT_SUPPORT.contains(&key),
        }
}

/// Reads typed fields out of one record's table, reporting each problem once.
struct Fields<'a> {
    t: &'a Table,
    at: &'a Loaded,
    problems: &'a mut Problems,
}

impl Fields<'_> {
    fn err(&mut self, key: &str, msg: impl Into<String>) {
        let line = self.at.line_of(key);
        self.problems.error(&self.at.file, line, key, msg);
    }

    fn string(&mut self, key: &str) -> String {
        match self.t.get(key) {
            None => String::new(),
            Some(Value::String(s)) => s.trim().to_string(),
            Some(_) => {
                self.err(key, "must be text in quotes");
                String::new()
            }
        }
    }

    fn strings(&mut self, key: &str) -> Vec<String> {
        match self.t.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (i, v) in items.iter().enumerate() {
                    match v.as_str() {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Some(_) => self.err(key, format!("item {} is empty", i + 1)),
                        None => self.err(key, format!("item {} must be text in quotes", i + 1)),
                    }
                }
                out
            }
            Some(_) => {
                self.err(key, "must be a list: [\"…\", \"…\"]");
                Vec::new()
            }
        }
    }

    fn vocab<T>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Result<T, local_offer_search::model::UnknownValue>,
    ) -> Option<T> {
        let s = self.string(key);
        if s.is_empty() {
            return None;
        }
        match parse(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.err(key, e.to_string());
                None
            }
        }
    }

    fn vocabs<T: PartialEq>(
        &mut self,
        key: &str,
        parse: fn(&str) -> Result<T, local_offer_search::model::UnknownValue>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for s in self.strings(key) {
            match parse(&s) {
                Ok(v) if out.contains(&v) => self.err(key, format!("\"{s}\" is listed twice")),
                Ok(v) => out.push(v),
                Err(e) => self.err(key, e.to_string()),
            }
        }
        out
    }

    fn integer(&mut self, key: &str, max: i64) -> Option<i64> {
        match self.t.get(key) {
            None => None,
            Some(Value::Integer(n)) if (0..=max).contains(n) => Some(*n),
            Some(Value::Integer(n)) if max == i64::from(MAX_AGE) => {
                self.err(key, format!("age {n} is outside 0–25"));
                None
            }
            Some(Value::Integer(n)) => {
                self.err(key, format!("{n} is outside 0–{max}"));
                None
            }
            Some(_) => {
                self.err(key, "must be a whole number, without quotes");
                None
            }
        }
    }

    /// `evidence`: a list of `{ file, quote }` tables, where an item may also be the word
    /// `"general"` (general knowledge); `evidence = "general"` alone is that one item.
    fn evidence(&mut self) -> Vec<Evidence> {
        let general = || Evidence {
            file: GENERAL_KNOWLEDGE.to_string(),
            quote: String::new(),
        };
        let items = match self.t.get("evidence") {
            None => return Vec::new(),
            Some(Value::String(s)) if s.trim() == GENERAL_KNOWLEDGE => return vec![general()],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.err(
                    "evidence",
                    "must be a list of { file = \"…\", quote = \"…\" } (or \"general\")",
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            match item {
                Value::String(s) if s.trim() == GENERAL_KNOWLEDGE => out.push(general()),
                Value::Table(t) => {
                    let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::trim);
                    for key in t.keys().filter(|k| *k != "file" && *k != "quote") {
                        self.err(
                            "evidence",
                            format!("item {n}: unknown key \"{key}\"; expected file and quote"),
                        );
                    }
                    match (text("file"), text("quote")) {
                        (Some(file), Some(quote)) if !file.is_empty() && !quote.is_empty() => out
                            .push(Evidence {
                                file: file.to_string(),
                                quote: quote.to_string(),
                            }),
                        _ => self.err(
                            "evidence",
                            format!("item {n} needs a file and a quote, both text in quotes"),
                        ),
                    }
                }
                _ => self.err(
                    "evidence",
                    format!("item {n} must be {{ file = \"…\", quote = \"…\" }} or \"general\""),
                ),
            }
        }
        out
    }

    /// `contacts`: a list of `{ kind, value, label, general }` tables, each value checked as
    /// its kind (an https:// address, an email address, a UK phone number).
    fn contacts(&mut self) -> Vec<Contact> {
        let items = match self.t.get("contacts") {
            None => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.err(
                    "contacts",
                    "must be a list of { kind = \"web|email|phone\", value = \"…\", label = \"…\" }",
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            let Some(t) = item.as_table() else {
                self.err(
                    "contacts",
                    format!("item {n} must be {{ kind = \"…\", value = \"…\" }}"),
                );
                continue;
            };
            for key in t
                .keys()
                .filter(|k| !["kind", "value", "label", "general"].contains(&k.as_str()))
            {
                self.err(
                    "contacts",
                    format!(
                        "item {n}: unknown key \"{key}\"; expected kind, value, label, general"
                    ),
                );
            }
            let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::trim);
            let kind = match text("kind").map(ContactKind::parse) {
                Some(Ok(k)) => k,
                Some(Err(e)) => {
                    self.err("contacts", format!("item {n}: kind: {e}"));
                    continue;
                }
                None => {
                    self.err(
                        "contacts",
                        format!("item {n} needs a kind: web, email or phone"),
                    );
                    continue;
                }
            };
            let value = text("value").unwrap_or("").to_string();
            let problem = match kind {
                _ if value.is_empty() => Some("needs a value".to_string()),
                ContactKind::Web => check_link(LinkKind::Web, &value).err(),
                ContactKind::Email => check_link(LinkKind::Email, &value).err(),
                ContactKind::Phone => check_link(LinkKind::Phone, &value).err(),
            };
            if let Some(why) = problem {
                self.err("contacts", format!("item {n}: {why}"));
                continue;
            }
            let general = match t.get("general") {
                None => false,
                Some(Value::Boolean(b)) => *b,
                Some(_) => {
                    self.err(
                        "contacts",
                        format!("item {n}: general must be true or false"),
                    );
                    false
                }
            };
            out.push(Contact {
                kind,
                value,
                label: text("label").unwrap_or("").to_string(),
                general,
            });
        }
        out
    }

    fn required(&mut self, key: &str, value: &str) {
        if value.is_empty() {
            self.err(key, "required");
        }
    }
}

fn convert(t: &Table, at: &mut Loaded, problems: &mut Problems) {
    let snapshot = at.clone();
    let mut f = Fields {
        t,
        at: &snapshot,
        problems,
    };
    let r = &mut at.record;
    r.id = f.string("id");
    if r.id.is_empty() {
        f.err("id", "required");
    } else if !valid_id(&r.id) {
        f.err(
            "id",
            format!(
                "\"{}\" must be lower-case letters, digits and '-', starting with a letter or digit",
                r.id
            ),
        );
    }
    let kind_text = f.string("kind");
    r.kind = match Kind::parse(&kind_text) {
        Ok(k) => k,
        Err(e) => {
            if kind_text.is_empty() {
                f.err("kind", "required");
            } else {
                f.err("kind", e.to_string());
            }
            return;
        }
    };
    let mut unknown: Vec<&String> = t.keys().filter(|k| !allowed(r.kind, k)).collect();
    unknown.sort();
    for key in unknown {
        let hint = match key.as_str() {
            "url" | "email" | "phone" => format!(
                "; write it as a contact: contacts = [{{ kind = \"{}\", value = \"…\" }}]",
                if key == "url" { "web" } else { key }
            ),
            "opens" => "; write the date as starts = \"YYYY-MM\"".to_string(),
            _ => String::new(),
        };
        f.err(key, format!("unknown field for a {} record{hint}", r.kind));
    }

    r.name = f.string("name");
    r.description = f.string("description");
    r.easy_read = f.strings("easy_read");
    r.keywords = f.strings("keywords");
    r.see_also = f.strings("see_also");
    r.evidence = f.evidence();
    r.editor_note = f.string("editor_note");
    r.last_checked = f.string("last_checked");
    if !r.last_checked.is_empty()
        && (r.last_checked.len() != 7 || parse_date(&r.last_checked).is_none())
    {
        f.err(
            "last_checked",
            format!(
                "\"{}\" is not a month as YYYY-MM (the month you checked the record against the documents)",
                r.last_checked
            ),
        );
    }
    r.source = f.string("source");
    r.last_reviewed = f.string("last_reviewed");
    f.required("source", &r.source);
    if r.last_reviewed.is_empty() {
        f.err("last_reviewed", "required");
    } else if parse_date(&r.last_reviewed).is_none() {
        f.err(
            "last_reviewed",
            format!(
                "\"{}\" is not a date as YYYY, YYYY-MM or YYYY-MM-DD",
                r.last_reviewed
            ),
        );
    }
    if r.easy_read.is_empty() && !t.contains_key("easy_read") {
        f.err("easy_read", "required");
    }

    if r.kind == Kind::Glossary {
        r.term = f.string("term");
        r.expansion = f.string("expansion");
        r.plain_meaning = f.string("plain_meaning");
        r.also = f.strings("also");
        f.required("term", &r.term);
        f.required("expansion", &r.expansion);
        f.required("plain_meaning", &r.plain_meaning);
        if r.name.is_empty() {
            r.name = r.term.clone();
        }
        return;
    }

    f.required("name", &r.name);
    r.alternate_name = f.string("alternate_name");
    r.summary = f.string("summary");
    f.required("summary", &r.summary);
    r.needs = f.vocabs("needs", Need::parse);
    // Keys of the council profile's areas; [`crate::council::resolve`] checks them.
    let mut keys: Vec<String> = Vec::new();
    for k in f.strings("districts") {
        if keys.contains(&k) {
            f.err("districts", format!("\"{k}\" is listed twice"));
        } else {
            keys.push(k);
        }
    }
    at.areas_written = keys.into_iter().map(crate::council::Written::Key).collect();
    r.access = f.vocabs("access", Access::parse);
    r.cost = f.vocab("cost", Cost::parse);
    r.status = f.vocab("status", Status::parse).unwrap_or_default();
    r.stages = f.vocabs("stages", Stage::parse);
    for key in ["starts", "ends"] {
        let v = f.string(key);
        if !v.is_empty() && parse_date(&v).is_none() {
            f.err(
                key,
                format!("\"{v}\" is not a date as YYYY, YYYY-MM or YYYY-MM-DD"),
            );
        }
        if key == "starts" {
            r.starts = v;
        } else {
            r.ends = v;
        }
    }
    r.replaced_by = f.string("replaced_by");
    r.how_to_get = f.string("how_to_get");
    r.contacts = f.contacts();
    let max_age = i64::from(MAX_AGE);
    r.minimum_age = f.integer("minimum_age", max_age).map(|n| n as u8);
    r.maximum_age = f.integer("maximum_age", max_age).map(|n| n as u8);
    if let (Some(lo), Some(hi)) = (r.minimum_age, r.maximum_age) {
        if lo > hi {
            f.err(
                "minimum_age",
                format!("minimum_age {lo} is above maximum_age {hi}"),
            );
        }
    }
    r.organization = f.string("organization");
    r.eligibility = f.string("eligibility");
    r.waiting = f.string("waiting");
    r.address = f.string("address");
    if r.kind == Kind::Provision {
        r.provision_type = f.vocab("provision_type", ProvisionType::parse);
        r.places = f.integer("places", i64::from(u32::MAX)).map(|n| n as u32);
    }
    if r.kind == Kind::WaitSupport {
        r.waiting_for = f.vocabs("waiting_for", WaitingFor::parse);
    }
}

/// The line of each evidence item: the first line from the `evidence` key on that holds the
/// start of its quote (up to the first character TOML might have escaped), else the key's line.
fn evidence_lines(lines: &[&str], at: &Loaded, end: usize) -> Vec<usize> {
    let key = at.line_of("evidence");
    let mut from = key;
    at.record
        .evidence
        .iter()
        .map(|e| {
            let head: String = if e.is_general() {
                format!("\"{GENERAL_KNOWLEDGE}\"")
            } else {
                e.quote
                    .chars()
                    .take_while(|c| *c != '"' && *c != '\\' && !c.is_control())
                    .take(24)
                    .collect()
            };
            let found = (head.chars().count() >= 8)
                .then(|| (from..end.min(lines.len() + 1)).find(|&n| lines[n - 1].contains(&head)))
                .flatten();
            match found {
                Some(n) => {
                    from = n;
                    n
                }
                None => key,
            }
        })
        .collect()
}

fn valid_id(id: &str) -> bool {
    id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// Parses YYYY, YYYY-MM or YYYY-MM-DD into (year, month, day); missing parts are 1.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| -> Option<u32> {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)? as i32;
    let month = match parts.get(1) {
        Some(p) => num(p, 2).filter(|m| (1..=12).contains(m))?,
        None => 1,
    };
    let day = match parts.get(2) {
        Some(p) => num(p, 2).filter(|d| (1..=31).contains(d))?,
        None => 1,
    };
    (parts.len() <= 3).then_some((year, month, day))
}

/// A link's value checked by the rules the widget applies ([`local_offer_search::links`]), with
/// the reason as a sentence that quotes the value (unless it is too long to quote).
pub fn check_link(kind: LinkKind, value: &str) -> Result<(), String> {
    links::check(kind, value).map_err(|e| match e {
        LinkError::TooLong { .. } => format!("the value {e}"),
        LinkError::Character { at } => format!(
            "\"{value}\" contains U+{:04X}, which a link may not hold (only printable ASCII: a hidden or right-to-left character could disguise where it goes)",
            value[at..].chars().next().map_or(0, u32::from)
        ),
        _ => format!("\"{value}\" {e}"),
    })
}

/// Links the widget will render: only `https:` with a host.
pub fn check_url(url: &str) -> Result<(), String> {
    check_link(LinkKind::Web, url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_assigns_its_key() {
        assert_eq!(assigned_key("  name = \"x\""), Some("name"));
        assert_eq!(assigned_key("name=\"x\""), Some("name"));
        assert_eq!(assigned_key("\"odd key\" = 1"), Some("odd key"));
        assert_eq!(assigned_key("a sentence with = in it"), None);
        assert_eq!(assigned_key("[[record]]"), None);
        let lines = ["[[record]]", "id = \"a\"", "name = 1", "id = \"b\""];
        let found = key_lines(&lines, 2, 5);
        assert_eq!((found["id"], found["name"]), (2, 3));
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_date("2025"), Some((2025, 1, 1)));
        assert_eq!(parse_date("2024-11"), Some((2024, 11, 1)));
        assert_eq!(parse_date("2024-11-07"), Some((2024, 11, 7)));
        assert_eq!(parse_date("2024-13"), None);
        assert_eq!(parse_date("Nov 2024"), None);
    }

    #[test]
    fn links_follow_the_shared_table() {
        for &(kind, v, ok) in links::CASES {
            assert_eq!(check_link(kind, v).is_ok(), ok, "{kind:?} {v:?}");
        }
        let spoof = check_url("https://example.org.uk/\u{202E}fdp.exe").unwrap_err();
        assert!(spoof.contains("U+202E"), "{spoof}");
        let long = check_url(&format!("https://a.uk/{}", "a".repeat(100_000))).unwrap_err();
        assert!(long.len() < 100 && long.contains("500"), "{long}");
    }

    #[test]
    fn contacts_are_checked() {
        assert!(check_url("https://www.example.org.uk/path").is_ok());
        assert!(check_url("http://example.org").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_link(LinkKind::Email, "localoffer@worcschildrenfirst.org.uk").is_ok());
        assert!(check_link(LinkKind::Email, "not an email").is_err());
        assert!(check_link(LinkKind::Phone, "01905 846000").is_ok());
        assert!(check_link(LinkKind::Phone, "+44 1905 846000").is_ok());
        assert!(check_link(LinkKind::Phone, "12345").is_err());
    }
}
