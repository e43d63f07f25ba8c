//! The easy-read pictograms, drawn for this project as simple line icons on a 48×48 grid.
//! They use `currentColor`, so they follow the text colour, high-contrast and forced-colours
//! modes included. They are decoration beside a written heading, so they are `aria-hidden`.

use super::dom::{attr, attrs, svg};
use crate::easyread::Icon;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// The shapes of an icon: (SVG element, attributes).
fn shapes(icon: Icon) -> &'static [(&'static str, &'static [(&'static str, &'static str)])] {
    match icon {
        Icon::What => &[
            ("circle", &[("cx", "24"), ("cy", "24"), ("r", "19")]),
            ("path", &[("d", "M24 21v13")]),
            ("circle", &[("cx", "24"), ("cy", "14"), ("r", "1.5")]),
        ],
        Icon::Who => &[
            ("circle", &[("cx", "24"), ("cy", "14"), ("r", "7")]),
            ("path", &[("d", "M9 42c0-9 6.5-14 15-14s15 5 15 14z")]),
        ],
        Icon::Where => &[
            (
                "path",
                &[("d", "M24 44S10 29 10 18a14 14 0 0 1 28 0c0 11-14 26-14 26z")],
            ),
            ("circle", &[("cx", "24"), ("cy", "18"), ("r", "5")]),
        ],
        Icon::How => &[
            ("path", &[("d", "M6 24h30M26 13l11 11-11 11")]),
            ("path", &[("d", "M42 8v32")]),
        ],
        Icon::Cost => &[
            ("circle", &[("cx", "24"), ("cy", "24"), ("r", "19")]),
            ("path", &[("d", "M30 17c-1.5-3.5-9-4-9 2v13M16 26h10M16 33h16")]),
        ],
        Icon::Word => &[(
            "path",
            &[(
                "d",
                "M6 10h13a5 5 0 0 1 5 5v25a4 4 0 0 0-4-4H6zM42 10H29a5 5 0 0 0-5 5v25a4 4 0 0 1 4-4h14z",
            )],
        )],
    }
}

/// Builds the `<svg>` of an icon.
pub fn icon(doc: &Document, which: Icon) -> Result<Element, JsValue> {
    let root = svg(doc, "svg")?;
    attrs(
        &root,
        &[
            ("class", "los-icon"),
            ("viewBox", "0 0 48 48"),
            ("width", "48"),
            ("height", "48"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
            ("fill", "none"),
            ("stroke", "currentColor"),
            ("stroke-width", "3"),
            ("stroke-linecap", "round"),
            ("stroke-linejoin", "round"),
        ],
    )?;
    for (tag, list) in shapes(which) {
        let s = svg(doc, tag)?;
        for (k, v) in *list {
            attr(&s, k, v)?;
        }
        root.append_child(&s)?;
    }
    Ok(root)
}
