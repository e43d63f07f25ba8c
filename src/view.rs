//! What a result card says: the record turned into labelled pieces of plain text, ready for any
//! renderer (the widget's DOM, or a test).
//!
//! Keeping this out of the browser code means the wording, the acronym marking and the link
//! checks are tested natively, and the DOM layer only maps pieces to elements. Text here is
//! always *text*: the renderer puts it in text nodes, never parses it as HTML.
//!
//! What a card says whatever the query ([`Wording`]: badge, facts, last checked, easy read) is
//! worked out by [`wording`] in the index builder only (`writer` feature) and stored in the
//! files; the widget's [`card`] reads it back and adds only what needs the query or the
//! glossary (highlights, acronyms) and the checked links, so the wording rules stay out of the
//! wasm.

use crate::easyread::EasyRead;
use crate::index::Index;
#[cfg(feature = "writer")]
use crate::model::Access;
use crate::model::{date_words, ContactKind, Kind, Record, Status};
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

/// Makes a link from a record's url, email or phone, or refuses it, by the rules the builder
/// also checks ([`crate::links`]).
pub fn safe_link(kind: LinkKind, v: &str) -> Option<Link> {
    let href = match kind {
        LinkKind::Web => crate::links::web(v).ok().map(|()| v.to_string())?,
        LinkKind::Email => crate::links::email(v)
            .ok()
            .map(|()| format!("mailto:{v}"))?,
        LinkKind::Phone => format!("tel:{}", crate::links::phone(v).ok()?),
    };
    Some(Link {
        kind,
        href,
        text: v.to_string(),
        label: String::new(),
        general: false,
    })
}

impl Link {
    /// Whose contact this is, as the card says it above the contact: "General contact: SEND
    /// Team" for a general contact (so a family knows it is not the service's own), the label
    /// for another named contact, `None` for the service's own.
    pub fn whose(&self) -> Option<String> {
        let label = self.label.trim();
        let label = label
            .strip_suffix("(general contact)")
            .unwrap_or(label)
            .trim_end();
        let mut out = String::new();
        if self.general {
            out.push_str("General contact");
            if !label.is_empty() {
                out.push_str(": ");
            }
        }
        out.push_str(label);
        (!out.is_empty()).then_some(out)
    }
}

/// What the out-of-date link says.
pub const REPORT_TEXT: &str = "Tell us this is out of date";

/// `s` percent-encoded for a URL's query: every byte but the unreserved ASCII ones (RFC 3986)
/// as `%XX`, so a title's spaces, `&`, `?`, `#` or non-English letters cannot change the link.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// The "Tell us this is out of date" link of a record: an email to the Local Offer team (the
/// council profile's `email`, [`crate::council::Council`]) whose subject names the record (title
/// and id), so the team knows which card it is.
pub fn report_link(email: &str, id: &str, title: &str) -> Link {
    let mut href = String::from("mailto:");
    href.push_str(email);
    href.push_str("?subject=Out%20of%20date%3A%20");
    href.push_str(&percent_encode(title));
    href.push_str("%20%28");
    href.push_str(&percent_encode(id));
    href.push_str("%29");
    Link {
        kind: LinkKind::Email,
        href,
        text: REPORT_TEXT.to_string(),
        label: String::new(),
        general: false,
    }
}

/// A record's contacts as checked links, with their labels.
pub fn contact_links(r: &Record) -> Vec<Link> {
    r.contacts
        .iter()
        .filter_map(|c| {
            safe_link(LinkKind::of(c.kind), &c.value).map(|mut l| {
                l.label.clone_from(&c.label);
                l.general = c.general;
                l
            })
        })
        .collect()
}

/// What a link is, in words: "Website", "Email", "Phone".
pub fn link_kind_label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Web => "Website",
        LinkKind::Email => "Email",
        LinkKind::Phone => "Phone",
    }
}

/// The lines the family's list gives under a record's title (on screen and on paper): its
/// status when it is not open, how to get it, each contact (under whose it is), and the
/// address. Paper cannot be clicked, so every contact is written out in full. Taken from the
/// card the widget shows, so the list says what the card says and needs no wording of its own.
pub fn printout_lines(c: &Card) -> Vec<String> {
    let text = |segs: &[Segment]| segs.iter().map(|s| s.text.as_str()).collect::<String>();
    let fact = |label: &str| {
        c.facts
            .iter()
            .find(|f| f.label == label)
            .map(|f| crate::lean::join(&[label, ": ", &text(&f.value)], ""))
    };
    let mut out = Vec::new();
    out.extend(c.badge.clone());
    out.extend(fact("How to get it"));
    let mut last_whose = None;
    for l in &c.links {
        let whose = l.whose();
        if whose.is_some() && whose != last_whose {
            out.extend(whose.clone());
        }
        last_whose = whose;
        out.push(crate::lean::join(
            &[link_kind_label(l.kind), ": ", &l.text],
            "",
        ));
    }
    out.extend(fact("Address"));
    out
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

/// Everything a standard result card shows (also what the JavaScript API's `record` returns,
/// hence the camelCase names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub id: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub title: Vec<Segment>,
    pub summary: Vec<Segment>,
    pub facts: Vec<Fact>,
    pub links: Vec<Link>,
    /// Whether it runs: the badge shows for anything not open ([`Status::Active`]).
    pub status: Status,
    /// The badge's words ("Planned: expected 2027", "Ended September 2025", "Paused"); `None`
    /// for an open record, which needs no badge.
    pub badge: Option<String>,
    /// For an ended record: what replaced it, where the documents say.
    pub replaced_by: Vec<Segment>,
    /// "Tell us this is out of date": an email to the Local Offer team naming this record;
    /// `None` when the council profile gives no email.
    pub report: Option<Link>,
    /// The month the record was last checked against the documents, in words
    /// ("December 2026"); empty when the record does not say.
    pub last_checked: String,
    /// The easy-read view of the same record.
    pub easy: EasyRead,
}

/// Splits `text` into segments: highlighted ranges marked, glossary acronyms given their
/// meaning (spelled out the first time in `seen`). `highlights` are sorted by start, as search
/// gives them: one pass walks them with the words, so the work is linear in the text.
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
    let mut next = 0;
    // The text in lower case, made once, the first time an acronym needs it.
    let mut low = None;
    for (piece, is_word) in crate::words::pieces(text) {
        let (start, end) = (piece.start, piece.end);
        if end <= pos {
            continue;
        }
        while highlights.get(next).is_some_and(|h| h.start < start) {
            next += 1;
        }
        // A highlight that starts here may cover several words ("co-production").
        if let Some(h) = highlights
            .get(next)
            .filter(|h| is_word && h.start == start && h.end <= text.len())
        {
            if text.is_char_boundary(h.end) {
                let mut s = Segment::plain(&text[h.clone()]);
                s.mark = true;
                attach_abbr(index, &mut s, seen, text, &mut low);
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
            attach_abbr(index, &mut s, seen, text, &mut low);
        }
        push(&mut out, s);
        pos = end;
    }
    out
}

fn lowered(text: &str) -> String {
    text.chars().map(crate::text::lower).collect()
}

/// Gives an acronym its meaning. `seen` holds the forms already spelled out (a few per card:
/// at most the glossary's); `low` is `whole` in lower case, made on first use.
fn attach_abbr(
    index: &Index,
    s: &mut Segment,
    seen: &mut Vec<String>,
    whole: &str,
    low: &mut Option<String>,
) {
    if !crate::text::is_acronym(&s.text) {
        return;
    }
    if let Some(e) = index.glossary_entry(&s.text) {
        s.abbr = Some(e.expansion.clone());
        // Spell it out the first time, unless the text already does ("… Service (CAMHS)").
        if !seen.contains(&e.form) {
            seen.push(e.form.clone());
            let low = low.get_or_insert_with(|| lowered(whole));
            s.explain = !crate::lean::contains(low, &lowered(&e.expansion));
        }
    }
}

/// "0 to 25", "from 16", "up to 5", the stages the documents name ("Early years"), both
/// ("Pre-school; from 2"), or `None` when the record is silent.
#[cfg(feature = "writer")]
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

/// What the card says about whether it runs: "Planned: expected September 2027", "Ended
/// September 2025", "Paused", "Open until March 2026"; `None` for an open record with no end.
pub fn status_text(r: &Record) -> Option<String> {
    let label = r.status.label();
    match r.status {
        Status::Active if r.ends.is_empty() => None,
        Status::Active => Some(format!("{label} until {}", date_words(&r.ends))),
        Status::Planned if r.starts.is_empty() => Some(label.to_string()),
        Status::Planned => Some(format!("{label}: expected {}", date_words(&r.starts))),
        Status::Ended if r.ends.is_empty() => Some(label.to_string()),
        Status::Ended => Some(format!("{label} {}", date_words(&r.ends))),
        Status::Paused => Some(label.to_string()),
    }
}

/// The count above the results for a query with `total` results: "37 results for “autism”",
/// or in easy read, plainer: "We found 37 things that can help."
pub fn count_text(total: usize, q: &str, easy: bool) -> String {
    let n = total.to_string();
    let mut out = String::new();
    if easy {
        out.push_str("We found ");
        out.push_str(&n);
        out.push_str(if total == 1 {
            " thing that can help."
        } else {
            " things that can help."
        });
    } else {
        out.push_str(&n);
        out.push_str(if total == 1 {
            " result for “"
        } else {
            " results for “"
        });
        out.push_str(q);
        out.push('”');
    }
    out
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

/// Builds the card for a search hit from the wording the files carry ([`Index::wording`]):
/// what the widget runs. Only the title and summary (highlights) and the acronyms (the
/// glossary) are worked out here.
pub fn card(index: &Index, hit: &Hit) -> Option<Card> {
    let (r, wording) = index.wording(hit.doc).ok()?;
    Some(card_with(
        index,
        &r,
        wording,
        &hit.title_highlights,
        &hit.summary_highlights,
    ))
}

/// Builds the card for a record, working its wording out on the spot ([`wording`]): the same
/// card the widget shows from the stored wording.
#[cfg(feature = "writer")]
pub fn card_for(
    index: &Index,
    r: &Record,
    title_hl: &[Range<usize>],
    summary_hl: &[Range<usize>],
) -> Card {
    card_with(index, r, wording(r, index.council()), title_hl, summary_hl)
}

/// A card from a record's stored fields and its wording: the text segmented for highlights and
/// acronyms (spelled out the first time they appear, top to bottom), links checked.
fn card_with(
    index: &Index,
    r: &Record,
    w: Wording,
    title_hl: &[Range<usize>],
    summary_hl: &[Range<usize>],
) -> Card {
    let glossary = r.kind == Kind::Glossary;
    // A glossary entry's own term is explained by the card itself.
    let mut seen = if glossary {
        std::iter::once(&r.term).chain(&r.also).cloned().collect()
    } else {
        Vec::new()
    };
    let title = segments(index, &r.name, title_hl, &mut seen);
    let summary_text = if glossary { &r.expansion } else { &r.summary };
    let summary = segments(index, summary_text, summary_hl, &mut seen);
    let replaced_by = if !glossary && r.status == Status::Ended {
        segments(index, &r.replaced_by, &[], &mut seen)
    } else {
        Vec::new()
    };
    let facts = w
        .facts
        .into_iter()
        .map(|f| Fact {
            label: f.label,
            value: if f.marked {
                segments(index, &f.text, &[], &mut seen)
            } else {
                vec![Segment {
                    text: f.text,
                    mark: false,
                    abbr: None,
                    explain: false,
                }]
            },
        })
        .collect();
    Card {
        status: r.status,
        badge: w.badge,
        replaced_by,
        report: {
            let email = &index.council().email;
            (!email.is_empty()).then(|| report_link(email, &r.id, &r.name))
        },
        id: r.id.clone(),
        kind: r.kind,
        kind_label: r.kind.label(),
        title,
        summary,
        facts,
        links: contact_links(r),
        last_checked: w.last_checked,
        easy: w.easy,
    }
}

/// The labels a card's facts can have, in the order of their codes in the files.
pub const FACT_LABELS: [&str; 13] = [
    "Status",
    "Type",
    "Where",
    "Ages",
    "Needs",
    "Cost",
    "How to get it",
    "Places",
    "Who can use it",
    "Waiting times",
    "Run by",
    "Address",
    "What it means",
];

/// A fact as the files store it: its label and its words. A `marked` fact is the record's
/// own text, whose acronyms the card marks (with the glossary, at run time); the others are
/// built from the record's facts and shown as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactText {
    pub label: &'static str,
    pub text: String,
    pub marked: bool,
}

/// What a card says whatever the query: the status badge, the labelled facts, the month last
/// checked and the easy-read parts. The index builder works it out once per record
/// ([`wording`], `writer` feature) and stores it (`codec::encode_wording`): the index holds the
/// wording of what it knows of a record (enough for the first results), the second file the
/// whole card's. The widget only renders it ([`card`]), so none of these rules is in the wasm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wording {
    /// The badge's words ("Planned: expected 2027", "Ended September 2025", "Paused"); `None`
    /// for an open record or a glossary word, which need no badge.
    pub badge: Option<String>,
    pub facts: Vec<FactText>,
    /// "December 2026"; empty when the record does not say.
    pub last_checked: String,
    pub easy: EasyRead,
}

/// Works out a record's [`Wording`]: the one place the card's rules live.
/// `council` names the record's areas ("Where").
#[cfg(feature = "writer")]
pub fn wording(r: &Record, council: &crate::council::Council) -> Wording {
    let badge = if r.kind == Kind::Glossary || r.status == Status::Active {
        None
    } else {
        status_text(r)
    };
    let mut facts = Vec::new();
    let mut fact = |label: &'static str, text: String, marked: bool| {
        if !text.is_empty() {
            facts.push(FactText {
                label,
                text,
                marked,
            });
        }
    };
    if r.kind == Kind::Glossary {
        fact("What it means", r.plain_meaning.clone(), true);
    } else {
        // An open record with an end date says so among its facts; anything else has a badge.
        if r.status == Status::Active {
            fact("Status", status_text(r).unwrap_or_default(), false);
        }
        if let Some(p) = r.provision_type {
            fact("Type", p.label().into(), false);
        }
        fact(
            "Where",
            council.where_words(&r.districts).unwrap_or_default(),
            false,
        );
        fact("Ages", ages_text(r).unwrap_or_default(), false);
        let needs: Vec<&str> = r.needs.iter().map(|n| n.label()).collect();
        fact("Needs", crate::lean::join(&needs, ", "), false);
        if let Some(c) = r.cost {
            fact("Cost", c.label().into(), false);
        }
        if !r.how_to_get.is_empty() {
            fact("How to get it", r.how_to_get.clone(), true);
        } else {
            let how: Vec<&str> = r.access.iter().map(|a| Access::label(*a)).collect();
            fact("How to get it", crate::lean::join(&how, "; "), false);
        }
        if let Some(p) = r.places {
            fact("Places", p.to_string(), false);
        }
        fact("Who can use it", r.eligibility.clone(), true);
        fact("Waiting times", r.waiting.clone(), true);
        fact("Run by", r.organization.clone(), true);
        fact("Address", r.address.clone(), true);
    }
    Wording {
        badge,
        facts,
        last_checked: if r.last_checked.is_empty() {
            String::new()
        } else {
            date_words(&r.last_checked)
        },
        easy: crate::easyread::easy_read(r, council),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_follow_the_shared_table() {
        for &(kind, v, ok) in crate::links::CASES {
            assert_eq!(safe_link(kind, v).is_some(), ok, "{kind:?} {v:?}");
        }
    }

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

    fn record(status: Status) -> Record {
        Record {
            id: "svc-x".into(),
            kind: Kind::Service,
            name: "Early Years Hub & Outreach".into(),
            status,
            ..Record::default()
        }
    }

    #[test]
    fn status_reads_in_words() {
        let mut r = record(Status::Planned);
        r.starts = "2027".into();
        assert_eq!(status_text(&r).as_deref(), Some("Planned: expected 2027"));
        r.starts = "2027-09".into();
        assert_eq!(
            status_text(&r).as_deref(),
            Some("Planned: expected September 2027")
        );
        let mut r = record(Status::Ended);
        r.ends = "2025-09".into();
        assert_eq!(status_text(&r).as_deref(), Some("Ended September 2025"));
        r.ends.clear();
        assert_eq!(status_text(&r).as_deref(), Some("Ended"));
        assert_eq!(
            status_text(&record(Status::Paused)).as_deref(),
            Some("Paused")
        );
        assert_eq!(status_text(&record(Status::Active)), None);
        let mut r = record(Status::Active);
        r.ends = "2026-03".into();
        assert_eq!(status_text(&r).as_deref(), Some("Open until March 2026"));
    }

    #[test]
    fn easy_read_counts_in_plain_words() {
        assert_eq!(count_text(37, "autism", false), "37 results for “autism”");
        assert_eq!(count_text(1, "salt", false), "1 result for “salt”");
        assert_eq!(
            count_text(37, "autism", true),
            "We found 37 things that can help."
        );
        assert_eq!(
            count_text(1, "salt", true),
            "We found 1 thing that can help."
        );
    }

    #[test]
    fn general_contacts_say_so() {
        let mut l = safe_link(LinkKind::Email, "sen@worcschildrenfirst.org.uk").expect("valid");
        assert_eq!(l.whose(), None, "the service's own contact needs no label");
        l.label = "SEND Team, Worcestershire Children First (general contact)".into();
        l.general = true;
        assert_eq!(
            l.whose().as_deref(),
            Some("General contact: SEND Team, Worcestershire Children First")
        );
        l.label = "Local Offer team".into();
        assert_eq!(
            l.whose().as_deref(),
            Some("General contact: Local Offer team")
        );
        l.label.clear();
        assert_eq!(l.whose().as_deref(), Some("General contact"));
        l.general = false;
        l.label = "Trust communications team".into();
        assert_eq!(l.whose().as_deref(), Some("Trust communications team"));
    }

    #[test]
    fn the_out_of_date_link_names_the_record() {
        assert_eq!(percent_encode("a b&c?d#é~"), "a%20b%26c%3Fd%23%C3%A9~");
        let l = report_link(
            "localoffer@worcschildrenfirst.org.uk",
            "svc-x",
            "Early Years Hub & Outreach",
        );
        assert_eq!(l.text, "Tell us this is out of date");
        assert_eq!(
            l.href,
            "mailto:localoffer@worcschildrenfirst.org.uk?subject=Out%20of%20date%3A%20Early%20Years%20Hub%20%26%20Outreach%20%28svc-x%29"
        );
        // Nothing in the subject can end it or start another field.
        let (_, subject) = l.href.split_once("?subject=").expect("a subject");
        assert!(subject
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"%-._~".contains(&b)));
    }
}

#[cfg(all(test, feature = "writer"))]
mod card_tests {
    use super::*;
    use crate::model::{Access, Area, Contact, Kind};

    /// The index with its second file (easy read and the cards' details) attached.
    fn built(records: Vec<Record>) -> Index {
        let (bytes, _) = crate::index::write::build_with(
            &records,
            &Default::default(),
            &crate::council::test_council(),
        )
        .expect("the records build");
        let easy = crate::index::write::build_easy_read(&records, &bytes);
        let mut index = Index::from_vec(bytes).expect("the index opens");
        index.attach_easy_read(easy).expect("the second file opens");
        index
    }

    fn service(id: &str, status: Status) -> Record {
        Record {
            id: id.into(),
            kind: Kind::Service,
            name: format!("Service {id}"),
            summary: "Help for families.".into(),
            status,
            how_to_get: "Email the team.".into(),
            contacts: vec![Contact {
                kind: ContactKind::Email,
                value: "team@example.org.uk".into(),
                label: "The team (general contact)".into(),
                general: true,
            }],
            last_checked: "2026-01".into(),
            ..Record::default()
        }
    }

    #[test]
    fn a_printout_says_how_to_get_it_and_whom_to_contact() {
        let contact = |kind, value: &str, label: &str, general| Contact {
            kind,
            value: value.into(),
            label: label.into(),
            general,
        };
        let mut r = service("old", Status::Ended);
        r.ends = "2025-09".into();
        r.how_to_get = "Ask your school.".into();
        r.address = "1 High Street".into();
        let send = "SEND Team (general contact)";
        r.contacts = vec![
            contact(ContactKind::Phone, "01905 000000", "", false),
            contact(ContactKind::Email, "sen@example.org.uk", send, true),
            contact(ContactKind::Phone, "01905 846000", send, true),
        ];
        let index = built(vec![r, service("live", Status::Active)]);
        let lines = |d: u32| {
            let hit = Hit {
                doc: d,
                ..Hit::default()
            };
            printout_lines(&card(&index, &hit).expect("a card"))
        };
        let old = index.doc_of("old").expect("old is in the index");
        assert_eq!(
            lines(old),
            [
                "Ended September 2025",
                "How to get it: Ask your school.",
                "Phone: 01905 000000",
                "General contact: SEND Team",
                "Email: sen@example.org.uk",
                "Phone: 01905 846000",
                "Address: 1 High Street",
            ]
        );
        let live = index.doc_of("live").expect("live is in the index");
        assert_eq!(
            lines(live),
            [
                "How to get it: Email the team.",
                "General contact: The team",
                "Email: team@example.org.uk",
            ]
        );
    }

    #[test]
    fn cards_carry_badge_last_checked_and_report_link() {
        let mut ended = service("old", Status::Ended);
        ended.ends = "2025-09".into();
        ended.replaced_by = "The new service.".into();
        let mut planned = service("new", Status::Planned);
        planned.starts = "2027".into();
        let index = built(vec![service("live", Status::Active), ended, planned]);
        let cards: Vec<Card> = (0..index.len() as u32)
            .map(|d| {
                let r = index.record(d).expect("a record");
                card_for(&index, &r, &[], &[])
            })
            .collect();
        let by = |id: &str| cards.iter().find(|c| c.id == id).expect("the card");
        assert_eq!(by("live").badge, None, "an open record needs no badge");
        assert_eq!(by("old").badge.as_deref(), Some("Ended September 2025"));
        let replaced: String = by("old")
            .replaced_by
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(replaced, "The new service.");
        assert_eq!(by("new").badge.as_deref(), Some("Planned: expected 2027"));
        for c in &cards {
            assert_eq!(c.last_checked, "January 2026");
            assert!(c
                .report
                .as_ref()
                .is_some_and(|r| r.href.ends_with(&format!("%28{}%29", c.id))));
            assert!(c.facts.iter().any(|f| f.label == "How to get it"));
            assert_eq!(
                c.links[0].whose().as_deref(),
                Some("General contact: The team")
            );
            assert!(!c.facts.iter().any(|f| f.label == "Status"));
        }
    }

    #[test]
    fn the_stored_wording_is_the_card_the_rules_give() {
        let mut ended = service("old", Status::Ended);
        ended.ends = "2025-09".into();
        ended.replaced_by = "See the EHCP team.".into();
        ended.easy_read = vec!["It helped families.".into()];
        let mut open = service("live", Status::Active);
        open.ends = "2026-03".into();
        open.eligibility = "Families with an EHCP.".into();
        open.minimum_age = Some(0);
        open.maximum_age = Some(25);
        open.districts = vec![Area(5)];
        open.access = vec![Access::SelfReferral];
        let mut ehcp = service("gloss-ehcp", Status::Active);
        ehcp.kind = Kind::Glossary;
        ehcp.term = "EHCP".into();
        ehcp.expansion = "Education, Health and Care Plan".into();
        ehcp.plain_meaning = "A plan for a child's help.".into();
        let records = vec![ended, open, ehcp];
        let (bytes, _) = crate::index::write::build_with(
            &records,
            &Default::default(),
            &crate::council::test_council(),
        )
        .expect("the records build");
        let easy = crate::index::write::build_easy_read(&records, &bytes);
        let mut index = Index::from_vec(bytes).expect("the index opens");
        let hit = |doc| Hit {
            doc,
            ..Hit::default()
        };
        // Before the second file: the wording of what the index keeps (no details yet).
        for doc in 0..index.len() as u32 {
            let r = index.record(doc).expect("a record");
            let stored = card(&index, &hit(doc)).expect("a stored card");
            assert_eq!(stored, card_for(&index, &r, &[], &[]), "{}", r.id);
            assert!(
                stored.links.is_empty(),
                "contacts come with the second file"
            );
        }
        index.attach_easy_read(easy).expect("the second file opens");
        for doc in 0..index.len() as u32 {
            let r = index.record(doc).expect("a record");
            let stored = card(&index, &hit(doc)).expect("a stored card");
            assert_eq!(stored, card_for(&index, &r, &[], &[]), "{}", r.id);
            let full = records
                .iter()
                .find(|x| x.id == r.id)
                .expect("built from it");
            assert_eq!(stored.facts, card_for(&index, full, &[], &[]).facts);
            assert_eq!(
                stored.easy,
                crate::easyread::easy_read(full, index.council())
            );
            assert!(!stored.links.is_empty());
        }
    }

    fn glossary_index() -> Index {
        let mut ehcp = service("gloss-ehcp", Status::Active);
        ehcp.kind = Kind::Glossary;
        ehcp.term = "EHCP".into();
        ehcp.expansion = "Education, Health and Care Plan".into();
        built(vec![ehcp, service("live", Status::Active)])
    }

    #[test]
    fn segments_mark_highlights_and_explain_an_acronym_once() {
        let index = glossary_index();
        let text = "Ask about an EHCP. co-production helps; EHCP again.";
        let hl = [13..17, 19..32];
        let mut seen = vec!["Zeta".to_string(), "Alpha".to_string()];
        let segs = segments(&index, text, &hl, &mut seen);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text, "nothing lost or repeated");
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.mark)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, ["EHCP", "co-production"]);
        let abbrs: Vec<bool> = segs
            .iter()
            .filter(|s| s.abbr.is_some())
            .map(|s| s.explain)
            .collect();
        assert_eq!(abbrs, [true, false], "spelled out the first time only");
        assert_eq!(seen, ["Zeta", "Alpha", "EHCP"]);
    }

    #[test]
    fn segments_take_linear_time_in_the_text() {
        // 150 kB of text with every word highlighted, and an acronym every tenth word: once
        // 650 ms per keystroke, when each word scanned every highlight.
        let index = glossary_index();
        let mut text = String::new();
        let mut hl = Vec::new();
        for i in 0..25_000 {
            let word = if i % 10 == 0 { "EHCP" } else { "words" };
            hl.push(text.len()..text.len() + word.len());
            text.push_str(word);
            text.push(' ');
        }
        assert!(text.len() > 140_000);
        let started = std::time::Instant::now();
        let segs = segments(&index, &text, &hl, &mut Vec::new());
        let took = started.elapsed();
        assert_eq!(segs.iter().filter(|s| s.mark).count(), hl.len());
        assert_eq!(segs.iter().filter(|s| s.explain).count(), 1);
        assert!(took < std::time::Duration::from_secs(2), "{took:?}");
    }
}
