//! Fuzz target `card`: see `fuzz/targets.rs` for its input and the result it asserts. Run with
//! `cargo xtask fuzz` (all targets) or `cargo +nightly fuzz run card` from the repository root.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::card(data));
