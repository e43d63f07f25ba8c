//! Every card of the real data gives a family a next step: how to get the help and at least one
//! contact (a general one saying so), the month it was last checked, a way to report it out of
//! date, and its status in words when it is not open. Built with the real `index-builder
//! build` and read back through `view::card_for`, the code the widget runs.

mod real_data;

use local_offer_search::model::{Kind, Status};
use local_offer_search::view::{card_for, status_text, LinkKind};
use real_data::real_index;

#[test]
fn every_card_has_a_next_step_a_contact_and_its_dates() {
    let index = real_index();
    let mut problems = Vec::new();
    let mut services = 0;
    for doc in 0..index.len() as u32 {
        let r = index.record(doc).expect("every record decodes");
        let c = card_for(&index, &r, &[], &[]);
        let mut fail = |what: &str| problems.push(format!("{}: {what}", r.id));
        if c.last_checked.is_empty() {
            fail("no \"Last checked\"");
        }
        // The council profile's email (data/council.toml).
        let email = &index.council().email;
        assert!(!email.is_empty(), "the council profile gives an email");
        let report = format!("mailto:{email}?subject=Out%20of%20date%3A%20");
        if !c
            .report
            .as_ref()
            .is_some_and(|l| l.href.starts_with(&report) && l.kind == LinkKind::Email)
        {
            fail("no out-of-date email");
        }
        if r.kind == Kind::Glossary {
            continue;
        }
        services += 1;
        if !c.facts.iter().any(|f| f.label == "How to get it") || r.how_to_get.is_empty() {
            fail("no how to get it");
        }
        if c.links.is_empty() {
            fail("no contact that passes the link checks");
        }
        if c.links.len() != r.contacts.len() {
            fail("a contact was refused by the link checks");
        }
        for l in c.links.iter().filter(|l| l.general) {
            if !l
                .whose()
                .is_some_and(|w| w.starts_with("General contact: "))
            {
                fail("a general contact that does not say whose it is");
            }
        }
        let want = (r.status != Status::Active)
            .then(|| status_text(&r))
            .flatten();
        if c.badge != want || (r.status != Status::Active && c.badge.is_none()) {
            fail("its status badge is wrong");
        }
    }
    assert!(
        services > 100,
        "the real data has its services ({services})"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
