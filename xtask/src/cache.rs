//! Skips a build step whose inputs have not changed since it last ran.
//!
//! A warm `cargo xtask demo` should take seconds, not the minute that wasm-bindgen and
//! `wasm-opt -Oz --converge` cost for each wasm build. Cargo already knows when the Rust
//! has not changed; this module does the same for the steps after it: each step names its
//! inputs (files, and the strings that shape its output: tool versions, flags) and its outputs.
//! Their digest is kept in `target/xtask-cache/STEP`; when it matches and every output is still
//! there, the step is skipped.
//!
//! The digest is std's `DefaultHasher` over lengths and bytes. Its algorithm may change with a
//! Rust release: that only costs one rebuild, because a changed digest is a cache miss.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

/// The inputs of one step, hashed as they are added.
pub struct Key {
    hasher: DefaultHasher,
}

impl Key {
    /// A key for a step; `version` names the recipe so that changing it invalidates old stamps.
    pub fn new(version: &str) -> Key {
        let mut key = Key {
            hasher: DefaultHasher::new(),
        };
        key.text(version);
        key
    }

    /// Adds a string (a flag, a tool's version) to the key.
    pub fn text(&mut self, s: &str) -> &mut Key {
        self.bytes(s.as_bytes())
    }

    /// Adds raw bytes, length first so that two inputs never run together.
    pub fn bytes(&mut self, b: &[u8]) -> &mut Key {
        self.hasher.write_u64(b.len() as u64);
        self.hasher.write(b);
        self
    }

    /// Adds a file's path and contents.
    pub fn file(&mut self, path: &Path) -> Result<&mut Key, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        self.text(&path.to_string_lossy());
        Ok(self.bytes(&bytes))
    }

    /// Adds every file under `dir`, in name order, with its path relative to `dir`.
    pub fn dir(&mut self, dir: &Path) -> Result<&mut Key, String> {
        for path in files_under(dir)? {
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            self.text(&rel.to_string_lossy());
            self.bytes(&bytes);
        }
        Ok(self)
    }

    /// The digest, as 16 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}", self.hasher.finish())
    }
}

/// Every file under `dir`, sorted, following no links.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries =
            std::fs::read_dir(&d).map_err(|e| format!("cannot read {}: {e}", d.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", d.display()))?;
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// One cached step: where its stamp lives and what it must leave behind.
pub struct Step {
    stamp: PathBuf,
    outputs: Vec<PathBuf>,
    key: String,
}

impl Step {
    /// A step named `name` (unique within the build) with its key and outputs.
    pub fn new(target: &Path, name: &str, key: &Key, outputs: Vec<PathBuf>) -> Step {
        Step {
            stamp: target.join("xtask-cache").join(name),
            outputs,
            key: key.hex(),
        }
    }

    /// True when the step ran with these inputs and its outputs are all still there.
    pub fn fresh(&self) -> bool {
        std::fs::read_to_string(&self.stamp).is_ok_and(|k| k.trim() == self.key)
            && self.outputs.iter().all(|p| p.exists())
    }

    /// Records that the step has run with these inputs.
    pub fn done(&self) -> Result<(), String> {
        if let Some(dir) = self.stamp.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&self.stamp, &self.key)
            .map_err(|e| format!("cannot write {}: {e}", self.stamp.display()))
    }

    /// Runs `work` unless the step is fresh, then prints one line: how long it took, or that it
    /// was reused. A failed step leaves no stamp.
    pub fn run(
        &self,
        label: &str,
        work: impl FnOnce() -> Result<(), String>,
    ) -> Result<(), String> {
        if self.fresh() {
            eprintln!("xtask: {label}: unchanged, reused");
            return Ok(());
        }
        // Forget the old stamp first: a step interrupted half-way must not look done.
        let _ = std::fs::remove_file(&self.stamp);
        let start = std::time::Instant::now();
        work()?;
        eprintln!("xtask: {label}: {:.1} s", start.elapsed().as_secs_f64());
        self.done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_every_input() {
        let a = Key::new("v1").text("x").hex();
        assert_eq!(a, Key::new("v1").text("x").hex(), "same inputs, same key");
        assert_ne!(a, Key::new("v2").text("x").hex(), "the recipe counts");
        assert_ne!(a, Key::new("v1").text("y").hex(), "the input counts");
        // Lengths keep ("ab", "c") apart from ("a", "bc").
        assert_ne!(
            Key::new("v").text("ab").text("c").hex(),
            Key::new("v").text("a").text("bc").hex()
        );
    }

    #[test]
    fn a_step_is_fresh_only_after_it_ran_and_while_its_output_exists() {
        let dir = std::env::temp_dir().join(format!("xtask-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let out = dir.join("out.txt");
        let key = Key::new("t");
        let step = Step::new(&dir, "s", &key, vec![out.clone()]);
        assert!(!step.fresh(), "never ran");
        let mut ran = 0;
        step.run("s", || {
            ran += 1;
            std::fs::write(&out, "x").map_err(|e| e.to_string())
        })
        .expect("runs");
        assert!(step.fresh());
        step.run("s", || {
            ran += 1;
            Ok(())
        })
        .expect("skips");
        assert_eq!(ran, 1, "the second run was skipped");
        std::fs::remove_file(&out).expect("remove");
        assert!(!step.fresh(), "a missing output makes it stale");
        let other = Step::new(&dir, "s", Key::new("t").text("changed"), vec![]);
        assert!(!other.fresh(), "a changed input makes it stale");
        let failed = Step::new(&dir, "f", &key, vec![]);
        assert!(failed.run("f", || Err("boom".into())).is_err());
        assert!(!failed.fresh(), "a failed step leaves no stamp");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
