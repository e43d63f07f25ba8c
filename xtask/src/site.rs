//! Builds the site into `target/site/`: the wasm (built, bound, optimised), the one script
//! (element + wasm-bindgen glue + stylesheet, bundled and minified), the index from `data/`, and
//! the static pages from `www/`.

use crate::setup::{ensure_node_modules, ensure_rust_target, ensure_wasm_bindgen, node_bin};
use crate::{cargo, run};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The wasm features rustc's wasm32 target uses, for wasm-opt.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds everything the demo serves; returns the site folder.
pub fn build_site(root: &Path) -> Result<PathBuf, String> {
    ensure_rust_target(WASM_TARGET)?;
    ensure_wasm_bindgen()?;
    ensure_node_modules()?;
    let target = root.join("target");
    let site = target.join("site");
    let glue = target.join("wasm-out");
    for d in [&site, &glue] {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }

    // Two builds of one crate: the one every page loads, and the kiosk's (with the QR encoder).
    // Their JS glue must be the same, because the one script serves both.
    let mut glue_js = Vec::new();
    // The kiosk's is set apart by a cfg, not a feature: a feature changes the crate's symbol
    // hashes, and with them the closure names the glue calls. Its own target directory keeps
    // both builds cached.
    for (name, out_name) in [
        ("std", "local-offer-search_bg.wasm"),
        ("kiosk", "local-offer-search-kiosk_bg.wasm"),
    ] {
        let kiosk = name == "kiosk";
        let bound = glue.join(name);
        std::fs::create_dir_all(&bound)
            .map_err(|e| format!("cannot create {}: {e}", bound.display()))?;
        let mut build = cargo();
        build.args([
            "build",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            "wasm",
        ]);
        let out_dir = if kiosk {
            build
                .env("CARGO_TARGET_DIR", target.join("kiosk"))
                .env("RUSTFLAGS", "--cfg los_kiosk");
            target.join("kiosk")
        } else {
            target.clone()
        };
        run(&mut build)?;
        let raw = out_dir
            .join(WASM_TARGET)
            .join("wasm")
            .join("local_offer_search.wasm");
        run(Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&bound)
            .arg(&raw))?;
        let optimised = bound.join("optimised.wasm");
        run(Command::new(node_bin("wasm-opt"))
            .args(["-Oz", "--converge", "--strip-debug", "--strip-producers"])
            .args(WASM_FEATURES)
            .arg("-o")
            .arg(&optimised)
            .arg(bound.join("local_offer_search_bg.wasm")))?;
        // Short import and export names, in a run of their own (a converging run reports each
        // round), and the same names in the glue (see names.rs).
        let minified = site.join(out_name);
        let report = output(
            Command::new(node_bin("wasm-opt"))
                .args(WASM_FEATURES)
                .arg("--minify-imports-and-exports-and-modules")
                .arg("-o")
                .arg(&minified)
                .arg(&optimised),
        )?;
        let renames = crate::names::parse_report(&report)?;
        let wasm = read(&minified)?;
        let js = bound.join("local_offer_search.js");
        let glue_text =
            String::from_utf8(read(&js)?).map_err(|_| format!("{} is not UTF-8", js.display()))?;
        let renamed = crate::names::rewrite_glue(&glue_text, &renames, &wasm)
            .map_err(|e| format!("{}: {e}", js.display()))?;
        glue_js.push(renamed.into_bytes());
    }
    if glue_js.windows(2).any(|w| w[0] != w[1]) {
        return Err(format!(
            "the kiosk wasm needs different JS glue from the standard one (compare {0}/std and \
             {0}/kiosk): keep `los_kiosk` to Rust-only code, so one script serves both",
            glue.display()
        ));
    }
    let glue_out = glue.join("local_offer_search.js");
    std::fs::write(&glue_out, &glue_js[0])
        .map_err(|e| format!("cannot write {}: {e}", glue_out.display()))?;

    copy(&root.join("src/web/element.js"), &glue.join("element.js"))?;
    copy(&root.join("www/widget.css"), &glue.join("widget.css"))?;
    run(Command::new(node_bin("esbuild"))
        .arg(glue.join("element.js"))
        .args([
            "--bundle",
            "--format=iife",
            "--minify",
            "--target=es2020",
            "--loader:.css=text",
            "--log-level=warning",
            "--legal-comments=none",
        ])
        .arg(format!(
            "--outfile={}",
            site.join("local-offer-search.js").display()
        )))?;

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
    stamp_service_worker(&site)?;
    Ok(site)
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Runs a command like [`run`] and returns what it printed.
fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    eprintln!("xtask: running {shown}");
    let out = cmd
        .current_dir(crate::root())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{shown} failed ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("{shown} printed something not UTF-8"))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
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
            copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// Names the service worker's cache after the build's content, so a kiosk picks up a new build.
fn stamp_service_worker(site: &Path) -> Result<(), String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for name in [
        "local-offer-search.js",
        "local-offer-search_bg.wasm",
        "local-offer-search-kiosk_bg.wasm",
        "local-offer.idx",
        "local-offer.easy",
        "kiosk.html",
        "kiosk.css",
        "kiosk.js",
    ] {
        let bytes = std::fs::read(site.join(name)).unwrap_or_default();
        for b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let sw = site.join("sw.js");
    let text =
        std::fs::read_to_string(&sw).map_err(|e| format!("cannot read {}: {e}", sw.display()))?;
    std::fs::write(
        &sw,
        text.replace("__BUILD_VERSION__", &format!("{hash:016x}")),
    )
    .map_err(|e| format!("cannot write {}: {e}", sw.display()))
}
