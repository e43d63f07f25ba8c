//! The real index, for the test binaries that search the real data (`relevance`,
//! `family_relevance`, `understanding`): `data/` built by the real `index-builder build`, as the
//! site is, in a folder of its own that is removed afterwards (with the `.easy` and `.evidence`
//! files written beside the index).

use local_offer_search::Index;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (index-builder sits one folder below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("index-builder sits in the workspace root")
        .to_path_buf()
}

/// Builds `data/` with the real builder and opens the index with its second file attached (easy
/// read and the cards' details), as the widget has it once that file has arrived.
pub fn real_index() -> Index {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("local-offer.idx");
    let built = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["build", "--data"])
        .arg(workspace_root().join("data"))
        .arg("--out")
        .arg(&out)
        .output()
        .expect("index-builder runs");
    assert!(
        built.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let bytes = std::fs::read(&out).expect("the built index is readable");
    let mut index = Index::from_vec(bytes).expect("the built index opens");
    let easy =
        std::fs::read(dir.path().join("local-offer.easy")).expect("the second file is written");
    index
        .attach_easy_read(easy)
        .expect("the second file belongs to the index");
    index
}
