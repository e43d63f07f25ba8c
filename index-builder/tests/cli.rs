//! The command line as a content editor and a council use it: checks that name the file, line
//! and field; builds that refuse bad data and write nothing partial; the same search as the
//! widget; and an Open Referral UK round trip that loses nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Runs `index-builder check --data DIR`.
fn check(dir: &Path) -> Output {
    bin()
        .args(["check", "--data"])
        .arg(dir)
        .output()
        .expect("runs")
}

/// Runs `index-builder build --data DATA --out OUT`.
fn build(data: &Path, out: &Path) -> Output {
    bin()
        .args(["build", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const GOOD: &str = r#"
[[record]]
id = "glossary-camhs"
kind = "glossary"
term = "CAMHS"
expansion = "Child and Adolescent Mental Health Service"
plain_meaning = "The health service for children's mental health."
easy_read = ["This is help for how you feel."]
source = "test"
last_reviewed = "2026-06"

[[record]]
id = "camhs"
kind = "service"
name = "CAMHS"
summary = "Mental health help for children."
easy_read = ["This team helps children who feel sad or worried."]
districts = ["countywide"]
source = "test"
last_reviewed = "2026-06"
"#;

const BAD: &str = r#"
[[record]]
id = "Bad Id"
kind = "service"
name = ""
summary = "A summary about SENCOs."
easy_read = ["This sentence is far too long for easy read because it goes on and on and on without stopping."]
minimum_age = 30
districts = ["narnia"]
contacts = [{ kind = "web", value = "javascript:alert(1)" }, { kind = "phone", value = "12345" }]
colour = "red"
source = "test"
last_reviewed = "2026-06"
"#;

fn data_dir(name: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(name)
        .tempdir()
        .expect("temp dir");
    for (file, body) in files {
        std::fs::write(dir.path().join(file), body).expect("write data");
    }
    dir
}

#[test]
fn check_names_file_line_and_field_for_every_problem() {
    let dir = data_dir("bad", &[("good.toml", GOOD), ("bad.toml", BAD)]);
    let out = bin()
        .args(["check", "--today", "2026-11-23", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let file = dir.path().join("bad.toml");
    let f = file.display();
    for expected in [
        format!("{f}:3: id: \"Bad Id\" must be lower-case"),
        format!("{f}:5: name: required"),
        format!("{f}:7: easy_read: sentence 1 has 19 words (at most 15)"),
        format!("{f}:8: minimum_age: age 30 is outside 0–25"),
        format!("{f}:9: districts: unknown area \"narnia\"; expected one of countywide"),
        format!("{f}:10: contacts: item 1: \"javascript:alert(1)\" is not an https:// address"),
        format!("{f}:10: contacts: item 2: \"12345\" is not a UK phone number"),
        format!("{f}:11: colour: unknown field for a service record"),
        format!("{f}:6: summary: acronym \"SENCO\" has no glossary entry"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing «{expected}» in:\n{stderr}"
        );
    }
    assert!(stdout.contains("checked 3 records"), "{stdout}");
}

#[test]
fn malformed_toml_is_reported_at_its_line() {
    let dir = data_dir(
        "syntax",
        &[("broken.toml", "[[record]]\nid = \"x\"\nkind = \n")],
    );
    let out = check(dir.path());
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("broken.toml:3: -: bad TOML"), "{stderr}");
}

#[test]
fn duplicate_ids_point_at_the_first() {
    let dir = data_dir("dup", &[("a.toml", GOOD), ("b.toml", GOOD)]);
    let out = check(dir.path());
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("duplicate id \"camhs\", first at"),
        "{stderr}"
    );
}

#[test]
fn a_failed_build_writes_nothing() {
    let dir = data_dir("nobuild", &[("good.toml", GOOD), ("bad.toml", BAD)]);
    let out_file = dir.path().join("out.idx");
    let out = build(dir.path(), &out_file);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_file.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn build_reports_counts_and_search_answers_as_json() {
    let dir = data_dir("ok", &[("good.toml", GOOD)]);
    let idx = dir.path().join("x.idx");
    let out = build(dir.path(), &idx);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains("records in: 2 (1 service, 0 provision, 0 wait_support, 1 glossary)"),
        "{stdout}"
    );
    assert!(stdout.contains("records out: 2"), "{stdout}");
    assert!(stdout.contains("postings"), "{stdout}");

    let out = bin()
        .args(["search", "--json", "--index"])
        .arg(&idx)
        .arg("chams")
        .output()
        .expect("runs");
    let (stdout, _) = text(&out);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let ids: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert_eq!(ids, ["glossary-camhs", "camhs"]);
    assert!(v[0]["score"].as_f64().is_some());

    let out = bin()
        .args(["search", "--index"])
        .arg(&idx)
        .args(["--kind", "service"])
        .output()
        .expect("runs");
    assert!(text(&out).0.contains("1 results"), "browse with a filter");

    let out = bin()
        .args(["stats", "--index"])
        .arg(&idx)
        .output()
        .expect("runs");
    assert!(text(&out).0.contains("records: 2"));
}

#[test]
fn a_damaged_index_is_a_readable_error() {
    let dir = data_dir("damaged", &[]);
    let idx = dir.path().join("bad.idx");
    std::fs::write(&idx, b"<html>404 Not Found</html>").expect("write");
    let out = bin()
        .args(["stats", "--index"])
        .arg(&idx)
        .output()
        .expect("runs");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("not a Local Offer index"), "{stderr}");
}

#[test]
fn same_data_gives_a_byte_identical_index() {
    let a = tempfile::tempdir().expect("dir");
    let built = |out: &Path| {
        let o = build(&root().join("data"), out);
        assert!(o.status.success(), "{}", text(&o).1);
        std::fs::read(out).expect("index")
    };
    assert_eq!(
        built(&a.path().join("1.idx")),
        built(&a.path().join("2.idx"))
    );
}

#[test]
fn open_referral_round_trip_loses_nothing() {
    // Export the real dataset as ORUK JSON, index that JSON (with the glossary, which is not a
    // service and stays TOML, and the search's vocabulary, which is not records), and compare
    // with the index of the original: byte for byte.
    let work = tempfile::tempdir().expect("dir");
    let json = work.path().join("oruk").join("services.json");
    std::fs::create_dir_all(json.parent().expect("parent")).expect("dir");
    let o = bin()
        .args(["export", "--oruk", "--data"])
        .arg(root().join("data"))
        .arg("--out")
        .arg(&json)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", text(&o).1);
    assert!(text(&o).0.contains("glossary entries are not services"));
    for entry in std::fs::read_dir(root().join("data/glossary")).expect("glossary") {
        let p = entry.expect("entry").path();
        std::fs::copy(
            &p,
            json.parent()
                .expect("parent")
                .join(p.file_name().expect("name")),
        )
        .expect("copy");
    }
    for file in ["vocabulary.toml", "council.toml"] {
        std::fs::copy(
            root().join("data").join(file),
            json.parent().expect("parent").join(file),
        )
        .expect("copy");
    }
    let built = |data: &Path, out: &Path| {
        let o = build(data, out);
        assert!(o.status.success(), "{}", text(&o).1);
        std::fs::read(out).expect("index")
    };
    let original = built(&root().join("data"), &work.path().join("a.idx"));
    let round_trip = built(json.parent().expect("parent"), &work.path().join("b.idx"));
    assert!(
        original == round_trip,
        "the ORUK round trip changed the index"
    );
}

#[test]
fn oruk_files_build_and_list_unmapped_fields() {
    let dir = root().join("index-builder/tests/data/oruk");
    let work = tempfile::tempdir().expect("dir");
    for name in ["worcestershire_page.json", "young_carers_service.json"] {
        std::fs::copy(dir.join(name), work.path().join(name)).expect("copy");
    }
    let out = build(work.path(), &work.path().join("o.idx"));
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("Open Referral UK fields with no place"),
        "{stdout}"
    );
    assert!(stdout.contains("records out: 4"), "{stdout}");
}

const QUOTED: &str = r#"
[[record]]
id = "young-adults-team"
kind = "service"
name = "Young Adults Team"
summary = "A social care team for young people from 16."
easy_read = ["This team helps you get ready to be an adult."]
source = "test"
last_reviewed = "2026-06"
evidence = [
  { file = "doc.txt", quote = "The Young Adults Team assumes   responsibility" },
  { file = "doc.txt", quote = "from the age of 17" },
  { file = "missing.txt", quote = "anything" },
  "general",
]
"#;

#[test]
fn every_quote_is_found_in_its_document_or_named_at_its_line() {
    let dir = data_dir("quotes", &[("q.toml", QUOTED)]);
    std::fs::create_dir(dir.path().join("sources")).expect("dir");
    std::fs::write(
        dir.path().join("sources/doc.txt"),
        "- The Young Adults Team\nassumes responsibility for young people from the age of 16.",
    )
    .expect("write");
    let out = check(dir.path());
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let f = dir.path().join("q.toml");
    let f = f.display();
    for expected in [
        format!("{f}:12: evidence: item 2: quote \"from the age of 17\" is not in doc.txt word for word (it matches as far as \"from the age of\")"),
        format!("{f}:13: evidence: item 3: cannot read"),
        format!("{f}:14: evidence: item 4: general knowledge backs only a glossary expansion"),
    ] {
        assert!(stderr.contains(&expected), "missing «{expected}» in:\n{stderr}");
    }
    assert!(
        !stderr.contains(":11: evidence"),
        "item 1 matches: {stderr}"
    );
}

const PUBLISHED: &str = r#"
[[record]]
id = "glossary-camhs"
kind = "glossary"
term = "CAMHS"
expansion = "Child and Adolescent Mental Health Service"
plain_meaning = "The health service for children's mental health."
easy_read = ["This is help for how you feel."]
source = "test"
last_reviewed = "2026-06"
last_checked = "2026-06"
evidence = ["general"]

[[record]]
id = "camhs"
kind = "service"
name = "CAMHS"
summary = "Mental health help for children."
easy_read = ["This team helps children who feel sad or worried."]
districts = ["countywide"]
how_to_get = "Email the team."
contacts = [{ kind = "email", value = "team@example.org.uk", label = "The team (general contact)", general = true }]
source = "test"
last_reviewed = "2026-06"
last_checked = "2026-06"
evidence = [{ file = "doc.txt", quote = "Words only the evidence holds, and team@example.org.uk" }]
"#;

#[test]
fn show_prints_the_card_and_its_evidence_as_json() {
    let dir = data_dir("show", &[("good.toml", PUBLISHED)]);
    std::fs::create_dir(dir.path().join("sources")).expect("dir");
    std::fs::write(
        dir.path().join("sources/doc.txt"),
        "Words only the evidence holds, and team@example.org.uk.",
    )
    .expect("write");
    let idx = dir.path().join("x.idx");
    let out = build(dir.path(), &idx);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(dir.path().join("x.evidence").exists());
    let idx_bytes = std::fs::read(&idx).expect("index");
    assert!(
        !idx_bytes.windows(18).any(|w| w == b"Words only the evi"),
        "the quote is not in the family's index"
    );
    let out = bin()
        .args(["show", "--json", "--index"])
        .arg(&idx)
        .arg("camhs")
        .output()
        .expect("runs");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(v["id"], "camhs");
    assert_eq!(v["kind"], "service");
    assert_eq!(v["evidence"][0]["file"], "doc.txt");
    assert_eq!(
        v["evidence"][0]["quote"],
        "Words only the evidence holds, and team@example.org.uk"
    );
    assert_eq!(v["status"], "active");
    assert_eq!(v["how_to_get"], "Email the team.");
    assert_eq!(v["last_checked"], "2026-06");
    assert_eq!(v["contacts"][0]["kind"], "email");
    assert_eq!(v["contacts"][0]["value"], "team@example.org.uk");
    assert_eq!(v["contacts"][0]["label"], "The team (general contact)");

    let out = bin()
        .args(["show", "--index"])
        .arg(&idx)
        .arg("nope")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("no record has the id \"nope\""));
}

const DATED: &str = r#"
[[record]]
id = "transfer-offer"
kind = "wait_support"
name = "Transfer offer"
summary = "An offer to move to another provider."
easy_read = ["You could move to another provider."]
status = "active"
ends = "2025-09"
source = "test"
last_reviewed = "2026-06"

[[record]]
id = "new-school"
kind = "provision"
name = "New school"
summary = "A new school."
easy_read = ["A new school is coming."]
status = "planned"
starts = "2026-09"
replaced_by = "Nothing."
source = "test"
last_reviewed = "2026-06"
"#;

#[test]
fn status_must_be_true_on_the_day_the_site_is_built() {
    let dir = data_dir("dated", &[("d.toml", DATED)]);
    let check = |today: &str| {
        let out = bin()
            .args(["check", "--today", today, "--data"])
            .arg(dir.path())
            .output()
            .expect("runs");
        (out.status.code(), text(&out).1)
    };
    let f = dir.path().join("d.toml");
    let f = f.display();
    let (code, stderr) = check("2026-12-01");
    assert_eq!(code, Some(1), "{stderr}");
    for expected in [
        format!("{f}:8: status: active but it ends 2025-09 and today is 2026-12-01"),
        format!("{f}:19: status: planned but it was to start 2026-09 and today is 2026-12-01"),
        format!("{f}:21: replaced_by: only an ended record says what replaced it"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing «{expected}» in:\n{stderr}"
        );
    }
    // On a day before both dates, only the misplaced replaced_by is wrong.
    let (_, stderr) = check("2025-06-30");
    assert!(!stderr.contains(": status:"), "{stderr}");
    assert!(stderr.contains("replaced_by"), "{stderr}");
}

#[test]
fn a_published_folder_needs_evidence_a_next_step_and_plain_words() {
    let record = r#"
[[record]]
id = "club"
kind = "service"
name = "Club (weekly (new))"
summary = "A club; the documents do not say when it meets."
easy_read = ["This is a club."]
source = "test"
last_reviewed = "2026-06"
"#;
    let dir = data_dir("published", &[("c.toml", record)]);
    std::fs::create_dir(dir.path().join("sources")).expect("dir");
    let out = check(dir.path());
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let f = dir.path().join("c.toml");
    let f = f.display();
    for expected in [
        format!("{f}:2: evidence: no evidence"),
        format!("{f}:2: how_to_get: no how_to_get"),
        format!("{f}:2: contacts: no contacts"),
        format!("{f}:2: last_checked: no last_checked"),
        format!("{f}:5: name: brackets inside brackets in a title"),
        format!("{f}:6: summary: talks about the documents (\"the documents\")"),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing «{expected}» in:\n{stderr}"
        );
    }
    // The same record in a folder without sources/ is a draft: warnings, except the words.
    std::fs::remove_dir(dir.path().join("sources")).expect("rmdir");
    let out = check(dir.path());
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains("evidence: warning: no evidence"),
        "{stderr}"
    );
    assert!(
        stderr.contains(": summary: talks about the documents"),
        "{stderr}"
    );
}

#[test]
fn a_bad_vocabulary_is_named_by_file_line_and_field() {
    // The real records, with a vocabulary whose synonyms point nowhere, chain, and repeat, and
    // a place table (places are the council profile's now).
    let work = tempfile::tempdir().expect("dir");
    for sub in ["services", "glossary"] {
        let to = work.path().join(sub);
        std::fs::create_dir_all(&to).expect("dir");
        for entry in std::fs::read_dir(root().join("data").join(sub)).expect("data") {
            let p = entry.expect("entry").path();
            std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(
        work.path().join("vocabulary.toml"),
        r#"[[synonym]]
words = ["respite"]
means = ["zzyzx breaks"]

[[synonym]]
words = ["a break"]
means = ["respite"]

[[age]]
words = ["toddler", "Toddlers"]
from = 3
to = 1

[[place]]
district = "kidderminster"
words = ["Kidderminster"]
"#,
    )
    .expect("write");
    let o = check(work.path());
    assert!(!o.status.success());
    let err = text(&o).1;
    for expected in [
        "vocabulary.toml:3: means: \"zzyzx break\" points nowhere: no record writes \"zzyzx\"",
        "vocabulary.toml:7: means: \"respite\" is a family word of the synonym at line 1",
        "vocabulary.toml:10: words: \"Toddlers\" reads the same as \"toddler\"",
        "vocabulary.toml:11: from: from 3 is above to 1",
        "vocabulary.toml:14: place: places moved to council.toml",
    ] {
        assert!(err.contains(expected), "{expected}\nin\n{err}");
    }
}

#[test]
fn search_explains_and_json_stays_the_same() {
    let work = tempfile::tempdir().expect("dir");
    let idx = work.path().join("x.idx");
    let o = build(&root().join("data"), &idx);
    assert!(o.status.success(), "{}", text(&o).1);
    let o = bin()
        .args(["search", "--explain", "--index"])
        .arg(&idx)
        .arg("short breaks for my 9 year old in kidderminster")
        .output()
        .expect("runs");
    let out = text(&o).0;
    assert!(out.contains("age:      9"), "{out}");
    assert!(out.contains("place:    Wyre Forest"), "{out}");
    assert!(out.contains("dropped:  for, my, in"), "{out}");
    let o = bin()
        .args(["search", "--json", "--index"])
        .arg(&idx)
        .arg("what does ehcp mean")
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_str(&text(&o).0).expect("json");
    let first = &json.as_array().expect("an array")[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["id", "kind", "score", "title"]);
    assert_eq!(first["id"], "glossary-ehcp");
}

/// `index-builder search --explain autism | head -1`: the reader goes away before the command
/// has written; the command ends quietly with success instead of panicking on the closed pipe.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = data_dir("pipe", &[("good.toml", GOOD)]);
    let idx = dir.path().join("x.idx");
    let built = build(dir.path(), &idx);
    assert!(built.status.success());
    for args in [
        &["search", "--explain", "--index"][..],
        &["stats", "--index"][..],
    ] {
        let mut child = bin()
            .args(args)
            .arg(&idx)
            .args(if args[0] == "search" {
                &["autism"][..]
            } else {
                &[][..]
            })
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        // Close the reading end before the command writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("ends");
        let (_, stderr) = text(&out);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

/// A profile with `n` areas, `area1` … (each with its own label).
fn profile_with_areas(n: usize) -> String {
    let mut p = String::from("name = \"Shire\"\n");
    for i in 1..=n {
        p.push_str(&format!(
            "\n[[area]]\nkey = \"area{i}\"\nlabel = \"Area {i}\"\n"
        ));
    }
    p
}

#[test]
fn a_profile_with_more_than_15_areas_is_refused_at_the_16th() {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("x.idx");
    let ok = data_dir(
        "fifteen",
        &[("a.toml", GOOD), ("council.toml", &profile_with_areas(15))],
    );
    let o = build(ok.path(), &out);
    assert!(o.status.success(), "15 areas build: {}", text(&o).1);

    let profile = profile_with_areas(16);
    let line = profile
        .lines()
        .position(|l| l == "key = \"area16\"")
        .expect("the 16th key")
        + 1;
    let dir = data_dir("sixteen", &[("a.toml", GOOD), ("council.toml", &profile)]);
    let out = out_dir.path().join("y.idx");
    let o = build(dir.path(), &out);
    let (_, stderr) = text(&o);
    assert!(!o.status.success(), "16 areas must not build");
    let f = dir.path().join("council.toml");
    assert!(
        stderr.contains(&format!(
            "{}:{line}: area: 16 areas; an index holds at most 15",
            f.display()
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_feed_with_more_than_15_areas_keeps_15_and_warns_for_the_rest() {
    let services: Vec<serde_json::Value> = (1..=17)
        .map(|i| {
            serde_json::json!({
                "id": format!("svc-{i}"),
                "name": format!("Play group {i}"),
                "description": "A play group for children.",
                "status": "active",
                "service_areas": [{ "id": format!("sa-{i}"), "service_area": format!("Ward {i}") }],
            })
        })
        .collect();
    let feed = serde_json::to_string(&services).expect("json");
    let dir = data_dir("feed17", &[("feed.json", &feed)]);
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("f.idx");
    let o = bin()
        .args(["build", "--json", "--today", "2026-12-01", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "a feed with 17 areas builds: {stderr}");
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("summary");
    assert_eq!(summary["records_out"], 17);
    assert!(summary["warnings"].as_u64().unwrap_or(0) >= 2, "{summary}");
    // `check` lists the warnings: one for each area past the 15th, at its line.
    let o = bin()
        .args(["check", "--today", "2026-12-01", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let (_, stderr) = text(&o);
    let feed = dir.path().join("feed.json").display().to_string();
    for ward in ["Ward 16", "Ward 17"] {
        let said =
            format!("service area \"{ward}\" (1 services) is past the 15 areas an index holds");
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&format!("{feed}:")) && l.contains(&said)),
            "a warning names {ward} at its file: {stderr}"
        );
    }
    assert!(
        !stderr.contains("\"Ward 15\""),
        "Ward 15 is an area: {stderr}"
    );
    // --strict makes the warnings errors.
    let o = bin()
        .args(["build", "--strict", "--today", "2026-12-01", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(out_dir.path().join("g.idx"))
        .output()
        .expect("runs");
    assert!(!o.status.success(), "--strict refuses the 16th area");
}

#[test]
fn profile_colours_are_checked_for_contrast_and_carried_to_the_summary() {
    let out_dir = tempfile::tempdir().expect("temp dir");
    let with = |colours: &str| format!("{}\n[colours]\n{colours}\n", profile_with_areas(2));
    let run = |name: &str, profile: &str| {
        let dir = data_dir(name, &[("a.toml", GOOD), ("council.toml", profile)]);
        let o = bin()
            .args(["build", "--json", "--data"])
            .arg(dir.path())
            .arg("--out")
            .arg(out_dir.path().join(format!("{name}.idx")))
            .output()
            .expect("runs");
        let (stdout, stderr) = text(&o);
        let file = dir.path().join("council.toml").display().to_string();
        (
            o.status.success(),
            stdout,
            stderr,
            file,
            profile.lines().count(),
        )
    };
    let (ok, stdout, stderr, ..) = run("good", &with("accent = \"#5B2C6F\"\ntext = \"black\""));
    assert!(ok, "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("summary");
    assert_eq!(
        summary["council"]["colours"],
        serde_json::json!({ "accent": "#5b2c6f", "text": "#000000" })
    );
    let (ok, stdout, ..) = run("none", &profile_with_areas(2));
    assert!(ok);
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("summary");
    assert_eq!(summary["council"]["colours"], serde_json::json!({}));
    assert_eq!(summary["council"]["name"], "Shire");

    // Yellow links on the widget's white: refused at the accent's line.
    let (ok, _, stderr, file, lines) = run("low", &with("accent = \"#ffdd00\""));
    assert!(!ok);
    assert!(
        stderr.contains(&format!("{file}:{lines}: colours.accent: the accent (links, buttons) colour #ffdd00 on the background #ffffff has a contrast of 1.3")),
        "{stderr}"
    );
    // A dark background under the widget's own dark text: said at the background.
    let (ok, _, stderr, file, lines) = run("dark", &with("background = \"navy\""));
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "{file}:{lines}: colours.background: the text colour #0b0c0c on the background #000080"
        )),
        "{stderr}"
    );
    let (ok, _, stderr, file, lines) = run("word", &with("accent = \"rgb(0, 0, 0)\""));
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "{file}:{lines}: colours.accent: \"rgb(0, 0, 0)\" is not a colour"
        )),
        "{stderr}"
    );
    let (ok, _, stderr, ..) = run("unknown", &with("shadow = \"#000000\""));
    assert!(!ok);
    assert!(stderr.contains("unknown field `shadow`"), "{stderr}");
}
