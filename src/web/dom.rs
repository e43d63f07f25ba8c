//! Small DOM helpers. Every string that came from data goes in through [`text`] (a text node)
//! or [`attr`] (an attribute the caller names); there is no way here to parse HTML.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Node, Window};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The document `node` is in and its window, or an error the page can show. Reached from the
/// node rather than the global object: fewer imports than `web_sys::window()` brings.
pub fn document(node: &Node) -> Result<(Document, Window), JsValue> {
    let doc = node.owner_document();
    match (doc.as_ref().and_then(Document::default_view), doc) {
        (Some(win), Some(doc)) => Ok((doc, win)),
        _ => Err(JsValue::from_str("no document")),
    }
}

/// Creates `<tag class="class">`.
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
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

/// Removes every child of `e` (setting no text does: one call, and no more web-sys imports).
pub fn clear(e: &Node) {
    e.set_text_content(None);
}

/// Creates an SVG element.
pub fn svg(doc: &Document, tag: &str) -> Result<Element, JsValue> {
    doc.create_element_ns(Some(SVG_NS), tag)
}

/// Builds the static markup written in `spec` inside `parent`, and returns the elements marked
/// to keep, in order. A table read by one loop costs the wasm far fewer bytes than a call per
/// element and attribute.
///
/// One element a line: `tag|class|text|name=value|name|…`, indented one space a level under the
/// line it belongs to (no indent: a child of `parent`). Fields left out are empty. A tag ending
/// in `*` is kept; tag `H` is the `heading` tag. Blank lines are skipped.
pub fn tree(
    doc: &Document,
    parent: &Node,
    spec: &str,
    heading: &str,
    kept: &mut Vec<Element>,
) -> Result<(), JsValue> {
    let mut open: Vec<Element> = Vec::new();
    for line in spec.split('\n') {
        let fields = line.trim_start_matches(' ');
        if fields.is_empty() {
            continue;
        }
        open.truncate(line.len() - fields.len());
        let mut f = fields.split('|');
        let tag = f.next().unwrap_or_default();
        let (tag, keep) = match tag.strip_suffix('*') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let e = el(
            doc,
            if tag == "H" { heading } else { tag },
            f.next().unwrap_or_default(),
        )?;
        match f.next() {
            Some(t) if !t.is_empty() => e.set_text_content(Some(t)),
            _ => {}
        }
        for a in f {
            let (k, v) = a.split_once('=').unwrap_or((a, ""));
            e.set_attribute(k, v)?;
        }
        match open.last() {
            Some(p) => p.append_child(&e)?,
            None => parent.append_child(&e)?,
        };
        if keep {
            kept.push(e.clone());
        }
        open.push(e);
    }
    Ok(())
}
