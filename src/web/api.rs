//! The engine behind the JavaScript API (`LocalOfferSearch.open()`, `src/web/api.js`), and the
//! bare search the benchmarks time.
//!
//! Each answer is one of the core's own types (`crate::api`, `crate::view::Card`) handed to
//! JavaScript by serde-wasm-bindgen, so a partner's page gets exactly what the native tests
//! check; no JSON is written by hand. Errors become JavaScript `Error` objects whose message is
//! the error's `Display` text. The module is compiled only into the API's own build
//! (`--cfg los_api`). It also has the bare search the benchmarks time (ids only, no serde), so
//! they need no engine in the widget's builds.

use crate::api::{self, ApiError, SearchOptions};
use crate::{Filters, Index, Searcher};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An `Error` for JavaScript with `e`'s message.
fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A value for JavaScript.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    serde_wasm_bindgen::to_value(value).map_err(js_error)
}

/// One opened index and its searcher (scratch buffers and recent words, kept between
/// searches). A page may hold several (two indexes, two engines).
#[wasm_bindgen]
pub struct Engine {
    index: Index,
    searcher: Searcher,
}

#[wasm_bindgen]
impl Engine {
    /// Opens an index; a bad file is refused with a readable message (a string, not an
    /// `Error`: `JsError` would add its import to the widget's wasm; `api.js` makes the `Error`).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<Engine, JsValue> {
        Index::from_vec(bytes)
            .map(|index| Engine {
                index,
                searcher: Searcher::new(),
            })
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// What the widget does once it has painted, before anyone types: see [`Searcher::warm_up`].
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&mut self) {
        self.searcher.warm_up(&self.index);
    }

    /// The ids of the best `limit` records for `query`, best first, joined by newlines (one
    /// string crosses the boundary faster than an array of them). For the benchmarks.
    pub fn search(&mut self, query: &str, limit: usize) -> String {
        let results = self
            .searcher
            .search(&self.index, query, &Filters::default(), limit);
        let mut out = String::new();
        for h in results.hits {
            if let Ok(r) = self.index.headline(h.doc) {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(r.id);
            }
        }
        out
    }
}

#[wasm_bindgen]
impl Engine {
    /// Gives the engine the index's second file (the cards' details and easy-read sentences);
    /// one from another build is refused with the reason.
    #[wasm_bindgen(js_name = attachEasyRead)]
    pub fn attach_easy_read(&mut self, bytes: Vec<u8>) -> Result<(), JsError> {
        self.index.attach_easy_read(bytes).map_err(js_error)
    }

    /// `engine.search(query, options)`: hits as [`api::SearchHit`] objects, best first.
    pub fn query(&mut self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let options: SearchOptions = if options.is_undefined() || options.is_null() {
            SearchOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| {
                // The reason without the "Error: " that the JS error's own text begins with.
                let reason = JsValue::from(e)
                    .dyn_into::<js_sys::Error>()
                    .map_or_else(|_| "not an object of options".into(), |e| e.message());
                js_error(ApiError::BadOptions(reason.into()))
            })?
        };
        to_js(&api::search(&mut self.searcher, &self.index, query, &options).map_err(js_error)?)
    }

    /// `engine.record(id)`: the record's card as the widget shows it.
    pub fn record(&self, id: &str) -> Result<JsValue, JsError> {
        to_js(&api::record(&self.index, id).map_err(js_error)?)
    }

    /// `engine.facets()`: every filter value with its count.
    pub fn facets(&self) -> Result<JsValue, JsError> {
        to_js(&api::facets(&self.index))
    }

    /// `engine.define(term)`: the glossary's meanings of a term.
    pub fn define(&self, term: &str) -> Result<JsValue, JsError> {
        to_js(&api::define(&self.index, term).map_err(js_error)?)
    }
}
