//! The family's list (so far a kiosk's printout picks): adding and taking away, the printout,
//! and telling the page it changed.

use super::*;

impl State {
    /// Tells the page the family's list (a kiosk's printout) changed.
    pub(super) fn list_changed(&self) {
        let mut ids = String::new();
        for h in self
            .picked
            .iter()
            .filter_map(|&d| self.index.headline(d).ok())
        {
            if !ids.is_empty() {
                ids.push('\n');
            }
            ids.push_str(h.id);
        }
        self.tell("list-change", &ids, "");
    }

    pub(super) fn toggle_pick(&mut self, doc: u32) -> Result<(), JsValue> {
        if !kiosk::BUILD {
            return Ok(());
        }
        let on = if let Some(i) = self.picked.iter().position(|d| *d == doc) {
            self.picked.remove(i);
            false
        } else {
            self.picked.push(doc);
            true
        };
        if let Some(b) = self
            .cards
            .get(doc as usize)
            .and_then(Option::as_ref)
            .and_then(|n| n.pick.clone())
        {
            show_picked(&b, on)?;
        }
        self.render_printout()?;
        self.list_changed();
        Ok(())
    }

    pub(super) fn render_printout(&mut self) -> Result<(), JsValue> {
        let Some((sec, list)) = self.n.printout.as_ref().filter(|_| kiosk::BUILD) else {
            return Ok(());
        };
        let doc = &self.n.doc;
        clear(list);
        for &d in &self.picked {
            let Ok(r) = self.index.record(d) else {
                continue;
            };
            let li = child(doc, list, "li", "")?;
            text_child(doc, &li, "strong", "", &r.name)?;
            for line in kiosk::printout_lines(&r) {
                text_child(doc, &li, "span", "los-printout-line", &line)?;
            }
        }
        toggle_hidden(sec, self.picked.is_empty())
    }
}

/// A card's printout button says, in its words and its state, whether the card is on the list.
pub(super) fn show_picked(b: &Element, on: bool) -> Result<(), JsValue> {
    attr(b, "aria-pressed", if on { "true" } else { "false" })?;
    b.set_text_content(Some(if on {
        "Remove from my printout"
    } else {
        "Add to my printout"
    }));
    Ok(())
}
