//! Engine behaviour on a small hand-written Local Offer: matching tiers, the glossary both ways,
//! ranking, filters, browsing, highlights and determinism.

#![cfg(feature = "writer")]

mod common;

use common::build;
use common::{ids, index, records, top};
use local_offer_search::model::{Area, Kind, Need};
use local_offer_search::{Filters, Index, NeedFilter, Tier};

#[test]
fn exact_words_match() {
    let i = index();
    assert_eq!(top(&i, "sandpit", 1), ["short-break-unit"]);
}

#[test]
fn the_word_being_typed_matches_by_prefix() {
    let i = index();
    assert!(top(&i, "sandp", 3).contains(&"short-break-unit".to_string()));
    let r = i.search("sandp", &Filters::default(), 3);
    assert_eq!(r.hits[0].best_tier, Some(Tier::Prefix));
    // A finished word (followed by a space) is not a prefix: at best a relaxed fuzzy match.
    let r = i.search("sandp ", &Filters::default(), 3);
    assert!(r.hits.iter().all(|h| h.best_tier != Some(Tier::Prefix)));
}

#[test]
fn typos_are_forgiven() {
    let i = index();
    assert_eq!(top(&i, "autsim webinars", 1), ["autism-webinars"]);
    assert_eq!(top(&i, "sandpti", 1), ["short-break-unit"]);
}

#[test]
fn scrambled_acronyms_are_found() {
    let i = index();
    let t = top(&i, "chams", 2);
    assert!(t.contains(&"camhs".to_string()), "{t:?}");
    assert!(t.contains(&"glossary-camhs".to_string()), "{t:?}");
}

#[test]
fn an_acronym_query_shows_its_meaning_first() {
    let i = index();
    assert_eq!(top(&i, "ehcp", 1), ["glossary-ehcp"]);
    assert_eq!(top(&i, "what is an ehcp", 1), ["glossary-ehcp"]);
    assert_eq!(top(&i, "camhs", 1), ["glossary-camhs"]);
}

#[test]
fn acronyms_and_expansions_match_both_ways() {
    let i = index();
    // "salt" finds the service that writes "speech and language therapy".
    assert!(top(&i, "salt", 3).contains(&"speech-therapy".to_string()));
    // "speech therapy" finds the SALT glossary entry (the glossary answers beside the results
    // unless asked for, so ask for it with the kind filter).
    let glossary = Filters {
        kind: Some(local_offer_search::model::Kind::Glossary),
        ..Filters::default()
    };
    let r = i.search("speech therapy", &glossary, 3);
    assert!(ids(&i, &r).contains(&"glossary-salt".to_string()));
    // A record that writes SEND is found by "special educational needs".
    assert!(
        top(&i, "special educational needs", 5).contains(&"dingleys-promise-droitwich".to_string())
    );
}

#[test]
fn exact_beats_fuzzy() {
    let i = index();
    // "autism" is exact for the webinars; "autistic" records match only by other means.
    let r = i.search("autism", &Filters::default(), 10);
    let first = i.record(r.hits[0].doc).expect("decodes");
    assert!(first.name.to_lowercase().contains("autism") || first.summary.contains("autism"));
    for pair in r.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score || pair[0].matched_words > pair[1].matched_words);
    }
}

#[test]
fn more_matched_words_rank_higher() {
    let i = index();
    let t = top(&i, "short breaks kidderminster", 1);
    assert_eq!(t, ["short-break-unit"]);
    // "brakes" is two edits from "breaks": the relaxed pass finds it.
    assert_eq!(
        top(&i, "short brakes kidderminster", 1),
        ["short-break-unit"]
    );
}

#[test]
fn punctuation_and_spelling_variants_meet() {
    let i = index();
    assert_eq!(
        top(&i, "dingleys promise", 1),
        ["dingleys-promise-droitwich"]
    );
    assert_eq!(top(&i, "Dingley’s", 1), ["dingleys-promise-droitwich"]);
    assert_eq!(top(&i, "coproduction", 1), ["coproduction"]);
    assert_eq!(top(&i, "co production", 1), ["coproduction"]);
    assert_eq!(top(&i, "co-production", 1), ["coproduction"]);
}

#[test]
fn filters_combine_with_queries() {
    let i = index();
    let f = Filters {
        district: Some(Area(5)),
        ..Filters::default()
    };
    let r = i.search("help", &f, 20);
    let got = ids(&i, &r);
    // Countywide CAMHS counts as in Wyre Forest; Worcester's therapy team does not.
    assert!(got.contains(&"camhs".to_string()));
    assert!(!got.contains(&"speech-therapy".to_string()));
    // Glossary entries have no district.
    assert!(got.iter().all(|id| !id.starts_with("glossary-")));

    let f = Filters {
        age: Some(3),
        need: Some(NeedFilter::Code(Need::Asd)),
        ..Filters::default()
    };
    let got = ids(&i, &i.search("", &f, 20));
    assert!(got.contains(&"dingleys-promise-droitwich".to_string()));
    assert!(
        !got.contains(&"camhs".to_string()),
        "CAMHS is for SEMH: {got:?}"
    );
}

#[test]
fn an_empty_query_with_filters_browses() {
    let i = index();
    let f = Filters {
        kind: Some(Kind::Provision),
        ..Filters::default()
    };
    let r = i.search("", &f, 50);
    assert_eq!(r.total, 2);
    // Browsing is in name order.
    assert_eq!(
        ids(&i, &r),
        ["dingleys-promise-droitwich", "short-break-unit"]
    );
    // No query and no filters: nothing.
    assert_eq!(i.search("  ", &Filters::default(), 10).total, 0);
}

#[test]
fn highlights_cover_the_matched_words() {
    let i = index();
    let r = i.search("short breaks", &Filters::default(), 1);
    let rec = i.record(r.hits[0].doc).expect("decodes");
    let words: Vec<&str> = r.hits[0]
        .title_highlights
        .iter()
        .map(|h| &rec.name[h.clone()])
        .collect();
    assert_eq!(words, ["Short", "break"]);
    assert!(!r.hits[0].summary_highlights.is_empty());
}

#[test]
fn no_results_come_with_a_suggestion() {
    let i = index();
    let r = i.search("sandpitz musik", &Filters::default(), 5);
    if r.total == 0 {
        assert!(r.suggestion.is_some());
    }
    let r = i.search("xqzv", &Filters::default(), 5);
    assert_eq!(r.total, 0);
}

#[test]
fn same_records_give_identical_bytes_in_any_order() {
    let mut recs = records();
    let (a, _) = build(&recs).expect("builds");
    recs.reverse();
    let (b, _) = build(&recs).expect("builds");
    assert_eq!(a, b);
}

#[test]
fn duplicate_ids_are_refused() {
    let mut recs = records();
    recs.push(recs[0].clone());
    assert!(build(&recs).is_err());
}

#[test]
fn warming_up_changes_no_result() {
    let cold = index();
    let warm = index();
    let mut searcher = local_offer_search::Searcher::new();
    searcher.warm_up(&warm);
    for q in [
        "sand",
        "short brakes",
        "autsim",
        "chams",
        "what is an ehcp",
        "zzzzzzzzz",
    ] {
        let warmed = ids(&warm, &searcher.search(&warm, q, &Filters::default(), 10));
        assert_eq!(top(&cold, q, 10), warmed, "{q}");
    }
}

#[test]
fn a_word_only_a_description_writes_is_suggested_as_written() {
    let mut recs = records();
    let breaks = recs
        .iter_mut()
        .find(|r| r.id == "short-break-unit")
        .expect("in the test records");
    breaks.description = "Bring wellies, and EHCPs if you have them.".into();
    let (bytes, report) = build(&recs).expect("builds");
    let i = Index::open(&bytes).expect("opens");
    assert_eq!(report.surface_words, i.surface_count());
    assert_eq!(i.surface_word("welly"), Some("wellies"));
    assert_eq!(i.surface_word("ehcp"), Some("EHCPs"));
    // Written as the term itself, or found in a stored field: not kept.
    assert_eq!(i.surface_word("bring"), None);
    assert_eq!(i.surface_word("short"), None);

    // The doc store does not keep the description, but the search still finds its words.
    let r = i.search("wellies", &Filters::default(), 5);
    assert_eq!(ids(&i, &r), ["short-break-unit"]);
    assert!(i
        .record(r.hits[0].doc)
        .expect("decodes")
        .description
        .is_empty());

    // A query that finds nothing is answered with the word as the description writes it.
    let glossary_only = Filters {
        kind: Some(Kind::Glossary),
        ..Filters::default()
    };
    let r = i.search("wellis", &glossary_only, 5);
    assert_eq!(r.total, 0);
    assert_eq!(r.suggestion.as_deref(), Some("wellies"));
}

#[test]
fn easy_read_sentences_come_from_their_own_file() {
    use local_offer_search::index::easy::EasyReadError;
    use local_offer_search::index::write::build_easy_read;
    let mut recs = records();
    let with_easy = recs
        .iter()
        .position(|r| !r.easy_read.is_empty())
        .expect("the fixture has easy read");
    let (bytes, _) = build(&recs).expect("builds");
    let easy = build_easy_read(&recs, &bytes);
    let mut index = Index::from_vec(bytes.clone()).expect("opens");
    let doc = (0..index.len() as u32)
        .find(|&d| index.record(d).map(|r| r.id) == Ok(recs[with_easy].id.clone()))
        .expect("the record is in the index");
    // The index alone carries no easy-read sentences.
    assert!(!index.has_easy_read());
    assert!(index.record(doc).expect("decodes").easy_read.is_empty());
    index.attach_easy_read(easy).expect("attaches");
    assert_eq!(
        index.record(doc).expect("decodes").easy_read,
        recs[with_easy].easy_read
    );
    // A file built with other records (another build of the index) is refused.
    recs[with_easy].easy_read = vec!["Something else.".into()];
    recs[with_easy].summary.push_str(" Changed.");
    let (other, _) = build(&recs).expect("builds");
    let mut fresh = Index::from_vec(bytes).expect("opens");
    assert_eq!(
        fresh.attach_easy_read(build_easy_read(&recs, &other)),
        Err(EasyReadError::OtherIndex)
    );
    assert!(!fresh.has_easy_read());
}
