//! Open Referral UK: reading the feeds councils publish into [`Record`]s, and writing our records
//! out as an ORUK 3.0 `service_list` page.
//!
//! A feed comes in many shapes, and this module finds which one a file is before reading it:
//!
//! | shape | looks like | read as |
//! | ----- | ---------- | ------- |
//! | ORUK 3.0 / HSDS 3.0 service | `{ "id", "name", "status", … }` | one service ([`read_v3`]) |
//! | ORUK 3.0 page | `{ "total_items", …, "contents": [ … ] }` | each item by its own shape |
//! | ORUK v1 service list | `[ { "id", "name", "pc_metadata", … } ]` | services ([`read_v1`]) |
//! | ORUK v1 page | `{ "totalElements", …, "content": [ … ] }` | each item by its own shape |
//! | `service_at_location` | `{ "id", "location", "service" }` | the service inside, at that location |
//! | `organization` | `{ "id", "name", "services": [ … ] }` | its services, with its name |
//! | taxonomy, taxonomy term, JSON Schema | `taxonomy_terms`, `term`, `properties` | nothing: noted and passed over |
//!
//! Each item is typed with serde (`#[serde(default)]` for what a feed leaves out, untagged enums
//! for values written two ways). Positions come from the parser itself: every item and field is
//! kept as a `RawValue`, a slice of the file's text, so its line is where that slice starts, and
//! a serde error inside an item carries its own line. Problems name the JSON pointer of the value
//! (`/contents/12/name`).
//!
//! A feed's problems are warnings, not a wall: a link or date the Local Offer cannot use is
//! fixed (and said so) or left out, and a service that cannot be shown (no name, no id, a shape
//! serde cannot read) is skipped, counted in [`ImportStats`]. Only a file that is not JSON at all,
//! and mistakes in our own `x_local_offer` extension, are errors.

pub mod html;
pub mod read_v1;
pub mod read_v3;
pub mod report;
pub mod write_v3;

use crate::feed_terms::FeedTerms;
use crate::load::Loaded;
use crate::problem::Problems;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

pub use write_v3::export;

/// The name of our extension object on each exported service.
pub const EXTENSION: &str = "x_local_offer";

/// Something in a feed the Local Offer has no field for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// JSON pointer, such as `/contents/2/accreditations`.
    pub path: String,
    /// Why it was not kept.
    pub reason: String,
}

impl Unmapped {
    /// The pointer with item numbers as `*`, so one field of many services counts once.
    pub fn field(&self) -> String {
        self.path
            .split('/')
            .map(|p| {
                if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) {
                    "*"
                } else {
                    p
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// What an import read, kept and skipped, for the build's table.
#[derive(Debug, Default, Clone)]
pub struct ImportStats {
    /// ORUK files read.
    pub files: usize,
    /// Services found in them.
    pub services_in: usize,
    /// Services loaded as records.
    pub services_out: usize,
    /// Services skipped, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Items or files that are not services (taxonomies, schemas), by what they are.
    pub passed_over: BTreeMap<String, usize>,
    /// What the kept services' audiences and taxonomy terms became.
    pub terms: TermTally,
    /// The table of feed words that mean needs (`feed_terms.toml`, or the built-in one).
    pub feed_terms: String,
}

impl ImportStats {
    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }
}

/// What a kind of feed term (target audiences, or taxonomy terms) became: each value of each
/// service is counted once as read, and once under each thing it became (an audience is
/// always a keyword, and sometimes a need too).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TermCounts {
    pub read: usize,
    pub needs: usize,
    pub provision_types: usize,
    pub keywords: usize,
}

impl TermCounts {
    fn add(&mut self, o: &TermCounts) {
        self.read += o.read;
        self.needs += o.needs;
        self.provision_types += o.provision_types;
        self.keywords += o.keywords;
    }
}

/// What one service's feed terms became.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TermTally {
    /// Target audiences (ORUK v1 `pc_targetAudience`).
    pub audiences: TermCounts,
    /// Taxonomy terms (`attributes[].taxonomy_term`, v1 `service_taxonomys`).
    pub taxonomy_terms: TermCounts,
}

impl TermTally {
    pub fn add(&mut self, o: &TermTally) {
        self.audiences.add(&o.audiences);
        self.taxonomy_terms.add(&o.taxonomy_terms);
    }
}

/// A service read from a feed: its record, and what its terms became (counted only if the
/// record is kept: a later duplicate id still skips it).
#[derive(Debug)]
pub struct Imported {
    pub loaded: Loaded,
    pub terms: TermTally,
}

/// The file being read: its text, where its lines start, and where problems go.
pub(crate) struct Ctx<'p> {
    pub file: &'p Path,
    pub file_name: String,
    text: &'p str,
    newlines: Vec<usize>,
    pub problems: &'p mut Problems,
    pub unmapped: Vec<Unmapped>,
    pub stats: &'p mut ImportStats,
    /// The rule that says which feed terms are needs.
    pub terms: &'p FeedTerms,
}

impl Ctx<'_> {
    /// Line (1-based) of a byte offset in the file.
    fn line_at(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }

    /// Line where a raw value (a slice of the file's text) starts.
    pub fn line_of(&self, raw: &RawValue) -> usize {
        let offset = (raw.get().as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize);
        if offset <= self.text.len() {
            self.line_at(offset)
        } else {
            1
        }
    }

    pub fn warning(&mut self, line: usize, pointer: &str, message: impl Into<String>) {
        self.problems.warning(self.file, line, pointer, message);
    }

    pub fn error(&mut self, line: usize, pointer: &str, message: impl Into<String>) {
        self.problems.error(self.file, line, pointer, message);
    }

    pub fn unmapped(&mut self, path: String, reason: impl Into<String>) {
        self.unmapped.push(Unmapped {
            path,
            reason: reason.into(),
        });
    }

    /// A service not loaded: a warning at its line, counted by reason.
    pub fn skip(&mut self, line: usize, pointer: &str, reason: &str, detail: &str) {
        self.stats.skip(reason);
        let detail = if detail.is_empty() {
            String::new()
        } else {
            format!(" ({detail})")
        };
        self.warning(line, pointer, format!("service skipped: {reason}{detail}"));
    }
}

/// The shape of one JSON object in a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    ServiceV3,
    ServiceV1,
    ServiceAtLocation,
    Organization,
    Taxonomy,
    Schema,
    Unknown,
}

/// Keys only ORUK v1 services have.
const V1_KEYS: &[&str] = &[
    "deliverable_type",
    "attending_type",
    "attending_access",
    "eligibilitys",
    "service_taxonomys",
    "regular_schedules",
    "holiday_schedules",
    "reviews",
];

/// Which shape an object's keys say it is.
pub(crate) fn shape(keys: &BTreeMap<String, &RawValue>) -> Shape {
    let has = |k: &str| keys.contains_key(k);
    if (has("properties") && has("type")) || (has("items") && has("type") && keys.len() <= 3) {
        Shape::Schema
    } else if ((has("location") && has("service")) || (has("location_id") && has("service_id")))
        && !has("name")
    {
        Shape::ServiceAtLocation
    } else if has("taxonomy_terms")
        || ((has("term") || has("taxonomy") || (has("version") && has("uri"))) && !has("status"))
    {
        Shape::Taxonomy
    } else if (has("services") && has("name") && !has("status"))
        || ((has("website")
            || has("organization_identifiers")
            || has("legal_status")
            || has("tax_status"))
            && !has("status"))
    {
        Shape::Organization
    } else if keys.keys().any(|k| k.starts_with("pc_")) || V1_KEYS.iter().any(|k| has(k)) {
        Shape::ServiceV1
    } else if has("name") || has("id") {
        Shape::ServiceV3
    } else {
        Shape::Unknown
    }
}

/// One object of a feed: its text, where it is, and its fields.
pub(crate) struct Item<'t> {
    pub raw: &'t RawValue,
    pub pointer: String,
    pub line: usize,
    pub fields: BTreeMap<String, &'t RawValue>,
}

impl Item<'_> {
    /// Line of a top-level field, or of the item when it is absent.
    pub fn line_of(&self, ctx: &Ctx, key: &str) -> usize {
        self.fields.get(key).map_or(self.line, |r| ctx.line_of(r))
    }

    pub fn pointer_to(&self, key: &str) -> String {
        format!("{}/{key}", self.pointer)
    }
}

/// Keys of a paged API answer (ORUK 3.0 and v1) that are not services.
const PAGE_KEYS: &[&str] = &[
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "totalElements",
    "totalPages",
    "number",
    "first",
    "last",
    "numberOfElements",
    "pageable",
    "sort",
];

/// Loads one ORUK JSON file (any shape above), reading its terms by `terms`. Returns the
/// records (each with what its terms became) and what could not be mapped; counts go to
/// `stats`.
pub fn load_oruk(
    path: &Path,
    problems: &mut Problems,
    stats: &mut ImportStats,
    terms: &FeedTerms,
) -> (Vec<Imported>, Vec<Unmapped>) {
    let raw = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.error(path, 0, "-", format!("cannot read the file: {e}"));
            return (Vec::new(), Vec::new());
        }
    };
    stats.files += 1;
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let mut ctx = Ctx {
        file: path,
        file_name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        text,
        newlines: text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect(),
        problems,
        unmapped: Vec::new(),
        stats,
        terms,
    };
    let items = match document_items(&mut ctx, text) {
        Ok(items) => items,
        Err(e) => {
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .map_or(full.as_str(), |i| &full[..i]);
            ctx.error(
                e.line().max(1),
                "-",
                format!("bad JSON: {message} (column {})", e.column()),
            );
            return (Vec::new(), Vec::new());
        }
    };
    let mut out = Vec::new();
    let services_before = ctx.stats.services_in;
    let passed_before: usize = ctx.stats.passed_over.values().sum();
    for (raw, pointer) in items {
        read_item(&mut ctx, raw, pointer, None, &mut out);
    }
    let passed_over = ctx.stats.passed_over.values().sum::<usize>() > passed_before;
    if ctx.stats.services_in == services_before && !passed_over {
        ctx.warning(1, "-", "the file holds no services");
    }
    ctx.stats.services_out += out.len();
    (out, ctx.unmapped)
}

/// The objects a document holds, each with its JSON pointer: a list's items, a page's
/// `contents` (3.0) or `content` (v1) or `services`, or the document itself.
fn document_items<'t>(
    ctx: &mut Ctx,
    text: &'t str,
) -> Result<Vec<(&'t RawValue, String)>, serde_json::Error> {
    let first = text.trim_start().as_bytes().first().copied();
    if first == Some(b'[') {
        let list: Vec<&RawValue> = serde_json::from_str(text)?;
        return Ok(numbered(list, ""));
    }
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text)?;
    for key in ["contents", "content", "services"] {
        let Some(list) = top.get(key) else { continue };
        if key == "services" && top.contains_key("name") {
            break; // an organization with its services
        }
        let items: Vec<&RawValue> = match serde_json::from_str(list.get()) {
            Ok(items) => items,
            Err(e) => {
                let line = ctx.line_of(list);
                ctx.error(line, &format!("/{key}"), format!("must be a list: {e}"));
                return Ok(Vec::new());
            }
        };
        page_note(ctx, &top, key);
        return Ok(numbered(items, &format!("/{key}")));
    }
    // serde_json accepts the object twice over cheaply: this is the same text as one item.
    let whole: &RawValue = serde_json::from_str(text)?;
    Ok(vec![(whole, String::new())])
}

fn numbered<'t>(list: Vec<&'t RawValue>, base: &str) -> Vec<(&'t RawValue, String)> {
    list.into_iter()
        .enumerate()
        .map(|(i, r)| (r, format!("{base}/{i}")))
        .collect()
}

/// Notes the page's other fields, and warns when the page is not the last one.
fn page_note(ctx: &mut Ctx, top: &BTreeMap<String, &RawValue>, key: &str) {
    for (other, raw) in top {
        if other != key && !PAGE_KEYS.contains(&other.as_str()) {
            ctx.unmapped(
                format!("/{other}"),
                format!("not a service: only the \"{key}\" of a page are read"),
            );
            let _ = raw;
        }
    }
    let number = |k: &str| {
        top.get(k)
            .and_then(|r| serde_json::from_str::<u64>(r.get()).ok())
    };
    let flag = |k: &str| {
        top.get(k)
            .and_then(|r| serde_json::from_str::<bool>(r.get()).ok())
    };
    // 3.0 counts pages from 1; v1 (Spring) from 0.
    let (page, pages, last) = if key == "content" {
        (
            number("number").map(|n| n + 1),
            number("totalPages"),
            flag("last"),
        )
    } else {
        (
            number("page_number"),
            number("total_pages"),
            flag("last_page"),
        )
    };
    if let (Some(page), Some(pages)) = (page, pages) {
        if (page < pages || last == Some(false)) && !all_pages_beside(ctx.file, pages) {
            ctx.warning(
                1,
                "-",
                format!("this is page {page} of {pages}; only its services are loaded"),
            );
        }
    }
}

/// True when `file` is one of the pages `index-builder pull` writes (`page-0001.json`, …) and
/// every page of the feed is in its folder: then all of them are loaded, not only this one.
fn all_pages_beside(file: &Path, pages: u64) -> bool {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name().and_then(|n| n.to_str())) else {
        return false;
    };
    crate::pull::is_page_file(name)
        && u32::try_from(pages)
            .is_ok_and(|n| (1..=n).all(|p| dir.join(crate::pull::page_file_name(p)).is_file()))
}

/// Reads one object of a feed by its shape; services become records in `out`.
pub(crate) fn read_item(
    ctx: &mut Ctx,
    raw: &RawValue,
    pointer: String,
    organization: Option<&str>,
    out: &mut Vec<Imported>,
) {
    let line = ctx.line_of(raw);
    let fields: BTreeMap<String, &RawValue> = match serde_json::from_str(raw.get()) {
        Ok(f) => f,
        Err(_) => {
            ctx.stats.services_in += 1;
            ctx.skip(line, &pointer_or_root(&pointer), "not an object", "");
            return;
        }
    };
    let item = Item {
        raw,
        pointer,
        line,
        fields,
    };
    match shape(&item.fields) {
        Shape::ServiceV3 => {
            ctx.stats.services_in += 1;
            if let Some(s) = parse::<read_v3::Service>(ctx, &item) {
                if let Some(l) = read_v3::convert(ctx, s, &item, organization) {
                    out.push(l);
                }
            }
        }
        Shape::ServiceV1 => {
            ctx.stats.services_in += 1;
            if let Some(s) = parse::<read_v1::Service>(ctx, &item) {
                if let Some(l) = read_v3::convert(ctx, s.into_v3(), &item, organization) {
                    out.push(l);
                }
            }
        }
        Shape::ServiceAtLocation => read_v3::service_at_location(ctx, &item, out),
        Shape::Organization => read_v3::organization(ctx, &item, out),
        Shape::Taxonomy | Shape::Schema | Shape::Unknown => {
            let what = match shape(&item.fields) {
                Shape::Taxonomy => "taxonomy or taxonomy term",
                Shape::Schema => "JSON Schema",
                _ => "object of no known ORUK shape",
            };
            *ctx.stats.passed_over.entry(what.to_string()).or_default() += 1;
            let p = pointer_or_root(&item.pointer);
            ctx.warning(line, &p, format!("a {what}, not a service: passed over"));
        }
    }
}

pub(crate) fn pointer_or_root(p: &str) -> String {
    if p.is_empty() {
        "/".to_string()
    } else {
        p.to_string()
    }
}

/// Types one item; a value of the wrong type skips the service with the parser's own line.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(ctx: &mut Ctx, item: &Item) -> Option<T> {
    match serde_json::from_str::<T>(item.raw.get()) {
        Ok(v) => Some(v),
        Err(e) => {
            // serde_json counts lines within the item's own text.
            let line = item.line + e.line().saturating_sub(1);
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .map_or(full.as_str(), |i| &full[..i]);
            let detail = format!("{message}, line {line} column {}", e.column());
            if message.contains(EXTENSION) || message.contains("expected one of `id`, `kind`") {
                // Our own extension must be right.
                ctx.error(line, &pointer_or_root(&item.pointer), detail);
                ctx.stats.skip("cannot be read");
            } else {
                ctx.skip(
                    line,
                    &pointer_or_root(&item.pointer),
                    "cannot be read",
                    &detail,
                );
            }
            None
        }
    }
}

/// A list field that may be `null` in a feed: `null` reads as empty.
pub(crate) fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
