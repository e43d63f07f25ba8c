//! The browser side (wasm32 only): what `local-offer-search.js` calls.
//!
//! The custom element itself is defined in JavaScript (a class must extend `HTMLElement`); it
//! fetches the index and hands the bytes and its shadow root here. Everything inside the shadow
//! root is built by [`widget`] with web-sys.

mod dom;
mod icons;
mod kiosk;
mod render;
mod understood;
mod widget;

use crate::{Filters, Index, Searcher};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

/// A mounted widget. Kept by the element so its state lives as long as the page.
#[wasm_bindgen]
pub struct Widget {
    state: widget::Shared,
}

#[wasm_bindgen]
impl Widget {
    /// Gives the widget the easy-read file (fetched after the first search). A file from another
    /// build is refused: the family is told easy read is not available, and the reason returned.
    #[wasm_bindgen(js_name = attachEasyRead)]
    pub fn attach_easy_read(&self, bytes: Vec<u8>) -> Result<(), JsValue> {
        widget::attach_easy_read(&self.state, bytes)
    }

    /// Tells the widget the easy-read file could not be fetched.
    #[wasm_bindgen(js_name = easyReadFailed)]
    pub fn easy_read_failed(&self) -> Result<(), JsValue> {
        widget::easy_read_failed(&self.state)
    }
}

/// Opens the index and builds the widget in `root`. On a bad index, shows a readable message in
/// `root` and returns the reason as an error.
#[wasm_bindgen]
pub fn mount(root: ShadowRoot, host: HtmlElement, index: Vec<u8>) -> Result<Widget, JsValue> {
    match Index::from_vec(index) {
        Ok(index) => Ok(Widget {
            state: widget::mount(&root, &host, index)?,
        }),
        Err(e) => {
            widget::show_error(&root, e.for_family())?;
            Err(JsValue::from_str(&e.to_string()))
        }
    }
}

/// Shows a readable message in `root` (for example when the index could not be fetched).
#[wasm_bindgen(js_name = showError)]
pub fn show_error(root: ShadowRoot, message: &str) -> Result<(), JsValue> {
    widget::show_error(&root, message)
}

/// The bare engine, for benchmarks and tests: search without the UI.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
    searcher: Searcher,
}

#[wasm_bindgen]
impl Engine {
    /// Opens an index; a bad file is an error with a readable message.
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
    /// string crosses the boundary faster than an array of them).
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
