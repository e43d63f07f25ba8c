//! The bodies of the fuzz targets, shared by the cargo-fuzz binaries (`fuzz/fuzz_targets/*.rs`,
//! nightly, run by `cargo xtask fuzz`) and the stable replay test
//! (`index-builder/tests/fuzz_replay.rs`, run by `cargo xtask test`), which feeds every file of
//! `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` through the same function. So a crash
//! the fuzzer once found stays fixed without nightly.
//!
//! Each target asserts the documented result for its input, not only "no panic": a panic (or an
//! assertion failing) is what the fuzzer reports as a crash, and what fails the replay test.
//!
//! | target | input | result asserted |
//! | ------ | ----- | --------------- |
//! | `open_search` | first byte: query length; then query, then an index file | `Index::open` is an error that reads as one line with a plain sentence for families, or the index answers within its bounds and every hit has its record, headline and card |
//! | `builder_toml` | a TOML data file | `check` gives one-line problems; a file `check` passes builds an index that opens and holds every record |
//! | `builder_oruk` | an Open Referral UK JSON feed (v1 or 3.0, any shape) | the same, for the feed reader |
//! | `card` | first byte: kind, status, ages, and whether to build an index with the record; then fields split by U+001E | the card's title and summary segments spell the record's own text; every link is printable ASCII of its kind; the record's card from a built index matches its headline |
//! | `understand` | a question | ages are in range and ordered, the concepts are bounded, and searching the real index with it stays within bounds |

// Each crate that includes this file uses some of it.
#![allow(dead_code)]

use index_builder::problem::Problems;
use local_offer_search::easyread::{easy_read, hard_words};
use local_offer_search::index::analyze::{record_terms, Glossary};
use local_offer_search::index::vocab::Vocabulary;
use local_offer_search::index::write::{build_easy_read, build_with};
use local_offer_search::model::{Area, Contact, ContactKind, Kind, Record, Status, MAX_AGE};
use local_offer_search::search::MAX_WORDS;
use local_offer_search::view::{self, Segment};
use local_offer_search::{understand as read_question, Filters, Index, Results};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A target: any bytes in; a panic if the documented result does not hold.
pub type Target = fn(&[u8]);

/// Every target, by the name of its folder under `fuzz/corpus/` and `fuzz/regressions/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("open_search", open_search),
    ("builder_toml", builder_toml),
    ("builder_oruk", builder_oruk),
    ("card", card),
    ("understand", understand),
];

/// The "today" the builder targets check dates against, fixed so a run repeats.
const TODAY: (i32, u32, u32) = (2027, 1, 15);

/// The workspace root: both crates that include this file sit one folder below it.
fn root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

// ---------------------------------------------------------------------------------------------
// open_search

/// Any bytes as an index file: a clean error, or an index whose answers stay in bounds.
pub fn open_search(data: &[u8]) {
    let split = usize::from(data.first().copied().unwrap_or(0)).min(data.len());
    let (query, file) = data.split_at(split);
    let query = String::from_utf8_lossy(query);
    match Index::open(file) {
        Ok(index) => {
            let results = index.search(&query, &Filters::default(), 20);
            within_bounds(&index, &results, 20);
            for hit in &results.hits {
                // A damaged record may be an error; it must not panic.
                let _ = index.record(hit.doc);
                let _ = view::headline(&index, hit);
                let _ = view::card(&index, hit);
            }
            for e in index.glossary() {
                assert!((e.doc as usize) < index.len(), "glossary doc {}", e.doc);
            }
        }
        Err(e) => {
            let line = e.to_string();
            assert!(!line.is_empty() && !line.contains('\n'), "{line:?}");
            let plain = e.for_family();
            assert!(plain.ends_with('.'), "{plain:?}");
            assert!(!plain.chars().any(|c| c.is_ascii_digit()), "{plain:?}");
        }
    }
}

/// What every answer promises, whatever the index and the query.
fn within_bounds(index: &Index, r: &Results, limit: usize) {
    assert!(r.hits.len() <= limit, "{} hits", r.hits.len());
    assert!(
        r.total <= index.len(),
        "total {} of {}",
        r.total,
        index.len()
    );
    assert!(r.words.len() <= MAX_WORDS, "{} words", r.words.len());
    for h in &r.hits {
        assert!((h.doc as usize) < index.len(), "doc {}", h.doc);
    }
}

// ---------------------------------------------------------------------------------------------
// builder_toml, builder_oruk

/// A TOML data file, read and checked as `index-builder check` does.
pub fn builder_toml(data: &[u8]) {
    check_then_build("records.toml", data);
}

/// An Open Referral UK feed, read and checked as `index-builder check` does.
pub fn builder_oruk(data: &[u8]) {
    check_then_build("feed.json", data);
}

/// A folder of its own for one run of a builder target (the replay test runs them in
/// parallel threads); removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("los-fuzz-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `data` as the one file `name` of a data folder, through the builder's load and checks (as
/// `index-builder check` runs them). Every problem must print as one line; if there is no
/// error, the records must build into an index that opens and holds each of them, with its
/// easy-read file.
fn check_then_build(name: &str, data: &[u8]) {
    let scratch = Scratch::new();
    std::fs::write(scratch.0.join(name), data).expect("the scratch file is written");
    let mut problems = Problems::default();
    let mut loaded = index_builder::load::load_dir(&scratch.0, &mut problems).records;
    // No profile in the scratch folder: the areas are the feed's own, as for a pulled feed.
    let council = index_builder::council::resolve(None, &mut loaded, &mut problems);
    index_builder::check::check_all(&loaded, TODAY, false, &mut problems);
    index_builder::evidence::check(&loaded, &scratch.0, &mut problems);
    for p in &problems.list {
        let line = p.to_string();
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(
            line.starts_with(&scratch.0.display().to_string()),
            "the line names the file: {line:?}"
        );
    }
    if problems.errors() > 0 {
        return;
    }
    let records: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
    let (bytes, report) = match build_with(&records, &Vocabulary::default(), &council) {
        Ok(built) => built,
        Err(e) => panic!(
            "check passed {} records but build failed: {e}",
            records.len()
        ),
    };
    let mut index = match Index::open(&bytes) {
        Ok(i) => i,
        Err(e) => panic!("a checked dataset built an index that does not open: {e}"),
    };
    assert_eq!(
        index.len(),
        records.len(),
        "every checked record is in the index"
    );
    assert_eq!(report.records, records.len());
    let easy = build_easy_read(&records, &bytes);
    if let Err(e) = index.attach_easy_read(easy) {
        panic!("the easy-read file of a checked dataset is refused: {e}");
    }
    for doc in 0..index.len() as u32 {
        let r = match index.record(doc) {
            Ok(r) => r,
            Err(e) => panic!("record {doc} of a checked dataset does not decode: {e}"),
        };
        assert!(
            records.iter().any(|w| w.id == r.id),
            "record {doc} is one of the checked records"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// card

/// A few records with glossary entries, so card text has acronyms to explain.
fn fixture_records() -> Vec<Record> {
    let gloss = |term: &str, expansion: &str| Record {
        id: format!("glossary-{}", term.to_lowercase()),
        kind: Kind::Glossary,
        name: term.into(),
        term: term.into(),
        expansion: expansion.into(),
        plain_meaning: "A word you may see.".into(),
        source: "fuzz".into(),
        last_reviewed: "2025".into(),
        ..Record::default()
    };
    vec![
        gloss("EHCP", "Education, Health and Care Plan"),
        gloss("CAMHS", "Child and Adolescent Mental Health Services"),
        gloss("SEND", "Special Educational Needs and Disabilities"),
        Record {
            id: "short-breaks".into(),
            kind: Kind::Service,
            name: "Short breaks for SEND families".into(),
            summary: "Activities for children with an EHCP, and CAMHS support.".into(),
            easy_read: vec!["This is help.".into()],
            source: "fuzz".into(),
            last_reviewed: "2025".into(),
            ..Record::default()
        },
    ]
}

/// The fixture's index file, as the `open_search` seeds carry it after their query.
/// The fixture's index, for the council of the real data (so its `council` section has areas).
pub fn fixture_index_bytes() -> Vec<u8> {
    build_with(&fixture_records(), &Vocabulary::default(), real_council())
        .expect("the fixture builds")
        .0
}

fn fixture_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::from_vec(fixture_index_bytes()).expect("the fixture opens"))
}

fn pick<T: Copy>(all: &[T], b: u8) -> T {
    all[usize::from(b) % all.len()]
}

fn joined(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

/// A record made from the input: the first byte chooses the kind, status, districts and ages
/// (and, in [`card`], whether to build an index with it);
/// the rest is its text fields, split by U+001E (lists by U+001F), the last being a query.
fn fuzzed_record(data: &[u8]) -> Option<(Record, String)> {
    let (&head, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest);
    let mut fields = text.split('\u{1e}');
    let mut next = || fields.next().unwrap_or("").to_string();
    let list = |s: String| -> Vec<String> {
        s.split('\u{1f}')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut r = Record {
        id: "fuzz-record".into(),
        kind: pick(Kind::ALL, head),
        status: pick(Status::ALL, head >> 2),
        districts: if head & 0x10 != 0 {
            (0..6).map(Area).chain([Area::WHOLE]).collect()
        } else {
            Vec::new()
        },
        minimum_age: (head & 0x20 != 0).then_some(head % 30),
        maximum_age: (head & 0x40 != 0).then_some(head % 27),
        source: "fuzz".into(),
        last_reviewed: "2025".into(),
        ..Record::default()
    };
    r.name = next();
    r.summary = next();
    r.description = next();
    r.term = next();
    r.expansion = next();
    r.plain_meaning = next();
    r.easy_read = list(next());
    r.keywords = list(next());
    r.also = list(next());
    r.starts = next();
    r.ends = next();
    r.replaced_by = next();
    r.last_checked = next();
    r.eligibility = next();
    r.how_to_get = next();
    for (i, kind) in ContactKind::ALL.iter().enumerate() {
        let value = next();
        if !value.is_empty() {
            r.contacts.push(Contact {
                kind: *kind,
                value,
                label: next(),
                general: head & (1 << (i % 8)) != 0,
            });
        }
    }
    let query = next();
    Some((r, query))
}

/// A link the card shows: printable ASCII only (no bidi controls, invisible characters or
/// spaces) and of its kind's scheme.
fn assert_safe_link(l: &view::Link) {
    assert!(
        l.href.bytes().all(|b| b.is_ascii_graphic()),
        "a link's address is printable ASCII: {:?}",
        l.href
    );
    let scheme = match l.kind {
        view::LinkKind::Web => "https://",
        view::LinkKind::Email => "mailto:",
        view::LinkKind::Phone => "tel:",
    };
    assert!(l.href.starts_with(scheme), "{:?}", l.href);
}

/// Card rendering: the record → card text functions of `view` and `easyread`.
pub fn card(data: &[u8]) {
    let Some((r, query)) = fuzzed_record(data) else {
        return;
    };
    let head = data.first().copied().unwrap_or(0);
    let fixture = fixture_index();
    let c = view::card_for(fixture, &r, &[], &[]);
    assert_eq!(joined(&c.title), r.name, "the title spells the name");
    let summary = if r.kind == Kind::Glossary {
        &r.expansion
    } else {
        &r.summary
    };
    assert_eq!(
        &joined(&c.summary),
        summary,
        "the summary spells the record's"
    );
    for f in &c.facts {
        assert!(!f.label.is_empty());
    }
    for l in c.links.iter().chain(&c.report) {
        assert_safe_link(l);
    }
    for l in view::contact_links(&r) {
        assert_safe_link(&l);
    }
    let council = real_council();
    let _ = easy_read(&r, council);
    let _ = view::printout_lines(&c);
    let _ = view::ages_text(&r);
    let _ = view::status_text(&r);
    let _ = council.where_words(&r.districts);
    let _ = view::count_text(r.name.len(), &query, r.name.is_empty());
    for s in &r.easy_read {
        let _ = hard_words(s);
    }
    // The same record among the fixture's, in an index, found by a search: its card and
    // headline agree with what the index stores. Building an index is most of a run's time, so
    // the first byte's top bit chooses it (the fuzzer explores both halves).
    if head & 0x80 == 0 {
        return;
    }
    let mut records = fixture_records();
    records.push(r);
    let Ok((bytes, _)) = build_with(&records, &Vocabulary::default(), council) else {
        return;
    };
    let index = match Index::open(&bytes) {
        Ok(i) => i,
        Err(e) => panic!("a built index does not open: {e}"),
    };
    let results = index.search(&query, &Filters::default(), 10);
    within_bounds(&index, &results, 10);
    for hit in &results.hits {
        for hl in [&hit.title_highlights, &hit.summary_highlights] {
            assert!(
                hl.windows(2).all(|w| w[0].start <= w[1].start),
                "highlights are sorted: {hl:?}"
            );
            assert!(hl.iter().all(|h| h.start < h.end), "{hl:?}");
        }
        let stored = match index.record(hit.doc) {
            Ok(s) => s,
            Err(e) => panic!("a hit's record does not decode: {e}"),
        };
        let Some(card) = view::card(&index, hit) else {
            panic!("a hit has no card")
        };
        let Some((title, summary)) = view::headline(&index, hit) else {
            panic!("a hit has no headline")
        };
        assert_eq!(joined(&card.title), stored.name);
        assert_eq!(joined(&title), stored.name);
        assert_eq!(joined(&summary), joined(&card.summary));
        for l in card.links.iter().chain(&card.report) {
            assert_safe_link(l);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// understand

/// The real dataset's council profile (`data/council.toml`), read once.
fn real_council() -> &'static local_offer_search::council::Council {
    static COUNCIL: OnceLock<local_offer_search::council::Council> = OnceLock::new();
    COUNCIL.get_or_init(|| {
        let mut problems = Problems::default();
        let profile = index_builder::council::load(&root().join("data"), &mut problems);
        index_builder::council::resolve(profile, &mut [], &mut problems)
    })
}

/// The real dataset (`data/`) and its vocabulary, built once as `index-builder build` does.
fn real_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let data = root().join("data");
        let mut problems = Problems::default();
        let mut loaded = index_builder::load::load_dir(&data, &mut problems).records;
        let profile = index_builder::council::load(&data, &mut problems);
        let council = index_builder::council::resolve(profile, &mut loaded, &mut problems);
        let records: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
        let glossary = Glossary::new(records.iter());
        let terms = || {
            records
                .iter()
                .flat_map(|r| record_terms(r, &glossary, &council).into_keys())
                .collect()
        };
        let mut vocabulary: Vocabulary =
            index_builder::vocabulary::load(&data, terms, &mut problems);
        vocabulary.places = index_builder::council::places(&council);
        let (bytes, _) = build_with(&records, &vocabulary, &council).expect("the real data builds");
        Index::from_vec(bytes).expect("the real index opens")
    })
}

/// Query understanding on the real vocabulary, then the search it steers.
pub fn understand(data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    let index = real_index();
    let u = read_question(&q, index.vocabulary());
    if let Some(a) = u.age {
        assert!(a.from <= a.to && a.to <= MAX_AGE, "{a:?} from {q:?}");
    }
    // At most one concept per token read, and at most 48 tokens are read.
    assert!(u.concepts.len() <= 48, "{} concepts", u.concepts.len());
    for c in &u.concepts {
        // A word searched as itself, or a phrase the vocabulary matched whole (empty term).
        assert!(!c.term.is_empty() || !c.means.is_empty(), "{c:?}");
        assert!(!c.text.trim().is_empty(), "{c:?}");
    }
    let results = index.search(&q, &Filters::default(), 10);
    within_bounds(index, &results, 10);
    for hit in &results.hits {
        assert!(view::card(index, hit).is_some(), "a hit has its card");
    }
}
