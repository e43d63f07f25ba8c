//! Fuzz target `builder_oruk`: see `fuzz/targets.rs` for its input and the result it asserts. Run with
//! `cargo xtask fuzz` (all targets) or `cargo +nightly fuzz run builder_oruk` from the repository root.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::builder_oruk(data));
