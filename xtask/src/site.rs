//! Builds the demo site into `target/site/`: the index from `data/`, and the static pages from
//! `www/`.

use crate::{cargo, run};
use std::path::{Path, PathBuf};

/// Builds everything the demo serves; returns the site folder.
pub fn build_site(root: &Path) -> Result<PathBuf, String> {
    let site = root.join("target").join("site");
    std::fs::create_dir_all(&site).map_err(|e| format!("cannot create {}: {e}", site.display()))?;
    run(cargo().args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "index-builder",
        "--",
        "build",
        "--data",
        "data",
        "--out",
        "target/site/local-offer.idx",
    ]))?;
    copy_dir(&root.join("www"), &site)?;
    Ok(site)
}

/// Copies every file under `from` into `to`, keeping the folder structure.
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let src = entry.path();
        let dst = to.join(entry.file_name());
        if src.is_dir() {
            std::fs::create_dir_all(&dst)
                .map_err(|e| format!("cannot create {}: {e}", dst.display()))?;
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)
                .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
        }
    }
    Ok(())
}
