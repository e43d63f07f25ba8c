//! What the JavaScript API answers (`src/api.rs`), natively: the same values the wasm hands to
//! a partner's page through serde-wasm-bindgen.

#![cfg(feature = "writer")]

mod common;

use common::build;
use common::{records, top};
use local_offer_search::api::{self, ApiError, SearchHit, SearchOptions};
use local_offer_search::index::write::build_easy_read;
use local_offer_search::model::{Contact, ContactKind, Kind, Need};
use local_offer_search::view;
use local_offer_search::{Index, Searcher};

/// The test index with its second file (the cards' details) attached, as `open()` gives it.
fn index() -> Index {
    let records = records();
    let (bytes, _) = build(&records).expect("test records build");
    let mut index = Index::open(&bytes).expect("test index opens");
    index
        .attach_easy_read(build_easy_read(&records, &bytes))
        .expect("its own second file");
    index
}

fn search(i: &Index, q: &str, options: &SearchOptions) -> Result<Vec<SearchHit>, ApiError> {
    api::search(&mut Searcher::new(), i, q, options)
}

#[test]
fn search_gives_the_engine_order_with_record_facts() {
    let i = index();
    let hits = search(&i, "chams", &SearchOptions::default()).expect("search");
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, top(&i, "chams", api::DEFAULT_LIMIT));
    let camhs = hits.iter().find(|h| h.id == "camhs").expect("CAMHS found");
    assert_eq!(camhs.title, "CAMHS");
    assert_eq!(camhs.kind, Kind::Service);
    assert_eq!(camhs.highlights.title, [[0, 5]]);
    let salt = search(&i, "children", &SearchOptions::default()).expect("search");
    let salt = salt
        .iter()
        .find(|h| h.id == "speech-therapy")
        .expect("found");
    assert_eq!(salt.ages, [0, 19]);
    assert_eq!(salt.areas, ["worcester"]);
    assert_eq!(salt.needs, [Need::Slcn]);
}

#[test]
fn options_filter_and_an_empty_query_browses() {
    let i = index();
    let options = SearchOptions {
        kind: Some(Kind::WaitSupport),
        limit: Some(100),
        ..SearchOptions::default()
    };
    let hits = search(&i, "", &options).expect("browse");
    assert_eq!(hits.len(), 2);
    assert!(hits
        .iter()
        .all(|h| h.kind == Kind::WaitSupport && h.score == 0.0));
    assert!(search(&i, "", &SearchOptions::default())
        .expect("nothing")
        .is_empty());
    let need = SearchOptions {
        need: Some("asd".into()),
        area: Some("wychavon".into()),
        ..SearchOptions::default()
    };
    let ids: Vec<String> = search(&i, "", &need)
        .expect("browse")
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, ["dingleys-promise-droitwich"]);
    let bad = SearchOptions {
        need: Some("XYZ".into()),
        ..SearchOptions::default()
    };
    assert_eq!(
        search(&i, "x", &bad),
        Err(ApiError::UnknownNeed("XYZ".into()))
    );
}

#[test]
fn record_gives_the_card_and_an_unknown_id_is_an_error() {
    let i = index();
    let card = api::record(&i, "speech-therapy").expect("card");
    assert_eq!(card.id, "speech-therapy");
    assert_eq!(card.kind_label, Kind::Service.label());
    assert!(!card.easy.parts.is_empty());
    assert_eq!(
        api::record(&i, "nope").unwrap_err().to_string(),
        "no record has the id \"nope\""
    );
}

#[test]
fn record_has_the_details_from_the_second_file_and_refuses_without_it() {
    let mut r = common::rec(
        "sendiass-test",
        Kind::Service,
        "Advice service",
        "Free advice about SEND for families.",
    );
    r.how_to_get = "Phone the helpline.".into();
    r.contacts = vec![Contact {
        kind: ContactKind::Phone,
        value: "01905 000000".into(),
        label: String::new(),
        general: false,
    }];
    let mut records = records();
    records.push(r);
    let (bytes, _) = build(&records).expect("build");
    let mut i = Index::open(&bytes).expect("open");
    assert_eq!(api::record(&i, "sendiass-test"), Err(ApiError::NoDetails));
    assert_eq!(api::define(&i, "SALT"), Err(ApiError::NoDetails));
    assert!(ApiError::NoDetails.to_string().contains(".easy"));
    i.attach_easy_read(build_easy_read(&records, &bytes))
        .expect("attach");
    let card = api::record(&i, "sendiass-test").expect("card");
    // Exactly the card the widget and `index-builder show` build.
    let doc = (0..i.len() as u32)
        .find(|&d| i.headline(d).is_ok_and(|h| h.id == "sendiass-test"))
        .expect("doc");
    let record = i.record(doc).expect("record");
    assert_eq!(card, view::card_for(&i, &record, &[], &[]));
    assert_eq!(card.links.len(), 1);
    assert_eq!(card.links[0].href, "tel:01905000000");
    assert!(card
        .facts
        .iter()
        .any(|f| f.label == "How to get it" && f.value[0].text == "Phone the helpline."));
}

#[test]
fn facets_count_what_a_browse_lists() {
    let i = index();
    let f = api::facets(&i);
    assert_eq!(f.areas.len(), 6);
    assert_eq!(f.needs.len(), Need::ALL.len());
    assert_eq!(f.ages.len(), 5);
    for k in &f.kinds {
        let kind = Kind::parse(&k.key).expect("a kind key");
        assert_eq!(k.count, i.meta().per_kind[kind.code() as usize]);
    }
    for a in &f.areas {
        let options = SearchOptions {
            area: Some(a.key.clone()),
            limit: Some(1000),
            ..SearchOptions::default()
        };
        let browse = search(&i, "", &options).expect("browse");
        assert_eq!(a.count as usize, browse.len(), "{}", a.key);
    }
}

#[test]
fn define_finds_every_spelling_in_any_case() {
    let i = index();
    let salt = api::define(&i, "SALT").expect("define");
    assert_eq!(salt.len(), 1);
    assert_eq!(salt[0].expansion, "Speech and Language Therapy");
    assert_eq!(salt[0].meaning, "Help with talking and understanding.");
    assert_eq!(api::define(&i, "salt").expect("define"), salt);
    assert_eq!(api::define(&i, " EHCPs ").expect("define")[0].term, "EHCP");
    assert!(api::define(&i, "zzqx").expect("define").is_empty());
    assert!(api::define(&i, "").expect("define").is_empty());
}
