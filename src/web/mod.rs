//! The browser side (wasm32 only): what `local-offer-search.js` calls.
//!
//! The custom element itself is defined in JavaScript (a class must extend `HTMLElement`); it
//! fetches the index and hands the bytes and its shadow root here. Everything inside the shadow
//! root is built by [`widget`] with web-sys.
//!
//! Five builds of this crate reach the browser, set apart by cfgs (see `xtask/src/site.rs`):
//! the widget's (every page), the kiosk's (`los_kiosk`: the widget plus a QR encoder), the
//! JavaScript API's (`los_api`: [`api`]'s engine and no widget), which only a page calling
//! `LocalOfferSearch.open()` downloads, because its serde-wasm-bindgen answers would add about a
//! quarter to the wasm every family downloads, and the widget's and the kiosk's over a chunked
//! index (`los_chunked`: `Chunked` and the chunk calls on `Widget`, with a glue of their own
//! that `src/web/chunks.js` brings), which only a page whose index is a `manifest.lom`
//! downloads. The benchmarks time the bare search through the
//! API build's engine too (`bareEngine` in `api.js`), so the family's wasm carries no engine
//! class of its own.

#[cfg(los_api)]
mod api;
#[cfg(not(los_api))]
mod dom;
#[cfg(not(los_api))]
mod icons;
#[cfg(not(los_api))]
mod kiosk;
#[cfg(not(los_api))]
mod render;
#[cfg(not(los_api))]
mod understood;
#[cfg(not(los_api))]
mod widget;

#[cfg(los_api)]
pub use api::Engine;

#[cfg(not(los_api))]
pub use widget_exports::*;

/// What the element calls to mount the widget (not in the API's build).
#[cfg(not(los_api))]
mod widget_exports {
    use super::widget;
    use crate::Index;
    use wasm_bindgen::prelude::*;
    use web_sys::{HtmlElement, ShadowRoot};

    #[wasm_bindgen]
    extern "C" {
        /// The element's function for the page's events (`tell` in `element.js`, which builds
        /// the `CustomEvent`s): the widget hands it plain strings, so the wasm carries no
        /// serialiser for them, and calls it without catching (it only dispatches events, whose
        /// listeners' exceptions never reach the caller), so no error-handling shim either.
        pub type Tell;

        /// `tell(name, value, query)`: an event's name, a record id or the list's ids one a
        /// line, and for `select` what was typed.
        #[wasm_bindgen(method, js_name = call)]
        pub fn tell(this: &Tell, this_arg: &JsValue, name: &str, value: &str, query: &str);
    }

    /// A mounted widget. Kept by the element so its state lives as long as the page.
    #[wasm_bindgen]
    pub struct Widget {
        state: widget::Shared,
    }

    #[wasm_bindgen]
    impl Widget {
        /// Gives the widget the easy-read file (fetched after the first search). A file from
        /// another build is refused: the family is told easy read is not available, and the
        /// reason returned.
        #[wasm_bindgen(js_name = attachEasyRead)]
        pub fn attach_easy_read(&self, bytes: Vec<u8>) -> Result<(), JsValue> {
            widget::attach_easy_read(&self.state, bytes)
        }

        /// Builds one more result card in the page's idle time (element.js calls it once the
        /// easy-read file has settled, whose details the cards show), so the first keystroke
        /// that shows a record does not pay for building its card. Returns whether any are
        /// left to build.
        #[wasm_bindgen(js_name = warmCard)]
        pub fn warm_card(&self) -> bool {
            widget::warm_card(&self.state)
        }

        /// Tells the widget the easy-read file could not be fetched.
        #[wasm_bindgen(js_name = easyReadFailed)]
        pub fn easy_read_failed(&self) -> Result<(), JsValue> {
            widget::easy_read_failed(&self.state)
        }
    }

    /// Opens the index and builds the widget in `root`. On a bad index, shows a readable
    /// message in `root` and returns the reason as an error.
    ///
    /// `tell` is the element's own function for the page's events ([`Tell`]).
    #[wasm_bindgen]
    pub fn mount(
        root: ShadowRoot,
        host: HtmlElement,
        index: Vec<u8>,
        tell: Tell,
    ) -> Result<Widget, JsValue> {
        match Index::from_vec(index) {
            Ok(index) => Ok(Widget {
                state: widget::mount(&root, &host, index, tell)?,
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

    /// What the chunk loader (`chunks.js`) calls on a widget over a chunked index.
    #[cfg(los_chunked)]
    #[wasm_bindgen]
    impl Widget {
        /// A chunk the widget asked for (`tell("need", paths)`) has arrived: checked, kept,
        /// and the search runs again. A refused chunk is named in the console.
        #[wasm_bindgen(js_name = chunkArrived)]
        pub fn chunk_arrived(&self, path: &str, bytes: Vec<u8>) -> Result<(), JsValue> {
            widget::receive(&self.state, path, Ok(bytes))
        }

        /// A chunk the widget asked for could not be fetched, and why.
        #[wasm_bindgen(js_name = chunkFailed)]
        pub fn chunk_failed(&self, path: &str, reason: &str) -> Result<(), JsValue> {
            widget::receive(&self.state, path, Err(reason.to_string()))
        }

        /// Every chunk of the index, one path a line (relative to the manifest): what a kiosk
        /// saves for searching offline.
        #[wasm_bindgen(js_name = allChunks)]
        pub fn all_chunks(&self) -> String {
            widget::all_paths(&self.state)
        }
    }

    /// A chunked index before its widget is built: its manifest read, its base (the doc
    /// fragments every search reads) on the way. The chunk loader fetches [`Chunked::base`],
    /// hands each back, then mounts the widget.
    #[cfg(los_chunked)]
    #[wasm_bindgen]
    pub struct Chunked {
        chunks: widget::Chunks,
    }

    #[cfg(los_chunked)]
    #[wasm_bindgen]
    impl Chunked {
        /// Reads the manifest. A bad one shows its plain message in `root` and returns the
        /// reason as an error.
        pub fn open(root: ShadowRoot, manifest: Vec<u8>) -> Result<Chunked, JsValue> {
            match widget::Chunks::open(&manifest) {
                Ok(chunks) => Ok(Chunked { chunks }),
                Err(e) => {
                    widget::show_error(&root, e.for_family())?;
                    Err(JsValue::from_str(&e.to_string()))
                }
            }
        }

        /// The base's chunks, one path a line.
        pub fn base(&mut self) -> String {
            self.chunks.ask_base()
        }

        /// A base chunk has arrived.
        pub fn arrived(&mut self, path: &str, bytes: Vec<u8>) {
            self.chunks.receive(path, Ok(bytes));
        }

        /// A base chunk could not be fetched, and why.
        pub fn failed(&mut self, path: &str, reason: &str) {
            self.chunks.receive(path, Err(reason.to_string()));
        }

        /// Builds the widget once the base has arrived; if a base chunk failed, shows its
        /// plain message in `root` and returns the reason as an error.
        pub fn mount(
            self,
            root: ShadowRoot,
            host: HtmlElement,
            tell: Tell,
        ) -> Result<Widget, JsValue> {
            Ok(Widget {
                state: widget::mount_chunked(&root, &host, self.chunks, tell)?,
            })
        }
    }
}
