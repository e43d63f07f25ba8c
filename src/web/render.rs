//! Turns the card and easy-read views (`crate::view`, `crate::easyread`) into DOM nodes.
//! Everything from data is a text node or a named attribute.

use super::dom::{attr, attrs, child, clear, el, text, text_child};
use super::icons::icon;
use crate::easyread::EasyRead;
use crate::view::{link_kind_label, Card, Link, LinkKind, Segment};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

/// Appends segments to `parent`: marks, abbreviations and first-time expansions.
pub fn segments(doc: &Document, parent: &Node, segs: &[Segment]) -> Result<(), JsValue> {
    for s in segs {
        let holder: Node = if s.mark {
            let m = child(doc, parent, "mark", "los-mark")?;
            m.into()
        } else {
            parent.clone()
        };
        match &s.abbr {
            Some(expansion) => {
                let a = text_child(doc, &holder, "abbr", "", &s.text)?;
                attr(&a, "title", expansion)?;
                if s.explain {
                    text_child(
                        doc,
                        parent,
                        "span",
                        "los-expansion",
                        &format!(" ({expansion})"),
                    )?;
                }
            }
            // Data text that can change direction is isolated, so a right-to-left run or an
            // unterminated override cannot reorder the widget's own words after it.
            None if bidi_sensitive(&s.text) => {
                text_child(doc, &holder, "bdi", "", &s.text)?;
            }
            None => text(doc, &holder, &s.text)?,
        }
    }
    Ok(())
}

/// Whether `s` has a bidi control character or a right-to-left letter.
fn bidi_sensitive(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069
            | 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF
            | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// The parts of a card that change with each query.
pub struct CardNodes {
    pub li: Element,
    pub title: Element,
    pub summary: Element,
    /// The "Add to my list" toggle.
    pub pick: Element,
    /// The easy-read view's holder, filled only once easy read is shown ([`easy_parts`]):
    /// its pictograms are most of a card's nodes, and the standard view never shows them.
    pub easy: Element,
    /// Whether [`CardNodes::easy`] has been filled.
    pub easy_built: bool,
}

/// How links are shown: as links, or (in a kiosk, where nothing may navigate away) as text
/// with a QR code for web addresses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LinkStyle {
    Links,
    Kiosk,
}

/// Builds a card's element. Title and summary are filled per query by [`fill`]; the easy-read
/// view only when `part_tag` is given (easy read is shown), else later by [`easy_parts`].
pub fn card(
    doc: &Document,
    c: &Card,
    title_tag: &str,
    part_tag: Option<&str>,
    style: LinkStyle,
) -> Result<CardNodes, JsValue> {
    let li = el(doc, "li", "los-card")?;
    attrs(
        &li,
        &[
            ("data-kind", c.kind.key()),
            ("id", &format!("los-result-{}", c.id)),
            ("tabindex", "-1"),
        ],
    )?;
    let title = child(doc, &li, title_tag, "los-title")?;
    text_child(doc, &li, "p", "los-kind", c.kind_label)?;
    // Whether it runs, in words (never colour alone): shown in both views.
    if let Some(b) = &c.badge {
        let p = text_child(doc, &li, "p", "los-badge", b)?;
        attr(&p, "data-status", c.status.key())?;
        if !c.replaced_by.is_empty() {
            let r = text_child(doc, &li, "p", "los-replaced", "What replaced it: ")?;
            segments(doc, &r, &c.replaced_by)?;
        }
    }
    // "Listen": read aloud by the element's script (listen.js), shown where the device can speak.
    let listen = text_child(doc, &li, "button", "los-button los-listen", "Listen")?;
    attr(&listen, "type", "button")?;
    let summary = child(doc, &li, "p", "los-summary")?;
    if !c.facts.is_empty() {
        let dl = child(doc, &li, "dl", "los-facts")?;
        for f in &c.facts {
            let row = child(doc, &dl, "div", "los-fact")?;
            text_child(doc, &row, "dt", "", f.label)?;
            let dd = child(doc, &row, "dd", "")?;
            segments(doc, &dd, &f.value)?;
        }
    }
    let easy = child(doc, &li, "div", "los-easy")?;
    if let Some(tag) = part_tag {
        easy_parts(doc, &easy, &c.easy, tag)?;
    }
    if !c.links.is_empty() {
        let ul = child(doc, &li, "ul", "los-links")?;
        let mut last_whose = None;
        for l in &c.links {
            let item = child(doc, &ul, "li", "")?;
            // Whose contact it is, once above each run of contacts of the same team.
            let whose = l.whose();
            if let (Some(w), true) = (&whose, whose != last_whose) {
                text_child(doc, &item, "span", "los-whose", w)?;
            }
            last_whose = whose;
            link(doc, &item, l, style)?;
        }
    }
    if !c.last_checked.is_empty() {
        text_child(
            doc,
            &li,
            "p",
            "los-checked",
            &format!("Last checked: {}", c.last_checked),
        )?;
    }
    // The council's email in the out-of-date link; none when its profile gives no email.
    if let Some(r) = &c.report {
        let report = child(doc, &li, "p", "los-report")?;
        match style {
            LinkStyle::Links => {
                let a = text_child(doc, &report, "a", "los-link", &r.text)?;
                attr(&a, "href", &r.href)?;
            }
            // Nothing on a kiosk navigates away: the address in words, and a QR code that
            // opens the same email, subject and all, on the family's phone.
            LinkStyle::Kiosk => {
                let to = r.href["mailto:".len().min(r.href.len())..]
                    .split('?')
                    .next()
                    .unwrap_or_default();
                text(
                    doc,
                    &report,
                    &format!("{}: email {to} and name this card ({}).", r.text, c.id),
                )?;
                if let Some(qr) = super::kiosk::qr_figure(doc, &r.href)? {
                    report.append_child(&qr)?;
                }
            }
        }
    }
    // "Add to my list", in every mode; its words and state are set by the widget.
    let pick = child(doc, &li, "button", "los-button los-pick")?;
    attr(&pick, "type", "button")?;
    Ok(CardNodes {
        li,
        title,
        summary,
        pick,
        easy,
        easy_built: part_tag.is_some(),
    })
}

/// Fills a card's easy-read view: a section per part, with its pictogram, heading and
/// sentences.
pub fn easy_parts(
    doc: &Document,
    easy: &Element,
    view: &EasyRead,
    part_tag: &str,
) -> Result<(), JsValue> {
    clear(easy);
    for p in &view.parts {
        let sec = child(doc, easy, "section", "los-part")?;
        attr(&sec, "data-icon", icon_key(p.icon))?;
        if let Some(picture) = &p.picture {
            let pictogram: web_sys::Node = icon(doc, picture)?.into();
            sec.append_child(&pictogram)?;
        }
        let body = child(doc, &sec, "div", "los-part-body")?;
        text_child(doc, &body, part_tag, "los-part-heading", p.heading)?;
        for s in &p.sentences {
            text_child(doc, &body, "p", "los-sentence", s)?;
        }
    }
    Ok(())
}

fn icon_key(i: crate::easyread::Icon) -> &'static str {
    use crate::easyread::Icon;
    match i {
        Icon::What => "what",
        Icon::Who => "who",
        Icon::Where => "where",
        Icon::How => "how",
        Icon::Cost => "cost",
        Icon::Word => "word",
        Icon::When => "when",
    }
}

/// A checked link as `<a>`, or in a kiosk as text (and a QR code for a web address).
pub fn link(doc: &Document, parent: &Node, l: &Link, style: LinkStyle) -> Result<(), JsValue> {
    text(doc, parent, &format!("{}: ", link_kind_label(l.kind)))?;
    match style {
        LinkStyle::Links => {
            let a = text_child(doc, parent, "a", "los-link", &l.text)?;
            attr(&a, "href", &l.href)?;
            if l.kind == LinkKind::Web {
                attr(&a, "rel", "noopener noreferrer")?;
            }
        }
        LinkStyle::Kiosk => {
            text_child(doc, parent, "span", "los-contact", &l.text)?;
            if l.kind == LinkKind::Web {
                if let Some(qr) = super::kiosk::qr_figure(doc, &l.href)? {
                    parent.append_child(&qr)?;
                }
            }
        }
    }
    Ok(())
}

/// Fills a card's title and summary for this query's highlights.
pub fn fill(
    doc: &Document,
    nodes: &CardNodes,
    title: &[Segment],
    summary: &[Segment],
) -> Result<(), JsValue> {
    super::dom::clear(&nodes.title);
    segments(doc, &nodes.title, title)?;
    super::dom::clear(&nodes.summary);
    segments(doc, &nodes.summary, summary)?;
    Ok(())
}
