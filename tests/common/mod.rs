//! A small Local Offer written for the engine tests: enough records to exercise matching,
//! ranking, the glossary and filters without depending on the real dataset.

#![allow(dead_code)]

use local_offer_search::model::{Area, Cost, Kind, Need, Record};
use local_offer_search::Index;

pub fn rec(id: &str, kind: Kind, name: &str, summary: &str) -> Record {
    Record {
        id: id.into(),
        kind,
        name: name.into(),
        summary: summary.into(),
        easy_read: vec!["This is help.".into()],
        source: "test".into(),
        last_reviewed: "2025".into(),
        ..Record::default()
    }
}

pub fn gloss(term: &str, expansion: &str, meaning: &str) -> Record {
    Record {
        id: format!("glossary-{}", term.to_lowercase()),
        kind: Kind::Glossary,
        name: term.into(),
        term: term.into(),
        expansion: expansion.into(),
        plain_meaning: meaning.into(),
        source: "test".into(),
        last_reviewed: "2025".into(),
        ..Record::default()
    }
}

pub fn records() -> Vec<Record> {
    let mut camhs = rec(
        "camhs",
        Kind::Service,
        "CAMHS",
        "Mental health help for children and young people.",
    );
    camhs.needs = vec![Need::Semh];
    camhs.districts = vec![Area::WHOLE];
    camhs.minimum_age = Some(0);
    camhs.maximum_age = Some(18);
    camhs.cost = Some(Cost::Free);

    let mut salt = rec(
        "speech-therapy",
        Kind::Service,
        "Children's therapy team",
        "Speech and language therapy for children who find talking hard.",
    );
    salt.needs = vec![Need::Slcn];
    salt.districts = vec![Area(3)];
    salt.minimum_age = Some(0);
    salt.maximum_age = Some(19);

    let mut breaks = rec(
        "short-break-unit",
        Kind::Provision,
        "Short break unit",
        "Short breaks with a sandpit, nature area and music zone.",
    );
    breaks.districts = vec![Area(5)];
    breaks.minimum_age = Some(5);
    breaks.maximum_age = Some(18);

    let mut dingley = rec(
        "dingleys-promise-droitwich",
        Kind::Provision,
        "Dingley's Promise Droitwich",
        "An early years enhanced provision for children with SEND.",
    );
    dingley.districts = vec![Area(4)];
    dingley.minimum_age = Some(2);
    dingley.maximum_age = Some(4);
    dingley.needs = vec![Need::Asd];

    let mut wait = rec(
        "autism-webinars",
        Kind::WaitSupport,
        "Autism webinars",
        "Free online talks about autism for parent carers who are waiting.",
    );
    wait.needs = vec![Need::Asd];

    let autistic = rec(
        "autistic-teens-course",
        Kind::WaitSupport,
        "Online course for autistic teenagers",
        "A course about being autistic.",
    );

    let coproduction = rec(
        "coproduction",
        Kind::Service,
        "Co-production with young people",
        "Young people help design services.",
    );

    vec![
        camhs,
        salt,
        breaks,
        dingley,
        wait,
        autistic,
        coproduction,
        gloss(
            "CAMHS",
            "Child and Adolescent Mental Health Service",
            "The NHS service for children's mental health.",
        ),
        gloss(
            "SALT",
            "Speech and Language Therapy",
            "Help with talking and understanding.",
        ),
        gloss(
            "EHCP",
            "Education, Health and Care Plan",
            "A legal plan that says what help a child must get.",
        ),
        gloss(
            "SEND",
            "Special Educational Needs and Disabilities",
            "Extra help a child needs to learn.",
        ),
    ]
}

/// The council of the hand-written Local Offer: Worcestershire's six districts (codes 0–5).
pub fn council() -> local_offer_search::council::Council {
    let area = |key: &str, label: &str, names: &[&str]| local_offer_search::council::AreaInfo {
        key: key.into(),
        label: label.into(),
        names: names.iter().map(|n| n.to_string()).collect(),
    };
    local_offer_search::council::Council {
        name: "Worcestershire".into(),
        areas: vec![
            area(
                "bromsgrove",
                "Bromsgrove",
                &["Rubery", "Wythall", "Alvechurch"],
            ),
            area("malvern_hills", "Malvern Hills", &["Upton", "Tenbury"]),
            area("redditch", "Redditch", &[]),
            area("worcester", "Worcester", &[]),
            area(
                "wychavon",
                "Wychavon",
                &["Droitwich", "Evesham", "Pershore"],
            ),
            area(
                "wyre_forest",
                "Wyre Forest",
                &["Kidderminster", "Stourport", "Bewdley"],
            ),
        ],
        email: "localoffer@worcschildrenfirst.org.uk".into(),
        ..Default::default()
    }
}

/// Builds an index of `records` for [`council`], with no vocabulary.
#[allow(dead_code)]
pub fn build(
    records: &[Record],
) -> Result<
    (Vec<u8>, local_offer_search::index::write::BuildReport),
    local_offer_search::index::write::WriteError,
> {
    local_offer_search::index::write::build_with(records, &Default::default(), &council())
}

pub fn index() -> Index {
    // Built once per test binary; each caller opens its own copy.
    static BYTES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        local_offer_search::index::write::build_with(&records(), &Default::default(), &council())
            .expect("test records build")
            .0
    });
    Index::open(&BYTES).expect("test index opens")
}

/// Ids of the top `n` hits for `q` with no filters.
pub fn top(index: &Index, q: &str, n: usize) -> Vec<String> {
    ids(index, &index.search(q, &Default::default(), n))
}

pub fn ids(index: &Index, results: &local_offer_search::Results) -> Vec<String> {
    results
        .hits
        .iter()
        .map(|h| index.record(h.doc).expect("record decodes").id)
        .collect()
}
