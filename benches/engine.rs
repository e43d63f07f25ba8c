//! Engine benchmark: builds synthetic Local Offers of 1k, 10k and 100k records and measures the
//! index (build time, size, compression against JSON), the search (latency per keystroke and
//! for typos) and its typo tolerance (recall@10 of one-edit typos, exact matches first).
//!
//! ```text
//! cargo bench --bench engine --features writer [-- --quick] [-- --sizes 1000,10k]
//! ```
//!
//! Prints tables and writes every number to `target/bench/engine.json`. It always exits 0 when
//! it ran: goals that are missed are reported as MISS, not as a failure.

#[path = "engine/queries.rs"]
mod queries;
#[path = "engine/synth.rs"]
mod synth;

use local_offer_search::index::write::build_with;
use local_offer_search::model::{Kind, Record};
use local_offer_search::text::{fold, is_stopword, normalise_word, tokenize};
use local_offer_search::{Filters, Index, Searcher, Tier};
use queries::{one_edit, QUERIES};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;
use synth::Rng;

/// The seed of every synthetic Local Offer: the numbers are comparable between runs.
const SEED: u64 = 0x5EED_1A0C_0FFE_2025;
/// Results asked for per search, as the widget does.
const LIMIT: usize = 10;

const USAGE: &str =
    "usage: cargo bench --bench engine --features writer -- [--quick] [--sizes 1000,10k,100k]";

struct Options {
    sizes: Vec<usize>,
    quick: bool,
    /// Passes over the keystroke queries.
    reps: usize,
    /// Timed runs of each typo query.
    typo_reps: usize,
    /// Random one-edit typos for recall@10.
    recall_samples: usize,
    /// Random title words for "exact above fuzzy".
    exact_samples: usize,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim().to_lowercase();
    let (digits, scale) = match s.strip_suffix('k') {
        Some(d) => (d, 1000),
        None => (s.as_str(), 1),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("--sizes: \"{s}\" is not a number"))?;
    let n = n * scale;
    if n < 100 {
        return Err(format!("--sizes: {n} is too small (at least 100 records)"));
    }
    Ok(n)
}

fn parse_args() -> Result<Options, String> {
    let mut sizes: Option<Vec<usize>> = None;
    let mut quick = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let list = if arg == "--sizes" {
            Some(
                args.next()
                    .ok_or("--sizes needs a list, such as 1000,10000")?,
            )
        } else {
            arg.strip_prefix("--sizes=").map(str::to_string)
        };
        if let Some(list) = list {
            sizes = Some(
                list.split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(parse_size)
                    .collect::<Result<_, _>>()?,
            );
            continue;
        }
        match arg.as_str() {
            "--quick" => quick = true,
            // cargo bench passes --bench to every benchmark binary.
            "--bench" => {}
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => eprintln!("engine bench: ignoring unknown argument {other:?}"),
        }
    }
    let sizes = sizes.unwrap_or_else(|| {
        if quick {
            vec![1_000, 10_000]
        } else {
            vec![1_000, 10_000, 100_000]
        }
    });
    if sizes.is_empty() {
        return Err("--sizes: give at least one size".into());
    }
    Ok(Options {
        sizes,
        quick,
        reps: if quick { 1 } else { 3 },
        typo_reps: if quick { 3 } else { 20 },
        recall_samples: if quick { 60 } else { 200 },
        exact_samples: if quick { 40 } else { 100 },
    })
}

/// Microseconds since `t`.
fn micros(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e6
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    percentile(&v, 0.5)
}

#[derive(Debug, Clone, Copy)]
struct Latency {
    n: usize,
    p50: f64,
    p99: f64,
    max: f64,
}

fn latency(mut samples: Vec<f64>) -> Latency {
    samples.sort_by(f64::total_cmp);
    Latency {
        n: samples.len(),
        p50: percentile(&samples, 0.5),
        p99: percentile(&samples, 0.99),
        max: samples.last().copied().unwrap_or(f64::NAN),
    }
}

/// Bytes of `data` after `gzip -c -9`, or None if gzip could not be run.
fn gzip_len(data: &[u8]) -> Option<usize> {
    let mut child = Command::new("gzip")
        .args(["-c", "-9"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let mut stdout = child.stdout.take()?;
    let len = std::thread::scope(|s| {
        // Write in another thread so that a full pipe cannot deadlock us; dropping stdin at
        // the end closes it.
        let writer = s.spawn(move || stdin.write_all(data));
        let mut len = 0usize;
        let mut buf = [0u8; 1 << 16];
        let read_ok = loop {
            match stdout.read(&mut buf) {
                Ok(0) => break true,
                Ok(n) => len += n,
                Err(_) => break false,
            }
        };
        let wrote_ok = writer.join().is_ok_and(|r| r.is_ok());
        (read_ok && wrote_ok).then_some(len)
    });
    let status = child.wait().ok()?;
    if status.success() {
        len
    } else {
        None
    }
}

/// Every prefix of `q` a family sees while typing it, one character at a time.
fn prefixes(q: &str) -> impl Iterator<Item = &str> {
    q.char_indices().map(move |(i, c)| &q[..i + c.len_utf8()])
}

/// Title words a family might type: letters only, at least 5 of them, not a stopword.
/// Returns (the word as written, its index term).
/// A word of a random record's title: (as written, its index term).
fn random_title_word(titled: &[&Record], rng: &mut Rng) -> Option<(String, String)> {
    let r = titled[rng.below(titled.len())];
    let mut words = title_words(r);
    if words.is_empty() {
        return None;
    }
    let i = rng.below(words.len());
    Some(words.swap_remove(i))
}

fn title_words(r: &Record) -> Vec<(String, String)> {
    tokenize(&r.name)
        .into_iter()
        .filter(|t| !t.joined)
        .filter_map(|t| {
            let written = &r.name[t.span.clone()];
            let ok = written.chars().count() >= 5
                && written.chars().all(|c| c.is_ascii_alphabetic())
                && !is_stopword(&t.term);
            ok.then(|| (written.to_string(), t.term))
        })
        .collect()
}

fn name_has_term(name: &str, term: &str) -> bool {
    tokenize(name).iter().any(|t| t.term == term)
}

/// Does the record name the word `meant` where a family would see it: its name, alternate name,
/// glossary term and expansion, keywords or summary? A word matches by its index term or by its
/// unstemmed form (acronyms written in capitals keep their final S: "CAMHS").
fn shows_word(r: &Record, meant: &str) -> bool {
    let (term, unstemmed) = (normalise_word(meant), fold(meant));
    let texts = [
        &r.name,
        &r.alternate_name,
        &r.term,
        &r.expansion,
        &r.summary,
    ];
    texts.into_iter().chain(&r.keywords).any(|t| {
        tokenize(t)
            .iter()
            .any(|t| t.term == term || t.unstemmed == unstemmed)
    })
}

#[derive(Debug, Clone)]
struct TypoQuery {
    query: &'static str,
    meant: &'static str,
    /// 1-based rank of the first hit showing the meant word, within the top 10.
    rank: Option<usize>,
    top: String,
    median_us: f64,
}

#[derive(Debug, Clone)]
struct Miss {
    query: String,
    original: String,
    edit: &'static str,
    top: Vec<String>,
}

#[derive(Debug, Clone)]
struct SizeResult {
    size: usize,
    records: usize,
    terms: usize,
    acronyms: usize,
    build_ms: f64,
    index_bytes: usize,
    bytes_per_record: f64,
    sections: Vec<(&'static str, usize)>,
    json_bytes: usize,
    gzip_index_bytes: Option<usize>,
    gzip_json_bytes: Option<usize>,
    gzip_ratio: Option<f64>,
    open_ms: f64,
    cold_first_search_us: Option<f64>,
    keystroke: Latency,
    /// Per keystroke, the best of the passes: less noise from other work on the machine.
    keystroke_best: Latency,
    /// The slowest keystrokes: (prefix, best time over the passes in us).
    slowest: Vec<(String, f64)>,
    /// The queries whose keystrokes cost most in all: (query, sum of best times in us).
    costliest: Vec<(String, f64)>,
    typo: Latency,
    typo_queries: Vec<TypoQuery>,
    random_typo: Latency,
    typo_recall_at_10: f64,
    recall_samples: usize,
    recall_misses: Vec<Miss>,
    exact_first_share: f64,
    exact_tier_share: f64,
    exact_samples: usize,
    exact_misses: Vec<Miss>,
}

fn top_names(index: &Index, hits: &[local_offer_search::Hit], n: usize) -> Vec<String> {
    hits.iter()
        .take(n)
        .map(|h| {
            index
                .record(h.doc)
                .map_or_else(|e| format!("<{e}>"), |r| r.name)
        })
        .collect()
}

fn run_size(size: usize, opts: &Options, first: bool) -> Result<SizeResult, String> {
    let filters = Filters::default();
    let t = Instant::now();
    let records = synth::local_offer(size, SEED);
    eprintln!(
        "[{size}] generated {} records in {:.0} ms",
        records.len(),
        micros(t) / 1e3
    );

    // Build: the median of three for small sizes, one run for large ones or a quick run.
    let build_runs = if size <= 10_000 && !opts.quick { 3 } else { 1 };
    let mut build_times = Vec::new();
    let mut built = None;
    for _ in 0..build_runs {
        let t = Instant::now();
        let out = build_with(&records, &Default::default(), &synth::council())
            .map_err(|e| format!("build of {size} records failed: {e}"))?;
        build_times.push(micros(t) / 1e3);
        built = Some(out);
    }
    let (bytes, report) = built.ok_or("no build ran")?;
    let build_ms = median(build_times);
    eprintln!("[{size}] built {} bytes in {build_ms:.0} ms", bytes.len());

    // Sizes and compression.
    let json = synth::records_json(&records);
    let gzip_index_bytes = gzip_len(&bytes);
    let gzip_json_bytes = gzip_len(json.as_bytes());
    let gzip_ratio = match (gzip_index_bytes, gzip_json_bytes) {
        (Some(i), Some(j)) if j > 0 => Some(i as f64 / j as f64),
        _ => None,
    };

    // Open: copy, checksum and validation of every postings list.
    let mut open_times = Vec::new();
    let mut opened = None;
    for _ in 0..if opts.quick { 1 } else { 5 } {
        let t = Instant::now();
        let index = Index::open(&bytes).map_err(|e| format!("open failed: {e}"))?;
        open_times.push(micros(t) / 1e3);
        opened = Some(index);
    }
    let index = opened.ok_or("no open ran")?;
    let open_ms = median(open_times);
    // The widget keeps one searcher (scratch and recent words) for its life; so does the bench.
    let mut searcher = Searcher::new();

    // The first search in the process: nothing is cached yet.
    let cold_first_search_us = first.then(|| {
        let t = Instant::now();
        black_box(searcher.search(&index, "chams", &filters, LIMIT));
        micros(t)
    });

    // Keystrokes: a warm-up pass, then timed passes over every prefix of every query.
    for q in QUERIES {
        for p in prefixes(q.text) {
            black_box(searcher.search(&index, p, &filters, LIMIT));
        }
    }
    let mut samples = Vec::new();
    let mut best: HashMap<(usize, usize), f64> = HashMap::new();
    for _ in 0..opts.reps {
        for (qi, q) in QUERIES.iter().enumerate() {
            for (pi, p) in prefixes(q.text).enumerate() {
                let t = Instant::now();
                let r = searcher.search(&index, p, &filters, LIMIT);
                let us = micros(t);
                black_box(r);
                samples.push(us);
                let b = best.entry((qi, pi)).or_insert(f64::INFINITY);
                *b = b.min(us);
            }
        }
    }
    let keystroke = latency(samples);
    let keystroke_best = latency(best.values().copied().collect());
    let mut slowest: Vec<(String, f64)> = best
        .iter()
        .map(|(&(qi, pi), &us)| {
            let p = prefixes(QUERIES[qi].text).nth(pi).unwrap_or_default();
            (format!("{p:?}"), us)
        })
        .collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    slowest.truncate(8);
    let mut per_query: HashMap<usize, f64> = HashMap::new();
    for (&(qi, _), &us) in &best {
        *per_query.entry(qi).or_default() += us;
    }
    let mut costliest: Vec<(String, f64)> = per_query
        .into_iter()
        .map(|(qi, us)| (format!("{:?}", QUERIES[qi].text), us))
        .collect();
    costliest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    costliest.truncate(5);

    // Typo queries, whole.
    let mut typo_samples = Vec::new();
    let mut typo_queries = Vec::new();
    for q in QUERIES.iter().filter(|q| q.typo) {
        let mut times = Vec::new();
        for _ in 0..opts.typo_reps {
            let t = Instant::now();
            let r = searcher.search(&index, q.text, &filters, LIMIT);
            times.push(micros(t));
            black_box(r);
        }
        typo_samples.extend_from_slice(&times);
        let r = searcher.search(&index, q.text, &filters, LIMIT);
        let rank = r.hits.iter().position(|h| {
            index
                .record(h.doc)
                .is_ok_and(|rec| shows_word(&rec, q.meant))
        });
        typo_queries.push(TypoQuery {
            query: q.text,
            meant: q.meant,
            rank: rank.map(|i| i + 1),
            top: top_names(&index, &r.hits, 1).pop().unwrap_or_default(),
            median_us: median(times),
        });
    }
    let typo = latency(typo_samples);

    // Typo recall@10: one random edit to a random title word.
    let titled: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind != Kind::Glossary)
        .collect();
    let mut rng = Rng::new(SEED ^ 0x7790_7790);
    let mut found = 0usize;
    let mut tried = 0usize;
    let mut random_typo_samples = Vec::new();
    let mut recall_misses = Vec::new();
    let mut attempts = 0;
    while tried < opts.recall_samples && attempts < opts.recall_samples * 20 {
        attempts += 1;
        let Some((written, term)) = random_title_word(&titled, &mut rng) else {
            continue;
        };
        let (typo, edit) = one_edit(&written.to_lowercase(), &mut rng);
        tried += 1;
        let t = Instant::now();
        let res = searcher.search(&index, &typo, &filters, LIMIT);
        random_typo_samples.push(micros(t));
        let hit = res.hits.iter().any(|h| {
            index
                .record(h.doc)
                .is_ok_and(|rec| name_has_term(&rec.name, &term))
        });
        if hit {
            found += 1;
        } else {
            recall_misses.push(Miss {
                query: typo,
                original: written.clone(),
                edit,
                top: top_names(&index, &res.hits, 3),
            });
        }
    }
    let typo_recall_at_10 = if tried == 0 {
        f64::NAN
    } else {
        100.0 * found as f64 / tried as f64
    };

    // Exact above fuzzy: a title word typed exactly must bring a record naming it first.
    let mut rng = Rng::new(SEED ^ 0xE8AC_7E8A);
    let (mut named_first, mut exact_first, mut exact_tried) = (0usize, 0usize, 0usize);
    let mut exact_misses = Vec::new();
    let mut attempts = 0;
    while exact_tried < opts.exact_samples && attempts < opts.exact_samples * 20 {
        attempts += 1;
        let Some((written, term)) = random_title_word(&titled, &mut rng) else {
            continue;
        };
        let query = written.to_lowercase();
        exact_tried += 1;
        let res = searcher.search(&index, &query, &filters, LIMIT);
        let Some(first_hit) = res.hits.first() else {
            exact_misses.push(Miss {
                query,
                original: written.clone(),
                edit: "none",
                top: Vec::new(),
            });
            continue;
        };
        if first_hit.best_tier == Some(Tier::Exact) {
            exact_first += 1;
        }
        let named = index
            .record(first_hit.doc)
            .is_ok_and(|rec| name_has_term(&rec.name, &term));
        if named {
            named_first += 1;
        } else {
            exact_misses.push(Miss {
                query,
                original: written.clone(),
                edit: "none",
                top: top_names(&index, &res.hits, 3),
            });
        }
    }
    let share = |n: usize| {
        if exact_tried == 0 {
            f64::NAN
        } else {
            100.0 * n as f64 / exact_tried as f64
        }
    };

    Ok(SizeResult {
        size,
        records: records.len(),
        terms: report.terms,
        acronyms: report.acronyms,
        build_ms,
        index_bytes: bytes.len(),
        bytes_per_record: bytes.len() as f64 / records.len() as f64,
        sections: report.sections.clone(),
        json_bytes: json.len(),
        gzip_index_bytes,
        gzip_json_bytes,
        gzip_ratio,
        open_ms,
        cold_first_search_us,
        keystroke,
        keystroke_best,
        slowest,
        costliest,
        typo,
        typo_queries,
        random_typo: latency(random_typo_samples),
        typo_recall_at_10,
        recall_samples: tried,
        recall_misses,
        exact_first_share: share(named_first),
        exact_tier_share: share(exact_first),
        exact_samples: exact_tried,
        exact_misses,
    })
}

/// 1234567 → "1,234,567".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn opt_thousands(n: Option<usize>) -> String {
    n.map_or_else(|| "n/a".into(), thousands)
}

fn f1(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.1}")
    } else {
        "n/a".into()
    }
}

/// A goal from the issue, checked against one size's result.
struct Goal {
    label: String,
    metric: &'static str,
    size: usize,
    value: Option<f64>,
    op: &'static str,
    target: f64,
    unit: &'static str,
}

impl Goal {
    fn status(&self) -> &'static str {
        match self.value {
            Some(v) if v.is_finite() => {
                let ok = match self.op {
                    "<" => v < self.target,
                    "<=" => v <= self.target,
                    _ => v >= self.target,
                };
                if ok {
                    "PASS"
                } else {
                    "MISS"
                }
            }
            _ => "SKIP",
        }
    }
}

fn goals(results: &[SizeResult]) -> Vec<Goal> {
    let at = |size: usize| results.iter().find(|r| r.size == size);
    let mut goals = Vec::new();
    let mut fixed = |label: &str,
                     metric: &'static str,
                     size: usize,
                     get: fn(&SizeResult) -> Option<f64>,
                     op: &'static str,
                     target: f64,
                     unit: &'static str| {
        goals.push(Goal {
            label: label.to_string(),
            metric,
            size,
            value: at(size).and_then(get),
            op,
            target,
            unit,
        });
    };
    fixed(
        "keystroke p99 at 10k",
        "keystroke_p99_us",
        10_000,
        |r| Some(r.keystroke.p99),
        "<",
        500.0,
        "us",
    );
    fixed(
        "keystroke p99 at 100k",
        "keystroke_p99_us",
        100_000,
        |r| Some(r.keystroke.p99),
        "<",
        5000.0,
        "us",
    );
    fixed(
        "typo p99 at 10k",
        "typo_p99_us",
        10_000,
        |r| Some(r.typo.p99),
        "<",
        1000.0,
        "us",
    );
    fixed(
        "build of 10k",
        "build_ms",
        10_000,
        |r| Some(r.build_ms),
        "<",
        300.0,
        "ms",
    );
    for r in results {
        goals.push(Goal {
            label: format!("gzip ratio at {}", thousands(r.size)),
            metric: "gzip_ratio",
            size: r.size,
            value: r.gzip_ratio,
            op: "<=",
            target: 1.5,
            unit: "x",
        });
    }
    for r in results {
        goals.push(Goal {
            label: format!("typo recall@10 at {}", thousands(r.size)),
            metric: "typo_recall_at_10",
            size: r.size,
            value: Some(r.typo_recall_at_10),
            op: ">=",
            target: 90.0,
            unit: "%",
        });
    }
    goals
}

fn print_tables(results: &[SizeResult], goals: &[Goal], opts: &Options) {
    println!();
    println!(
        "Local Offer Search engine benchmark ({} mode, seed {SEED:#x}, {} glossary records per size)",
        if opts.quick { "quick" } else { "full" },
        synth::GLOSSARY_LEN
    );
    println!();
    println!("Index size and build");
    println!(
        "{:>9} {:>9} {:>7} {:>9} {:>12} {:>9} {:>12} {:>11} {:>11} {:>8} {:>8}",
        "records",
        "build ms",
        "terms",
        "open ms",
        "index B",
        "B/record",
        "JSON B",
        "gz index B",
        "gz JSON B",
        "gz ratio",
        "idx/JSON"
    );
    for r in results {
        println!(
            "{:>9} {:>9} {:>7} {:>9} {:>12} {:>9} {:>12} {:>11} {:>11} {:>8} {:>8}",
            thousands(r.records),
            f1(r.build_ms),
            thousands(r.terms),
            format!("{:.2}", r.open_ms),
            thousands(r.index_bytes),
            f1(r.bytes_per_record),
            thousands(r.json_bytes),
            opt_thousands(r.gzip_index_bytes),
            opt_thousands(r.gzip_json_bytes),
            r.gzip_ratio.map_or("n/a".into(), |v| format!("{v:.3}")),
            format!("{:.3}", r.index_bytes as f64 / r.json_bytes as f64),
        );
    }
    println!();
    println!("Index sections (bytes)");
    let names: Vec<&str> = results
        .first()
        .map(|r| r.sections.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    let mut header = format!("{:>9}", "records");
    for n in &names {
        let _ = write!(header, " {n:>12}");
    }
    println!("{header}");
    for r in results {
        let mut line = format!("{:>9}", thousands(r.records));
        for (_, b) in &r.sections {
            let _ = write!(line, " {:>12}", thousands(*b));
        }
        println!("{line}");
    }
    println!();
    println!(
        "Search latency (us; keystrokes: every prefix of {} queries x {} passes, best = best pass per keystroke; typos: {} typo queries x {} runs, whole; rand-typo: the recall searches)",
        QUERIES.len(),
        opts.reps,
        QUERIES.iter().filter(|q| q.typo).count(),
        opts.typo_reps
    );
    println!(
        "{:>9} {:>10} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>13} {:>13}",
        "records",
        "keystrokes",
        "key p50",
        "key p99",
        "key max",
        "best p50",
        "best p99",
        "typo p50",
        "typo p99",
        "typo max",
        "rand-typo p50",
        "rand-typo p99"
    );
    for r in results {
        println!(
            "{:>9} {:>10} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>9} {:>9} {:>13} {:>13}",
            thousands(r.records),
            thousands(r.keystroke.n),
            f1(r.keystroke.p50),
            f1(r.keystroke.p99),
            f1(r.keystroke.max),
            f1(r.keystroke_best.p50),
            f1(r.keystroke_best.p99),
            f1(r.typo.p50),
            f1(r.typo.p99),
            f1(r.typo.max),
            f1(r.random_typo.p50),
            f1(r.random_typo.p99),
        );
    }
    if let Some(cold) = results.iter().find_map(|r| r.cold_first_search_us) {
        println!("(first search in the process, \"chams\", cold: {cold:.1} us)");
    }
    println!();
    println!("Typo tolerance");
    println!(
        "{:>9} {:>16} {:>26} {:>26}",
        "records", "typo recall@10", "exact: name of 1st hit", "exact: 1st hit exact tier"
    );
    for r in results {
        println!(
            "{:>9} {:>16} {:>26} {:>26}",
            thousands(r.records),
            format!("{:.1}% of {}", r.typo_recall_at_10, r.recall_samples),
            format!("{:.1}% of {}", r.exact_first_share, r.exact_samples),
            format!("{:.1}% of {}", r.exact_tier_share, r.exact_samples),
        );
    }
    for r in results {
        println!();
        println!("Details at {} records", thousands(r.records));
        println!("  slowest keystrokes (best of passes, us):");
        for (p, us) in &r.slowest {
            println!("    {us:>10.1}  {p}");
        }
        println!("  costliest queries to type (sum over keystrokes, us):");
        for (q, us) in &r.costliest {
            println!("    {us:>10.1}  {q}");
        }
        println!("  typo queries (rank of first hit showing the meant word; median us; top hit):");
        for t in &r.typo_queries {
            println!(
                "    {:<28} {:<14} rank {:>3}  {:>9.1} us  {}",
                format!("{:?}", t.query),
                t.meant,
                t.rank.map_or("-".into(), |r| r.to_string()),
                t.median_us,
                t.top
            );
        }
        if !r.recall_misses.is_empty() {
            println!(
                "  typo recall misses ({} of {}; first 10): typo <- original [edit]: top 3",
                r.recall_misses.len(),
                r.recall_samples
            );
            for m in r.recall_misses.iter().take(10) {
                println!(
                    "    {:?} <- {:?} [{}]: {:?}",
                    m.query, m.original, m.edit, m.top
                );
            }
        }
        if !r.exact_misses.is_empty() {
            println!(
                "  exact words whose first hit does not name them ({} of {}; first 10): top 3",
                r.exact_misses.len(),
                r.exact_samples
            );
            for m in r.exact_misses.iter().take(10) {
                println!("    {:?}: {:?}", m.query, m.top);
            }
        }
    }
    println!();
    println!("Goals");
    for g in goals {
        let value = g.value.map_or("n/a".into(), |v| {
            if g.unit == "x" {
                format!("{v:.3}")
            } else {
                format!("{v:.1}")
            }
        });
        println!(
            "  {:<28} {:>10} {:<2}  target {:>2} {:<6} {}",
            g.label,
            value,
            g.unit,
            g.op,
            format!("{}{}", g.target, g.unit),
            g.status()
        );
    }
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3}")
    } else {
        "null".into()
    }
}

fn json_opt_usize(v: Option<usize>) -> String {
    v.map_or_else(|| "null".into(), |v| v.to_string())
}

fn json_misses(misses: &[Miss]) -> String {
    let items: Vec<String> = misses
        .iter()
        .map(|m| {
            let top: Vec<String> = m.top.iter().map(|t| json_str(t)).collect();
            format!(
                "{{\"query\":{},\"original\":{},\"edit\":{},\"top\":[{}]}}",
                json_str(&m.query),
                json_str(&m.original),
                json_str(m.edit),
                top.join(",")
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn to_json(results: &[SizeResult], goals: &[Goal], opts: &Options) -> String {
    let mut out = String::new();
    let sizes: Vec<String> = results.iter().map(|r| r.size.to_string()).collect();
    let _ = writeln!(out, "{{");
    let _ = writeln!(out, "  \"quick\": {},", opts.quick);
    let _ = writeln!(out, "  \"seed\": {SEED},");
    let _ = writeln!(out, "  \"limit\": {LIMIT},");
    let _ = writeln!(out, "  \"keystroke_queries\": {},", QUERIES.len());
    let _ = writeln!(out, "  \"keystroke_passes\": {},", opts.reps);
    let _ = writeln!(out, "  \"typo_runs\": {},", opts.typo_reps);
    let _ = writeln!(out, "  \"sizes\": [{}],", sizes.join(", "));
    let _ = writeln!(out, "  \"results\": [");
    for (i, r) in results.iter().enumerate() {
        let sections: Vec<String> = r
            .sections
            .iter()
            .map(|(n, b)| format!("{}: {b}", json_str(n)))
            .collect();
        let typo_queries: Vec<String> = r
            .typo_queries
            .iter()
            .map(|t| {
                format!(
                    "{{\"query\": {}, \"meant\": {}, \"rank\": {}, \"median_us\": {}, \"top\": {}}}",
                    json_str(t.query),
                    json_str(t.meant),
                    json_opt_usize(t.rank),
                    json_num(t.median_us),
                    json_str(&t.top)
                )
            })
            .collect();
        let pairs = |v: &[(String, f64)]| -> String {
            let items: Vec<String> = v
                .iter()
                .map(|(s, us)| format!("[{}, {}]", json_str(s), json_num(*us)))
                .collect();
            format!("[{}]", items.join(", "))
        };
        let fields = [
            ("size", r.size.to_string()),
            ("records", r.records.to_string()),
            ("terms", r.terms.to_string()),
            ("acronyms", r.acronyms.to_string()),
            ("build_ms", json_num(r.build_ms)),
            ("index_bytes", r.index_bytes.to_string()),
            ("bytes_per_record", json_num(r.bytes_per_record)),
            ("sections", format!("{{{}}}", sections.join(", "))),
            ("json_bytes", r.json_bytes.to_string()),
            ("gzip_index_bytes", json_opt_usize(r.gzip_index_bytes)),
            ("gzip_json_bytes", json_opt_usize(r.gzip_json_bytes)),
            ("gzip_ratio", r.gzip_ratio.map_or("null".into(), json_num)),
            ("open_ms", json_num(r.open_ms)),
            (
                "cold_first_search_us",
                r.cold_first_search_us.map_or("null".into(), json_num),
            ),
            ("keystroke_searches", r.keystroke.n.to_string()),
            ("keystroke_p50_us", json_num(r.keystroke.p50)),
            ("keystroke_p99_us", json_num(r.keystroke.p99)),
            ("keystroke_max_us", json_num(r.keystroke.max)),
            (
                "keystroke_best_of_passes_p50_us",
                json_num(r.keystroke_best.p50),
            ),
            (
                "keystroke_best_of_passes_p99_us",
                json_num(r.keystroke_best.p99),
            ),
            ("slowest_keystrokes_us", pairs(&r.slowest)),
            ("costliest_queries_us", pairs(&r.costliest)),
            ("typo_p50_us", json_num(r.typo.p50)),
            ("typo_p99_us", json_num(r.typo.p99)),
            ("typo_max_us", json_num(r.typo.max)),
            ("typo_queries", format!("[{}]", typo_queries.join(", "))),
            ("random_typo_p50_us", json_num(r.random_typo.p50)),
            ("random_typo_p99_us", json_num(r.random_typo.p99)),
            ("typo_recall_at_10", json_num(r.typo_recall_at_10)),
            ("typo_recall_samples", r.recall_samples.to_string()),
            ("typo_recall_misses", json_misses(&r.recall_misses)),
            ("exact_first_share", json_num(r.exact_first_share)),
            ("exact_tier_first_share", json_num(r.exact_tier_share)),
            ("exact_samples", r.exact_samples.to_string()),
            ("exact_misses", json_misses(&r.exact_misses)),
        ];
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("      {}: {v}", json_str(k)))
            .collect();
        let comma = if i + 1 < results.len() { "," } else { "" };
        let _ = writeln!(out, "    {{\n{}\n    }}{comma}", body.join(",\n"));
    }
    let _ = writeln!(out, "  ],");
    let _ = writeln!(out, "  \"goals\": [");
    for (i, g) in goals.iter().enumerate() {
        let comma = if i + 1 < goals.len() { "," } else { "" };
        let _ = writeln!(
            out,
            "    {{\"goal\": {}, \"metric\": {}, \"size\": {}, \"value\": {}, \"op\": {}, \"target\": {}, \"unit\": {}, \"status\": {}}}{comma}",
            json_str(&g.label),
            json_str(g.metric),
            g.size,
            g.value.map_or("null".into(), json_num),
            json_str(g.op),
            json_num(g.target),
            json_str(g.unit),
            json_str(g.status())
        );
    }
    let _ = writeln!(out, "  ]");
    let _ = writeln!(out, "}}");
    out
}

/// `target/bench/engine.json`, under `CARGO_TARGET_DIR` when it is set.
fn json_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench").join("engine.json")
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("engine bench: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut results = Vec::new();
    for (i, &size) in opts.sizes.iter().enumerate() {
        let t = Instant::now();
        match run_size(size, &opts, i == 0) {
            Ok(r) => {
                eprintln!("[{size}] done in {:.1} s", t.elapsed().as_secs_f64());
                results.push(r);
            }
            Err(e) => eprintln!("engine bench: size {size}: {e}"),
        }
    }
    let goals = goals(&results);
    print_tables(&results, &goals, &opts);

    let path = json_path();
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, to_json(&results, &goals, &opts)));
    match written {
        Ok(()) => println!("\nwrote {}", path.display()),
        Err(e) => eprintln!("engine bench: could not write {}: {e}", path.display()),
    }
    ExitCode::SUCCESS
}
