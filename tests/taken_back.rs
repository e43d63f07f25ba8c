//! An age or place the family takes back (the widget's "Age 17 ×" and "Kidderminster ×" chips,
//! through [`Filters::ignore_age`] and [`Filters::ignore_place`]) stops ranking, and only when
//! the question still states exactly that age or place. It is never a filter.

#![cfg(feature = "writer")]

mod common;

use common::rec;
use local_offer_search::index::vocab::{PlaceWords, Vocabulary};
use local_offer_search::index::write::build_with;
use local_offer_search::model::{Area, Kind};
use local_offer_search::understand::AgeRange;
use local_offer_search::{Filters, Index, Results};

/// Two swimming clubs, one for toddlers in Worcester and one for young people in Wyre Forest,
/// written alike so only the question's age and place order them.
fn index() -> Index {
    let mut young = rec(
        "club-a",
        Kind::Service,
        "Swimming club",
        "Swimming lessons.",
    );
    young.minimum_age = Some(0);
    young.maximum_age = Some(4);
    young.districts = vec![Area(3)];
    let mut older = rec(
        "club-b",
        Kind::Service,
        "Swimming club",
        "Swimming lessons.",
    );
    older.minimum_age = Some(16);
    older.maximum_age = Some(25);
    older.districts = vec![Area(5)];
    let vocab = Vocabulary {
        places: vec![PlaceWords {
            phrases: vec!["kidderminster".into()],
            district: Area(5),
        }],
        ..Vocabulary::default()
    };
    let (bytes, _) = build_with(&[young, older], &vocab, &common::council()).expect("build");
    Index::from_vec(bytes).expect("open")
}

fn first(i: &Index, r: &Results) -> String {
    i.record(r.hits[0].doc).expect("record").id
}

const Q: &str = "swimming for my 17 year old in kidderminster";

#[test]
fn a_taken_back_age_or_place_stops_ranking() {
    let i = index();
    let r = i.search(Q, &Filters::default(), 10);
    assert_eq!(r.understood.age, Some(AgeRange { from: 17, to: 17 }));
    assert_eq!(r.understood.district, Some(Area(5)));
    assert_eq!(first(&i, &r), "club-b");
    assert_eq!((r.total, r.best), (2, 1));

    // Both taken back: both clubs are best matches, and nothing says they fit or not.
    let both = Filters {
        ignore_age: Some(AgeRange { from: 17, to: 17 }),
        ignore_place: Some(Area(5)),
        ..Filters::default()
    };
    assert!(both.is_empty(), "taking back is not filtering");
    let r = i.search(Q, &both, 10);
    assert_eq!((r.understood.age, r.understood.district), (None, None));
    assert_eq!(r.understood.age_words, ["17", "year", "old"]);
    assert_eq!((r.total, r.best), (2, 2));
    assert!(r
        .hits
        .iter()
        .all(|h| h.fits_age.is_none() && h.fits_place.is_none()));

    // Only the age: the place still ranks.
    let age_only = Filters {
        ignore_age: Some(AgeRange { from: 17, to: 17 }),
        ..Filters::default()
    };
    let r = i.search(Q, &age_only, 10);
    assert_eq!(r.understood.age, None);
    assert_eq!(r.understood.district, Some(Area(5)));
    assert_eq!(first(&i, &r), "club-b");
    assert_eq!(r.best, 1);
}

#[test]
fn another_age_or_place_is_not_taken_back() {
    let i = index();
    let other = Filters {
        ignore_age: Some(AgeRange { from: 3, to: 3 }),
        ignore_place: Some(Area(3)),
        ..Filters::default()
    };
    let r = i.search(Q, &other, 10);
    assert_eq!(r.understood.age, Some(AgeRange { from: 17, to: 17 }));
    assert_eq!(r.understood.district, Some(Area(5)));
    assert_eq!(r, i.search(Q, &Filters::default(), 10));
}

/// A record for another age that matches more of the question's words never hides the best
/// match that fits: the best matches are counted among the records that fit, so a question is
/// not all folded under "Other results" when only a record for another age writes every word.
#[test]
fn a_record_for_another_age_matching_more_words_leaves_the_fitting_one_best() {
    let mut young = rec(
        "club-a",
        Kind::Service,
        "Swimming club",
        "Swimming and diving lessons.",
    );
    young.minimum_age = Some(0);
    young.maximum_age = Some(4);
    let mut older = rec(
        "club-b",
        Kind::Service,
        "Swimming club",
        "Swimming lessons.",
    );
    older.minimum_age = Some(16);
    older.maximum_age = Some(25);
    let (bytes, _) =
        build_with(&[young, older], &Vocabulary::default(), &common::council()).expect("build");
    let i = Index::from_vec(bytes).expect("open");
    let r = i.search(
        "swimming and diving for my 17 year old",
        &Filters::default(),
        10,
    );
    assert_eq!(r.understood.age, Some(AgeRange { from: 17, to: 17 }));
    assert_eq!((r.total, r.best), (2, 1), "{:?}", r.hits);
    assert_eq!(first(&i, &r), "club-b");
    assert!(r.hits[0].main && !r.hits[1].main);
    assert_eq!(r.hits[1].matched_words, 2);
}
