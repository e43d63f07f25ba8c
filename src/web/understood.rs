//! What the widget shows about how it read the question (issue 11), around the results: chips for
//! the age and place it understood, each of which the family can take back; the glossary's "What
//! this means" panel; a notice for an acronym it does not know, with real words to try instead;
//! and the folded "Other results".
//!
//! It exists so the widget's search loop only decides *what* to show: the markup, the wording
//! and the focus rules for these parts live here. Everything from data goes in as text nodes or
//! named attributes (see `dom.rs`).

use super::dom::{attr, attrs, child, clear, text, text_child};
use super::render::{self, LinkStyle};
use crate::index::Index;
use crate::search::Results;
use crate::understand::{AgeRange, Understanding};
use crate::view::{safe_link, LinkKind};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Most everyday words offered for one unknown acronym.
const MAX_TRIES: usize = 3;

/// Unknown acronyms as written, each with the words offered instead.
pub type Unknown = [(String, Vec<String>)];

/// The parts this module fills. `chips`, `unknown` and `answer` go above the results, the
/// toggle and region of the other results after them (with the "Show more results" button
/// inside the region).
pub struct Nodes {
    pub chips: Element,
    pub chip_list: Element,
    pub unknown: Element,
    pub answer: Element,
    pub answer_list: Element,
    pub toggle: Element,
    pub toggle_count: Element,
    pub region: Element,
    pub other_list: Element,
}

/// The markup above the results (see [`super::dom::tree`]): chips, the unknown-acronym notice
/// and the "What this means" panel (its heading one level below the widget's).
pub const ABOVE: &str = "
div*|los-understood||hidden
 p|los-understood-label|We looked for:|id=los-understood-label
 ul*|los-chips||aria-labelledby=los-understood-label
div*|los-unknown||hidden
section*|los-answer||aria-labelledby=los-answer-title|hidden
 H|los-answer-title|What this means|id=los-answer-title
 ul*|los-answer-list
";

/// The markup after the results: "Other results (N)" (its words differ in easy read; the
/// stylesheet shows one) and the region it opens, which holds "Show more results".
pub const BELOW: &str = "
div|los-other
 button*|los-button los-other-toggle||type=button|aria-expanded=false|aria-controls=los-other-region|hidden
  span|los-std|Other results
  span|los-er|Things that might help less
  span*
 div*|los-other-region||id=los-other-region
  ol*|los-results los-other-results||aria-label=Other results
  button*|los-button los-more|Show more results|type=button|hidden
p|los-er los-credit|The pictures are from OpenMoji (openmoji.org), licence CC BY-SA 4.0.
";

fn show(e: &Element, on: bool) -> Result<(), JsValue> {
    if on {
        e.remove_attribute("hidden")
    } else {
        attr(e, "hidden", "")
    }
}

/// "age 17", or "ages 11 to 16".
fn age_words(a: AgeRange) -> String {
    if a.from == a.to {
        format!("age {}", a.from)
    } else {
        format!("ages {} to {}", a.from, a.to)
    }
}

/// `w` with its first letter capitalised (ASCII only: Unicode's case tables would cost the wasm
/// more than they are worth for English place names and "Age").
fn cap(w: &str) -> String {
    let mut s = w.to_string();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A place as the family wrote it, each word capitalised except the small ones ("Upton upon
/// Severn").
fn place_words(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        if out.is_empty() {
            out = cap(w);
            continue;
        }
        out.push(' ');
        if matches!(w.as_str(), "on" | "upon" | "in" | "the") {
            out.push_str(w);
        } else {
            out.push_str(&cap(w));
        }
    }
    out
}

/// What the question was read as, to add to the status message: ", for age 17, in
/// Kidderminster", or nothing.
pub fn said(u: &Understanding) -> String {
    let mut out = String::new();
    if let Some(a) = u.age {
        out.push_str(", for ");
        out.push_str(&age_words(a));
    }
    if u.district.is_some() {
        out.push_str(", in ");
        out.push_str(&place_words(&u.place_words));
    }
    out
}

/// Adds a chip: a button that takes back what it names (`which`: "age" or "place").
fn chip(doc: &Document, list: &Element, which: &str, words: &str) -> Result<HtmlElement, JsValue> {
    let li = child(doc, list, "li", "")?;
    let b = text_child(doc, &li, "button", "los-button los-chip", &cap(words))?;
    attrs(
        &b,
        &[
            ("type", "button"),
            ("data-chip", which),
            ("aria-label", &format!("Remove: {words}")),
        ],
    )?;
    let x = text_child(doc, &b, "span", "los-chip-x", "×")?;
    attr(&x, "aria-hidden", "true")?;
    // Created as an HTML button, so the cast holds.
    Ok(b.unchecked_into())
}

/// Shows a chip for the age and for the place the search is using; each takes it back.
/// Returns the chips' buttons, in order.
pub fn chips(doc: &Document, n: &Nodes, u: &Understanding) -> Result<Vec<HtmlElement>, JsValue> {
    let list = &n.chip_list;
    clear(list);
    let mut out = Vec::new();
    if let Some(a) = u.age {
        out.push(chip(doc, list, "age", &age_words(a))?);
    }
    if u.district.is_some() {
        out.push(chip(doc, list, "place", &place_words(&u.place_words))?);
    }
    show(&n.chips, !out.is_empty())?;
    Ok(out)
}

/// The position of a chip among the chips shown.
pub fn chip_position(chips: &[HtmlElement], chip: &Element) -> usize {
    chips
        .iter()
        .position(|c| c.contains(Some(chip)))
        .unwrap_or(0)
}

/// After a chip was taken back: focus the chip now at its place, else the one before it.
/// Returns false when no chip is left (the caller focuses the search box).
pub fn focus_chip(chips: &[HtmlElement], at: usize) -> Result<bool, JsValue> {
    match chips.get(at).or(chips.last()) {
        Some(c) => c.focus().map(|_| true),
        None => Ok(false),
    }
}

/// Acronyms of the question the Local Offer has no meaning for, each with everyday words to
/// search instead: a word written in capitals (or asked about) that no record and no glossary
/// entry has. One the vocabulary maps to the Local Offer's words ("EBSA") offers those words;
/// any other offers the engine's nearest-words suggestion.
pub fn unknown_words(index: &Index, r: &Results) -> Vec<(String, Vec<String>)> {
    let u = &r.understood;
    let mut out = Vec::new();
    for c in &u.concepts {
        if !(c.capitals || u.define) || c.term.is_empty() {
            continue;
        }
        let tries: Vec<String> = if r.unknown.contains(&c.unstemmed) {
            r.suggestion.iter().cloned().collect()
        } else if c.capitals
            && !c.means.is_empty()
            && !index.terms.contains_key(&c.term)
            && index.glossary_entry(&c.text).is_none()
        {
            c.means
                .iter()
                .take(MAX_TRIES)
                .map(|m| {
                    let words: Vec<&str> = m.iter().map(String::as_str).collect();
                    crate::lean::join(&words, " ")
                })
                .collect()
        } else {
            continue;
        };
        out.push((c.text.clone(), tries));
    }
    out
}

/// Says which acronyms are not known yet, offers words to search instead (buttons that run the
/// search, like the no-results suggestion), and where to tell the Local Offer team (`email`,
/// the council's; no link when it has none).
pub fn unknown(
    doc: &Document,
    n: &Nodes,
    words: &Unknown,
    style: LinkStyle,
    email: &str,
) -> Result<(), JsValue> {
    let e = &n.unknown;
    clear(e);
    for (word, tries) in words {
        text_child(
            doc,
            e,
            "p",
            "los-unknown-text",
            &format!("We don't know {word} yet."),
        )?;
        if !tries.is_empty() {
            let p = text_child(doc, e, "p", "los-tries", "You could try: ")?;
            for t in tries {
                let b = text_child(doc, &p, "button", "los-button los-suggestion", t)?;
                attrs(&b, &[("type", "button"), ("data-suggestion", t)])?;
                text(doc, &p, " ")?;
            }
        }
    }
    if !words.is_empty() {
        let p = text_child(
            doc,
            e,
            "p",
            "los-report",
            "If you know what it means, or something is missing, tell the Local Offer team. ",
        )?;
        if let Some(l) = safe_link(LinkKind::Email, email) {
            render::link(doc, &p, &l, style)?;
        }
    }
    show(e, !words.is_empty())
}

/// Shows the "Other results (N)" button, expanded or not, or (`fold` false) no button and the
/// region open, where the "Show more results" button lives.
pub fn fold(n: &Nodes, fold: bool, open: bool, others: usize) -> Result<(), JsValue> {
    show(&n.toggle, fold)?;
    n.toggle_count
        .set_text_content(Some(&format!(" ({others})")));
    show(&n.other_list, fold)?;
    expand(n, open || !fold)
}

/// Expands or collapses the other results.
pub fn expand(n: &Nodes, open: bool) -> Result<(), JsValue> {
    attr(
        &n.toggle,
        "aria-expanded",
        if open { "true" } else { "false" },
    )?;
    show(&n.region, open)
}
