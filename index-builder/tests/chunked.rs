//! The chunked index against the single file: the same results (every hit, score, highlight,
//! suggestion and answer) on the real data and on a synthetic Local Offer of 1,000 records,
//! for the relevance suite, the benchmark's queries typed a keystroke at a time, and random
//! typos; and a damaged, missing or mismatched chunk refused with its name, never a panic or
//! a mix of two builds.

#[path = "../../benches/engine/queries.rs"]
#[allow(dead_code)]
mod queries;
#[allow(dead_code)]
mod real_data;
#[path = "../../benches/engine/synth.rs"]
#[allow(dead_code)]
mod synth;

use local_offer_search::easyread::Pictograms;
use local_offer_search::index::chunk::{
    search_with, ChunkError, ChunkId, ChunkKind, ChunkStore, Outcome, CHUNK_HEADER, MANIFEST_NAME,
};
use local_offer_search::index::chunk_write::{split, Sizes};
use local_offer_search::index::vocab::Vocabulary;
use local_offer_search::index::write::build_with;
use local_offer_search::model::{Access, Area, Cost, Need, Record, WaitingFor};
use local_offer_search::{Filters, Index, NeedFilter, Results, Searcher};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// A chunked build held in memory, served by path.
struct Served {
    files: HashMap<String, Vec<u8>>,
}

impl Served {
    fn store(&self) -> ChunkStore {
        ChunkStore::open(&self.files[MANIFEST_NAME]).expect("the manifest opens")
    }

    fn search(&self, store: &mut ChunkStore, s: &mut Searcher, q: &str, f: &Filters) -> Outcome {
        search_with(store, s, q, f, 10, |p| {
            self.files.get(p).cloned().ok_or_else(|| "not found".into())
        })
    }
}

fn synthetic(size: usize, seed: u64) -> (Vec<Record>, Vec<u8>) {
    let records = synth::local_offer(size, seed);
    let (bytes, _) =
        build_with(&records, &Vocabulary::default(), &synth::council()).expect("it builds");
    (records, bytes)
}

fn chunked(records: &[Record], bytes: &[u8], sizes: Sizes) -> Served {
    let c = split(bytes, records, &Pictograms::new(), sizes).expect("it splits");
    Served {
        files: c.files.into_iter().collect(),
    }
}

/// Every query, its keystrokes, and with filters: the chunked results equal the single file's.
/// Returns the queries that differ.
/// Each search starts from a store that has only the manifest, so a plan that misses a shard
/// shows (chunks kept from earlier searches would hide it).
fn differences(
    index: &Index,
    served: &Served,
    queries: &[String],
    keystrokes: bool,
) -> Vec<String> {
    let filtered = Filters {
        age: Some(12),
        ..Filters::default()
    };
    differences_with(
        index,
        served,
        queries,
        keystrokes,
        &[Filters::default(), filtered],
    )
}

/// Every filter a family can set, one at a time, and a few together.
fn every_filter() -> Vec<Filters> {
    let one = Filters::default;
    let mut out: Vec<Filters> = Vec::new();
    out.extend(Cost::ALL.iter().map(|c| Filters {
        cost: Some(*c),
        ..one()
    }));
    out.extend(Need::ALL.iter().map(|n| Filters {
        need: Some(NeedFilter::Code(*n)),
        ..one()
    }));
    out.extend(Access::ALL.iter().map(|a| Filters {
        access: Some(*a),
        ..one()
    }));
    out.extend(WaitingFor::ALL.iter().map(|w| Filters {
        waiting_for: Some(*w),
        ..one()
    }));
    out.extend([Area(0), Area(1), Area::WHOLE].map(|d| Filters {
        district: Some(d),
        ..one()
    }));
    out.push(Filters {
        age: Some(4),
        ..one()
    });
    out.push(Filters {
        cost: Some(Cost::ALL[0]),
        need: Some(NeedFilter::Code(Need::Asd)),
        access: Some(Access::ALL[0]),
        age: Some(12),
        ..one()
    });
    out
}

/// [`differences`] for the filters `sets`.
fn differences_with(
    index: &Index,
    served: &Served,
    queries: &[String],
    keystrokes: bool,
    sets: &[Filters],
) -> Vec<String> {
    let (mut single, mut chunks) = (Searcher::new(), Searcher::new());
    let mut out = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        let upto = if keystrokes { chars.len() } else { 1 };
        let mut typed: Vec<String> = (1..upto).map(|n| chars[..n].iter().collect()).collect();
        typed.push(q.clone());
        for t in &typed {
            for f in sets {
                let expected: Results = single.search(index, t, f, 10);
                let mut store = served.store();
                let got = served.search(&mut store, &mut chunks, t, f);
                assert!(got.failed.is_empty(), "{t:?}: {:?}", got.failed);
                assert!(
                    got.missing.is_empty(),
                    "{t:?} still needs {:?}",
                    got.missing
                );
                let mut same_but_suggestion = got.results.clone();
                same_but_suggestion.suggestion = expected.suggestion.clone();
                if same_but_suggestion != expected {
                    out.push(format!("{t} {f:?}"));
                } else if got.results != expected {
                    // A "did you mean" two edits away at both first letters: the one thing
                    // the plan's shards may not reach (docs/ARCHITECTURE.md).
                    println!(
                        "{t:?}: suggestion {:?}, single file {:?}",
                        got.results.suggestion, expected.suggestion
                    );
                }
            }
        }
    }
    out
}

#[test]
fn the_real_data_searches_the_same_chunked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = real_data::workspace_root();
    let (single, chunks) = (dir.path().join("one.idx"), dir.path().join("many.idx"));
    for (out, flag) in [(&single, "--single"), (&chunks, "--chunked")] {
        let built = Command::new(env!("CARGO_BIN_EXE_index-builder"))
            .args(["build", "--json", flag, "--data"])
            .arg(root.join("data"))
            .arg("--out")
            .arg(out)
            .output()
            .expect("index-builder runs");
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let summary: serde_json::Value =
            serde_json::from_slice(&built.stdout).expect("build --json prints JSON");
        // The fields a single build prints are all there either way; chunked adds one.
        for key in [
            "records_in",
            "records_out",
            "terms",
            "bytes",
            "written",
            "council",
        ] {
            assert!(summary.get(key).is_some(), "{flag}: no {key}");
        }
        assert_eq!(summary.get("chunked").is_some(), flag == "--chunked");
    }
    let index = Index::from_vec(std::fs::read(&single).expect("read")).expect("opens");
    let files: HashMap<String, Vec<u8>> = walk_dir(&chunks);
    let served = Served { files };
    let suite = std::fs::read_to_string(root.join("index-builder/tests/relevance/queries.txt"))
        .expect("the suite");
    let queries: Vec<String> = suite
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| Some(l.split_once("=>")?.0.trim().to_string()))
        .collect();
    assert!(queries.len() >= 60);
    // Whole queries only: the synthetic test types them a keystroke at a time.
    let differ = differences(&index, &served, &queries, false);
    assert!(differ.is_empty(), "chunked results differ for {differ:?}");
    // Every filter, from the filter chunks: the single file's results.
    let some: Vec<String> = queries
        .iter()
        .step_by(6)
        .cloned()
        .chain([String::new()])
        .collect();
    let differ = differences_with(&index, &served, &some, false, &every_filter());
    assert!(differ.is_empty(), "filtered results differ for {differ:?}");

    // The command line reads the directory too, with the same JSON.
    let search = |path: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_index-builder"))
            .args(["search", "--json", "--index"])
            .arg(path)
            .arg("chams")
            .output()
            .expect("search runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    assert_eq!(search(&single), search(&chunks));
}

fn walk_dir(dir: &Path) -> HashMap<String, Vec<u8>> {
    let mut out = HashMap::new();
    out.insert(
        MANIFEST_NAME.to_string(),
        std::fs::read(dir.join(MANIFEST_NAME)).expect("the manifest"),
    );
    for e in std::fs::read_dir(dir.join("chunks")).expect("the chunks") {
        let e = e.expect("an entry");
        let name = format!("chunks/{}", e.file_name().to_string_lossy());
        out.insert(name, std::fs::read(e.path()).expect("a chunk"));
    }
    out
}

#[test]
fn a_synthetic_local_offer_searches_the_same_chunked() {
    let (records, bytes) = synthetic(1_000, 7);
    let index = Index::open(&bytes).expect("opens");
    // Small pieces, so that a query spans many shards and chunks.
    let sizes = Sizes {
        dict_keys: 2048,
        postings: 1024,
        fragment: 4,
    };
    let served = chunked(&records, &bytes, sizes);
    let mut queries: Vec<String> = queries::QUERIES
        .iter()
        .map(|q| q.text.to_string())
        .collect();

    // Random one-edit typos of title words, as the benchmark's recall measures, and how many
    // edit the first letter (which a term range alone could not reach).
    let mut rng = synth::Rng::new(42);
    let (mut typos, mut first_letter) = (Vec::new(), 0);
    while typos.len() < 300 {
        let r = &records[rng.below(records.len())];
        let words: Vec<&str> = r.name.split_whitespace().filter(|w| w.len() >= 4).collect();
        if words.is_empty() {
            continue;
        }
        let word = words[rng.below(words.len())].to_lowercase();
        let (typo, _) = queries::one_edit(&word, &mut rng);
        if typo.chars().next() != word.chars().next() {
            first_letter += 1;
        }
        typos.push(typo);
    }
    println!(
        "one-edit typos that change the first letter: {first_letter} of {}",
        typos.len()
    );
    assert!(
        first_letter > 0,
        "the sample should edit some first letters"
    );
    queries.extend(typos);
    let differ = differences(&index, &served, &queries, true);
    assert!(differ.is_empty(), "chunked results differ for {differ:?}");
}

#[test]
fn a_first_search_needs_a_few_chunks_not_all() {
    let (records, bytes) = synthetic(1_000, 7);
    let served = chunked(&records, &bytes, Sizes::default());
    let mut store = served.store();
    let all = store.manifest().all().len();
    let out = served.search(
        &mut store,
        &mut Searcher::new(),
        "autism",
        &Filters::default(),
    );
    assert!(out.complete());
    let (count, _) = store.arrived();
    assert!(count * 4 < all, "read {count} of {all} chunks");
}

/// Serves `served`, with the chunk at `path` replaced by `bytes` (or missing).
fn with_chunk(served: &Served, path: &str, bytes: Option<Vec<u8>>) -> Served {
    let mut files = served.files.clone();
    match bytes {
        Some(b) => files.insert(path.to_string(), b),
        None => files.remove(path),
    };
    Served { files }
}

/// The first search's path for a chunk of `kind` that `query` needs.
fn needed(served: &Served, query: &str, kind: ChunkKind) -> (ChunkId, String) {
    let mut store = served.store();
    let out = served.search(&mut store, &mut Searcher::new(), query, &Filters::default());
    assert!(out.complete());
    // What a fresh store fetches: search again, one round at a time, to find a chunk of `kind`.
    let mut fresh = served.store();
    for _ in 0..6 {
        let o = fresh.search(&mut Searcher::new(), query, &Filters::default(), 10);
        if let Some(id) = o.missing.iter().find(|id| id.kind == kind) {
            return (*id, fresh.manifest().name(*id).path);
        }
        for id in o.missing {
            let p = fresh.manifest().name(id).path;
            fresh.add(id, &served.files[&p]).expect("a good chunk");
        }
    }
    panic!("{query:?} needs no {kind:?} chunk");
}

#[test]
fn a_damaged_missing_or_foreign_chunk_is_named_and_the_rest_is_shown() {
    let (records, bytes) = synthetic(1_000, 7);
    let served = chunked(&records, &bytes, Sizes::default());
    let (other_records, other_bytes) = synthetic(1_000, 8);
    let other = chunked(&other_records, &other_bytes, Sizes::default());
    let query = "autism assessment";
    let single = Index::open(&bytes).expect("opens");
    let full = {
        let mut s = served.store();
        served.search(&mut s, &mut Searcher::new(), query, &Filters::default())
    };
    assert!(full.complete() && !full.results.hits.is_empty());

    for kind in [ChunkKind::Postings, ChunkKind::Docs, ChunkKind::Dict] {
        let (id, path) = needed(&served, query, kind);
        let good = served.files[&path].clone();
        let mut wrong_version = good.clone();
        wrong_version[8] ^= 1;
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x40;
        // The same chunk of another build (the other build's chunk of this kind and number).
        let foreign = {
            let s = other.store();
            let p = s.manifest().name(id).path;
            other
                .files
                .get(&p)
                .cloned()
                .expect("the other build has it")
        };
        let cases: [Case; 5] = [
            ("missing", None, |e| {
                matches!(e, ChunkError::Unavailable { .. })
            }),
            ("truncated", Some(good[..good.len() / 2].to_vec()), |e| {
                matches!(e, ChunkError::WrongLength { .. })
            }),
            ("wrong version", Some(wrong_version), |e| {
                matches!(e, ChunkError::WrongVersion { .. })
            }),
            ("wrong hash", Some(flipped), |e| {
                matches!(e, ChunkError::WrongHash { .. })
            }),
            ("another build's", Some(foreign), |e| {
                matches!(e, ChunkError::OtherBuild { .. })
            }),
        ];
        for (what, bytes, expected) in cases {
            let damaged = with_chunk(&served, &path, bytes);
            let mut store = damaged.store();
            let out = damaged.search(&mut store, &mut Searcher::new(), query, &Filters::default());
            assert!(
                out.missing.is_empty(),
                "{what} {kind:?}: the search settles"
            );
            let e = out
                .failed
                .first()
                .unwrap_or_else(|| panic!("{what} {kind:?}: no error"));
            assert!(expected(e), "{what} {kind:?}: {e:?}");
            let text = e.to_string();
            assert!(
                text.contains(&path),
                "{what}: the message names the file: {text}"
            );
            assert!(text.contains(kind_name(kind)), "{what}: {text}");
            assert!(!e.for_family().is_empty());
            // Whatever is shown comes from this build: each hit's record, where it arrived,
            // is the single file's record of that number.
            if out.results.hits.is_empty() {
                continue;
            }
            let index = store.index().expect("what arrived assembles");
            for h in &out.results.hits {
                if let Ok(r) = index.record(h.doc) {
                    let want = single.record(h.doc).expect("the single file's record");
                    assert_eq!(r.id, want.id, "{what} {kind:?}: a record of another build");
                }
            }
        }
    }
}

/// A damage case: what it is, the chunk's bytes (none: missing), and the error expected.
type Case = (&'static str, Option<Vec<u8>>, fn(&ChunkError) -> bool);

fn kind_name(k: ChunkKind) -> &'static str {
    k.name()
}

#[test]
fn a_damaged_manifest_is_refused_and_any_damage_never_panics() {
    let (records, bytes) = synthetic(300, 7);
    let served = chunked(&records, &bytes, Sizes::default());
    let manifest = &served.files[MANIFEST_NAME];
    for cut in [0, 10, 24, manifest.len() / 2, manifest.len() - 1] {
        let e = ChunkStore::open(&manifest[..cut]).expect_err("a cut manifest");
        assert!(matches!(e, ChunkError::Manifest(_)), "{e:?}");
    }
    let mut flipped = manifest.clone();
    flipped[manifest.len() / 2] ^= 0x10;
    assert!(ChunkStore::open(&flipped).is_err());
    // A single index file is not a manifest, and a manifest is not an index.
    assert!(ChunkStore::open(&bytes).is_err());
    assert!(Index::open(manifest).is_err());

    // Every byte of a few chunks, flipped in turn (the header's too): refused, never a panic.
    let mut store = served.store();
    let ids: Vec<ChunkId> = store
        .manifest()
        .all()
        .into_iter()
        .step_by(7)
        .take(6)
        .collect();
    for id in ids {
        let path = store.manifest().name(id).path;
        let good = &served.files[&path];
        for i in (0..good.len()).step_by(1 + good.len() / 64) {
            let mut b = good.clone();
            b[i] ^= 0x55;
            assert!(store.add(id, &b).is_err(), "{path} byte {i}");
        }
        assert!(store.add(id, &good[..CHUNK_HEADER]).is_err());
        store.add(id, good).expect("the good chunk");
    }
}

/// The filters only a family's choice reads (cost, need, access, waiting for) are chunks of
/// their own, not in the manifest: with one set, the first round fetches its column with the
/// plan's shards (no round trip of its own), nothing shows until it is here, and then the
/// results are the single file's.
#[test]
fn a_filter_column_comes_with_the_first_round_and_gives_the_single_files_results() {
    let (records, bytes) = synthetic(1_000, 7);
    let index = Index::open(&bytes).expect("opens");
    let served = chunked(&records, &bytes, Sizes::default());
    let queries: Vec<String> = [
        "",
        "autism",
        "speech therapy",
        "short breaks",
        "chams",
        "wheelchair",
        "speech therapy for a 5 year old",
        "age 16",
    ]
    .map(String::from)
    .to_vec();
    let sets = every_filter();
    let differ = differences_with(&index, &served, &queries, false, &sets);
    assert!(differ.is_empty(), "filtered results differ for {differ:?}");

    let mut single = Searcher::new();
    for f in &sets {
        let mut store = served.store();
        let columns = store.manifest().filter_chunks(f);
        assert!(!columns.is_empty(), "{f:?}");
        let first = store.search(&mut Searcher::new(), "speech therapy", f, 10);
        for id in &columns {
            assert!(
                first.missing.contains(id),
                "{f:?}: the first round lacks {id:?}"
            );
        }
        assert!(first.missing.iter().any(|id| id.kind == ChunkKind::Dict));
        assert_eq!(
            store.plan_filtered("speech therapy", f),
            first.missing,
            "the plan is the first round"
        );
        assert!(first.results.hits.is_empty());
    }

    // A question that states an age reads every match's ages: they come with the first round,
    // and a question without one does not fetch them.
    let ages = |q: &str| {
        let store = served.store();
        let first = store.plan_filtered(q, &Filters::default());
        first
            .iter()
            .any(|id| id.kind == ChunkKind::Filter && id.number == 4)
    };
    assert!(ages("speech therapy for a 5 year old"));
    assert!(ages("age 16"));
    assert!(!ages("speech therapy"));

    // A family sets a filter once results show: the next search asks for its column alone and
    // shows nothing until it is here, then the single file's results.
    let cost = Filters {
        cost: Some(Cost::ALL[0]),
        ..Filters::default()
    };
    let mut store = served.store();
    let mut s = Searcher::new();
    let plain = served.search(&mut store, &mut s, "autism", &Filters::default());
    assert!(plain.complete() && !plain.results.hits.is_empty());
    let waiting = store.search(&mut s, "autism", &cost, 10);
    assert_eq!(waiting.missing, store.manifest().filter_chunks(&cost));
    assert!(waiting.results.hits.is_empty() && waiting.failed.is_empty());
    let got = served.search(&mut store, &mut s, "autism", &cost);
    assert!(got.complete());
    assert_eq!(got.results, single.search(&index, "autism", &cost, 10));
    assert!(!got.results.hits.is_empty());
    // Once here, the search without the filter is unchanged.
    let again = served.search(&mut store, &mut s, "autism", &Filters::default());
    assert_eq!(again.results, plain.results);

    // Every filter column is listed for a browser to fetch when idle, and a kiosk's full
    // download has them.
    let columns = store.manifest().filter_columns();
    assert_eq!(columns.len(), 6);
    assert!(columns.iter().all(|c| store.manifest().all().contains(c)));
}

/// A filter column that cannot be had, or is damaged, is a plain failure naming it: never the
/// results of a search that ignored the filter.
#[test]
fn a_missing_or_damaged_filter_column_fails_plainly() {
    let (records, bytes) = synthetic(1_000, 7);
    let served = chunked(&records, &bytes, Sizes::default());
    let need = Filters {
        need: Some(NeedFilter::Code(Need::Asd)),
        ..Filters::default()
    };
    let (id, path) = {
        let store = served.store();
        let id = store.manifest().filter_chunks(&need)[0];
        (id, store.manifest().name(id).path)
    };
    assert!(path.starts_with("chunks/filter-"), "{path}");
    let mut flipped = served.files[&path].clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    for (what, bytes) in [("missing", None), ("damaged", Some(flipped))] {
        let damaged = with_chunk(&served, &path, bytes);
        let mut store = damaged.store();
        let out = damaged.search(&mut store, &mut Searcher::new(), "autism", &need);
        assert!(out.missing.is_empty(), "{what}: the search settles");
        assert!(out.results.hits.is_empty(), "{what}: no unfiltered results");
        let e = out
            .failed
            .first()
            .unwrap_or_else(|| panic!("{what}: no error"));
        assert_eq!(e.chunk().map(|c| c.id), Some(id), "{what}: {e}");
        assert!(e.to_string().contains(&path), "{what}: {e}");
        assert!(e.to_string().contains("filter column"), "{what}: {e}");
        // Without the filter the search is whole.
        let plain = damaged.search(
            &mut store,
            &mut Searcher::new(),
            "autism",
            &Filters::default(),
        );
        assert!(plain.complete() && !plain.results.hits.is_empty(), "{what}");
    }
}
