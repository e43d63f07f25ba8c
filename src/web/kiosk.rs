//! Kiosk-only pieces: QR codes for web addresses (a kiosk never navigates away), and the words
//! of the idle warning, and the idle reset: a check each second, the warning dialog and the
//! page made inert behind it.
//!
//! The QR encoder is in the kiosk's build only (`--cfg los_kiosk`, giving
//! `local-offer-search-kiosk_bg.wasm`, which the script loads for `mode="kiosk"`). A family's
//! phone never draws a QR code, so its wasm leaves the encoder out; a kiosk card there would show
//! the address as text alone.

use super::dom::attr;
use super::widget::{now, toggle_hidden, State};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// This is the kiosk's build. Without it the widget leaves out everything only a kiosk does:
/// addresses as text, the list's QR code, the idle reset (their code is behind `BUILD`, so the
/// optimiser drops it while both builds keep one JS glue). The script loads the kiosk's build
/// for any page that has a kiosk element when it starts, and refuses a kiosk element when the
/// family build is what it loaded (one added to a page after another element started), rather
/// than run a kiosk whose links navigate away and which never clears itself.
pub const BUILD: bool = cfg!(los_kiosk);
#[cfg(los_kiosk)]
use {
    super::dom::{attrs, el, svg, text_child},
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
/// dialog (hidden), whose text [`idle_text`] fills.
pub const MARKUP: &str = "
div*|los-idle||role=alertdialog|aria-modal=true|aria-labelledby=los-idle-title|aria-describedby=los-idle-text|hidden
 h2|los-idle-title|Are you still there?|id=los-idle-title
 p*|los-idle-text||id=los-idle-text
 button*|los-button los-idle-stay|I am still here|type=button
";

/// What the idle warning says, for a warning of `secs` seconds.
pub fn idle_text(secs: u32) -> String {
    let mut s = String::from("To keep your search private, it will be cleared in ");
    s.push_str(&secs.to_string());
    s.push_str(" seconds.");
    s
}

impl State {
    /// Kiosk: called every second (it sets the timer for the next second first).
    pub(super) fn tick(&mut self) -> Result<(), JsValue> {
        if let Some(cb) = self.tick_cb.as_ref().filter(|_| BUILD) {
            self.n
                .win
                .set_timeout_with_callback_and_timeout_and_arguments_0(cb, 1000)?;
        }
        let Some((dialog, stay)) = self.n.idle.clone().filter(|_| BUILD) else {
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

    pub(super) fn dismiss_warning(&mut self) -> Result<(), JsValue> {
        if !BUILD {
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
