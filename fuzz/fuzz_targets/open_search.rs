//! Fuzzes `Index::open` and, when a file opens, search and record decoding.
//! The input's first byte splits it into a query and an index file.
//!
//! Run with: `cargo +nightly fuzz run open_search` (from the repository root).

#![no_main]

use libfuzzer_sys::fuzz_target;
use local_offer_search::{Filters, Index};

fuzz_target!(|data: &[u8]| {
    let split = usize::from(data.first().copied().unwrap_or(0)).min(data.len());
    let (query, file) = data.split_at(split);
    let query = String::from_utf8_lossy(query);
    if let Ok(index) = Index::open(file) {
        let results = index.search(&query, &Filters::default(), 20);
        for hit in results.hits {
            let _ = index.record(hit.doc);
        }
    }
});
