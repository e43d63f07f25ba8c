//! Rendering a search: running it for what is in the box and the filters, the result cards
//! (best matches, the answer panel, the folded other results), the one empty-state message,
//! and the status, announced once typing pauses through two alternating live regions.

use super::*;

/// How the no-results message starts (the query and "”." follow).
const NOT_FOUND: &str = "We could not find anything for “";

/// What to try when nothing is found: clearing the filters only when some are set.
fn tip(f: &Filters) -> &'static str {
    if f.is_empty() {
        "Try fewer words, or check the spelling."
    } else {
        "Try fewer words, check the spelling, or clear the filters."
    }
}

impl State {
    /// Searches for what is in the box and the filters, and shows it.
    pub(super) fn update(&mut self, open_list: bool) -> Result<(), JsValue> {
        let q = self.n.input.value();
        let filters = self.filters();
        #[cfg(los_chunked)]
        self.chunks_before();
        #[allow(unused_mut)]
        let mut results = self.searcher.search(&self.index, &q, &filters, self.limit);
        // Over a chunked index, a filter's column (or the ages or areas a question states)
        // that has not arrived would let every record through: nothing is shown until it has.
        #[cfg(los_chunked)]
        if !self.columns_ready(&q, &filters) {
            results = crate::search::Results {
                understood: results.understood,
                ..Default::default()
            };
        }
        // Something taken back stays taken back while the question still states it.
        let u = &results.understood;
        if u.age.is_some() || u.age_words.is_empty() {
            self.ignore_age = None;
        }
        if u.district.is_some() || u.place_words.is_empty() {
            self.ignore_place = None;
        }
        let unknown = understood::unknown_words(&self.index, &results);
        self.last = results;
        // Over a chunked index: what the search still needs is asked for at once; a word is
        // not called unknown while its dictionary is on its way.
        #[cfg(los_chunked)]
        let unknown = {
            self.chunks_after(&q, Some(&filters));
            if self.waiting() {
                Default::default()
            } else {
                unknown
            }
        };
        let doc = &self.n.doc;
        self.chips = understood::chips(doc, &self.n.u, &self.last.understood)?;
        understood::unknown(
            doc,
            &self.n.u,
            &unknown,
            self.link_style(),
            &self.index.council().email,
        )?;
        self.render_results()?;
        // The records the cards reached for, and then the easy read of those on screen.
        #[cfg(los_chunked)]
        self.chunks_after(&q, None);
        if open_list && !q.trim().is_empty() {
            self.render_options()?;
        } else {
            self.close_list()?;
        }
        self.show_filters_set(&filters);
        let mut message = self.status_message(&q, &filters, &unknown);
        self.show_count(&message)?;
        // The list of suggestions is heard of only here: how many, and how to reach them.
        let offered = self.options.len();
        if open_list && offered > 0 {
            let n = offered.to_string();
            let what = if offered == 1 {
                " suggestion"
            } else {
                " suggestions"
            };
            let sep = if message.ends_with('.') { " " } else { ". " };
            push(
                &mut message,
                &[sep, &n, what, ": use the up and down arrow keys to choose."],
            );
        }
        self.schedule_status(message);
        Ok(())
    }

    /// The "Filters" button (shown on narrow screens, where the filters fold) says how many
    /// are set, so folded filters still show that they narrow the results.
    pub(super) fn show_filters_set(&self, f: &Filters) {
        let set = [
            f.kind.is_some(),
            f.district.is_some(),
            f.age.is_some(),
            f.need.is_some(),
        ]
        .iter()
        .filter(|on| **on)
        .count();
        let text = match set {
            0 => "Filters".to_string(),
            _ => format!("Filters ({set} set)"),
        };
        self.n.filters_toggle.set_text_content(Some(&text));
    }

    /// The results' heading says how many there are ("14 results for “autism”."), unless the
    /// no-results box says it (one message, not two); with nothing to say it is hidden.
    pub(super) fn show_count(&self, message: &str) -> Result<(), JsValue> {
        let boxed = self.n.empty.get_attribute("hidden").is_none();
        let text = if boxed { "" } else { message };
        self.n.count.set_text_content(Some(text));
        toggle_hidden(&self.n.count, text.is_empty())
    }

    /// Enter (a phone's Go key) with no suggestion chosen: the family wants the results, so
    /// focus goes to their heading (a screen reader reads the count), scrolled to the top of
    /// the screen, and a phone's keyboard closes.
    pub(super) fn to_results(&self) -> Result<(), JsValue> {
        if self.counts().0 == 0 {
            return Ok(());
        }
        let heading: &HtmlElement = self.n.count.unchecked_ref();
        heading.focus()?;
        heading.scroll_into_view_with_bool(true);
        Ok(())
    }

    /// How many results are shown as results (an answer's glossary entries are in its panel,
    /// not the list), and how many of those are best matches.
    pub(super) fn counts(&self) -> (usize, usize) {
        let skipped = self.last.answer.as_ref().map_or(0, |a| {
            self.last
                .hits
                .iter()
                .filter(|h| a.docs.contains(&h.doc))
                .count()
        });
        (
            self.last.total.saturating_sub(skipped),
            self.last.best.saturating_sub(skipped),
        )
    }

    pub(super) fn status_message(
        &self,
        q: &str,
        filters: &Filters,
        unknown: &understood::Unknown,
    ) -> String {
        let q = q.trim();
        let (total, best) = self.counts();
        if q.is_empty() && filters.is_empty() {
            return String::new();
        }
        let mut m = String::new();
        let n = total.to_string();
        if q.is_empty() {
            let plural = if total == 1 { " result" } else { " results" };
            push(&mut m, &[&n, plural, " match your choices"]);
            return m;
        }
        for (word, _) in unknown {
            push(&mut m, &["We don't know ", word, " yet. "]);
        }
        let meaning = self.last.answer.as_ref().and_then(|a| a.docs.first());
        if let Some(h) = meaning.and_then(|d| self.index.headline(*d).ok()) {
            push(&mut m, &[h.name, " means ", h.expansion, ". "]);
        }
        if self.last.total == 0 {
            // The no-results box's words ([`State::render_empty`]), spoken.
            push(&mut m, &[NOT_FOUND, q, "”. "]);
            match &self.last.suggestion {
                Some(s) => push(&mut m, &["Try “", s, "”."]),
                None => m.push_str(tip(filters)),
            }
        } else if total > 0 {
            // Easy read: one short sentence; the folded list's button says the rest.
            m += &view::count_text(total, q, self.easy);
            if !self.easy {
                m += &understood::said(&self.last.understood);
                if best > 0 && best < total && self.last.hits.iter().any(|h| !h.main) {
                    let more = (total - best).to_string();
                    push(&mut m, &[". Best ", &best.to_string(), " first; ", &more]);
                    m.push_str(" more under “Other results”");
                }
            }
        }
        if m.ends_with(' ') {
            m.pop();
        }
        #[cfg(los_chunked)]
        self.chunks_status(&mut m);
        m
    }

    /// Announces `message` once typing pauses. Each announcement goes to the live region that is
    /// empty now and empties the other, so consecutive announcements alternate and a repeated
    /// message is read again (a region whose text does not change is not re-read).
    pub(super) fn schedule_status(&mut self, message: String) {
        let Some(cb) = &self.status_cb else {
            return;
        };
        if self
            .n
            .win
            .set_timeout_with_callback_and_timeout_and_arguments_0(cb, STATUS_DELAY_MS)
            .is_ok()
        {
            self.status_pending += 1;
        }
        self.status_next = message;
    }

    /// A status timer fired: the last one announces [`State::status_next`] (the earlier ones
    /// were overtaken by typing).
    pub(super) fn announce(&mut self) -> Result<(), JsValue> {
        self.status_pending = self.status_pending.saturating_sub(1);
        if self.status_pending > 0 {
            return Ok(());
        }
        let [a, b] = &self.n.status;
        let (on, off) = if self.status_a_speaking {
            (b, a)
        } else {
            (a, b)
        };
        off.set_text_content(None);
        on.set_text_content(Some(&self.status_next));
        self.status_a_speaking = !self.status_a_speaking && !self.status_next.is_empty();
        Ok(())
    }

    /// The card of `hit`'s record, built once and kept ([`State::cards`]). Its easy-read view is
    /// built with it only while easy read is shown ([`State::card_easy`] fills it later).
    pub(super) fn card_nodes(&mut self, hit: &Hit) -> Result<Option<&CardNodes>, JsValue> {
        let d = hit.doc as usize;
        if self.cards.get(d).is_none_or(Option::is_none) {
            let Some(c) = view::card(&self.index, hit) else {
                return Ok(None);
            };
            let title_tag = self.opts.heading(1);
            let part_tag = self.easy_shown().then(|| self.opts.heading(2));
            let style = self.link_style();
            let nodes = render::card(&self.n.doc, &c, title_tag, part_tag, style)?;
            attr(&nodes.pick, "data-doc", &hit.doc.to_string())?;
            show_picked(&nodes.pick, self.picked.contains(&hit.doc))?;
            if self.cards.len() <= d {
                self.cards.resize_with(d + 1, || None);
            }
            self.cards[d] = Some(nodes);
        }
        Ok(self.cards.get(d).and_then(Option::as_ref))
    }

    /// Whether the easy-read view is what the cards show (on, and its sentences arrived or
    /// known to be missing).
    pub(super) fn easy_shown(&self) -> bool {
        // Over a chunked index each record's easy read comes with its fragment: ready at once.
        #[cfg(los_chunked)]
        if self.chunked() {
            return self.easy;
        }
        self.easy && (self.index.has_easy_read() || self.easy_failed)
    }

    /// Fills the easy-read view of record `d`'s built card if easy read is shown and it has
    /// none yet.
    pub(super) fn card_easy(&mut self, d: usize) -> Result<(), JsValue> {
        if !self.easy_shown() {
            return Ok(());
        }
        let Some(Some(nodes)) = self.cards.get_mut(d) else {
            return Ok(());
        };
        if nodes.easy_built {
            return Ok(());
        }
        nodes.easy_built = true;
        // The card's easy-read view is its record's stored wording's ([`view::card`]'s).
        if let Ok((_, w)) = self.index.wording(d as u32) {
            render::easy_parts(&self.n.doc, &nodes.easy, &w.easy, self.opts.heading(2))?;
        }
        Ok(())
    }

    /// Builds the next card not built yet, in record order, so that typing finds it ready: the
    /// element calls it in the page's idle time ([`super::warm_card`]). Returns whether any
    /// are left to build.
    pub(super) fn warm_card(&mut self) -> Result<bool, JsValue> {
        let n = self.index.len();
        while self.warm_next < n {
            let d = self.warm_next;
            self.warm_next += 1;
            if self.cards.get(d).is_none_or(Option::is_none) {
                let blank = Hit {
                    doc: d as u32,
                    ..Hit::default()
                };
                self.card_nodes(&blank)?;
                break;
            }
        }
        Ok(self.warm_next < n)
    }

    pub(super) fn link_style(&self) -> LinkStyle {
        if self.opts.kiosk() {
            LinkStyle::Kiosk
        } else {
            LinkStyle::Links
        }
    }

    /// Shows the answer's glossary entries in its panel, then the best matches, then the other
    /// results under "Other results" (folded when there are best matches above them).
    pub(super) fn render_results(&mut self) -> Result<(), JsValue> {
        let doc = self.n.doc.clone();
        let (main, other) = (self.n.results.clone(), self.n.u.other_list.clone());
        let answer = self
            .last
            .answer
            .as_ref()
            .map_or(Vec::new(), |a| a.docs.clone());
        let (total, best) = self.counts();
        let hits = std::mem::take(&mut self.last.hits);
        let fold = best > 0 && hits.iter().any(|h| !h.main);
        self.titles.clear();
        let answer_list = self.n.u.answer_list.clone();
        for list in [&answer_list, &main, &other] {
            clear(list);
        }
        // The answer's entries (without highlights), then the results, best first.
        // Whether an entry is in the answer's panel, or the first error.
        let mut shown = Ok(false);
        for &d in &answer {
            let blank = Hit {
                doc: d,
                ..Hit::default()
            };
            shown =
                shown.and_then(|any| Ok(self.show_card(&doc, &blank, &answer_list, false)? || any));
        }
        for h in hits.iter().filter(|h| !answer.contains(&h.doc)) {
            let to = if fold && !h.main { &other } else { &main };
            shown = shown.and_then(|any| self.show_card(&doc, h, to, true).map(|_| any));
        }
        self.last.hits = hits;
        let answered = shown?;
        toggle_hidden(&self.n.u.answer, !answered)?;
        understood::fold(&self.n.u, fold, self.fold_open, total - best)?;
        let more_hidden = self.last.total <= self.last.hits.len();
        toggle_hidden(&self.n.more, more_hidden)?;
        self.render_empty()
    }

    /// Fills the card of `hit` for this query and appends it to `to`; a result's title is
    /// offered as a suggestion (`offer`). Returns whether a card was appended.
    pub(super) fn show_card(
        &mut self,
        doc: &Document,
        hit: &Hit,
        to: &web_sys::Node,
        offer: bool,
    ) -> Result<bool, JsValue> {
        let Some((title, summary)) = view::headline(&self.index, hit) else {
            return Ok(false);
        };
        let d = hit.doc as usize;
        if self.card_nodes(hit)?.is_some() {
            self.card_easy(d)?;
        }
        let appended = match self.cards.get(d).and_then(Option::as_ref) {
            Some(nodes) => {
                render::fill(doc, nodes, &title, &summary)?;
                to.append_child(&nodes.li)?;
                true
            }
            None => false,
        };
        if offer && self.titles.len() < MAX_OPTIONS {
            self.titles.push((hit.doc, title));
        }
        Ok(appended)
    }

    /// One message when nothing matches: what was not found, the closest real word, what to
    /// try (clearing the filters only when some are set) and whom to ask. An unknown acronym's
    /// notice already says all of that for its word, so then it is the only message.
    pub(super) fn render_empty(&mut self) -> Result<(), JsValue> {
        let q = self.n.input.value();
        let e = &self.n.empty;
        clear(e);
        let notice = self.n.u.unknown.get_attribute("hidden").is_none();
        #[cfg(los_chunked)]
        let notice = notice || self.waiting();
        if self.last.total > 0 || q.trim().is_empty() || notice {
            return toggle_hidden(e, true);
        }
        let doc = &self.n.doc;
        let mut said = String::from(NOT_FOUND);
        push(&mut said, &[q.trim(), "”."]);
        text_child(doc, e, "p", "los-empty-text", &said)?;
        if let Some(s) = self.last.suggestion.as_ref() {
            let b = text_child(
                doc,
                e,
                "button",
                "los-button los-suggestion",
                &format!("Search for “{s}” instead"),
            )?;
            attrs(&b, &[("type", "button"), ("data-suggestion", s)])?;
        }
        text_child(doc, e, "p", "los-empty-tip", tip(&self.filters()))?;
        // Over a chunked index, a part that failed may be why: said here, where the count is not.
        #[cfg(los_chunked)]
        if let Some(f) = self.chunk_failure() {
            text_child(doc, e, "p", "los-empty-tip", f)?;
        }
        let ask = text_child(
            doc,
            e,
            "p",
            "los-empty-ask",
            "Or ask the Local Offer team, who can help you find it. ",
        )?;
        if let Some(l) = view::safe_link(LinkKind::Email, &self.index.council().email) {
            render::link(doc, &ask, &l, self.link_style())?;
        }
        toggle_hidden(e, false)
    }
}
