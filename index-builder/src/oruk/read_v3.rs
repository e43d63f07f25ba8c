//! Reading ORUK 3.0 (and HSDS 3.0) services into [`Record`]s. ORUK v1 services are first turned
//! into these same types (`read_v1.rs`), so there is one set of mapping rules.
//!
//! | Record | ORUK service |
//! | ------ | ------------ |
//! | `name`, `alternate_name` | the same fields, as clean text |
//! | `description` | `description` as clean text (HTML removed), then lines for opening times (`schedules`), languages, accessibility and cost in words |
//! | `summary` | the first sentence of the clean description, at most 200 characters |
//! | `eligibility` | `eligibility_description`, and a "For: …" line of who the service is for (v1 `pc_targetAudience`) |
//! | `how_to_get` | `application_process` when it is free text (v1 `attending_access`) |
//! | `access` | `application_process` when it is a list of our access labels |
//! | `contacts` | `url` (http:// made https://, bare domains given https://), `email`, the first phone; the organisation's website as a labelled general contact when the service has none |
//! | `minimum_age`, `maximum_age` | the same (over 25: no upper age, with a warning) |
//! | `districts` | `service_areas[].name`: the council profile's area (or whole area) it names, or the feed's own areas when there is no profile (`council.rs`) |
//! | `cost` | `cost_options` (amount 0 free, a charge paid) else `fees_description`/`fees` |
//! | `needs`, `kind`, `provision_type`, `keywords` | `attributes[].taxonomy_term` (v1 `service_taxonomys`): a need when `feed_terms.rs`'s rule says so (the need's own key or label, or the data folder's `feed_terms.toml`), else a provision type, else a keyword |
//! | `needs`, `keywords` | v1 `pc_targetAudience`: a need by the same rule, and always a keyword |
//! | `organization` | `organization.name`, or the organisation a file lists services under |
//! | `address` | the first location address |
//! | `last_reviewed` | `assured_date`, else the date of `last_modified` |
//! | `source` | "<file> § ORUK service <id>" |
//!
//! Our own `x_local_offer` object (written by `write_v3.rs`) wins over all of these, so export
//! then import gives back every record.

use super::{
    html, nullable, parse, pointer_or_root, read_item, Ctx, Imported, Item, TermTally, EXTENSION,
};
use crate::load::{check_url, parse_date, Loaded};
use local_offer_search::model::{
    Access, Contact, ContactKind, Cost, Kind, Need, ProvisionType, Record, Stage, Status,
    UnknownValue, WaitingFor, MAX_AGE,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;

/// A value feeds write as text or as a number (ids, ages, amounts).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Text(String),
    Number(serde_json::Number),
    Bool(bool),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.trim().to_string(),
            Scalar::Number(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            Scalar::Text(s) => s.trim().trim_start_matches('£').parse().ok(),
            Scalar::Number(n) => n.as_f64(),
            Scalar::Bool(_) => None,
        }
    }
}

/// An ORUK 3.0 service, with what the Local Offer reads.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Service {
    pub id: Option<Scalar>,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    pub status: Option<String>,
    pub application_process: Option<String>,
    pub fees_description: Option<String>,
    pub fees: Option<String>,
    pub wait_time: Option<String>,
    pub eligibility_description: Option<String>,
    pub minimum_age: Option<Scalar>,
    pub maximum_age: Option<Scalar>,
    pub assured_date: Option<String>,
    pub last_modified: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub phones: Vec<Phone>,
    #[serde(deserialize_with = "nullable")]
    pub contacts: Vec<ContactDetails>,
    #[serde(deserialize_with = "nullable")]
    pub service_areas: Vec<Area>,
    #[serde(deserialize_with = "nullable")]
    pub service_at_locations: Vec<ServiceAtLocation>,
    #[serde(deserialize_with = "nullable")]
    pub languages: Vec<Language>,
    #[serde(deserialize_with = "nullable")]
    pub schedules: Vec<Schedule>,
    #[serde(deserialize_with = "nullable")]
    pub cost_options: Vec<CostOption>,
    #[serde(deserialize_with = "nullable")]
    pub attributes: Vec<Attribute>,
    pub organization: Option<Organization>,
    pub x_local_offer: Option<Extension>,
    /// Who the service is for (ORUK v1 `pc_targetAudience`); not an ORUK 3.0 field.
    #[serde(skip)]
    pub audiences: Vec<String>,
    /// Kinds of activity (ORUK v1 `deliverable_type`, `attending_type`); kept as keywords.
    #[serde(skip)]
    pub activity_words: Vec<String>,
    /// Top-level fields a v1 service carried that were read, beyond the 3.0 ones.
    #[serde(skip)]
    pub also_read: Vec<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Phone {
    pub number: Option<Scalar>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactDetails {
    pub email: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub phones: Vec<Phone>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Area {
    pub name: Option<String>,
    pub service_area: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ServiceAtLocation {
    pub location: Option<Location>,
    #[serde(deserialize_with = "nullable")]
    pub phones: Vec<Phone>,
    #[serde(deserialize_with = "nullable")]
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Location {
    #[serde(deserialize_with = "nullable")]
    pub addresses: Vec<Address>,
    #[serde(deserialize_with = "nullable")]
    pub phones: Vec<Phone>,
    #[serde(deserialize_with = "nullable")]
    pub accessibility: Vec<Accessibility>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Address {
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub postal_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Accessibility {
    pub description: Option<String>,
    pub details: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Language {
    pub name: Option<String>,
    pub code: Option<String>,
    /// ORUK v1 writes the language here.
    pub language: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Schedule {
    pub description: Option<String>,
    pub byday: Option<String>,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CostOption {
    pub option: Option<String>,
    pub amount: Option<Scalar>,
    pub amount_description: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Attribute {
    pub taxonomy_term: Option<TaxonomyTerm>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TaxonomyTerm {
    pub code: Option<String>,
    pub name: Option<String>,
    pub term: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub name: Option<String>,
    pub website: Option<String>,
    /// ORUK v1 writes the website here.
    pub url: Option<String>,
}

/// Our own fields, written by `export --oruk`. Unknown keys are errors: this is ours.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Extension {
    pub id: Option<String>,
    pub kind: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub easy_read: Option<Vec<String>>,
    pub needs: Option<Vec<String>>,
    pub access: Option<Vec<String>>,
    pub keywords: Option<Vec<String>>,
    pub waiting: Option<String>,
    pub provision_type: Option<String>,
    pub places: Option<u32>,
    pub stages: Option<Vec<String>>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub replaced_by: Option<String>,
    pub how_to_get: Option<String>,
    pub contacts: Option<Vec<Contact>>,
    pub last_checked: Option<String>,
    pub waiting_for: Option<Vec<String>>,
    pub see_also: Option<Vec<String>>,
    pub source: Option<String>,
    pub last_reviewed: Option<String>,
    pub status: Option<String>,
    pub address: Option<String>,
}

/// Top-level service fields this reader maps (the rest are listed as dropped).
const READ: &[&str] = &[
    "id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "application_process",
    "fees_description",
    "fees",
    "wait_time",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "last_modified",
    "phones",
    "contacts",
    "service_areas",
    "service_at_locations",
    "languages",
    "schedules",
    "cost_options",
    "attributes",
    "organization",
    "organization_id",
    EXTENSION,
];

/// Where an ORUK v1 service says who it is for (read into [`Service::audiences`]).
const AUDIENCE: &str = "pc_targetAudience";

/// The longest a keyword may be (`check`'s limit for the field).
const KEYWORD_LIMIT: usize = 100;

/// Fees text that says nothing (a template's field name, "n/a").
const PLACEHOLDER_FEES: &[&str] = &[
    "fees",
    "fees_description",
    "fee",
    "n/a",
    "na",
    "-",
    ".",
    "tbc",
    "string",
    "none",
];

/// How a paid cost option we write describes itself.
pub const PAID_OPTION: &str = "Charges apply";
pub const PAID_NOTE: &str = "Contact the service for prices";
pub const FREE_OPTION: &str = "Free";

/// One service being converted.
struct Conv<'c, 'p, 'i, 't> {
    ctx: &'c mut Ctx<'p>,
    item: &'i Item<'t>,
    s: &'i Service,
    x: Extension,
    loaded: Loaded,
    /// Lines added to the description: opening times, languages, accessibility, cost.
    extra: Vec<String>,
}

/// Converts one typed service, with what its terms became; `None` when it cannot be shown
/// (skipped with a warning).
pub(crate) fn convert(
    ctx: &mut Ctx,
    mut s: Service,
    item: &Item,
    organization: Option<&str>,
) -> Option<Imported> {
    let x = s.x_local_offer.take().unwrap_or_default();
    let oruk_id = s.id.as_ref().map(Scalar::text).unwrap_or_default();
    let name = html::clean(s.name.as_deref().unwrap_or(""));
    if name.is_empty() {
        let line = item.line_of(ctx, "name");
        ctx.skip(line, &item.pointer_to("name"), "no name", "");
        return None;
    }
    let loaded = Loaded {
        record: Record::default(),
        file: ctx.file.to_path_buf(),
        line: item.line,
        field_lines: HashMap::new(),
        evidence_lines: Vec::new(),
        areas_written: Vec::new(),
    };
    let mut c = Conv {
        ctx,
        item,
        s: &s,
        x,
        loaded,
        extra: Vec::new(),
    };
    c.mark("name", "name");
    c.loaded.record.name = name;
    if !c.id(&oruk_id) {
        return None;
    }
    let terms = c.terms();
    c.texts();
    c.extension_only();
    c.ages();
    c.areas();
    c.cost();
    c.access();
    c.organization(organization);
    c.status();
    c.contacts();
    c.provenance(&oruk_id);
    c.leftovers();
    c.finish_description();
    Some(Imported {
        loaded: c.loaded,
        terms,
    })
}

/// A `service_at_location`: the service inside it, read at that location.
pub(crate) fn service_at_location(ctx: &mut Ctx, item: &Item, out: &mut Vec<Imported>) {
    let Some(raw) = item.fields.get("service") else {
        let line = item.line;
        let p = pointer_or_root(&item.pointer);
        ctx.warning(
            line,
            &p,
            "a service_at_location that names its service only by id: passed over",
        );
        *ctx.stats
            .passed_over
            .entry("service_at_location without its service".into())
            .or_default() += 1;
        return;
    };
    let service_item = match child_item(ctx, raw, item.pointer_to("service")) {
        Some(i) => i,
        None => return,
    };
    ctx.stats.services_in += 1;
    let Some(mut s) = parse::<Service>(ctx, &service_item) else {
        return;
    };
    if let Some(sal) = parse::<ServiceAtLocation>(ctx, item) {
        s.service_at_locations.insert(0, sal);
    }
    if let Some(l) = convert(ctx, s, &service_item, None) {
        out.push(l);
    }
}

/// An `organization`: each of its services, with its name.
pub(crate) fn organization(ctx: &mut Ctx, item: &Item, out: &mut Vec<Imported>) {
    let org: Organization = parse(ctx, item).unwrap_or_default();
    let name = html::clean(org.name.as_deref().unwrap_or(""));
    let Some(list) = item.fields.get("services") else {
        let p = pointer_or_root(&item.pointer);
        ctx.warning(
            item.line,
            &p,
            "an organization with no services: passed over",
        );
        *ctx.stats
            .passed_over
            .entry("organization without services".into())
            .or_default() += 1;
        return;
    };
    let services: Vec<&RawValue> = match serde_json::from_str(list.get()) {
        Ok(s) => s,
        Err(e) => {
            let line = ctx.line_of(list);
            ctx.error(
                line,
                &item.pointer_to("services"),
                format!("must be a list: {e}"),
            );
            return;
        }
    };
    for (i, raw) in services.into_iter().enumerate() {
        let pointer = format!("{}/services/{i}", item.pointer);
        read_item(
            ctx,
            raw,
            pointer,
            Some(name.as_str()).filter(|n| !n.is_empty()),
            out,
        );
    }
}

fn child_item<'t>(ctx: &mut Ctx, raw: &'t RawValue, pointer: String) -> Option<Item<'t>> {
    let line = ctx.line_of(raw);
    match serde_json::from_str(raw.get()) {
        Ok(fields) => Some(Item {
            raw,
            pointer,
            line,
            fields,
        }),
        Err(_) => {
            ctx.stats.services_in += 1;
            ctx.skip(line, &pointer, "not an object", "");
            None
        }
    }
}

impl Conv<'_, '_, '_, '_> {
    fn rec(&mut self) -> &mut Record {
        &mut self.loaded.record
    }

    /// Notes that record field `field` came from the service's `key`.
    fn mark(&mut self, field: &str, key: &str) {
        let line = self.item.line_of(self.ctx, key);
        self.loaded.field_lines.insert(field.to_string(), line);
    }

    fn line(&self, key: &str) -> usize {
        self.item.line_of(self.ctx, key)
    }

    /// A problem in the source: a counted warning at the field.
    fn warn(&mut self, key: &str, message: impl Into<String>) {
        let line = self.line(key);
        let p = self.item.pointer_to(key);
        self.ctx.warning(line, &p, message);
    }

    /// A mistake in our own extension: an error.
    fn ext_error(&mut self, key: &str, message: impl Into<String>) {
        let line = self.line(EXTENSION);
        let p = self.item.pointer_to(&format!("{EXTENSION}/{key}"));
        self.ctx.error(line, &p, message);
    }

    fn drop_field(&mut self, sub: &str, reason: impl Into<String>) {
        let p = self.item.pointer_to(sub);
        self.ctx.unmapped(p, reason);
    }

    fn vocab<T>(
        &mut self,
        key: &str,
        v: &str,
        parse: fn(&str) -> Result<T, UnknownValue>,
    ) -> Option<T> {
        match parse(v.trim()) {
            Ok(t) => Some(t),
            Err(e) => {
                self.ext_error(key, e.to_string());
                None
            }
        }
    }

    fn vocabs<T: PartialEq>(
        &mut self,
        key: &str,
        values: &[String],
        parse: fn(&str) -> Result<T, UnknownValue>,
    ) -> Vec<T> {
        let mut out = Vec::new();
        for v in values {
            if let Some(t) = self.vocab(key, v, parse) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// The record's id: ours from the extension, else the ORUK id made into one of ours.
    fn id(&mut self, oruk_id: &str) -> bool {
        if let Some(id) = self.x.id.clone() {
            self.mark("id", EXTENSION);
            if !valid_id(&id) {
                self.ext_error(
                    "id",
                    format!("\"{id}\" must be lower-case letters, digits and '-', starting with a letter or digit"),
                );
            }
            self.rec().id = id;
            return true;
        }
        self.mark("id", "id");
        let line = self.line("id");
        let p = self.item.pointer_to("id");
        if oruk_id.is_empty() {
            self.ctx.skip(line, &p, "no id", "");
            return false;
        }
        let id = slug(oruk_id);
        if !valid_id(&id) {
            self.ctx.skip(
                line,
                &p,
                "id cannot be used",
                &format!("\"{oruk_id}\" is not letters, digits and '-', at most 80"),
            );
            return false;
        }
        self.rec().id = id;
        true
    }

    /// Alternate name, description, summary, easy read, eligibility, how to get.
    fn texts(&mut self) {
        let s = self.s;
        if let Some(a) = &s.alternate_name {
            self.rec().alternate_name = html::clean(a);
            self.mark("alternate_name", "alternate_name");
        }
        let native = html::clean(s.description.as_deref().unwrap_or(""));
        self.mark("description", "description");
        self.rec().description = match self.x.description.take() {
            Some(d) => {
                self.mark("description", EXTENSION);
                d.trim().to_string()
            }
            None => native.clone(),
        };
        match self.x.summary.take() {
            Some(summary) => {
                self.mark("summary", EXTENSION);
                self.rec().summary = summary.trim().to_string();
            }
            None => {
                self.mark("summary", "description");
                let summary = html::summary(&native);
                if summary.is_empty() {
                    self.warn(
                        "description",
                        "no description: the card shows only the name",
                    );
                }
                self.rec().summary = summary;
            }
        }
        if let Some(e) = self.x.easy_read.take() {
            self.mark("easy_read", EXTENSION);
            self.rec().easy_read = e.into_iter().map(|s| s.trim().to_string()).collect();
        }
        let mut eligibility = html::clean(s.eligibility_description.as_deref().unwrap_or(""));
        if !s.audiences.is_empty() {
            let line = format!("For: {}.", s.audiences.join(", "));
            eligibility = join_lines(&eligibility, &line);
        }
        if !eligibility.is_empty() {
            self.mark("eligibility", "eligibility_description");
            self.rec().eligibility = eligibility;
        }
    }

    /// Kind, needs, provision type and keywords, from taxonomy terms, target audiences and
    /// the extension. Every term goes through the one rule of `feed_terms.rs` (a need's own
    /// name, or the data folder's table): a taxonomy term is a need, else a provision type,
    /// else a keyword; a target audience is a need when the rule says so, and a keyword always
    /// (the card's "For: …" line says it, and families search for it). What each became is
    /// counted for the import table.
    fn terms(&mut self) -> TermTally {
        let s = self.s;
        let table = self.ctx.terms;
        let mut tally = TermTally::default();
        let mut needs: Vec<Need> = Vec::new();
        let mut types: Vec<ProvisionType> = Vec::new();
        let mut keywords: Vec<String> = Vec::new();
        for (i, a) in s.attributes.iter().enumerate() {
            let Some(term) = &a.taxonomy_term else {
                self.drop_field(
                    &format!("attributes/{i}"),
                    "the taxonomy term is given only by id; include the taxonomy_term object",
                );
                continue;
            };
            let name = term
                .name
                .as_deref()
                .or(term.term.as_deref())
                .unwrap_or("")
                .trim();
            let code = term.code.as_deref().unwrap_or("").trim();
            if name.is_empty() && code.is_empty() {
                continue;
            }
            tally.taxonomy_terms.read += 1;
            if let Some(n) = table.need_of_term(code, name) {
                tally.taxonomy_terms.needs += 1;
                if !needs.contains(&n) {
                    needs.push(n);
                }
            } else if let Some(p) = provision_from_term(code, name) {
                tally.taxonomy_terms.provision_types += 1;
                types.push(p);
            } else {
                let word = if name.is_empty() { code } else { name };
                if self.keep_keyword(&mut keywords, word, &format!("attributes/{i}")) {
                    tally.taxonomy_terms.keywords += 1;
                }
            }
        }
        for w in &s.activity_words {
            if !keywords.iter().any(|k| k.eq_ignore_ascii_case(w)) {
                keywords.push(w.clone());
            }
        }
        for audience in &s.audiences {
            tally.audiences.read += 1;
            if let Some(n) = table.need(audience) {
                tally.audiences.needs += 1;
                if !needs.contains(&n) {
                    needs.push(n);
                }
            }
            if self.keep_keyword(&mut keywords, audience, AUDIENCE) {
                tally.audiences.keywords += 1;
            }
        }
        let kind = match self.x.kind.take() {
            Some(k) => {
                self.mark("kind", EXTENSION);
                match self.vocab("kind", &k, Kind::parse) {
                    Some(Kind::Glossary) => {
                        self.ext_error("kind", "a glossary record cannot be an ORUK service");
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
        if !s.attributes.is_empty() {
            self.mark("needs", "attributes");
            self.mark("keywords", "attributes");
        } else if !s.audiences.is_empty() {
            self.mark("needs", AUDIENCE);
            self.mark("keywords", AUDIENCE);
        }
        self.rec().needs = match self.x.needs.take() {
            Some(v) => {
                self.mark("needs", EXTENSION);
                self.vocabs("needs", &v, Need::parse)
            }
            None => needs,
        };
        self.rec().keywords = match self.x.keywords.take() {
            Some(v) => {
                self.mark("keywords", EXTENSION);
                v.into_iter().map(|k| k.trim().to_string()).collect()
            }
            None => keywords,
        };
        if let Some(p) = self.x.provision_type.take() {
            self.mark("provision_type", EXTENSION);
            let p = self.vocab("provision_type", &p, ProvisionType::parse);
            if kind == Kind::Provision {
                self.rec().provision_type = p;
            } else {
                self.ext_error(
                    "provision_type",
                    format!("only provisions have a provision_type, not a {kind} record"),
                );
            }
        } else if kind == Kind::Provision {
            self.mark("provision_type", "attributes");
            self.rec().provision_type = types.first().copied();
        }
        tally
    }

    /// Adds a feed's word to the keywords unless it is there already (in any case); one too
    /// long to be a search word is left out with a warning at `key`. True when the word is
    /// among the keywords after.
    fn keep_keyword(&mut self, keywords: &mut Vec<String>, word: &str, key: &str) -> bool {
        let word = word.trim();
        let n = word.chars().count();
        if n > KEYWORD_LIMIT {
            self.warn(
                key,
                format!(
                    "\"{word}\" is {n} characters long, too long for a search word (at most {KEYWORD_LIMIT}): not kept as one"
                ),
            );
            return false;
        }
        if !keywords.iter().any(|k| k.eq_ignore_ascii_case(word)) {
            keywords.push(word.to_string());
        }
        true
    }

    /// Fields only the extension carries.
    fn extension_only(&mut self) {
        let kind = self.loaded.record.kind;
        if let Some(n) = self.x.places.take() {
            self.mark("places", EXTENSION);
            if kind == Kind::Provision {
                self.rec().places = Some(n);
            } else {
                self.ext_error(
                    "places",
                    format!("only provisions have places, not a {kind} record"),
                );
            }
        }
        for key in ["starts", "ends", "last_checked"] {
            let v = match key {
                "starts" => self.x.starts.take(),
                "ends" => self.x.ends.take(),
                _ => self.x.last_checked.take(),
            };
            let Some(v) = v.map(|v| v.trim().to_string()) else {
                continue;
            };
            self.mark(key, EXTENSION);
            if !v.is_empty() && parse_date(&v).is_none() {
                self.ext_error(
                    key,
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
        if let Some(v) = self.x.replaced_by.take() {
            self.mark("replaced_by", EXTENSION);
            self.rec().replaced_by = v.trim().to_string();
        }
        if let Some(v) = self.x.stages.take() {
            self.mark("stages", EXTENSION);
            self.rec().stages = self.vocabs("stages", &v, Stage::parse);
        }
        if let Some(v) = self.x.waiting_for.take() {
            self.mark("waiting_for", EXTENSION);
            if kind == Kind::WaitSupport {
                self.rec().waiting_for = self.vocabs("waiting_for", &v, WaitingFor::parse);
            } else {
                self.ext_error(
                    "waiting_for",
                    format!(
                        "only support-while-you-wait records have waiting_for, not a {kind} record"
                    ),
                );
            }
        }
        if let Some(v) = self.x.see_also.take() {
            self.mark("see_also", EXTENSION);
            self.rec().see_also = v.into_iter().map(|s| s.trim().to_string()).collect();
        }
        if let Some(v) = self.x.waiting.take() {
            self.mark("waiting", EXTENSION);
            self.rec().waiting = v.trim().to_string();
        } else if let Some(v) = &self.s.wait_time {
            self.mark("waiting", "wait_time");
            self.rec().waiting = html::clean(v);
        }
    }

    fn ages(&mut self) {
        let max_age = f64::from(MAX_AGE);
        let mut ages = [None, None];
        for (i, key) in ["minimum_age", "maximum_age"].into_iter().enumerate() {
            let value = if i == 0 {
                &self.s.minimum_age
            } else {
                &self.s.maximum_age
            };
            let Some(v) = value else { continue };
            let Some(n) = v.number().filter(|n| n.fract() == 0.0) else {
                self.warn(
                    key,
                    format!("\"{}\" is not a whole number of years: not kept", v.text()),
                );
                continue;
            };
            self.mark(key, key);
            if n < 0.0 {
                self.warn(key, format!("age {n} is below 0: not kept"));
            } else if n > max_age && i == 0 {
                self.warn(
                    key,
                    format!("minimum age {n} is over {MAX_AGE}, the oldest the Local Offer covers: not kept"),
                );
            } else if n > max_age {
                self.warn(
                    key,
                    format!("maximum age {n} is over {MAX_AGE}, the oldest the Local Offer covers: read as no upper age"),
                );
            } else {
                ages[i] = Some(n as u8);
            }
        }
        if let [Some(lo), Some(hi)] = ages {
            if lo > hi {
                self.warn(
                    "minimum_age",
                    format!("minimum age {lo} is above maximum age {hi}: neither is kept"),
                );
                return;
            }
        }
        self.rec().minimum_age = ages[0];
        self.rec().maximum_age = ages[1];
    }

    /// The service areas' names, matched to the council's areas once every file is read
    /// ([`crate::council::resolve`]: a profile's areas, or the feed's own).
    fn areas(&mut self) {
        let s = self.s;
        if s.service_areas.is_empty() {
            return;
        }
        self.mark("districts", "service_areas");
        for area in &s.service_areas {
            let name = area
                .name
                .as_deref()
                .or(area.service_area.as_deref())
                .unwrap_or("")
                .trim();
            let w = crate::council::Written::Name(name.to_string());
            if !name.is_empty() && !self.loaded.areas_written.contains(&w) {
                self.loaded.areas_written.push(w);
            }
        }
    }

    fn cost(&mut self) {
        let s = self.s;
        let (mut free, mut paid) = (false, false);
        let mut words = Vec::new();
        for o in &s.cost_options {
            let option = o.option.as_deref().unwrap_or("").trim();
            let note = o.amount_description.as_deref().unwrap_or("").trim();
            let amount = o.amount.as_ref().and_then(Scalar::number);
            let is_free = match amount {
                Some(n) if n < 0.0 => None,
                Some(n) => Some(n == 0.0),
                None => match fee_words(&format!("{option} {note}")) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    _ => None,
                },
            };
            match is_free {
                Some(true) => free = true,
                Some(false) => paid = true,
                None => {}
            }
            let standard = match is_free {
                Some(true) => option.eq_ignore_ascii_case(FREE_OPTION) && note.is_empty(),
                Some(false) => amount.is_none() && option == PAID_OPTION && note == PAID_NOTE,
                None => false,
            };
            let dated = o.valid_from.is_some() || o.valid_to.is_some();
            if !standard || dated {
                let mut w = Vec::new();
                if let Some(n) = amount.filter(|n| *n > 0.0) {
                    w.push(format!("£{}", money(n)));
                } else if is_free == Some(true) {
                    w.push("free".to_string());
                }
                if !note.is_empty() {
                    w.push(html::clean(note));
                }
                if !option.is_empty() {
                    w.push(format!("({})", html::clean(option)));
                }
                if !w.is_empty() {
                    words.push(w.join(" "));
                }
            }
        }
        if !s.cost_options.is_empty() {
            self.mark("cost", "cost_options");
        }
        for key in ["fees_description", "fees"] {
            let text = if key == "fees" {
                &s.fees
            } else {
                &s.fees_description
            };
            let text = html::clean(text.as_deref().unwrap_or(""));
            if text.is_empty() {
                continue;
            }
            if PLACEHOLDER_FEES.contains(&text.to_lowercase().as_str()) {
                self.warn(key, format!("placeholder fees text \"{text}\": not kept"));
                continue;
            }
            if !(free || paid) {
                let (f, p) = fee_words(&text);
                free |= f;
                paid |= p;
                self.mark("cost", key);
            }
            words.push(text);
        }
        if !words.is_empty() {
            self.extra.push(format!("Cost: {}", words.join("; ")));
        }
        self.rec().cost = cost_of(free, paid);
    }

    fn access(&mut self) {
        if let Some(v) = self.x.access.take() {
            self.mark("access", EXTENSION);
            self.rec().access = self.vocabs("access", &v, Access::parse);
        } else if let Some(text) = self.s.application_process.as_deref().map(html::clean) {
            let parts: Vec<Option<Access>> = text.split(';').map(access_from_text).collect();
            if !text.is_empty() && parts.iter().all(Option::is_some) {
                let mut access = Vec::new();
                for p in parts.into_iter().flatten() {
                    if !access.contains(&p) {
                        access.push(p);
                    }
                }
                self.mark("access", "application_process");
                self.rec().access = access;
            } else if !text.is_empty() && self.x.how_to_get.is_none() {
                self.mark("how_to_get", "application_process");
                self.rec().how_to_get = text;
            }
        }
        if let Some(v) = self.x.how_to_get.take() {
            self.mark("how_to_get", EXTENSION);
            self.rec().how_to_get = v.trim().to_string();
        }
    }

    fn organization(&mut self, parent: Option<&str>) {
        let name = self
            .s
            .organization
            .as_ref()
            .and_then(|o| o.name.as_deref())
            .map(html::clean)
            .filter(|n| !n.is_empty())
            .or(parent.map(str::to_string));
        if let Some(n) = name {
            self.mark("organization", "organization");
            self.rec().organization = n;
        }
    }

    fn status(&mut self) {
        if let Some(v) = self.x.status.take() {
            self.mark("status", EXTENSION);
            self.rec().status = self.vocab("status", &v, Status::parse).unwrap_or_default();
            return;
        }
        let Some(text) = self.s.status.as_deref() else {
            self.warn("status", "no status (ORUK requires one): taken as active");
            return;
        };
        self.mark("status", "status");
        match status_from_oruk(text) {
            Some(s) => self.rec().status = s,
            None => self.warn(
                "status",
                format!("unknown status \"{text}\" (expected active, inactive, defunct or temporarily closed): taken as active"),
            ),
        }
    }

    /// Web address, email, phone, address; opening times, languages and accessibility.
    fn contacts(&mut self) {
        let s = self.s;
        let mut contacts = Vec::new();
        if let Some(url) = s.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            self.mark("url", "url");
            if let Some(url) = self.web_address("url", url) {
                contacts.push(Contact {
                    kind: ContactKind::Web,
                    value: url,
                    label: String::new(),
                    general: false,
                });
            }
        }
        let emails = s.email.iter().map(|e| ("email", e)).chain(
            s.contacts
                .iter()
                .filter_map(|c| c.email.as_ref().map(|e| ("contacts", e))),
        );
        for (key, e) in emails {
            let e = e.trim();
            if e.is_empty() {
                continue;
            }
            if valid_email(e) {
                self.mark("email", key);
                contacts.push(Contact {
                    kind: ContactKind::Email,
                    value: e.to_string(),
                    label: String::new(),
                    general: false,
                });
                break;
            }
            self.warn(key, format!("\"{e}\" is not an email address: not kept"));
        }
        let phones = s
            .phones
            .iter()
            .map(|p| ("phones", p))
            .chain(
                s.contacts
                    .iter()
                    .flat_map(|c| c.phones.iter().map(|p| ("contacts", p))),
            )
            .chain(s.service_at_locations.iter().flat_map(|sal| {
                sal.phones
                    .iter()
                    .chain(sal.location.iter().flat_map(|l| l.phones.iter()))
                    .map(|p| ("service_at_locations", p))
            }));
        for (key, p) in phones {
            let Some(p) = p
                .number
                .as_ref()
                .map(Scalar::text)
                .filter(|p| !p.is_empty())
            else {
                continue;
            };
            if valid_phone(&p) {
                self.mark("phone", key);
                contacts.push(Contact {
                    kind: ContactKind::Phone,
                    value: p,
                    label: String::new(),
                    general: false,
                });
                break;
            }
            self.warn(key, format!("\"{p}\" is not a UK phone number: not kept"));
        }
        if !contacts.iter().any(|c| c.kind == ContactKind::Web) {
            let org = s.organization.as_ref();
            let site = org.and_then(|o| o.website.as_deref().or(o.url.as_deref()));
            let org_name = self.loaded.record.organization.clone();
            if let Some(site) = site.map(str::trim).filter(|u| !u.is_empty()) {
                if let Some(url) = self.web_address("organization", site) {
                    let label = if org_name.is_empty() {
                        "The organisation's website".to_string()
                    } else {
                        format!("{org_name} website")
                    };
                    contacts.push(Contact {
                        kind: ContactKind::Web,
                        value: url,
                        label,
                        general: true,
                    });
                }
            }
        }
        self.mark("contacts", "url");
        self.rec().contacts = contacts;
        if let Some(list) = self.x.contacts.take() {
            self.mark("contacts", EXTENSION);
            self.rec().contacts = list;
        }

        // Addresses, accessibility and opening times of the locations.
        let mut address = String::new();
        let mut access_notes = Vec::new();
        for sal in &s.service_at_locations {
            let Some(loc) = &sal.location else { continue };
            for a in &loc.addresses {
                let parts: Vec<String> = [&a.address_1, &a.address_2, &a.city, &a.postal_code]
                    .into_iter()
                    .filter_map(|p| p.as_deref().map(html::clean))
                    .filter(|p| !p.is_empty())
                    .collect();
                if address.is_empty() && !parts.is_empty() {
                    address = parts.join(", ");
                    self.mark("address", "service_at_locations");
                }
            }
            for a in &loc.accessibility {
                for t in [&a.description, &a.details].into_iter().flatten() {
                    let t = html::clean(t);
                    if !t.is_empty() && !access_notes.contains(&t) {
                        access_notes.push(t);
                    }
                }
            }
        }
        if let Some(a) = self.x.address.take() {
            self.mark("address", EXTENSION);
            address = a.trim().to_string();
        }
        self.rec().address = address;
        let times: Vec<String> = s
            .schedules
            .iter()
            .chain(
                s.service_at_locations
                    .iter()
                    .flat_map(|l| l.schedules.iter()),
            )
            .filter_map(schedule_words)
            .collect();
        if !times.is_empty() {
            self.extra
                .insert(0, format!("Opening times: {}", dedup(times).join("; ")));
        }
        let languages: Vec<String> = s
            .languages
            .iter()
            .filter_map(|l| {
                l.name
                    .as_deref()
                    .or(l.language.as_deref())
                    .or(l.code.as_deref())
                    .map(html::clean)
                    .filter(|n| !n.is_empty())
            })
            .collect();
        if !languages.is_empty() {
            self.extra
                .push(format!("Languages: {}", dedup(languages).join(", ")));
        }
        if !access_notes.is_empty() {
            self.extra
                .push(format!("Accessibility: {}", access_notes.join(" ")));
        }
    }

    /// A link the widget can show: https:// kept, http:// upgraded, a bare domain given
    /// https://, each change a warning; anything else left out with a warning.
    fn web_address(&mut self, key: &str, url: &str) -> Option<String> {
        let fixed = if url.starts_with("https://") {
            url.to_string()
        } else if let Some(rest) = url.strip_prefix("http://") {
            self.warn(
                key,
                format!(
                    "\"{url}\" is an http:// link: made https:// (the widget links only to https:)"
                ),
            );
            format!("https://{rest}")
        } else if !url.contains(':') && !url.contains('@') && url.contains('.') {
            self.warn(key, format!("\"{url}\" is a bare domain: https:// added"));
            format!("https://{url}")
        } else {
            String::new()
        };
        match check_url(&fixed) {
            Ok(()) => Some(fixed),
            Err(_) => {
                self.warn(
                    key,
                    format!("\"{url}\" is not a web address the widget can link to: not kept"),
                );
                None
            }
        }
    }

    /// Source and last reviewed.
    fn provenance(&mut self, oruk_id: &str) {
        match self.x.source.take() {
            Some(src) => {
                self.mark("source", EXTENSION);
                self.rec().source = src.trim().to_string();
            }
            None => {
                self.mark("source", "id");
                let file = self.ctx.file_name.clone();
                self.rec().source = format!("{file} § ORUK service {oruk_id}");
            }
        }
        if let Some(d) = self.x.last_reviewed.take() {
            self.mark("last_reviewed", EXTENSION);
            let d = d.trim().to_string();
            if parse_date(&d).is_none() {
                self.ext_error(
                    "last_reviewed",
                    format!("\"{d}\" is not a date as YYYY, YYYY-MM or YYYY-MM-DD"),
                );
            }
            self.rec().last_reviewed = d;
            return;
        }
        let s = self.s;
        for (key, v) in [
            ("assured_date", &s.assured_date),
            ("last_modified", &s.last_modified),
        ] {
            let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
                continue;
            };
            match date_part(v) {
                Some(d) => {
                    self.mark("last_reviewed", key);
                    self.rec().last_reviewed = d.to_string();
                    return;
                }
                None => self.warn(key, format!("\"{v}\" is not a date (YYYY-MM-DD): not kept")),
            }
        }
        self.warn(
            "assured_date",
            "no review date (no assured_date or last_modified): families cannot tell how fresh it is",
        );
    }

    /// Lists the service's top-level fields that nothing read, and the parts of the
    /// organisation and of v1 metadata that are not kept.
    fn leftovers(&mut self) {
        for (key, kept, reason) in [
            (
                "organization",
                &["id", "name", "url", "website"][..],
                "organisation details other than its name and website are not kept",
            ),
            (
                "pc_metadata",
                &["date_assured", "date_modified"][..],
                "only the review date is kept (not who assured it: a person's address)",
            ),
        ] {
            let Some(raw) = self.item.fields.get(key) else {
                continue;
            };
            let Ok(parts) =
                serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(raw.get())
            else {
                continue;
            };
            for (k, v) in parts {
                if !kept.contains(&k.as_str()) && !blank(v) {
                    self.drop_field(&format!("{key}/{k}"), reason);
                }
            }
        }
        let keys: Vec<String> = self.item.fields.keys().cloned().collect();
        for key in keys {
            if READ.contains(&key.as_str()) || self.s.also_read.contains(&key.as_str()) {
                continue;
            }
            let Some(raw) = self.item.fields.get(&key) else {
                continue;
            };
            if blank(raw) {
                continue;
            }
            let reason = match key.as_str() {
                "accreditations" => "accreditations are not kept",
                "interpretation_services" => "interpretation services are not kept",
                "funding" => "funding is not kept",
                "required_documents" => "required documents are not kept",
                "program" | "program_id" => "programmes are not kept",
                "alert" => "short-term alerts are not kept",
                "assurer_email" => "who assured the service is not kept (a person's address)",
                "licenses" => "licences are not kept",
                "metadata" => "the change history is not kept",
                _ => "no place in the Local Offer model",
            };
            self.drop_field(&key, reason);
        }
    }

    /// Adds the lines gathered from other fields to the description.
    fn finish_description(&mut self) {
        if self.extra.is_empty() {
            return;
        }
        let extra = self.extra.join("\n");
        let d = &mut self.loaded.record.description;
        *d = join_lines(d, &extra);
    }
}

/// Null, blank text, or an empty list or object.
fn blank(raw: &RawValue) -> bool {
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::Null) => true,
        Ok(Value::String(s)) => s.trim().is_empty(),
        Ok(Value::Array(a)) => a.is_empty(),
        Ok(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

fn join_lines(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}\n{b}"),
    }
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|s| seen.insert(s.clone()));
    v
}

fn money(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.2}")
    }
}

/// Opening times in words: the schedule's own description, else days and hours.
fn schedule_words(s: &Schedule) -> Option<String> {
    if let Some(d) = s
        .description
        .as_deref()
        .map(html::clean)
        .filter(|d| !d.is_empty())
    {
        return Some(d);
    }
    let hours = match (s.opens_at.as_deref(), s.closes_at.as_deref()) {
        (Some(o), Some(c)) => format!("{}–{}", short_time(o), short_time(c)),
        _ => String::new(),
    };
    let days = s.byday.as_deref().map(day_names).unwrap_or_default();
    let text = [days, hours]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

fn short_time(t: &str) -> &str {
    t.get(..5).unwrap_or(t)
}

fn day_names(byday: &str) -> String {
    byday
        .split(',')
        .map(|d| {
            match d
                .trim()
                .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
            {
                "MO" => "Monday",
                "TU" => "Tuesday",
                "WE" => "Wednesday",
                "TH" => "Thursday",
                "FR" => "Friday",
                "SA" => "Saturday",
                "SU" => "Sunday",
                other => other,
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Our id rules: lower-case letters, digits and '-', not starting with '-', at most 80.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An ORUK id as one of ours: lower case, every run of other characters one '-'.
pub(crate) fn slug(s: &str) -> String {
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

/// The YYYY-MM-DD at the start of a date or date-time.
fn date_part(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let rest = &s[10..];
    (parse_date(d).is_some() && (rest.is_empty() || rest.starts_with(['T', ' ']))).then_some(d)
}

/// An email address, by the rules the widget also applies ([`local_offer_search::links`]).
fn valid_email(email: &str) -> bool {
    local_offer_search::links::email(email).is_ok()
}

/// A UK phone number, by the rules the widget also applies ([`local_offer_search::links`]).
fn valid_phone(phone: &str) -> bool {
    local_offer_search::links::phone(phone.trim()).is_ok()
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

fn status_from_oruk(s: &str) -> Option<Status> {
    match s.trim().to_lowercase().replace('_', " ").as_str() {
        "active" => Some(Status::Active),
        "inactive" | "temporarily closed" => Some(Status::Paused),
        "defunct" => Some(Status::Ended),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_rules() {
        assert_eq!(slug("ABC_12 x"), "abc-12-x");
        assert!(valid_id("abc-1"));
        assert!(!valid_id("-abc"));
        assert_eq!(date_part("2023-03-15T10:30:45.123Z"), Some("2023-03-15"));
        assert_eq!(date_part("15/03/2023"), None);
        assert!(valid_email("a.b@example.org.uk"));
        assert!(!valid_email("a.b@example.org."));
        assert!(valid_phone("01905 846000"));
        assert!(!valid_phone("12345"));
        assert_eq!(fee_words("Free of charge"), (true, false));
        assert_eq!(fee_words("£10 an hour"), (false, true));
        assert_eq!(day_names("MO,TU"), "Monday, Tuesday");
    }
}
