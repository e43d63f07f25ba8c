//! Kiosk-only pieces: QR codes for web addresses (a kiosk never navigates away), and the idle
//! reset: a check each second, the warning dialog (counting down, and saying once when the last
//! seconds come) with the widget made inert behind it, answered by any input anywhere on the
//! page, and the reset that clears what a family left.
//!
//! What the warning needs that the widget's wasm does not call (focus put back without
//! scrolling, the page back at its top) the element's script does when told (`tell("idle",
//! …)`, see `element.js`): the kiosk's build must call no browser function the family's does
//! not, as the two share one JS glue.
//!
//! The QR encoder is in the kiosk's build only (`--cfg los_kiosk`, giving
//! `local-offer-search-kiosk_bg.wasm`, which the script loads for `mode="kiosk"`). A family's
//! phone never draws a QR code, so its wasm leaves the encoder out; a kiosk card there would show
//! the address as text alone.

use super::dom::{attr, clear, text_child};
use super::widget::{now, toggle_hidden, State};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, HtmlSelectElement};

/// This is the kiosk's build. Without it the widget leaves out everything only a kiosk does:
/// addresses as text, the list's QR code, the idle reset (their code is behind `BUILD`, so the
/// optimiser drops it while both builds keep one JS glue). The script loads the kiosk's build
/// for any page that has a kiosk element when it starts, and refuses a kiosk element when the
/// family build is what it loaded (one added to a page after another element started), rather
/// than run a kiosk whose links navigate away and which never clears itself.
pub const BUILD: bool = cfg!(los_kiosk);
#[cfg(los_kiosk)]
use {
    super::dom::{attrs, el, svg},
    qrcodegen::{QrCode, QrCodeEcc},
};

/// Modules of quiet zone around a QR code.
#[cfg(los_kiosk)]
const BORDER: i32 = 4;

/// Without `los_kiosk` there is no encoder: the address is shown as text alone.
#[cfg(not(los_kiosk))]
pub fn qr_figure(_doc: &Document, _url: &str) -> Result<Option<Element>, JsValue> {
    Ok(None)
}

/// A `<figure>` with the QR code of `url` (a web address, or the out-of-date email) and a
/// caption saying what scanning it does, or `None` if the text is too long to encode.
#[cfg(los_kiosk)]
pub fn qr_figure(doc: &Document, url: &str) -> Result<Option<Element>, JsValue> {
    let (label, caption) = if url.starts_with("mailto:") {
        (
            "QR code of the email",
            "Scan this with your phone to write the email.",
        )
    } else {
        (
            "QR code of the web address",
            "Scan this with your phone to open the website.",
        )
    };
    let Ok(qr) = QrCode::encode_text(url, QrCodeEcc::Medium) else {
        return Ok(None);
    };
    let size = qr.size();
    // One path of unit squares; its data comes from the encoder, not from the text.
    let mut d = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{},{}h1v1h-1z", x + BORDER, y + BORDER));
            }
        }
    }
    let fig = el(doc, "figure", "los-qr")?;
    let s = svg(doc, "svg")?;
    let side = (size + 2 * BORDER).to_string();
    attrs(
        &s,
        &[
            ("viewBox", &format!("0 0 {side} {side}")),
            ("width", "160"),
            ("height", "160"),
            ("role", "img"),
            ("aria-label", label),
            ("shape-rendering", "crispEdges"),
        ],
    )?;
    let bg = svg(doc, "rect")?;
    attrs(
        &bg,
        &[("width", &side), ("height", &side), ("fill", "#ffffff")],
    )?;
    s.append_child(&bg)?;
    let p = svg(doc, "path")?;
    attrs(&p, &[("d", &d), ("fill", "#000000")])?;
    s.append_child(&p)?;
    fig.append_child(&s)?;
    text_child(doc, &fig, "figcaption", "", caption)?;
    Ok(Some(fig))
}

/// The kiosk's markup after the family's list (see [`super::dom::tree`]): the idle warning
/// dialog (hidden). Its first paragraph counts down ([`idle_text`]); the live region in it stays
/// empty until it says once, politely, that [`LAST_SECONDS`] are left ([`last_text`]).
pub const MARKUP: &str = "
div*|los-idle||role=alertdialog|aria-modal=true|aria-labelledby=los-idle-title|aria-describedby=los-idle-text los-idle-how|hidden
 h2|los-idle-title|Are you still there?|id=los-idle-title
 p*|los-idle-text||id=los-idle-text
 p|los-idle-how|Touch the screen or press any key to keep your search.|id=los-idle-how
 p*|los-idle-live||role=status|aria-live=polite|aria-atomic=true
 button*|los-button los-idle-stay|I am still here|type=button
";

/// The idle warning's nodes (those [`MARKUP`] keeps).
pub struct Idle {
    dialog: Element,
    /// "… it will be cleared in N seconds.", counted down each second.
    text: Element,
    /// The polite live region that announces the last seconds, once.
    live: Element,
    stay: Element,
    /// The "Listening speed" select: a speed chosen is something the reset puts back.
    rate: HtmlSelectElement,
}

impl Idle {
    /// The warning's nodes, from the elements [`MARKUP`] kept, and the speed select (none:
    /// not a kiosk).
    pub fn new(kept: Vec<Element>, rate: Element) -> Option<Idle> {
        // A constant `None` in the family build, so everything the warning does drops out of it.
        if !BUILD {
            return None;
        }
        let [dialog, text, live, stay] = <[Element; 4]>::try_from(kept).ok()?;
        Some(Idle {
            dialog,
            text,
            live,
            stay,
            rate: rate.unchecked_into(),
        })
    }
}

/// What kind of input [`State::activity`] saw, for the idle warning.
#[derive(Clone, Copy)]
pub enum Input {
    /// A key: it answers the warning and does nothing else (Enter would press the button that
    /// has focus again).
    Key,
    /// A click, typing or the wheel: it answers the warning.
    Answer,
    /// A press or touch starting: activity, but the warning waits for its click. Answered at
    /// the press, the widget would be usable again before the press ends, and the click that
    /// ends it would land on whatever is under the finger.
    Press,
}

/// The warning says once (and only once) how little time is left, at this many seconds.
pub const LAST_SECONDS: u32 = 10;

/// What the idle warning says, `secs` seconds before the search is cleared.
pub fn idle_text(secs: u32) -> String {
    let mut s = String::from("To keep your search private, it will be cleared in ");
    s.push_str(&seconds(secs));
    s.push('.');
    s
}

/// What the live region says once, `secs` (at most [`LAST_SECONDS`]) before the reset.
pub fn last_text(secs: u32) -> String {
    let mut s = String::from("Your search will be cleared in ");
    s.push_str(&seconds(secs));
    s.push_str(". Touch the screen or press any key to keep it.");
    s
}

/// "1 second", "20 seconds".
fn seconds(n: u32) -> String {
    let mut s = n.to_string();
    s.push_str(if n == 1 { " second" } else { " seconds" });
    s
}

impl State {
    /// Kiosk: called every second (it sets the timer for the next second first). After
    /// `idle-timeout` without input, and only if a family left something behind, it shows the
    /// warning; while the warning is up it counts down, and at the end clears everything.
    pub(super) fn tick(&mut self) -> Result<(), JsValue> {
        if let Some(cb) = self.tick_cb.as_ref().filter(|_| BUILD) {
            self.n
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(cb, 1000)?;
        }
        let Some(idle) = self.n.idle.as_ref().filter(|_| BUILD) else {
            return Ok(());
        };
        let t = now(&self.n.win);
        let Some(since) = self.warning_since else {
            let busy = !self.n.input.value().is_empty()
                || !self.filters().is_empty()
                || !self.picked.is_empty()
                || self.easy != self.opts.easy_default
                || idle.rate.selected_index() != 0;
            if busy && t - self.last_activity >= self.opts.idle_timeout_ms {
                let (dialog, stay) = (idle.dialog.clone(), idle.stay.clone());
                let secs = (self.opts.idle_warning_ms / 1000.0) as u32;
                idle.text.set_text_content(Some(&idle_text(secs)));
                clear(&idle.live);
                self.warning_since = Some(t);
                // The element notes where focus is, to put it back, and stops reading aloud.
                self.tell("idle", "warn", "");
                toggle_hidden(&dialog, false)?;
                self.set_inert(true)?;
                // A fixed dialog: focusing its button scrolls nothing.
                stay.unchecked_into::<HtmlElement>().focus()?;
            }
            return Ok(());
        };
        let left = ((self.opts.idle_warning_ms - (t - since)) / 1000.0).ceil();
        if left < 1.0 {
            self.hide_warning()?;
            self.reset(true)?;
            // The next family starts at the top of the page, in the search box.
            self.tell("idle", "reset", "");
            return Ok(());
        }
        let left = left as u32;
        idle.text.set_text_content(Some(&idle_text(left)));
        if left <= LAST_SECONDS && idle.live.first_element_child().is_none() {
            // Once: a `<span>` in the region marks it said.
            text_child(&self.n.doc, &idle.live, "span", "", &last_text(left))?;
        }
        Ok(())
    }

    /// Any input anywhere on the page: the family is still there. While the warning is up,
    /// a key, a click, typing or the wheel answers it ([`Input`]).
    pub(super) fn activity(&mut self, e: &Event, input: Input) -> Result<(), JsValue> {
        if self.warning_since.is_none() {
            self.last_activity = now(&self.n.win);
            return Ok(());
        }
        match input {
            Input::Press => Ok(()),
            Input::Key => {
                e.prevent_default();
                self.dismiss_warning()
            }
            Input::Answer => self.dismiss_warning(),
        }
    }

    pub(super) fn set_inert(&self, on: bool) -> Result<(), JsValue> {
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

    /// The family answered the warning ("I am still here", or any input): it goes, and the
    /// element puts focus back where it was without scrolling the page.
    pub(super) fn dismiss_warning(&mut self) -> Result<(), JsValue> {
        if !BUILD || self.warning_since.is_none() {
            return Ok(());
        }
        self.hide_warning()?;
        self.tell("idle", "answer", "");
        Ok(())
    }

    /// Hides the warning and makes the rest of the widget usable again.
    fn hide_warning(&mut self) -> Result<(), JsValue> {
        self.warning_since = None;
        self.last_activity = now(&self.n.win);
        if let Some(idle) = &self.n.idle {
            toggle_hidden(&idle.dialog, true)?;
            clear(&idle.live);
        }
        self.set_inert(false)
    }
}
