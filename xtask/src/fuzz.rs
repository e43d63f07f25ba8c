//! `cargo xtask fuzz`: runs every cargo-fuzz target in `fuzz/` for a bounded time each.
//!
//! The one place the project uses nightly Rust: cargo-fuzz needs it, so this command installs
//! the nightly toolchain (rustup) and `cargo-fuzz` (`cargo install`) when they are missing, and
//! runs them through `rustup run nightly`. `cargo xtask test` and CI stay on stable: the targets'
//! bodies (`fuzz/targets.rs`) are also run by `index-builder/tests/fuzz_replay.rs`, which replays
//! every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/` on stable.
//!
//! Each run reads the kept corpus (`fuzz/corpus/<target>/`, small, in the repository) and writes
//! what it finds into a scratch corpus (`target/fuzz/corpus/<target>/`), so the repository only
//! changes when asked: `--merge` adds the scratch inputs that reach new code to the kept corpus
//! (libFuzzer's `-merge=1`, which keeps it minimal). A crash, hang (over [`TIMEOUT_SECS`] for
//! one input) or out-of-memory is copied into `fuzz/regressions/<target>/`, where the stable
//! replay test fails on it until the bug is fixed, and the command fails naming it.

use crate::{root, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Seconds per target when `--seconds` is not given.
const DEFAULT_SECS: u64 = 60;
/// libFuzzer's limit for one input: longer counts as a hang (the widget must answer at once;
/// this is generous for a sanitised build on a busy machine).
const TIMEOUT_SECS: u64 = 10;
/// libFuzzer's memory limit for the process.
const RSS_LIMIT_MB: u64 = 2048;

/// What `cargo xtask fuzz` was asked to do.
#[derive(Debug, PartialEq)]
struct Plan {
    seconds: u64,
    only: Option<String>,
    merge: bool,
}

impl Plan {
    fn parse(args: &[String]) -> Result<Plan, String> {
        let mut plan = Plan {
            seconds: DEFAULT_SECS,
            only: None,
            merge: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--seconds" => {
                    plan.seconds = it
                        .next()
                        .and_then(|s| s.parse().ok())
                        .filter(|s| *s > 0)
                        .ok_or("--seconds needs a number of seconds above 0")?;
                }
                "--only" => {
                    plan.only = Some(
                        it.next()
                            .filter(|t| !t.starts_with("--"))
                            .ok_or("--only needs a target name")?
                            .clone(),
                    );
                }
                "--merge" => plan.merge = true,
                other => return Err(format!("cargo xtask fuzz: unknown option {other}")),
            }
        }
        Ok(plan)
    }
}

/// One target's run, as libFuzzer's final statistics give it.
#[derive(Debug, Default, PartialEq)]
struct Stats {
    executions: u64,
    per_second: u64,
    new_inputs: u64,
    peak_rss_mb: u64,
}

impl Stats {
    /// Reads the `stat::…` lines `-print_final_stats=1` writes at the end of a run.
    fn parse(log: &str) -> Stats {
        let mut s = Stats::default();
        for line in log.lines() {
            let Some((key, value)) = line.strip_prefix("stat::").and_then(|l| l.split_once(':'))
            else {
                continue;
            };
            let Ok(n) = value.trim().parse::<u64>() else {
                continue;
            };
            match key {
                "number_of_executed_units" => s.executions = n,
                "average_exec_per_sec" => s.per_second = n,
                "new_units_added" => s.new_inputs = n,
                "peak_rss_mb" => s.peak_rss_mb = n,
                _ => {}
            }
        }
        s
    }
}

pub fn fuzz(args: &[String]) -> Result<(), String> {
    let plan = Plan::parse(args)?;
    let fuzz_dir = root().join("fuzz");
    let mut targets = target_names(&fuzz_dir)?;
    if let Some(only) = &plan.only {
        targets.retain(|t| t == only);
        if targets.is_empty() {
            return Err(format!(
                "no fuzz target named {only} (see fuzz/fuzz_targets/)"
            ));
        }
    }
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let scratch = root().join("target").join("fuzz");
    let mut table = Vec::new();
    let mut found = Vec::new();
    for target in &targets {
        let corpus = scratch.join("corpus").join(target);
        let kept = fuzz_dir.join("corpus").join(target);
        for dir in [&corpus, &kept] {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let artifacts = fuzz_dir.join("artifacts").join(target);
        let before = files(&artifacts);
        let log = scratch.join(format!("{target}.log"));
        eprintln!(
            "xtask: fuzzing {target} for {} s (log: {})",
            plan.seconds,
            log.display()
        );
        let mut cmd = nightly_cargo_fuzz();
        cmd.args(["run", target.as_str()])
            .arg(&corpus)
            .arg(&kept)
            .arg("--")
            .arg(format!("-max_total_time={}", plan.seconds))
            .arg(format!("-timeout={TIMEOUT_SECS}"))
            .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"))
            .arg("-print_final_stats=1");
        let ok = run_logged(&mut cmd, &log)?;
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let stats = Stats::parse(&text);
        let new: Vec<PathBuf> = files(&artifacts)
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        for crash in &new {
            let kept_as = keep_regression(&fuzz_dir, target, crash)?;
            found.push(format!("{target}: {}", kept_as.display()));
        }
        if !ok && new.is_empty() {
            // Not a finding: the build or the tool failed. Show why.
            print_tail(&text, 40);
            return Err(format!(
                "cargo fuzz run {target} failed before finding anything (log: {})",
                log.display()
            ));
        }
        if !new.is_empty() {
            print_tail(&text, 40);
        }
        if plan.merge {
            merge(target, &kept, &corpus, &scratch)?;
        }
        table.push((target.clone(), stats, new.len()));
    }
    eprintln!("xtask: fuzz summary ({} s a target)", plan.seconds);
    eprintln!(
        "xtask:   {:<14} {:>12} {:>8} {:>6} {:>8} {:>7}",
        "target", "executions", "exec/s", "new", "peak MB", "crashes"
    );
    for (target, s, crashes) in &table {
        eprintln!(
            "xtask:   {target:<14} {:>12} {:>8} {:>6} {:>8} {crashes:>7}",
            s.executions, s.per_second, s.new_inputs, s.peak_rss_mb
        );
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} crash(es) found and kept as regression cases (the stable replay test, \
             `cargo test -p index-builder --test fuzz_replay`, now fails on them until they are \
             fixed): {}",
            found.len(),
            found.join(", ")
        ))
    }
}

/// The targets: one `.rs` file each in `fuzz/fuzz_targets/`.
fn target_names(fuzz_dir: &Path) -> Result<Vec<String>, String> {
    let dir = fuzz_dir.join("fuzz_targets");
    let mut names: Vec<String> = files(&dir)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no fuzz targets in {}", dir.display()));
    }
    Ok(names)
}

/// The files of `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// `cargo fuzz` on nightly, whatever toolchain ran xtask (its `CARGO` and `RUSTUP_TOOLCHAIN`
/// name stable).
fn nightly_cargo_fuzz() -> Command {
    let mut cmd = Command::new("rustup");
    cmd.args(["run", "nightly", "cargo", "fuzz"])
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .current_dir(root());
    cmd
}

/// Ensures the nightly toolchain; a clear error when it cannot be installed (offline).
fn ensure_nightly() -> Result<(), String> {
    let works = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .env_remove("RUSTUP_TOOLCHAIN")
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Ok(());
    }
    eprintln!("xtask: installing the nightly toolchain (for cargo-fuzz only)");
    run(Command::new("rustup").args(["toolchain", "install", "nightly", "--profile", "minimal"]))
        .map_err(|e| {
            format!(
                "cargo xtask fuzz needs the nightly Rust toolchain, which could not be installed \
                 ({e}); is the network reachable? Without it nothing is fuzzed, but `cargo xtask \
                 test` (stable) still replays every kept input in fuzz/corpus and \
                 fuzz/regressions (index-builder/tests/fuzz_replay.rs)"
            )
        })
}

/// Ensures `cargo fuzz`; a clear error when it cannot be installed.
fn ensure_cargo_fuzz() -> Result<(), String> {
    let works = nightly_cargo_fuzz()
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Ok(());
    }
    eprintln!("xtask: installing cargo-fuzz (a few minutes, once)");
    run(crate::cargo().args(["install", "cargo-fuzz", "--locked"])).map_err(|e| {
        format!(
            "cargo xtask fuzz needs cargo-fuzz, which could not be installed ({e}); \
             `cargo xtask test` still replays the kept inputs on stable"
        )
    })
}

/// Runs `cmd` with its output in `log`; true if it succeeded.
fn run_logged(cmd: &mut Command, log: &Path) -> Result<bool, String> {
    let out =
        std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let shown = format!("{cmd:?}");
    let status = cmd
        .stdout(out)
        .stderr(err)
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    Ok(status.success())
}

/// Copies a crash, hang or out-of-memory input into `fuzz/regressions/<target>/` (named by
/// its kind and content hash, as libFuzzer named it); returns where.
fn keep_regression(fuzz_dir: &Path, target: &str, artifact: &Path) -> Result<PathBuf, String> {
    let dir = fuzz_dir.join("regressions").join(target);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let name = artifact
        .file_name()
        .ok_or_else(|| format!("{} has no file name", artifact.display()))?;
    let to = dir.join(name);
    std::fs::copy(artifact, &to).map_err(|e| {
        format!(
            "cannot copy {} to {}: {e}",
            artifact.display(),
            to.display()
        )
    })?;
    let shown = to.strip_prefix(root()).unwrap_or(&to).to_path_buf();
    eprintln!(
        "xtask: {target}: kept {} as a regression case",
        shown.display()
    );
    Ok(shown)
}

/// Adds to the kept corpus the scratch inputs that reach code it does not (libFuzzer's
/// `-merge=1`), so the corpus in the repository grows only by what matters.
fn merge(target: &str, kept: &Path, scratch_corpus: &Path, scratch: &Path) -> Result<(), String> {
    let before = files(kept).len();
    let log = scratch.join(format!("{target}.merge.log"));
    let mut cmd = nightly_cargo_fuzz();
    cmd.args(["run", target])
        .arg(kept)
        .arg(scratch_corpus)
        .arg("--")
        .arg("-merge=1")
        .arg(format!("-timeout={TIMEOUT_SECS}"))
        .arg(format!("-rss_limit_mb={RSS_LIMIT_MB}"));
    if !run_logged(&mut cmd, &log)? {
        print_tail(&std::fs::read_to_string(&log).unwrap_or_default(), 20);
        return Err(format!("merging the corpus of {target} failed"));
    }
    eprintln!(
        "xtask: {target}: kept corpus {before} -> {} inputs",
        files(kept).len()
    );
    Ok(())
}

fn print_tail(text: &str, lines: usize) {
    let all: Vec<&str> = text.lines().collect();
    for line in &all[all.len().saturating_sub(lines)..] {
        eprintln!("  | {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        assert_eq!(
            Plan::parse(&[]).unwrap(),
            Plan {
                seconds: DEFAULT_SECS,
                only: None,
                merge: false
            }
        );
        assert_eq!(
            Plan::parse(&args(&["--seconds", "5", "--only", "card", "--merge"])).unwrap(),
            Plan {
                seconds: 5,
                only: Some("card".into()),
                merge: true
            }
        );
        assert!(Plan::parse(&args(&["--seconds"])).is_err());
        assert!(Plan::parse(&args(&["--seconds", "0"])).is_err());
        assert!(Plan::parse(&args(&["--only", "--merge"])).is_err());
        assert!(Plan::parse(&args(&["--fast"])).is_err());
    }

    #[test]
    fn final_statistics() {
        let log = "#2048\tpulse  cov: 10\nDone 5000 runs in 61 second(s)\n\
                   stat::number_of_executed_units: 5000\nstat::average_exec_per_sec:     81\n\
                   stat::new_units_added:          17\nstat::slowest_unit_time_sec:    0\n\
                   stat::peak_rss_mb:              112\n";
        assert_eq!(
            Stats::parse(log),
            Stats {
                executions: 5000,
                per_second: 81,
                new_inputs: 17,
                peak_rss_mb: 112
            }
        );
        assert_eq!(Stats::parse("no statistics"), Stats::default());
    }

    #[test]
    fn every_target_file_is_a_target() {
        let names = target_names(&root().join("fuzz")).unwrap();
        for t in [
            "open_search",
            "builder_toml",
            "builder_oruk",
            "card",
            "understand",
        ] {
            assert!(names.iter().any(|n| n == t), "{t} in {names:?}");
        }
    }
}
