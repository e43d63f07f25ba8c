//! The builder at scale: 100,000 records of which a tenth are glossary entries, many of whose
//! expansions share their first words (the case that made phrase matching quadratic). Ignored
//! by default (it builds in release in seconds, in debug much slower); run with
//! `cargo test --release --features writer --test scale -- --ignored --nocapture`.

#![cfg(feature = "writer")]

use local_offer_search::index::write::build;
use local_offer_search::model::{Kind, Record};
use local_offer_search::Index;

const WORDS: [&str; 16] = [
    "special",
    "support",
    "service",
    "children",
    "family",
    "health",
    "education",
    "care",
    "plan",
    "learning",
    "speech",
    "therapy",
    "school",
    "team",
    "needs",
    "help",
];

fn word(i: usize) -> &'static str {
    WORDS[i % WORDS.len()]
}

#[test]
#[ignore = "slow in debug: run in release"]
fn a_hundred_thousand_records_with_a_tenth_glossary_build_in_time() {
    let (n, glossary) = (100_000, 10_000);
    let mut records = Vec::with_capacity(n);
    for g in 0..glossary {
        // Every expansion starts with "special": one first word shared by every meaning.
        let expansion = format!("special {} {} {}", word(g), word(g / 16), word(g / 256));
        records.push(Record {
            id: format!("glossary-{g}"),
            kind: Kind::Glossary,
            name: format!("SX{g}"),
            term: format!("SX{g}"),
            expansion,
            ..Record::default()
        });
    }
    for i in glossary..n {
        let mut text = String::new();
        for w in 0..60 {
            text.push_str(if w % 12 == 0 {
                "special "
            } else {
                word(i * 7 + w)
            });
            text.push(' ');
        }
        text.push_str(&format!("SX{} ", i % glossary));
        records.push(Record {
            id: format!("svc-{i}"),
            kind: Kind::Service,
            name: format!("Service {} {}", word(i), i),
            summary: format!("{} {} help", word(i / 3), word(i / 5)),
            description: text,
            ..Record::default()
        });
    }
    let started = std::time::Instant::now();
    let (bytes, _) = build(&records).expect("builds");
    let took = started.elapsed();
    let index = Index::open(&bytes).expect("opens");
    let opened = started.elapsed() - took;
    eprintln!(
        "{n} records ({glossary} glossary): built in {took:.1?} ({} bytes), opened in {opened:.1?}",
        bytes.len()
    );
    assert_eq!(index.len(), n);
    assert!(took.as_secs() <= 30, "{took:?}");
}
