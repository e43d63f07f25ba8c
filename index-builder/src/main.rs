//! `index-builder`: compiles the Local Offer dataset into one search index, checks the data,
//! and searches or inspects an index exactly as the widget would.
//!
//! ```text
//! index-builder build  --data <dir> --out <file.idx> [--today YYYY-MM-DD] [--strict] [--json]
//!                      [--chunked | --single]
//!                      (also writes <file>.easy, <file>.evidence; chunked: <file.idx> is a
//!                      directory of a manifest and chunks, chosen above 2,000 records)
//! index-builder check  --data <dir> [--today YYYY-MM-DD] [--strict]
//! index-builder search --index <file> [--json | --explain] [--kind K] [--district D] [--age N]
//!                      [--need CODE] [--cost C] [--limit N] [QUERY]
//! index-builder stats  --index <file>
//! index-builder show   --index <file> [--json] ID
//! index-builder export --oruk --data <dir> --out <file.json>
//! index-builder pull   --oruk <url> --out <dir> [--timeout S] [--retries N] [--backoff S]
//!                      [--delay S] [--per-page N] [--max-pages N]
//! ```
//!
//! `--data` folders hold our TOML records and may also hold Open Referral UK JSON feeds (v1 or
//! 3.0, any shape a council publishes: `oruk/`), and `vocabulary.toml`: what the search
//! understands in a question (`vocabulary.rs`). A feed's problems are warnings; `--strict`
//! makes every warning an error. `build --json` prints the counts as one JSON object on stdout
//! (the human lines go to stderr). `pull` fetches a council's feed page by page into a folder
//! (`pull.rs`), so that `build --data` works from the files it wrote.

use index_builder::{
    check, cli, colours, council, evidence, explain, load, oruk, pictograms, problem, pull, show,
    vocabulary,
};
use index_builder::{out, outln};

use cli::{Args, CliError};
use local_offer_search::council::Council;
use local_offer_search::easyread::Pictograms;
use local_offer_search::index::analyze::{record_terms, Glossary};
use local_offer_search::index::chunk::{self, ChunkStore};
use local_offer_search::index::chunk_write::{self, Sizes};
use local_offer_search::index::easy;
use local_offer_search::index::vocab::Vocabulary;
use local_offer_search::index::write::{build_easy_read_with, build_with, BuildReport};
use local_offer_search::model::{Cost, Kind, Record};
use local_offer_search::{Filters, Index, NeedFilter, Searcher};
use problem::Problems;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  index-builder build  --data <dir> --out <file.idx> [--today YYYY-MM-DD] [--strict] [--json]
                       [--chunked | --single]
                       (also writes <file>.easy, <file>.evidence)
  index-builder check  --data <dir> [--today YYYY-MM-DD] [--strict]
  index-builder search --index <file> [--json | --explain] [--kind K] [--district D] [--age N]
                       [--need CODE] [--cost C] [--limit N] [QUERY]
  index-builder stats  --index <file>
  index-builder show   --index <file> [--json] ID
  index-builder export --oruk --data <dir> --out <file.json>
  index-builder pull   --oruk <url> --out <dir> [--timeout S] [--retries N] [--backoff S]
                       [--delay S] [--per-page N] [--max-pages N]
                       (writes <dir>/page-0001.json, …; then: build --data <dir>)";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(argv) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("index-builder: {e}");
            if matches!(e, CliError::Usage(_)) {
                eprintln!("{USAGE}");
            }
            ExitCode::from(2)
        }
    }
}

fn run(argv: Vec<String>) -> Result<ExitCode, CliError> {
    let Some((command, rest)) = argv.split_first() else {
        return Err(CliError::Usage("no command given".into()));
    };
    let mut args = Args::new(rest.to_vec());
    match command.as_str() {
        "build" => cmd_build(&mut args),
        "check" => cmd_check(&mut args),
        "search" => cmd_search(&mut args),
        "stats" => cmd_stats(&mut args),
        "show" => cmd_show(&mut args),
        "export" => cmd_export(&mut args),
        "pull" => cmd_pull(&mut args),
        "-h" | "--help" | "help" => {
            outln!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(CliError::Usage(format!("unknown command \"{other}\""))),
    }
}

/// Today's date as (year, month, day), from `--today` or the clock.
fn today(args: &mut Args) -> Result<(i32, u32, u32), CliError> {
    match args.value("--today")? {
        Some(s) => load::parse_date(&s)
            .ok_or_else(|| CliError::Usage(format!("--today \"{s}\" is not YYYY-MM-DD"))),
        None => Ok(cli::civil_today()),
    }
}

/// Where the human-readable lines go: stdout, or stderr when stdout carries `--json`.
#[derive(Clone, Copy)]
struct Out {
    json: bool,
}

impl Out {
    fn line(self, text: impl std::fmt::Display) {
        if self.json {
            eprintln!("{text}");
        } else {
            outln!("{text}");
        }
    }
}

/// A checked dataset.
struct Checked {
    loaded: Vec<load::Loaded>,
    vocabulary: Vocabulary,
    /// The easy-read pictures (`pictograms.toml`, `pictograms/`).
    pictograms: Pictograms,
    problems: Problems,
    import: oruk::report::ImportReport,
    /// The council (`council.toml`, or worked out from a feed's service areas).
    council: Council,
    /// The widget's colours on the council's site (`[colours]` of `council.toml`).
    colours: colours::Colours,
}

/// Loads and checks a dataset and its vocabulary; prints the import table (if the folder holds
/// ORUK feeds), every error, and every warning if `warnings` is set. `strict` makes every
/// warning an error.
fn load_checked(
    data: &Path,
    today: (i32, u32, u32),
    warnings: bool,
    strict: bool,
    out: Out,
) -> Checked {
    let mut problems = Problems::default();
    let mut dir = load::load_dir(data, &mut problems);
    let profile = if data.is_dir() {
        council::load(data, &mut problems)
    } else {
        None
    };
    let colours = profile.as_ref().map(|p| p.colours).unwrap_or_default();
    let council = council::resolve(profile, &mut dir.records, &mut problems);
    let loaded = dir.records;
    check::check_all(&loaded, today, evidence::published(data), &mut problems);
    evidence::check(&loaded, data, &mut problems);
    let mut vocabulary = if data.is_dir() {
        vocabulary::load(data, || written_terms(&loaded, &council), &mut problems)
    } else {
        Vocabulary::default()
    };
    // The places a question may name are the council's areas and their names.
    vocabulary.places = council::places(&council);
    let pictograms = if data.is_dir() {
        pictograms::load(data, &mut problems)
    } else {
        Pictograms::new()
    };
    if strict {
        for p in &mut problems.list {
            p.severity = problem::Severity::Error;
        }
    }
    problems.sort();
    for p in &problems.list {
        if warnings || p.severity == problem::Severity::Error {
            eprintln!("{p}");
        }
    }
    let import = oruk::report::ImportReport::new(dir.import, &dir.unmapped, &problems);
    if import.any() || !dir.unmapped.is_empty() {
        for l in import.lines() {
            out.line(l);
        }
    }
    Checked {
        loaded,
        vocabulary,
        pictograms,
        problems,
        import,
        council,
        colours,
    }
}

/// Every index term the records write: what a synonym may point at.
fn written_terms(loaded: &[load::Loaded], council: &Council) -> std::collections::HashSet<String> {
    let glossary = Glossary::new(loaded.iter().map(|l| &l.record));
    loaded
        .iter()
        .flat_map(|l| record_terms(&l.record, &glossary, council).into_keys())
        .collect()
}

fn per_kind_line(counts: [u32; 4]) -> String {
    Kind::ALL
        .iter()
        .map(|k| format!("{} {}", counts[k.code() as usize], k.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn count_kinds(records: &[Record]) -> [u32; 4] {
    let mut c = [0u32; 4];
    for r in records {
        c[r.kind.code() as usize] += 1;
    }
    c
}

fn cmd_check(args: &mut Args) -> Result<ExitCode, CliError> {
    let data = args.required_path("--data")?;
    let today = today(args)?;
    let strict = args.flag("--strict");
    args.finish()?;
    let Checked {
        loaded,
        vocabulary,
        problems,
        ..
    } = load_checked(&data, today, true, strict, Out { json: false });
    let records: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
    outln!(
        "checked {} records ({}) and the vocabulary ({}): {} errors, {} warnings",
        records.len(),
        per_kind_line(count_kinds(&records)),
        vocabulary_line(&vocabulary),
        problems.errors(),
        problems.warnings()
    );
    Ok(if problems.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The vocabulary's size, for `check` and `build`.
fn vocabulary_line(v: &Vocabulary) -> String {
    format!(
        "{} age words, {} place names, {} everyday words, {} filler words",
        v.ages.iter().map(|a| a.phrases.len()).sum::<usize>(),
        v.places.iter().map(|p| p.phrases.len()).sum::<usize>(),
        v.synonyms.iter().map(|s| s.words.len()).sum::<usize>(),
        v.filler.len()
    )
}

fn cmd_build(args: &mut Args) -> Result<ExitCode, CliError> {
    let data = args.required_path("--data")?;
    let out_path = args.required_path("--out")?;
    let today = today(args)?;
    let strict = args.flag("--strict");
    let json = args.flag("--json");
    let (force_chunked, force_single) = (args.flag("--chunked"), args.flag("--single"));
    if force_chunked && force_single {
        return Err(CliError::Usage(
            "--chunked and --single cannot be used together".into(),
        ));
    }
    args.finish()?;
    let out = Out { json };
    let Checked {
        loaded,
        vocabulary,
        pictograms,
        problems,
        import,
        council,
        colours,
    } = load_checked(&data, today, false, strict, out);
    let records: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
    let kinds = count_kinds(&records);
    out.line(format!(
        "records in: {} ({})",
        records.len(),
        per_kind_line(kinds)
    ));
    let mut summary = serde_json::json!({
        "records_in": records.len(),
        "per_kind_in": per_kind_json(kinds),
        "errors": problems.errors(),
        "warnings": problems.warnings(),
        "written": false,
    });
    if import.any() {
        summary["import"] = import.json();
    }
    if problems.errors() > 0 {
        eprintln!(
            "index-builder: {} errors, {} warnings; nothing written",
            problems.errors(),
            problems.warnings()
        );
        if json {
            outln!("{summary}");
        }
        return Ok(ExitCode::FAILURE);
    }
    out.line(format!("vocabulary: {}", vocabulary_line(&vocabulary)));
    let (bytes, report) =
        build_with(&records, &vocabulary, &council).map_err(|e| CliError::Failed(e.to_string()))?;
    let chunked = force_chunked || (!force_single && records.len() > AUTO_CHUNK_RECORDS);
    if chunked {
        let split = chunk_write::split(&bytes, &records, &pictograms, Sizes::default())
            .map_err(|e| CliError::Failed(e.to_string()))?;
        write_chunked(&out_path, &split)?;
        print_report(&report, problems.warnings(), out);
        for (kind, count, len) in &split.per_kind {
            out.line(format!(
                "  {:<26} {count:>7} chunks {len:>11} bytes",
                kind.name()
            ));
        }
        out.line(format!(
            "wrote {} (chunked: {} files, {} bytes; open {}/{})",
            out_path.display(),
            split.files.len(),
            split.bytes(),
            out_path.display(),
            chunk::MANIFEST_NAME
        ));
        summary["chunked"] = serde_json::json!({
            "files": split.files.len(),
            "bytes": split.bytes(),
            "manifest_bytes": split.files.first().map_or(0, |(_, b)| b.len()),
            "build": format!("{:08x}", split.build),
        });
    } else {
        write_file(&out_path, &bytes, true)?;
        print_report(&report, problems.warnings(), out);
        out.line(format!(
            "wrote {} ({} bytes)",
            out_path.display(),
            bytes.len()
        ));
    }
    // The easy-read sentences go beside the index; the widget fetches them after the first
    // search.
    // (A chunked index has them in its easy-read fragments.)
    if !chunked {
        let easy_out = sibling(&out_path, easy::file_name);
        let easy_bytes = build_easy_read_with(&records, &bytes, &pictograms);
        write_file(&easy_out, &easy_bytes, true)?;
        out.line(format!(
            "wrote {} ({} bytes)",
            easy_out.display(),
            easy_bytes.len()
        ));
    }
    // The evidence goes beside them for `show`; the widget never fetches it.
    let evidence_out = sibling(&out_path, evidence::file_name);
    let crc = local_offer_search::index::stored_checksum(&bytes).unwrap_or_default();
    let evidence_bytes = evidence::encode(&records, crc);
    write_file(&evidence_out, &evidence_bytes, true)?;
    out.line(format!(
        "wrote {} ({} bytes, not downloaded by the widget)",
        evidence_out.display(),
        evidence_bytes.len()
    ));
    if json {
        summary["written"] = serde_json::json!(true);
        summary["records_out"] = serde_json::json!(report.records);
        summary["per_kind_out"] = per_kind_json(report.per_kind);
        summary["terms"] = serde_json::json!(report.terms);
        summary["bytes"] = serde_json::json!(report.bytes);
        // What the site's pages say about the council (`cargo xtask demo` fills them in).
        summary["council"] = serde_json::json!({
            "name": council.name,
            "email": council.email,
            "phone": council.phone,
            "website": council.website,
            "local_offer": council.local_offer,
            "colours": colours.json(),
        });
        outln!("{summary}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Above this many records `build` writes a chunked index unless told `--single`: the
/// measurement behind it is in `docs/BENCHMARKS.md` (2026-12-03).
const AUTO_CHUNK_RECORDS: usize = 2_000;

/// Writes a chunked index into the directory `dir`: the chunks first (each named by its hash,
/// so one already there from an earlier build is the same bytes), then the manifest, through a
/// temporary file, so the directory's entry point never names a chunk not yet written.
fn write_chunked(dir: &Path, split: &chunk_write::Chunked) -> Result<(), CliError> {
    if dir.is_file() {
        return Err(CliError::Failed(format!(
            "{} is a file; a chunked index is a directory (remove it, or build with --single)",
            dir.display()
        )));
    }
    let (manifest, chunks): (Vec<_>, Vec<_>) = split
        .files
        .iter()
        .partition(|(path, _)| path == chunk::MANIFEST_NAME);
    // A chunk's name is its content's hash (or its build's id): one already there of the same
    // length is these bytes, and a reader checks them anyway. No manifest names a chunk until
    // it is whole, so chunks are written in place (no temporary file and rename each), not
    // synced one by one (tens of thousands at 100k records, minutes of fsync), and on every
    // core; the manifest, written last, goes through a temporary file and is synced.
    let folders: std::collections::BTreeSet<PathBuf> = chunks
        .iter()
        .filter_map(|(path, _)| dir.join(path).parent().map(Path::to_path_buf))
        .collect();
    for folder in folders {
        std::fs::create_dir_all(&folder)
            .map_err(|e| CliError::Failed(format!("cannot create {}: {e}", folder.display())))?;
    }
    let written = local_offer_search::cores::in_runs(&chunks, |part| {
        for (path, bytes) in part {
            let target = dir.join(path);
            if std::fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64) {
                continue;
            }
            std::fs::write(&target, bytes)
                .map_err(|e| CliError::Failed(format!("cannot write {}: {e}", target.display())))?;
        }
        Ok(())
    });
    written.into_iter().collect::<Result<(), CliError>>()?;
    for (path, bytes) in manifest {
        write_file(&dir.join(path), bytes, true)?;
    }
    Ok(())
}

/// Records per kind as a JSON object, by kind key.
fn per_kind_json(counts: [u32; 4]) -> serde_json::Value {
    Kind::ALL
        .iter()
        .map(|k| {
            (
                k.key().to_string(),
                serde_json::json!(counts[k.code() as usize]),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The file beside `index` whose name `name` makes from the index's.
fn sibling(index: &Path, name: fn(&str) -> String) -> PathBuf {
    index.with_file_name(name(
        &index
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
    ))
}

/// The build's lines, before the "wrote" line of what was written (a chunked index's directory
/// holds more than the single file it was split from, so each says its own size).
fn print_report(report: &BuildReport, warnings: usize, out: Out) {
    out.line(format!(
        "records out: {} ({})",
        report.records,
        per_kind_line(report.per_kind)
    ));
    out.line(format!(
        "terms: {}, glossary terms: {}, words only a description writes: {}, warnings: {warnings} (`index-builder check` lists them)",
        report.terms, report.acronyms, report.surface_words
    ));
    for (name, len) in &report.sections {
        out.line(format!("  {name:<9} {len:>9} bytes"));
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place, so a failed
/// build never leaves a partial file. With `sync`, waits for the disk before the rename (an
/// index, the manifest); without, not (a chunk, which the manifest written after it names).
fn write_file(path: &Path, bytes: &[u8], sync: bool) -> Result<(), CliError> {
    let io = |e: std::io::Error| CliError::Failed(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            if sync {
                f.sync_all()?;
            }
            Ok(())
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

fn open_index(path: &Path) -> Result<Index, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", path.display())))?;
    Index::from_vec(bytes).map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))
}

fn cmd_search(args: &mut Args) -> Result<ExitCode, CliError> {
    let index_path = args.required_path("--index")?;
    let json = args.flag("--json");
    let explain = args.flag("--explain");
    if json && explain {
        return Err(CliError::Usage(
            "--json and --explain cannot be used together".into(),
        ));
    }
    let mut filters = Filters::default();
    if let Some(k) = args.value("--kind")? {
        filters.kind = Some(Kind::parse(&k).map_err(|e| CliError::Usage(format!("--kind: {e}")))?);
    }
    let district = args.value("--district")?;
    if let Some(c) = args.value("--cost")? {
        filters.cost = Some(Cost::parse(&c).map_err(|e| CliError::Usage(format!("--cost: {e}")))?);
    }
    if let Some(a) = args.value("--age")? {
        filters.age =
            Some(a.parse::<u8>().ok().filter(|&a| a <= 25).ok_or_else(|| {
                CliError::Usage(format!("--age \"{a}\" is not an age from 0 to 25"))
            })?);
    }
    if let Some(n) = args.value("--need")? {
        filters.need = Some(NeedFilter::parse(&n).ok_or_else(|| {
            CliError::Usage(format!(
                "--need \"{n}\" is not a need code (ASD, SLCN, SEMH, …) or broad area"
            ))
        })?);
    }
    let limit = match args.value("--limit")? {
        Some(l) => l
            .parse::<usize>()
            .map_err(|_| CliError::Usage(format!("--limit \"{l}\" is not a number")))?,
        None => 10,
    };
    let query = args.rest().join(" ");
    // A chunked index is a directory: its manifest, then the chunks the search asks for.
    let mut store = None;
    let mut single = None;
    let council = if index_path.is_dir() {
        let manifest = index_path.join(chunk::MANIFEST_NAME);
        let bytes = std::fs::read(&manifest)
            .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", manifest.display())))?;
        let s = ChunkStore::open(&bytes)
            .map_err(|e| CliError::Failed(format!("{}: {e}", index_path.display())))?;
        store.insert(s).manifest().council().clone()
    } else {
        single.insert(open_index(&index_path)?).council().clone()
    };
    if let Some(d) = district {
        // An area key of the council the index is for.
        filters.district = Some(council.by_key(&d).ok_or_else(|| {
            let keys: Vec<&str> = council.areas.iter().map(|a| a.key.as_str()).collect();
            CliError::Usage(format!(
                "--district: unknown area \"{d}\"; expected one of countywide, {}",
                keys.join(", ")
            ))
        })?);
    }
    let mut failed = Vec::new();
    let (index, results) = match store.as_mut() {
        Some(store) => {
            let outcome = chunk::search_with(
                store,
                &mut Searcher::new(),
                &query,
                &filters,
                limit,
                |path| std::fs::read(index_path.join(path)).map_err(|e| e.to_string()),
            );
            failed = outcome.failed;
            let (count, bytes) = store.arrived();
            eprintln!(
                "chunked index: read {count} of {} chunks, {bytes} bytes, and the manifest ({} bytes)",
                store.manifest().all().len(),
                store.manifest().bytes
            );
            let index = store
                .index()
                .map_err(|e| CliError::Failed(format!("{}: {e}", index_path.display())))?;
            (index, outcome.results)
        }
        None => match single.as_ref() {
            Some(index) => (index, index.search(&query, &filters, limit)),
            None => return Err(CliError::Failed("no index was opened".into())),
        },
    };
    let mut rows = Vec::new();
    for hit in &results.hits {
        match index.record(hit.doc) {
            Ok(r) => rows.push((hit, r)),
            // A chunked index's record whose fragment could not be had: the others show.
            Err(_) if !failed.is_empty() => {}
            Err(e) => return Err(CliError::Failed(e.to_string())),
        }
    }
    if json {
        let items: Vec<serde_json::Value> = rows
            .iter()
            .map(|(hit, r)| {
                serde_json::json!({
                    "id": r.id,
                    "title": r.name,
                    "kind": r.kind.key(),
                    "score": hit.score,
                })
            })
            .collect();
        outln!("{}", serde_json::Value::Array(items));
    } else if explain {
        explain::print(index, &query, &results, &rows);
    } else {
        outln!("{} results for \"{query}\"", results.total);
        for (hit, r) in &rows {
            outln!(
                "{:>8.1}  {:<12} {:<40} {}",
                hit.score,
                r.kind.key(),
                r.id,
                r.name
            );
        }
        if let Some(s) = &results.suggestion {
            outln!("did you mean: {s}");
        }
    }
    if !failed.is_empty() {
        for e in &failed {
            eprintln!("index-builder: {}: {e}", index_path.display());
        }
        eprintln!(
            "index-builder: the results above are those the chunks that could be read give; some may be missing"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_show(args: &mut Args) -> Result<ExitCode, CliError> {
    let index_path = args.required_path("--index")?;
    let json = args.flag("--json");
    let rest = args.rest();
    let [id] = rest.as_slice() else {
        return Err(CliError::Usage("show needs exactly one record id".into()));
    };
    if id.starts_with("--") {
        return Err(CliError::Usage(format!("unexpected option \"{id}\"")));
    }
    let (card, record, quotes) = show::show(&index_path, id)?;
    if json {
        outln!("{}", show::to_json(&card, &record, &quotes));
    } else {
        out!("{}", show::to_text(&card, &quotes));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_export(args: &mut Args) -> Result<ExitCode, CliError> {
    if !args.flag("--oruk") {
        return Err(CliError::Usage("export needs a format: --oruk".into()));
    }
    let data = args.required_path("--data")?;
    let out = args.required_path("--out")?;
    let today = today(args)?;
    args.finish()?;
    let Checked {
        loaded,
        problems,
        council,
        ..
    } = load_checked(&data, today, false, false, Out { json: false });
    if problems.errors() > 0 {
        eprintln!(
            "index-builder: {} errors; nothing written",
            problems.errors()
        );
        return Ok(ExitCode::FAILURE);
    }
    let records: Vec<Record> = loaded.into_iter().map(|l| l.record).collect();
    let (json, skipped) = oruk::export(&records, &council);
    let text = serde_json::to_string_pretty(&json)
        .map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
    write_file(&out, text.as_bytes(), true)?;
    outln!(
        "exported {} services to {} ({} glossary entries are not services and were left out)",
        records.len() - skipped,
        out.display(),
        skipped
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_pull(args: &mut Args) -> Result<ExitCode, CliError> {
    let Some(url) = args.value("--oruk")? else {
        return Err(CliError::Usage(
            "pull needs the feed's address: --oruk URL".into(),
        ));
    };
    let out = args.required_path("--out")?;
    let mut opts = pull::Options::new(url, out);
    if let Some(t) = args.value("--timeout")? {
        opts.timeout = cli::seconds("--timeout", &t)?;
    }
    if let Some(b) = args.value("--backoff")? {
        opts.backoff = cli::seconds("--backoff", &b)?;
    }
    if let Some(d) = args.value("--delay")? {
        opts.delay = cli::seconds("--delay", &d)?;
    }
    if let Some(r) = args.value("--retries")? {
        opts.retries = cli::number("--retries", &r)?;
    }
    if let Some(m) = args.value("--max-pages")? {
        opts.max_pages = cli::number("--max-pages", &m)?;
    }
    if let Some(p) = args.value("--per-page")? {
        opts.per_page = Some(cli::number("--per-page", &p)?);
    }
    args.finish()?;
    let summary = pull::pull(&opts).map_err(|e| CliError::Failed(e.to_string()))?;
    outln!("{summary}");
    match summary.files.as_slice() {
        [] => {}
        [one] => outln!("wrote {}", one.display()),
        [first, .., last] => outln!(
            "wrote {} … {}",
            first.display(),
            last.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ),
    }
    outln!(
        "next: index-builder build --data {} --out <file.idx>",
        opts.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn cmd_stats(args: &mut Args) -> Result<ExitCode, CliError> {
    let index_path = args.required_path("--index")?;
    args.finish()?;
    let index = open_index(&index_path)?;
    let meta = index.meta();
    outln!("{}: {} bytes", index_path.display(), index.byte_len());
    outln!(
        "records: {} ({})",
        meta.records,
        per_kind_line(meta.per_kind)
    );
    outln!(
        "terms: {}, glossary terms: {}, words only a description writes: {}",
        index.term_count(),
        index.acronym_count(),
        index.surface_count()
    );
    for (name, len) in index.section_sizes() {
        let per = if meta.records > 0 {
            len as f64 / f64::from(meta.records)
        } else {
            0.0
        };
        outln!("  {name:<9} {len:>9} bytes  {per:>8.1} bytes/record");
    }
    Ok(ExitCode::SUCCESS)
}
