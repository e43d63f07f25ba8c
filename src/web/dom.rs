//! Small DOM helpers. Every string that came from data goes in through [`text`] (a text node)
//! or [`attr`] (an attribute the caller names); there is no way here to parse HTML.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// `document`, or an error the page can show.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// Creates `<tag class="class">`.
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// Creates `<tag class>` and appends it to `parent`.
pub fn child(doc: &Document, parent: &Node, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    parent.append_child(&e)?;
    Ok(e)
}

/// Appends `s` to `parent` as a text node.
pub fn text(doc: &Document, parent: &Node, s: &str) -> Result<(), JsValue> {
    parent.append_child(&doc.create_text_node(s))?;
    Ok(())
}

/// Creates `<tag class>` holding the text `s`, appended to `parent`.
pub fn text_child(
    doc: &Document,
    parent: &Node,
    tag: &str,
    class: &str,
    s: &str,
) -> Result<Element, JsValue> {
    let e = child(doc, parent, tag, class)?;
    e.set_text_content(Some(s));
    Ok(e)
}

/// Sets attributes on `e`.
pub fn attrs(e: &Element, list: &[(&str, &str)]) -> Result<(), JsValue> {
    for (k, v) in list {
        e.set_attribute(k, v)?;
    }
    Ok(())
}

/// Sets one attribute.
pub fn attr(e: &Element, k: &str, v: &str) -> Result<(), JsValue> {
    e.set_attribute(k, v)
}

/// Removes every child of `e`.
pub fn clear(e: &Node) {
    while let Some(c) = e.first_child() {
        let _ = e.remove_child(&c);
    }
}

/// Creates an SVG element.
pub fn svg(doc: &Document, tag: &str) -> Result<Element, JsValue> {
    doc.create_element_ns(Some(SVG_NS), tag)
}
