//! What a first search over a chunked index fetches: for a few typical queries, each from a
//! store that has only the manifest, the requests, the round trips (each round fetches in
//! parallel what the last search found missing), the bytes as stored and gzipped file by file
//! (as a CDN serves them), and then the extra bytes of the next five keystrokes.
//!
//! `cargo run --release -p index-builder --example chunked_fetch -- DIR [DIR…]`, each DIR a chunked
//! index (`index-builder build --chunked`).

use flate2::{write::GzEncoder, Compression};
use local_offer_search::index::chunk::{ChunkStore, MANIFEST_NAME};
use local_offer_search::{Filters, Searcher};
use std::io::Write;
use std::path::Path;

const QUERIES: [&str; 6] = [
    "autism",
    "speech therapy",
    "short breaks",
    "chams",
    "autism assessment",
    "wheelchair",
];

fn gz(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    let _ = e.write_all(bytes);
    e.finish().map_or(0, |v| v.len())
}

#[derive(Default)]
struct Fetched {
    requests: usize,
    rounds: usize,
    raw: usize,
    gzipped: usize,
    /// Gzipped bytes per kind of chunk.
    per_kind: std::collections::BTreeMap<&'static str, usize>,
}

/// Searches `query` until it has what it needs, fetching from `dir`.
fn run(dir: &Path, store: &mut ChunkStore, s: &mut Searcher, query: &str, f: &mut Fetched) {
    for _ in 0..16 {
        let out = store.search(s, query, &Filters::default(), 10);
        if out.missing.is_empty() {
            if !out.failed.is_empty() {
                eprintln!("{query}: {:?}", out.failed);
            }
            return;
        }
        f.rounds += 1;
        for id in out.missing {
            let path = store.manifest().name(id).path;
            match std::fs::read(dir.join(&path)) {
                Ok(bytes) => {
                    f.requests += 1;
                    f.raw += bytes.len();
                    let g = gz(&bytes);
                    f.gzipped += g;
                    if std::env::var_os("CHUNKED_FETCH_VERBOSE").is_some() {
                        eprintln!(
                            "    round {} {path} {} bytes, {g} gzipped",
                            f.rounds,
                            bytes.len()
                        );
                    }
                    *f.per_kind.entry(id.kind.prefix()).or_default() += g;
                    if let Err(e) = store.add(id, &bytes) {
                        eprintln!("{e}");
                    }
                }
                Err(e) => eprintln!("{path}: {e}"),
            }
        }
    }
}

fn main() {
    let dirs: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    for dir in dirs {
        let dir = Path::new(&dir);
        let Ok(manifest) = std::fs::read(dir.join(MANIFEST_NAME)) else {
            eprintln!("{}: no {MANIFEST_NAME}", dir.display());
            continue;
        };
        let (m_raw, m_gz) = (manifest.len(), gz(&manifest));
        println!("{}: manifest {m_raw} bytes ({m_gz} gzipped)", dir.display());
        println!("  query                 requests rounds   bytes  gzipped  +5 keys gzipped  ms  gzipped by kind");
        for q in QUERIES {
            let Ok(mut store) = ChunkStore::open(&manifest) else {
                eprintln!("{}: the manifest does not open", dir.display());
                return;
            };
            let mut s = Searcher::new();
            let mut first = Fetched::default();
            let t = std::time::Instant::now();
            run(dir, &mut store, &mut s, q, &mut first);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            // The next five keystrokes: the query typed on with common continuations.
            let mut next = Fetched::default();
            for more in [" s", " se", " ser", " serv", " servi"] {
                run(dir, &mut store, &mut s, &format!("{q}{more}"), &mut next);
            }
            println!(
                "  {q:<22}{:>8}{:>7}{:>8}{:>9}{:>17}{:>5.0}  {:?}",
                first.requests,
                first.rounds,
                first.raw + m_raw,
                first.gzipped + m_gz,
                next.gzipped,
                ms,
                first.per_kind
            );
        }
    }
}
