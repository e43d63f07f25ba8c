//! `cargo xtask` — the project's build orchestration, in Rust so it needs nothing but cargo.
//!
//! ```text
//! cargo xtask demo [--no-serve] [--port N]   build the index and the site, then serve it
//! cargo xtask test                           every check and test CI runs
//! cargo xtask bench [ARGS…]                  benchmarks; numbers go to target/bench/
//! cargo xtask serve [--port N]               serve target/site as last built
//! ```
//!
//! Each command installs what it is missing (see [`setup`]) and is quick when all is there.

mod names;
mod serve;
mod setup;
mod site;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&args[1..]),
        Some("test") => test(),
        Some("bench") => bench(&args[1..]),
        Some("site") => site::build_site(&root()).map(|_| ()),
        Some("serve") => port_arg(&args[1..])
            .and_then(|port| serve::serve(&root().join("target").join("site"), port)),
        _ => Err(
            "usage: cargo xtask demo [--no-serve] [--port N] | cargo xtask test | cargo xtask bench"
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

/// Runs a command in the workspace root; an error names the command.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: running {shown}");
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

fn demo(args: &[String]) -> Result<(), String> {
    let no_serve = args.iter().any(|a| a == "--no-serve");
    let port = port_arg(args)?;
    let site = site::build_site(&root())?;
    if no_serve {
        eprintln!("xtask: site built in {}", site.display());
        return Ok(());
    }
    serve::serve(&site, port)
}

fn test() -> Result<(), String> {
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args(["test", "--workspace", "--all-features"]))?;
    // The widget's own code, compiled for the browser: the standard build and the kiosk's,
    // whose QR code is compiled only there (see site.rs).
    setup::ensure_rust_target("wasm32-unknown-unknown")?;
    for kiosk in [false, true] {
        let mut clippy = cargo();
        clippy.args([
            "clippy",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]);
        if kiosk {
            clippy
                .env("CARGO_TARGET_DIR", root().join("target").join("kiosk"))
                .env("RUSTFLAGS", "--cfg los_kiosk");
        }
        run(&mut clippy)?;
    }
    // The dataset itself must pass its checks.
    run(cargo().args([
        "run",
        "--quiet",
        "-p",
        "index-builder",
        "--",
        "check",
        "--data",
        "data",
    ]))?;
    // The real site in a real browser.
    site::build_site(&root())?;
    setup::ensure_chromium()?;
    run(cargo().args(["build", "--quiet", "-p", "xtask"]))?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1"]);
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
    node.args(&files);
    run(&mut node)
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
