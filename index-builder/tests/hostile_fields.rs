//! Hostile values in the data: a field far longer than any card needs, a control character in
//! a text field, a newline inside a value. `check` names the field and the limit, and every
//! problem stays one line.

use std::path::Path;
use std::process::Command;

fn check(dir: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["check", "--today", "2026-11-23", "--data"])
        .arg(dir)
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

fn record(extra: &str) -> String {
    format!(
        r#"
[[record]]
id = "svc"
kind = "service"
name = "Help team"
summary = "Help for children."
easy_read = ["This team helps children."]
districts = ["countywide"]
source = "test"
last_reviewed = "2026-06"
{extra}
"#
    )
}

fn problems_of(extra: &str) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("svc.toml");
    std::fs::write(&file, record(extra)).expect("write");
    let (code, text) = check(dir.path());
    (code, text, file.display().to_string())
}

#[test]
fn over_long_fields_are_refused_with_their_limit() {
    for (field, value, limit) in [
        ("description", "w".repeat(10_001), 10_000),
        ("keywords", "k".repeat(101), 100),
        ("eligibility", "e".repeat(2_001), 2_000),
    ] {
        let toml = if field == "keywords" {
            format!("{field} = [\"{value}\"]")
        } else {
            format!("{field} = \"{value}\"")
        };
        let (code, text, file) = problems_of(&toml);
        assert_eq!(code, Some(1), "{field}: {text}");
        let n = value.chars().count();
        let expected = format!(
            "{file}:11: {field}: is {n} characters long; the limit for {field} is {limit} characters"
        );
        assert!(text.contains(&expected), "{field}: {text}");
    }
    // The summary's and an easy-read sentence's own limits, replacing the good ones.
    let long = record("")
        .replace("Help for children.", &"s".repeat(601))
        .replace("This team helps children.", &"a b. ".repeat(41));
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("svc.toml"), long).expect("write");
    let (code, text) = check(dir.path());
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("summary: is 601 characters long; the limit for summary is 600 characters"),
        "{text}"
    );
    assert!(
        text.contains(
            "easy_read: is 204 characters long; the limit for easy_read is 200 characters"
        ),
        "{text}"
    );
}

#[test]
fn control_characters_are_refused_and_every_problem_is_one_line() {
    let (code, text, file) = problems_of(
        "eligibility = \"Ages 5\\u0000 to 11\"\nwaiting = \"x\\ndata/other.toml:1: id: fake\"",
    );
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "{file}:11: eligibility: contains a control character (U+0000); write plain text"
        )),
        "{text}"
    );
    assert!(
        text.contains("waiting: contains a control character (U+000A)"),
        "{text}"
    );
    for line in text.lines() {
        assert!(
            !line.starts_with("data/other.toml"),
            "a value split a line: {text}"
        );
    }
}
