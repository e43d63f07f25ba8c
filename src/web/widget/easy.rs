//! Easy read: turning it on and off, remembering the choice, and rebuilding the cards once the
//! second file has brought their details and easy-read sentences.

use super::*;

impl State {
    /// Turns easy read on or off. Until the easy-read sentences arrive (the script fetches them
    /// after the first search), the button shows the choice and the standard view stays.
    pub(super) fn set_easy(&mut self, on: bool, remember: bool) -> Result<(), JsValue> {
        self.easy = on;
        let ready = self.index.has_easy_read() || self.easy_failed;
        // Over a chunked index each record's easy read comes with its fragment: ready at once.
        #[cfg(los_chunked)]
        let ready = ready || self.chunked();
        attr(
            &self.n.container,
            "data-view",
            if on && ready { "easy" } else { "standard" },
        )?;
        self.easy_awaited = on && !ready && (remember || self.easy_awaited);
        // The cards on show get their easy-read view now (a card is built without it while
        // easy read is not shown: [`State::card_easy`]).
        if on && ready {
            let mut d = 0;
            while let Some(c) = self.cards.get(d) {
                if c.as_ref()
                    .is_some_and(|n| self.n.container.contains(Some(&n.li)))
                {
                    self.card_easy(d)?;
                }
                d += 1;
            }
        }
        if on && remember {
            if !ready {
                self.schedule_status(EASY_LOADING.to_string());
            } else if self.easy_failed {
                self.schedule_status(EASY_MISSING.to_string());
            }
        }
        attr(
            &self.n.easy_toggle,
            "aria-pressed",
            if on { "true" } else { "false" },
        )?;
        // The visible count is worded for the view ("We found 37 things that can help.").
        let unknown = understood::unknown_words(&self.index, &self.last);
        let count = self.status_message(&self.n.input.value(), &self.filters(), &unknown);
        self.show_count(&count)?;
        // Only a choice that differs from the page's default is remembered; going back to the
        // default forgets it (the call the kiosk's reset makes: the family build needs it too,
        // for both builds to share one JS glue).
        if let Some(s) = storage(&self.n.win).filter(|_| remember) {
            let _ = if on == self.opts.easy_default {
                s.remove_item(EASY_KEY)
            } else {
                s.set_item(EASY_KEY, if on { "1" } else { "0" })
            };
        }
        Ok(())
    }

    /// Rebuilds the cards on show (and the printout) once the second file has brought the
    /// cards' details: how to get the help, contacts and the rest of [`crate::index::codec::
    /// encode_details`]. A card that held the focus gets it back, and picks stay picked
    /// ([`State::card_nodes`] shows them).
    pub(super) fn refresh_cards(&mut self) -> Result<(), JsValue> {
        let active = self.n.root.active_element();
        let focused = active.as_ref().and_then(|a| {
            self.cards
                .iter()
                .position(|c| c.as_ref().is_some_and(|n| n.li.contains(Some(a))))
        });
        self.cards.clear();
        self.warm_next = 0;
        self.render_results()?;
        if let Some(Some(n)) = focused.and_then(|d| self.cards.get(d)) {
            n.li.unchecked_ref::<HtmlElement>().focus()?;
        }
        self.render_printout()
    }

    /// The easy-read file is missing or broken: easy read shows the facts-based parts only.
    pub(super) fn easy_missing(&mut self) -> Result<(), JsValue> {
        self.easy_failed = true;
        self.easy_awaited = false;
        if self.easy {
            self.set_easy(true, false)?;
            self.schedule_status(EASY_MISSING.to_string());
        }
        Ok(())
    }
}
