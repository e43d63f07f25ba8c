//! Open Referral UK (ORUK 3.0, the UK profile of HSDS 3.0): reading ORUK service JSON into
//! [`Record`]s, and writing our records out as ORUK services.
//!
//! ## How the fields map
//!
//! | Record            | ORUK service                                                           |
//! | ----------------- | ---------------------------------------------------------------------- |
//! | `name`, `alternate_name`, `description` | the same fields                          |
//! | `contacts`        | a web contact from `url`, an email from `email` (or else the first `contacts[].email`), a phone as below; our full list, with labels, in `x_local_offer.contacts` |
//! | `minimum_age`, `maximum_age` | the same fields (a maximum above 25 means "no upper age")   |
//! | `eligibility`     | `eligibility_description`                                              |
//! | `status`          | `status`: active; ended ↔ `defunct`; paused ↔ `temporarily closed` (and `inactive` comes in as paused); `planned` goes out as `inactive` |
//! | `organization`    | `organization.name`                                                    |
//! | phone contact     | the first of `phones`, `contacts[].phones`, and the locations' phones  |
//! | `address`         | the first `service_at_locations[].location.addresses[]`, its parts joined by ", " |
//! | `districts`       | `service_areas[].name`: district names, towns, "Worcestershire" (countywide) |
//! | `cost`            | `cost_options` (amount 0 is free, a charge is paid, both is mixed); else `fees_description` |
//! | `needs`           | `attributes[].taxonomy_term` whose code or name is a need type         |
//! | `kind`, `provision_type` | a taxonomy term naming a kind of setting makes the service a provision |
//! | `keywords`        | the other taxonomy terms                                               |
//! | `access`          | `application_process`, when it is a list of our access labels          |
//! | `waiting`         | `wait_time` (deprecated in ORUK, still read)                           |
//! | `last_reviewed`   | `assured_date`, else the date of `last_modified`                       |
//! | `source`          | "<file name> § ORUK service <id>"                                      |
//! | `id`              | the ORUK id, lower-cased, with every other character made `-`          |
//!
//! Fields ORUK has no place for (easy read, keywords, needs as codes, waiting, provision details,
//! stages, starts/ends, what replaced an ended record, the next step, labelled contacts, see
//! also, our id, source, review and checked dates, and `planned`) go out in an `x_local_offer` object on
//! each service. On the way in, a value in `x_local_offer` wins over the one read from ORUK, so
//! export followed by [`load_oruk`] gives back every record exactly.
//!
//! Everything in an ORUK service that does not fit a [`Record`] field is listed as [`Unmapped`]
//! (its JSON path and why), so the build report can show what an import left behind. Problems go
//! to [`Problems`] at the file, the line of the offending value, and its JSON path.
//!
//! serde_json gives values without positions, so lines come from a small scanner over the same
//! text that records where each value starts.

use crate::load::{check_url, parse_date, Loaded};
use crate::problem::Problems;
use local_offer_search::model::{
    Access, Contact, ContactKind, Cost, District, Kind, Need, ProvisionType, Record, Stage, Status,
    UnknownValue, WaitingFor, MAX_AGE,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The name of our extension object on each exported service.
pub const EXTENSION: &str = "x_local_offer";

/// Something in an ORUK file the Local Offer has no field for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// JSON path, such as `services[2].accreditations`.
    pub path: String,
    /// Why it was not kept.
    pub reason: String,
}

/// The fields `x_local_offer` may hold.
const EXTENSION_KEYS: &[&str] = &[
    "id",
    "kind",
    "summary",
    "description",
    "easy_read",
    "needs",
    "access",
    "keywords",
    "waiting",
    "provision_type",
    "places",
    "stages",
    "starts",
    "ends",
    "replaced_by",
    "how_to_get",
    "contacts",
    "last_checked",
    "waiting_for",
    "see_also",
    "source",
    "last_reviewed",
    "status",
    "address",
];

/// Fields of an ORUK 3.0 service (HSDS 3.0 with the UK profile).
const ORUK_SERVICE_KEYS: &[&str] = &[
    "id",
    "organization_id",
    "program_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "fees",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "licenses",
    "alert",
    "last_modified",
    "phones",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "organization",
    "funding",
    "cost_options",
    "program",
    "required_documents",
    "contacts",
    "attributes",
    "metadata",
];

/// Keys of a paged API answer that are not services.
const PAGE_KEYS: &[&str] = &[
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
];

/// How a paid cost option we write describes itself.
const PAID_OPTION: &str = "Charges apply";
const PAID_NOTE: &str = "Contact the service for prices";
const FREE_OPTION: &str = "Free";

/// The ORUK status names, in [`Status`] order where they exist.
const ORUK_STATUSES: &[&str] = &["active", "inactive", "defunct", "temporarily closed"];

// ---------------------------------------------------------------------------------------------
// Where values start in the text
// ---------------------------------------------------------------------------------------------

/// Where a JSON value starts, and where its children start.
struct Node {
    start: usize,
    kind: NodeKind,
}

enum NodeKind {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    Scalar,
}

/// Walks JSON text that serde_json has already accepted, noting where each value starts. Returns
/// `None` rather than panicking if the text is not as expected.
struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl<'t> Scanner<'t> {
    fn document(text: &'t str) -> Option<Node> {
        let mut s = Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        s.value()
    }

    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_space();
        let start = self.pos;
        let kind = match self.peek()? {
            b'{' => {
                self.pos += 1;
                let mut entries = Vec::new();
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.skip_space();
                        let key = self.string()?;
                        self.skip_space();
                        if self.peek()? != b':' {
                            return None;
                        }
                        self.pos += 1;
                        entries.push((key, self.value()?));
                        self.skip_space();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            b'}' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                NodeKind::Object(entries)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.skip_space();
                        match self.peek()? {
                            b',' => self.pos += 1,
                            b']' => {
                                self.pos += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                NodeKind::Array(items)
            }
            b'"' => {
                self.string()?;
                NodeKind::Scalar
            }
            _ => {
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                NodeKind::Scalar
            }
        };
        Some(Node { start, kind })
    }

    /// A string at the cursor, decoded.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        serde_json::from_str(self.text.get(start..self.pos)?).ok()
    }
}

/// A value, where it starts, and its JSON path.
#[derive(Clone)]
struct At<'a> {
    value: &'a Value,
    node: Option<&'a Node>,
    path: String,
}

static NULL: Value = Value::Null;

fn join_path(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

impl<'a> At<'a> {
    /// The value of `key`, if this is an object that has it.
    fn field(&self, key: &str) -> Option<At<'a>> {
        let value = self.value.as_object()?.get(key)?;
        // serde_json keeps the last of repeated keys; so do we.
        let node = self.node.and_then(|n| match &n.kind {
            NodeKind::Object(entries) => entries.iter().rev().find(|(k, _)| k == key),
            _ => None,
        });
        Some(At {
            value,
            node: node.map(|(_, v)| v),
            path: join_path(&self.path, key),
        })
    }

    /// The value of `key` unless it is absent or null.
    fn present(&self, key: &str) -> Option<At<'a>> {
        self.field(key).filter(|a| !a.value.is_null())
    }

    /// A stand-in for an absent `key`, placed at this value.
    fn missing(&self, key: &str) -> At<'a> {
        At {
            value: &NULL,
            node: self.node,
            path: join_path(&self.path, key),
        }
    }

    /// The items of an array, each path `name[i]`.
    fn items_named(&self, name: &str) -> Vec<At<'a>> {
        let Some(values) = self.value.as_array() else {
            return Vec::new();
        };
        let nodes = match self.node.map(|n| &n.kind) {
            Some(NodeKind::Array(items)) => Some(items),
            _ => None,
        };
        values
            .iter()
            .enumerate()
            .map(|(i, value)| At {
                value,
                node: nodes.and_then(|n| n.get(i)),
                path: format!("{name}[{i}]"),
            })
            .collect()
    }

    fn items(&self) -> Vec<At<'a>> {
        self.items_named(&self.path)
    }

    fn keys(&self) -> Vec<&'a str> {
        self.value
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Trimmed text of a string value; empty for anything else.
    fn str(&self) -> &'a str {
        self.value.as_str().map_or("", str::trim)
    }
}

/// Null, blank text, or an empty list or object: nothing is lost by leaving it out.
fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Keys that only link or classify objects, and lose nothing when left out.
fn structural(key: &str) -> bool {
    key == "id"
        || key.ends_with("_id")
        || matches!(
            key,
            "link_type"
                | "link_entity"
                | "type"
                | "location_type"
                | "address_type"
                | "country"
                | "state_province"
                | "region"
                | "currency"
                | "extent_type"
                | "metadata"
        )
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// The run's file, its line table, and where problems and unmapped fields go.
struct Ctx<'p> {
    file: &'p Path,
    newlines: Vec<usize>,
    problems: &'p mut Problems,
    unmapped: Vec<Unmapped>,
}

impl Ctx<'_> {
    fn line(&self, at: &At) -> usize {
        at.node
            .map_or(1, |n| self.newlines.partition_point(|&nl| nl < n.start) + 1)
    }

    fn error(&mut self, at: &At, message: impl Into<String>) {
        let line = self.line(at);
        self.problems.error(self.file, line, &at.path, message);
    }

    fn warning(&mut self, at: &At, message: impl Into<String>) {
        let line = self.line(at);
        self.problems.warning(self.file, line, &at.path, message);
    }

    fn unmapped(&mut self, at: &At, reason: impl Into<String>) {
        self.unmapped.push(Unmapped {
            path: at.path.clone(),
            reason: reason.into(),
        });
    }

    /// Lists every key of `at` other than `handled`, structural keys and blanks as unmapped.
    fn leftovers(&mut self, at: &At, handled: &[&str], reason: &str) {
        for key in at.keys() {
            if handled.contains(&key) || structural(key) {
                continue;
            }
            if let Some(v) = at.field(key).filter(|v| !blank(v.value)) {
                self.unmapped(&v, reason);
            }
        }
    }

    fn text(&mut self, at: &At) -> String {
        match at.value {
            Value::String(s) => s.trim().to_string(),
            Value::Null => String::new(),
            _ => {
                self.error(at, "must be text in quotes");
                String::new()
            }
        }
    }

    /// The items of a list; an error if it is not one.
    fn list<'a>(&mut self, at: &At<'a>) -> Vec<At<'a>> {
        match at.value {
            Value::Array(_) => at.items(),
            Value::Null => Vec::new(),
            _ => {
                self.error(at, "must be a list: [ … ]");
                Vec::new()
            }
        }
    }

    /// The objects of a list; an error for the list or any item that is not an object.
    fn objects<'a>(&mut self, at: &At<'a>) -> Vec<At<'a>> {
        let mut out = Vec::new();
        for item in self.list(at) {
            if item.value.is_object() {
                out.push(item);
            } else if !item.value.is_null() {
                self.error(&item, "must be an object { … }");
            }
        }
        out
    }

    fn texts(&mut self, at: &At) -> Vec<String> {
        let mut out = Vec::new();
        for item in self.list(at) {
            match item.value.as_str().map(str::trim) {
                Some("") => self.error(&item, "is empty"),
                Some(s) => out.push(s.to_string()),
                None => self.error(&item, "must be text in quotes"),
            }
        }
        out
    }

    fn vocab<T>(&mut self, at: &At, parse: fn(&str) -> Result<T, UnknownValue>) -> Option<T> {
        let s = self.text(at);
        if s.is_empty() {
            return None;
        }
        match parse(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(at, e.to_string());
                None
            }
        }
    }

    fn vocabs<T: PartialEq>(
        &mut self,
        at: &At,
        parse: fn(&str) -> Result<T, UnknownValue>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for item in self.list(at) {
            match item.value.as_str().map(str::trim).map(|s| (s, parse(s))) {
                Some((s, Ok(v))) if out.contains(&v) => {
                    self.error(&item, format!("\"{s}\" is listed twice"));
                }
                Some((_, Ok(v))) => out.push(v),
                Some((_, Err(e))) => self.error(&item, e.to_string()),
                None => self.error(&item, "must be text in quotes"),
            }
        }
        out
    }

    /// A whole number, written as a number or as digits in quotes.
    fn whole(&mut self, at: &At) -> Option<i64> {
        let n = match at.value {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        if n.is_none() {
            self.error(at, "must be a whole number");
        }
        n
    }
}

/// Loads one ORUK JSON file: a single service object, an array of services, or an object with a
/// `services` or `contents` array (a page of API output). Every service becomes a [`Loaded`]
/// record, even one with errors, so later checks see as much as possible; a service that is not
/// even an object is an error. Returns the records and everything that could not be mapped.
pub fn load_oruk(path: &Path, problems: &mut Problems) -> (Vec<Loaded>, Vec<Unmapped>) {
    let raw = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.error(path, 0, "-", format!("cannot read the file: {e}"));
            return (Vec::new(), Vec::new());
        }
    };
    let errors_before = problems.errors();
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let full = e.to_string();
            let message = full
                .rfind(" at line ")
                .map_or(full.as_str(), |i| &full[..i]);
            problems.error(
                path,
                e.line().max(1),
                "-",
                format!("bad JSON: {message} (column {})", e.column()),
            );
            return (Vec::new(), Vec::new());
        }
    };
    let node = Scanner::document(text);
    let mut ctx = Ctx {
        file: path,
        newlines: text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect(),
        problems,
        unmapped: Vec::new(),
    };
    let root = At {
        value: &value,
        node: node.as_ref(),
        path: String::new(),
    };
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );

    let services = match &value {
        Value::Array(_) => root.items_named("services"),
        Value::Object(m) if m.contains_key("services") || m.contains_key("contents") => {
            page_services(&mut ctx, &root)
        }
        Value::Object(_) => vec![At {
            path: "service".into(),
            ..root.clone()
        }],
        _ => {
            ctx.error(
                &At {
                    path: "-".into(),
                    ..root.clone()
                },
                "expected an ORUK service { … }, a list of services [ … ], \
                 or a page with a \"services\" or \"contents\" list",
            );
            Vec::new()
        }
    };
    if services.is_empty() && ctx.problems.errors() == errors_before {
        ctx.warning(
            &At {
                path: "-".into(),
                ..root.clone()
            },
            "the file holds no services",
        );
    }
    let mut out = Vec::new();
    for service in services {
        if let Some(l) = convert_service(&mut ctx, service, &file_name) {
            out.push(l);
        }
    }
    (out, ctx.unmapped)
}

/// The services of a page `{ "contents": [ … ] }` or `{ "services": [ … ] }`.
fn page_services<'a>(ctx: &mut Ctx, root: &At<'a>) -> Vec<At<'a>> {
    let key = if root.field("contents").is_some() {
        "contents"
    } else {
        "services"
    };
    for other in root.keys() {
        if other != key && !PAGE_KEYS.contains(&other) {
            if let Some(at) = root.field(other).filter(|a| !blank(a.value)) {
                ctx.unmapped(&at, "not a service: only the services of a page are read");
            }
        }
    }
    let number = |k: &str| root.field(k).and_then(|a| a.value.as_u64());
    if let (Some(page), Some(pages)) = (number("page_number"), number("total_pages")) {
        if page < pages
            || root
                .field("last_page")
                .is_some_and(|a| a.value.as_bool() == Some(false))
        {
            let at = root.missing("page_number");
            ctx.warning(
                &at,
                format!("this is page {page} of {pages}; only its services are loaded"),
            );
        }
    }
    match root.field(key) {
        Some(list) if list.value.is_array() => list.items_named(key),
        Some(list) => {
            ctx.error(&list, "must be a list of services: [ … ]");
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// One service being converted.
struct Conv<'a, 'c, 'p> {
    ctx: &'c mut Ctx<'p>,
    svc: At<'a>,
    x: Option<At<'a>>,
    used: Vec<&'a str>,
    oruk_id: String,
    loaded: Loaded,
    phones: Vec<At<'a>>,
    emails: Vec<At<'a>>,
    addresses: Vec<(String, At<'a>)>,
}

fn convert_service(ctx: &mut Ctx, svc: At, file_name: &str) -> Option<Loaded> {
    if !svc.value.is_object() {
        ctx.error(
            &svc,
            "must be an ORUK service object { … }; this service is not loaded",
        );
        return None;
    }
    let loaded = Loaded {
        record: Record::default(),
        file: ctx.file.to_path_buf(),
        line: ctx.line(&svc),
        field_lines: HashMap::new(),
        evidence_lines: Vec::new(),
    };
    let mut c = Conv {
        ctx,
        svc,
        x: None,
        used: Vec::new(),
        oruk_id: String::new(),
        loaded,
        phones: Vec::new(),
        emails: Vec::new(),
        addresses: Vec::new(),
    };
    c.extension();
    c.id();
    c.texts();
    c.terms();
    c.extension_only();
    c.ages();
    c.areas();
    c.cost();
    c.access();
    c.organization();
    c.status();
    c.contacts();
    c.locations();
    c.choose_contact_details();
    c.provenance(file_name);
    c.leftovers();
    Some(c.loaded)
}

impl<'a> Conv<'a, '_, '_> {
    /// The service's `key` unless absent or null; marks it as read.
    fn get(&mut self, key: &'a str) -> Option<At<'a>> {
        self.used.push(key);
        self.svc.present(key)
    }

    /// `x_local_offer.key` unless absent or null.
    fn ext(&self, key: &str) -> Option<At<'a>> {
        self.x.as_ref()?.present(key)
    }

    /// Notes that record field `field` came from `at`.
    fn mark(&mut self, field: &str, at: &At) {
        let line = self.ctx.line(at);
        self.loaded.field_lines.insert(field.to_string(), line);
    }

    fn rec(&mut self) -> &mut Record {
        &mut self.loaded.record
    }

    fn extension(&mut self) {
        let Some(x) = self.get(EXTENSION) else {
            return;
        };
        if !x.value.is_object() {
            self.ctx.error(&x, "must be an object { … }");
            return;
        }
        for key in x.keys() {
            if !EXTENSION_KEYS.contains(&key) {
                if let Some(at) = x.field(key) {
                    self.ctx.error(
                        &at,
                        format!(
                            "unknown {EXTENSION} field; expected one of {}",
                            EXTENSION_KEYS.join(", ")
                        ),
                    );
                }
            }
        }
        self.x = Some(x);
    }

    fn id(&mut self) {
        let oruk = self.get("id");
        self.oruk_id = match oruk.as_ref().map(|a| a.value) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                if let Some(a) = &oruk {
                    self.ctx.error(a, "must be text in quotes");
                }
                String::new()
            }
            None => String::new(),
        };
        if let Some(a) = self.ext("id") {
            let id = self.ctx.text(&a);
            self.mark("id", &a);
            if id.is_empty() {
                self.ctx.error(&a, "required");
            } else if !valid_id(&id) {
                self.ctx.error(
                    &a,
                    format!("\"{id}\" must be lower-case letters, digits and '-', starting with a letter or digit"),
                );
            }
            self.rec().id = id;
            return;
        }
        let at = oruk.unwrap_or_else(|| self.svc.missing("id"));
        self.mark("id", &at);
        if self.oruk_id.is_empty() {
            self.ctx
                .error(&at, "required: every ORUK service has an id");
            return;
        }
        let id = slug(&self.oruk_id);
        if !valid_id(&id) {
            self.ctx.error(
                &at,
                format!("\"{}\" cannot be made into a Local Offer id (letters, digits and '-', at most 80)", self.oruk_id),
            );
        }
        self.rec().id = id;
    }

    /// Name, alternate name, description, summary, easy read, eligibility.
    fn texts(&mut self) {
        match self.get("name") {
            Some(a) => {
                let name = self.ctx.text(&a);
                self.mark("name", &a);
                if name.is_empty() {
                    self.ctx.error(&a, "required: the service has no name");
                }
                self.rec().name = name;
            }
            None => {
                let at = self.svc.missing("name");
                self.ctx.error(&at, "required: the service has no name");
            }
        }
        if let Some(a) = self.get("alternate_name") {
            self.rec().alternate_name = self.ctx.text(&a);
            self.mark("alternate_name", &a);
        }
        let native = self.get("description");
        let native_text = native
            .as_ref()
            .map(|a| self.ctx.text(a))
            .unwrap_or_default();
        if let Some(a) = self.ext("description") {
            self.rec().description = self.ctx.text(&a);
            self.mark("description", &a);
        } else if let Some(a) = &native {
            self.rec().description = native_text.clone();
            self.mark("description", a);
        }
        if let Some(a) = self.ext("summary") {
            self.rec().summary = self.ctx.text(&a);
            self.mark("summary", &a);
        } else {
            self.rec().summary = first_sentence(&native_text);
            let at = native.unwrap_or_else(|| self.svc.missing("description"));
            self.mark("summary", &at);
            if self.loaded.record.summary.is_empty() {
                self.ctx.error(
                    &at,
                    "summary required: the service has no description to take one from",
                );
            }
        }
        if let Some(a) = self.ext("easy_read") {
            self.rec().easy_read = self.ctx.texts(&a);
            self.mark("easy_read", &a);
        }
        if let Some(a) = self.get("eligibility_description") {
            self.rec().eligibility = self.ctx.text(&a);
            self.mark("eligibility", &a);
        }
    }

    /// Kind, needs, provision type and keywords, from taxonomy terms and `x_local_offer`.
    fn terms(&mut self) {
        let mut needs: Vec<Need> = Vec::new();
        let mut types: Vec<(ProvisionType, At<'a>)> = Vec::new();
        let mut keywords: Vec<String> = Vec::new();
        let attributes = self.get("attributes");
        if let Some(list) = &attributes {
            for a in self.ctx.objects(list) {
                if let Some(v) = a.field("value").filter(|v| !blank(v.value)) {
                    self.ctx.unmapped(&v, "attribute values are not kept");
                }
                let Some(term) = a.present("taxonomy_term").filter(|t| t.value.is_object()) else {
                    if a.field("taxonomy_term_id").is_some_and(|t| !blank(t.value)) {
                        self.ctx.unmapped(
                            &a,
                            "the taxonomy term is given only by id; include the taxonomy_term object",
                        );
                    }
                    continue;
                };
                let name = term
                    .present("name")
                    .or_else(|| term.present("term"))
                    .map_or("", |t| t.str());
                let code = term.present("code").map_or("", |t| t.str());
                if let Some(n) = need_from_term(code, name) {
                    if !needs.contains(&n) {
                        needs.push(n);
                    }
                } else if let Some(p) = provision_from_term(code, name) {
                    types.push((p, term.clone()));
                } else if !name.is_empty() || !code.is_empty() {
                    let word = if name.is_empty() { code } else { name };
                    if !keywords.iter().any(|k| k.eq_ignore_ascii_case(word)) {
                        keywords.push(word.to_string());
                    }
                } else {
                    self.ctx
                        .unmapped(&term, "a taxonomy term with no name or code");
                }
            }
        }
        let kind = match self.ext("kind") {
            Some(a) => {
                self.mark("kind", &a);
                match self.ctx.vocab(&a, Kind::parse) {
                    Some(Kind::Glossary) => {
                        self.ctx
                            .error(&a, "a glossary record cannot be an ORUK service");
                        Kind::Service
                    }
                    Some(k) => k,
                    None => Kind::Service,
                }
            }
            None if !types.is_empty() => Kind::Provision,
            None => Kind::Service,
        };
        self.rec().kind = kind;
        if let Some(a) = &attributes {
            self.mark("needs", a);
            self.mark("keywords", a);
            if kind == Kind::Provision {
                self.mark("provision_type", a);
            }
        }
        self.rec().needs = match self.ext("needs") {
            Some(a) => {
                self.mark("needs", &a);
                self.ctx.vocabs(&a, Need::parse)
            }
            None => needs,
        };
        self.rec().keywords = match self.ext("keywords") {
            Some(a) => {
                self.mark("keywords", &a);
                self.ctx.texts(&a)
            }
            None => keywords,
        };
        if let Some(a) = self.ext("provision_type") {
            self.mark("provision_type", &a);
            let p = self.ctx.vocab(&a, ProvisionType::parse);
            if kind == Kind::Provision {
                self.rec().provision_type = p;
            } else {
                self.ctx.error(
                    &a,
                    format!("only provisions have a provision_type, not a {kind} record"),
                );
            }
        } else if kind == Kind::Provision {
            let mut types = types.into_iter();
            if let Some((p, _)) = types.next() {
                self.rec().provision_type = Some(p);
            }
            for (_, term) in types {
                self.ctx.unmapped(&term, "only one kind of setting is kept");
            }
        } else {
            for (_, term) in types {
                self.ctx.unmapped(
                    &term,
                    format!("a kind of setting, but this record is a {kind} record"),
                );
            }
        }
    }

    /// Fields only `x_local_offer` carries: places, opens, waiting for, see also, waiting.
    fn extension_only(&mut self) {
        let kind = self.loaded.record.kind;
        if let Some(a) = self.ext("places") {
            self.mark("places", &a);
            match self.ctx.whole(&a) {
                _ if kind != Kind::Provision => {
                    self.ctx.error(
                        &a,
                        format!("only provisions have places, not a {kind} record"),
                    );
                }
                Some(n) => match u32::try_from(n) {
                    Ok(n) => self.rec().places = Some(n),
                    Err(_) => self.ctx.error(&a, format!("{n} is outside 0–{}", u32::MAX)),
                },
                None => {}
            }
        }
        for key in ["starts", "ends", "last_checked"] {
            let Some(a) = self.ext(key) else {
                continue;
            };
            self.mark(key, &a);
            let v = self.ctx.text(&a);
            if !v.is_empty() && parse_date(&v).is_none() {
                self.ctx.error(
                    &a,
                    format!("\"{v}\" is not a date as YYYY, YYYY-MM or YYYY-MM-DD"),
                );
            }
            let r = self.rec();
            match key {
                "starts" => r.starts = v,
                "ends" => r.ends = v,
                _ => r.last_checked = v,
            }
        }
        if let Some(a) = self.ext("replaced_by") {
            self.mark("replaced_by", &a);
            self.rec().replaced_by = self.ctx.text(&a);
        }
        if let Some(a) = self.ext("how_to_get") {
            self.mark("how_to_get", &a);
            self.rec().how_to_get = self.ctx.text(&a);
        }
        if let Some(a) = self.ext("stages") {
            self.mark("stages", &a);
            self.rec().stages = self.ctx.vocabs(&a, Stage::parse);
        }
        if let Some(a) = self.ext("waiting_for") {
            self.mark("waiting_for", &a);
            if kind == Kind::WaitSupport {
                self.rec().waiting_for = self.ctx.vocabs(&a, WaitingFor::parse);
            } else {
                self.ctx.error(
                    &a,
                    format!(
                        "only support-while-you-wait records have waiting_for, not a {kind} record"
                    ),
                );
            }
        }
        if let Some(a) = self.ext("see_also") {
            self.mark("see_also", &a);
            self.rec().see_also = self.ctx.texts(&a);
        }
        let native = self.get("wait_time");
        if let Some(a) = self.ext("waiting").or(native) {
            self.mark("waiting", &a);
            self.rec().waiting = self.ctx.text(&a);
        }
    }

    fn ages(&mut self) {
        let max_age = i64::from(MAX_AGE);
        for key in ["minimum_age", "maximum_age"] {
            let Some(a) = self.get(key) else {
                continue;
            };
            let Some(n) = self.ctx.whole(&a) else {
                continue;
            };
            self.mark(key, &a);
            if n < 0 || (n > max_age && key == "minimum_age") {
                self.ctx
                    .error(&a, format!("age {n} is outside 0–{MAX_AGE}"));
            } else if n > max_age {
                self.ctx.unmapped(
                    &a,
                    format!("maximum_age {n} is above the Local Offer's {MAX_AGE}, so no upper age is kept"),
                );
            } else if key == "minimum_age" {
                self.rec().minimum_age = Some(n as u8);
            } else {
                self.rec().maximum_age = Some(n as u8);
            }
        }
        if let (Some(lo), Some(hi)) = (
            self.loaded.record.minimum_age,
            self.loaded.record.maximum_age,
        ) {
            if lo > hi {
                let at = self.svc.missing("minimum_age");
                let at = self.svc.field("minimum_age").unwrap_or(at);
                self.ctx
                    .error(&at, format!("minimum_age {lo} is above maximum_age {hi}"));
            }
        }
    }

    fn areas(&mut self) {
        let Some(list) = self.get("service_areas") else {
            return;
        };
        self.mark("districts", &list);
        let mut districts = Vec::new();
        for area in self.ctx.objects(&list) {
            let name_at = area
                .present("name")
                .or_else(|| area.present("service_area"))
                .unwrap_or_else(|| area.missing("name"));
            let name = name_at.str();
            match district_from_area(name) {
                Some(d) => {
                    if !districts.contains(&d) {
                        districts.push(d);
                    }
                }
                None if name.is_empty() => {
                    self.ctx.unmapped(&area, "a service area with no name");
                }
                None => self.ctx.unmapped(
                    &name_at,
                    format!("\"{name}\" is not a Worcestershire district or town"),
                ),
            }
            self.ctx.leftovers(
                &area,
                &["name", "service_area"],
                "only the area's name is kept (as a district)",
            );
        }
        self.rec().districts = districts;
    }

    fn cost(&mut self) {
        let (mut free, mut paid) = (false, false);
        let options = self.get("cost_options");
        if let Some(list) = &options {
            self.mark("cost", list);
            for o in self.ctx.objects(list) {
                match self.cost_option(&o) {
                    Some(true) => free = true,
                    Some(false) => paid = true,
                    None => {}
                }
            }
        }
        let classified = free || paid;
        for key in ["fees_description", "fees"] {
            let Some(a) = self.get(key) else {
                continue;
            };
            let text = self.ctx.text(&a);
            if text.is_empty() {
                continue;
            }
            if classified {
                self.ctx.unmapped(
                    &a,
                    "free text about fees is not kept; cost comes from cost_options",
                );
                continue;
            }
            let (f, p) = fee_words(&text);
            free |= f;
            paid |= p;
            self.mark("cost", &a);
            let reason = match (f, p) {
                (false, false) => {
                    "free text about fees; cannot tell whether the service is free or paid"
                        .to_string()
                }
                _ => format!(
                    "free text about fees; only read as cost \"{}\"",
                    cost_of(f, p).map_or("", Cost::key)
                ),
            };
            self.ctx.unmapped(&a, reason);
        }
        self.rec().cost = cost_of(free, paid);
    }

    /// Whether one cost option is free (`Some(true)`) or paid; notes what is lost.
    fn cost_option(&mut self, o: &At<'a>) -> Option<bool> {
        let option = o.present("option").map_or("", |a| a.str());
        let note = o.present("amount_description").map_or("", |a| a.str());
        let amount = match o.present("amount") {
            None => None,
            Some(a) => match a.value {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.trim().trim_start_matches('£').parse::<f64>().ok(),
                _ => None,
            }
            .or_else(|| {
                self.ctx.error(&a, "must be a number");
                None
            }),
        };
        let free = match amount {
            Some(n) if n < 0.0 => {
                if let Some(a) = o.field("amount") {
                    self.ctx.error(&a, "a price cannot be below 0");
                }
                return None;
            }
            Some(n) => Some(n == 0.0),
            None => {
                let (f, p) = fee_words(&format!("{option} {note}"));
                match (f, p) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    _ => None,
                }
            }
        };
        let standard = match free {
            Some(true) => option.eq_ignore_ascii_case(FREE_OPTION) && note.is_empty(),
            Some(false) => amount.is_none() && option == PAID_OPTION && note == PAID_NOTE,
            None => false,
        };
        let dated = ["valid_from", "valid_to"]
            .iter()
            .any(|k| o.field(k).is_some_and(|v| !blank(v.value)));
        if free.is_none() {
            self.ctx
                .unmapped(o, "cannot tell whether this cost option is free or paid");
        } else if !standard || dated || amount.is_some_and(|n| n > 0.0) {
            self.ctx.unmapped(
                o,
                "only whether it is free or paid is kept, not the price, conditions or dates",
            );
        }
        free
    }

    fn access(&mut self) {
        let native = self.get("application_process");
        if let Some(a) = self.ext("access") {
            self.mark("access", &a);
            self.rec().access = self.ctx.vocabs(&a, Access::parse);
            return;
        }
        let Some(a) = native else {
            return;
        };
        let text = self.ctx.text(&a);
        if text.is_empty() {
            return;
        }
        let parts: Vec<Option<Access>> = text.split(';').map(access_from_text).collect();
        if parts.iter().all(Option::is_some) {
            let mut access = Vec::new();
            for p in parts.into_iter().flatten() {
                if !access.contains(&p) {
                    access.push(p);
                }
            }
            self.mark("access", &a);
            self.rec().access = access;
        } else {
            self.ctx.unmapped(
                &a,
                "free text; how to get the service is a fixed list in the Local Offer",
            );
        }
    }

    fn organization(&mut self) {
        let org_id = self.get("organization_id");
        if let Some(o) = self.get("organization") {
            if !o.value.is_object() {
                self.ctx.error(&o, "must be an object { … }");
                return;
            }
            if let Some(name) = o.present("name") {
                self.rec().organization = self.ctx.text(&name);
                self.mark("organization", &name);
            }
            self.ctx.leftovers(
                &o,
                &["name"],
                "organisation details other than its name are not kept",
            );
        }
        if self.loaded.record.organization.is_empty() {
            if let Some(a) = org_id.filter(|a| !blank(a.value)) {
                self.ctx.unmapped(
                    &a,
                    "the organisation is given only by id; its name is not in this service",
                );
            }
        }
    }

    fn status(&mut self) {
        let native = self.get("status");
        if let Some(a) = self.ext("status") {
            self.mark("status", &a);
            self.rec().status = self.ctx.vocab(&a, Status::parse).unwrap_or_default();
            return;
        }
        let Some(a) = native else {
            let at = self.svc.missing("status");
            self.ctx
                .warning(&at, "no status (ORUK requires one); taken as active");
            return;
        };
        self.mark("status", &a);
        let text = self.ctx.text(&a);
        match status_from_oruk(&text) {
            Some(s) => self.rec().status = s,
            None => self.ctx.error(
                &a,
                format!(
                    "unknown value \"{text}\"; expected one of {}",
                    ORUK_STATUSES.join(", ")
                ),
            ),
        }
    }

    /// Collects the numbers of a `phones` list.
    fn phone_list(&mut self, list: &At<'a>) {
        for p in self.ctx.objects(list) {
            match p.present("number") {
                Some(n) => self.phones.push(n),
                None => self.ctx.unmapped(&p, "a phone with no number"),
            }
            if let Some(x) = p.field("extension").filter(|x| !blank(x.value)) {
                self.ctx.unmapped(&x, "phone extensions are not kept");
            }
            self.ctx.leftovers(
                &p,
                &["number", "extension"],
                "phone details other than the number are not kept",
            );
        }
    }

    /// The service's own URL, email and phones, and its contacts.
    fn contacts(&mut self) {
        if let Some(a) = self.get("url") {
            let url = self.ctx.text(&a);
            self.mark("url", &a);
            if !url.is_empty() {
                if let Err(why) = check_url(&url) {
                    self.ctx.error(&a, why);
                }
                self.rec().contacts.push(Contact {
                    kind: ContactKind::Web,
                    value: url,
                    label: String::new(),
                    general: false,
                });
            }
        }
        if let Some(a) = self.get("email") {
            self.emails.push(a);
        }
        if let Some(list) = self.get("phones") {
            self.phone_list(&list);
        }
        let Some(list) = self.get("contacts") else {
            return;
        };
        for contact in self.ctx.objects(&list) {
            if let Some(e) = contact.present("email") {
                self.emails.push(e);
            }
            if let Some(p) = contact.present("phones") {
                self.phone_list(&p);
            }
            self.ctx.leftovers(
                &contact,
                &["email", "phones"],
                "contact details other than phone and email are not kept (no names of staff)",
            );
        }
    }

    /// Addresses and phones of the service's locations.
    fn locations(&mut self) {
        let Some(list) = self.get("service_at_locations") else {
            return;
        };
        for sal in self.ctx.objects(&list) {
            if let Some(p) = sal.present("phones") {
                self.phone_list(&p);
            }
            self.ctx.leftovers(
                &sal,
                &["location", "phones"],
                "details of the service at a location other than its address and phone are not kept",
            );
            let Some(loc) = sal.present("location").filter(|l| l.value.is_object()) else {
                if let Some(id) = sal.field("location_id").filter(|a| !blank(a.value)) {
                    self.ctx.unmapped(
                        &id,
                        "the location is given only by id; include the location object",
                    );
                }
                continue;
            };
            if let Some(p) = loc.present("phones") {
                self.phone_list(&p);
            }
            if let Some(addresses) = loc.present("addresses") {
                for addr in self.ctx.objects(&addresses) {
                    let mut parts = Vec::new();
                    for key in ["address_1", "address_2", "city", "postal_code"] {
                        if let Some(a) = addr.present(key) {
                            let t = self.ctx.text(&a);
                            if !t.is_empty() {
                                parts.push(t);
                            }
                        }
                    }
                    self.ctx.leftovers(
                        &addr,
                        &["address_1", "address_2", "city", "postal_code"],
                        "address parts other than the street, town and postcode are not kept",
                    );
                    if parts.is_empty() {
                        self.ctx
                            .unmapped(&addr, "an address with no street, town or postcode");
                    } else {
                        let at = addr.present("address_1").unwrap_or_else(|| addr.clone());
                        self.addresses.push((parts.join(", "), at));
                    }
                }
            }
            self.ctx.leftovers(
                &loc,
                &["addresses", "phones"],
                "location details other than the address and phone are not kept",
            );
        }
    }

    /// Keeps the first email, phone and address found; lists the rest.
    fn choose_contact_details(&mut self) {
        let emails = std::mem::take(&mut self.emails);
        let mut chosen = String::new();
        for a in emails {
            let e = self.ctx.text(&a);
            if e.is_empty() {
                continue;
            }
            if chosen.is_empty() {
                if !valid_email(&e) {
                    self.ctx
                        .error(&a, format!("\"{e}\" is not an email address"));
                }
                self.mark("email", &a);
                chosen = e;
            } else if !e.eq_ignore_ascii_case(&chosen) {
                self.ctx.unmapped(&a, "only one email address is kept");
            }
        }
        if !chosen.is_empty() {
            self.rec().contacts.push(Contact {
                kind: ContactKind::Email,
                value: chosen,
                label: String::new(),
                general: false,
            });
        }

        let phones = std::mem::take(&mut self.phones);
        let mut chosen = String::new();
        for a in phones {
            let p = self.ctx.text(&a);
            if p.is_empty() {
                continue;
            }
            if chosen.is_empty() {
                if !valid_phone(&p) {
                    self.ctx.error(
                        &a,
                        format!("\"{p}\" is not a UK phone number (0… or +44…, 10 or 11 digits)"),
                    );
                }
                self.mark("phone", &a);
                chosen = p;
            } else if digits(&p) != digits(&chosen) {
                self.ctx.unmapped(&a, "only one phone number is kept");
            }
        }
        if !chosen.is_empty() {
            self.rec().contacts.push(Contact {
                kind: ContactKind::Phone,
                value: chosen,
                label: String::new(),
                general: false,
            });
        }
        // Our own list, with labels, wins over what the ORUK fields gave.
        if let Some(list) = self.ext("contacts") {
            self.mark("contacts", &list);
            let mut contacts = Vec::new();
            for c in self.ctx.objects(&list) {
                let kind = c
                    .present("kind")
                    .and_then(|k| self.ctx.vocab(&k, ContactKind::parse));
                let value = c.present("value").map(|v| self.ctx.text(&v));
                let label = c
                    .present("label")
                    .map(|v| self.ctx.text(&v))
                    .unwrap_or_default();
                let general = c
                    .present("general")
                    .is_some_and(|g| g.value == &Value::Bool(true));
                match (kind, value) {
                    (Some(kind), Some(value)) if !value.is_empty() => contacts.push(Contact {
                        kind,
                        value,
                        label,
                        general,
                    }),
                    _ => self.ctx.error(&c, "a contact needs a kind and a value"),
                }
            }
            self.rec().contacts = contacts;
        }

        let addresses = std::mem::take(&mut self.addresses);
        let mut chosen = String::new();
        for (text, at) in addresses {
            if chosen.is_empty() {
                self.mark("address", &at);
                chosen = text;
            } else if text != chosen {
                self.ctx.unmapped(&at, "only one address is kept");
            }
        }
        if let Some(a) = self.ext("address") {
            self.mark("address", &a);
            chosen = self.ctx.text(&a);
        }
        self.rec().address = chosen;
    }

    /// Source and last reviewed.
    fn provenance(&mut self, file_name: &str) {
        if let Some(a) = self.ext("source") {
            self.mark("source", &a);
            self.rec().source = self.ctx.text(&a);
            if self.loaded.record.source.is_empty() {
                self.ctx.error(&a, "required");
            }
        } else {
            let line = self.loaded.line_of("id");
            self.loaded.field_lines.insert("source".into(), line);
            self.rec().source = format!("{file_name} § ORUK service {}", self.oruk_id);
        }
        let assured = self.get("assured_date");
        let modified = self.get("last_modified");
        if let Some(a) = self.ext("last_reviewed") {
            self.mark("last_reviewed", &a);
            let s = self.ctx.text(&a);
            if s.is_empty() {
                self.ctx.error(&a, "required");
            } else if parse_date(&s).is_none() {
                self.ctx.error(
                    &a,
                    format!("\"{s}\" is not a date as YYYY, YYYY-MM or YYYY-MM-DD"),
                );
            }
            self.rec().last_reviewed = s;
            return;
        }
        for a in [assured, modified].into_iter().flatten() {
            let s = self.ctx.text(&a);
            if s.is_empty() {
                continue;
            }
            self.mark("last_reviewed", &a);
            match date_part(&s) {
                Some(d) => self.rec().last_reviewed = d.to_string(),
                None => self
                    .ctx
                    .error(&a, format!("\"{s}\" is not a date (YYYY-MM-DD)")),
            }
            return;
        }
        let at = self.svc.missing("assured_date");
        self.ctx.error(
            &at,
            "last_reviewed required: the service has no assured_date or last_modified",
        );
    }

    /// Lists the service's fields that nothing read.
    fn leftovers(&mut self) {
        for key in self.svc.keys() {
            if self.used.contains(&key) {
                continue;
            }
            let Some(at) = self.svc.field(key).filter(|a| !blank(a.value)) else {
                continue;
            };
            let reason = match key {
                "accreditations" => "accreditations are not kept",
                "interpretation_services" => "interpretation services are not kept",
                "languages" => "the languages a service is offered in are not kept",
                "schedules" => "opening times are not kept",
                "funding" => "funding is not kept",
                "required_documents" => "required documents are not kept",
                "program" | "program_id" => "programmes are not kept",
                "alert" => "short-term alerts are not kept",
                "assurer_email" => "who assured the service is not kept",
                "licenses" => "licences are not kept",
                "metadata" => "the change history is not kept",
                k if ORUK_SERVICE_KEYS.contains(&k) => {
                    "an ORUK field the Local Offer has no place for"
                }
                _ => "not an ORUK 3.0 service field",
            };
            self.ctx.unmapped(&at, reason);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabularies and small rules
// ---------------------------------------------------------------------------------------------

/// Our id rules: lower-case letters, digits and '-', not starting with '-', at most 80.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An ORUK id as one of ours: lower case, every run of other characters one '-'.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The first sentence of a text: up to the first `.`, `!` or `?` that ends a word.
fn first_sentence(text: &str) -> String {
    let t = text.trim();
    for (i, c) in t.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let end = i + c.len_utf8();
            if t[end..].chars().next().is_none_or(char::is_whitespace) {
                return t[..end].to_string();
            }
        }
    }
    t.to_string()
}

/// The YYYY-MM-DD at the start of a date or date-time.
fn date_part(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let rest = &s[10..];
    (parse_date(d).is_some() && d.len() == 10 && (rest.is_empty() || rest.starts_with(['T', ' '])))
        .then_some(d)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// An email address: something, one '@', and a domain with a dot inside it.
fn valid_email(email: &str) -> bool {
    let mut halves = email.split('@');
    let (Some(local), Some(domain), None) = (halves.next(), halves.next(), halves.next()) else {
        return false;
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-');
    !local.is_empty()
        && local.chars().all(allowed)
        && domain.chars().all(allowed)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// A UK phone number: 0 and 10–11 digits, or +44 and 9–10 more.
fn valid_phone(phone: &str) -> bool {
    let t = phone.trim();
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
    {
        return false;
    }
    let d = digits(t);
    if t.starts_with('+') {
        return d
            .strip_prefix("44")
            .is_some_and(|rest| (9..=10).contains(&rest.len()));
    }
    d.starts_with('0') && (10..=11).contains(&d.len())
}

/// Whether a text says the thing is free, paid, or both.
fn fee_words(text: &str) -> (bool, bool) {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let free = words.contains(&"free") && !lower.contains("not free");
    let charge_word = words.iter().any(|w| {
        matches!(
            *w,
            "charge" | "charges" | "charged" | "pay" | "paid" | "fee" | "fees" | "price" | "prices"
        )
    });
    let no_charge = lower.contains("free of charge") || lower.contains("no charge");
    let paid = lower.contains('£') || lower.contains("not free") || (charge_word && !no_charge);
    (free, paid)
}

fn cost_of(free: bool, paid: bool) -> Option<Cost> {
    match (free, paid) {
        (true, true) => Some(Cost::Mixed),
        (true, false) => Some(Cost::Free),
        (false, true) => Some(Cost::Paid),
        (false, false) => None,
    }
}

fn status_to_oruk(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Planned => "inactive",
        Status::Ended => "defunct",
        Status::Paused => "temporarily closed",
    }
}

fn status_from_oruk(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().replace('_', " ").as_str() {
        "active" => Some(Status::Active),
        "inactive" | "temporarily closed" => Some(Status::Paused),
        "defunct" => Some(Status::Ended),
        _ => None,
    }
}

/// The service-area name we write for a district.
fn area_name(d: District) -> &'static str {
    match d {
        District::Countywide => "Worcestershire",
        other => other.label(),
    }
}

/// A district from a service area's name: a district, its key, or a town in it.
fn district_from_area(name: &str) -> Option<District> {
    let n = name
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if n.is_empty() {
        return None;
    }
    let n = n
        .strip_suffix(" district")
        .or_else(|| n.strip_suffix(" district council"))
        .unwrap_or(&n);
    for d in District::ALL {
        let key = d.key().replace('_', " ");
        if n == key || n == area_name(*d).to_lowercase() || n == d.label().to_lowercase() {
            return Some(*d);
        }
    }
    if matches!(
        n,
        "all of worcestershire" | "worcestershire county" | "county wide"
    ) {
        return Some(District::Countywide);
    }
    let town = n
        .trim_end_matches(" on severn")
        .trim_end_matches(" upon severn")
        .trim_end_matches(" spa")
        .trim_end_matches(" wells");
    District::ALL.iter().copied().find(|d| {
        d.place_words()
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(town))
    })
}

fn need_from_term(code: &str, name: &str) -> Option<Need> {
    Need::ALL.iter().copied().find(|n| {
        [code, name].iter().any(|t| {
            !t.is_empty() && (t.eq_ignore_ascii_case(n.key()) || t.eq_ignore_ascii_case(n.label()))
        })
    })
}

fn provision_from_term(code: &str, name: &str) -> Option<ProvisionType> {
    let by_vocab = ProvisionType::ALL.iter().copied().find(|p| {
        [code, name].iter().any(|t| {
            !t.is_empty()
                && (t.eq_ignore_ascii_case(p.key())
                    || t.eq_ignore_ascii_case(p.label())
                    || t.replace(' ', "_").eq_ignore_ascii_case(p.key()))
        })
    });
    by_vocab.or_else(|| {
        let n = name.trim().to_lowercase();
        Some(match n.as_str() {
            "schools" | "mainstream school" | "primary school" | "secondary school" => {
                ProvisionType::School
            }
            "special schools" => ProvisionType::SpecialSchool,
            "resource base" | "specialist resource base" | "sen units" => ProvisionType::SenUnit,
            "nursery"
            | "nurseries"
            | "early years"
            | "early years setting"
            | "pre-school"
            | "preschool"
            | "childminder" => ProvisionType::Nursery,
            "colleges" | "sixth form" | "post-16" | "post 16" | "further education" => {
                ProvisionType::College
            }
            "short breaks" => ProvisionType::ShortBreak,
            _ => return None,
        })
    })
}

fn access_from_text(part: &str) -> Option<Access> {
    let t = part.trim();
    Access::ALL
        .iter()
        .copied()
        .find(|a| t.eq_ignore_ascii_case(a.label()) || t.eq_ignore_ascii_case(a.key()))
}

/// Is this a UK postcode, such as `WR5 2QT` or `DY11 7QT`?
fn is_postcode(s: &str) -> bool {
    let compact: Vec<char> = s.chars().filter(|c| *c != ' ').collect();
    let n = compact.len();
    if !(5..=7).contains(&n) || s.split_whitespace().count() > 2 {
        return false;
    }
    let (outward, inward) = compact.split_at(n - 3);
    outward.first().is_some_and(char::is_ascii_uppercase)
        && outward
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && outward.iter().any(char::is_ascii_digit)
        && inward[0].is_ascii_digit()
        && inward[1..].iter().all(char::is_ascii_uppercase)
}

/// Our one-line address as ORUK address parts: the first part is the street, a trailing
/// postcode the postcode, the part before it the town, and anything between the second line.
fn address_parts(address: &str) -> Map<String, Value> {
    let mut parts: Vec<&str> = address
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut postcode = None;
    if let Some(last) = parts.pop() {
        // "Kidderminster DY11 7QT": the town and the postcode share the last part.
        let mut starts = Vec::new();
        let mut after_space = true;
        for (i, c) in last.char_indices() {
            if !c.is_whitespace() && after_space {
                starts.push(i);
            }
            after_space = c.is_whitespace();
        }
        let tail = starts.len().saturating_sub(2);
        let code = starts.get(tail).map_or("", |&i| &last[i..]);
        if is_postcode(last) {
            postcode = Some(last);
        } else if tail > 0 && is_postcode(code) {
            postcode = Some(code);
            parts.push(last[..starts[tail]].trim_end());
        } else {
            parts.push(last);
        }
    }
    let city = if parts.len() >= 2 { parts.pop() } else { None };
    let mut m = Map::new();
    let mut put = |k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k.into(), json!(v));
        }
    };
    put("address_1", parts.first().copied().unwrap_or(""));
    put("address_2", &parts.get(1..).unwrap_or(&[]).join(", "));
    put("city", city.unwrap_or(""));
    put("postal_code", postcode.unwrap_or(""));
    m
}

/// A stable UUID (RFC 9562 version 8, for names of our own) for `name`, so an export gives the
/// same ids every time without a UUID dependency.
fn uuid_for(name: &str) -> String {
    fn half(seed: u64, bytes: &[u8]) -> u64 {
        let mut h = seed;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // splitmix64 finaliser, to spread FNV's weak low bits.
        h ^= h >> 30;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 27;
        h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }
    let input = format!("local-offer:{name}");
    let a = half(0xcbf2_9ce4_8422_2325, input.as_bytes());
    let b = half(0x6c62_272e_07bb_0142, input.as_bytes());
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Our records as ORUK JSON: an array of service objects. Glossary records are not services:
/// they are left out and counted.
pub fn export(records: &[Record]) -> (Value, usize) {
    let mut services = Vec::new();
    let mut skipped = 0;
    for r in records {
        if r.kind == Kind::Glossary {
            skipped += 1;
        } else {
            services.push(export_service(r));
        }
    }
    (Value::Array(services), skipped)
}

fn keys<T>(values: &[T], key: fn(&T) -> &'static str) -> Value {
    Value::Array(values.iter().map(|v| json!(key(v))).collect())
}

fn export_service(r: &Record) -> Value {
    let sid = uuid_for(&format!("service/{}", r.id));
    let child = |what: &str| uuid_for(&format!("service/{}/{what}", r.id));
    let mut s = Map::new();
    let mut x = Map::new();
    fn put(m: &mut Map<String, Value>, k: &str, v: &str) {
        if !v.is_empty() {
            m.insert(k.to_string(), json!(v));
        }
    }

    s.insert("id".into(), json!(sid));
    put(&mut s, "name", &r.name);
    put(&mut s, "alternate_name", &r.alternate_name);
    if r.description.is_empty() {
        // ORUK readers expect a description: give them the summary, and keep ours empty.
        put(&mut s, "description", &r.summary);
        x.insert("description".into(), json!(""));
    } else {
        put(&mut s, "description", &r.description);
    }
    let first = |kind: ContactKind| {
        r.contacts
            .iter()
            .find(|c| c.kind == kind)
            .map_or("", |c| c.value.as_str())
    };
    put(&mut s, "url", first(ContactKind::Web));
    put(&mut s, "email", first(ContactKind::Email));
    s.insert("status".into(), json!(status_to_oruk(r.status)));
    if r.status == Status::Planned {
        x.insert("status".into(), json!(Status::Planned.key()));
    }
    put(&mut s, "eligibility_description", &r.eligibility);
    if let Some(a) = r.minimum_age {
        s.insert("minimum_age".into(), json!(a));
    }
    if let Some(a) = r.maximum_age {
        s.insert("maximum_age".into(), json!(a));
    }
    if r.last_reviewed.len() == 10 && parse_date(&r.last_reviewed).is_some() {
        s.insert("assured_date".into(), json!(r.last_reviewed));
    }
    if !r.access.is_empty() {
        let labels: Vec<&str> = r.access.iter().map(|a| a.label()).collect();
        s.insert("application_process".into(), json!(labels.join("; ")));
    }
    if !r.organization.is_empty() {
        let oid = uuid_for(&format!("organization/{}", r.organization));
        s.insert("organization_id".into(), json!(oid));
        s.insert(
            "organization".into(),
            json!({ "id": oid, "name": r.organization }),
        );
    }
    let phone = first(ContactKind::Phone);
    if !phone.is_empty() {
        let cid = child("contact");
        s.insert(
            "contacts".into(),
            json!([{
                "id": cid,
                "service_id": sid,
                "phones": [{ "id": child("phone"), "contact_id": cid, "number": phone }],
            }]),
        );
    }
    if !r.districts.is_empty() {
        let areas: Vec<Value> = r
            .districts
            .iter()
            .map(|d| {
                json!({
                    "id": child(&format!("area/{}", d.key())),
                    "service_id": sid,
                    "name": area_name(*d),
                })
            })
            .collect();
        s.insert("service_areas".into(), Value::Array(areas));
    }
    if !r.address.is_empty() {
        let lid = child("location");
        let mut address = address_parts(&r.address);
        let rebuilt: Vec<&str> = ["address_1", "address_2", "city", "postal_code"]
            .iter()
            .filter_map(|k| address.get(*k).and_then(Value::as_str))
            .collect();
        if rebuilt.join(", ") != r.address {
            x.insert("address".into(), json!(r.address));
        }
        address.insert("id".into(), json!(child("address")));
        address.insert("location_id".into(), json!(lid));
        address.insert("country".into(), json!("GB"));
        address.insert("address_type".into(), json!("physical"));
        s.insert(
            "service_at_locations".into(),
            json!([{
                "id": child("service-at-location"),
                "service_id": sid,
                "location_id": lid,
                "location": {
                    "id": lid,
                    "location_type": "physical",
                    "addresses": [Value::Object(address)],
                },
            }]),
        );
    }
    if let Some(cost) = r.cost {
        let free = json!({
            "id": child("cost/free"),
            "service_id": sid,
            "option": FREE_OPTION,
            "amount": 0,
            "currency": "GBP",
        });
        let paid = json!({
            "id": child("cost/paid"),
            "service_id": sid,
            "option": PAID_OPTION,
            "amount_description": PAID_NOTE,
        });
        let options = match cost {
            Cost::Free => vec![free],
            Cost::Paid => vec![paid],
            Cost::Mixed => vec![free, paid],
        };
        s.insert("cost_options".into(), Value::Array(options));
    }
    let mut attributes = Vec::new();
    let mut term = |taxonomy: &str, code: &str, name: &str| {
        let tid = uuid_for(&format!("taxonomy/{taxonomy}/{code}"));
        attributes.push(json!({
            "id": child(&format!("attribute/{taxonomy}/{code}")),
            "link_id": sid,
            "link_entity": "service",
            "taxonomy_term_id": tid,
            "taxonomy_term": {
                "id": tid,
                "code": code,
                "name": name,
                "term": name,
                "taxonomy": taxonomy,
            },
        }));
    };
    for n in &r.needs {
        term(
            "Local Offer need types (SEND Code of Practice)",
            n.key(),
            n.label(),
        );
    }
    if let Some(p) = r.provision_type {
        term("Local Offer kinds of setting", p.key(), p.label());
    }
    if !attributes.is_empty() {
        s.insert("attributes".into(), Value::Array(attributes));
    }

    x.insert("id".into(), json!(r.id));
    x.insert("kind".into(), json!(r.kind.key()));
    x.insert("summary".into(), json!(r.summary));
    x.insert("easy_read".into(), json!(r.easy_read));
    if !r.needs.is_empty() {
        x.insert("needs".into(), keys(&r.needs, |n| n.key()));
    }
    if !r.access.is_empty() {
        x.insert("access".into(), keys(&r.access, |a| a.key()));
    }
    if !r.keywords.is_empty() {
        x.insert("keywords".into(), json!(r.keywords));
    }
    put(&mut x, "waiting", &r.waiting);
    if let Some(p) = r.provision_type {
        x.insert("provision_type".into(), json!(p.key()));
    }
    if let Some(p) = r.places {
        x.insert("places".into(), json!(p));
    }
    if !r.stages.is_empty() {
        x.insert("stages".into(), keys(&r.stages, |s| s.key()));
    }
    put(&mut x, "starts", &r.starts);
    put(&mut x, "ends", &r.ends);
    put(&mut x, "replaced_by", &r.replaced_by);
    put(&mut x, "how_to_get", &r.how_to_get);
    put(&mut x, "last_checked", &r.last_checked);
    if !r.contacts.is_empty() {
        x.insert("contacts".into(), json!(r.contacts));
    }
    if !r.waiting_for.is_empty() {
        x.insert("waiting_for".into(), keys(&r.waiting_for, |w| w.key()));
    }
    if !r.see_also.is_empty() {
        x.insert("see_also".into(), json!(r.see_also));
    }
    x.insert("source".into(), json!(r.source));
    x.insert("last_reviewed".into(), json!(r.last_reviewed));
    s.insert(EXTENSION.into(), Value::Object(x));
    Value::Object(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Severity;
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/oruk")
            .join(name)
    }

    fn load(path: &Path) -> (Vec<Loaded>, Vec<Unmapped>, Problems) {
        let mut problems = Problems::default();
        let (loaded, unmapped) = load_oruk(path, &mut problems);
        (loaded, unmapped, problems)
    }

    fn load_text(text: &str) -> (Vec<Loaded>, Vec<Unmapped>, Problems, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.json");
        fs::write(&path, text).expect("write");
        let (l, u, p) = load(&path);
        (l, u, p, dir)
    }

    fn errors(p: &Problems) -> Vec<String> {
        p.list
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect()
    }

    /// The 1-based line of the first line of `text` that contains `needle`.
    fn line_with(text: &str, needle: &str) -> usize {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .expect("needle in text")
    }

    fn contact(r: &Record, kind: ContactKind) -> &str {
        r.contacts
            .iter()
            .find(|c| c.kind == kind)
            .map_or("", |c| c.value.as_str())
    }

    fn has_unmapped(u: &[Unmapped], path: &str) -> bool {
        u.iter().any(|u| u.path == path)
    }

    #[test]
    fn page_fixture_imports_with_the_right_fields() {
        let path = fixture("worcestershire_page.json");
        let text = fs::read_to_string(&path).expect("fixture");
        let (loaded, unmapped, problems) = load(&path);
        assert_eq!(errors(&problems), Vec::<String>::new());
        assert_eq!(loaded.len(), 3);

        let play = &loaded[0];
        let r = &play.record;
        assert_eq!(r.id, "5b1f7c2e-8a43-4d6e-9f1a-2c7d3e9b0a11");
        assert_eq!(r.kind, Kind::Service);
        assert_eq!(r.name, "Sensory Stay and Play");
        assert_eq!(r.alternate_name, "Stay and Play");
        assert_eq!(
            r.summary,
            "Relaxed play sessions for babies and young children with additional needs, in a quiet sensory room."
        );
        assert!(r.description.starts_with("Relaxed play sessions"));
        assert_eq!(r.organization, "Wyre Forest Family Hub");
        assert_eq!(r.status, Status::Active);
        assert_eq!((r.minimum_age, r.maximum_age), (Some(0), Some(5)));
        assert_eq!(r.districts, [District::WyreForest]);
        assert_eq!(r.cost, Some(Cost::Free));
        assert_eq!(r.needs, [Need::Asd, Need::Msi]);
        assert_eq!(r.keywords, ["Sensory play", "Parent and toddler groups"]);
        assert_eq!(
            contact(r, ContactKind::Web),
            "https://www.example.org.uk/family-hubs/sensory-stay-and-play"
        );
        assert_eq!(
            contact(r, ContactKind::Email),
            "wyreforest.familyhub@example.org.uk"
        );
        assert_eq!(contact(r, ContactKind::Phone), "01632 960214");
        assert_eq!(
            r.address,
            "Kidderminster Family Hub, Stourport Road, Kidderminster, DY11 7QT"
        );
        assert!(r.eligibility.starts_with("Children aged 0 to 5"));
        assert_eq!(r.last_reviewed, "2025-03-14");
        assert_eq!(
            r.source,
            "worcestershire_page.json § ORUK service 5B1F7C2E-8A43-4D6E-9F1A-2C7D3E9B0A11"
        );
        assert!(r.easy_read.is_empty());
        assert_eq!(play.line, line_with(&text, "\"contents\"") + 1);
        assert_eq!(
            play.line_of("name"),
            line_with(&text, "\"Sensory Stay and Play\"")
        );
        assert_eq!(play.line_of("phone"), line_with(&text, "01632 960214"));

        let speech = &loaded[1].record;
        assert_eq!(speech.name, "Speech and Language Drop-in for Parents");
        assert_eq!(speech.cost, Some(Cost::Mixed));
        assert_eq!(
            speech.districts,
            [District::MalvernHills, District::Wychavon]
        );
        assert_eq!(speech.needs, [Need::Slcn]);
        assert_eq!(contact(speech, ContactKind::Phone), "01632 960388");
        assert_eq!(
            contact(speech, ContactKind::Email),
            "speech.dropin@example.nhs.uk"
        );
        assert_eq!(speech.last_reviewed, "2024-11-28");
        assert_eq!(
            (speech.minimum_age, speech.maximum_age),
            (Some(2), Some(11))
        );
        assert_eq!(speech.access, [Access::SelfReferral, Access::Booking]);

        let school = &loaded[2].record;
        assert_eq!(school.kind, Kind::Provision);
        assert_eq!(school.provision_type, Some(ProvisionType::SpecialSchool));
        assert_eq!(school.status, Status::Paused);
        assert_eq!(school.needs, [Need::Sld, Need::Pmld]);
        assert_eq!(school.districts, [District::Redditch]);
        assert_eq!(school.cost, None);
        assert_eq!(school.address, "Birchfield Road, Redditch, B97 4LZ");

        // What did not fit is listed, with paths into this page.
        for p in [
            "contents[0].schedules",
            "contents[0].service_at_locations[0].location.latitude",
            "contents[0].organization.website",
            "contents[0].contacts[0].title",
            "contents[1].accreditations",
            "contents[1].languages",
            "contents[1].cost_options[1]",
            "contents[2].service_at_locations[0].location.accessibility",
        ] {
            assert!(has_unmapped(&unmapped, p), "{p} missing from {unmapped:#?}");
        }
        // Free at no cost with the standard wording loses nothing.
        assert!(!has_unmapped(&unmapped, "contents[0].cost_options[0]"));
        assert!(!unmapped.iter().any(|u| u.path.ends_with(".id")));
    }

    #[test]
    fn single_service_fixture_lists_what_it_cannot_map() {
        let path = fixture("young_carers_service.json");
        let (loaded, unmapped, problems) = load(&path);
        assert_eq!(errors(&problems), Vec::<String>::new());
        assert_eq!(loaded.len(), 1);
        let r = &loaded[0].record;
        assert_eq!(r.id, "9c0e4a7d-2f61-4b8e-a3d5-71e0c8b6f4a2");
        assert_eq!(r.name, "Young Carers Support");
        assert_eq!(r.districts, [District::Countywide]);
        assert_eq!((r.minimum_age, r.maximum_age), (Some(8), None));
        assert_eq!(r.cost, Some(Cost::Free));
        assert_eq!(r.status, Status::Active);
        assert_eq!(r.last_reviewed, "2025-01-20");
        assert_eq!(loaded[0].line, 1);
        let find = |p: &str| {
            unmapped
                .iter()
                .find(|u| u.path == p)
                .map(|u| u.reason.as_str())
        };
        assert_eq!(
            find("service.x_vendor_rating"),
            Some("not an ORUK 3.0 service field")
        );
        assert_eq!(find("service.funding"), Some("funding is not kept"));
        assert_eq!(
            find("service.alert"),
            Some("short-term alerts are not kept")
        );
        assert!(find("service.maximum_age").is_some_and(|r| r.contains("no upper age")));
        assert!(find("service.fees_description").is_some_and(|r| r.contains("\"free\"")));
        assert!(find("service.service_areas[1].name")
            .is_some_and(|r| r.contains("not a Worcestershire district")));
        assert!(find("service.metadata").is_some());
    }

    #[test]
    fn broken_json_is_reported_at_its_line() {
        let path = fixture("broken.json");
        let (loaded, unmapped, problems) = load(&path);
        assert!(loaded.is_empty() && unmapped.is_empty());
        assert_eq!(problems.list.len(), 1);
        let p = &problems.list[0];
        assert_eq!(p.severity, Severity::Error);
        assert_eq!(p.line, 6);
        assert!(
            p.message.starts_with("bad JSON: expected `,` or `}`"),
            "{p}"
        );
        assert!(p.message.ends_with("(column 5)"), "{p}");
    }

    #[test]
    fn bad_values_are_errors_at_their_lines() {
        let text = r#"[
  {
    "id": "A-1",
    "name": "Holiday Club",
    "description": "A holiday club.",
    "status": "paused",
    "url": "http://example.org.uk/club",
    "email": "not an email",
    "phones": [{ "id": "p1", "number": "12345" }],
    "minimum_age": 30,
    "assured_date": "last spring"
  },
  { "id": "B-2", "description": "No name here.", "status": "active", "last_modified": "2025-02-01T10:00:00Z" },
  "not a service"
]"#;
        let (loaded, _, problems, _dir) = load_text(text);
        assert_eq!(loaded.len(), 2, "no service is dropped without an error");
        assert_eq!(loaded[0].record.id, "a-1");
        let at = |field: &str| {
            problems
                .list
                .iter()
                .find(|p| p.field == field)
                .map(|p| (p.line, p.message.clone()))
        };
        let check = |field: &str, needle: &str, msg: &str| {
            let (line, message) = at(field).unwrap_or_else(|| panic!("no problem at {field}"));
            assert_eq!(line, line_with(text, needle), "{field}");
            assert!(message.contains(msg), "{field}: {message}");
        };
        check(
            "services[0].status",
            "paused",
            "expected one of active, inactive",
        );
        check("services[0].url", "http://", "not an https:// address");
        check("services[0].email", "not an email", "not an email address");
        check(
            "services[0].phones[0].number",
            "12345",
            "not a UK phone number",
        );
        check("services[0].minimum_age", "30", "outside 0–25");
        check("services[0].assured_date", "last spring", "not a date");
        check("services[1].name", "B-2", "required");
        check(
            "services[2]",
            "not a service",
            "must be an ORUK service object",
        );
        assert_eq!(loaded[1].record.last_reviewed, "2025-02-01");
        assert_eq!(loaded[1].line, line_with(text, "B-2"));
    }

    fn full_records() -> Vec<Record> {
        let service = Record {
            id: "sensory-stay-and-play".into(),
            kind: Kind::Service,
            name: "Sensory Stay and Play".into(),
            alternate_name: "Stay and Play".into(),
            summary: "Play sessions for young children with additional needs.".into(),
            description: "Relaxed sessions in a sensory room. Parents stay with their child."
                .into(),
            easy_read: vec![
                "You can play with your child here.".into(),
                "It is free.".into(),
            ],
            needs: vec![Need::Asd, Need::Msi, Need::Spld],
            minimum_age: Some(0),
            maximum_age: Some(5),
            districts: vec![District::WyreForest, District::Countywide],
            cost: Some(Cost::Mixed),
            access: vec![Access::DropIn, Access::Booking],
            organization: "Wyre Forest Family Hub".into(),
            status: Status::Paused,
            contacts: vec![
                Contact {
                    kind: ContactKind::Web,
                    value: "https://www.example.org.uk/play".into(),
                    label: String::new(),
                    general: false,
                },
                Contact {
                    kind: ContactKind::Email,
                    value: "localoffer@worcschildrenfirst.org.uk".into(),
                    label: "Worcestershire Local Offer team".into(),
                    general: true,
                },
                Contact {
                    kind: ContactKind::Phone,
                    value: "01632 960214".into(),
                    label: String::new(),
                    general: false,
                },
            ],
            how_to_get: "Turn up at a session.".into(),
            stages: vec![Stage::EarlyYears],
            last_checked: "2026-12".into(),
            address: "Family Hub, Stourport Road, Kidderminster DY11 7QT".into(),
            keywords: vec!["play".into(), "sensory room".into()],
            eligibility: "Children under 5 with additional needs.".into(),
            waiting: "No waiting list.".into(),
            see_also: vec!["glossary-send".into()],
            source: "003_2ee307a393d03a3a.txt § SEND improvement updates: January 2025".into(),
            last_reviewed: "2025-01".into(),
            ..Record::default()
        };
        let provision = Record {
            id: "riverside-sixth-form".into(),
            kind: Kind::Provision,
            name: "Riverside Sixth Form".into(),
            summary: "A new sixth form for young people with severe learning difficulties, expected to open in 2027.".into(),
            easy_read: vec!["This is a new school for older pupils.".into()],
            needs: vec![Need::Sld],
            minimum_age: Some(16),
            maximum_age: Some(19),
            districts: vec![District::Redditch],
            cost: Some(Cost::Free),
            access: vec![Access::Ehcp],
            organization: "Worcestershire County Council".into(),
            status: Status::Planned,
            address: "Birchfield Road, Redditch, B97 4LZ".into(),
            provision_type: Some(ProvisionType::SpecialSchool),
            places: Some(40),
            starts: "2027-09".into(),
            source: "004_a4a36b3cb535da6e.txt § 9. Leaders commission services".into(),
            last_reviewed: "2025".into(),
            ..Record::default()
        };
        let wait = Record {
            id: "waiting-well".into(),
            kind: Kind::WaitSupport,
            name: "Waiting Well".into(),
            summary: "Advice while you wait for an autism assessment.".into(),
            easy_read: vec!["You can get help while you wait.".into()],
            cost: Some(Cost::Paid),
            contacts: vec![Contact {
                kind: ContactKind::Phone,
                value: "+44 1632 960388".into(),
                label: String::new(),
                general: false,
            }],
            waiting_for: vec![WaitingFor::AutismAssessment, WaitingFor::AdhdAssessment],
            status: Status::Ended,
            ends: "2025-09".into(),
            replaced_by: "A new service.".into(),
            source: "001_7c811def07e7b855.txt § Contact us".into(),
            last_reviewed: "2024-11-07".into(),
            ..Record::default()
        };
        let glossary = Record {
            id: "glossary-send".into(),
            kind: Kind::Glossary,
            name: "SEND".into(),
            term: "SEND".into(),
            expansion: "Special Educational Needs and Disabilities".into(),
            plain_meaning: "Extra needs a child has for learning.".into(),
            source: "004 § Glossary".into(),
            last_reviewed: "2025".into(),
            ..Record::default()
        };
        vec![service, provision, wait, glossary]
    }

    #[test]
    fn export_then_import_gives_back_every_record() {
        let records = full_records();
        let (json, skipped) = export(&records);
        assert_eq!(skipped, 1);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("export.json");
        let text = serde_json::to_string_pretty(&json).expect("json");
        fs::write(&path, &text).expect("write");
        let (loaded, unmapped, problems) = load(&path);
        assert_eq!(problems.list, Vec::new(), "no problems");
        assert_eq!(unmapped, Vec::new(), "nothing unmapped");
        let back: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
        assert_eq!(back, records[..3]);

        // Without our extension, ORUK alone still carries the ORUK-shaped fields.
        let mut bare = json.clone();
        if let Value::Array(services) = &mut bare {
            for s in services {
                if let Some(m) = s.as_object_mut() {
                    m.remove(EXTENSION);
                }
            }
        }
        let (loaded, _, _, _dir) = load_text(&bare.to_string());
        let r = &loaded[0].record;
        let orig = &records[0];
        assert_eq!(r.name, orig.name);
        assert_eq!(r.districts, orig.districts);
        assert_eq!(r.cost, orig.cost);
        assert_eq!(r.needs, orig.needs);
        assert_eq!(r.access, orig.access);
        assert_eq!(r.status, orig.status);
        assert_eq!(
            contact(r, ContactKind::Phone),
            contact(orig, ContactKind::Phone)
        );
        assert_eq!(r.organization, orig.organization);
        assert_eq!(
            loaded[1].record.provision_type,
            Some(ProvisionType::SpecialSchool)
        );
        assert_eq!(loaded[1].record.kind, Kind::Provision);
        assert_eq!(loaded[1].record.address, records[1].address);
    }

    #[test]
    fn export_uses_oruk_names_and_values() {
        let records = full_records();
        let (json, _) = export(&records);
        let provision = &json[1];
        assert_eq!(provision["status"], "inactive");
        assert_eq!(provision[EXTENSION]["status"], "planned");
        assert!(ORUK_STATUSES.contains(&json[0]["status"].as_str().unwrap_or("")));
        assert_eq!(json[0]["status"], "temporarily closed");
        // Ids are UUIDs, stable between runs.
        let id = json[0]["id"].as_str().unwrap_or("");
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "8");
        assert_eq!(export(&records).0, json);
        assert_eq!(json[0]["service_areas"][1]["name"], "Worcestershire");
        assert_eq!(json[0]["cost_options"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            json[0]["contacts"][0]["phones"][0]["number"],
            "01632 960214"
        );
        // An address that does not split cleanly keeps its exact text in the extension.
        assert_eq!(json[0][EXTENSION]["address"], records[0].address);
        let parts = &json[0]["service_at_locations"][0]["location"]["addresses"][0];
        assert_eq!(parts["address_1"], "Family Hub");
        assert_eq!(parts["address_2"], "Stourport Road");
        assert_eq!(parts["city"], "Kidderminster");
        assert_eq!(parts["postal_code"], "DY11 7QT");
        assert!(json[1][EXTENSION].get("address").is_none());
        assert_eq!(
            json[1]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"],
            "B97 4LZ"
        );
        // A record with no description gives ORUK its summary.
        assert_eq!(json[1]["description"], json!(records[1].summary));
        assert_eq!(json[1][EXTENSION]["description"], "");
    }

    #[test]
    fn scanner_finds_where_values_start() {
        let text = "{\n  \"a\": [1,\n    {\"b\": \"x\\\"y\"}],\n  \"c\": null\n}";
        let value: Value = serde_json::from_str(text).expect("json");
        let node = Scanner::document(text);
        let root = At {
            value: &value,
            node: node.as_ref(),
            path: String::new(),
        };
        let b = root.field("a").map(|a| a.items()[1].clone());
        let b = b.and_then(|o| o.field("b")).expect("b");
        assert_eq!(b.path, "a[1].b");
        assert_eq!(b.node.map(|n| &text[n.start..n.start + 1]), Some("\""));
        let c = root.field("c").expect("c");
        assert_eq!(c.node.map(|n| n.start), text.find("null"));
    }

    #[test]
    fn small_rules() {
        assert_eq!(slug("AC148810-D857_441c 9679"), "ac148810-d857-441c-9679");
        assert_eq!(slug("--x--"), "x");
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("Costs £2.50 a go"), "Costs £2.50 a go");
        assert_eq!(date_part("2023-03-15T10:30:45.123Z"), Some("2023-03-15"));
        assert_eq!(date_part("2023-3-15"), None);
        assert_eq!(
            district_from_area("Stourport-on-Severn"),
            Some(District::WyreForest)
        );
        assert_eq!(
            district_from_area("Droitwich Spa"),
            Some(District::Wychavon)
        );
        assert_eq!(
            district_from_area("malvern_hills"),
            Some(District::MalvernHills)
        );
        assert_eq!(district_from_area("Worcester"), Some(District::Worcester));
        assert_eq!(
            district_from_area("Worcestershire"),
            Some(District::Countywide)
        );
        assert_eq!(district_from_area("Herefordshire"), None);
        assert_eq!(fee_words("Free of charge"), (true, false));
        assert_eq!(fee_words("£12 per session"), (false, true));
        assert_eq!(fee_words("First visit free, then £5"), (true, true));
        assert!(is_postcode("WR5 2QT") && is_postcode("B97 4LZ") && !is_postcode("Worcester"));
        assert!(valid_phone("01905 846000") && valid_phone("+44 1905 846000"));
        assert!(!valid_phone("12345") && !valid_phone("+1 202 555 0100"));
        assert!(valid_email("a.b@example.org.uk") && !valid_email("a@b@c.uk"));
    }
}
