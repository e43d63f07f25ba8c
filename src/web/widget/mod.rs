//! The widget: builds the search form, suggestions, filters and results inside the shadow root,
//! and reacts to typing, keys, filters and (in a kiosk) inactivity.
//!
//! The search box follows the ARIA 1.2 combobox pattern with a listbox popup: the list of
//! suggestions and the results below update on every keystroke, while the status message waits
//! until typing pauses and alternates between two live regions (as GOV.UK's
//! accessible-autocomplete does), so a screen-reader user hears one summary, not one per key.
//!
//! This module holds the widget's options, nodes and state, and mounts it; its parts are in
//! [`build`] (the DOM), [`results`] (rendering a search and the status), [`combobox`] (the
//! suggestions), [`easy`] (easy read), [`list`] (the family's list), [`events`] (keys and
//! clicks); the kiosk's idle reset is in [`super::kiosk`].

mod build;
#[cfg(los_chunked)]
mod chunks;
mod combobox;
mod easy;
mod events;
mod list;
mod results;

pub use build::show_error;
#[cfg(los_chunked)]
pub use chunks::{all_paths, mount_chunked, receive, Chunks};
use list::show_picked;

use super::dom::{self, attr, attrs, child, clear, el, text, text_child};
use super::kiosk;
use super::render::{self, CardNodes, LinkStyle};
use super::understood;
use crate::index::Index;
use crate::model::{Area, BroadArea, Kind, Need};
use crate::search::{Filters, Hit, NeedFilter, Results, Searcher};
use crate::understand::AgeRange;
use crate::view::{self, LinkKind};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent,
    ShadowRoot, Window,
};

/// Suggestions shown in the listbox.
const MAX_OPTIONS: usize = 6;
/// The oldest age in the age filter.
const MAX_AGE: u8 = 25;
/// Results shown at first, and added by "Show more".
const PAGE: usize = 20;
/// How long typing must pause before the status is announced (accessible-autocomplete's delay).
const STATUS_DELAY_MS: i32 = 1400;
/// Said while easy read waits for its sentences, and when they could not be had.
const EASY_LOADING: &str = "Loading easy read…";
const EASY_MISSING: &str = "Easy read could not be loaded. The search still works.";
const EASY_READY: &str = "Easy read is on.";

/// Where the easy-read choice is remembered.
const EASY_KEY: &str = "local-offer-search:easy-read";

/// Options read from the host element's attributes.
#[derive(Debug, Clone)]
pub struct Options {
    pub kiosk: bool,
    pub idle_timeout_ms: f64,
    pub idle_warning_ms: f64,
    pub easy_default: bool,
    pub heading_level: u8,
}

impl Options {
    /// A kiosk, in the kiosk's build (the script never mounts a kiosk with the other): a
    /// constant `false` in the family build, so the optimiser drops what only a kiosk does.
    fn kiosk(&self) -> bool {
        kiosk::BUILD && self.kiosk
    }

    /// The tag of a heading `below` levels under the widget's own heading.
    fn heading(&self, below: u8) -> &'static str {
        match self.heading_level + below {
            1 => "h1",
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        }
    }

    pub fn from_host(host: &HtmlElement) -> Options {
        let num = |name: &str, default: u32| {
            host.get_attribute(name)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .filter(|v| *v > 0)
                .unwrap_or(default)
        };
        Options {
            kiosk: host.get_attribute("mode").as_deref() == Some("kiosk"),
            idle_timeout_ms: f64::from(num("idle-timeout", 90).min(86_400)) * 1000.0,
            // WCAG 2.2.1: at least 20 seconds to respond.
            idle_warning_ms: f64::from(num("idle-warning", 30).clamp(20, 3600)) * 1000.0,
            easy_default: host.get_attribute("easy-read").is_some(),
            heading_level: num("heading-level", 2).clamp(1, 4) as u8,
        }
    }
}

/// Nodes the widget updates.
pub(super) struct Nodes {
    pub(super) doc: Document,
    pub(super) win: Window,
    pub(super) root: ShadowRoot,
    pub(super) container: Element,
    pub(super) input: HtmlInputElement,
    pub(super) listbox: Element,
    /// "Filters (N set)": on a narrow screen the filters fold behind it.
    pub(super) filters_toggle: Element,
    pub(super) kind: HtmlSelectElement,
    pub(super) district: HtmlSelectElement,
    pub(super) age: HtmlSelectElement,
    pub(super) need: HtmlSelectElement,
    pub(super) easy_toggle: Element,
    pub(super) status: [Element; 2],
    pub(super) count: Element,
    pub(super) results: Element,
    pub(super) more: Element,
    pub(super) empty: Element,
    /// Chips, the answer panel, the unknown-acronym notice and the folded other results.
    pub(super) u: understood::Nodes,
    /// The family's list: "My list (N)", its section, and what is in it.
    pub(super) list: ListNodes,
    /// Kiosk: the idle warning.
    pub(super) idle: Option<kiosk::Idle>,
}

/// The family's list's nodes ([`build::LIST`]).
pub(super) struct ListNodes {
    pub(super) toggle: Element,
    pub(super) section: Element,
    pub(super) empty: Element,
    pub(super) items: Element,
    pub(super) share: Element,
}

/// The widget's state, shared by its event handlers.
pub struct State {
    pub(super) n: Nodes,
    pub(super) index: Index,
    /// The search's scratch and recent words, kept between keystrokes.
    pub(super) searcher: Searcher,
    pub(super) opts: Options,
    /// Easy read is asked for (shown once its sentences are here, or known to be missing).
    pub(super) easy: bool,
    /// The easy-read file could not be had: easy read shows what the records' facts say.
    pub(super) easy_failed: bool,
    /// A family turned easy read on before its sentences arrived: tell them when it is on.
    pub(super) easy_awaited: bool,
    pub(super) last: Results,
    pub(super) limit: usize,
    pub(super) options: Vec<u32>,
    pub(super) active: Option<usize>,
    /// The first results' titles, for the suggestions list.
    pub(super) titles: Vec<(u32, Vec<view::Segment>)>,
    /// Built cards, by record: reused across keystrokes.
    pub(super) cards: Vec<Option<CardNodes>>,
    /// The next record whose card [`State::warm_card`] builds ahead of typing.
    pub(super) warm_next: usize,
    /// The handler that announces the status ([`State::announce`]), once mounted.
    pub(super) status_cb: Option<js_sys::Function>,
    /// Status timers still to fire: only the last one announces (typing has paused).
    pub(super) status_pending: u32,
    /// What the last of them announces.
    pub(super) status_next: String,
    /// The first live region holds the last announcement.
    pub(super) status_a_speaking: bool,
    /// The family's list, in the order added ([`list`]).
    pub(super) picked: Vec<u32>,
    /// "My list" was pressed: its section shows even when it is empty.
    pub(super) list_shown: bool,
    pub(super) last_activity: f64,
    pub(super) warning_since: Option<f64>,
    /// Kiosk: the idle check, which sets its own timer again each second.
    pub(super) tick_cb: Option<js_sys::Function>,
    /// The age and place the family took back (their chips): they stop ranking while the
    /// question still states them.
    pub(super) ignore_age: Option<AgeRange>,
    pub(super) ignore_place: Option<Area>,
    /// "Other results" is expanded.
    pub(super) fold_open: bool,
    /// The element's function for the page's events (see [`State::tell`]).
    pub(super) tell: super::Tell,
    /// The chips' buttons, in order.
    pub(super) chips: Vec<HtmlElement>,
    /// A chunked index, as far as it has arrived ([`chunks`]); the index above is put
    /// together from it.
    #[cfg(los_chunked)]
    pub(super) chunks: Option<Box<chunks::Chunks>>,
}

/// The widget's state, as its handlers and the element hold it. It lives as long as the page (its
/// handlers are never removed), so it is leaked once rather than counted: no reference counts,
/// and no code to drop a state that is never dropped.
pub type Shared = &'static RefCell<State>;

/// The page's localStorage, where the easy-read choice is remembered (absent when blocked).
fn storage(w: &Window) -> Option<web_sys::Storage> {
    w.local_storage().ok().flatten()
}

pub(super) fn now(w: &Window) -> f64 {
    w.performance().map_or(0.0, |p| p.now())
}

impl State {
    /// The filters chosen. Each select is read by the position of its chosen option (the
    /// first is "Any"), in the order [`build`] added them: no parsing of keys in the wasm.
    pub(super) fn filters(&self) -> Filters {
        let at = |s: &HtmlSelectElement| (s.selected_index() as usize).wrapping_sub(1);
        let need = at(&self.n.need);
        let areas = BroadArea::ALL.len();
        Filters {
            kind: Kind::ALL.get(at(&self.n.kind)).copied(),
            district: u8::try_from(at(&self.n.district))
                .ok()
                .filter(|a| usize::from(*a) < self.index.areas().len())
                .map(Area),
            age: u8::try_from(at(&self.n.age)).ok().filter(|a| *a <= MAX_AGE),
            need: match BroadArea::ALL.get(need) {
                Some(a) => Some(NeedFilter::Area(*a)),
                None => Need::ALL
                    .get(need.wrapping_sub(areas))
                    .map(|n| NeedFilter::Code(*n)),
            },
            ignore_age: self.ignore_age,
            ignore_place: self.ignore_place,
            ..Filters::default()
        }
    }

    /// Hands the element an event for the page (`element.js` builds the `CustomEvent`): its
    /// name, a record id or the list's ids one a line, and for `select` what was typed, which
    /// the element passes on only when the page asks (`share-query`). Plain values, so no
    /// serialiser in the wasm.
    pub(super) fn tell(&self, name: &str, value: &str, query: &str) {
        self.tell.tell(&JsValue::NULL, name, value, query);
    }

    /// Clears the query and filters (and, for a kiosk reset, everything a family chose).
    pub(super) fn reset(&mut self, everything: bool) -> Result<(), JsValue> {
        self.n.input.set_value("");
        for s in [&self.n.kind, &self.n.district, &self.n.age, &self.n.need] {
            // The same `value` setter as a select's: one web-sys import fewer.
            s.unchecked_ref::<HtmlInputElement>().set_value("");
        }
        self.limit = PAGE;
        (self.ignore_age, self.ignore_place, self.fold_open) = (None, None, false);
        // Only a kiosk's reset clears everything (the family's build has none).
        if everything && kiosk::BUILD {
            let had_list = !self.picked.is_empty();
            self.picked.clear();
            self.list_shown = false;
            self.save_list();
            self.render_printout()?;
            if had_list {
                self.list_changed();
            }
            let easy = self.opts.easy_default;
            self.set_easy(easy, false)?;
            // The next family must not inherit this one's choice after a reload either.
            if let Some(st) = storage(&self.n.win) {
                let _ = st.remove_item(EASY_KEY);
            }
            // Every trace of the last family's list: the buttons' words as well as their state.
            for nodes in self.cards.iter().flatten() {
                show_picked(&nodes.pick, false)?;
            }
            // The filters folded again on a narrow screen ("Filters", not open).
            attr(&self.n.filters_toggle, "aria-expanded", "false")?;
            self.n.container.remove_attribute("data-filters")?;
        }
        self.update(false)
    }
}

pub(super) fn toggle_hidden(e: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        attr(e, "hidden", "")
    } else {
        e.remove_attribute("hidden")
    }
}

/// Appends `parts` to `m` (fewer bytes of wasm than `format!`).
fn push(m: &mut String, parts: &[&str]) {
    for p in parts {
        m.push_str(p);
    }
}

/// Gives the widget its easy-read file. One that does not belong to this index is refused:
/// easy read then shows what the records' facts say, and the reason is returned.
pub fn attach_easy_read(state: &Shared, bytes: Vec<u8>) -> Result<(), JsValue> {
    let mut s = state
        .try_borrow_mut()
        .map_err(|_| JsValue::from_str("the widget is busy"))?;
    match s.index.attach_easy_read(bytes) {
        Ok(()) => {
            s.refresh_cards()?;
            let (on, awaited) = (s.easy, s.easy_awaited);
            s.set_easy(on, false)?;
            if awaited {
                s.schedule_status(EASY_READY.to_string());
            }
            Ok(())
        }
        Err(e) => {
            s.easy_missing()?;
            Err(JsValue::from_str(&e.to_string()))
        }
    }
}

/// Tells the widget its easy-read file could not be fetched.
pub fn easy_read_failed(state: &Shared) -> Result<(), JsValue> {
    let mut s = state
        .try_borrow_mut()
        .map_err(|_| JsValue::from_str("the widget is busy"))?;
    s.easy_missing()
}

/// Builds one more card ahead of typing ([`State::warm_card`]); whether any are left. A busy
/// widget says yes (try again later); an error stops the warming (the card is built, or its
/// error shown, when a search needs it).
pub fn warm_card(state: &Shared) -> bool {
    match state.try_borrow_mut() {
        Ok(mut s) => s.warm_card().unwrap_or(false),
        Err(_) => true,
    }
}

/// Mounts the widget; returns its shared state.
pub fn mount(
    root: &ShadowRoot,
    host: &HtmlElement,
    index: Index,
    tell: super::Tell,
) -> Result<Shared, JsValue> {
    let (doc, win) = dom::document(host)?;
    let opts = Options::from_host(host);
    let nodes = build::build(&doc, &win, root, &opts, &index)?;
    let remembered = storage(&win).and_then(|s| s.get_item(EASY_KEY).ok().flatten());
    let easy = match remembered.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => opts.easy_default,
    };
    let state: Shared = Box::leak(Box::new(RefCell::new(State {
        n: nodes,
        index,
        searcher: Searcher::new(),
        opts,
        easy: false,
        easy_failed: false,
        easy_awaited: false,
        last: Results::default(),
        limit: PAGE,
        options: Vec::new(),
        active: None,
        cards: Vec::new(),
        warm_next: 0,
        titles: Vec::new(),
        status_cb: None,
        status_pending: 0,
        status_next: String::new(),
        status_a_speaking: false,
        picked: Vec::new(),
        list_shown: false,
        last_activity: now(&win),
        warning_since: None,
        tick_cb: None,
        ignore_age: None,
        ignore_place: None,
        fold_open: false,
        chips: Vec::new(),
        tell,
        #[cfg(los_chunked)]
        chunks: None,
    })));
    state.borrow_mut().status_cb = Some(events::handler(state, |s, _| s.announce()));
    state.borrow_mut().set_easy(easy, false)?;
    state.borrow_mut().load_list()?;
    events::listen_all(state, &win)?;
    // Warm the search up once the page has painted, so the first keystrokes do not pay for it.
    // Not over a chunked index: its searches would note what they missed as needs.
    let warm = events::handler(state, |s, _| {
        #[cfg(los_chunked)]
        if s.chunked() {
            return Ok(());
        }
        s.searcher.warm_up(&s.index);
        Ok(())
    });
    win.set_timeout_with_callback_and_timeout_and_arguments_0(&warm, 0)?;
    Ok(state)
}
