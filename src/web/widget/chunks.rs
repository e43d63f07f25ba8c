//! The widget over a chunked index (`--cfg los_chunked` only, so the family's wasm carries
//! none of it): a region's or a nation's directory, of which a search fetches only what it
//! reads (see [`crate::index::chunk`] and `docs/ARCHITECTURE.md`, "In the browser").
//!
//! The wasm does no fetching. After each search it works out what the search still needs
//! ([`ChunkStore::plan`] for the words typed, then [`ChunkStore::needs`]: the postings and
//! records the search and the cards reached for and did not have) and tells the element's
//! chunk loader (`tell("need", paths one a line)`, `src/web/chunks.js`), which fetches them in
//! parallel and hands each back ([`Chunks::receive`]). A chunk that arrives is checked and
//! kept, the index is put together again from what has arrived, and the search runs again: the
//! results fill in as their chunks come. A chunk that cannot be had or is refused (missing,
//! cut short, of another build) is named in the console, the family is told in plain words
//! that some results may be missing, and the search goes on without it; a later keystroke asks
//! for it once more, never again after that, so nothing waits for ever.
//!
//! Easy read comes from the easy-read fragments of the records on screen, asked for once a
//! search has all it needs, so they are never in the first results' way.

use super::events::handler;
use super::*;
use crate::index::chunk::{ChunkId, ChunkKind, ChunkStore, Outcome};
use std::collections::{BTreeMap, BTreeSet};

/// Said while the first results are still on their way.
const SEARCHING: &str = "Searching…";
/// Said after results while more of the search is still on its way.
const LOADING_MORE: &str = "More results may appear as the search finishes loading.";

/// The chunked index as far as it has arrived, and what the widget has asked for.
pub struct Chunks {
    pub(super) store: ChunkStore,
    /// Chunks asked of the element, by path, until they arrive or fail.
    asked: BTreeMap<String, ChunkId>,
    /// Chunks that failed, and those of them asked for once more.
    failed: BTreeSet<ChunkId>,
    retried: BTreeSet<ChunkId>,
    /// A chunk arrived since the widget's index was put together.
    changed: bool,
    /// An easy-read fragment arrived since the cards were built.
    easy_arrived: bool,
    /// The last search is still waiting for chunks.
    waiting: bool,
    /// What the family is told when the last search lacks a chunk that failed.
    failure: Option<&'static str>,
    /// The search runs again because chunks arrived (not a keystroke: no retry).
    refreshing: bool,
    /// The handler that searches again once chunks have arrived, and whether it is due.
    refresh_cb: Option<js_sys::Function>,
    refresh_due: bool,
}

impl Chunks {
    /// Opens a chunked index from its manifest.
    pub fn open(manifest: &[u8]) -> Result<Chunks, crate::index::chunk::ChunkError> {
        Ok(Chunks {
            store: ChunkStore::open(manifest)?,
            asked: BTreeMap::new(),
            failed: BTreeSet::new(),
            retried: BTreeSet::new(),
            changed: true,
            easy_arrived: false,
            waiting: false,
            failure: None,
            refreshing: false,
            refresh_cb: None,
            refresh_due: false,
        })
    }

    /// Notes `ids` as asked for and returns the paths of those neither here nor asked already,
    /// one a line: what the element fetches.
    pub fn ask(&mut self, ids: impl IntoIterator<Item = ChunkId>) -> String {
        let mut paths = String::new();
        for id in ids {
            if self.store.has(id) {
                continue;
            }
            let name = self.store.manifest().name(id);
            if self.store.manifest().info(id).is_none() || self.asked.contains_key(&name.path) {
                continue;
            }
            if !paths.is_empty() {
                paths.push('\n');
            }
            paths.push_str(&name.path);
            self.asked.insert(name.path, id);
        }
        paths
    }

    /// The base: the doc fragments every search reads (the glossary's), asked before the
    /// widget is built, since the index cannot be put together without them.
    pub fn ask_base(&mut self) -> String {
        let base = self.store.manifest().base();
        self.ask(base)
    }

    /// Every chunk of the index, one path a line: what a kiosk (or a page that asks) saves
    /// for searching offline.
    pub fn all_paths(&self) -> String {
        let m = self.store.manifest();
        let paths: Vec<String> = m.all().into_iter().map(|id| m.name(id).path).collect();
        paths.join("\n")
    }

    /// A chunk the element was asked for has arrived (`Ok`, its bytes) or could not be had
    /// (`Err`, why). Its bytes are checked against the manifest; a refused chunk is named in
    /// the console and the search goes on without it. Returns whether the path was asked.
    pub fn receive(&mut self, path: &str, got: Result<Vec<u8>, String>) -> bool {
        let Some(id) = self.asked.remove(path) else {
            return false;
        };
        let checked = match got {
            Ok(bytes) => self.store.add(id, &bytes),
            Err(reason) => Err(crate::index::chunk::ChunkError::Unavailable {
                chunk: self.store.manifest().name(id),
                reason,
            }),
        };
        match checked {
            Ok(()) => {
                self.changed = true;
                self.easy_arrived |= id.kind == ChunkKind::Easy;
            }
            Err(e) => {
                web_sys::console::warn_1(&JsValue::from_str(&e.to_string()));
                self.failed.insert(id);
                self.store.fail(id, e);
            }
        }
        true
    }

    /// A keystroke: chunks that failed are asked for once more (at most once each).
    fn retry_failed(&mut self) {
        let again: Vec<ChunkId> = self.failed.difference(&self.retried).copied().collect();
        for id in again {
            self.retried.insert(id);
            self.failed.remove(&id);
            self.store.retry(id);
        }
    }

    /// What the search over `index` still needs after `planned`: asked of the element, and
    /// noted for the status. Returns the paths to fetch.
    fn needs(&mut self, planned: Vec<ChunkId>, index: &Index) -> (String, Outcome) {
        let mut out = Outcome::default();
        self.store.needs(planned, index, &mut out);
        let paths = self.ask(out.missing.iter().copied());
        (paths, out)
    }
}

impl State {
    /// True when the widget searches a chunked index.
    pub(super) fn chunked(&self) -> bool {
        self.chunks.is_some()
    }

    /// Whether the filter columns a search of `q` under `filters` reads have arrived
    /// ([`ChunkStore::columns_ready`]).
    pub(super) fn columns_ready(&self, q: &str, filters: &Filters) -> bool {
        self.chunks
            .as_ref()
            .is_none_or(|c| c.store.columns_ready(q, filters))
    }

    /// Whether the last search is still waiting for chunks (the status says so rather than
    /// "not found").
    pub(super) fn waiting(&self) -> bool {
        self.chunks.as_ref().is_some_and(|c| c.waiting)
    }

    /// What the family is told of a chunk the last search lacked, if one failed.
    pub(super) fn chunk_failure(&self) -> Option<&'static str> {
        self.chunks.as_ref().and_then(|c| c.failure)
    }

    /// Before a search: on a keystroke, chunks that failed are tried once more; if chunks
    /// arrived, the index is put together again from what is here.
    pub(super) fn chunks_before(&mut self) {
        let Some(c) = self.chunks.as_deref_mut() else {
            return;
        };
        if !c.refreshing {
            c.retry_failed();
        }
        if c.changed {
            c.changed = false;
            match c.store.take_index() {
                Ok(index) => self.index = index,
                Err(e) => {
                    web_sys::console::warn_1(&JsValue::from_str(&e.to_string()));
                    c.failure = Some(e.for_family());
                }
            }
        }
    }

    /// After a search of `q` (`planned`: the filters, when this is the search's own call,
    /// which plans its words and the filter columns it reads; `None` for the second, after the
    /// cards, which only collects what they reached for): asks the element for what it still needs, and notes whether it waits and what
    /// failed. Once the results need nothing more, the easy-read fragments of the records on
    /// screen are asked for, and the filter columns not yet here.
    pub(super) fn chunks_after(&mut self, q: &str, planned: Option<&Filters>) {
        let Some(c) = self.chunks.as_deref_mut() else {
            return;
        };
        let plan = match planned {
            Some(filters) => c.store.plan_filtered(q, filters),
            None => Vec::new(),
        };
        let planned = planned.is_some();
        let (mut paths, out) = c.needs(plan, &self.index);
        if planned {
            c.waiting = !out.missing.is_empty();
            c.failure = out.failed.first().map(|e| e.for_family());
        } else {
            c.waiting |= !out.missing.is_empty();
            c.failure = c.failure.or(out.failed.first().map(|e| e.for_family()));
        }
        if !planned && !c.waiting {
            let m = c.store.manifest();
            // The easy-read fragments of the cards on screen; then, once a first search has
            // all it needs, the filter columns, so that choosing a filter fetches nothing.
            let easy: Vec<ChunkId> = self
                .last
                .hits
                .iter()
                .map(|h| ChunkId {
                    kind: ChunkKind::Easy,
                    number: m.doc_fragment(h.doc).number,
                })
                .chain(m.filter_columns())
                .filter(|id| !c.failed.contains(id))
                .collect();
            let more = c.ask(easy);
            if !more.is_empty() {
                if !paths.is_empty() {
                    paths.push('\n');
                }
                paths.push_str(&more);
            }
        }
        if !paths.is_empty() {
            self.tell.tell(&JsValue::NULL, "need", &paths, "");
        }
    }

    /// The status's words about chunks: what is still on its way, what failed.
    pub(super) fn chunks_status(&self, m: &mut String) {
        let Some(c) = self.chunks.as_deref() else {
            return;
        };
        if c.waiting && self.last.total == 0 {
            m.clear();
            m.push_str(SEARCHING);
        } else if c.waiting {
            push(m, &[" ", LOADING_MORE]);
        }
        if let Some(f) = c.failure {
            push(m, &[" ", f]);
        }
        if m.starts_with(' ') {
            m.remove(0);
        }
    }

    /// Chunks have arrived or failed: the search runs again over what is here, and the cards
    /// are built again if easy-read fragments came (their details and easy read are in them).
    fn refresh(&mut self) -> Result<(), JsValue> {
        let Some(c) = self.chunks.as_deref_mut() else {
            return Ok(());
        };
        c.refresh_due = false;
        c.refreshing = true;
        let easy = std::mem::take(&mut c.easy_arrived);
        // The suggestions stay as the family left them: open or closed, and the one chosen
        // with the arrow keys still chosen if it is still offered.
        let open = self.list_open();
        let chosen = self.active.and_then(|a| self.options.get(a).copied());
        let done = self.update(open);
        if let Some(c) = self.chunks.as_deref_mut() {
            c.refreshing = false;
        }
        done?;
        if let Some(i) = chosen.and_then(|d| self.options.iter().position(|&o| o == d)) {
            self.set_active(Some(i))?;
        }
        if easy {
            self.refresh_cards()?;
        }
        Ok(())
    }
}

/// Builds the widget over a chunked index whose base has arrived: the index put together from
/// it, the widget mounted as for one file, and the chunks kept for the searches to come. A
/// base chunk that failed shows its plain message in `root` and returns the reason.
pub fn mount_chunked(
    root: &ShadowRoot,
    host: &HtmlElement,
    mut chunks: Chunks,
    tell: super::super::Tell,
) -> Result<Shared, JsValue> {
    let fail = |message: &str, reason: String| {
        show_error(root, message)?;
        Err(JsValue::from_str(&reason))
    };
    match chunks.store.base_ready() {
        Ok(true) => {}
        Ok(false) => {
            return fail(
                "The search could not load its information. Reloading the page may help.",
                "mounted before the index's base arrived".into(),
            )
        }
        Err(e) => return fail(e.for_family(), e.to_string()),
    }
    let index = match chunks.store.take_index() {
        Ok(index) => index,
        Err(e) => return fail(e.for_family(), e.to_string()),
    };
    chunks.changed = false;
    let state = mount(root, host, index, tell)?;
    let mut s = state.borrow_mut();
    // Reading the family's saved list back looks records up; what it reached for is not a
    // search's need.
    let _ = chunks.needs(Vec::new(), &s.index);
    chunks.refresh_cb = Some(handler(state, |s, _| s.refresh()));
    s.chunks = Some(Box::new(chunks));
    drop(s);
    Ok(state)
}

/// A chunk the widget asked for has arrived (`Ok`) or failed (`Err`): kept or refused, then
/// the search runs again once the page is free (chunks arriving together make one search).
pub fn receive(state: &Shared, path: &str, got: Result<Vec<u8>, String>) -> Result<(), JsValue> {
    let mut s = state
        .try_borrow_mut()
        .map_err(|_| JsValue::from_str("the widget is busy"))?;
    let win = s.n.win.clone();
    let Some(c) = s.chunks.as_deref_mut() else {
        return Ok(());
    };
    if !c.receive(path, got) || c.refresh_due {
        return Ok(());
    }
    if let Some(cb) = &c.refresh_cb {
        win.set_timeout_with_callback_and_timeout_and_arguments_0(cb, 0)?;
        c.refresh_due = true;
    }
    Ok(())
}

/// Every chunk's path, one a line (for saving the index for offline use).
pub fn all_paths(state: &Shared) -> String {
    state
        .try_borrow()
        .ok()
        .and_then(|s| s.chunks.as_ref().map(|c| c.all_paths()))
        .unwrap_or_default()
}
