//! Installs what the build and tests need and a fresh machine lacks, so the README's two
//! commands work anywhere. Each step checks first and does nothing when the tool is there.

use crate::{root, run};
use std::path::PathBuf;
use std::process::Command;

/// True if `program --version` runs.
pub fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Ensures the rustup target `target` is installed.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", target]))
}

/// The toolchain the browser's wasm builds use: a pinned nightly, for one reason. Stable Rust
/// links a prebuilt standard library whose panic handler formats its message, which brings
/// `core::fmt` and every panic's text and source location into the wasm although, with
/// `panic = "abort"`, no one ever reads them. Rebuilding the standard library with
/// `-Cpanic=immediate-abort` (see `site.rs`) turns every panic into the trap it already was,
/// without that baggage: the family wasm went from 91,235 to about 82,600 bytes gzipped.
/// Native builds, clippy and every test stay on stable.
pub const WASM_TOOLCHAIN: &str = "nightly-2026-05-20";

/// Ensures [`WASM_TOOLCHAIN`] with the standard library's source (`rust-src`), which
/// `-Zbuild-std` compiles. Needs rustup's download server once.
pub fn ensure_wasm_toolchain() -> Result<(), String> {
    let out = Command::new("rustup")
        .args([
            "component",
            "list",
            "--installed",
            "--toolchain",
            WASM_TOOLCHAIN,
        ])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if out.status.success()
        && String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.trim().starts_with("rust-src"))
    {
        return Ok(());
    }
    eprintln!("xtask: installing Rust {WASM_TOOLCHAIN} with rust-src, for the wasm builds (once)");
    run(Command::new("rustup").args([
        "toolchain",
        "install",
        WASM_TOOLCHAIN,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
    ]))
    .map_err(|e| {
        format!(
            "the wasm builds need Rust {WASM_TOOLCHAIN} with rust-src, which could not be \
             installed ({e}); rustup needs to reach static.rust-lang.org once"
        )
    })
}

/// The version of `package` that Cargo.lock pins.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err(format!("Cargo.lock has no {package}"))
}

/// Ensures `wasm-bindgen` of exactly the version the widget links against.
pub fn ensure_wasm_bindgen() -> Result<(), String> {
    let want = locked_version("wasm-bindgen")?;
    let have = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if have.as_deref() == Some(&format!("wasm-bindgen {want}")) {
        return Ok(());
    }
    eprintln!("xtask: installing wasm-bindgen-cli {want} (a few minutes, once)");
    // Not --locked: the registry mirror lacks one of the CLI's pinned dependencies.
    run(crate::cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))
}

/// Ensures `node_modules` matches `package-lock.json`.
pub fn ensure_node_modules() -> Result<(), String> {
    let r = root();
    let stamp = r.join("node_modules").join(".package-lock.json");
    let lock = r.join("package-lock.json");
    let fresh = match (std::fs::metadata(&stamp), std::fs::metadata(&lock)) {
        (Ok(s), Ok(l)) => match (s.modified(), l.modified()) {
            (Ok(s), Ok(l)) => s >= l,
            _ => false,
        },
        _ => false,
    };
    if fresh
        && ["esbuild", "wasm-opt", "tsc"]
            .iter()
            .all(|b| node_bin(b).exists())
    {
        return Ok(());
    }
    if !has("npm") {
        return Err("npm is missing: install Node.js (apt-get install -y nodejs npm)".into());
    }
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// A tool installed by npm.
pub fn node_bin(name: &str) -> PathBuf {
    root().join("node_modules").join(".bin").join(name)
}

/// The Chromium the browser tests drive: Debian's headless shell, the same release as its
/// `chromium`, at a quarter of the CPU per page (see `CHROMIUM` in tests/browser/harness.mjs).
const HEADLESS_SHELL: &str = "/usr/lib/chromium/chromium-headless-shell";

/// Ensures Debian's Chromium and its headless shell are installed (the browser tests drive the
/// shell, the benchmarks the full browser; no browser is downloaded).
pub fn ensure_chromium() -> Result<(), String> {
    let missing: Vec<&str> = [
        ("/usr/bin/chromium", "chromium"),
        (HEADLESS_SHELL, "chromium-headless-shell"),
    ]
    .iter()
    .filter(|(path, _)| !std::path::Path::new(path).exists())
    .map(|(_, package)| *package)
    .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {} with apt-get", missing.join(" and "));
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
