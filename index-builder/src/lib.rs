//! The builder's reading and checking as a library: `main.rs` is the command line around it,
//! and the fuzz targets (`fuzz/`) and their stable replay test (`tests/fuzz_replay.rs`) call the
//! same TOML and Open Referral UK readers and the same checks as `index-builder check`, not a
//! copy of them.

pub mod check;
pub mod cli;
pub mod colours;
pub mod council;
pub mod evidence;
pub mod explain;
pub mod feed_terms;
pub mod load;
pub mod oruk;
pub mod out;
pub mod pictograms;
pub mod problem;
pub mod pull;
pub mod show;
pub mod vocabulary;
