//! Installs what the build and tests need and a fresh machine lacks, so the README's two
//! commands work anywhere. Each step checks first and does nothing when the tool is there.

use crate::run;
use std::process::Command;

/// True if `program --version` runs.
#[allow(dead_code)] // used once the wasm widget is built
pub fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Ensures the rustup target `target` is installed.
#[allow(dead_code)] // used once the wasm widget is built
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
