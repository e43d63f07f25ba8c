//! The browser test files, run a few to a process.
//!
//! Each `node --test` process pays a fixed cost before its first test: node with
//! playwright-core loaded, a Chromium launched and closed, a server started (about 4.5 s of CPU
//! for a file with one page load on this project's 2-core machine, against 1 to 2 s for most
//! tests). So `cargo xtask test` runs the files in groups: each group is one small module, written
//! under `target/browser/groups/`, that imports its files, so their tests run one after another
//! in one process, which `tests/browser/harness.mjs` gives one server and one Chromium. Every
//! test still runs, with the hooks of its own file, and reports under its own file's name (node
//! gives each test the file that defined it). The groups are balanced by the last run's times,
//! longest first, so that the processes running side by side end together.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Splits `files` into at most `groups` groups of about equal time (`secs` of each file, by file
/// name, from the last run), longest group first. A file never timed counts as long as the
/// longest that was; with no times at all, every file counts the same. Each file goes to the
/// group with the least time so far, longest file first (the classic greedy balance).
pub fn partition(
    files: &[PathBuf],
    secs: &HashMap<String, f64>,
    groups: usize,
) -> Vec<Vec<PathBuf>> {
    let known_max = files
        .iter()
        .filter_map(|f| secs.get(&name(f)).copied())
        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
    let weight = |f: &PathBuf| secs.get(&name(f)).copied().or(known_max).unwrap_or(1.0);
    let mut order: Vec<&PathBuf> = files.iter().collect();
    order.sort_by(|a, b| weight(b).total_cmp(&weight(a)).then_with(|| a.cmp(b)));
    let n = groups.clamp(1, files.len().max(1));
    let mut out: Vec<(f64, Vec<PathBuf>)> = vec![(0.0, Vec::new()); n];
    for f in order {
        if let Some(least) = out.iter_mut().min_by(|a, b| a.0.total_cmp(&b.0)) {
            least.0 += weight(f);
            least.1.push(f.clone());
        }
    }
    out.retain(|(_, g)| !g.is_empty());
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.into_iter().map(|(_, g)| g).collect()
}

/// The file name of a path, as the times are keyed.
fn name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Writes one module per group into `dir` (emptied of earlier groups first), each importing its
/// files from `tests/browser` by a path relative to `dir`, which must be `target/browser/groups`
/// in the workspace. Returns the modules' paths, in the groups' order.
pub fn write(dir: &Path, groups: &[Vec<PathBuf>]) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let mut text = String::from(
            "// Written by `cargo xtask test` (xtask/src/groups.rs): these browser test files run in one\n\
             // process, one after another, sharing its server and Chromium.\n",
        );
        for f in group {
            let file = name(f);
            // The name goes into a URL: keep to characters that need no escaping there.
            if file.is_empty()
                || !file
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                return Err(format!(
                    "{}: a browser test file's name may use only letters, digits, '-', '_' and '.'",
                    f.display()
                ));
            }
            text.push_str(&format!("import '../../../tests/browser/{file}';\n"));
        }
        let path = dir.join(format!("group-{}.test.mjs", i + 1));
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str]) -> Vec<PathBuf> {
        names
            .iter()
            .map(|n| PathBuf::from(format!("tests/browser/{n}")))
            .collect()
    }

    fn names(groups: &[Vec<PathBuf>]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.iter().map(|f| name(f)).collect())
            .collect()
    }

    #[test]
    fn balances_by_time_longest_group_first() {
        let secs: HashMap<String, f64> =
            [("a", 10.0), ("b", 8.0), ("c", 6.0), ("d", 5.0), ("e", 3.0)]
                .into_iter()
                .map(|(n, s)| (n.to_string(), s))
                .collect();
        let groups = partition(&files(&["a", "b", "c", "d", "e"]), &secs, 2);
        // a(10) | b(8); c to b (14); d to a (15); e to b+c (17).
        assert_eq!(names(&groups), vec![vec!["b", "c", "e"], vec!["a", "d"]]);
    }

    #[test]
    fn every_file_once_and_no_empty_group() {
        let all = files(&["x", "y", "z"]);
        let groups = partition(&all, &HashMap::new(), 8);
        assert_eq!(groups.len(), 3);
        let mut seen: Vec<String> = names(&groups).concat();
        seen.sort();
        assert_eq!(seen, vec!["x", "y", "z"]);
        assert!(partition(&[], &HashMap::new(), 3).is_empty());
    }

    #[test]
    fn a_file_never_timed_counts_as_the_longest() {
        let secs: HashMap<String, f64> = [("a", 10.0), ("b", 1.0), ("c", 1.0)]
            .into_iter()
            .map(|(n, s)| (n.to_string(), s))
            .collect();
        let groups = partition(&files(&["a", "b", "c", "new"]), &secs, 2);
        assert_eq!(names(&groups), vec![vec!["a", "b"], vec!["new", "c"]]);
    }

    #[test]
    fn writes_one_module_per_group_and_refuses_odd_names() {
        let dir = std::env::temp_dir().join(format!("xtask-groups-{}", std::process::id()));
        let written = write(
            &dir,
            &[files(&["a.test.mjs", "b.test.mjs"]), files(&["c.test.mjs"])],
        );
        let written = written.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written.len(), 2);
        let first = std::fs::read_to_string(&written[0]).unwrap_or_default();
        assert!(first.contains("import '../../../tests/browser/a.test.mjs';\nimport '../../../tests/browser/b.test.mjs';\n"));
        // Written again with fewer groups: the old modules are gone.
        let again = write(&dir, &[files(&["c.test.mjs"])]).unwrap_or_default();
        assert_eq!(again.len(), 1);
        assert!(!dir.join("group-2.test.mjs").exists());
        let odd = write(&dir, &[files(&["it's.test.mjs"])]);
        assert!(odd.is_err_and(|e| e.contains("it's.test.mjs")));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
