//! The widget: builds the search form, suggestions, filters and results inside the shadow root,
//! and reacts to typing, keys, filters and (in a kiosk) inactivity.
//!
//! The search box follows the ARIA 1.2 combobox pattern with a listbox popup: the list of
//! suggestions and the results below update on every keystroke, while the status message waits
//! until typing pauses and alternates between two live regions (as GOV.UK's
//! accessible-autocomplete does), so a screen-reader user hears one summary, not one per key.

use super::dom::{attr, attrs, child, clear, el, text, text_child};
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
struct Nodes {
    doc: Document,
    win: Window,
    root: ShadowRoot,
    container: Element,
    input: HtmlInputElement,
    listbox: Element,
    /// "Filters (N set)": on a narrow screen the filters fold behind it.
    filters_toggle: Element,
    kind: HtmlSelectElement,
    district: HtmlSelectElement,
    age: HtmlSelectElement,
    need: HtmlSelectElement,
    easy_toggle: Element,
    status: [Element; 2],
    count: Element,
    results: Element,
    more: Element,
    empty: Element,
    /// Chips, the answer panel, the unknown-acronym notice and the folded other results.
    u: understood::Nodes,
    printout: Option<(Element, Element)>,
    idle: Option<(Element, Element)>,
}

/// The widget's state, shared by its event handlers.
pub struct State {
    n: Nodes,
    index: Index,
    /// The search's scratch and recent words, kept between keystrokes.
    searcher: Searcher,
    opts: Options,
    /// Easy read is asked for (shown once its sentences are here, or known to be missing).
    easy: bool,
    /// The easy-read file could not be had: easy read shows what the records' facts say.
    easy_failed: bool,
    /// A family turned easy read on before its sentences arrived: tell them when it is on.
    easy_awaited: bool,
    last: Results,
    limit: usize,
    options: Vec<u32>,
    active: Option<usize>,
    /// The first results' titles, for the suggestions list.
    titles: Vec<(u32, Vec<view::Segment>)>,
    /// Built cards, by record: reused across keystrokes.
    cards: Vec<Option<CardNodes>>,
    /// The handler that announces the status ([`State::announce`]), once mounted.
    status_cb: Option<js_sys::Function>,
    /// Status timers still to fire: only the last one announces (typing has paused).
    status_pending: u32,
    /// What the last of them announces.
    status_next: String,
    /// The first live region holds the last announcement.
    status_a_speaking: bool,
    picked: Vec<u32>,
    last_activity: f64,
    warning_since: Option<f64>,
    /// Kiosk: the idle check, which sets its own timer again each second.
    tick_cb: Option<js_sys::Function>,
    /// The age and place the family took back (their chips): they stop ranking while the
    /// question still states them.
    ignore_age: Option<AgeRange>,
    ignore_place: Option<Area>,
    /// "Other results" is expanded.
    fold_open: bool,
    /// The element's function for the page's events (see [`State::tell`]).
    tell: super::Tell,
    /// The chips' buttons, in order.
    chips: Vec<HtmlElement>,
}

/// The widget's state, as its handlers and the element hold it. It lives as long as the page (its
/// handlers are never removed), so it is leaked once rather than counted: no reference counts,
/// and no code to drop a state that is never dropped.
pub type Shared = &'static RefCell<State>;

/// The page's localStorage, where the easy-read choice is remembered (absent when blocked).
fn storage(w: &Window) -> Option<web_sys::Storage> {
    w.local_storage().ok().flatten()
}

fn now(w: &Window) -> f64 {
    w.performance().map_or(0.0, |p| p.now())
}

/// The widget's static markup (see docs/WIDGET.md and [`super::dom::tree`]), above the parts
/// of [`understood::ABOVE`]. The options that come from the model are added by [`build`].
const MARKUP: &str = "
H|los-heading|Search the Local Offer|id=los-heading
form|los-form||role=search|aria-labelledby=los-heading|novalidate
 label|los-label|What help are you looking for?|for=los-q
 p|los-hint|For example: autism, short breaks, EHCP or speech therapy. Results appear as you type.|id=los-hint
 div|los-combo
  input*|los-input||id=los-q|type=text|role=combobox|aria-autocomplete=list|aria-expanded=false|aria-controls=los-listbox|aria-describedby=los-hint|autocomplete=off|autocapitalize=off|spellcheck=false|enterkeyhint=search
  ul*|los-listbox||id=los-listbox|role=listbox|aria-label=Suggestions|hidden
 button*|los-button los-filters-toggle|Filters|type=button|aria-expanded=false|aria-controls=los-filters
 fieldset|los-filters||id=los-filters
  legend|los-legend
   span|los-std|Narrow your results
   span|los-er|Choose what help to show
  div|los-field
   label|los-field-label||for=los-kind
    span|los-std|Type of help
    span|los-er|What kind of help
   select*|los-select||id=los-kind
    option||Any type|value=
  div|los-field
   label|los-field-label||for=los-district
    span|los-std|Area
    span|los-er|Where you live
   select*|los-select||id=los-district
    option||Anywhere|value=
  div|los-field
   label|los-field-label||for=los-age
    span|los-std|Age of your child or young person
    span|los-er|How old your child is
   select*|los-select||id=los-age
    option||Any age|value=
  div|los-field
   label|los-field-label||for=los-need
    span|los-std|Need
    span|los-er|What your child needs help with
   select*|los-select||id=los-need
    option||Any need|value=
    optgroup*|||label=Broad areas of need
    optgroup*|||label=Types of need
 div|los-actions
  button*|los-button los-easy-toggle|Easy read|type=button|aria-pressed=false
  button|los-button los-clear||type=button
   span|los-std|Clear search
   span|los-er|Start again
div*|los-status||role=status|aria-live=polite|aria-atomic=true
div*|los-status||role=status|aria-live=polite|aria-atomic=true
p*|los-count||aria-hidden=true
";

/// The results, between [`understood::ABOVE`] and [`understood::BELOW`].
const RESULTS: &str = "
div*|los-empty||hidden
ol*|los-results||aria-label=Results|tabindex=-1
";

fn option(doc: &Document, parent: &Element, value: &str, label: &str) -> Result<(), JsValue> {
    let o = text_child(doc, parent, "option", "", label)?;
    attr(&o, "value", value)
}

/// Adds the filters' options that come from the model, and the area filter's from the
/// council the index is for ([`Index::council`]: "Anywhere in …" and its areas), to the
/// selects among the elements [`build`] kept.
fn fill_options(doc: &Document, kept: &[Element], index: &Index) -> Result<(), JsValue> {
    let [_, _, _, kind, district, age, _, areas, types, ..] = kept else {
        return Err(JsValue::from_str("markup"));
    };
    for k in Kind::ALL {
        option(doc, kind, k.key(), k.label())?;
    }
    if let Some(any) = district.first_element_child() {
        any.set_text_content(Some(&index.council().anywhere()));
    }
    for a in index.areas() {
        option(doc, district, &a.key, &a.label)?;
    }
    for a in 0..=u32::from(MAX_AGE) {
        let value = a.to_string();
        let label = match a {
            0 => "Under 1".to_string(),
            1 => "1 year old".to_string(),
            _ => value.clone() + " years old",
        };
        option(doc, age, &value, &label)?;
    }
    for a in BroadArea::ALL {
        option(doc, areas, a.key(), a.label())?;
    }
    for n in Need::ALL {
        option(doc, types, n.key(), n.label())?;
    }
    Ok(())
}

/// Builds the widget's markup (see docs/WIDGET.md) inside `root`.
fn build(
    doc: &Document,
    win: &Window,
    root: &ShadowRoot,
    opts: &Options,
    index: &Index,
) -> Result<Nodes, JsValue> {
    let container = el(doc, "div", "los")?;
    attrs(
        &container,
        &[
            ("data-mode", if opts.kiosk() { "kiosk" } else { "standard" }),
            ("data-view", "standard"),
        ],
    )?;
    let (h, sub) = (opts.heading(0), opts.heading(1));
    let mut kept = Vec::new();
    for (spec, heading) in [
        (MARKUP, h),
        (understood::ABOVE, sub),
        (RESULTS, h),
        (understood::BELOW, h),
    ] {
        super::dom::tree(doc, &container, spec, heading, &mut kept)?;
    }
    let mut kiosk_kept = Vec::new();
    if opts.kiosk() {
        super::dom::tree(doc, &container, kiosk::MARKUP, h, &mut kiosk_kept)?;
    }
    fill_options(doc, &kept, index)?;
    let (printout, idle) = match <[Element; 5]>::try_from(kiosk_kept) {
        Ok([sec, list, dialog, text, stay]) => {
            let secs = (opts.idle_warning_ms / 1000.0) as u32;
            text.set_text_content(Some(&kiosk::idle_text(secs)));
            (Some((sec, list)), Some((dialog, stay)))
        }
        Err(_) => (None, None),
    };
    root.append_child(&container)?;
    // Nothing can fail from here on (an early return would drop every element one by one).
    let Ok(
        [input, listbox, filters_toggle, kind, district, age, need, _, _, easy_toggle, s0, s1, count, chips, chip_list, unknown, answer, answer_list, empty, results, toggle, toggle_count, region, other_list, more],
    ) = <[Element; 25]>::try_from(kept)
    else {
        return Err(JsValue::from_str("markup"));
    };
    Ok(Nodes {
        doc: doc.clone(),
        win: win.clone(),
        root: root.clone(),
        container,
        input: input.unchecked_into(),
        listbox,
        filters_toggle,
        kind: kind.unchecked_into(),
        district: district.unchecked_into(),
        age: age.unchecked_into(),
        need: need.unchecked_into(),
        easy_toggle,
        status: [s0, s1],
        count,
        results,
        more,
        empty,
        u: understood::Nodes {
            chips,
            chip_list,
            unknown,
            answer,
            answer_list,
            toggle,
            toggle_count,
            region,
            other_list,
        },
        printout,
        idle,
    })
}

impl State {
    /// The filters chosen. Each select is read by the position of its chosen option (the
    /// first is "Any"), in the order [`build`] added them: no parsing of keys in the wasm.
    fn filters(&self) -> Filters {
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

    /// Searches for what is in the box and the filters, and shows it.
    fn update(&mut self, open_list: bool) -> Result<(), JsValue> {
        let q = self.n.input.value();
        let filters = self.filters();
        let results = self.searcher.search(&self.index, &q, &filters, self.limit);
        // Something taken back stays taken back while the question still states it.
        let u = &results.understood;
        if u.age.is_some() || u.age_words.is_empty() {
            self.ignore_age = None;
        }
        if u.district.is_some() || u.place_words.is_empty() {
            self.ignore_place = None;
        }
        let unknown = understood::unknown_words(&self.index, &results);
        self.last = results;
        let doc = &self.n.doc;
        self.chips = understood::chips(doc, &self.n.u, &self.last.understood)?;
        understood::unknown(
            doc,
            &self.n.u,
            &unknown,
            self.link_style(),
            &self.index.council().email,
        )?;
        self.render_results()?;
        if open_list && !q.trim().is_empty() {
            self.render_options()?;
        } else {
            self.close_list()?;
        }
        self.show_filters_set(&filters);
        let mut message = self.status_message(&q, &filters, &unknown);
        self.n.count.set_text_content(Some(&message));
        // The list of suggestions is heard of only here: how many, and how to reach them.
        let offered = self.options.len();
        if open_list && offered > 0 {
            let n = offered.to_string();
            let what = if offered == 1 {
                " suggestion"
            } else {
                " suggestions"
            };
            let sep = if message.ends_with('.') { " " } else { ". " };
            push(
                &mut message,
                &[sep, &n, what, ": use the up and down arrow keys to choose."],
            );
        }
        self.schedule_status(message);
        Ok(())
    }

    /// The "Filters" button (shown on narrow screens, where the filters fold) says how many
    /// are set, so folded filters still show that they narrow the results.
    fn show_filters_set(&self, f: &Filters) {
        let set = [
            f.kind.is_some(),
            f.district.is_some(),
            f.age.is_some(),
            f.need.is_some(),
        ]
        .iter()
        .filter(|on| **on)
        .count();
        let text = match set {
            0 => "Filters".to_string(),
            _ => format!("Filters ({set} set)"),
        };
        self.n.filters_toggle.set_text_content(Some(&text));
    }

    /// Enter (a phone's Go key) with no suggestion chosen: the family wants the results, so
    /// focus goes to their list (a screen reader names it and its size), scrolled to the top
    /// of the screen, and a phone's keyboard closes.
    fn to_results(&self) -> Result<(), JsValue> {
        if self.counts().0 == 0 {
            return Ok(());
        }
        let list: &HtmlElement = self.n.results.unchecked_ref();
        list.focus()?;
        list.scroll_into_view_with_bool(true);
        Ok(())
    }

    /// How many results are shown as results (an answer's glossary entries are in its panel,
    /// not the list), and how many of those are best matches.
    fn counts(&self) -> (usize, usize) {
        let skipped = self.last.answer.as_ref().map_or(0, |a| {
            self.last
                .hits
                .iter()
                .filter(|h| a.docs.contains(&h.doc))
                .count()
        });
        (
            self.last.total.saturating_sub(skipped),
            self.last.best.saturating_sub(skipped),
        )
    }

    fn status_message(&self, q: &str, filters: &Filters, unknown: &understood::Unknown) -> String {
        let q = q.trim();
        let (total, best) = self.counts();
        if q.is_empty() && filters.is_empty() {
            return String::new();
        }
        let mut m = String::new();
        let n = total.to_string();
        if q.is_empty() {
            let plural = if total == 1 { " result" } else { " results" };
            push(&mut m, &[&n, plural, " match your choices"]);
            return m;
        }
        for (word, _) in unknown {
            push(&mut m, &["We don't know ", word, " yet. "]);
        }
        let meaning = self.last.answer.as_ref().and_then(|a| a.docs.first());
        if let Some(h) = meaning.and_then(|d| self.index.headline(*d).ok()) {
            push(&mut m, &[h.name, " means ", h.expansion, ". "]);
        }
        if self.last.total == 0 {
            push(&mut m, &["No results for “", q, "”. Try "]);
            match &self.last.suggestion {
                Some(s) => push(&mut m, &["“", s, "”."]),
                None => m.push_str("fewer or different words."),
            }
        } else if total > 0 {
            // Easy read: one short sentence; the folded list's button says the rest.
            m += &view::count_text(total, q, self.easy);
            if !self.easy {
                m += &understood::said(&self.last.understood);
                if best > 0 && best < total && self.last.hits.iter().any(|h| !h.main) {
                    let more = (total - best).to_string();
                    push(&mut m, &[". Best ", &best.to_string(), " first; ", &more]);
                    m.push_str(" more under “Other results”");
                }
            }
        }
        if m.ends_with(' ') {
            m.pop();
        }
        m
    }

    /// Announces `message` once typing pauses. Each announcement goes to the live region that is
    /// empty now and empties the other, so consecutive announcements alternate and a repeated
    /// message is read again (a region whose text does not change is not re-read).
    fn schedule_status(&mut self, message: String) {
        let Some(cb) = &self.status_cb else {
            return;
        };
        if self
            .n
            .win
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb, STATUS_DELAY_MS)
            .is_ok()
        {
            self.status_pending += 1;
        }
        self.status_next = message;
    }

    /// A status timer fired: the last one announces [`State::status_next`] (the earlier ones
    /// were overtaken by typing).
    fn announce(&mut self) -> Result<(), JsValue> {
        self.status_pending = self.status_pending.saturating_sub(1);
        if self.status_pending > 0 {
            return Ok(());
        }
        let [a, b] = &self.n.status;
        let (on, off) = if self.status_a_speaking {
            (b, a)
        } else {
            (a, b)
        };
        off.set_text_content(None);
        on.set_text_content(Some(&self.status_next));
        self.status_a_speaking = !self.status_a_speaking && !self.status_next.is_empty();
        Ok(())
    }

    fn card_nodes(&mut self, hit: &Hit) -> Result<Option<&CardNodes>, JsValue> {
        let d = hit.doc as usize;
        if self.cards.get(d).is_none_or(Option::is_none) {
            let Some(c) = view::card(&self.index, hit) else {
                return Ok(None);
            };
            let (title_tag, part_tag) = (self.opts.heading(1), self.opts.heading(2));
            let style = self.link_style();
            let nodes = render::card(&self.n.doc, &c, title_tag, part_tag, style)?;
            if let Some(b) = &nodes.pick {
                attr(b, "data-doc", &hit.doc.to_string())?;
            }
            if self.cards.len() <= d {
                self.cards.resize_with(d + 1, || None);
            }
            self.cards[d] = Some(nodes);
        }
        Ok(self.cards.get(d).and_then(Option::as_ref))
    }

    fn link_style(&self) -> LinkStyle {
        if self.opts.kiosk() {
            LinkStyle::Kiosk
        } else {
            LinkStyle::Links
        }
    }

    /// Shows the answer's glossary entries in its panel, then the best matches, then the other
    /// results under "Other results" (folded when there are best matches above them).
    fn render_results(&mut self) -> Result<(), JsValue> {
        let doc = self.n.doc.clone();
        let (main, other) = (self.n.results.clone(), self.n.u.other_list.clone());
        let answer = self
            .last
            .answer
            .as_ref()
            .map_or(Vec::new(), |a| a.docs.clone());
        let (total, best) = self.counts();
        let hits = std::mem::take(&mut self.last.hits);
        let fold = best > 0 && hits.iter().any(|h| !h.main);
        self.titles.clear();
        let answer_list = self.n.u.answer_list.clone();
        for list in [&answer_list, &main, &other] {
            clear(list);
        }
        // The answer's entries (without highlights), then the results, best first.
        // Whether an entry is in the answer's panel, or the first error.
        let mut shown = Ok(false);
        for &d in &answer {
            let blank = Hit {
                doc: d,
                ..Hit::default()
            };
            shown =
                shown.and_then(|any| Ok(self.show_card(&doc, &blank, &answer_list, false)? || any));
        }
        for h in hits.iter().filter(|h| !answer.contains(&h.doc)) {
            let to = if fold && !h.main { &other } else { &main };
            shown = shown.and_then(|any| self.show_card(&doc, h, to, true).map(|_| any));
        }
        self.last.hits = hits;
        let answered = shown?;
        toggle_hidden(&self.n.u.answer, !answered)?;
        understood::fold(&self.n.u, fold, self.fold_open, total - best)?;
        let more_hidden = self.last.total <= self.last.hits.len();
        toggle_hidden(&self.n.more, more_hidden)?;
        self.render_empty()
    }

    /// Fills the card of `hit` for this query and appends it to `to`; a result's title is
    /// offered as a suggestion (`offer`). Returns whether a card was appended.
    fn show_card(
        &mut self,
        doc: &Document,
        hit: &Hit,
        to: &web_sys::Node,
        offer: bool,
    ) -> Result<bool, JsValue> {
        let Some((title, summary)) = view::headline(&self.index, hit) else {
            return Ok(false);
        };
        let appended = match self.card_nodes(hit)? {
            Some(nodes) => {
                render::fill(doc, nodes, &title, &summary)?;
                to.append_child(&nodes.li)?;
                true
            }
            None => false,
        };
        if offer && self.titles.len() < MAX_OPTIONS {
            self.titles.push((hit.doc, title));
        }
        Ok(appended)
    }

    /// One message when nothing matches: what was not found, the closest real word, what to
    /// try (clearing the filters only when some are set) and whom to ask. An unknown acronym's
    /// notice already says all of that for its word, so then it is the only message.
    fn render_empty(&mut self) -> Result<(), JsValue> {
        let q = self.n.input.value();
        let e = &self.n.empty;
        clear(e);
        let notice = self.n.u.unknown.get_attribute("hidden").is_none();
        if self.last.total > 0 || q.trim().is_empty() || notice {
            return toggle_hidden(e, true);
        }
        let doc = &self.n.doc;
        text_child(
            doc,
            e,
            "p",
            "los-empty-text",
            &format!("We could not find anything for “{}”.", q.trim()),
        )?;
        if let Some(s) = self.last.suggestion.as_ref() {
            let b = text_child(
                doc,
                e,
                "button",
                "los-button los-suggestion",
                &format!("Search for “{s}” instead"),
            )?;
            attrs(&b, &[("type", "button"), ("data-suggestion", s)])?;
        }
        let tip = if self.filters().is_empty() {
            "Try fewer words, or check the spelling."
        } else {
            "Try fewer words, check the spelling, or clear the filters."
        };
        text_child(doc, e, "p", "los-empty-tip", tip)?;
        let ask = text_child(
            doc,
            e,
            "p",
            "los-empty-ask",
            "Or ask the Local Offer team, who can help you find it. ",
        )?;
        if let Some(l) = view::safe_link(LinkKind::Email, &self.index.council().email) {
            render::link(doc, &ask, &l, self.link_style())?;
        }
        toggle_hidden(e, false)
    }

    fn render_options(&mut self) -> Result<(), JsValue> {
        let doc = self.n.doc.clone();
        clear(&self.n.listbox);
        self.options.clear();
        self.active = None;
        self.n.input.remove_attribute("aria-activedescendant")?;
        for (i, (doc_id, title)) in self.titles.iter().enumerate() {
            let Some(kind) = self.index.filter(*doc_id).map(|f| f.kind) else {
                continue;
            };
            let li = child(&doc, &self.n.listbox, "li", "los-option")?;
            attrs(
                &li,
                &[
                    ("id", &format!("los-option-{i}")),
                    ("role", "option"),
                    ("aria-selected", "false"),
                    ("data-index", &i.to_string()),
                ],
            )?;
            let t = child(&doc, &li, "span", "los-option-title")?;
            render::segments(&doc, &t, title)?;
            text(&doc, &li, " ")?;
            text_child(&doc, &li, "span", "los-option-kind", kind.label())?;
            self.options.push(*doc_id);
        }
        let open = !self.options.is_empty();
        toggle_hidden(&self.n.listbox, !open)?;
        attr(
            &self.n.input,
            "aria-expanded",
            if open { "true" } else { "false" },
        )
    }

    fn close_list(&mut self) -> Result<(), JsValue> {
        self.active = None;
        self.n.input.remove_attribute("aria-activedescendant")?;
        attr(&self.n.input, "aria-expanded", "false")?;
        toggle_hidden(&self.n.listbox, true)
    }

    fn list_open(&self) -> bool {
        self.n.listbox.get_attribute("hidden").is_none()
    }

    fn set_active(&mut self, i: Option<usize>) -> Result<(), JsValue> {
        let opts = self.n.listbox.children();
        for k in 0..opts.length() {
            if let Some(o) = opts.item(k) {
                let on = Some(k as usize) == i;
                attr(&o, "aria-selected", if on { "true" } else { "false" })?;
                if on {
                    o.scroll_into_view_with_bool(false);
                }
            }
        }
        self.active = i;
        match i {
            Some(k) => attr(
                &self.n.input,
                "aria-activedescendant",
                &format!("los-option-{k}"),
            ),
            None => self.n.input.remove_attribute("aria-activedescendant"),
        }
    }

    /// Moves focus to the result shown at position `i` (if there is one).
    fn focus_result(&self, i: usize) -> Result<(), JsValue> {
        match self.last.hits.get(i) {
            Some(hit) => self.focus_card(hit.doc).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Moves focus to the card of record `doc`, if it has been rendered; returns it.
    fn focus_card(&self, doc: u32) -> Result<Option<HtmlElement>, JsValue> {
        let Some(nodes) = self.cards.get(doc as usize).and_then(Option::as_ref) else {
            return Ok(None);
        };
        // Cards are HTML `<li>`s, so the cast holds.
        let li: HtmlElement = nodes.li.clone().unchecked_into();
        li.focus()?;
        Ok(Some(li))
    }

    /// Takes the family to the chosen suggestion's result.
    fn choose(&mut self, i: usize) -> Result<(), JsValue> {
        let Some(&doc) = self.options.get(i) else {
            return Ok(());
        };
        self.close_list()?;
        // As the combobox pattern has it, the chosen title goes in the box, and the results
        // are that title's (the chosen record first).
        let typed = self.n.input.value();
        if let Ok(title) = self.index.headline(doc).map(|h| h.name.to_string()) {
            self.n.input.set_value(&title);
            self.update(false)?;
        }
        let folded = self
            .cards
            .get(doc as usize)
            .and_then(Option::as_ref)
            .is_some_and(|c| self.n.u.other_list.contains(Some(&c.li)));
        if folded && !self.fold_open {
            self.fold_open = true;
            understood::expand(&self.n.u, true)?;
        }
        if let Some(li) = self.focus_card(doc)? {
            li.scroll_into_view_with_bool(true);
        }
        if let Ok(h) = self.index.headline(doc) {
            self.tell("select", h.id, &typed);
        }
        Ok(())
    }

    /// Hands the element an event for the page (`element.js` builds the `CustomEvent`): its
    /// name, a record id or the list's ids one a line, and for `select` what was typed, which
    /// the element passes on only when the page asks (`share-query`). Plain values, so no
    /// serialiser in the wasm.
    fn tell(&self, name: &str, value: &str, query: &str) {
        self.tell.tell(&JsValue::NULL, name, value, query);
    }

    /// Tells the page the family's list (a kiosk's printout) changed.
    fn list_changed(&self) {
        let mut ids = String::new();
        for h in self
            .picked
            .iter()
            .filter_map(|&d| self.index.headline(d).ok())
        {
            if !ids.is_empty() {
                ids.push('\n');
            }
            ids.push_str(h.id);
        }
        self.tell("list-change", &ids, "");
    }

    /// Turns easy read on or off. Until the easy-read sentences arrive (the script fetches them
    /// after the first search), the button shows the choice and the standard view stays.
    fn set_easy(&mut self, on: bool, remember: bool) -> Result<(), JsValue> {
        self.easy = on;
        let ready = self.index.has_easy_read() || self.easy_failed;
        attr(
            &self.n.container,
            "data-view",
            if on && ready { "easy" } else { "standard" },
        )?;
        self.easy_awaited = on && !ready && (remember || self.easy_awaited);
        if on && remember {
            if !ready {
                self.schedule_status(EASY_LOADING.to_string());
            } else if self.easy_failed {
                self.schedule_status(EASY_MISSING.to_string());
            }
        }
        attr(
            &self.n.easy_toggle,
            "aria-pressed",
            if on { "true" } else { "false" },
        )?;
        // The visible count is worded for the view ("We found 37 things that can help.").
        let unknown = understood::unknown_words(&self.index, &self.last);
        let count = self.status_message(&self.n.input.value(), &self.filters(), &unknown);
        self.n.count.set_text_content(Some(&count));
        // Only a choice that differs from the page's default is remembered; going back to the
        // default forgets it (the call the kiosk's reset makes: the family build needs it too,
        // for both builds to share one JS glue).
        if let Some(s) = storage(&self.n.win).filter(|_| remember) {
            let _ = if on == self.opts.easy_default {
                s.remove_item(EASY_KEY)
            } else {
                s.set_item(EASY_KEY, if on { "1" } else { "0" })
            };
        }
        Ok(())
    }

    /// Rebuilds the cards on show (and the printout) once the second file has brought the
    /// cards' details: how to get the help, contacts and the rest of [`crate::index::codec::
    /// encode_details`]. A card that held the focus gets it back, and picks stay picked.
    fn refresh_cards(&mut self) -> Result<(), JsValue> {
        let active = self.n.root.active_element();
        let focused = active.as_ref().and_then(|a| {
            self.cards
                .iter()
                .position(|c| c.as_ref().is_some_and(|n| n.li.contains(Some(a))))
        });
        self.cards.clear();
        self.render_results()?;
        for &d in self.picked.iter().filter(|_| kiosk::BUILD) {
            if let Some(b) = self
                .cards
                .get(d as usize)
                .and_then(Option::as_ref)
                .and_then(|n| n.pick.as_ref())
            {
                show_picked(b, true)?;
            }
        }
        if let Some(Some(n)) = focused.and_then(|d| self.cards.get(d)) {
            n.li.unchecked_ref::<HtmlElement>().focus()?;
        }
        self.render_printout()
    }

    /// The easy-read file is missing or broken: easy read shows the facts-based parts only.
    fn easy_missing(&mut self) -> Result<(), JsValue> {
        self.easy_failed = true;
        self.easy_awaited = false;
        if self.easy {
            self.set_easy(true, false)?;
            self.schedule_status(EASY_MISSING.to_string());
        }
        Ok(())
    }

    /// Clears the query and filters (and, for a kiosk reset, everything a family chose).
    fn reset(&mut self, everything: bool) -> Result<(), JsValue> {
        self.n.input.set_value("");
        for s in [&self.n.kind, &self.n.district, &self.n.age, &self.n.need] {
            // The same `value` setter as a select's: one web-sys import fewer.
            s.unchecked_ref::<HtmlInputElement>().set_value("");
        }
        self.limit = PAGE;
        (self.ignore_age, self.ignore_place, self.fold_open) = (None, None, false);
        if everything {
            let had_list = !self.picked.is_empty();
            self.picked.clear();
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
                if let Some(b) = &nodes.pick {
                    show_picked(b, false)?;
                }
            }
        }
        self.update(false)
    }

    /// Takes back the understood age or place of `chip`: it stops ranking, the search runs
    /// again, and focus goes to the chip now in its place, else the search box.
    fn take_back(&mut self, chip: &Element) -> Result<(), JsValue> {
        let at = understood::chip_position(&self.chips, chip);
        if chip.get_attribute("data-chip").as_deref() == Some("place") {
            self.ignore_place = self.last.understood.district;
        } else {
            self.ignore_age = self.last.understood.age;
        }
        self.update(false)?;
        if !understood::focus_chip(&self.chips, at)? {
            self.n.input.focus()?;
        }
        Ok(())
    }

    fn toggle_pick(&mut self, doc: u32) -> Result<(), JsValue> {
        if !kiosk::BUILD {
            return Ok(());
        }
        let on = if let Some(i) = self.picked.iter().position(|d| *d == doc) {
            self.picked.remove(i);
            false
        } else {
            self.picked.push(doc);
            true
        };
        if let Some(b) = self
            .cards
            .get(doc as usize)
            .and_then(Option::as_ref)
            .and_then(|n| n.pick.clone())
        {
            show_picked(&b, on)?;
        }
        self.render_printout()?;
        self.list_changed();
        Ok(())
    }

    fn render_printout(&mut self) -> Result<(), JsValue> {
        let Some((sec, list)) = self.n.printout.as_ref().filter(|_| kiosk::BUILD) else {
            return Ok(());
        };
        let doc = &self.n.doc;
        clear(list);
        for &d in &self.picked {
            let Ok(r) = self.index.record(d) else {
                continue;
            };
            let li = child(doc, list, "li", "")?;
            text_child(doc, &li, "strong", "", &r.name)?;
            for line in kiosk::printout_lines(&r) {
                text_child(doc, &li, "span", "los-printout-line", &line)?;
            }
        }
        toggle_hidden(sec, self.picked.is_empty())
    }

    /// Kiosk: called every second (it sets the timer for the next second first).
    fn tick(&mut self) -> Result<(), JsValue> {
        if let Some(cb) = self.tick_cb.as_ref().filter(|_| kiosk::BUILD) {
            self.n
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(cb, 1000)?;
        }
        let Some((dialog, stay)) = self.n.idle.clone().filter(|_| kiosk::BUILD) else {
            return Ok(());
        };
        let t = now(&self.n.win);
        let busy = !self.n.input.value().is_empty()
            || !self.filters().is_empty()
            || !self.picked.is_empty()
            || self.easy != self.opts.easy_default;
        match self.warning_since {
            None if busy && t - self.last_activity >= self.opts.idle_timeout_ms => {
                self.warning_since = Some(t);
                toggle_hidden(&dialog, false)?;
                self.set_inert(true)?;
                stay.unchecked_into::<HtmlElement>().focus()?;
            }
            Some(since) if t - since >= self.opts.idle_warning_ms => {
                self.dismiss_warning()?;
                self.reset(true)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn set_inert(&self, on: bool) -> Result<(), JsValue> {
        let kids = self.n.container.children();
        for k in 0..kids.length() {
            if let Some(c) = kids.item(k) {
                if c.get_attribute("class").as_deref() == Some("los-idle") {
                    continue;
                }
                if on {
                    attr(&c, "inert", "")?;
                } else {
                    c.remove_attribute("inert")?;
                }
            }
        }
        Ok(())
    }

    fn dismiss_warning(&mut self) -> Result<(), JsValue> {
        if !kiosk::BUILD {
            return Ok(());
        }
        self.warning_since = None;
        self.last_activity = now(&self.n.win);
        if let Some((dialog, _)) = &self.n.idle {
            toggle_hidden(dialog, true)?;
        }
        self.set_inert(false)?;
        self.n.input.focus()
    }
}

fn toggle_hidden(e: &Element, hidden: bool) -> Result<(), JsValue> {
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

/// Runs `f` on the state unless a handler further up the stack holds it (focus and scroll can
/// fire events synchronously; skipping is right then, and never panics).
fn with(state: Shared, f: impl FnOnce(&mut State) -> Result<(), JsValue>) {
    if let Ok(mut s) = state.try_borrow_mut() {
        if let Err(e) = f(&mut s) {
            web_sys::console::warn_1(&e);
        }
    }
}

/// Wraps `f` in the one closure type the widget hands to the browser, for event listeners and
/// timers alike (a timer's call has no event; its handler ignores it): every handler shares one
/// set of wasm-bindgen's closure shims. The widget lives as long as the page, so its handlers do
/// too.
fn handler(state: Shared, f: fn(&mut State, &Event) -> Result<(), JsValue>) -> js_sys::Function {
    Closure::<dyn FnMut(Event)>::new(move |e: Event| with(state, |s| f(s, &e)))
        .into_js_value()
        .unchecked_into()
}

fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    state: Shared,
    f: fn(&mut State, &Event) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    target.add_event_listener_with_callback(kind, &handler(state, f))
}

fn on_keydown(s: &mut State, e: &Event) -> Result<(), JsValue> {
    // Only ever a keydown listener.
    let k: &KeyboardEvent = e.unchecked_ref();
    let n = s.options.len();
    let open = s.list_open();
    match k.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            if !open {
                s.render_options()?;
                if !s.options.is_empty() {
                    s.set_active(Some(0))?;
                }
            } else if n > 0 {
                s.set_active(Some(s.active.map_or(0, |a| (a + 1) % n)))?;
            }
        }
        "ArrowUp" if open && n > 0 => {
            e.prevent_default();
            s.set_active(Some(s.active.map_or(n - 1, |a| (a + n - 1) % n)))?;
        }
        "Home" if open && s.active.is_some() && n > 0 => {
            e.prevent_default();
            s.set_active(Some(0))?;
        }
        "End" if open && s.active.is_some() && n > 0 => {
            e.prevent_default();
            s.set_active(Some(n - 1))?;
        }
        "Enter" => {
            e.prevent_default();
            match s.active {
                Some(i) if open => s.choose(i)?,
                _ => {
                    s.close_list()?;
                    s.to_results()?;
                }
            }
        }
        "Escape" => {
            if open {
                e.prevent_default();
                s.close_list()?;
            } else if !s.n.input.value().is_empty() {
                e.prevent_default();
                s.n.input.set_value("");
                s.update(false)?;
            }
        }
        "Tab" => s.close_list()?,
        _ => {}
    }
    Ok(())
}

/// What the status says when the Clear button has emptied the search.
const CLEARED: &str = "Search cleared. Type to search again.";

/// A card's printout button says, in its words and its state, whether the card is on the list.
fn show_picked(b: &Element, on: bool) -> Result<(), JsValue> {
    attr(b, "aria-pressed", if on { "true" } else { "false" })?;
    b.set_text_content(Some(if on {
        "Remove from my printout"
    } else {
        "Add to my printout"
    }));
    Ok(())
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
fn closest(e: &Event, selector: &str) -> Option<Element> {
    // `closest` is called through a catching import: a target that is no element gives `None`.
    e.target()?
        .unchecked_into::<Element>()
        .closest(selector)
        .ok()?
}

/// What a click can be on, in the order [`on_click`] asks (the first match decides).
const CLICKABLE: [&str; 11] = [
    ".los-option",
    ".los-easy-toggle",
    ".los-clear",
    ".los-more",
    ".los-chip",
    ".los-other-toggle",
    ".los-suggestion",
    ".los-pick",
    ".los-print",
    ".los-idle-stay",
    ".los-filters-toggle",
];

fn on_click(s: &mut State, e: &Event) -> Result<(), JsValue> {
    let Some((which, b)) = CLICKABLE
        .iter()
        .enumerate()
        .find_map(|(i, sel)| closest(e, sel).map(|b| (i, b)))
    else {
        return Ok(());
    };
    let number = |name: &str| b.get_attribute(name).and_then(|v| v.parse().ok());
    match which {
        0 => match number("data-index") {
            Some(i) => s.choose(i as usize),
            None => Ok(()),
        },
        1 => {
            let on = !s.easy;
            s.set_easy(on, true)
        }
        2 => {
            s.reset(false)?;
            // A screen reader hears that the box is empty again, not silence.
            s.schedule_status(CLEARED.to_string());
            s.n.input.focus()
        }
        3 => {
            let shown = s.last.hits.len();
            s.limit += PAGE;
            s.fold_open = true;
            s.update(false)?;
            // The button may now be hidden: keep focus in the widget, on the first new result.
            s.focus_result(shown)
        }
        4 => s.take_back(&b),
        5 => {
            s.fold_open = !s.fold_open;
            understood::expand(&s.n.u, s.fold_open)
        }
        6 => {
            if let Some(q) = b.get_attribute("data-suggestion") {
                s.n.input.set_value(&q);
                s.update(false)?;
                s.n.input.focus()?;
            }
            Ok(())
        }
        7 => match number("data-doc") {
            Some(d) => s.toggle_pick(d),
            None => Ok(()),
        },
        8 => s.n.win.print(),
        9 => s.dismiss_warning(),
        10 => {
            let open = b.get_attribute("aria-expanded").as_deref() != Some("true");
            let (expanded, shown) = if open {
                ("true", "open")
            } else {
                ("false", "folded")
            };
            attr(&b, "aria-expanded", expanded)?;
            attr(&s.n.container, "data-filters", shown)
        }
        _ => Ok(()),
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

/// Mounts the widget; returns its shared state.
pub fn mount(
    root: &ShadowRoot,
    host: &HtmlElement,
    index: Index,
    tell: super::Tell,
) -> Result<Shared, JsValue> {
    let (doc, win) = super::dom::document(host)?;
    let opts = Options::from_host(host);
    let nodes = build(&doc, &win, root, &opts, &index)?;
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
        titles: Vec::new(),
        status_cb: None,
        status_pending: 0,
        status_next: String::new(),
        status_a_speaking: false,
        picked: Vec::new(),
        last_activity: now(&win),
        warning_since: None,
        tick_cb: None,
        ignore_age: None,
        ignore_place: None,
        fold_open: false,
        chips: Vec::new(),
        tell,
    })));
    state.borrow_mut().status_cb = Some(handler(state, |s, _| s.announce()));
    {
        let mut s = state.borrow_mut();
        s.set_easy(easy, false)?;
        let input: &web_sys::EventTarget = s.n.input.as_ref();
        listen(input, "input", state, |s, _| {
            s.fold_open = false;
            s.update(true)
        })?;
        listen(input, "keydown", state, on_keydown)?;
        listen(input, "blur", state, |s, _| s.close_list())?;
        let container: &web_sys::EventTarget = s.n.container.as_ref();
        listen(container, "click", state, on_click)?;
        listen(container, "change", state, |s, e| {
            if closest(e, ".los-select").is_some() {
                s.limit = PAGE;
                s.update(false)?;
            }
            Ok(())
        })?;
        listen(container, "submit", state, |s, e| {
            e.prevent_default();
            s.close_list()
        })?;
        // Options are chosen on click; keep focus in the box when the mouse goes down on one.
        let listbox: &web_sys::EventTarget = s.n.listbox.as_ref();
        listen(listbox, "mousedown", state, |_, e| {
            e.prevent_default();
            Ok(())
        })?;
        if s.opts.kiosk() {
            for kind in ["keydown", "pointerdown", "input", "touchstart", "wheel"] {
                listen(root.as_ref(), kind, state, |s, _| {
                    if s.warning_since.is_none() {
                        s.last_activity = now(&s.n.win);
                    }
                    Ok(())
                })?;
            }
            // A timeout set again each second: one timer import fewer than an interval.
            let tick = handler(state, |s, _| s.tick());
            win.set_timeout_with_callback_and_timeout_and_arguments_0(&tick, 1000)?;
            s.tick_cb = Some(tick);
        }
    }
    // Warm the search up once the page has painted, so the first keystrokes do not pay for it.
    let warm = handler(state, |s, _| {
        s.searcher.warm_up(&s.index);
        Ok(())
    });
    win.set_timeout_with_callback_and_timeout_and_arguments_0(&warm, 0)?;
    Ok(state)
}

/// What [`show_error`] shows (see [`super::dom::tree`]): the cause goes in the kept paragraph.
const ERROR: &str = "
div|los los-error||role=alert
 p|los-error-title|Sorry, the Local Offer search is not working at the moment.
 p*|los-error-detail
 p||You can still ask the Local Offer team for help: 
  a|los-link|localoffer@worcschildrenfirst.org.uk|href=mailto:localoffer@worcschildrenfirst.org.uk
";

/// Shows a readable error in `root` in place of the widget: the cause, and where else to look.
pub fn show_error(root: &ShadowRoot, message: &str) -> Result<(), JsValue> {
    let (doc, _) = super::dom::document(root)?;
    clear(root);
    let mut kept = Vec::new();
    super::dom::tree(&doc, root, ERROR, "", &mut kept)?;
    for p in kept {
        p.set_text_content(Some(message));
    }
    Ok(())
}
