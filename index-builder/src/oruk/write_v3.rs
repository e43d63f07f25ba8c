//! Writing our records as ORUK 3.0: a `service_list` page as the 3.0 API returns it
//! (`total_items`, …, `contents`), each service valid against the official UK profile schema.
//!
//! Fields ORUK has no place for (easy read, keywords, needs as codes, waiting, provision details,
//! stages, starts/ends, what replaced an ended record, the next step, labelled contacts, see
//! also, our id, source, review and checked dates, and `planned`) go in an `x_local_offer`
//! object on each service, which the reader prefers, so export then import gives back every
//! record exactly.

use super::read_v3::{FREE_OPTION, PAID_NOTE, PAID_OPTION};
use super::EXTENSION;
use crate::load::parse_date;
use local_offer_search::council::Council;
use local_offer_search::model::Area;
use local_offer_search::model::{ContactKind, Cost, Kind, Record, Status};
use serde_json::{json, Map, Value};

/// What a taxonomy term we write says about itself (the schema requires a description).
const NEED_TAXONOMY: &str = "Local Offer need types (SEND Code of Practice)";
const SETTING_TAXONOMY: &str = "Local Offer kinds of setting";

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

/// Our records as one ORUK 3.0 `service_list` page holding every service. Glossary records are
/// not services: they are left out and counted.
pub fn export(records: &[Record], council: &Council) -> (Value, usize) {
    let mut services = Vec::new();
    let mut skipped = 0;
    for r in records {
        if r.kind == Kind::Glossary {
            skipped += 1;
        } else {
            services.push(export_service(r, council));
        }
    }
    let n = services.len();
    let page = json!({
        "total_items": n,
        "total_pages": 1,
        "page_number": 1,
        "size": n,
        "first_page": true,
        "last_page": true,
        "empty": n == 0,
        "contents": services,
    });
    (page, skipped)
}

fn keys<T>(values: &[T], key: fn(&T) -> &'static str) -> Value {
    Value::Array(values.iter().map(|v| json!(key(v))).collect())
}

fn export_service(r: &Record, council: &Council) -> Value {
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
            json!({
                "id": oid,
                "name": r.organization,
                "description": format!("{} provides this service.", r.organization),
            }),
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
                    "id": child(&format!("area/{}", council.key(*d).unwrap_or_default())),
                    "service_id": sid,
                    "name": area_name(council, *d),
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
        // The schema requires these; an empty value says we do not know, and reads back as
        // nothing.
        for key in ["address_1", "city", "state_province", "postal_code"] {
            address.entry(key).or_insert_with(|| json!(""));
        }
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
                "description": format!("{name}: a term of the {taxonomy}."),
                "taxonomy": taxonomy,
            },
        }));
    };
    for n in &r.needs {
        term(NEED_TAXONOMY, n.key(), n.label());
    }
    if let Some(p) = r.provision_type {
        term(SETTING_TAXONOMY, p.key(), p.label());
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

/// The service-area name written for an area: its label, and for the whole area the council's
/// name (or `countywide` when nobody named it), which the reader maps back
/// (`council::resolve`).
fn area_name(council: &Council, area: Area) -> String {
    if area == Area::WHOLE {
        return match council.name.as_str() {
            "" => Area::WHOLE_KEY.to_string(),
            name => name.to_string(),
        };
    }
    council.label(area).unwrap_or_default()
}

fn status_to_oruk(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Planned => "inactive",
        Status::Ended => "defunct",
        Status::Paused => "temporarily closed",
    }
}
