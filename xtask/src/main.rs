//! `cargo xtask` — the project's build orchestration, in Rust so it needs nothing but cargo.
//!
//! ```text
//! cargo xtask demo [--no-serve] [--port N] [--data DIR] [--out DIR]
//!                                            build the index and the site, then serve it
//!                                            (any data folder: a council's pulled feed)
//! cargo xtask test [--native] [--browser] [--only PATTERN]
//!                                            every check and test CI runs (no option), or a part
//!                                            of them for the inner loop
//! cargo xtask bench [ARGS…]                  benchmarks; numbers go to target/bench/
//! cargo xtask fuzz [--seconds N] [--only T] [--merge]
//!                                            every fuzz target for N s (60) each, on nightly
//!                                            (the only command that uses it; see fuzz.rs)
//! cargo xtask serve [--port N] [--dir DIR]   serve target/site (or DIR) as last built
//! ```
//!
//! Each command installs what it is missing (see [`setup`]) and is quick when all is there.

mod cache;
mod fuzz;
mod groups;
mod names;
mod pages;
mod serve;
mod setup;
mod site;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    // `cargo xtask` (cargo run) sets CARGO_MANIFEST_DIR, CARGO_PKG_NAME and the like to
    // xtask's, and every cargo and node command started from here would inherit them. ring's
    // build script (under index-builder's `pull`) reruns when one of those changes, and
    // everything above it is rebuilt: 74 s for the release index-builder, minutes for the
    // tests, each time `cargo xtask` and a plain `cargo` took turns. Without them, both see the
    // same environment and share their builds. (Edition 2021: the call is safe, and nothing
    // else runs yet.)
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PKG_")
            || matches!(
                &*name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            )
        {
            std::env::remove_var(&*name);
        }
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("site") => site::build_site(&root()).map(|_| ()),
        Some("serve") => port_arg(&args[1..]).and_then(|port| {
            let dir = path_arg(&args[1..], "--dir")?
                .unwrap_or_else(|| root().join("target").join("site"));
            serve::serve(&dir, port)
        }),
        _ => Err(
            "usage: cargo xtask demo [--no-serve] [--port N] [--data DIR] [--out DIR] | \
             cargo xtask test [--native] [--browser] [--only PATTERN] | cargo xtask bench | \
             cargo xtask fuzz [--seconds N] [--only TARGET] [--merge] | \
             cargo xtask serve [--port N] [--dir DIR]"
                .to_string(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one folder below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs a command in the workspace root, saying which; an error names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    run_quiet(cmd)
}

/// Runs a command in the workspace root without announcing it (the step's own summary line
/// says what happened); an error names the command.
pub fn run_quiet(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// `cargo` as the one running us.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `--port N`, or 8080.
fn port_arg(args: &[String]) -> Result<u16, String> {
    match args.iter().position(|a| a == "--port") {
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or_else(|| "--port needs a number".to_string()),
        None => Ok(8080),
    }
}

/// `NAME DIR` as an absolute path (relative to where cargo was run), if given.
fn path_arg(args: &[String], name: &str) -> Result<Option<PathBuf>, String> {
    let Some(i) = args.iter().position(|a| a == name) else {
        return Ok(None);
    };
    let value = args
        .get(i + 1)
        .filter(|v| !v.starts_with("--"))
        .ok_or_else(|| format!("{name} needs a folder"))?;
    let cwd = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
    Ok(Some(cwd.join(value)))
}

/// `demo`'s site: `--data DIR` (default `data/`) into `--out DIR` (default `target/site/`).
fn site_args(args: &[String]) -> Result<site::Site, String> {
    let mut spec = site::Site::standard(&root());
    if let Some(data) = path_arg(args, "--data")? {
        spec.data = data;
    }
    if let Some(out) = path_arg(args, "--out")? {
        spec.out = out;
    }
    Ok(spec)
}

fn demo(args: &[String]) -> Result<(), String> {
    let no_serve = args.iter().any(|a| a == "--no-serve");
    let port = port_arg(args)?;
    let site = site::build(&root(), &site_args(args)?)?;
    if no_serve {
        eprintln!("xtask: site built in {}", site.display());
        return Ok(());
    }
    serve::serve(&site, port)
}

/// What `cargo xtask test` runs: everything (as CI does), or a part for the inner loop.
#[derive(Debug, Default, PartialEq)]
struct TestPlan {
    native: bool,
    browser: bool,
    /// Only the tests whose name (or browser test file) contains this; no lints.
    only: Option<String>,
}

impl TestPlan {
    fn parse(args: &[String]) -> Result<TestPlan, String> {
        let mut plan = TestPlan::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--native" => plan.native = true,
                "--browser" => plan.browser = true,
                "--only" => {
                    plan.only = Some(
                        it.next()
                            .filter(|p| !p.is_empty())
                            .ok_or("--only needs a pattern")?
                            .clone(),
                    )
                }
                other => return Err(format!("cargo xtask test: unknown option {other}")),
            }
        }
        if !plan.native && !plan.browser {
            plan.native = true;
            plan.browser = true;
        }
        Ok(plan)
    }
}

/// The time each stage took, printed at the end whether or not everything passed.
struct Stages {
    started: std::time::Instant,
    done: Vec<(&'static str, f64, bool)>,
}

impl Default for Stages {
    fn default() -> Stages {
        Stages {
            started: std::time::Instant::now(),
            done: Vec::new(),
        }
    }
}

impl Stages {
    fn run(
        &mut self,
        name: &'static str,
        work: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), String> {
        eprintln!("xtask: == {name}");
        let start = std::time::Instant::now();
        let result = work();
        self.done
            .push((name, start.elapsed().as_secs_f64(), result.is_ok()));
        result.map_err(|e| format!("{name}: {e}"))
    }

    /// Records a stage that ran beside the others (its time is its own, from start to end).
    fn record(
        &mut self,
        name: &'static str,
        secs: f64,
        result: Result<(), String>,
    ) -> Result<(), String> {
        self.done.push((name, secs, result.is_ok()));
        result.map_err(|e| format!("{name}: {e}"))
    }

    /// The stages' own times, then the total from the start (less than their sum when a
    /// stage ran beside others).
    fn report(&self) {
        let total = self.started.elapsed().as_secs_f64();
        eprintln!("xtask: stage times");
        for (name, secs, ok) in &self.done {
            let mark = if *ok { "ok  " } else { "FAIL" };
            eprintln!("xtask:   {mark} {name:<28} {secs:>7.1} s");
        }
        eprintln!("xtask:        {:<28} {total:>7.1} s", "total (wall clock)");
    }
}

/// `cargo test` running in the background, its output kept in a file; stopped if dropped
/// before it is waited for (a later stage failed). A thread watches it, so its time is its own
/// even when it is waited for later.
struct Background {
    watcher: Option<std::thread::JoinHandle<Result<(std::process::ExitStatus, f64), String>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    log: PathBuf,
    shown: String,
}

impl Background {
    fn spawn(cmd: &mut Command, log: PathBuf) -> Result<Background, String> {
        use std::sync::atomic::Ordering;
        let shown = format!("{cmd:?}");
        let out = std::fs::File::create(&log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
        let mut child = cmd
            .current_dir(root())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("could not start {shown}: {e}"))?;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = std::sync::Arc::clone(&stop);
        let started = std::time::Instant::now();
        let watcher = std::thread::spawn(move || loop {
            match child.try_wait() {
                Ok(Some(status)) => return Ok((status, started.elapsed().as_secs_f64())),
                Ok(None) if stopped.load(Ordering::Relaxed) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("stopped".to_string());
                }
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(100)),
                Err(e) => return Err(format!("could not wait for it: {e}")),
            }
        });
        Ok(Background {
            watcher: Some(watcher),
            stop,
            log,
            shown,
        })
    }

    /// Waits for the command; prints its summary lines, or its whole output if it failed.
    /// Returns how long it ran and how it ended.
    fn wait(mut self) -> (f64, Result<(), String>) {
        let ended = match self.watcher.take().map(std::thread::JoinHandle::join) {
            Some(Ok(ended)) => ended,
            Some(Err(_)) => Err("its watcher thread panicked".to_string()),
            None => Err("already waited for".to_string()),
        };
        let (status, secs) = match ended {
            Ok(ended) => ended,
            Err(e) => return (0.0, Err(format!("{}: {e}", self.shown))),
        };
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        if !status.success() {
            eprint!("{text}");
            return (secs, Err(format!("{} failed ({status})", self.shown)));
        }
        let (mut passed, mut ignored, mut binaries) = (0u64, 0u64, 0u64);
        for line in text.lines().filter(|l| l.starts_with("test result: ")) {
            binaries += 1;
            let count = |word: &str| -> u64 {
                line.split(&[';', '.'][..])
                    .find_map(|part| part.trim().strip_suffix(word)?.trim().parse().ok())
                    .unwrap_or(0)
            };
            passed += count("passed");
            ignored += count("ignored");
        }
        eprintln!(
            "xtask: native tests: {passed} passed, {ignored} ignored, in {binaries} test \
             binaries ({secs:.1} s; output in {})",
            self.log.display()
        );
        (secs, Ok(()))
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(watcher) = self.watcher.take() {
            self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = watcher.join();
        }
    }
}

fn test(args: &[String]) -> Result<(), String> {
    let plan = TestPlan::parse(args)?;
    let mut stages = Stages::default();
    let result = run_tests(&plan, &mut stages);
    stages.report();
    result
}

fn run_tests(plan: &TestPlan, stages: &mut Stages) -> Result<(), String> {
    let lint = plan.only.is_none();
    // With both halves, the native tests run in the background beside the lints, the site
    // build and the browser suite (as do the checks in [`CHECKS`]): alone they keep about one
    // core of two busy (most of their time goes to a few long test binaries), so beside the
    // rest they cost about half their time. Their output goes to target/native-tests.log, shown in full if they fail.
    let mut native = None;
    let mut checks = None;
    if plan.native {
        if lint {
            stages.run("fmt", || {
                run_quiet(cargo().args(["fmt", "--all", "--", "--check"]))
            })?;
            stages.run("clippy (native)", || {
                run_quiet(cargo().args([
                    "clippy",
                    "--quiet",
                    "--workspace",
                    "--all-targets",
                    "--all-features",
                    "--",
                    "-D",
                    "warnings",
                ]))?;
                // And `cargo clippy --all-targets -- -D warnings` as it is, default features
                // only: test helpers used only with `writer` show up as dead code here alone.
                run_quiet(cargo().args([
                    "clippy",
                    "--quiet",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ]))
            })?;
        }
        let mut t = native_tests();
        if plan.browser {
            t.arg("--quiet");
        }
        if let Some(p) = &plan.only {
            t.args(["--", p]);
        }
        if plan.browser {
            // Built first, so a compile error stops the run here and the background run only
            // runs the tests.
            stages.run("native tests (build)", || {
                run_quiet(native_tests().args(["--no-run", "--quiet"]))
            })?;
            eprintln!("xtask: == native tests (in the background)");
            let log = root().join("target").join("native-tests.log");
            native = Some(Background::spawn(&mut t, log)?);
        } else {
            stages.run("native tests", || run_quiet(&mut t))?;
        }
        if lint {
            setup::ensure_rust_target("wasm32-unknown-unknown")?;
            setup::ensure_node_modules()?;
            if plan.browser {
                // Beside the site build and the browser suite: these checks read what is
                // already built and write nothing the browser tests use, and warm they are
                // mostly cargo's and node's start-up and waiting on files, time the CPU-bound
                // browser suite fills. Their results are recorded when the suite ends; a
                // failure still fails the run.
                let names: Vec<_> = CHECKS.iter().map(|(name, _)| *name).collect();
                eprintln!(
                    "xtask: == {} (beside the site build and the browser tests)",
                    names.join(", ")
                );
                checks = Some(std::thread::spawn(run_checks));
            } else {
                for (name, secs, result) in run_checks() {
                    stages.record(name, secs, result)?;
                }
            }
        }
    }
    let browser = if plan.browser {
        // The real site in a real browser.
        stages
            .run("site build", || site::build_site(&root()).map(|_| ()))
            .and_then(|()| stages.run("browser tests", || browser_tests(plan.only.as_deref())))
    } else {
        Ok(())
    };
    if let Some(checks) = checks {
        let done = checks.join().unwrap_or_else(|_| {
            vec![(
                CHECKS[0].0,
                0.0,
                Err("the checks' thread panicked".to_string()),
            )]
        });
        for (name, secs, result) in done {
            stages.record(name, secs, result)?;
        }
    }
    browser?;
    if let Some(job) = native {
        let (secs, result) = job.wait();
        stages.record("native tests", secs, result)?;
    }
    Ok(())
}

/// A check that reads the workspace and says whether it passed.
type Check = fn() -> Result<(), String>;

/// The checks that need no site, run in this order by [`run_checks`]: the widget's own code
/// linted as compiled for the browser (the standard build, the kiosk's, whose QR code is
/// compiled only there, the JavaScript API's, and the chunked index's; see site.rs), the
/// JavaScript API's TypeScript declarations as a partner's code uses them, and the dataset.
const CHECKS: [(&str, Check); 6] = [
    ("clippy (wasm)", || wasm_clippy(None)),
    ("clippy (wasm, kiosk)", || wasm_clippy(Some("kiosk"))),
    ("clippy (wasm, api)", || wasm_clippy(Some("api"))),
    ("clippy (wasm, chunked)", || wasm_clippy(Some("chunked"))),
    ("tsc (API types)", || {
        run_quiet(Command::new(setup::node_bin("tsc")).args([
            "--noEmit",
            "--strict",
            "tests/types/example.ts",
        ]))
    }),
    ("dataset check", dataset_check),
];

/// Runs [`CHECKS`] one after another until one fails: each one's name, seconds and result.
fn run_checks() -> Vec<(&'static str, f64, Result<(), String>)> {
    let mut done = Vec::new();
    for (name, check) in CHECKS {
        let start = std::time::Instant::now();
        let result = check();
        let failed = result.is_err();
        done.push((name, start.elapsed().as_secs_f64(), result));
        if failed {
            break;
        }
    }
    done
}

/// `cargo clippy` on the library for wasm32, with `--cfg los_CFG` in a target folder of its own
/// when given.
fn wasm_clippy(cfg: Option<&str>) -> Result<(), String> {
    let mut clippy = cargo();
    clippy.args([
        "clippy",
        "--quiet",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]);
    if let Some(cfg) = cfg {
        clippy
            .env("CARGO_TARGET_DIR", root().join("target").join(cfg))
            .env("RUSTFLAGS", format!("--cfg los_{cfg}"));
    }
    run_quiet(&mut clippy)
}

/// `cargo test` on the whole workspace, built at opt-level 1. The native tests' time goes to
/// a few loops over many cases (10,000 damaged indexes in `robustness`, 3,000 queries against
/// the typo oracle, the ORUK schema checks): at opt-level 0 they took 38 s of CPU, at 1 about
/// a third of that. Debug assertions and overflow checks stay on (they follow the profile's
/// own settings, not its opt-level), so the tests check exactly what they did. The artifacts
/// are kept apart from a plain `cargo test`'s (cargo hashes the profile into them), so both
/// stay built.
fn native_tests() -> Command {
    let mut t = cargo();
    t.args(["test", "--workspace", "--all-features"])
        .env("CARGO_PROFILE_DEV_OPT_LEVEL", "1");
    t
}

/// Seconds per browser test file from the last run (`tests/browser/timings.mjs` writes a line
/// per file: seconds, a tab, the name); empty when there was none.
fn last_timings(path: &Path) -> std::collections::HashMap<String, f64> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (secs, name) = line.split_once('\t')?;
            Some((name.to_string(), secs.parse().ok()?))
        })
        .collect()
}

/// `index-builder check` on the real data. Errors fail the stage and are printed in full; on
/// success its closing summary is printed, with a count of each kind of warning rather than one
/// line per record (`cargo run -p index-builder -- check --data data` lists them).
///
/// It runs the binary the native tests' build made (`target/debug/index-builder`, at their
/// opt-level 1 with every feature; that build always comes first), not `cargo run`: at cargo's
/// own settings `cargo run` rebuilt the engine and the builder at opt-level 0, and the next
/// native tests' build rebuilt them at 1 again (cargo keeps the two in one place), 30 to 40 s
/// each way in every warm run, measured on the 2-core machine under load.
fn dataset_check() -> Result<(), String> {
    let bin = root()
        .join("target")
        .join("debug")
        .join(format!("index-builder{}", std::env::consts::EXE_SUFFIX));
    if !bin.exists() {
        return Err(format!(
            "{} is missing: the native tests' build makes it (cargo xtask test --native)",
            bin.display()
        ));
    }
    let mut cmd = Command::new(&bin);
    cmd.args(["check", "--data", "data"]).current_dir(root());
    let out = cmd
        .output()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        eprint!("{text}");
        return Err(format!("{cmd:?} failed ({})", out.status));
    }
    // "FILE:LINE: FIELD: warning: MESSAGE" → counted by field and message.
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for line in text.lines() {
        if let Some((place, message)) = line.split_once(": warning: ") {
            let field = place.rsplit(": ").next().unwrap_or(place);
            let message = message.split(" (").next().unwrap_or(message);
            *kinds.entry(format!("{field}: {message}")).or_default() += 1;
        } else if line.starts_with("checked ") {
            eprintln!("xtask:   {line}");
        }
    }
    for (kind, n) in kinds {
        eprintln!("xtask:     {n} × {kind}");
    }
    Ok(())
}

/// The browser suite: its files run in groups (see [`groups`]), a group to a process, the
/// processes in parallel, one more than there are cores (each process starts one server and one
/// Chromium; each file writes only `test-*` files of its own into the site).
fn browser_tests(only: Option<&str>) -> Result<(), String> {
    setup::ensure_chromium()?;
    run_quiet(cargo().args(["build", "--quiet", "-p", "xtask"]))?;
    let dir = root().join("tests").join("browser");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no browser tests found in {}", dir.display()));
    }
    let shots = root().join("target").join("browser");
    std::fs::create_dir_all(&shots)
        .map_err(|e| format!("cannot create {}: {e}", shots.display()))?;
    let timings_file = shots.join("timings.tsv");
    let last = last_timings(&timings_file);
    let mut node = Command::new("node");
    let cores = std::env::var("LOS_BROWSER_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        // One more process than cores: a browser test waits on the page part of the time; on
        // 2 cores 3 files at once measured 110–122 s, 2 at once 122 s and 4 at once 126 s.
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from) + 1);
    node.arg("--test")
        .arg(format!("--test-concurrency={cores}"))
        .args(["--test-reporter=tap", "--test-reporter-destination=stdout"]);
    // Only a whole run records the times the next run orders its files by; a part writes
    // its own, for the table printed at the end.
    let this_run = if only.is_none() {
        timings_file.clone()
    } else {
        shots.join("timings-only.tsv")
    };
    node.arg(format!(
        "--test-reporter={}",
        dir.join("timings.mjs").display()
    ))
    .arg(format!(
        "--test-reporter-destination={}",
        this_run.display()
    ));
    if let Some(p) = only {
        // A pattern that names files picks those files; otherwise it picks tests by name.
        let named: Vec<_> = files
            .iter()
            .filter(|f| {
                f.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(p))
            })
            .cloned()
            .collect();
        if named.is_empty() {
            node.arg(format!("--test-name-pattern={p}"));
        } else {
            files = named;
        }
    }
    // Two groups per process at a time: the longest start first, and a process that ends
    // early takes the next, so a file that runs slower than last time evens out.
    let groups = groups::partition(&files, &last, cores * 2);
    node.args(groups::write(&shots.join("groups"), &groups)?);
    let result = run_quiet(&mut node);
    print_file_times(&this_run, &last, files.len());
    result
}

/// The seconds each browser test file's tests took in this run (as `timings.mjs` wrote them),
/// slowest first, beside the last whole run's when known.
fn print_file_times(
    this_run: &Path,
    before: &std::collections::HashMap<String, f64>,
    files: usize,
) {
    let now = std::fs::read_to_string(this_run).unwrap_or_default();
    let rows: Vec<(&str, &str)> = now
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .collect();
    if rows.is_empty() {
        return;
    }
    eprintln!(
        "xtask: browser test files ({} of {files}), seconds of their tests (in the last whole run)",
        rows.len()
    );
    for (secs, name) in rows {
        let was = before
            .get(name)
            .map_or_else(String::new, |b| format!("({b:.1})"));
        eprintln!("xtask:   {secs:>7} {was:>8}  {name}");
    }
}

fn bench(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let mut cmd = cargo();
    cmd.args(["bench", "--bench", "engine", "--features", "writer", "--"]);
    cmd.args(args);
    run(&mut cmd)?;
    // The widget and the peers are measured on the built site, in Chromium.
    site::build_site(&root())?;
    setup::ensure_chromium()?;
    run(cargo().args(["build", "--quiet", "-p", "xtask"]))?;
    run(Command::new("node").arg("benches/widget.mjs"))?;
    let peers = root().join("benches").join("peers").join("run.mjs");
    if peers.exists() {
        let mut node = Command::new("node");
        node.args([peers.as_os_str(), "--no-site-build".as_ref()]);
        if quick {
            node.arg("--quick");
        }
        run(&mut node)?;
    }
    Ok(())
}
