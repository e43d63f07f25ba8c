//! Importing real council feeds through the command line: every shape a council publishes
//! (ORUK v1 lists and pages, 3.0 services, pages, service_at_location, organization, HSDS 3.0),
//! HTML made clean text, the import table and its JSON, `--strict`, and errors at their lines.
//! The real feeds are the read-only fixtures in `tests/fixtures/oruk/` (see its SOURCES.md);
//! variants are written to temporary folders.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn fixtures() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/oruk");
    assert!(p.is_dir(), "the ORUK fixtures are missing: {}", p.display());
    p
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A temporary data folder holding copies of `files` (path, name) and written `texts`.
fn folder(files: &[PathBuf], texts: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for f in files {
        std::fs::copy(f, dir.path().join(f.file_name().expect("name"))).expect("copy");
    }
    for (name, body) in texts {
        std::fs::write(dir.path().join(name), body).expect("write");
    }
    dir
}

/// `build --json` on a folder: exit success, the JSON summary, and stderr.
fn build_json(dir: &Path, extra: &[&str]) -> (bool, Value, String) {
    let o = bin()
        .args(["build", "--json", "--data"])
        .arg(dir)
        .arg("--out")
        .arg(dir.join("o.idx"))
        .args(extra)
        .output()
        .expect("runs");
    let (stdout, stderr) = text(&o);
    let v: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("build --json printed no JSON ({e}):\n{stdout}\n{stderr}");
    });
    (o.status.success(), v, stderr)
}

fn show(dir: &Path, id: &str) -> Value {
    let o = bin()
        .args(["show", "--json", "--index"])
        .arg(dir.join("o.idx"))
        .arg(id)
        .output()
        .expect("runs");
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    serde_json::from_str(&stdout).expect("json")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_fixture_folder_builds_with_warnings_only() {
    for sub in [
        "councils",
        "hsds-3.0",
        "uk-profile-3.0/examples",
        "uk-profile-3.0/schema",
    ] {
        let dir = folder(&json_files(&fixtures().join(sub)), &[]);
        let (ok, v, stderr) = build_json(dir.path(), &[]);
        assert!(ok, "{sub}: {stderr}");
        assert_eq!(v["errors"], 0, "{sub}: {v}");
        assert_eq!(v["written"], true, "{sub}");
        assert!(v["import"]["files"].as_u64() > Some(0), "{sub}: {v}");
    }
}

#[test]
fn bristol_v1_feed_imports_with_a_table_of_what_was_skipped() {
    let dir = folder(&[fixtures().join("councils/bristol-v1-services.json")], &[]);
    let (ok, v, stderr) = build_json(dir.path(), &[]);
    assert!(ok, "{stderr}");
    let import = &v["import"];
    assert_eq!(import["services_in"], 819);
    assert_eq!(import["skipped"]["no name"], 1, "{import}");
    assert_eq!(import["skipped"]["duplicate id"], 1, "{import}");
    assert_eq!(import["services_out"], 817);
    assert_eq!(v["records_out"], 817);
    let problems = &import["problems"];
    let count = |kind: &str| problems[kind].as_u64().unwrap_or(0);
    assert!(
        count("acronym \"…\" has no glossary entry") > 100,
        "{problems}"
    );
    assert!(
        count("\"…\" is an http:// link: made https:// (the widget links only to https:)") > 100,
        "{problems}"
    );
    assert!(
        count("\"…\" is a bare domain: https:// added") > 10,
        "{problems}"
    );
    assert_eq!(count("\"…\" is not an email address: not kept"), 1);
    // The human table goes to stderr beside the JSON.
    assert!(stderr.contains("services in"), "{stderr}");
    assert!(stderr.contains("duplicate id"), "{stderr}");
}

#[test]
fn strict_makes_every_warning_an_error() {
    let dir = folder(&[fixtures().join("councils/bristol-v1-services.json")], &[]);
    let (ok, v, stderr) = build_json(dir.path(), &["--strict"]);
    assert!(!ok);
    assert_eq!(v["written"], false);
    assert_eq!(v["warnings"], 0);
    assert!(v["errors"].as_u64() > Some(1000), "{v}");
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert!(!dir.path().join("o.idx").exists());
}

#[test]
fn html_descriptions_become_clean_text_and_short_summaries() {
    let b64 = "iVBORw0KGgoAAAANSUhEUgAA".repeat(40);
    let long = "very ".repeat(80);
    let feed = json!([
        {
            "id": "AB-1", "name": "Drug &amp; Alcohol Help", "status": "active",
            "description": format!("<h4>Struggling with Drug &amp; Alcohol Addiction?</h4><p>We&nbsp;help <b>you</b>.</p><p><img src=\"data:image/png;base64,{b64}\"></p><ul><li>Talk</li><li>Group</li></ul>"),
            "url": "http://example.org.uk/help", "email": "help@example.org.uk",
            "assured_date": "2024-01-02",
            "pc_metadata": { "date_modified": "2024-01-02", "assured_by": "someone@example.org.uk" },
            "pc_targetAudience": [{ "id": "Homeless", "audienceType": "Homeless " }],
            "attending_access": "Self referral"
        },
        {
            "id": "AB-2", "name": "Long one", "status": "active",
            "description": format!("<p>A {long}long first sentence. Second.</p>"),
            "url": "example.org.uk", "pc_metadata": { "date_modified": "2024-01-02" }
        }
    ]);
    let dir = folder(&[], &[("feed.json", feed.to_string())]);
    let (ok, _, stderr) = build_json(dir.path(), &[]);
    assert!(ok, "{stderr}");
    let card = show(dir.path(), "ab-1");
    assert_eq!(card["title"], "Drug & Alcohol Help");
    assert_eq!(card["summary"], "Struggling with Drug & Alcohol Addiction?");
    assert_eq!(card["how_to_get"], "Self referral");
    let all = card.to_string();
    assert!(!all.contains("&amp;") && !all.contains("<p>"), "{all}");
    assert!(!all.contains("base64"), "{all}");
    let web: Vec<&str> = card["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .filter_map(|c| c["href"].as_str())
        .collect();
    assert!(web.contains(&"https://example.org.uk/help"), "{web:?}");
    let long_card = show(dir.path(), "ab-2");
    let summary = long_card["summary"].as_str().expect("summary");
    assert!(summary.chars().count() <= 200, "{summary}");
    assert!(summary.ends_with('…'), "{summary}");
    assert!(stderr.contains("bare domain"), "{stderr}");
}

/// One small ORUK 3.0 service.
fn service(id: &str, name: &str) -> Value {
    json!({
        "id": id, "name": name, "status": "active",
        "description": format!("{name} helps families."),
        "url": "https://example.org.uk", "assured_date": "2024-05-01",
        "service_areas": [{ "id": "a", "name": "Redditch" }]
    })
}

#[test]
fn every_shape_is_read_as_what_it_is() {
    let v1_page = json!({
        "totalElements": 2, "totalPages": 1, "number": 0, "first": true, "last": true,
        "content": [
            { "id": "v1-a", "name": "V1 one", "description": "<p>One.</p>", "status": "active", "pc_metadata": {} },
            { "id": "v1-b", "name": "V1 two", "description": "Two.", "status": "active", "pc_targetAudience": [] }
        ]
    });
    let v3_page = json!({
        "total_items": 2, "total_pages": 1, "page_number": 1, "size": 2,
        "first_page": true, "last_page": true, "empty": false,
        "contents": [service("v3-a", "Three A"), service("v3-b", "Three B")]
    });
    let sal = json!({
        "id": "sal-1",
        "location": { "id": "l", "location_type": "physical",
            "addresses": [{ "id": "ad", "address_1": "1 High Street", "city": "Redditch", "postal_code": "B97 4AA", "country": "GB", "address_type": "physical" }] },
        "service": service("sal-service", "At a place")
    });
    let sal_list = json!({ "total_items": 1, "contents": [{ "id": "sal-2", "location_id": "l2", "service_id": "x" }] });
    let org = json!({
        "id": "org", "name": "Helping Hands", "description": "A charity.", "website": "https://hands.example.org.uk",
        "services": [ { "id": "org-s", "name": "Hands service", "status": "active", "description": "Helps." } ]
    });
    let taxonomy = json!({ "id": "t", "name": "Needs", "description": "x", "taxonomy_terms": [] });
    let dir = folder(
        &[],
        &[
            ("v1_page.json", v1_page.to_string()),
            ("v3_page.json", v3_page.to_string()),
            ("single.json", service("single", "Single one").to_string()),
            ("sal.json", sal.to_string()),
            ("sal_list.json", sal_list.to_string()),
            ("org.json", org.to_string()),
            ("taxonomy.json", taxonomy.to_string()),
        ],
    );
    let (ok, v, stderr) = build_json(dir.path(), &[]);
    assert!(ok, "{stderr}");
    assert_eq!(v["records_out"], 7, "{v}");
    assert_eq!(v["import"]["services_in"], 7, "{v}");
    assert_eq!(
        v["import"]["passed_over"]["taxonomy or taxonomy term"], 1,
        "{v}"
    );
    assert_eq!(
        v["import"]["passed_over"]["service_at_location without its service"], 1,
        "{v}"
    );
    for id in ["v1-a", "v1-b", "v3-a", "v3-b", "single", "org-s"] {
        show(dir.path(), id);
    }
    let at = show(dir.path(), "sal-service");
    assert_eq!(at["title"], "At a place");
    assert!(
        at.to_string().contains("1 High Street, Redditch, B97 4AA"),
        "{at}"
    );
    let org_card = show(dir.path(), "org-s");
    assert!(org_card.to_string().contains("Helping Hands"), "{org_card}");
}

#[test]
fn broken_json_and_unreadable_services_are_reported_at_their_lines() {
    let broken = "{\n  \"id\": \"x\",\n  \"name\": \"A\"\n  \"status\": \"active\"\n}\n";
    let wrong_type = "[\n  {\n    \"id\": \"ok\", \"name\": \"Fine\", \"status\": \"active\"\n  },\n  {\n    \"id\": \"bad\",\n    \"name\": 5\n  }\n]\n";
    let dir = folder(&[], &[("broken.json", broken.into())]);
    let o = bin()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("broken.json:4: -: bad JSON"), "{stderr}");

    let dir = folder(&[], &[("typed.json", wrong_type.into())]);
    let (ok, v, stderr) = build_json(dir.path(), &[]);
    assert!(ok, "{stderr}");
    assert_eq!(v["import"]["skipped"]["cannot be read"], 1, "{v}");
    let o = bin()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let (_, stderr) = text(&o);
    assert!(
        stderr.contains("typed.json:7: /1: warning: service skipped: cannot be read (invalid type"),
        "{stderr}"
    );
}

#[test]
fn our_extension_stays_strict() {
    let mut s = service("ext", "Extended");
    s["x_local_offer"] = json!({ "id": "ext", "nonsense": 1 });
    let dir = folder(&[], &[("ext.json", s.to_string())]);
    let (ok, v, _) = build_json(dir.path(), &[]);
    assert!(!ok);
    assert!(v["errors"].as_u64() > Some(0));
}

/// The copy in `tests/fixtures/oruk/` is the shared fixtures, unchanged (checked where the shared
/// folder is beside the repository, as on the team's machines).
#[test]
fn the_fixture_copy_is_the_shared_fixtures_unchanged() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/oruk");
    if !shared.is_dir() {
        return;
    }
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir)
            .expect("a readable fixture folder")
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    files(&fixtures(), &mut ours);
    files(&shared, &mut theirs);
    assert_eq!(
        ours.len(),
        theirs.len(),
        "the copy has every shared fixture, no more"
    );
    for t in theirs {
        let rel = t.strip_prefix(&shared).expect("under the shared folder");
        let mine = fixtures().join(rel);
        assert_eq!(
            std::fs::read(&mine).ok(),
            std::fs::read(&t).ok(),
            "{} differs from the shared fixture",
            rel.display()
        );
    }
}
