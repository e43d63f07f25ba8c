//! `export --oruk` writes a `service_list` page as the ORUK 3.0 API returns it, and every service
//! in it validates against the official UK profile schema (`tests/fixtures/oruk/
//! uk-profile-3.0/schema/service.json`). Export then import gives the same index, for our data
//! and for a real council feed.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn fixtures() -> PathBuf {
    let p = root().join("tests/fixtures/oruk");
    assert!(p.is_dir(), "the ORUK fixtures are missing: {}", p.display());
    p
}

fn export(data: &Path, out: &Path) -> Value {
    let o = bin()
        .args(["export", "--oruk", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(out).expect("written")).expect("json")
}

fn build(data: &Path, out: &Path) -> Vec<u8> {
    let o = bin()
        .args(["build", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read(out).expect("index")
}

/// Every schema error of every service on the page.
fn schema_errors(page: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("uk-profile-3.0/schema/service.json"))
            .expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let mut errors = Vec::new();
    for (i, s) in page["contents"]
        .as_array()
        .expect("contents")
        .iter()
        .enumerate()
    {
        for e in validator.iter_errors(s) {
            errors.push(format!("contents[{i}]{}: {e}", e.instance_path()));
        }
    }
    errors
}

fn assert_page(page: &Value) {
    let n = page["contents"].as_array().expect("contents").len();
    assert!(n > 0);
    assert_eq!(page["total_items"].as_u64(), Some(n as u64));
    assert_eq!(page["total_pages"], 1);
    assert_eq!(page["page_number"], 1);
    assert_eq!(page["first_page"], true);
    assert_eq!(page["last_page"], true);
    assert_eq!(page["empty"], false);
}

#[test]
fn export_of_our_data_is_a_valid_oruk_service_list() {
    let work = tempfile::tempdir().expect("dir");
    let page = export(&root().join("data"), &work.path().join("services.json"));
    assert_page(&page);
    assert_eq!(schema_errors(&page), Vec::<String>::new());
}

#[test]
fn the_schema_check_can_fail() {
    let work = tempfile::tempdir().expect("dir");
    let mut page = export(&root().join("data"), &work.path().join("services.json"));
    let first = &mut page["contents"][0];
    first["status"] = Value::from("open");
    if let Some(o) = first.as_object_mut() {
        o.remove("name");
    }
    assert!(schema_errors(&page).len() >= 2);
}

#[test]
fn a_council_feed_exports_valid_and_imports_back_the_same() {
    let work = tempfile::tempdir().expect("dir");
    let feed = work.path().join("feed");
    std::fs::create_dir(&feed).expect("dir");
    std::fs::copy(
        fixtures().join("councils/bristol-v1-services.json"),
        feed.join("bristol.json"),
    )
    .expect("copy");
    let original = build(&feed, &work.path().join("a.idx"));
    let again = work.path().join("again");
    std::fs::create_dir(&again).expect("dir");
    let page = export(&feed, &again.join("services.json"));
    assert_page(&page);
    assert_eq!(page["total_items"], 817);
    assert_eq!(schema_errors(&page), Vec::<String>::new());
    let round_trip = build(&again, &work.path().join("b.idx"));
    assert!(
        original == round_trip,
        "export then import changed the index"
    );
}
