//! Fuzz target `understand`: see `fuzz/targets.rs` for its input and the result it asserts. Run with
//! `cargo xtask fuzz` (all targets) or `cargo +nightly fuzz run understand` from the repository root.

#![no_main]

#[path = "../targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::understand(data));
