//! The record model: what one entry of the Local Offer is.
//!
//! One [`Record`] type serves all four kinds (service, provision, support while you wait,
//! glossary), because a family searches them together and the widget shows them in one list.
//! Field names follow Open Referral UK where it has the field (`name`, `description`, `status`,
//! `minimum_age`, `organization`, …); eligibility, waiting and easy read are our extensions.
//!
//! The closed vocabularies (kind, need, cost, access, …; areas come from the council profile, [`Area`]) are enums with a stable
//! snake_case name (used in data files, the CLI and the widget) and a stable small code (used in
//! the index's filter table). Their order is part of the index format.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares a closed vocabulary: an enum with its data-file name, label and index code.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        impl $name {
            /// Every value, in code order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in data files, on the command line and in the widget.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// A short human label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value's code in the index (its bit, for sets).
            pub fn code(self) -> u8 {
                match self { $($name::$variant => $code),+ }
            }

            /// Looks a value up by its code.
            pub fn from_code(code: u8) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Parses a data-file name; the error lists what is allowed.
            pub fn parse(s: &str) -> Result<Self, UnknownValue> {
                match s {
                    $($key => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        value: s.to_string(),
                        expected: &[$($key),+],
                    }),
                }
            }

            /// The set of `values` as a bit mask (bit = code).
            pub fn mask(values: &[Self]) -> u32 {
                values.iter().fold(0, |m, v| m | (1 << v.code()))
            }

            /// The values whose bits are set in `mask`.
            pub fn from_mask(mask: u32) -> Vec<Self> {
                Self::ALL.iter().copied().filter(|v| mask & (1 << v.code()) != 0).collect()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

/// A value outside a closed vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub value: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown value \"{}\"; expected one of {}",
            self.value,
            crate::lean::join(self.expected, ", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

vocabulary! {
    /// What a record is.
    Kind {
        Service = 0, "service", "Service";
        Provision = 1, "provision", "School or setting";
        WaitSupport = 2, "wait_support", "Support while you wait";
        Glossary = 3, "glossary", "What this word means";
    }
}

/// An area of the council, by its code: one of the areas the council profile names
/// (`data/council.toml`, carried in the index as [`crate::council::Council`]), in the profile's
/// order, or [`Area::WHOLE`], the whole council area. Codes are bits of the filter row's u16
/// mask, so a profile names at most [`Area::MAX`] areas; no area is a fixed list in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Area(pub u8);

impl Area {
    /// The most areas a profile may name (bits 0–14; bit 15 is the whole area).
    pub const MAX: usize = 15;
    /// The whole council area (data files: `countywide`).
    pub const WHOLE: Area = Area(15);
    /// The data-file key of [`Area::WHOLE`]. A profile's own keys may not take it.
    pub const WHOLE_KEY: &'static str = "countywide";

    /// The area's code in the index (its bit in a mask).
    pub fn code(self) -> u8 {
        self.0
    }

    /// The area with this code, if a mask can hold it.
    pub fn from_code(code: u8) -> Option<Area> {
        (usize::from(code) <= Area::MAX).then_some(Area(code))
    }

    /// The set of `areas` as a bit mask (bit = code).
    pub fn mask(areas: &[Area]) -> u32 {
        areas.iter().fold(0, |m, a| m | (1 << (a.0 & 15)))
    }

    /// The areas whose bits are set in `mask`, in code order.
    pub fn from_mask(mask: u32) -> Vec<Area> {
        (0..=15u8)
            .filter(|c| mask & (1 << c) != 0)
            .map(Area)
            .collect()
    }
}

vocabulary! {
    /// The SEND Code of Practice need types.
    Need {
        Asd = 0, "ASD", "Autism";
        Slcn = 1, "SLCN", "Speech, language and communication";
        Mld = 2, "MLD", "Moderate learning difficulties";
        Sld = 3, "SLD", "Severe learning difficulties";
        Pmld = 4, "PMLD", "Profound and multiple learning difficulties";
        Spld = 5, "SpLD", "Specific learning difficulties";
        Semh = 6, "SEMH", "Social, emotional and mental health";
        Hi = 7, "HI", "Hearing impairment";
        Vi = 8, "VI", "Visual impairment";
        Msi = 9, "MSI", "Multi-sensory impairment";
        Pd = 10, "PD", "Physical disability";
    }
}

vocabulary! {
    /// The Code of Practice's four broad areas of need.
    BroadArea {
        CommunicationInteraction = 0, "communication_and_interaction", "Communication and interaction";
        CognitionLearning = 1, "cognition_and_learning", "Cognition and learning";
        Semh = 2, "social_emotional_mental_health", "Social, emotional and mental health";
        SensoryPhysical = 3, "sensory_and_physical", "Sensory and/or physical";
    }
}

impl Need {
    /// The broad area this need type belongs to.
    pub fn area(self) -> BroadArea {
        match self {
            Need::Asd | Need::Slcn => BroadArea::CommunicationInteraction,
            Need::Mld | Need::Sld | Need::Pmld | Need::Spld => BroadArea::CognitionLearning,
            Need::Semh => BroadArea::Semh,
            Need::Hi | Need::Vi | Need::Msi | Need::Pd => BroadArea::SensoryPhysical,
        }
    }

    /// Words a family may use for this need, indexed with every record that lists it.
    pub fn search_words(self) -> &'static str {
        match self {
            Need::Asd => "ASD autism autistic",
            Need::Slcn => "SLCN speech language communication",
            Need::Mld => "MLD moderate learning difficulties",
            Need::Sld => "SLD severe learning difficulties",
            Need::Pmld => "PMLD profound multiple learning difficulties",
            Need::Spld => "SpLD specific learning difficulties dyslexia",
            Need::Semh => "SEMH social emotional mental health",
            Need::Hi => "HI hearing impairment deaf",
            Need::Vi => "VI visual impairment sight",
            Need::Msi => "MSI multi-sensory impairment",
            Need::Pd => "PD physical disability",
        }
    }
}

vocabulary! {
    /// What a record costs a family.
    Cost {
        Free = 0, "free", "Free";
        Paid = 1, "paid", "You pay";
        Mixed = 2, "mixed", "Some parts free, some paid";
    }
}

vocabulary! {
    /// How a family gets the help.
    Access {
        SelfReferral = 0, "self_referral", "Contact them yourself";
        Referral = 1, "referral", "A professional refers you";
        DropIn = 2, "drop_in", "Drop in";
        Online = 3, "online", "Online";
        Phone = 4, "phone", "By phone";
        ThroughSchool = 5, "through_school", "Through your school or setting";
        ThroughGp = 6, "through_gp", "Through your doctor";
        Ehcp = 7, "ehcp", "Through an Education, Health and Care Plan or a panel";
        Booking = 8, "booking", "Book a place";
    }
}

vocabulary! {
    /// Whether the thing runs, as the documents say, on the day the site is built. `check`
    /// holds it to the record's `starts` and `ends` dates (see `index-builder/src/check.rs`).
    Status {
        Active = 0, "active", "Open";
        Planned = 1, "planned", "Planned";
        Ended = 2, "ended", "Ended";
        Paused = 3, "paused", "Paused";
    }
}

vocabulary! {
    /// The kind of setting a provision is.
    ProvisionType {
        School = 0, "school", "School";
        SpecialSchool = 1, "special_school", "Special school";
        SenUnit = 2, "sen_unit", "SEN unit";
        AutismBase = 3, "autism_base", "Autism base";
        Nursery = 4, "nursery", "Nursery or early years setting";
        College = 5, "college", "College or post-16";
        AlternativeProvision = 6, "alternative_provision", "Alternative provision";
        ShortBreak = 7, "short_break", "Short breaks";
        Other = 8, "other", "Other setting";
    }
}

vocabulary! {
    /// What a family is waiting for (support-while-you-wait records).
    WaitingFor {
        CommunityPaediatrics = 0, "community_paediatrics", "Community paediatrics";
        AutismAssessment = 1, "autism_assessment", "Autism assessment";
        AdhdAssessment = 2, "adhd_assessment", "ADHD assessment";
        OccupationalTherapy = 3, "occupational_therapy", "Occupational therapy";
        Physiotherapy = 4, "physiotherapy", "Physiotherapy";
        Camhs = 5, "camhs", "Mental health services (CAMHS)";
        SpeechAndLanguageTherapy = 6, "speech_and_language_therapy", "Speech and language therapy";
        Any = 7, "any", "Any health appointment";
    }
}

vocabulary! {
    /// A stage of education or life, for records whose documents name a stage ("early years",
    /// "reception", "post-16") rather than ages. Each stage is an age range defined once, in
    /// [`Stage::ages`], which is what the age filter uses; the card shows the stage's name.
    Stage {
        EarlyYears = 0, "early_years", "Early years";
        PreSchool = 1, "pre_school", "Pre-school";
        Reception = 2, "reception", "Reception";
        Primary = 3, "primary", "Primary school age";
        Secondary = 4, "secondary", "Secondary school age";
        SchoolAge = 5, "school_age", "School age";
        Post16 = 6, "post_16", "Post-16";
        Post19 = 7, "post_19", "Post-19";
    }
}

impl Stage {
    /// The ages a stage covers, both ends included: the stages of schooling in England (the
    /// early years foundation stage runs from birth to the end of the reception year; post-16
    /// support for SEND runs to 25).
    pub fn ages(self) -> (u8, u8) {
        match self {
            Stage::EarlyYears => (0, 5),
            Stage::PreSchool => (0, 4),
            Stage::Reception => (4, 5),
            Stage::Primary => (4, 11),
            Stage::Secondary => (11, 16),
            Stage::SchoolAge => (4, 16),
            Stage::Post16 => (16, 25),
            Stage::Post19 => (19, 25),
        }
    }

    /// Who the stage is, in easy-read words, to finish "It is for …".
    pub fn easy_words(self) -> &'static str {
        match self {
            Stage::EarlyYears => "young children in the early years",
            Stage::PreSchool => "children who have not started school yet",
            Stage::Reception => "children starting school in reception",
            Stage::Primary => "children of primary school age",
            Stage::Secondary => "young people of secondary school age",
            Stage::SchoolAge => "children and young people of school age",
            Stage::Post16 => "young people aged 16 and over",
            Stage::Post19 => "young adults aged 19 and over",
        }
    }

    /// Ways the documents write the stage; `check` looks for one in a record's quotes.
    pub fn written_as(self) -> &'static [&'static str] {
        match self {
            Stage::EarlyYears => &["early years"],
            Stage::PreSchool => &["pre-school", "preschool"],
            Stage::Reception => &["reception"],
            Stage::Primary => &["primary"],
            Stage::Secondary => &["secondary"],
            Stage::SchoolAge => &["school-aged", "school age"],
            Stage::Post16 => &["post-16", "16+", "16 and over", "aged 16"],
            Stage::Post19 => &["post-19"],
        }
    }
}

vocabulary! {
    /// What a contact is.
    ContactKind {
        Web = 0, "web", "Website";
        Email = 1, "email", "Email";
        Phone = 2, "phone", "Phone";
    }
}

/// One way to contact a service. `label` says whose contact it is when it is not the
/// service's own; `general` marks a general contact (the Local Offer team, the SEND team,
/// SENDIASS) given because the documents print no direct one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub general: bool,
}

/// A date as the data writes it (YYYY, YYYY-MM or YYYY-MM-DD), in words: "2027",
/// "September 2027", "1 September 2027". Anything else comes back as written.
pub fn date_words(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
    };
    match parts.as_slice() {
        [y, m] => month(m).map_or(date.to_string(), |m| format!("{m} {y}")),
        [y, m, d] => match (month(m), d.parse::<u8>()) {
            (Some(m), Ok(d)) => format!("{d} {m} {y}"),
            _ => date.to_string(),
        },
        _ => date.to_string(),
    }
}

/// Youngest and oldest age the Local Offer covers.
pub const MIN_AGE: u8 = 0;
/// Oldest age the Local Offer covers.
pub const MAX_AGE: u8 = 25;

/// The `file` of evidence that is general knowledge rather than a quote (glossary expansions
/// only).
pub const GENERAL_KNOWLEDGE: &str = "general";

/// One piece of evidence for a record's facts: a quote copied word for word from a source
/// document in the data folder's `sources/`, or general knowledge (`file` is
/// [`GENERAL_KNOWLEDGE`], `quote` empty). Editors' material: never stored in the index.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// The source document's file name, or [`GENERAL_KNOWLEDGE`].
    pub file: String,
    /// The words of the document, as written there.
    pub quote: String,
}

impl Evidence {
    /// Is this general knowledge rather than a quote?
    pub fn is_general(&self) -> bool {
        self.file == GENERAL_KNOWLEDGE
    }
}

/// One entry of the Local Offer. Empty strings and lists mean "the sources say nothing".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    pub id: String,
    pub kind: Kind,
    /// The title. For a glossary entry, the term.
    pub name: String,
    pub alternate_name: String,
    pub summary: String,
    pub description: String,
    pub easy_read: Vec<String>,
    pub needs: Vec<Need>,
    pub minimum_age: Option<u8>,
    pub maximum_age: Option<u8>,
    pub districts: Vec<Area>,
    pub cost: Option<Cost>,
    pub access: Vec<Access>,
    pub organization: String,
    pub status: Status,
    pub address: String,
    pub keywords: Vec<String>,
    pub eligibility: String,
    pub waiting: String,
    pub provision_type: Option<ProvisionType>,
    pub places: Option<u32>,
    /// Stages of education or life the documents name instead of (or as well as) ages.
    pub stages: Vec<Stage>,
    /// When it starts or started, where the documents say: YYYY, YYYY-MM or YYYY-MM-DD.
    pub starts: String,
    /// When it ends or ended, where the documents say: YYYY, YYYY-MM or YYYY-MM-DD.
    pub ends: String,
    /// For an ended record: what replaced it, in the documents' terms.
    pub replaced_by: String,
    /// The next step for a family: what to do to get this help.
    pub how_to_get: String,
    /// Ways to contact the service, or the right general contact.
    pub contacts: Vec<Contact>,
    pub waiting_for: Vec<WaitingFor>,
    /// Glossary: the term as the documents write it.
    pub term: String,
    /// Glossary: what the letters stand for.
    pub expansion: String,
    /// Glossary: what it means, in plain words.
    pub plain_meaning: String,
    /// Glossary: other spellings of the term.
    pub also: Vec<String>,
    /// Ids of records about the thing a glossary term names.
    pub see_also: Vec<String>,
    /// Which seed document and section the facts came from.
    pub source: String,
    /// When the source text was dated: YYYY, YYYY-MM or YYYY-MM-DD.
    pub last_reviewed: String,
    /// The month the record was last checked against the documents: YYYY-MM.
    pub last_checked: String,
    /// Quotes from the source documents that back the record's facts. Not in the index.
    pub evidence: Vec<Evidence>,
    /// A note for editors. Never in the index, never shown to a family.
    pub editor_note: String,
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro
impl Default for Kind {
    fn default() -> Self {
        Kind::Service
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro
impl Default for Status {
    fn default() -> Self {
        Status::Active
    }
}

impl Record {
    /// The age range: each end is the record's own age where a document gives the number, else
    /// the span of its stages, else the Local Offer's bound.
    pub fn age_range(&self) -> (u8, u8) {
        let stages = self
            .stages
            .iter()
            .map(|s| s.ages())
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
        let (lo, hi) = stages.unwrap_or((MIN_AGE, MAX_AGE));
        (
            self.minimum_age.unwrap_or(lo),
            self.maximum_age.unwrap_or(hi),
        )
    }

    /// Is the record still something a family can use or wait for (not ended)?
    pub fn is_live(&self) -> bool {
        self.status != Status::Ended
    }

    /// The broad areas of the record's needs, without repeats.
    pub fn broad_areas(&self) -> Vec<BroadArea> {
        let mut areas: Vec<BroadArea> = self.needs.iter().map(|n| n.area()).collect();
        areas.sort_unstable();
        areas.dedup();
        areas
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        let areas = [Area(0), Area(4), Area::WHOLE];
        assert_eq!(Area::from_mask(Area::mask(&areas)), areas);
        assert_eq!(Area::from_code(16), None);
        for n in Need::ALL {
            assert_eq!(Need::parse(n.key()), Ok(*n));
        }
        assert_eq!(
            Need::from_mask(Need::mask(&[Need::Asd, Need::Pd])),
            [Need::Asd, Need::Pd]
        );
    }

    #[test]
    fn stages_give_the_age_filter_its_range() {
        let mut r = Record {
            stages: vec![Stage::PreSchool, Stage::Reception],
            ..Record::default()
        };
        assert_eq!(r.age_range(), (0, 5));
        r.minimum_age = Some(2);
        assert_eq!(r.age_range(), (2, 5), "a number from a document wins");
        assert_eq!(Record::default().age_range(), (0, 25));
    }

    #[test]
    fn dates_read_as_words() {
        assert_eq!(date_words("2027-09"), "September 2027");
        assert_eq!(date_words("2025-02-16"), "16 February 2025");
        assert_eq!(date_words("2026"), "2026");
        assert_eq!(date_words("soon"), "soon");
    }

    #[test]
    fn unknown_values_list_the_allowed_ones() {
        let err = Cost::parse("cheap").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown value \"cheap\"; expected one of free, paid, mixed"
        );
    }
}
