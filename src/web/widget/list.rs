//! The family's list, in every mode: "Add to my list" on each card, "My list (N)", the list
//! itself (each record with its status, how to get it and its contacts: the lines
//! [`crate::view::printout_lines`] takes from the record's card, which is also what prints), kept on the device, and
//! shared as a link whose fragment holds the record ids (`#los-list=id.id`; a kiosk shows that
//! link as a QR code). Nothing is sent anywhere.
//!
//! The device keeps the list in localStorage under a versioned key; a value that is not a list
//! of this index's ids (another version's, damaged, or from an older index) is read as far as
//! it names records this index has, and otherwise ignored. A kiosk keeps nothing: it is one
//! screen for many families, so its list lives only until the idle reset.

use super::*;

/// Where the device keeps the family's list: record ids, one a line. A new shape gets a new key.
const LIST_KEY: &str = "local-offer-search:my-list:v1";
/// The fragment key of a shared list (namespaced, so a partner page's own fragment keeps
/// working): record ids joined by [`SEP`].
pub(super) const LIST_PARAM: &str = "los-list";
const SEP: char = '.';
/// The most records a list holds (a stored or shared list longer than this is cut).
const MAX_LIST: usize = 100;

impl State {
    /// The list's record ids, joined by `sep`.
    fn list_ids(&self, sep: char) -> String {
        let mut ids = String::new();
        for h in self
            .picked
            .iter()
            .filter_map(|&d| self.index.headline(d).ok())
        {
            if !ids.is_empty() {
                ids.push(sep);
            }
            ids.push_str(h.id);
        }
        ids
    }

    /// Tells the page the family's list changed.
    pub(super) fn list_changed(&self) {
        self.tell("list-change", &self.list_ids('\n'), "");
    }

    /// Adds record `doc` to the list, or takes it off.
    pub(super) fn toggle_pick(&mut self, doc: u32) -> Result<(), JsValue> {
        let on = if let Some(i) = self.picked.iter().position(|d| *d == doc) {
            self.picked.remove(i);
            false
        } else {
            if self.picked.len() >= MAX_LIST {
                return Ok(());
            }
            self.picked.push(doc);
            true
        };
        if let Some(n) = self.cards.get(doc as usize).and_then(Option::as_ref) {
            show_picked(&n.pick, on)?;
        }
        self.save_list();
        self.render_printout()?;
        self.list_changed();
        Ok(())
    }

    /// Keeps the list on the device (not on a kiosk); an empty list leaves nothing behind.
    pub(super) fn save_list(&self) {
        if let Some(s) = storage(&self.n.win) {
            let _ = if self.picked.is_empty() || self.opts.kiosk() {
                s.remove_item(LIST_KEY)
            } else {
                s.set_item(LIST_KEY, &self.list_ids('\n'))
            };
        }
    }

    /// Adds the records `ids` names (split by `sep`) to the list; unknown ids are skipped.
    fn add_ids(&mut self, ids: &str, sep: char) {
        for id in ids.split(sep) {
            if self.picked.len() >= MAX_LIST {
                break;
            }
            if let Some(d) = self.index.doc_of(id.trim()) {
                if !self.picked.contains(&d) {
                    self.picked.push(d);
                }
            }
        }
    }

    /// At mount: the list kept on the device, then the records of a shared link (which opens
    /// the list, so the family sees what was sent).
    pub(super) fn load_list(&mut self) -> Result<(), JsValue> {
        if !self.opts.kiosk() {
            if let Some(kept) = storage(&self.n.win).and_then(|s| s.get_item(LIST_KEY).ok()?) {
                self.add_ids(&kept, '\n');
            }
        }
        if let Some(shared) = fragment(&self.n.win).and_then(|f| f.get(LIST_PARAM)) {
            self.add_ids(&shared, SEP);
            self.list_shown = true;
            self.save_list();
        }
        self.render_printout()
    }

    /// "My list (N)": shows the list (empty or not) and moves focus to it.
    pub(super) fn show_list(&mut self) -> Result<(), JsValue> {
        self.list_shown = true;
        self.render_printout()?;
        let sec: &HtmlElement = self.n.list.section.unchecked_ref();
        sec.focus()?;
        sec.scroll_into_view_with_bool(true);
        Ok(())
    }

    /// Draws the list: each record's title and printout lines, "My list (N)", and the link
    /// that shares it (on a kiosk, its QR code).
    pub(super) fn render_printout(&mut self) -> Result<(), JsValue> {
        let doc = &self.n.doc;
        let l = &self.n.list;
        clear(&l.items);
        for &d in &self.picked {
            let (Ok(h), Some(c)) = (self.index.headline(d), view::card(&self.index, &blank(d)))
            else {
                continue;
            };
            let li = child(doc, &l.items, "li", "")?;
            text_child(doc, &li, "strong", "", h.name)?;
            for line in view::printout_lines(&c) {
                text_child(doc, &li, "span", "los-printout-line", &line)?;
            }
        }
        let mut label = String::from("My list (");
        label.push_str(&self.picked.len().to_string());
        label.push(')');
        l.toggle.set_text_content(Some(&label));
        clear(&l.share);
        let empty = self.picked.is_empty();
        if !empty {
            let mut hash = String::from("#");
            if let Ok(p) = web_sys::UrlSearchParams::new() {
                p.append(LIST_PARAM, &self.list_ids(SEP));
                hash.push_str(&String::from(p.to_string()));
            }
            let mut url = self.n.win.location().href().unwrap_or_default();
            url.truncate(url.find('#').unwrap_or(url.len()));
            url.push_str(&hash);
            if self.opts.kiosk() {
                text(doc, &l.share, "Take this list with you: ")?;
                if let Some(qr) = kiosk::qr_figure(doc, &url)? {
                    l.share.append_child(&qr)?;
                }
            } else {
                text(doc, &l.share, "To send this list, copy this link: ")?;
                // The page's address with the ids after `#`, in words; the link itself is only
                // the fragment, so it never leaves the page.
                let a = text_child(doc, &l.share, "a", "los-link", &url)?;
                attr(&a, "href", &hash)?;
            }
        }
        toggle_hidden(&l.empty, !empty)?;
        toggle_hidden(&l.section, empty && !self.list_shown)
    }
}

/// A hit on record `d` with no highlights (a card as the list shows it).
fn blank(d: u32) -> Hit {
    Hit {
        doc: d,
        ..Hit::default()
    }
}

/// The page address's fragment as parameters (the browser's own parser), if it has one.
pub(super) fn fragment(win: &Window) -> Option<web_sys::UrlSearchParams> {
    let hash = win.location().hash().ok()?;
    web_sys::UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()
}

/// A card's "Add to my list" button says, in its words and its state, whether the card is on
/// the list.
pub(super) fn show_picked(b: &Element, on: bool) -> Result<(), JsValue> {
    attr(b, "aria-pressed", if on { "true" } else { "false" })?;
    b.set_text_content(Some(if on {
        "Remove from my list"
    } else {
        "Add to my list"
    }));
    Ok(())
}
