//! Short import and export names for the wasm, and the same renaming in wasm-bindgen's glue.
//!
//! wasm-bindgen names each import after the JS function it wraps plus a hash
//! (`__wbg_setAttribute_f75317b2b5cabfb4` from module `./local_offer_search_bg.js`): some 60
//! bytes each, about 60 of them, and the hashes do not compress. `wasm-opt
//! --minify-imports-and-exports-and-modules` renames them to a letter or two and prints what it
//! renamed (1.5 KB less of the gzipped wasm, and a smaller script). This module reads that
//! report, rewrites the glue to match, and then checks that every name the wasm imports or
//! exports is where the glue looks for it. A wasm-bindgen upgrade that lays the glue out
//! differently therefore fails the build with a message, never a page.

use std::collections::{BTreeMap, BTreeSet};

/// What wasm-opt renamed: (module, old name) → new name for imports, old → new for exports.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Renames {
    pub imports: BTreeMap<(String, String), String>,
    pub exports: BTreeMap<String, String>,
}

/// The quoted strings on one line of wasm-opt's report.
fn quoted(line: &str) -> Vec<&str> {
    line.split('"').skip(1).step_by(2).collect()
}

/// Reads wasm-opt's report: `{"imports": [[module, old, new], …], "exports": [[old, new], …]}`,
/// one entry per line.
pub fn parse_report(report: &str) -> Result<Renames, String> {
    let mut out = Renames::default();
    let mut section = "";
    for (n, line) in report.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("\"imports\"") {
            section = "imports";
        } else if t.starts_with("\"exports\"") {
            section = "exports";
        } else if t.starts_with('[') {
            let q = quoted(t);
            match (section, q.as_slice()) {
                ("imports", [module, old, new]) => {
                    out.imports
                        .insert((module.to_string(), old.to_string()), new.to_string());
                }
                ("exports", [old, new]) => {
                    out.exports.insert(old.to_string(), new.to_string());
                }
                _ => {
                    return Err(format!(
                        "wasm-opt's renaming report, line {}: unexpected entry {t}",
                        n + 1
                    ))
                }
            }
        }
    }
    if out.imports.is_empty() || out.exports.is_empty() {
        return Err("wasm-opt's renaming report lists no imports or no exports".into());
    }
    Ok(out)
}

/// Reads a LEB128 number at `*pos`.
fn leb(bytes: &[u8], pos: &mut usize) -> Result<u32, String> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*pos).ok_or("the wasm ends inside a number")?;
        *pos += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("a number in the wasm is too long".into())
}

fn name(bytes: &[u8], pos: &mut usize) -> Result<String, String> {
    let n = leb(bytes, pos)? as usize;
    let s = bytes
        .get(*pos..*pos + n)
        .ok_or("the wasm ends inside a name")?;
    *pos += n;
    String::from_utf8(s.to_vec()).map_err(|_| "a wasm name is not UTF-8".to_string())
}

/// What a wasm module imports, as (module, name), and the names it exports.
pub struct Interface {
    pub imports: Vec<(String, String)>,
    pub exports: Vec<String>,
}

/// Reads the import and export sections of a wasm module.
pub fn interface(wasm: &[u8]) -> Result<Interface, String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module (version 1)".into());
    }
    let (mut imports, mut exports) = (Vec::new(), Vec::new());
    let mut pos = 8;
    while pos < wasm.len() {
        let id = wasm[pos];
        pos += 1;
        let size = leb(wasm, &mut pos)? as usize;
        let end = pos + size;
        let mut p = pos;
        match id {
            2 => {
                for _ in 0..leb(wasm, &mut p)? {
                    let module = name(wasm, &mut p)?;
                    let field = name(wasm, &mut p)?;
                    let kind = *wasm.get(p).ok_or("the wasm ends inside an import")?;
                    p += 1;
                    match kind {
                        0 => {
                            leb(wasm, &mut p)?;
                        }
                        1 => {
                            p += 1; // reference type
                            let flags = leb(wasm, &mut p)?;
                            leb(wasm, &mut p)?;
                            if flags & 1 != 0 {
                                leb(wasm, &mut p)?;
                            }
                        }
                        2 => {
                            let flags = leb(wasm, &mut p)?;
                            leb(wasm, &mut p)?;
                            if flags & 1 != 0 {
                                leb(wasm, &mut p)?;
                            }
                        }
                        3 => p += 2, // value type, mutability
                        k => return Err(format!("an import of unknown kind {k}")),
                    }
                    imports.push((module, field));
                }
            }
            7 => {
                for _ in 0..leb(wasm, &mut p)? {
                    exports.push(name(wasm, &mut p)?);
                    p += 1; // kind
                    leb(wasm, &mut p)?;
                }
            }
            _ => {}
        }
        pos = end;
    }
    Ok(Interface { imports, exports })
}

/// Where the glue defines an import: `        name: function(` inside its imports object.
fn import_key(name: &str) -> String {
    format!("\n        {name}: function(")
}

/// Rewrites `glue` for the renamed wasm whose interface is `renamed`, then checks the result.
pub fn rewrite_glue(glue: &str, renames: &Renames, renamed: &[u8]) -> Result<String, String> {
    let Interface { imports, exports } = interface(renamed)?;
    let modules: BTreeSet<&str> = imports.iter().map(|(m, _)| m.as_str()).collect();
    let old_modules: BTreeSet<&str> = renames.imports.keys().map(|(m, _)| m.as_str()).collect();
    let (&[new_module], &[old_module]) = (
        modules.iter().copied().collect::<Vec<_>>().as_slice(),
        old_modules.iter().copied().collect::<Vec<_>>().as_slice(),
    ) else {
        return Err(format!(
            "expected the wasm to import from one module, found {modules:?} (was {old_modules:?})"
        ));
    };
    let mut out = glue.to_string();
    for ((_, old), new) in &renames.imports {
        let (from, to) = (import_key(old), import_key(new));
        if out.matches(&from).count() != 1 {
            return Err(format!("the glue does not define the import {old} once"));
        }
        out = out.replacen(&from, &to, 1);
    }
    let module_key = format!("\"{old_module}\": import0");
    if out.matches(&module_key).count() != 1 {
        return Err(format!(
            "the glue does not name the module {old_module} once"
        ));
    }
    out = out.replacen(&module_key, &format!("\"{new_module}\": import0"), 1);
    out = rename_exports(&out, &renames.exports);

    // Every import must be defined, and every `wasm.x` the glue uses must be exported.
    for (_, field) in &imports {
        if out.matches(&import_key(field)).count() != 1 {
            return Err(format!(
                "after renaming, the glue does not define import {field}"
            ));
        }
    }
    let exported: BTreeSet<&str> = exports.iter().map(String::as_str).collect();
    for used in wasm_uses(&out) {
        if !exported.contains(used) {
            return Err(format!(
                "after renaming, the glue calls wasm.{used}, which the wasm does not export"
            ));
        }
    }
    Ok(out)
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// The identifiers `x` of every `wasm.x` in `js`.
fn wasm_uses(js: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in js.match_indices("wasm.") {
        if js[..i].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let rest = &js[i + 5..];
        let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        out.push(&rest[..end]);
    }
    out
}

/// Replaces each `wasm.old` with `wasm.new`, whole identifiers only.
fn rename_exports(js: &str, exports: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(js.len());
    let mut last = 0;
    for (i, _) in js.match_indices("wasm.") {
        if i < last || js[..i].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let start = i + 5;
        let rest = &js[start..];
        let end = start + rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        if let Some(new) = exports.get(&js[start..end]) {
            out.push_str(&js[last..start]);
            out.push_str(new);
            last = end;
        }
    }
    out.push_str(&js[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = r#"{
 "imports": [
  ["./m.js", "__wbg_a_1", "b"],
  ["./m.js", "__wbg_b_2", "a"]
 ],
 "exports": [
  ["memory", "c"],
  ["mount", "d"]
 ]
}"#;

    /// A module importing m2.a and m2.b (functions) and exporting c and d.
    fn renamed_wasm() -> Vec<u8> {
        let mut w = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type () -> ()
        w.extend([1, 4, 1, 0x60, 0, 0]);
        // import section
        let mut imp = vec![2];
        for f in ["a", "b"] {
            imp.extend([2, b'm', b'2', 1, f.as_bytes()[0], 0, 0]);
        }
        w.extend([2, imp.len() as u8]);
        w.extend(imp);
        // export section: c (func 0), d (func 1)
        w.extend([7, 9, 2, 1, b'c', 0, 0, 1, b'd', 0, 1]);
        w
    }

    #[test]
    fn the_report_is_read() {
        let r = parse_report(REPORT).expect("parses");
        assert_eq!(r.imports.len(), 2);
        assert_eq!(r.exports.get("mount").map(String::as_str), Some("d"));
        assert!(parse_report("{}").is_err());
        assert!(parse_report("{\n\"imports\": [\n [\"x\"],\n").is_err());
    }

    #[test]
    fn the_glue_is_renamed_and_checked() {
        let glue = "x = wasm.mount(1); wasm.memory.buffer; notwasm.mount;\nconst import0 = {\n        __wbg_a_1: function(a) {},\n        __wbg_b_2: function() {},\n};\nreturn { \"./m.js\": import0 };";
        let r = parse_report(REPORT).expect("parses");
        let out = rewrite_glue(glue, &r, &renamed_wasm()).expect("renames");
        assert!(out.contains("x = wasm.d(1); wasm.c.buffer; notwasm.mount;"));
        assert!(
            out.contains("\n        b: function(a)") && out.contains("\n        a: function()")
        );
        assert!(out.contains("\"m2\": import0"));
        // A glue that calls an export the wasm lacks is refused.
        let bad = glue.replace("wasm.memory", "wasm.missing");
        assert!(rewrite_glue(&bad, &r, &renamed_wasm())
            .unwrap_err()
            .contains("wasm.missing"));
        // So is one laid out differently.
        let other = glue.replace("        __wbg_a_1: function(", "    __wbg_a_1(");
        assert!(rewrite_glue(&other, &r, &renamed_wasm()).is_err());
    }
}
