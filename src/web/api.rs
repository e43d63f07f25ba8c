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
use crate::index::chunk::{ChunkError, ChunkId, ChunkKind, ChunkStore};
use crate::view;
use crate::{Filters, Index, Results, Searcher};
use std::collections::BTreeMap;
use std::fmt::Write as _;
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
        let options = search_options(options)?;
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

/// A chunk for JavaScript: `kind number path`, tab-separated (the kind as its code).
fn chunk_line(out: &mut String, store: &ChunkStore, id: ChunkId) {
    if !out.is_empty() {
        out.push('\n');
    }
    let _ = write!(
        out,
        "{}\t{}\t{}",
        id.kind as u32,
        id.number,
        store.manifest().name(id).path
    );
}

/// The chunk a line's kind code and number name, if the manifest has it.
fn chunk_id(store: &ChunkStore, kind: u32, number: u32) -> Option<ChunkId> {
    let kind = ChunkKind::ALL.into_iter().find(|k| *k as u32 == kind)?;
    let id = ChunkId { kind, number };
    store.manifest().info(id).map(|_| id)
}

/// A chunked index (`index-builder build --chunked`: `manifest.lom` and its `chunks/`) as far
/// as it has arrived, and its searcher: the engine of `open()` and `bareEngine()` for a
/// directory index. JavaScript drives it a round at a time, because only JavaScript can fetch:
/// [`ChunkedEngine::step`] searches what has arrived and names what else the search needs,
/// `api.js` fetches those chunks in parallel and hands each over ([`ChunkedEngine::give`], or
/// [`ChunkedEngine::fail`] with the reason), and steps again until nothing is missing; the
/// answer is then read from that last step ([`ChunkedEngine::ids`], [`ChunkedEngine::hits`])
/// with no await in between, so two searches in flight never read each other's results.
#[wasm_bindgen]
pub struct ChunkedEngine {
    store: ChunkStore,
    searcher: Searcher,
    /// The last step's results, and the chunks it needed that could not be had.
    last: Results,
    failed: Vec<ChunkError>,
    /// Why each chunk that could not be had or was refused failed (for `define`, `record`).
    refused: BTreeMap<ChunkId, String>,
    /// Record ids met in results → their doc number (a chunked index has no table of ids: they
    /// are in the doc fragments).
    ids: BTreeMap<String, u32>,
}

impl ChunkedEngine {
    /// The records of doc fragment `number`.
    fn fragment_docs(&self, number: u32) -> std::ops::Range<u32> {
        let m = self.store.manifest();
        let first = number.saturating_mul(m.fragment).min(m.meta.records);
        first..first.saturating_add(m.fragment).min(m.meta.records)
    }

    /// The doc and easy-read fragments of record `doc` that have not arrived, as lines.
    fn card_needs(&self, doc: u32, out: &mut String) {
        let docs = self.store.manifest().doc_fragment(doc);
        let easy = ChunkId {
            kind: ChunkKind::Easy,
            number: docs.number,
        };
        for id in [docs, easy] {
            if !self.store.has(id) && !self.refused.contains_key(&id) {
                chunk_line(out, &self.store, id);
            }
        }
    }

    /// An error naming why `id` is not here.
    fn not_here(&self, id: ChunkId, what: &str) -> JsError {
        match self.refused.get(&id) {
            Some(why) => JsError::new(&format!("{what} could not be read: {why}")),
            None => JsError::new(&format!(
                "{what} has not arrived yet ({})",
                self.store.manifest().name(id)
            )),
        }
    }

    /// The doc number of record `id`: met in results, or in a doc fragment that has arrived.
    fn doc_of(&mut self, id: &str) -> Option<u32> {
        if let Some(&doc) = self.ids.get(id) {
            return Some(doc);
        }
        let m = self.store.manifest();
        let fragments = m.meta.records.div_ceil(m.fragment.max(1));
        let arrived: Vec<u32> = (0..fragments)
            .filter(|&n| {
                self.store.has(ChunkId {
                    kind: ChunkKind::Docs,
                    number: n,
                })
            })
            .collect();
        let ranges: Vec<_> = arrived.iter().map(|&n| self.fragment_docs(n)).collect();
        let index = self.store.index().ok()?;
        let found = ranges
            .into_iter()
            .flatten()
            .find(|&d| index.headline(d).is_ok_and(|h| h.id == id));
        if let Some(doc) = found {
            self.ids.insert(id.to_string(), doc);
        }
        found
    }
}

#[wasm_bindgen]
impl ChunkedEngine {
    /// Opens a chunked index from its manifest; a bad one is refused with a readable message
    /// (a string, as [`Engine::new`]'s).
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &[u8]) -> Result<ChunkedEngine, JsValue> {
        ChunkStore::open(manifest)
            .map(|store| ChunkedEngine {
                store,
                searcher: Searcher::new(),
                last: Results::default(),
                failed: Vec::new(),
                refused: BTreeMap::new(),
                ids: BTreeMap::new(),
            })
            .map_err(|e| JsValue::from_str(&e.to_string()))
    }

    /// What the widget does once it has painted, on what has arrived.
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&mut self) {
        if let Ok(index) = self.store.index() {
            self.searcher.warm_up(index);
        }
    }

    /// One round of a search (`options` as `engine.search`'s, or undefined: no filters, 10
    /// hits): searches what has arrived, keeps the results, and returns the chunks it still
    /// needs, a line each (`kind\tnumber\tpath`, the path relative to the manifest), or an empty
    /// string when it has all it can have.
    pub fn step(&mut self, query: &str, options: JsValue) -> Result<String, JsError> {
        let options = search_options(options)?;
        let (filters, limit) = options
            .filters(self.store.manifest().council())
            .map_err(js_error)?;
        let limit = limit.min(self.store.manifest().meta.records as usize);
        self.step_with(query, &filters, limit)
    }

    /// [`ChunkedEngine::step`] with no filters: the bare search the benchmarks time.
    #[wasm_bindgen(js_name = stepBare)]
    pub fn step_bare(&mut self, query: &str, limit: usize) -> String {
        self.step_with(query, &Filters::default(), limit)
            .unwrap_or_default()
    }

    /// The ids of the last step's results, best first, one a line (as [`Engine::search`]).
    pub fn ids(&mut self) -> String {
        let mut out = String::new();
        if self.last.hits.is_empty() {
            return out;
        }
        let Ok(index) = self.store.index() else {
            return out;
        };
        for h in &self.last.hits {
            if let Ok(r) = index.headline(h.doc) {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(r.id);
            }
        }
        out
    }

    /// The last step's results as [`api::SearchHit`] objects, best first.
    pub fn hits(&mut self) -> Result<JsValue, JsError> {
        let hits = std::mem::take(&mut self.last.hits);
        if hits.is_empty() {
            // Nothing to read (and, when the glossary's fragments could not be had, no index
            // to read it from: `failed` says why).
            return to_js(&Vec::<api::SearchHit>::new());
        }
        let index = self.store.index().map_err(js_error)?;
        let mut out = Vec::with_capacity(hits.len());
        let mut seen = Vec::with_capacity(hits.len());
        for hit in &hits {
            // A record that could not be had is left out (the failure says so).
            let Ok(r) = index.record(hit.doc) else {
                continue;
            };
            seen.push((r.id.clone(), hit.doc));
            out.push(api::search_hit(index, hit.clone(), r));
        }
        self.last.hits = hits;
        self.ids.extend(seen);
        to_js(&out)
    }

    /// What the last step could not have, in plain words (each naming its chunk and why), one a
    /// line; empty when the results are complete.
    pub fn failed(&self) -> String {
        let lines: Vec<String> = self.failed.iter().map(|e| e.to_string()).collect();
        lines.join("\n")
    }

    /// Hands over a chunk that arrived; returns why it was refused (its name and the reason),
    /// or undefined. A chunk already here is ignored.
    pub fn give(&mut self, kind: u32, number: u32, bytes: &[u8]) -> Option<String> {
        let id = chunk_id(&self.store, kind, number)?;
        if self.store.has(id) {
            return None;
        }
        match self.store.add(id, bytes) {
            Ok(()) => {
                self.refused.remove(&id);
                None
            }
            Err(e) => {
                let why = e.to_string();
                self.refused.insert(id, why.clone());
                self.store.fail(id, e);
                Some(why)
            }
        }
    }

    /// Notes that a chunk could not be fetched (`reason`: "HTTP 404", the network's error):
    /// searches go on without it and say so.
    pub fn fail(&mut self, kind: u32, number: u32, reason: String) {
        let Some(id) = chunk_id(&self.store, kind, number) else {
            return;
        };
        if self.store.has(id) {
            return;
        }
        let e = ChunkError::Unavailable {
            chunk: self.store.manifest().name(id),
            reason,
        };
        self.refused.insert(id, e.to_string());
        self.store.fail(id, e);
    }

    /// The chunks `open()` fetches before it resolves, so that `define` and `facets` stay
    /// synchronous, as [`ChunkedEngine::step`] gives them: what `engine.define` reads (the
    /// glossary's doc fragments and their easy-read fragments, with its plain meanings) and
    /// what `engine.facets` counts (the filter columns that are chunks of their own, not in the
    /// manifest), where they have not arrived.
    #[wasm_bindgen(js_name = openNeeds)]
    pub fn open_needs(&self) -> String {
        let mut out = String::new();
        for docs in self.store.manifest().base() {
            let first = self.fragment_docs(docs.number).start;
            self.card_needs(first, &mut out);
        }
        for id in self.store.manifest().filter_columns() {
            if !self.store.has(id) && !self.refused.contains_key(&id) {
                chunk_line(&mut out, &self.store, id);
            }
        }
        out
    }

    /// The chunks `engine.record(id)` needs that have not arrived (the record's doc and
    /// easy-read fragments), as [`ChunkedEngine::step`] gives them. The record must have been
    /// met: in a search's results, or in a doc fragment that has arrived (a chunked index has no
    /// table of every id; its ids are in the doc fragments).
    #[wasm_bindgen(js_name = recordNeeds)]
    pub fn record_needs(&mut self, id: &str) -> Result<String, JsError> {
        let doc = self.doc_of(id).ok_or_else(|| {
            JsError::new(&format!(
                "no record with the id \"{id}\" has arrived: a chunked index finds a record's card only for a record a search has given"
            ))
        })?;
        let mut out = String::new();
        self.card_needs(doc, &mut out);
        Ok(out)
    }

    /// `engine.record(id)`: the card, once [`ChunkedEngine::record_needs`]'s chunks are here.
    pub fn record(&mut self, id: &str) -> Result<JsValue, JsError> {
        let doc = self
            .doc_of(id)
            .ok_or_else(|| js_error(ApiError::UnknownRecord(id.to_string())))?;
        let docs = self.store.manifest().doc_fragment(doc);
        let easy = ChunkId {
            kind: ChunkKind::Easy,
            number: docs.number,
        };
        for (chunk, what) in [(docs, "the record"), (easy, "the card's details")] {
            if !self.store.has(chunk) {
                return Err(self.not_here(chunk, what));
            }
        }
        let index = self.store.index().map_err(js_error)?;
        let hit = crate::search::Hit {
            doc,
            ..Default::default()
        };
        let card = view::card(index, &hit).ok_or_else(|| {
            js_error(ApiError::Index(format!(
                "the card of \"{id}\" does not decode"
            )))
        })?;
        to_js(&card)
    }

    /// `engine.facets()`: from the manifest's filter rows and the filter columns `open()`
    /// fetched ([`ChunkedEngine::open_needs`]).
    pub fn facets(&mut self) -> Result<JsValue, JsError> {
        to_js(&api::facets(self.store.index().map_err(js_error)?))
    }

    /// `engine.define(term)`, once [`ChunkedEngine::glossary_needs`]'s chunks are here: the
    /// same matching as [`api::define`] (which needs a single file's second file attached).
    pub fn define(&mut self, term: &str) -> Result<JsValue, JsError> {
        for docs in self.store.manifest().base() {
            let easy = ChunkId {
                kind: ChunkKind::Easy,
                number: docs.number,
            };
            for (chunk, what) in [(docs, "the glossary"), (easy, "the glossary's meanings")] {
                if !self.store.has(chunk) {
                    return Err(self.not_here(chunk, what));
                }
            }
        }
        let index = self.store.index().map_err(js_error)?;
        to_js(&api::meanings(index, term).map_err(js_error)?)
    }
}

impl ChunkedEngine {
    fn step_with(
        &mut self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<String, JsError> {
        let outcome = self.store.search(&mut self.searcher, query, filters, limit);
        let mut out = String::new();
        for &id in &outcome.missing {
            chunk_line(&mut out, &self.store, id);
        }
        self.last = outcome.results;
        self.failed = outcome.failed;
        Ok(out)
    }
}

/// Search options from JavaScript (undefined or null: none).
fn search_options(options: JsValue) -> Result<SearchOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(SearchOptions::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| {
        // The reason without the "Error: " that the JS error's own text begins with.
        let reason = JsValue::from(e)
            .dyn_into::<js_sys::Error>()
            .map_or_else(|_| "not an object of options".into(), |e| e.message());
        js_error(ApiError::BadOptions(reason.into()))
    })
}
