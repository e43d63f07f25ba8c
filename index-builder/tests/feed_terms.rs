//! A feed's target audiences and taxonomy terms, read by the one rule of `feed_terms.toml`: on
//! the real Bristol feed, the services for the visually impaired get the need VI (so the need
//! filter finds them) and every audience is a search word ("dementia"); a table entry naming
//! an unknown need fails `check` at its file, line and field; and the import table counts what
//! a small hand-made feed's terms became.

use local_offer_search::model::Need;
use local_offer_search::search::NeedFilter;
use local_offer_search::{Filters, Index};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

/// `build --json` on a folder: exit success, the JSON summary, and stderr (the import table).
fn build_json(dir: &Path) -> (bool, Value, String) {
    let o = bin()
        .args(["build", "--json", "--data"])
        .arg(dir)
        .arg("--out")
        .arg(dir.join("o.idx"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    let v: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|e| panic!("build --json printed no JSON ({e}):\n{stdout}\n{stderr}"));
    (o.status.success(), v, stderr)
}

fn open(dir: &Path) -> Index {
    Index::from_vec(std::fs::read(dir.join("o.idx")).expect("index")).expect("opens")
}

/// The ids of the hits for `query` under `filters`.
fn found(index: &Index, query: &str, filters: &Filters) -> BTreeSet<String> {
    index
        .search(query, filters, 2_000)
        .hits
        .iter()
        .map(|h| index.record(h.doc).expect("record").id)
        .collect()
}

/// The ids (as the import makes them) of Bristol's services with this target audience.
fn with_audience(feed: &Value, audience: &str) -> BTreeSet<String> {
    feed.as_array()
        .expect("a v1 list")
        .iter()
        .filter(|s| {
            s["pc_targetAudience"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|x| x["audienceType"].as_str().map(str::trim) == Some(audience))
            })
        })
        .filter_map(|s| s["id"].as_str().map(str::to_lowercase))
        .collect()
}

#[test]
fn bristol_audiences_become_needs_and_search_words() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/oruk/councils/bristol-v1-services.json");
    let feed: Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).expect("fixture")).expect("json");
    let dir = tempfile::tempdir().expect("dir");
    std::fs::copy(&fixture, dir.path().join("bristol.json")).expect("copy");
    let (ok, v, stderr) = build_json(dir.path());
    assert!(ok, "{stderr}");

    // The folder has no table of its own: the Local Offer's, built in, reads it.
    let import = &v["import"];
    assert_eq!(
        import["feed_terms"],
        "feed_terms.toml (built in, from data/)"
    );
    let audiences = &import["audiences"];
    assert!(audiences["read"].as_u64() > Some(700), "{import}");
    assert_eq!(audiences["keywords"], audiences["read"], "{import}");
    assert!(audiences["needs"].as_u64() > Some(100), "{import}");
    assert_eq!(import["taxonomy_terms"]["read"], 0, "{import}");
    assert!(stderr.contains("target audience values read"), "{stderr}");

    let index = open(dir.path());
    let sight = with_audience(&feed, "Sensory Impaired>Visually Impaired");
    assert!(sight.len() >= 20, "{sight:?}");
    // Exactly those services are for visual impairment: Bristol says it no other way.
    let vi: BTreeSet<String> = (0..index.len() as u32)
        .map(|d| index.record(d).expect("record"))
        .filter(|r| r.needs.contains(&Need::Vi))
        .map(|r| r.id)
        .collect();
    assert_eq!(vi, sight);

    // The need filter keeps them and drops the records for other needs only.
    let filters = Filters {
        need: Some(NeedFilter::Code(Need::Vi)),
        ..Filters::default()
    };
    let hits = found(&index, "", &filters);
    assert!(sight.is_subset(&hits));
    for doc in 0..index.len() as u32 {
        let r = index.record(doc).expect("record");
        let kept = r.needs.is_empty() || r.needs.contains(&Need::Vi);
        assert_eq!(hits.contains(&r.id), kept, "{} {:?}", r.id, r.needs);
    }
    // "Mental Health" is social, emotional and mental health; "Learning Disabilities" is no
    // one need, and stays a search word only.
    let semh = with_audience(&feed, "Mental Health");
    let ld_only: Vec<String> = with_audience(&feed, "Learning Disabilities")
        .into_iter()
        .filter(|id| {
            !semh.contains(id)
                && !sight.contains(id)
                && !with_audience(&feed, "Autism").contains(id)
        })
        .collect();
    assert!(!ld_only.is_empty());
    for doc in 0..index.len() as u32 {
        let r = index.record(doc).expect("record");
        if semh.contains(&r.id) {
            assert!(r.needs.contains(&Need::Semh), "{}", r.id);
        }
        if ld_only.contains(&r.id) {
            assert!(
                !r.needs
                    .iter()
                    .any(|n| matches!(n, Need::Mld | Need::Sld | Need::Pmld)),
                "{} {:?}",
                r.id,
                r.needs
            );
        }
    }

    // The feed's own words find them: each audience is a search word.
    let any = Filters::default();
    assert!(sight.is_subset(&found(&index, "visually impaired", &any)));
    let dementia = with_audience(&feed, "Dementia");
    assert!(dementia.len() >= 40, "{dementia:?}");
    let hits = found(&index, "dementia", &any);
    let missing: Vec<&String> = dementia.difference(&hits).collect();
    assert!(missing.is_empty(), "not found by \"dementia\": {missing:?}");
    for word in ["carers", "bereaved"] {
        let want = with_audience(
            &feed,
            &format!("{}{}", word[..1].to_uppercase(), &word[1..]),
        );
        assert!(!want.is_empty());
        assert!(want.is_subset(&found(&index, word, &any)), "{word}");
    }

    // The card still says who the service is for.
    let id = sight.iter().next().expect("one");
    let o = bin()
        .args(["show", "--json", "--index"])
        .arg(dir.path().join("o.idx"))
        .arg(id)
        .output()
        .expect("runs");
    let card: Value = serde_json::from_slice(&o.stdout).expect("card");
    let facts = card["facts"].to_string();
    assert!(
        facts.contains("For: ") && facts.contains("Sensory Impaired>Visually Impaired"),
        "{facts}"
    );
    assert!(facts.contains("Visual impairment"), "{facts}");
}

#[test]
fn a_table_entry_for_an_unknown_need_fails_check_at_its_line() {
    let dir = tempfile::tempdir().expect("dir");
    let feed = json!([{ "id": "a1", "name": "Club", "status": "active",
        "pc_targetAudience": [{ "audienceType": "Blind" }] }]);
    std::fs::write(dir.path().join("feed.json"), feed.to_string()).expect("write");
    std::fs::write(
        dir.path().join("feed_terms.toml"),
        "# made up\n[[need]]\nneed = \"VI\"\nterms = [\"Blind\"]\n\n[[need]]\nneed = \"Sight\"\nterms = [\"Partially Sighted\"]\n",
    )
    .expect("write");
    let o = bin()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    let file = dir.path().join("feed_terms.toml");
    let want = format!(
        "{}:7: need: unknown need \"Sight\"; expected one of ASD, SLCN, MLD, SLD, PMLD, SpLD, SEMH, HI, VI, MSI, PD",
        file.display()
    );
    assert!(stderr.contains(&want), "{stderr}");

    // A folder with a table and no feed still has it checked.
    std::fs::remove_file(dir.path().join("feed.json")).expect("rm");
    let o = bin()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains(&want));
}

#[test]
fn the_import_table_counts_what_a_small_feeds_terms_became() {
    let dir = tempfile::tempdir().expect("dir");
    let v1 = json!([
        { "id": "a1", "name": "Sight club", "status": "active", "description": "A club.",
          "pc_targetAudience": [
            { "audienceType": "Sensory Impaired>Visually Impaired " },
            { "audienceType": "Dementia" },
            { "audienceType": "dementia " } ] },
        { "id": "a2", "name": "Carers cafe", "status": "active", "description": "A cafe.",
          "pc_targetAudience": [
            { "audienceType": "Carers" },
            { "audienceType": "SIGHT LOSS" },
            { "audienceType": "Learning Disabilities" } ] },
        // A duplicate id is skipped, and its terms are not counted.
        { "id": "a1", "name": "Again", "status": "active", "description": "Again.",
          "pc_targetAudience": [{ "audienceType": "Visually Impaired" }] }
    ]);
    let v3 = json!({
        "id": "b1", "name": "Autism group", "status": "active", "description": "A group.",
        "attributes": [
            { "taxonomy_term": { "name": "Autism" } },
            { "taxonomy_term": { "name": "Needs>Visually Impaired" } },
            { "taxonomy_term": { "code": "special_school", "name": "Special schools" } },
            { "taxonomy_term": { "name": "Swimming" } },
            { "taxonomy_term": {} }
        ]
    });
    std::fs::write(dir.path().join("a.json"), v1.to_string()).expect("write");
    std::fs::write(dir.path().join("b.json"), v3.to_string()).expect("write");
    std::fs::write(
        dir.path().join("feed_terms.toml"),
        "[[need]]\nneed = \"VI\"\nterms = [\"Visually Impaired\", \"Sight Loss\"]\n",
    )
    .expect("write");
    let (ok, v, stderr) = build_json(dir.path());
    assert!(ok, "{stderr}");
    let import = &v["import"];
    assert_eq!(
        import["feed_terms"],
        dir.path().join("feed_terms.toml").display().to_string()
    );
    assert_eq!(
        import["audiences"],
        json!({ "read": 5, "needs": 2, "keywords": 5 }),
        "{import}"
    );
    assert_eq!(
        import["taxonomy_terms"],
        json!({ "read": 4, "needs": 2, "provision_types": 1, "keywords": 1 }),
        "{import}"
    );
    for row in [
        "        5  target audience values read",
        "        2    became needs",
        "        4  taxonomy terms read",
        "        1    became provision types",
    ] {
        assert!(stderr.contains(row), "{row}\n{stderr}");
    }

    let index = open(dir.path());
    let needs = |id: &str| {
        (0..index.len() as u32)
            .map(|d| index.record(d).expect("record"))
            .find(|r| r.id == id)
            .map(|r| r.needs)
            .expect(id)
    };
    assert_eq!(needs("a1"), [Need::Vi]);
    assert_eq!(needs("a2"), [Need::Vi]);
    assert_eq!(needs("b1"), [Need::Asd, Need::Vi]);
    let any = Filters::default();
    assert!(found(&index, "learning disabilities", &any).contains("a2"));
    assert!(found(&index, "swimming", &any).contains("b1"));
}
