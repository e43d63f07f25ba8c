//! `src/typo.rs` against `levenshtein_automata`, the automaton it replaced: the same distance,
//! or the same "too far", for every query and key, whole-word and prefix, one and two edits.

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
use local_offer_search::typo::Typo;
use proptest::prelude::*;
use std::sync::LazyLock;

/// The oracle's builders for one and two edits (with swaps). Building one computes its whole
/// parametric table, which costs far more than a case: they are built once for every test.
static BUILDERS: LazyLock<[LevenshteinAutomatonBuilder; 2]> = LazyLock::new(|| {
    [
        LevenshteinAutomatonBuilder::new(1, true),
        LevenshteinAutomatonBuilder::new(2, true),
    ]
});

fn builder(max: u8) -> &'static LevenshteinAutomatonBuilder {
    &BUILDERS[usize::from(max) - 1]
}

fn ours(query: &str, key: &str, max: u8, prefix: bool) -> Option<u8> {
    let t = Typo::new(query, max, prefix).expect("short query");
    let mut s = t.start();
    for b in key.bytes() {
        if !t.alive(&s) {
            return None;
        }
        s = t.step(&s, b);
    }
    t.distance(&s)
}

fn theirs(
    builder: &LevenshteinAutomatonBuilder,
    query: &str,
    key: &str,
    prefix: bool,
) -> Option<u8> {
    let dfa = if prefix {
        builder.build_prefix_dfa(query)
    } else {
        builder.build_dfa(query)
    };
    let mut s = dfa.initial_state();
    for b in key.bytes() {
        s = dfa.transition(s, b);
    }
    match dfa.distance(s) {
        Distance::Exact(d) => Some(d),
        Distance::AtLeast(_) => None,
    }
}

fn word(max_len: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(&['a', 'b', 'c', 'd', 'é', 'ж'][..]),
        0..max_len,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn distances_agree(query in word(9), key in word(12)) {
        for max in [1u8, 2] {
            for prefix in [false, true] {
                prop_assert_eq!(
                    ours(&query, &key, max, prefix),
                    theirs(builder(max), &query, &key, prefix),
                    "query {:?} key {:?} max {} prefix {}", query, key, max, prefix
                );
            }
        }
    }
}

#[test]
fn distances_agree_on_the_dictionary_words_families_misspell() {
    let pairs = [
        ("chams", "camhs"),
        ("autsim", "autism"),
        ("dyslexya", "dyslexia"),
        ("speach", "speech"),
        ("physioterapy", "physiotherapy"),
        ("theraphy", "therapy"),
        ("sensery", "sensory"),
        ("educaton", "education"),
        ("respit", "respite"),
        ("ehcp", "echp"),
        ("senco", "snco"),
        ("occupational", "ocupational"),
        ("paediatrics", "pediatrics"),
        ("a", "b"),
        ("", "ab"),
    ];
    for max in [1u8, 2] {
        for (q, k) in pairs {
            for prefix in [false, true] {
                assert_eq!(
                    ours(q, k, max, prefix),
                    theirs(builder(max), q, k, prefix),
                    "{q} / {k} max {max} prefix {prefix}"
                );
            }
        }
    }
}
