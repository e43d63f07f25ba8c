//! The fuzz targets' inputs replayed on stable Rust: every file of `fuzz/corpus/<target>/` (the
//! seeds and what `cargo xtask fuzz --merge` kept) and of `fuzz/regressions/<target>/` (each a
//! crash, hang or leak a fuzz run once found) goes through the same target function as the
//! fuzzer's (`fuzz/targets.rs`), which asserts that target's documented result. So `cargo xtask
//! test` keeps every fixed crash fixed without nightly or cargo-fuzz.

#[path = "../../fuzz/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("index-builder sits in the workspace root")
        .join("fuzz")
}

/// The files of `dir`, sorted; none if it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    out.sort();
    out
}

/// Runs every input of one target; panics naming the first file that fails.
fn replay(name: &str) -> (usize, usize) {
    let (_, target) = targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("the target exists");
    let corpus = files(&fuzz_dir().join("corpus").join(name));
    let regressions = files(&fuzz_dir().join("regressions").join(name));
    for file in corpus.iter().chain(&regressions) {
        let data = std::fs::read(file).expect("the input is readable");
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{name}: {} fails", file.display());
        // The fuzzer's own limit is 10 s an input (`cargo xtask fuzz`); replayed in a debug
        // build, on a busy machine, an input may take longer than in the fuzzer, but not this.
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(20),
            "{name}: {} took {took:?}",
            file.display()
        );
    }
    (corpus.len(), regressions.len())
}

/// The `open_search` seeds are a query, then an index file. A seed in an older format only
/// reaches the version check, so every seed must be in the format the reader reads today.
/// `LOS_RESEED=1` brings them up to date: the seeds that hold the fixture's index get it
/// rebuilt; the crafted ones (named `bomb-*` or `bad-*`) keep their bytes and get the new
/// version and checksum (their damage is in a dictionary, which is checked before anything
/// else is read).
#[test]
fn the_open_search_seeds_are_in_todays_format() {
    use local_offer_search::index::{codec::crc32, FORMAT_VERSION, HEADER_LEN};
    let reseed = std::env::var_os("LOS_RESEED").is_some();
    let fixture = targets::fixture_index_bytes();
    for file in files(&fuzz_dir().join("corpus").join("open_search")) {
        let mut data = std::fs::read(&file).expect("the seed is readable");
        let at = 1 + usize::from(data[0]);
        let version = u32::from_le_bytes(data[at + 8..at + 12].try_into().expect("4 bytes"));
        if version == FORMAT_VERSION {
            continue;
        }
        assert!(
            reseed,
            "{} is an index of format {version}, not {FORMAT_VERSION}: run \
             LOS_RESEED=1 cargo test -p index-builder --test fuzz_replay",
            file.display()
        );
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let crafted = name.is_some_and(|n| n.starts_with("bomb-") || n.starts_with("bad-"));
        if !crafted {
            data.truncate(at);
            data.extend_from_slice(&fixture);
        } else {
            data[at + 8..at + 12].copy_from_slice(&FORMAT_VERSION.to_le_bytes());
            let crc = crc32(&data[at + HEADER_LEN..]);
            data[at + 20..at + 24].copy_from_slice(&crc.to_le_bytes());
        }
        std::fs::write(&file, data).expect("the seed is writable");
    }
}

#[test]
fn every_target_has_a_corpus() {
    let folders: Vec<String> = std::fs::read_dir(fuzz_dir().join("corpus"))
        .expect("fuzz/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    for (name, _) in targets::TARGETS {
        assert!(
            !files(&fuzz_dir().join("corpus").join(name)).is_empty(),
            "fuzz/corpus/{name} holds no seeds"
        );
        let bin = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        assert!(bin.is_file(), "{} is missing", bin.display());
    }
    for folder in folders {
        assert!(
            targets::TARGETS.iter().any(|(n, _)| *n == folder),
            "fuzz/corpus/{folder} belongs to no target"
        );
    }
}

#[test]
fn open_search_inputs_replay() {
    let (corpus, _) = replay("open_search");
    assert!(corpus > 0);
}

#[test]
fn builder_toml_inputs_replay() {
    let (corpus, _) = replay("builder_toml");
    assert!(corpus > 0);
}

#[test]
fn builder_oruk_inputs_replay() {
    let (corpus, _) = replay("builder_oruk");
    assert!(corpus > 0);
}

#[test]
fn card_inputs_replay() {
    let (corpus, _) = replay("card");
    assert!(corpus > 0);
}

#[test]
fn understand_inputs_replay() {
    let (corpus, _) = replay("understand");
    assert!(corpus > 0);
}
