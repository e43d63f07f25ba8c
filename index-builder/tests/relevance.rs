//! The relevance suite: family-style queries against the real dataset, each with the records
//! that must be in the top three. Prints recall@3 and MRR and fails below recall@3 = 0.95.
//!
//! The index is built by the real `index-builder build` from `data/`, then searched through the
//! same search the widget runs. The glossary's answer (`Results::answer`, shown above the
//! results) counts as the first places, then the hits.

mod real_data;
use local_offer_search::Filters;
use real_data::real_index;
use std::path::Path;

const MIN_RECALL_AT_3: f64 = 0.95;

struct Case {
    line: usize,
    query: String,
    expected: Vec<String>,
    typo: bool,
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/queries.txt");
    let text = std::fs::read_to_string(&path).expect("the relevance suite file is readable");
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (body, comment) = line.split_once('#').unwrap_or((line, ""));
        let (query, ids) = body
            .split_once("=>")
            .unwrap_or_else(|| panic!("queries.txt:{}: missing =>", i + 1));
        out.push(Case {
            line: i + 1,
            query: query.trim().to_string(),
            expected: ids
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            typo: comment.contains("typo"),
        });
    }
    out
}

#[test]
fn relevance_on_the_real_dataset() {
    let index = real_index();
    let cases = cases();
    assert!(cases.len() >= 60, "the suite needs at least 60 queries");
    let mut all_ids = Vec::new();
    for doc in 0..index.len() as u32 {
        all_ids.push(index.record(doc).expect("record").id);
    }
    let (mut recall_sum, mut rr_sum) = (0.0, 0.0);
    let (mut typo_cases, mut typo_answered) = (0, 0);
    let mut failures = Vec::new();
    for c in &cases {
        for id in &c.expected {
            assert!(
                all_ids.contains(id),
                "queries.txt:{}: unknown id {id}",
                c.line
            );
        }
        let results = index.search(&c.query, &Filters::default(), 10);
        // A glossary answer is shown first, above the results; a define question may also
        // list the same entries among its hits.
        let answer = results.answer.iter().flat_map(|a| a.docs.iter().copied());
        let mut ids: Vec<String> = Vec::new();
        for doc in answer.chain(results.hits.iter().map(|h| h.doc)) {
            let id = index.record(doc).expect("record").id;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let top3 = &ids[..ids.len().min(3)];
        let found = c.expected.iter().filter(|e| top3.contains(e)).count();
        let recall = found as f64 / c.expected.len() as f64;
        recall_sum += recall;
        let rank = ids.iter().position(|id| c.expected.contains(id));
        rr_sum += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        if c.typo {
            typo_cases += 1;
            if found > 0 {
                typo_answered += 1;
            }
        }
        if recall < 1.0 {
            failures.push(format!(
                "  queries.txt:{}: \"{}\" expected {:?}, top 3 {:?}",
                c.line, c.query, c.expected, top3
            ));
        }
    }
    let n = cases.len() as f64;
    let recall = recall_sum / n;
    let mrr = rr_sum / n;
    println!("relevance: {} queries, recall@3 {recall:.3}, MRR {mrr:.3}, typo queries answered {typo_answered}/{typo_cases}", cases.len());
    for f in &failures {
        println!("{f}");
    }
    assert!(
        recall >= MIN_RECALL_AT_3,
        "recall@3 {recall:.3} is below {MIN_RECALL_AT_3}"
    );
}
