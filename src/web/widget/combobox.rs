//! The search box's suggestions (the ARIA 1.2 combobox pattern with a listbox popup): showing
//! them, moving through them, and choosing one, which puts its title in the box and takes the
//! family to its card.

use super::*;

impl State {
    pub(super) fn render_options(&mut self) -> Result<(), JsValue> {
        let doc = self.n.doc.clone();
        clear(&self.n.listbox);
        self.options.clear();
        self.active = None;
        self.n.input.remove_attribute("aria-activedescendant")?;
        for (i, (doc_id, title)) in self.titles.iter().enumerate() {
            let Some(kind) = self.index.filter(*doc_id).map(|f| f.kind) else {
                continue;
            };
            let li = child(&doc, &self.n.listbox, "li", "los-option")?;
            attrs(
                &li,
                &[
                    ("id", &format!("los-option-{i}")),
                    ("role", "option"),
                    ("aria-selected", "false"),
                    ("data-index", &i.to_string()),
                ],
            )?;
            let t = child(&doc, &li, "span", "los-option-title")?;
            render::segments(&doc, &t, title)?;
            text(&doc, &li, " ")?;
            text_child(&doc, &li, "span", "los-option-kind", kind.label())?;
            self.options.push(*doc_id);
        }
        let open = !self.options.is_empty();
        toggle_hidden(&self.n.listbox, !open)?;
        attr(
            &self.n.input,
            "aria-expanded",
            if open { "true" } else { "false" },
        )
    }

    pub(super) fn close_list(&mut self) -> Result<(), JsValue> {
        self.active = None;
        self.n.input.remove_attribute("aria-activedescendant")?;
        attr(&self.n.input, "aria-expanded", "false")?;
        toggle_hidden(&self.n.listbox, true)
    }

    pub(super) fn list_open(&self) -> bool {
        self.n.listbox.get_attribute("hidden").is_none()
    }

    pub(super) fn set_active(&mut self, i: Option<usize>) -> Result<(), JsValue> {
        let opts = self.n.listbox.children();
        for k in 0..opts.length() {
            if let Some(o) = opts.item(k) {
                let on = Some(k as usize) == i;
                attr(&o, "aria-selected", if on { "true" } else { "false" })?;
                if on {
                    o.scroll_into_view_with_bool(false);
                }
            }
        }
        self.active = i;
        match i {
            Some(k) => attr(
                &self.n.input,
                "aria-activedescendant",
                &format!("los-option-{k}"),
            ),
            None => self.n.input.remove_attribute("aria-activedescendant"),
        }
    }

    /// Moves focus to the result shown at position `i` (if there is one).
    pub(super) fn focus_result(&self, i: usize) -> Result<(), JsValue> {
        match self.last.hits.get(i) {
            Some(hit) => self.focus_card(hit.doc).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Moves focus to the card of record `doc`, if it has been rendered; returns it.
    pub(super) fn focus_card(&self, doc: u32) -> Result<Option<HtmlElement>, JsValue> {
        let Some(nodes) = self.cards.get(doc as usize).and_then(Option::as_ref) else {
            return Ok(None);
        };
        // Cards are HTML `<li>`s, so the cast holds.
        let li: HtmlElement = nodes.li.clone().unchecked_into();
        li.focus()?;
        Ok(Some(li))
    }

    /// Takes the family to the chosen suggestion's result.
    pub(super) fn choose(&mut self, i: usize) -> Result<(), JsValue> {
        let Some(&doc) = self.options.get(i) else {
            return Ok(());
        };
        self.close_list()?;
        // As the combobox pattern has it, the chosen title goes in the box, and the results
        // are that title's (the chosen record first).
        let typed = self.n.input.value();
        if let Ok(title) = self.index.headline(doc).map(|h| h.name.to_string()) {
            self.n.input.set_value(&title);
            self.update(false)?;
        }
        let folded = self
            .cards
            .get(doc as usize)
            .and_then(Option::as_ref)
            .is_some_and(|c| self.n.u.other_list.contains(Some(&c.li)));
        if folded && !self.fold_open {
            self.fold_open = true;
            understood::expand(&self.n.u, true)?;
        }
        if let Some(li) = self.focus_card(doc)? {
            li.scroll_into_view_with_bool(true);
        }
        if let Ok(h) = self.index.headline(doc) {
            self.tell("select", h.id, &typed);
        }
        Ok(())
    }
}
