//! Events: the one closure type every handler and timer shares, the search box's keys, and
//! the clicks on the widget's buttons.

use super::*;
use crate::web::kiosk::Input;

impl State {
    /// Takes back the understood age or place of `chip`: it stops ranking, the search runs
    /// again, and focus goes to the chip now in its place, else the search box.
    pub(super) fn take_back(&mut self, chip: &Element) -> Result<(), JsValue> {
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
}

/// Runs `f` on the state unless a handler further up the stack holds it (focus and scroll can
/// fire events synchronously; skipping is right then, and never panics).
pub(super) fn with(state: Shared, f: impl FnOnce(&mut State) -> Result<(), JsValue>) {
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
pub(super) fn handler(
    state: Shared,
    f: fn(&mut State, &Event) -> Result<(), JsValue>,
) -> js_sys::Function {
    Closure::<dyn FnMut(Event)>::new(move |e: Event| with(state, |s| f(s, &e)))
        .into_js_value()
        .unchecked_into()
}

pub(super) fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    state: Shared,
    f: fn(&mut State, &Event) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    target.add_event_listener_with_callback(kind, &handler(state, f))
}

pub(super) fn on_keydown(s: &mut State, e: &Event) -> Result<(), JsValue> {
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
pub(super) const CLEARED: &str = "Search cleared. Type to search again.";

/// The element an event happened on, or its nearest ancestor matching `selector`.
pub(super) fn closest(e: &Event, selector: &str) -> Option<Element> {
    // `closest` is called through a catching import: a target that is no element gives `None`.
    e.target()?
        .unchecked_into::<Element>()
        .closest(selector)
        .ok()?
}

/// What a click can be on, in the order [`on_click`] asks (the first match decides).
pub(super) const CLICKABLE: [&str; 12] = [
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
    ".los-list-toggle",
];

pub(super) fn on_click(s: &mut State, e: &Event) -> Result<(), JsValue> {
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
        11 => s.show_list(),
        _ => Ok(()),
    }
}

/// Listens to the search box, the widget's clicks, changes and submit, and (in a kiosk) to any
/// input anywhere on the page, for the idle check, whose timer it starts.
pub(super) fn listen_all(state: Shared, win: &Window) -> Result<(), JsValue> {
    let mut s = state.borrow_mut();
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
        // Input anywhere on the page counts (its header and footer too), and answers the
        // warning (see `kiosk.rs`).
        let page: &web_sys::EventTarget = win.as_ref();
        listen(page, "keydown", state, |s, e| s.activity(e, Input::Key))?;
        for kind in ["click", "input", "wheel"] {
            listen(page, kind, state, |s, e| s.activity(e, Input::Answer))?;
        }
        // `los-read`: Listen began reading the next line of a card (`listen.js`), so a family
        // listening without touching is still there; a line that never ends counts once.
        for kind in ["pointerdown", "touchstart", "los-read"] {
            listen(page, kind, state, |s, e| s.activity(e, Input::Press))?;
        }
        // A timeout set again each second: one timer import fewer than an interval.
        let tick = handler(state, |s, _| s.tick());
        win.set_timeout_with_callback_and_timeout_and_arguments_0(&tick, 1000)?;
        s.tick_cb = Some(tick);
    }
    Ok(())
}
