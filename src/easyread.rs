//! The easy-read view of a record: short sentences, one idea each, everyday words, no acronyms,
//! grouped into parts that each get a pictogram (what it is, who it is for, where, how to get
//! it, what it costs).
//!
//! Easy read is a view, not a second dataset: the "what it is" part is the record's own
//! `easy_read` text (written and checked by editors); the other parts are built here from the
//! record's facts, in sentences short enough to pass the same checks.
//!
//! The sentences never depend on the query, so [`easy_read`] runs once per record, in the index
//! builder (`writer` feature), and the files carry the finished parts (see
//! [`crate::view::Wording`]): the widget only renders them, and none of this wording is in the
//! wasm.

#[cfg(feature = "writer")]
use crate::model::{date_words, Access, ContactKind, Cost, District, Kind, Need, Record, Status};
use serde::Serialize;

/// Which pictogram a part gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Icon {
    What,
    Who,
    Where,
    How,
    Cost,
    Word,
}

impl Icon {
    /// Every icon, in code order (a part's icon is stored as its position here).
    pub const ALL: [Icon; 6] = [
        Icon::What,
        Icon::Who,
        Icon::Where,
        Icon::How,
        Icon::Cost,
        Icon::Word,
    ];

    /// The heading of the part the icon marks: each kind of part has one.
    pub fn heading(self) -> &'static str {
        match self {
            Icon::What => "What it is",
            Icon::Who => "Who it is for",
            Icon::Where => "Where it is",
            Icon::How => "How to get it",
            Icon::Cost => "What it costs",
            Icon::Word => "What this word means",
        }
    }
}

/// One part of the easy-read view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub icon: Icon,
    pub heading: &'static str,
    pub sentences: Vec<String>,
}

/// The whole easy-read view of a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EasyRead {
    pub parts: Vec<Part>,
}

/// Words that need explaining or replacing in easy read, each with what to say instead: the
/// professional words a reader with a learning disability meets on the Local Offer. `check`
/// warns when an easy-read sentence uses one (or its plural) without explaining it (a sentence
/// of the same record saying "An assessment is …" or "… means …"); the sentences built here
/// use none of them.
pub const HARD_WORDS: &[(&str, &str)] = &[
    ("provider", "the people who run it"),
    ("complex needs", "say what the needs are"),
    ("programme", "a plan, a course or a project"),
    ("pathway", "the steps you go through"),
    ("referral", "a worker asks for help for you"),
    ("refer", "ask for help for you"),
    ("referred", "asked for help for you"),
    ("assessment", "a check to find out what help is needed"),
    ("assessed", "checked to find out what help is needed"),
    ("outreach", "they come to you"),
    ("eligible", "who can use it"),
    ("eligibility", "who can use it"),
    ("provision", "help, or a place"),
    ("intervention", "help"),
    ("commissioned", "paid for"),
    ("statutory", "the law says it must happen"),
    ("multi-agency", "different teams working together"),
    ("therapeutic", "helps you feel better"),
    ("neurodevelopmental", "how the brain grows"),
    ("co-production", "working together"),
    ("transition", "moving on"),
    ("facilitate", "help"),
    (
        "diagnosis",
        "finding out from a doctor what condition someone has",
    ),
];

/// The hard words ([`HARD_WORDS`]) `sentence` uses, as whole words, any case, plural too; each
/// with its suggestion.
pub fn hard_words(sentence: &str) -> Vec<(&'static str, &'static str)> {
    let lower = sentence.to_lowercase();
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    HARD_WORDS
        .iter()
        .copied()
        .filter(|(w, _)| {
            lower.match_indices(w).any(|(at, _)| {
                let before = lower[..at].chars().next_back();
                let mut after = lower[at + w.len()..].chars();
                let next = match after.next() {
                    Some('s') => after.next(),
                    c => c,
                };
                !before.is_some_and(is_word) && !next.is_some_and(is_word)
            })
        })
        .collect()
}

#[cfg(feature = "writer")]
/// A need in everyday words, to finish "It can help with …".
fn need_words(n: Need) -> &'static str {
    match n {
        Need::Asd => "autism",
        Need::Slcn => "talking and understanding",
        Need::Mld | Need::Sld | Need::Pmld => "learning",
        Need::Spld => "reading, writing or numbers",
        Need::Semh => "feelings and mental health",
        Need::Hi => "hearing",
        Need::Vi => "seeing",
        Need::Msi => "hearing and seeing",
        Need::Pd => "moving about",
    }
}

#[cfg(feature = "writer")]
fn access_sentence(a: Access) -> &'static str {
    match a {
        Access::SelfReferral => "You can contact them yourself.",
        Access::Referral => "A worker such as a doctor or teacher can ask for help for you.",
        Access::DropIn => "You can just turn up at a drop-in.",
        Access::Online => "You can use it online.",
        Access::Phone => "You can phone them.",
        Access::ThroughSchool => "Ask your school or nursery about it.",
        Access::ThroughGp => "Ask your doctor about it.",
        Access::Ehcp => "A plan or a group of workers decides who gets it.",
        Access::Booking => "You need to book a place.",
    }
}

#[cfg(feature = "writer")]
fn contact_sentence(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Web => "There is a website with more about it.",
        ContactKind::Email => "You can send an email to ask about it.",
        ContactKind::Phone => "You can phone to ask about it.",
    }
}

#[cfg(feature = "writer")]
/// Joins words as "a, b and c".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", crate::lean::join(init, ", ")),
    }
}

#[cfg(feature = "writer")]
/// Builds the easy-read view of a record.
pub fn easy_read(r: &Record) -> EasyRead {
    let mut parts = Vec::new();
    if r.kind == Kind::Glossary {
        let mut s = vec![format!("You may see the word {}.", r.term)];
        s.extend(r.easy_read.iter().cloned());
        parts.push(Part {
            icon: Icon::Word,
            heading: Icon::Word.heading(),
            sentences: s,
        });
        return EasyRead { parts };
    }
    let mut what: Vec<String> = r.easy_read.clone();
    match r.status {
        Status::Active => {}
        Status::Planned => {
            what.push("It is not open yet.".into());
            if !r.starts.is_empty() {
                what.push(format!("It should start in {}.", date_words(&r.starts)));
            }
        }
        Status::Ended => {
            what.push("It has ended.".into());
            if !r.ends.is_empty() {
                what.push(format!("It ended in {}.", date_words(&r.ends)));
            }
        }
        Status::Paused => what.push("It is not running at the moment.".into()),
    }
    parts.push(Part {
        icon: Icon::What,
        heading: Icon::What.heading(),
        sentences: what,
    });

    let mut who = Vec::new();
    match (r.minimum_age, r.maximum_age) {
        (Some(a), Some(b)) => who.push(format!("It is for ages {a} to {b}.")),
        (Some(a), None) => who.push(format!("It is for ages {a} and over.")),
        (None, Some(b)) => who.push(format!("It is for ages up to {b}.")),
        (None, None) => {}
    }
    if r.minimum_age.is_none() && r.maximum_age.is_none() && !r.stages.is_empty() {
        let who_words: Vec<&str> = r.stages.iter().map(|s| s.easy_words()).collect();
        who.push(format!("It is for {}.", and_list(&who_words)));
    }
    let mut needs: Vec<&str> = r.needs.iter().map(|n| need_words(*n)).collect();
    needs.dedup();
    if !needs.is_empty() {
        who.push(format!("It can help with {}.", and_list(&needs)));
    }
    if !who.is_empty() {
        parts.push(Part {
            icon: Icon::Who,
            heading: Icon::Who.heading(),
            sentences: who,
        });
    }

    if !r.districts.is_empty() {
        let s = if r.districts.contains(&District::Countywide) {
            "It is for all of Worcestershire.".to_string()
        } else {
            let names: Vec<&str> = r.districts.iter().map(|d| d.label()).collect();
            format!("It is in {}.", and_list(&names))
        };
        parts.push(Part {
            icon: Icon::Where,
            heading: Icon::Where.heading(),
            sentences: vec![s],
        });
    }

    let mut how: Vec<String> = r
        .access
        .iter()
        .map(|a| access_sentence(*a).to_string())
        .collect();
    for kind in ContactKind::ALL {
        if r.contacts.iter().any(|c| c.kind == *kind) {
            how.push(contact_sentence(*kind).to_string());
        }
    }
    if !how.is_empty() {
        parts.push(Part {
            icon: Icon::How,
            heading: Icon::How.heading(),
            sentences: how,
        });
    }

    if let Some(c) = r.cost {
        let sentences: &[&str] = match c {
            Cost::Free => &["It is free."],
            Cost::Paid => &["You have to pay for it."],
            Cost::Mixed => &["Some of it is free.", "Some of it you pay for."],
        };
        parts.push(Part {
            icon: Icon::Cost,
            heading: Icon::Cost.heading(),
            sentences: sentences.iter().map(|s| s.to_string()).collect(),
        });
    }
    EasyRead { parts }
}

#[cfg(all(test, feature = "writer"))]
mod tests {
    use super::*;

    #[test]
    fn a_service_reads_in_parts() {
        let r = Record {
            kind: Kind::Service,
            easy_read: vec!["This team helps with feelings.".into()],
            minimum_age: Some(5),
            maximum_age: Some(18),
            needs: vec![Need::Semh, Need::Asd],
            districts: vec![District::WyreForest, District::Redditch],
            access: vec![Access::SelfReferral],
            cost: Some(Cost::Free),
            ..Record::default()
        };
        let e = easy_read(&r);
        let icons: Vec<Icon> = e.parts.iter().map(|p| p.icon).collect();
        assert_eq!(
            icons,
            [Icon::What, Icon::Who, Icon::Where, Icon::How, Icon::Cost]
        );
        assert_eq!(
            e.parts[1].sentences[1],
            "It can help with feelings and mental health and autism."
        );
        assert_eq!(
            e.parts[2].sentences[0],
            "It is in Wyre Forest and Redditch."
        );
        // Every generated sentence is short.
        for p in &e.parts {
            for s in &p.sentences {
                assert!(s.split_whitespace().count() <= 15, "{s}");
            }
        }
    }

    #[test]
    fn planned_places_say_so() {
        let r = Record {
            status: Status::Planned,
            starts: "2027-09".into(),
            ..Record::default()
        };
        let what = &easy_read(&r).parts[0].sentences;
        assert!(what.contains(&"It is not open yet.".to_string()));
        assert!(what.contains(&"It should start in September 2027.".to_string()));
    }

    #[test]
    fn stages_and_contacts_read_in_plain_words() {
        let r = Record {
            stages: vec![crate::model::Stage::EarlyYears],
            contacts: vec![crate::model::Contact {
                kind: ContactKind::Email,
                value: "a@b.org".into(),
                label: String::new(),
                general: true,
            }],
            ..Record::default()
        };
        let e = easy_read(&r);
        assert_eq!(
            e.parts[1].sentences,
            ["It is for young children in the early years."]
        );
        assert_eq!(
            e.parts[2].sentences,
            ["You can send an email to ask about it."]
        );
    }

    #[test]
    fn hard_words_are_found_as_whole_words() {
        let found = |s: &str| -> Vec<&str> { hard_words(s).iter().map(|(w, _)| *w).collect() };
        assert_eq!(found("Ask another Provider."), ["provider"]);
        assert_eq!(found("These providers help."), ["provider"]);
        assert_eq!(found("For children with complex needs."), ["complex needs"]);
        assert_eq!(found("You do not need a referral."), ["referral"]);
        assert!(found("We can provide help.").is_empty());
        assert!(
            found("The preferred day.").is_empty(),
            "refer inside a word"
        );
        assert!(
            found("A pathway-like route").is_empty(),
            "a longer hyphenated word"
        );
    }

    #[test]
    fn built_sentences_use_no_hard_words() {
        use crate::model::{Contact, Stage, WaitingFor};
        let r = Record {
            kind: Kind::Service,
            status: Status::Planned,
            starts: "2027-09".into(),
            stages: Stage::ALL.to_vec(),
            needs: Need::ALL.to_vec(),
            districts: District::ALL.to_vec(),
            access: Access::ALL.to_vec(),
            cost: Some(Cost::Mixed),
            waiting_for: WaitingFor::ALL.to_vec(),
            contacts: ContactKind::ALL
                .iter()
                .map(|&kind| Contact {
                    kind,
                    value: String::new(),
                    label: String::new(),
                    general: true,
                })
                .collect(),
            ..Record::default()
        };
        let mut sentences: Vec<String> = Vec::new();
        for status in Status::ALL {
            let view = easy_read(&Record {
                status: *status,
                ends: "2025".into(),
                ..r.clone()
            });
            sentences.extend(view.parts.into_iter().flat_map(|p| p.sentences));
        }
        for c in Cost::ALL {
            let view = easy_read(&Record {
                cost: Some(*c),
                ..r.clone()
            });
            sentences.extend(view.parts.into_iter().flat_map(|p| p.sentences));
        }
        assert!(sentences.len() > 20);
        for s in &sentences {
            assert!(hard_words(s).is_empty(), "{s}: {:?}", hard_words(s));
        }
    }
}
