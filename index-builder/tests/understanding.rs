//! Query understanding on the real data (`data/` and `data/vocabulary.toml`, built by the real
//! `index-builder build`): ages and places rank, numbers that are ages do not match numbers in
//! records, filler never matches ("he" is not HE), the glossary answers beside the results, an
//! unknown acronym is said to be unknown, and bad input gets an answer, never a panic.

mod real_data;
use local_offer_search::model::Kind;
use local_offer_search::{Filters, Index, Results};
use real_data::real_index;

fn search(i: &Index, q: &str) -> Results {
    i.search(q, &Filters::default(), 10)
}

fn ids(i: &Index, r: &Results) -> Vec<String> {
    r.hits
        .iter()
        .map(|h| i.record(h.doc).expect("record").id)
        .collect()
}

#[test]
fn understanding_on_the_real_data() {
    let i = real_index();

    // Ages and places are read, and rank: nothing out of range above something in range.
    let r = search(&i, "my 17 year old thinks she might be autistic");
    assert_eq!(r.understood.age.map(|a| (a.from, a.to)), Some((17, 17)));
    let first_wrong = r.hits.iter().position(|h| h.fits_age == Some(false));
    let last_right = r.hits.iter().rposition(|h| h.fits_age != Some(false));
    if let (Some(w), Some(ok)) = (first_wrong, last_right) {
        assert!(ok < w, "an in-range hit below an out-of-range one");
    }
    let r = search(&i, "short breaks in Bewdley");
    assert_eq!(
        r.understood.district.and_then(|d| i.council().key(d)),
        Some("wyre_forest")
    );
    assert!(r.hits.iter().all(|h| h.fits_place.is_some()));

    // An age's number does not match a number in a record ("up to 15 places").
    let r = search(&i, "anorexia 15 year old");
    assert!(!r.words.iter().any(|w| w == "15"));

    // Filler never decides a match; "he" is not HE (Higher Education).
    let r = search(&i, "he is 7 and cant read");
    assert!(r.understood.dropped.iter().any(|w| w == "he"));
    let he = ids(&i, &r);
    assert!(!he.contains(&"glossary-he".to_string()), "{he:?}");
    let sentence = ids(&i, &search(&i, "what can we do about respite"));
    let keywords = ids(&i, &search(&i, "respite"));
    assert_eq!(sentence.first(), keywords.first());

    // The glossary answers beside the results, and takes no result slots on other questions.
    let r = search(&i, "salt referral");
    let answer = r
        .answer
        .as_ref()
        .expect("an acronym in the question has an answer");
    assert_eq!(
        i.record(answer.docs[0]).expect("record").id,
        "glossary-salt"
    );
    assert!(r
        .hits
        .iter()
        .all(|h| i.filter(h.doc).map(|f| f.kind) != Some(Kind::Glossary)));
    let r = search(&i, "what does ehcp mean");
    assert_eq!(
        ids(&i, &r).first().map(String::as_str),
        Some("glossary-ehcp")
    );
    assert!(r.answer.is_some());

    // An unknown acronym in capitals is not typo-matched to a real one.
    let r = search(&i, "PDA");
    assert_eq!(r.unknown, ["pda"]);
    assert!(r.hits.is_empty(), "{:?}", ids(&i, &r));

    // Broad everyday questions fold: the best matches are a short list, the rest other results.
    let r = search(&i, "support for my autistic child at school");
    assert!(
        r.best < 30 && r.best < r.total,
        "{} best of {}",
        r.best,
        r.total
    );

    // Bad input: a sensible answer, never a panic.
    for q in [
        "1".repeat(256),
        "9 ".repeat(128),
        "15".into(),
        "Kidderminster".into(),
        "0 year old".into(),
        "200 year old".into(),
        "ελληνικά 中文 عربى Kidderminster 7 year old".into(),
        "année 5 ans Ŵ".into(),
    ] {
        let _ = search(&i, &q);
    }
    let r = search(&i, "15");
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| h.fits_age == Some(true)));
    let r = search(&i, "Kidderminster");
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| h.fits_place == Some(true)));
    let r = search(&i, "0 year old");
    assert_eq!(r.understood.age.map(|a| a.from), Some(0));
    let r = search(&i, "200 year old");
    assert_eq!(r.understood.age_not_covered, Some(200));
    assert!(r.hits.is_empty());
}
