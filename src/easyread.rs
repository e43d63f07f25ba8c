//! The easy-read view of a record: short sentences, one idea each, everyday words, no acronyms,
//! grouped into parts (what it is, whether it is open, who it is for, where, how to get it, what
//! it costs), each with a picture of what that part is about: a school, a doctor, a phone, a
//! calendar, money, a house ([`Topic`]).
//!
//! Easy read is a view, not a second dataset: the "what it is" part is the record's own
//! `easy_read` text (written and checked by editors); the other parts are built here from the
//! record's facts, in sentences short enough to pass the same checks.
//!
//! The sentences never depend on the query, so [`easy_read`] runs once per record, in the index
//! builder (`writer` feature), and the files carry the finished parts (see
//! [`crate::view::Wording`]): the widget only renders them, and none of this wording is in the
//! wasm.
//!
//! The pictures are open pictograms (OpenMoji's black line set, CC BY-SA 4.0) that editors
//! choose per topic in `data/pictograms.toml`; the builder checks them and writes their shapes
//! into the second file ([`crate::index::easy`]), only those the cards use, so they cost the
//! first search nothing and none of them is in the wasm. Which topic a part shows is a rule of
//! the card, worked out here from the record ([`topic`]).

#[cfg(feature = "writer")]
use crate::model::{
    date_words, Access, Area, ContactKind, Cost, Kind, Need, ProvisionType, Record, Status,
};
use serde::Serialize;

/// Which kind of part this is: each has its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Icon {
    What,
    Who,
    Where,
    How,
    Cost,
    Word,
    When,
}

impl Icon {
    /// Every kind of part, in code order (a part's kind is stored as its position here, so a
    /// new one goes at the end).
    pub const ALL: [Icon; 7] = [
        Icon::What,
        Icon::Who,
        Icon::Where,
        Icon::How,
        Icon::Cost,
        Icon::Word,
        Icon::When,
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
            Icon::When => "Is it open?",
        }
    }
}

/// One part of the easy-read view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub icon: Icon,
    pub heading: &'static str,
    pub sentences: Vec<String>,
    /// The picture beside the part: it comes with the second file (the index alone has none),
    /// so the rules give none either ([`easy_read`]); the file carries which topic each part
    /// shows ([`topic`]).
    #[serde(skip)]
    pub picture: Option<Picture>,
}

impl Part {
    /// A part of the kind `icon`, with its heading, and no picture yet.
    pub fn new(icon: Icon, sentences: Vec<String>) -> Part {
        Part {
            icon,
            heading: icon.heading(),
            sentences,
            picture: None,
        }
    }
}

/// A part's picture: the topic it shows and how to draw it, on OpenMoji's 72 × 72 grid, as
/// SVG paths, each filled in the text's colour or stroked in it. As the second file carries it:
/// the topic's key, then per path its width (empty: filled) and its data. It can only be made
/// by [`Picture::new`], which allows nothing but letters, digits, spaces, `.` and `-`, so
/// drawing one can only ever set `d` and `stroke-width` to numbers and path commands: no quote,
/// `<`, `#`, `:` or `(` can reach the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture(Vec<String>);

impl Picture {
    /// The picture `texts` hold (the topic, then a width and data per path); `None` when they
    /// hold anything not allowed.
    pub fn new(texts: Vec<String>) -> Option<Picture> {
        for t in &texts {
            for b in t.bytes() {
                if !(b.is_ascii_alphanumeric() || b == b' ' || b == b'.' || b == b'-') {
                    return None;
                }
            }
        }
        (texts.len() % 2 == 1).then_some(Picture(texts))
    }

    /// The picture of `topic` drawn with `paths` (width, data).
    #[cfg(feature = "writer")]
    pub fn from_paths(topic: Topic, paths: &[(String, String)]) -> Option<Picture> {
        let mut texts = vec![topic.key().to_string()];
        for (width, d) in paths {
            texts.extend([width.clone(), d.clone()]);
        }
        Picture::new(texts)
    }

    /// The topic's key (`school`, `phone`, …), then per path its width (empty: filled) and its
    /// data, as the second file carries them.
    pub fn texts(&self) -> &[String] {
        &self.0
    }

    /// The topic's key (`school`, `phone`, …).
    pub fn topic(&self) -> &str {
        &self.0[0]
    }

    /// The paths, in drawing order: (width, data); an empty width is a filled path.
    pub fn paths(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0[1..]
            .chunks(2)
            .map(|p| (p[0].as_str(), p[1].as_str()))
    }
}

/// What a part's picture shows. Editors choose the pictogram for each in
/// `data/pictograms.toml`; [`topic`] chooses the topic for each part.
#[cfg(feature = "writer")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Topic {
    /// What it is, when nothing more telling is known: information.
    Info,
    School,
    /// A nursery or early years setting.
    Nursery,
    /// A college or help after 16.
    College,
    /// A health service: a doctor, a nurse, a therapist.
    Health,
    /// Short breaks, and help at home.
    House,
    /// Support while you wait.
    Waiting,
    /// When it starts or ended.
    Calendar,
    /// Who it is for.
    Person,
    /// Where it is.
    Place,
    Phone,
    Email,
    Website,
    /// What it costs.
    Money,
    /// What a word means.
    Word,
}

#[cfg(feature = "writer")]
impl Topic {
    /// Every topic, in the order the builder writes their pictures.
    pub const ALL: [Topic; 15] = [
        Topic::Info,
        Topic::School,
        Topic::Nursery,
        Topic::College,
        Topic::Health,
        Topic::House,
        Topic::Waiting,
        Topic::Calendar,
        Topic::Person,
        Topic::Place,
        Topic::Phone,
        Topic::Email,
        Topic::Website,
        Topic::Money,
        Topic::Word,
    ];

    /// The topic's name in `data/pictograms.toml` and on the drawn picture (`data-topic`).
    pub fn key(self) -> &'static str {
        match self {
            Topic::Info => "info",
            Topic::School => "school",
            Topic::Nursery => "nursery",
            Topic::College => "college",
            Topic::Health => "health",
            Topic::House => "house",
            Topic::Waiting => "waiting",
            Topic::Calendar => "calendar",
            Topic::Person => "person",
            Topic::Place => "place",
            Topic::Phone => "phone",
            Topic::Email => "email",
            Topic::Website => "website",
            Topic::Money => "money",
            Topic::Word => "word",
        }
    }

    /// The topic whose key is `key`.
    pub fn parse(key: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// The pictures of the topics, as the builder read them from `data/pictograms.toml`.
#[cfg(feature = "writer")]
pub type Pictograms = std::collections::BTreeMap<Topic, Picture>;

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
/// Builds the easy-read view of a record; `council` names its areas.
pub fn easy_read(r: &Record, council: &crate::council::Council) -> EasyRead {
    let mut parts = Vec::new();
    if r.kind == Kind::Glossary {
        let mut s = vec![format!("You may see the word {}.", r.term)];
        s.extend(r.easy_read.iter().cloned());
        parts.push(Part::new(Icon::Word, s));
        return EasyRead { parts };
    }
    parts.push(Part::new(Icon::What, r.easy_read.clone()));

    // Whether it is open is a part of its own, with a calendar: one idea per part.
    let mut when: Vec<String> = Vec::new();
    match r.status {
        Status::Active => {}
        Status::Planned => {
            when.push("It is not open yet.".into());
            if !r.starts.is_empty() {
                when.push(format!("It should start in {}.", date_words(&r.starts)));
            }
        }
        Status::Ended => {
            when.push("It has ended.".into());
            if !r.ends.is_empty() {
                when.push(format!("It ended in {}.", date_words(&r.ends)));
            }
        }
        Status::Paused => when.push("It is not running at the moment.".into()),
    }
    if !when.is_empty() {
        parts.push(Part::new(Icon::When, when));
    }

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
        parts.push(Part::new(Icon::Who, who));
    }

    if !r.districts.is_empty() {
        let s = if r.districts.contains(&Area::WHOLE) {
            format!("It is for all of {}.", council.name_or_neutral())
        } else {
            let names: Vec<String> = r
                .districts
                .iter()
                .filter_map(|d| council.label(*d))
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            format!("It is in {}.", and_list(&names))
        };
        parts.push(Part::new(Icon::Where, vec![s]));
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
        parts.push(Part::new(Icon::How, how));
    }

    if let Some(c) = r.cost {
        let sentences: &[&str] = match c {
            Cost::Free => &["It is free."],
            Cost::Paid => &["You have to pay for it."],
            Cost::Mixed => &["Some of it is free.", "Some of it you pay for."],
        };
        parts.push(Part::new(
            Icon::Cost,
            sentences.iter().map(|s| s.to_string()).collect(),
        ));
    }
    EasyRead { parts }
}

/// Words in a service's name that tell what it is about, with the topic each shows, most
/// telling first: a name is matched as whole words, in any case.
#[cfg(feature = "writer")]
const NAME_TOPICS: &[(&str, Topic)] = &[
    ("short breaks", Topic::House),
    ("housing", Topic::House),
    ("home", Topic::House),
    ("nursery", Topic::Nursery),
    ("early years", Topic::Nursery),
    ("school", Topic::School),
    ("schools", Topic::School),
    ("education", Topic::School),
    ("college", Topic::College),
    ("internships", Topic::College),
    ("careers", Topic::College),
    ("employment", Topic::College),
    ("adulthood", Topic::College),
    ("health", Topic::Health),
    ("therapy", Topic::Health),
    ("physiotherapy", Topic::Health),
    ("nursing", Topic::Health),
    ("medical", Topic::Health),
    ("paediatrics", Topic::Health),
    ("camhs", Topic::Health),
    ("eating disorders", Topic::Health),
    ("nhs", Topic::Health),
];

#[cfg(feature = "writer")]
/// Whether `text` has `words` as whole words, in any case.
fn has_words(text: &str, words: &str) -> bool {
    let text = text.to_lowercase();
    let is_word = |c: char| c.is_alphanumeric();
    text.match_indices(words).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_word)
            && !text[at + words.len()..].chars().next().is_some_and(is_word)
    })
}

#[cfg(feature = "writer")]
/// What the "What it is" part of `r` is about.
fn what_topic(r: &Record) -> Topic {
    match r.kind {
        Kind::Glossary => return Topic::Word,
        Kind::WaitSupport => return Topic::Waiting,
        Kind::Provision => {
            return match r.provision_type {
                Some(ProvisionType::Nursery) => Topic::Nursery,
                Some(ProvisionType::College) => Topic::College,
                Some(ProvisionType::ShortBreak) => Topic::House,
                _ => Topic::School,
            }
        }
        Kind::Service => {}
    }
    if let Some((_, t)) = NAME_TOPICS.iter().find(|(w, _)| has_words(&r.name, w)) {
        return *t;
    }
    if !r.waiting_for.is_empty()
        || r.access.contains(&Access::ThroughGp)
        || has_words(&r.organization, "nhs")
    {
        return Topic::Health;
    }
    Topic::Info
}

#[cfg(feature = "writer")]
/// What the "How to get it" part of `r` is about: its most direct way to ask. A contact of the
/// service's own comes first, then the way in the documents say, then a general contact.
fn how_topic(r: &Record) -> Topic {
    let contact = |kind: ContactKind, general: bool| {
        r.contacts
            .iter()
            .any(|c| c.kind == kind && c.general == general)
    };
    let by_contact = |general: bool| {
        [
            (ContactKind::Phone, Topic::Phone),
            (ContactKind::Email, Topic::Email),
            (ContactKind::Web, Topic::Website),
        ]
        .into_iter()
        .find(|(k, _)| contact(*k, general))
        .map(|(_, t)| t)
    };
    let by_access = || {
        r.access.iter().find_map(|a| match a {
            Access::Phone => Some(Topic::Phone),
            Access::ThroughGp => Some(Topic::Health),
            Access::ThroughSchool => Some(Topic::School),
            Access::Online => Some(Topic::Website),
            Access::Booking => Some(Topic::Calendar),
            _ => None,
        })
    };
    by_contact(false)
        .or_else(by_access)
        .or_else(|| by_contact(true))
        .unwrap_or(Topic::Info)
}

#[cfg(feature = "writer")]
/// What the picture beside `part` of the record `r` shows.
pub fn topic(r: &Record, part: &Part) -> Topic {
    match part.icon {
        Icon::What => what_topic(r),
        Icon::When => Topic::Calendar,
        Icon::Who => Topic::Person,
        Icon::Where => Topic::Place,
        Icon::How => how_topic(r),
        Icon::Cost => Topic::Money,
        Icon::Word => Topic::Word,
    }
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
            districts: vec![Area(5), Area(2)],
            access: vec![Access::SelfReferral],
            cost: Some(Cost::Free),
            ..Record::default()
        };
        let e = easy_read(&r, &crate::council::test_council());
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
        let parts = easy_read(&r, &crate::council::test_council()).parts;
        assert_eq!(parts[1].icon, Icon::When, "a part of its own");
        assert_eq!(parts[1].heading, "Is it open?");
        assert_eq!(
            parts[1].sentences,
            ["It is not open yet.", "It should start in September 2027."]
        );
        assert_eq!(topic(&r, &parts[1]), Topic::Calendar);
        let open = easy_read(&Record::default(), &crate::council::test_council()).parts;
        assert!(
            open.iter().all(|p| p.icon != Icon::When),
            "open: no such part"
        );
    }

    #[test]
    fn each_part_shows_what_it_is_about() {
        use crate::model::{Contact, WaitingFor};
        let what = |r: &Record| topic(r, &Part::new(Icon::What, Vec::new()));
        let how = |r: &Record| topic(r, &Part::new(Icon::How, Vec::new()));
        let provision = |p| Record {
            kind: Kind::Provision,
            provision_type: Some(p),
            ..Record::default()
        };
        assert_eq!(
            what(&provision(ProvisionType::SpecialSchool)),
            Topic::School
        );
        assert_eq!(what(&provision(ProvisionType::Nursery)), Topic::Nursery);
        assert_eq!(what(&provision(ProvisionType::ShortBreak)), Topic::House);
        assert_eq!(what(&provision(ProvisionType::College)), Topic::College);
        let named = |name: &str| Record {
            name: name.into(),
            ..Record::default()
        };
        assert_eq!(
            what(&named("Short breaks for disabled children")),
            Topic::House
        );
        assert_eq!(what(&named("Children's Physiotherapy")), Topic::Health);
        assert_eq!(what(&named("Medical Education Team")), Topic::School);
        assert_eq!(what(&named("Schoolhouse")), Topic::Info, "whole words only");
        let waiting = Record {
            waiting_for: vec![WaitingFor::Camhs],
            ..Record::default()
        };
        assert_eq!(what(&waiting), Topic::Health);
        let while_you_wait = Record {
            kind: Kind::WaitSupport,
            ..waiting.clone()
        };
        assert_eq!(what(&while_you_wait), Topic::Waiting);
        assert_eq!(what(&Record::default()), Topic::Info);

        let contact = |kind, general| Contact {
            kind,
            value: String::new(),
            label: String::new(),
            general,
        };
        // Its own phone first; then the way in; a general contact last.
        let r = Record {
            access: vec![Access::ThroughSchool],
            contacts: vec![
                contact(ContactKind::Email, true),
                contact(ContactKind::Phone, false),
            ],
            ..Record::default()
        };
        assert_eq!(how(&r), Topic::Phone);
        let r = Record {
            contacts: vec![contact(ContactKind::Email, true)],
            ..r
        };
        assert_eq!(how(&r), Topic::School);
        let r = Record {
            access: vec![Access::Referral],
            ..r
        };
        assert_eq!(how(&r), Topic::Email);
        assert_eq!(how(&Record::default()), Topic::Info);
        for (icon, t) in [
            (Icon::Who, Topic::Person),
            (Icon::Where, Topic::Place),
            (Icon::Cost, Topic::Money),
            (Icon::Word, Topic::Word),
        ] {
            assert_eq!(topic(&Record::default(), &Part::new(icon, Vec::new())), t);
        }
    }

    #[test]
    fn topics_have_unique_keys_and_parse_back() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.key()), Some(t));
        }
        assert_eq!(Topic::parse("rocket"), None);
    }

    #[test]
    fn a_picture_holds_only_numbers_and_path_commands() {
        let paths = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(w, d)| (w.to_string(), d.to_string()))
                .collect()
        };
        let p = Picture::from_paths(
            Topic::School,
            &paths(&[("2.5", "M1.5 2L-3 4.25Z"), ("", "M0 0H9V9z")]),
        )
        .expect("a picture");
        assert_eq!(p.topic(), "school");
        assert_eq!(
            p.paths().collect::<Vec<_>>(),
            [("2.5", "M1.5 2L-3 4.25Z"), ("", "M0 0H9V9z")]
        );
        assert_eq!(p.texts()[1], "2.5");
        assert_eq!(Picture::new(p.texts().to_vec()), Some(p.clone()));
        let empty = Picture::from_paths(Topic::Info, &[]).expect("nothing to draw");
        assert_eq!(empty.paths().count(), 0);
        for bad in [
            "M0 0\"/><script>",
            "url(#a)",
            "javascript:alert(1)",
            "M0,0",
            "M1e+5 0",
            "M0 0\u{0}",
            "M0 0\n",
            "M0 0é",
        ] {
            assert!(
                Picture::from_paths(Topic::Info, &paths(&[("", bad)])).is_none(),
                "{bad:?}"
            );
            assert!(
                Picture::from_paths(Topic::Info, &paths(&[(bad, "M0 0")])).is_none(),
                "{bad:?}"
            );
        }
        let texts = |list: &[&str]| list.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert!(Picture::new(texts(&["<b>"])).is_none(), "the topic too");
        assert!(Picture::new(texts(&[])).is_none(), "no topic");
        assert!(
            Picture::new(texts(&["info", "2"])).is_none(),
            "a width without data"
        );
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
        let e = easy_read(&r, &crate::council::test_council());
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
            districts: (0..6).map(Area).chain([Area::WHOLE]).collect(),
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
            let view = easy_read(
                &Record {
                    status: *status,
                    ends: "2025".into(),
                    ..r.clone()
                },
                &crate::council::test_council(),
            );
            sentences.extend(view.parts.into_iter().flat_map(|p| p.sentences));
        }
        for c in Cost::ALL {
            let view = easy_read(
                &Record {
                    cost: Some(*c),
                    ..r.clone()
                },
                &crate::council::test_council(),
            );
            sentences.extend(view.parts.into_iter().flat_map(|p| p.sentences));
        }
        assert!(sentences.len() > 20);
        for s in &sentences {
            assert!(hard_words(s).is_empty(), "{s}: {:?}", hard_words(s));
        }
    }
}
