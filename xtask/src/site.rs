//! Builds the site into `target/site/`: the wasm (built, bound, optimised), the one script
//! (element + wasm-bindgen glue + stylesheet, bundled and minified), the index from `data/`, and
//! the static pages from `www/`.
//!
//! Any data folder makes a site of its own ([`Site`]: `cargo xtask demo --data DIR --out DIR`):
//! the wasm and the script are built once in `target/wasm-out/` and copied into each site, so a
//! second site (a council's pulled feed) costs only its index, and never touches `target/site`.
//!
//! Five wasm builds of the one crate: the widget's (every page), the kiosk's (`--cfg
//! los_kiosk`), the JavaScript API's (`--cfg los_api`, see [`api_files`]), which only pages
//! calling `LocalOfferSearch.open()` download, and the two that read a chunked index (`--cfg
//! los_chunked`, with and without the kiosk's: see [`chunked_files`]), which only pages with an
//! index named `manifest.lom` download.

use crate::cache::{Key, Step};
use crate::setup::{
    ensure_node_modules, ensure_rust_target, ensure_wasm_bindgen, ensure_wasm_toolchain, node_bin,
    WASM_TOOLCHAIN,
};
use crate::{cargo, run_quiet};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// wasm-opt's passes: the IR flattened and re-relooped first, then `-Oz` to a fixed point.
/// Re-relooping gives the size passes simpler control flow to work on: 0.4 KB less of the
/// gzipped family wasm than `-Oz --converge` alone (86,815 against 87,235 bytes, measured on
/// 2026-12-02), for about 5 s more per build.
const WASM_OPT_PASSES: [&str; 5] = ["--flatten", "--rereloop", "-Oz", "-Oz", "--converge"];

/// The wasm features rustc's wasm32 target uses, for wasm-opt.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// What a site is built from and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// The data folder the index is built from (`data/` by default).
    pub data: PathBuf,
    /// The site folder (`target/site/` by default).
    pub out: PathBuf,
}

impl Site {
    /// The demo's own site: `data/` into `target/site/`.
    pub fn standard(root: &Path) -> Site {
        Site {
            data: root.join("data"),
            out: root.join("target").join("site"),
        }
    }
}

/// Builds the standard site (`data/` into `target/site/`); returns the site folder.
pub fn build_site(root: &Path) -> Result<PathBuf, String> {
    build(root, &Site::standard(root))
}

/// Builds everything the demo serves for `site`; returns the site folder. Each step after
/// cargo's own is skipped when its inputs have not changed (see [`crate::cache`]).
pub fn build(root: &Path, spec: &Site) -> Result<PathBuf, String> {
    ensure_rust_target(WASM_TARGET)?;
    ensure_wasm_toolchain()?;
    ensure_wasm_bindgen()?;
    ensure_node_modules()?;
    let target = root.join("target");
    let site = spec.out.clone();
    let glue = target.join("wasm-out");
    for d in [&site, &glue] {
        std::fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }

    // Two builds of one crate: the one every page loads, and the kiosk's (with the QR encoder).
    // Their JS glue must be the same, because the one script serves both.
    let family_glue = wasm_group(
        root,
        &target,
        &glue,
        &site,
        &[
            ("std", &[], "local-offer-search_bg.wasm"),
            ("kiosk", &["los_kiosk"], "local-offer-search-kiosk_bg.wasm"),
        ],
    )?;
    let glue_out = glue.join("local_offer_search.js");
    write_if_changed(&glue_out, &family_glue)?;
    copy(&root.join("src/web/element.js"), &glue.join("element.js"))?;
    copy(&root.join("src/web/listen.js"), &glue.join("listen.js"))?;
    copy(&root.join("www/widget.css"), &glue.join("widget.css"))?;
    minify_css(&glue.join("widget.css"))?;

    let script = glue.join("local-offer-search.js");
    let mut key = Key::new("bundle-2");
    key.file(&glue_out)?
        .file(&glue.join("element.js"))?
        .file(&glue.join("widget.css"))?
        .file(&root.join("node_modules/esbuild/package.json"))?;
    let step = Step::new(&target, "bundle", &key, vec![script.clone()]);
    step.run("script: esbuild bundle", || bundle(&glue, &script))?;
    write_if_changed(&site.join("local-offer-search.js"), &read(&script)?)?;
    api_files(root, &target, &glue, &site)?;
    chunked_files(root, &target, &glue, &site)?;

    let builder = timed("index: cargo build index-builder", || {
        run_quiet(cargo().args(["build", "--quiet", "--release", "-p", "index-builder"]))?;
        Ok(target
            .join("release")
            .join(format!("index-builder{}", std::env::consts::EXE_SUFFIX)))
    })?;
    let index = site.join("local-offer.idx");
    // The build's summary (`--json`) is kept beside the step's stamp: its `council` fills the
    // pages (crate::pages), also when the index itself is up to date.
    let step_name = index_step_name(root, spec);
    let summary = target.join(format!("{step_name}-summary.json"));
    // The data folder's path is part of the key as well as its files: two folders with the same
    // files still make two sites.
    let mut key = Key::new("index-3");
    key.file(&builder)?
        .text(&spec.data.to_string_lossy())
        .text(&site.to_string_lossy())
        .dir(&spec.data)?;
    let step = Step::new(
        &target,
        &step_name,
        &key,
        vec![
            index.clone(),
            site.join("local-offer.easy"),
            summary.clone(),
        ],
    );
    step.run("index: index-builder build", || {
        let out = output(
            Command::new(&builder)
                .arg("build")
                // One county: one index file (the same records are built chunked below).
                .arg("--single")
                .arg("--json")
                .arg("--data")
                .arg(&spec.data)
                .arg("--out")
                .arg(&index),
        )?;
        std::fs::write(&summary, out.trim())
            .map_err(|e| format!("cannot write {}: {e}", summary.display()))
    })?;
    // The same records as a chunked index (site/chunked/manifest.lom and its chunks/), the
    // format a region's or a nation's directory is served in: what the browser tests and the
    // demo's chunked pages read.
    let chunked = site.join("chunked");
    let mut key = Key::new("index-chunked-1");
    key.file(&builder)?
        .text(&spec.data.to_string_lossy())
        .text(&chunked.to_string_lossy())
        .dir(&spec.data)?;
    let step = Step::new(
        &target,
        &format!("{step_name}-chunked"),
        &key,
        vec![chunked.join("manifest.lom")],
    );
    step.run("index: index-builder build --chunked", || {
        if chunked.exists() {
            std::fs::remove_dir_all(&chunked)
                .map_err(|e| format!("cannot remove {}: {e}", chunked.display()))?;
        }
        output(
            Command::new(&builder)
                .arg("build")
                .arg("--chunked")
                .arg("--data")
                .arg(&spec.data)
                .arg("--out")
                .arg(&chunked),
        )
        .map(|_| ())
    })?;
    let council = String::from_utf8(read(&summary)?)
        .map_err(|_| format!("{} is not UTF-8", summary.display()))
        .and_then(|s| crate::pages::CouncilFacts::from_summary(&s))?;
    copy_dir(&root.join("www"), &site)?;
    crate::pages::fill_site(&site, &council)?;
    stamp_service_worker(&site)?;
    Ok(site)
}

/// The index step's stamp: one per site folder, so building a second site does not make the
/// standard one stale.
fn index_step_name(root: &Path, spec: &Site) -> String {
    if spec.out == Site::standard(root).out {
        "index".to_string()
    } else {
        format!(
            "index-{}",
            Key::new("site").text(&spec.out.to_string_lossy()).hex()
        )
    }
}

/// Builds, binds and optimises each of `builds` (name, cfgs, the wasm's name in the site) into
/// the site; returns their JS glue, which must be the same for all of them (one script, or one
/// module, serves the group).
fn wasm_group(
    root: &Path,
    target: &Path,
    glue: &Path,
    site: &Path,
    builds: &[(&str, &[&str], &str)],
) -> Result<Vec<u8>, String> {
    let mut glue_js = Vec::new();
    for &(name, cfgs, out_name) in builds {
        let raw = timed(&format!("wasm ({name}): cargo build"), || {
            build_wasm(target, cfgs)
        })?;
        let bound = glue.join(name);
        let renamed_glue = bound.join("glue.js");
        // Built beside the glue and copied into the site, so every site shares one build.
        let minified = bound.join(out_name);
        let key = bind_key(root, &raw)?;
        let step = Step::new(
            target,
            &format!("bind-opt-{name}"),
            &key,
            vec![renamed_glue.clone(), minified.clone()],
        );
        step.run(&format!("wasm ({name}): wasm-bindgen + wasm-opt"), || {
            bind_and_optimise(&raw, &bound, &minified, &renamed_glue)
        })?;
        write_if_changed(&site.join(out_name), &read(&minified)?)?;
        glue_js.push(read(&renamed_glue)?);
    }
    if glue_js.windows(2).any(|w| code_of(&w[0]) != code_of(&w[1])) {
        let names: Vec<&str> = builds.iter().map(|b| b.0).collect();
        return Err(format!(
            "the {} wasm builds need different JS glue (compare {} in {}): keep `los_kiosk` to \
             Rust-only code, so one script serves both",
            names.join(" and "),
            names.join(", "),
            glue.display()
        ));
    }
    glue_js
        .into_iter()
        .next()
        .ok_or_else(|| "no wasm builds".to_string())
}

/// The chunked index's files, beside the script: the builds that read one (`--cfg
/// los_chunked`: `local-offer-search-chunked_bg.wasm`, and the kiosk's
/// `local-offer-search-kiosk-chunked_bg.wasm`), which share one glue with exports of their own
/// (the chunk loader's calls), and `local-offer-search-chunks.mjs`: that glue with
/// `src/web/chunks.js`, the loader, an ES module the element imports only for an index named
/// `manifest.lom`. So the family's wasm and script carry nothing of chunks.
fn chunked_files(root: &Path, target: &Path, glue: &Path, site: &Path) -> Result<(), String> {
    const MODULE: &str = "local-offer-search-chunks.mjs";
    let chunked_glue = wasm_group(
        root,
        target,
        glue,
        site,
        &[
            (
                "chunked",
                &["los_chunked"],
                "local-offer-search-chunked_bg.wasm",
            ),
            (
                "kiosk-chunked",
                &["los_kiosk", "los_chunked"],
                "local-offer-search-kiosk-chunked_bg.wasm",
            ),
        ],
    )?;
    let src = glue.join("chunks-src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot create {}: {e}", src.display()))?;
    write_if_changed(&src.join("local_offer_search.js"), &chunked_glue)?;
    copy(&root.join("src/web/chunks.js"), &src.join("chunks.js"))?;
    let out = glue.join(MODULE);
    let mut key = Key::new("esm-chunks-1");
    key.dir(&src)?
        .file(&root.join("node_modules/esbuild/package.json"))?;
    let step = Step::new(target, MODULE, &key, vec![out.clone()]);
    step.run(&format!("{MODULE}: esbuild bundle"), || {
        run_quiet(
            Command::new(node_bin("esbuild"))
                .arg(src.join("chunks.js"))
                .args([
                    "--bundle",
                    "--format=esm",
                    "--minify",
                    "--target=es2020",
                    "--log-level=warning",
                    "--legal-comments=none",
                ])
                .arg(format!("--outfile={}", out.display())),
        )
    })?;
    write_if_changed(&site.join(MODULE), &read(&out)?)
}

/// Runs `work` and prints how long it took, as one line.
fn timed<T>(label: &str, work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let start = std::time::Instant::now();
    let out = work()?;
    eprintln!("xtask: {label}: {:.1} s", start.elapsed().as_secs_f64());
    Ok(out)
}

/// Minifies the widget's stylesheet in place (esbuild) before the script bundles it as text
/// (`--loader:.css=text` keeps a file as written): about 0.4 KB less of the first search,
/// gzipped.
fn minify_css(css: &Path) -> Result<(), String> {
    let min = css.with_extension("min.css");
    run_quiet(
        Command::new(node_bin("esbuild"))
            .arg(css)
            .args(["--minify", "--log-level=warning"])
            .arg(format!("--outfile={}", min.display())),
    )?;
    std::fs::rename(&min, css).map_err(|e| format!("cannot write {}: {e}", css.display()))
}

/// What wasm-bindgen and wasm-opt make of the raw wasm `raw` depends on: the wasm, the tools'
/// versions and the passes.
fn bind_key(root: &Path, raw: &Path) -> Result<Key, String> {
    let mut key = Key::new("bind-opt-2");
    for pass in WASM_OPT_PASSES {
        key.text(pass);
    }
    key.file(raw)?
        .text(&crate::setup::locked_version("wasm-bindgen")?)
        .file(&root.join("node_modules/binaryen/package.json"))?;
    for flag in WASM_FEATURES {
        key.text(flag);
    }
    Ok(key)
}

/// The JavaScript API's files, all beside the script:
/// - `local-offer-search-api_bg.wasm`: the crate built with `--cfg los_api` (the engine's
///   answers through serde-wasm-bindgen, no widget) in `target/api`, bound, optimised and
///   given short names the same way as the widget's wasm;
/// - `local-offer-search-api.mjs`: its own glue with `src/web/api.js`, an ES module that
///   `LocalOfferSearch.open()` imports on first use (so widget-only pages never fetch either);
/// - `local-offer-search.mjs`: the element and `open` as an ES module for bundlers
///   (`src/web/module.js`; `LOS_MODULE` tells element.js not to set `window.LocalOfferSearch`);
/// - `local-offer-search.d.ts`: the TypeScript declarations;
/// - and, not the API's but built the same way, `local-offer-search-listen.mjs`: Listen (read
///   aloud, `src/web/listen.js`), which the element imports once it is ready, where the device
///   has a voice.
///
/// Needs `element.js`, `listen.js`, `widget.css` and the widget's glue already in `glue`.
fn api_files(root: &Path, target: &Path, glue: &Path, site: &Path) -> Result<(), String> {
    const WASM: &str = "local-offer-search-api_bg.wasm";
    let raw = timed("wasm (api): cargo build", || {
        build_wasm(target, &["los_api"])
    })?;
    let bound = glue.join("api");
    let renamed_glue = bound.join("glue.js");
    let minified = bound.join(WASM);
    let step = Step::new(
        target,
        "bind-opt-api",
        &bind_key(root, &raw)?,
        vec![renamed_glue.clone(), minified.clone()],
    );
    step.run("wasm (api): wasm-bindgen + wasm-opt", || {
        bind_and_optimise(&raw, &bound, &minified, &renamed_glue)
    })?;
    write_if_changed(&site.join(WASM), &read(&minified)?)?;

    // The API's module: api.js beside its own glue, under the name it imports.
    let src = glue.join("api-src");
    std::fs::create_dir_all(&src).map_err(|e| format!("cannot create {}: {e}", src.display()))?;
    write_if_changed(&src.join("local_offer_search.js"), &read(&renamed_glue)?)?;
    copy(&root.join("src/web/api.js"), &src.join("api.js"))?;
    copy(&root.join("src/web/module.js"), &glue.join("module.js"))?;
    for (entry, name, module_build) in [
        (src.join("api.js"), "local-offer-search-api.mjs", false),
        (glue.join("module.js"), "local-offer-search.mjs", true),
        // Listen (read aloud), which the element imports once it is ready (see listen.js).
        (
            glue.join("listen.js"),
            "local-offer-search-listen.mjs",
            false,
        ),
    ] {
        let out = glue.join(name);
        let mut key = Key::new("esm-1");
        key.dir(&src)?
            .file(&glue.join("module.js"))?
            .file(&glue.join("element.js"))?
            .file(&glue.join("listen.js"))?
            .file(&glue.join("widget.css"))?
            .file(&glue.join("local_offer_search.js"))?
            .file(&root.join("node_modules/esbuild/package.json"))?;
        let step = Step::new(target, name, &key, vec![out.clone()]);
        step.run(&format!("{name}: esbuild bundle"), || {
            let mut esbuild = Command::new(node_bin("esbuild"));
            esbuild.arg(&entry).args([
                "--bundle",
                "--format=esm",
                "--minify",
                "--target=es2020",
                "--loader:.css=text",
                "--log-level=warning",
                "--legal-comments=none",
            ]);
            if module_build {
                esbuild.arg("--define:LOS_MODULE=true");
            }
            run_quiet(esbuild.arg(format!("--outfile={}", out.display())))
        })?;
        write_if_changed(&site.join(name), &read(&out)?)?;
    }
    copy(
        &root.join("src/web/local-offer-search.d.ts"),
        &site.join("local-offer-search.d.ts"),
    )
}

/// The glue without its `//` comments: wasm-bindgen's comments name each closure's shim by its
/// number in that build, which differs between builds while the code stays the same (and
/// esbuild drops comments from the bundle).
fn code_of(glue: &[u8]) -> Vec<&[u8]> {
    glue.split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii_start().starts_with(b"//"))
        .collect()
}

/// `cargo build` of the widget for the browser; returns the raw wasm's path. Cargo decides
/// whether anything needs compiling.
///
/// The kiosk's and the API's builds are set apart by a cfg (`los_kiosk`, `los_api`), not a
/// feature: a feature changes the crate's symbol hashes, and with them the closure names the
/// glue calls (the kiosk shares the widget's glue). Each has its own target directory, named
/// after the cfg, so every build stays cached.
fn build_wasm(target: &Path, cfgs: &[&str]) -> Result<PathBuf, String> {
    // On the pinned nightly, with the standard library rebuilt to abort on panic at once (see
    // [`WASM_TOOLCHAIN`]); whatever toolchain runs xtask, so its variables go.
    let mut build = Command::new("rustup");
    build
        .args(["run", WASM_TOOLCHAIN, "cargo"])
        .args([
            "build",
            "--quiet",
            "--lib",
            "--target",
            WASM_TARGET,
            "--profile",
            "wasm",
            "-Zbuild-std=std,panic_abort",
        ])
        .env_remove("CARGO")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .env_remove("RUSTC_WRAPPER");
    // No source locations (file paths of dependencies were kept for `#[track_caller]`) and
    // empty `Debug` output (nothing in the wasm shows it to anyone; the tests run natively):
    // 214 bytes of the gzipped family wasm, 3.3 KB of the API's (2026-12-02).
    let mut flags = String::from(
        "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none",
    );
    let out_dir = if cfgs.is_empty() {
        build.env("CARGO_TARGET_DIR", target);
        target.to_path_buf()
    } else {
        // Named after the cfgs ("kiosk", "kiosk-chunked"): the kiosk's directory keeps its old
        // name, so existing caches stay warm.
        let names: Vec<&str> = cfgs
            .iter()
            .map(|c| c.strip_prefix("los_").unwrap_or(c))
            .collect();
        let dir = target.join(names.join("-"));
        build.env("CARGO_TARGET_DIR", &dir);
        for cfg in cfgs {
            flags.push_str(" --cfg ");
            flags.push_str(cfg);
        }
        dir
    };
    if let Some(root) = target.parent() {
        build.current_dir(root);
    }
    build.env("RUSTFLAGS", flags);
    run_quiet(&mut build)?;
    Ok(out_dir
        .join(WASM_TARGET)
        .join("wasm")
        .join("local_offer_search.wasm"))
}

/// wasm-bindgen, then `wasm-opt -Oz`, then short import and export names with the same names
/// in the glue (see names.rs). Writes the site's wasm to `minified` and the glue to `glue_out`.
fn bind_and_optimise(
    raw: &Path,
    bound: &Path,
    minified: &Path,
    glue_out: &Path,
) -> Result<(), String> {
    std::fs::create_dir_all(bound)
        .map_err(|e| format!("cannot create {}: {e}", bound.display()))?;
    // No default module path: the element always passes the wasm's address, and the default
    // (`new URL(…, import.meta.url)`) has no meaning in the classic script esbuild bundles.
    run_quiet(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--omit-default-module-path",
                "--out-dir",
            ])
            .arg(bound)
            .arg(raw),
    )?;
    let optimised = bound.join("optimised.wasm");
    run_quiet(
        Command::new(node_bin("wasm-opt"))
            .args(WASM_OPT_PASSES)
            .args(["--strip-debug", "--strip-producers"])
            .args(WASM_FEATURES)
            .arg("-o")
            .arg(&optimised)
            .arg(bound.join("local_offer_search_bg.wasm")),
    )?;
    // Short names in a run of their own (a converging run reports each round).
    let report = output(
        Command::new(node_bin("wasm-opt"))
            .args(WASM_FEATURES)
            .arg("--minify-imports-and-exports-and-modules")
            .arg("-o")
            .arg(minified)
            .arg(&optimised),
    )?;
    let renames = crate::names::parse_report(&report)?;
    let wasm = read(minified)?;
    let js = bound.join("local_offer_search.js");
    let glue_text =
        String::from_utf8(read(&js)?).map_err(|_| format!("{} is not UTF-8", js.display()))?;
    let renamed = crate::names::rewrite_glue(&glue_text, &renames, &wasm)
        .map_err(|e| format!("{}: {e}", js.display()))?;
    std::fs::write(glue_out, renamed)
        .map_err(|e| format!("cannot write {}: {e}", glue_out.display()))
}

/// The one script: element + glue + stylesheet, bundled and minified by esbuild.
fn bundle(glue: &Path, script: &Path) -> Result<(), String> {
    run_quiet(
        Command::new(node_bin("esbuild"))
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
            .arg(format!("--outfile={}", script.display())),
    )
}

/// Writes `bytes` unless the file already holds them (keeps its time stamp for other tools).
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Runs a command like [`run`] and returns what it printed.
fn output(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
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
    let mut key = Key::new("sw");
    for name in [
        "local-offer-search.js",
        "local-offer-search-listen.mjs",
        "local-offer-search_bg.wasm",
        "local-offer-search-kiosk_bg.wasm",
        "local-offer-search-chunks.mjs",
        "local-offer-search-chunked_bg.wasm",
        "local-offer-search-kiosk-chunked_bg.wasm",
        "local-offer.idx",
        "local-offer.easy",
        "kiosk.html",
        "kiosk-chunked.html",
        "kiosk.css",
        "kiosk.js",
        crate::pages::COLOURS_CSS,
    ] {
        key.bytes(&std::fs::read(site.join(name)).unwrap_or_default());
    }
    let sw = site.join("sw.js");
    let text =
        std::fs::read_to_string(&sw).map_err(|e| format!("cannot read {}: {e}", sw.display()))?;
    std::fs::write(&sw, text.replace("__BUILD_VERSION__", &key.hex()))
        .map_err(|e| format!("cannot write {}: {e}", sw.display()))
}
