//! The ORUK test files under `tests/data/oruk/` must stay real ORUK 3.0: this checks them against
//! the schema's rules without going through our importer, so a fixture cannot drift into a shape
//! that only our reader accepts. (The importer is tested through the CLI in `oruk_import.rs`.)

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/oruk")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Every object that has an "id" in the tree below `v` must give it as a UUID.
fn check_ids(v: &Value, path: &str, errors: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(id) = m.get("id") {
                if !id.as_str().is_some_and(is_uuid) {
                    errors.push(format!("{path}.id is not a UUID: {id}"));
                }
            }
            for (k, child) in m {
                check_ids(child, &format!("{path}.{k}"), errors);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_ids(child, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {}
    }
}

/// The rules of an ORUK 3.0 service that our fixtures rely on.
fn check_service(s: &Value, path: &str) -> Vec<String> {
    let mut errors = Vec::new();
    for key in ["id", "name", "status"] {
        if !s.get(key).is_some_and(Value::is_string) {
            errors.push(format!("{path}: required \"{key}\" missing"));
        }
    }
    let status = s.get("status").and_then(Value::as_str).unwrap_or("");
    if !["active", "inactive", "defunct", "temporarily closed"].contains(&status) {
        errors.push(format!(
            "{path}: status \"{status}\" is not in the ORUK enum"
        ));
    }
    for key in ["minimum_age", "maximum_age"] {
        if s.get(key).is_some_and(|v| !v.is_number()) {
            errors.push(format!("{path}.{key} must be a number"));
        }
    }
    let empty = Vec::new();
    let list = |key: &str| s.get(key).and_then(Value::as_array).unwrap_or(&empty);
    for (i, o) in list("cost_options").iter().enumerate() {
        if o.get("amount").is_some_and(|a| !a.is_number()) {
            errors.push(format!("{path}.cost_options[{i}].amount must be a number"));
        }
    }
    for (i, sal) in list("service_at_locations").iter().enumerate() {
        let addresses = sal
            .pointer("/location/addresses")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        for (j, a) in addresses.iter().enumerate() {
            let t = a.get("address_type").and_then(Value::as_str).unwrap_or("");
            if !["physical", "postal", "virtual"].contains(&t) {
                errors.push(format!(
                    "{path}.service_at_locations[{i}].location.addresses[{j}].address_type \"{t}\""
                ));
            }
        }
    }
    for (i, a) in list("attributes").iter().enumerate() {
        let term = a.get("taxonomy_term");
        let named = term.is_some_and(|t| t.get("name").is_some() || t.get("term").is_some());
        let taxonomy = term.is_some_and(|t| t.get("taxonomy").is_some());
        if !named || !taxonomy {
            errors.push(format!(
                "{path}.attributes[{i}]: taxonomy_term needs a name or term, and a taxonomy"
            ));
        }
    }
    check_ids(s, path, &mut errors);
    errors
}

#[test]
fn page_fixture_is_an_oruk_page_of_services() {
    let page: Value = serde_json::from_str(&read("worcestershire_page.json")).expect("valid JSON");
    let services = page["contents"].as_array().expect("contents list");
    assert_eq!(page["total_items"].as_u64(), Some(services.len() as u64));
    assert!((3..=5).contains(&services.len()));
    let errors: Vec<String> = services
        .iter()
        .enumerate()
        .flat_map(|(i, s)| check_service(s, &format!("contents[{i}]")))
        .collect();
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn single_service_fixture_is_one_oruk_service() {
    let s: Value = serde_json::from_str(&read("young_carers_service.json")).expect("valid JSON");
    assert_eq!(check_service(&s, "service"), Vec::<String>::new());
    // It carries a field from outside ORUK on purpose, for the unmapped-field report.
    assert!(s.get("x_vendor_rating").is_some());
}

#[test]
fn broken_fixture_stays_broken_at_line_6() {
    let err = serde_json::from_str::<Value>(&read("broken.json")).expect_err("must not parse");
    assert_eq!((err.line(), err.column()), (6, 5));
}
