//! What a result card says: the record turned into labelled pieces of plain text, ready for any
//! renderer (the widget's DOM, or a test).
//!
//! Keeping this out of the browser code means the wording, the acronym marking and the link
//! checks are tested natively, and the DOM layer only maps pieces to elements. Text here is
//! always *text*: the renderer puts it in text nodes, never parses it as HTML.

use crate::easyread::{self, EasyRead};
use crate::index::Index;
use crate::model::{date_words, Access, ContactKind, District, Kind, Record, Status};
use crate::search::Hit;
use serde::Serialize;
use std::ops::Range;

/// A run of text within a line, with how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    /// A matched query word: shown highlighted.
    pub mark: bool,
    /// An acronym: what it stands for (shown as `<abbr title>`).
    pub abbr: Option<String>,
    /// The first time this acronym appears in the card: also spell it out after it, in words.
    pub explain: bool,
}

impl Segment {
    fn plain(text: &str) -> Self {
        Segment {
            text: text.to_string(),
            mark: false,
            abbr: None,
            explain: false,
        }
    }
}

/// A checked link: only `https:`, `mailto:` and `tel:` ever reach the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub kind: LinkKind,
    pub href: String,
    /// What the link says: the address, email or number itself.
    pub text: String,
    /// Whose contact it is, when it is not the service's own ("Local Offer team").
    pub label: String,
    /// A general contact, given because the documents print no direct one.
    pub general: bool,
}

/// What a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Web,
    Email,
    Phone,
}

/// Makes a link from a record's url, email or phone, or refuses it. The one place links are
/// checked.
pub fn safe_link(kind: LinkKind, value: &str) -> Option<Link> {
    let v = value.trim();
    if v.is_empty()
        || v.chars()
            .any(|c| c.is_control() || c.is_whitespace() && kind != LinkKind::Phone)
    {
        return None;
    }
    let href = match kind {
        LinkKind::Web => {
            let rest = v.strip_prefix("https://")?;
            let host = rest.split(['/', '?', '#']).next()?;
            if host.is_empty()
                || !host.bytes().any(|b| b == b'.')
                || host.bytes().any(|b| b == b'@')
            {
                return None;
            }
            v.to_string()
        }
        LinkKind::Email => {
            let (local, domain) = v.split_once('@')?;
            let ok = !local.is_empty()
                && domain.bytes().any(|b| b == b'.')
                && v.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_' | b'+' | b'-')
                });
            if !ok {
                return None;
            }
            format!("mailto:{v}")
        }
        LinkKind::Phone => {
            if !v
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'+' | b'(' | b')' | b'-'))
            {
                return None;
            }
            let digits: String = v
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            if digits.len() < 6 {
                return None;
            }
            format!("tel:{digits}")
        }
    };
    Some(Link {
        kind,
        href,
        text: v.to_string(),
        label: String::new(),
        general: false,
    })
}

impl LinkKind {
    /// The link kind of a record's contact.
    pub fn of(kind: ContactKind) -> Self {
        match kind {
            ContactKind::Web => LinkKind::Web,
            ContactKind::Email => LinkKind::Email,
            ContactKind::Phone => LinkKind::Phone,
        }
    }
}

/// A labelled fact on a card ("Ages": "0 to 25").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: Vec<Segment>,
}

/// Everything a standard result card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    pub id: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub title: Vec<Segment>,
    pub summary: Vec<Segment>,
    pub facts: Vec<Fact>,
    pub links: Vec<Link>,
    /// The month the record was last checked against the documents, in words
    /// ("December 2026"); empty when the record does not say.
    pub last_checked: String,
    /// The easy-read view of the same record.
    pub easy: EasyRead,
}

/// Splits `text` into segments: highlighted ranges marked, glossary acronyms given their
/// meaning (spelled out the first time in `seen`).
pub fn segments(
    index: &Index,
    text: &str,
    highlights: &[Range<usize>],
    seen: &mut Vec<String>,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let push = |out: &mut Vec<Segment>, s: Segment| match out.last_mut() {
        Some(last) if !s.mark && !last.mark && s.abbr.is_none() && last.abbr.is_none() => {
            last.text.push_str(&s.text);
        }
        _ => out.push(s),
    };
    let mut pos = 0;
    for (piece, is_word) in crate::words::pieces(text) {
        let (start, end) = (piece.start, piece.end);
        if end <= pos {
            continue;
        }
        // A highlight that starts here may cover several words ("co-production").
        if let Some(h) = highlights
            .iter()
            .find(|h| is_word && h.start == start && h.end <= text.len())
        {
            if text.is_char_boundary(h.end) {
                let mut s = Segment::plain(&text[h.clone()]);
                s.mark = true;
                attach_abbr(index, &mut s, seen, text);
                push(&mut out, s);
                pos = h.end;
                continue;
            }
        }
        // What a highlight left of this piece (highlights end at word ends, so normally all).
        let from = start.max(pos);
        if !text.is_char_boundary(from) {
            continue;
        }
        let mut s = Segment::plain(&text[from..end]);
        if is_word && from == start {
            attach_abbr(index, &mut s, seen, text);
        }
        push(&mut out, s);
        pos = end;
    }
    out
}

fn lowered(text: &str) -> String {
    text.chars().map(crate::text::lower).collect()
}

fn attach_abbr(index: &Index, s: &mut Segment, seen: &mut Vec<String>, whole: &str) {
    if !crate::text::is_acronym(&s.text) {
        return;
    }
    if let Some(e) = index.glossary_entry(&s.text) {
        s.abbr = Some(e.expansion.clone());
        // Spell it out the first time, unless the text already does ("… Service (CAMHS)").
        if !seen.contains(&e.form) {
            seen.push(e.form.clone());
            s.explain = !crate::lean::contains(&lowered(whole), &lowered(&e.expansion));
        }
    }
}

fn text_fact(
    index: &Index,
    label: &'static str,
    value: &str,
    seen: &mut Vec<String>,
) -> Option<Fact> {
    (!value.is_empty()).then(|| Fact {
        label,
        value: segments(index, value, &[], seen),
    })
}

/// "0 to 25", "from 16", "up to 5", the stages the documents name ("Early years"), both
/// ("Pre-school; from 2"), or `None` when the record is silent.
pub fn ages_text(r: &Record) -> Option<String> {
    let numbers = match (r.minimum_age, r.maximum_age) {
        (Some(a), Some(b)) => Some(format!("{a} to {b}")),
        (Some(a), None) => Some(format!("from {a}")),
        (None, Some(b)) => Some(format!("up to {b}")),
        (None, None) => None,
    };
    let stages: Vec<&str> = r.stages.iter().map(|s| s.label()).collect();
    match (stages.is_empty(), numbers) {
        (true, n) => n,
        (false, None) => Some(crate::lean::join(&stages, ", ")),
        (false, Some(n)) => Some(format!("{}; {n}", crate::lean::join(&stages, ", "))),
    }
}

/// What the card says about whether it runs: "Planned: expected to start September 2027",
/// "Ended September 2025", "Open until March 2026"; `None` for an open record with no end.
pub fn status_text(r: &Record) -> Option<String> {
    let label = r.status.label();
    match r.status {
        Status::Active if r.ends.is_empty() => None,
        Status::Active => Some(format!("{label} until {}", date_words(&r.ends))),
        Status::Planned if r.starts.is_empty() => Some(label.to_string()),
        Status::Planned => Some(format!(
            "{label}: expected to start {}",
            date_words(&r.starts)
        )),
        Status::Ended if r.ends.is_empty() => Some(label.to_string()),
        Status::Ended => Some(format!("{label} {}", date_words(&r.ends))),
        Status::Paused => Some(label.to_string()),
    }
}

/// The districts as words.
pub fn districts_text(r: &Record) -> Option<String> {
    if r.districts.is_empty() {
        return None;
    }
    if r.districts.contains(&District::Countywide) {
        return Some(District::Countywide.label().to_string());
    }
    let labels: Vec<&str> = r.districts.iter().map(|d| d.label()).collect();
    Some(crate::lean::join(&labels, ", "))
}

/// A hit's title and summary as segments, highlighted for this query: the only parts of a card
/// that change from one keystroke to the next. Reads just those fields from the index.
pub fn headline(index: &Index, hit: &Hit) -> Option<(Vec<Segment>, Vec<Segment>)> {
    let h = index.headline(hit.doc).ok()?;
    let mut seen = if h.kind == Kind::Glossary {
        vec![h.name.to_string()]
    } else {
        Vec::new()
    };
    let title = segments(index, h.name, &hit.title_highlights, &mut seen);
    let summary_text = if h.kind == Kind::Glossary {
        h.expansion
    } else {
        h.summary
    };
    let summary = segments(index, summary_text, &hit.summary_highlights, &mut seen);
    Some((title, summary))
}

/// Builds the card for a search hit.
pub fn card(index: &Index, hit: &Hit) -> Option<Card> {
    let r = index.record(hit.doc).ok()?;
    Some(card_for(
        index,
        &r,
        &hit.title_highlights,
        &hit.summary_highlights,
    ))
}

/// Builds the card for a record.
pub fn card_for(
    index: &Index,
    r: &Record,
    title_hl: &[Range<usize>],
    summary_hl: &[Range<usize>],
) -> Card {
    // A glossary entry's own term is explained by the card itself.
    let mut seen = if r.kind == Kind::Glossary {
        std::iter::once(&r.term).chain(&r.also).cloned().collect()
    } else {
        Vec::new()
    };
    let title = segments(index, &r.name, title_hl, &mut seen);
    let mut facts = Vec::new();
    let summary;
    if r.kind == Kind::Glossary {
        summary = segments(index, &r.expansion, summary_hl, &mut seen);
        facts.extend(text_fact(
            index,
            "What it means",
            &r.plain_meaning,
            &mut seen,
        ));
    } else {
        summary = segments(index, &r.summary, summary_hl, &mut seen);
        if let Some(status) = status_text(r) {
            facts.push(Fact {
                label: "Status",
                value: vec![Segment::plain(&status)],
            });
        }
        facts.extend(text_fact(
            index,
            "What replaced it",
            &r.replaced_by,
            &mut seen,
        ));
        if let Some(p) = r.provision_type {
            facts.push(Fact {
                label: "Type",
                value: vec![Segment::plain(p.label())],
            });
        }
        if let Some(d) = districts_text(r) {
            facts.push(Fact {
                label: "Where",
                value: vec![Segment::plain(&d)],
            });
        }
        if let Some(a) = ages_text(r) {
            facts.push(Fact {
                label: "Ages",
                value: vec![Segment::plain(&a)],
            });
        }
        if !r.needs.is_empty() {
            let needs: Vec<&str> = r.needs.iter().map(|n| n.label()).collect();
            facts.push(Fact {
                label: "Needs",
                value: vec![Segment::plain(&crate::lean::join(&needs, ", "))],
            });
        }
        if let Some(c) = r.cost {
            facts.push(Fact {
                label: "Cost",
                value: vec![Segment::plain(c.label())],
            });
        }
        if !r.how_to_get.is_empty() {
            facts.extend(text_fact(index, "How to get it", &r.how_to_get, &mut seen));
        } else if !r.access.is_empty() {
            let how: Vec<&str> = r.access.iter().map(|a| Access::label(*a)).collect();
            facts.push(Fact {
                label: "How to get it",
                value: vec![Segment::plain(&crate::lean::join(&how, "; "))],
            });
        }
        if let Some(p) = r.places {
            facts.push(Fact {
                label: "Places",
                value: vec![Segment::plain(&p.to_string())],
            });
        }
        facts.extend(text_fact(
            index,
            "Who can use it",
            &r.eligibility,
            &mut seen,
        ));
        facts.extend(text_fact(index, "Waiting times", &r.waiting, &mut seen));
        facts.extend(text_fact(index, "Run by", &r.organization, &mut seen));
        facts.extend(text_fact(index, "Address", &r.address, &mut seen));
    }
    let links = r
        .contacts
        .iter()
        .filter_map(|c| {
            safe_link(LinkKind::of(c.kind), &c.value).map(|mut l| {
                l.label.clone_from(&c.label);
                l.general = c.general;
                l
            })
        })
        .collect();
    Card {
        id: r.id.clone(),
        kind: r.kind,
        kind_label: r.kind.label(),
        title,
        summary,
        facts,
        links,
        last_checked: if r.last_checked.is_empty() {
            String::new()
        } else {
            date_words(&r.last_checked)
        },
        easy: easyread::easy_read(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_links_pass() {
        assert!(safe_link(LinkKind::Web, "https://www.worcestershire.gov.uk/x").is_some());
        assert!(safe_link(LinkKind::Web, "javascript:alert(1)").is_none());
        assert!(safe_link(LinkKind::Web, "http://example.org").is_none());
        assert!(safe_link(LinkKind::Web, "https://user@evil").is_none());
        assert!(safe_link(LinkKind::Web, "data:text/html,<script>").is_none());
        assert_eq!(
            safe_link(LinkKind::Email, "sen@worcschildrenfirst.org.uk").map(|l| l.href),
            Some("mailto:sen@worcschildrenfirst.org.uk".into())
        );
        assert!(safe_link(LinkKind::Email, "a@b.c?subject=<x>").is_none());
        assert_eq!(
            safe_link(LinkKind::Phone, "01905 846000").map(|l| l.href),
            Some("tel:01905846000".into())
        );
        assert!(safe_link(LinkKind::Phone, "javascript:1").is_none());
    }
}
