//! Checks across records and of their writing: unique ids, links between records, and the
//! easy-read and acronym rules that make the Local Offer readable.
//!
//! The readability rules are deliberately mechanical, so an editor gets the same answer every
//! time: a sentence is one item of `easy_read`; a word is a run of letters, digits and
//! apostrophes; syllables are vowel groups, less a silent final `e`; an acronym is a word with at
//! least two capitals and no more small letters than capitals (`EHCP`, `SpLD`, `HoW`, not
//! `ChatHealth`).

use crate::load::{parse_date, Loaded};
use crate::problem::Problems;
use local_offer_search::model::{Kind, Status};
use std::collections::{HashMap, HashSet};

/// Most words in one easy-read sentence.
pub const MAX_EASY_READ_WORDS: usize = 15;
/// Lowest Flesch reading ease for a record's easy-read text.
pub const MIN_FLESCH: f64 = 70.0;
/// Months after which a record's facts should be checked again.
pub const REVIEW_MONTHS: i32 = 12;

/// Words of a sentence, as the readability rules count them.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(['\'', '’']))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// Syllables of a word: vowel groups, less a silent final `e`, at least one.
pub fn syllables(word: &str) -> usize {
    let w: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.is_empty() {
        return 0;
    }
    let mut groups = 0;
    let mut in_vowel = false;
    for c in w.chars() {
        let v = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    if w.ends_with('e') && !w.ends_with("le") && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

/// Flesch reading ease of sentences (each item one sentence).
pub fn flesch(sentences: &[String]) -> Option<f64> {
    let words: Vec<&str> = sentences.iter().flat_map(|s| words(s)).collect();
    if words.is_empty() {
        return None;
    }
    let syl: usize = words.iter().map(|w| syllables(w)).sum();
    let (w, s) = (words.len() as f64, sentences.len() as f64);
    Some(206.835 - 1.015 * (w / s) - 84.6 * (syl as f64 / w))
}

/// Is this word an acronym by the rule above? (The engine's one rule, so the checks and the
/// search agree.)
pub use local_offer_search::text::is_acronym;

/// The written form an acronym is looked up by: without a possessive or a plural `s`.
fn bare(word: &str) -> &str {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word);
    match w.strip_suffix('s') {
        Some(stem) if stem.chars().last().is_some_and(char::is_uppercase) => stem,
        _ => w,
    }
}

/// Fields whose acronyms must be in the glossary.
const PROSE_FIELDS: &[&str] = &[
    "name",
    "alternate_name",
    "summary",
    "description",
    "eligibility",
    "waiting",
    "plain_meaning",
];

fn prose<'a>(l: &'a Loaded, field: &str) -> &'a str {
    let r = &l.record;
    match field {
        "name" => &r.name,
        "alternate_name" => &r.alternate_name,
        "summary" => &r.summary,
        "description" => &r.description,
        "eligibility" => &r.eligibility,
        "waiting" => &r.waiting,
        "plain_meaning" => &r.plain_meaning,
        _ => "",
    }
}

/// Runs every cross-record and content check. `published` is true for a data folder that
/// publishes its source documents (`sources/`): its records must each carry evidence, a next
/// step, a contact and the month they were last checked.
pub fn check_all(
    loaded: &[Loaded],
    today: (i32, u32, u32),
    published: bool,
    problems: &mut Problems,
) {
    let mut first: HashMap<&str, &Loaded> = HashMap::new();
    for l in loaded.iter().filter(|l| !l.record.id.is_empty()) {
        if let Some(prev) = first.get(l.record.id.as_str()) {
            problems.error(
                &l.file,
                l.line_of("id"),
                "id",
                format!(
                    "duplicate id \"{}\", first at {}:{}",
                    l.record.id,
                    prev.file.display(),
                    prev.line_of("id")
                ),
            );
        } else {
            first.insert(&l.record.id, l);
        }
    }

    let glossary: HashSet<&str> = loaded
        .iter()
        .filter(|l| l.record.kind == Kind::Glossary)
        .flat_map(|l| std::iter::once(&l.record.term).chain(&l.record.also))
        .map(|s| s.as_str())
        .collect();

    // Each record's own checks, on every core (a regional directory has 100,000 records).
    let found = local_offer_search::cores::in_runs(loaded, |part| {
        let mut problems = Problems::default();
        for l in part {
            check_record(l, &first, &glossary, today, published, &mut problems);
        }
        problems
    });
    for p in found {
        problems.list.extend(p.list);
    }
}

/// The checks of one record: its links, its writing, its dates and status, its next step.
fn check_record(
    l: &Loaded,
    first: &HashMap<&str, &Loaded>,
    glossary: &HashSet<&str>,
    today: (i32, u32, u32),
    published: bool,
    problems: &mut Problems,
) {
    let r = &l.record;
    for id in &r.see_also {
        if !first.contains_key(id.as_str()) {
            problems.error(
                &l.file,
                l.line_of("see_also"),
                "see_also",
                format!("\"{id}\" is not a record id"),
            );
        }
    }
    check_easy_read(l, problems);
    check_text_fields(l, problems);
    for field in PROSE_FIELDS {
        let mut reported = HashSet::new();
        for w in words(prose(l, field)) {
            // Most words have no capital after the first letter: no acronym, at once.
            if !w.is_ascii() || w.bytes().skip(1).any(|b| b.is_ascii_uppercase()) {
                let b = bare(w);
                if is_acronym(b)
                    && !glossary.contains(b)
                    && !glossary.contains(w)
                    && reported.insert(b)
                {
                    report(
                        l,
                        problems,
                        field,
                        format!("acronym \"{b}\" has no glossary entry"),
                    );
                }
            }
        }
    }
    check_last_checked(l, today, published, problems);
    check_status(l, today, problems);
    check_family_text(l, problems);
    check_next_step(l, published, problems);
}

/// The longest a field may be, in characters: far above what the documents need (the
/// longest `data/` description was 862), low enough that no card, highlight or error line
/// can grow without bound. Links have their own limits ([`local_offer_search::links`]).
pub const LIMITS: &[(&str, usize)] = &[
    ("name", 200),
    ("alternate_name", 200),
    ("summary", 600),
    ("easy_read", 200),
    ("description", 10_000),
    ("keywords", 100),
    ("term", 100),
    ("also", 100),
    ("expansion", 300),
];

/// The limit of any other text field.
pub const OTHER_LIMIT: usize = 2_000;

/// Every text field of a record as (field, value): lists item by item.
fn text_fields(r: &local_offer_search::model::Record) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = vec![
        ("id", &r.id),
        ("name", &r.name),
        ("alternate_name", &r.alternate_name),
        ("summary", &r.summary),
        ("description", &r.description),
        ("eligibility", &r.eligibility),
        ("waiting", &r.waiting),
        ("plain_meaning", &r.plain_meaning),
        ("how_to_get", &r.how_to_get),
        ("organization", &r.organization),
        ("address", &r.address),
        ("term", &r.term),
        ("expansion", &r.expansion),
        ("replaced_by", &r.replaced_by),
        ("source", &r.source),
        ("editor_note", &r.editor_note),
        ("starts", &r.starts),
        ("ends", &r.ends),
        ("last_reviewed", &r.last_reviewed),
        ("last_checked", &r.last_checked),
    ];
    for (field, list) in [
        ("easy_read", &r.easy_read),
        ("keywords", &r.keywords),
        ("also", &r.also),
        ("see_also", &r.see_also),
    ] {
        out.extend(list.iter().map(|v| (field, v.as_str())));
    }
    for c in &r.contacts {
        out.push(("contacts", &c.label));
    }
    out
}

/// Every text field: no control characters (a newline or NUL in a value is damage, and would
/// split or hide an error line; an import's line breaks are only warned about), and no longer
/// than its limit ([`LIMITS`]).
fn check_text_fields(l: &Loaded, problems: &mut Problems) {
    for (field, value) in text_fields(&l.record) {
        if let Some(c) = value.chars().find(|c| c.is_control()) {
            let message = format!(
                "contains a control character (U+{:04X}); write plain text",
                u32::from(c)
            );
            // A feed's line breaks are its publisher's layout, shown as spaces: a warning.
            if is_import(l) && c.is_whitespace() {
                problems.warning(&l.file, l.line_of(field), field, message);
            } else {
                problems.error(&l.file, l.line_of(field), field, message);
            }
        }
        let limit = LIMITS
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(OTHER_LIMIT, |&(_, n)| n);
        let n = value.chars().count();
        if n > limit {
            problems.error(
                &l.file,
                l.line_of(field),
                field,
                format!("is {n} characters long; the limit for {field} is {limit} characters"),
            );
        }
    }
}

/// Is this record one an editor wrote here, rather than an Open Referral UK import? Imports
/// are held to the same rules as warnings, since their publisher cannot add what we ask.
fn severe(l: &Loaded) -> bool {
    !is_import(l)
}

/// A field every published record must have: an error for a record written here in a data
/// folder that publishes its sources (`sources/` beside the records), a warning otherwise (a
/// folder of test records, or an Open Referral UK import, whose publisher cannot add it).
fn missing(l: &Loaded, published: bool, problems: &mut Problems, field: &str, message: &str) {
    if published && severe(l) {
        problems.error(&l.file, l.line_of(field), field, message);
    } else {
        problems.warning(&l.file, l.line_of(field), field, message);
    }
}

fn report(l: &Loaded, problems: &mut Problems, field: &str, message: String) {
    if severe(l) {
        problems.error(&l.file, l.line_of(field), field, message);
    } else {
        problems.warning(&l.file, l.line_of(field), field, message);
    }
}

/// `last_checked`: present, not in the future, and checked again within a year.
fn check_last_checked(
    l: &Loaded,
    today: (i32, u32, u32),
    published: bool,
    problems: &mut Problems,
) {
    let r = &l.record;
    let Some((y, m, _)) = parse_date(&r.last_checked) else {
        if r.last_checked.is_empty() {
            missing(
                l,
                published,
                problems,
                "last_checked",
                "no last_checked: add the month you checked the record against the documents (YYYY-MM)",
            );
        }
        return;
    };
    let age_months = (today.0 - y) * 12 + (today.1 as i32 - m as i32);
    if age_months < 0 {
        report(
            l,
            problems,
            "last_checked",
            format!("{} is after today", r.last_checked),
        );
    } else if age_months > REVIEW_MONTHS {
        problems.warning(
            &l.file,
            l.line_of("last_checked"),
            "last_checked",
            format!(
                "last checked more than {REVIEW_MONTHS} months ago ({}); check the facts are still true",
                r.last_checked
            ),
        );
    }
}

/// The last day a date written as YYYY, YYYY-MM or YYYY-MM-DD covers (a month's "31st" is
/// only compared, never shown).
fn period_end(s: &str) -> Option<(i32, u32, u32)> {
    let (y, m, d) = parse_date(s)?;
    Some(match s.split('-').count() {
        1 => (y, 12, 31),
        2 => (y, m, 31),
        _ => (y, m, d),
    })
}

/// The status must be true on the day the site is built: nothing active after its end,
/// nothing planned once its start has passed, and what replaced a record only on ended ones.
fn check_status(l: &Loaded, today: (i32, u32, u32), problems: &mut Problems) {
    let r = &l.record;
    if r.kind == Kind::Glossary {
        return;
    }
    let day = |d: (i32, u32, u32)| format!("{:04}-{:02}-{:02}", d.0, d.1, d.2);
    let starts = period_end(&r.starts);
    let ends = period_end(&r.ends);
    if let (Some(a), Some((ey, em, _))) = (parse_date(&r.starts), parse_date(&r.ends)) {
        if a > (ey, em, 31) {
            report(
                l,
                problems,
                "ends",
                format!("ends {} before it starts {}", r.ends, r.starts),
            );
        }
    }
    match r.status {
        Status::Active | Status::Paused => {
            if ends.is_some_and(|e| today > e) {
                report(
                    l,
                    problems,
                    "status",
                    format!(
                        "{} but it ends {} and today is {}; set status = \"ended\" (or correct ends from the documents)",
                        r.status,
                        r.ends,
                        day(today)
                    ),
                );
            }
        }
        Status::Planned => {
            if starts.is_some_and(|s| today > s) {
                report(
                    l,
                    problems,
                    "status",
                    format!(
                        "planned but it was to start {} and today is {}; find out from the documents whether it opened, and set status",
                        r.starts,
                        day(today)
                    ),
                );
            }
            if !r.ends.is_empty() && r.starts.is_empty() {
                report(
                    l,
                    problems,
                    "ends",
                    "a planned record has a start, not an end".into(),
                );
            }
        }
        Status::Ended => {}
    }
    if !r.replaced_by.is_empty() && r.status != Status::Ended {
        report(
            l,
            problems,
            "replaced_by",
            format!(
                "only an ended record says what replaced it; this one is {}",
                r.status
            ),
        );
    }
}

/// Words that belong in an editor's note, not on a card: talk about the documents themselves.
const EDITORS_WORDS: &[&str] = &[
    "the seeds",
    "seed file",
    "the documents",
    "these documents",
    "the document says",
    "source document",
    "the sources",
    "spell out",
    "spell it out",
    "spells it",
    "do not say",
    "does not say",
    "do not give",
    "does not give",
    "self-evaluation says",
    "self-evaluation describes",
    "self-evaluation calls",
    "2025/26 self-evaluation",
    "the news item",
];

/// The fields a family reads on a card or in easy read (of [`text_fields`]); ids, dates, sources,
/// keywords and the editor's note are not shown as text.
const FAMILY_FIELDS: &[&str] = &[
    "name",
    "alternate_name",
    "summary",
    "description",
    "eligibility",
    "waiting",
    "how_to_get",
    "replaced_by",
    "expansion",
    "plain_meaning",
    "easy_read",
    "contacts",
];

/// Family-facing text must not talk about the documents (that goes in `editor_note`), and a
/// title must not nest brackets or promise a website it does not give.
fn check_family_text(l: &Loaded, problems: &mut Problems) {
    let r = &l.record;
    let texts = text_fields(r)
        .into_iter()
        .filter(|(field, _)| FAMILY_FIELDS.contains(field));
    for (field, text) in texts {
        let lower = text.to_lowercase();
        if let Some(w) = EDITORS_WORDS.iter().find(|w| lower.contains(*w)) {
            report(
                l,
                problems,
                field,
                format!("talks about the documents (\"{w}\"); families need the fact or \"not known\", and editors' remarks go in editor_note"),
            );
        }
    }
    let mut depth = 0usize;
    for c in r.name.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth > 1 {
                    report(
                        l,
                        problems,
                        "name",
                        "brackets inside brackets in a title".into(),
                    );
                    break;
                }
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let says_website = r.name.to_lowercase().contains("(website)");
    let has_website = r
        .contacts
        .iter()
        .any(|c| c.kind == local_offer_search::model::ContactKind::Web);
    if says_website && !has_website {
        report(
            l,
            problems,
            "name",
            "the title says \"(website)\" but the record gives no web address".into(),
        );
    }
}

/// Every service, provision and support-while-you-wait card tells a family what to do next
/// and how to get in touch (a general contact, labelled, where no direct one is printed).
fn check_next_step(l: &Loaded, published: bool, problems: &mut Problems) {
    let r = &l.record;
    if r.kind == Kind::Glossary {
        return;
    }
    if r.how_to_get.is_empty() {
        missing(
            l,
            published,
            problems,
            "how_to_get",
            "no how_to_get: say what a family does next",
        );
    }
    if r.contacts.is_empty() {
        missing(
            l,
            published,
            problems,
            "contacts",
            "no contacts: give the service's own, or the right general contact with a label",
        );
    }
    for c in &r.contacts {
        if c.general && c.label.is_empty() {
            report(
                l,
                problems,
                "contacts",
                format!(
                    "the general contact {} needs a label saying whose it is",
                    c.value
                ),
            );
        }
    }
}

/// A record imported from Open Referral UK JSON rather than written here.
fn is_import(l: &Loaded) -> bool {
    l.file.extension().is_some_and(|e| e == "json")
}

fn check_easy_read(l: &Loaded, problems: &mut Problems) {
    let r = &l.record;
    let line = l.line_of("easy_read");
    if r.easy_read.is_empty() && is_import(l) {
        problems.warning(
            &l.file,
            line,
            "easy_read",
            "no easy-read text: the easy-read view will show only the facts",
        );
    }
    for (i, s) in r.easy_read.iter().enumerate() {
        let n = words(s).len();
        if n > MAX_EASY_READ_WORDS {
            problems.error(
                &l.file,
                line,
                "easy_read",
                format!(
                    "sentence {} has {n} words (at most {MAX_EASY_READ_WORDS})",
                    i + 1
                ),
            );
        }
        for w in words(s) {
            if is_acronym(bare(w)) {
                problems.error(
                    &l.file,
                    line,
                    "easy_read",
                    format!(
                        "easy read uses the acronym \"{}\" in sentence {}; spell it out",
                        bare(w),
                        i + 1
                    ),
                );
            }
        }
    }
    check_hard_words(l, problems);
    if let Some(score) = flesch(&r.easy_read) {
        if score < MIN_FLESCH {
            problems.error(&l.file, line, "easy_read", format!("Flesch reading ease {score:.1} is below {MIN_FLESCH:.0}; use shorter words and sentences"));
        }
    }
}

/// Is `word` explained in the record's own easy read ("An assessment is …", "Outreach means
/// …"), or the very word a glossary entry explains?
fn explains(r: &local_offer_search::model::Record, word: &str) -> bool {
    let glossary = r.kind == Kind::Glossary
        && std::iter::once(&r.term)
            .chain(&r.also)
            .chain([&r.name, &r.expansion])
            .any(|t| t.to_lowercase().contains(word));
    glossary
        || r.easy_read.iter().any(|s| {
            let s = s.to_lowercase();
            [" is ", " means ", "s are "]
                .iter()
                .any(|how| s.contains(&format!("{word}{how}")))
        })
}

/// Words from the easy-read word list (`easyread::HARD_WORDS`) in easy-read sentences, with
/// what to say instead, unless the record explains the word: an error in the hand-written data
/// (which has none), a warning in an imported feed.
fn check_hard_words(l: &Loaded, problems: &mut Problems) {
    let r = &l.record;
    for (i, s) in r.easy_read.iter().enumerate() {
        for (word, instead) in local_offer_search::easyread::hard_words(s) {
            if !explains(r, word) {
                report(
                    l,
                    problems,
                    "easy_read",
                    format!(
                        "sentence {} uses \"{word}\", a word easy read must explain or replace (try: {instead})",
                        i + 1
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_count_like_the_editors_script() {
        assert_eq!(syllables("help"), 1);
        assert_eq!(syllables("therapy"), 3);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("little"), 2);
        assert_eq!(syllables("you"), 1);
    }

    #[test]
    fn acronyms_are_found() {
        assert!(is_acronym("EHCP"));
        assert!(is_acronym("SpLD"));
        assert!(is_acronym("HoW"));
        assert!(!is_acronym("ChatHealth"));
        assert!(!is_acronym("MacIntyre"));
        assert!(!is_acronym("I"));
        assert_eq!(bare("EHCPs"), "EHCP");
        assert_eq!(bare("EHCP's"), "EHCP");
        assert_eq!(bare("CAMHS"), "CAMHS");
        assert_eq!(
            words("the 'EHCP Quality' heading"),
            ["the", "EHCP", "Quality", "heading"]
        );
    }

    #[test]
    fn plain_text_reads_easily() {
        let easy = vec![
            "This is a plan.".to_string(),
            "It says what help you get.".to_string(),
        ];
        assert!(flesch(&easy).is_some_and(|s| s >= MIN_FLESCH));
        let hard =
            vec!["Multidisciplinary neurodevelopmental assessment documentation.".to_string()];
        assert!(flesch(&hard).is_some_and(|s| s < MIN_FLESCH));
    }

    #[test]
    fn hard_words_are_explained_or_replaced() {
        use local_offer_search::model::Record;
        let mut r = Record {
            easy_read: vec!["You may need an assessment.".into()],
            ..Record::default()
        };
        assert!(!explains(&r, "assessment"));
        r.easy_read
            .push("An assessment is a check to find out what help you need.".into());
        assert!(explains(&r, "assessment"));
        let g = Record {
            kind: Kind::Glossary,
            term: "Outreach".into(),
            ..Record::default()
        };
        assert!(explains(&g, "outreach"));
    }
}
