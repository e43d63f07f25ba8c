//! # Local Offer Search
//!
//! A search engine for a county's SEND Local Offer, small enough to run in the browser.
//!
//! The Local Offer (services, schools and settings, support while you wait, and the glossary of
//! acronyms families meet) is compiled at build time into one index file: an [`fst`] term
//! dictionary pointing at postings, a compact store of the records for display, and a table of
//! filterable facts. The same [`Index`] code answers queries natively (in `index-builder search`
//! and the tests) and in the browser widget (compiled to wasm), so the native tests cover the
//! widget's logic.
//!
//! ```
//! # #[cfg(feature = "writer")] {
//! use local_offer_search::{index::write::build, model::{Kind, Record}, Filters, Index};
//!
//! let records = vec![Record {
//!     id: "camhs".into(),
//!     kind: Kind::Service,
//!     name: "CAMHS".into(),
//!     summary: "Child and Adolescent Mental Health Service.".into(),
//!     ..Record::default()
//! }];
//! let (bytes, _report) = build(&records).unwrap();
//! let index = Index::open(&bytes).unwrap();
//! let results = index.search("chams", &Filters::default(), 10);
//! assert_eq!(index.record(results.hits[0].doc).unwrap().id, "camhs");
//! # }
//! ```
//!
//! Modules, from the bottom up: [`text`] (the one normalisation function), [`model`] (what a
//! record is), [`index`] (the file format: reader here, writer behind the `writer` feature),
//! [`understand`] (what a question means: age, place, concepts), [`search`] (matching and
//! ranking).

pub mod api;
#[cfg(feature = "writer")]
pub mod cores;
pub mod council;
pub mod easyread;
pub mod index;
mod lean;
pub mod links;
pub mod model;
mod order;
pub mod search;
pub mod text;
pub mod typo;
pub mod understand;
pub mod view;
mod walk;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod words;

pub use index::{Index, IndexError};
pub use search::{Answer, Filters, Hit, NeedFilter, Results, Searcher, Tier};
pub use understand::{understand, Understanding};

/// The wasm's allocator. Talc instead of Rust's default dlmalloc: 2.6 KB less of the gzipped
/// wasm every family downloads, and no slower for the widget's many small, short-lived
/// allocations (`benches/widget.mjs` times the keystrokes).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
