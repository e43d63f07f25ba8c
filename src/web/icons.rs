//! The easy-read pictures: open pictograms (OpenMoji's black line set, CC BY-SA 4.0) that show
//! what each part is about. They come with the second file ([`crate::index::easy`]) as plain
//! SVG paths, checked when the file was opened ([`Picture::new`]), so none of them is in the
//! wasm and the data reaches the page only as the `d` and `stroke-width` of `<path>`s. They are
//! drawn in `currentColor`, so they follow the text colour, dark, high-contrast and
//! forced-colours modes included. They are decoration beside a written heading, so they are
//! `aria-hidden`.

use super::dom::{attr, attrs, svg};
use crate::easyread::Picture;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// Builds the `<svg>` of a picture: each path filled, or stroked with its width, in the text's
/// colour, with round line ends.
pub fn icon(doc: &Document, picture: &Picture) -> Result<Element, JsValue> {
    let root = svg(doc, "svg")?;
    let [topic, paths @ ..] = picture.texts() else {
        return Ok(root);
    };
    attrs(
        &root,
        &[
            ("class", "los-icon"),
            ("viewBox", "0 0 72 72"),
            ("aria-hidden", "true"),
            ("fill", "currentColor"),
            ("stroke", "currentColor"),
            ("stroke-linecap", "round"),
            ("stroke-linejoin", "round"),
            ("data-topic", topic),
        ],
    )?;
    for pair in paths.chunks(2) {
        let [width, d] = pair else { break };
        let p = svg(doc, "path")?;
        if width.is_empty() {
            attr(&p, "stroke", "none")?;
        } else {
            attrs(&p, &[("fill", "none"), ("stroke-width", width)])?;
        }
        attr(&p, "d", d)?;
        root.append_child(&p)?;
    }
    Ok(root)
}
