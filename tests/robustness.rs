//! Bad input never panics: any query of any length or script returns within a bound, and any
//! damaged, truncated or foreign index file is a typed error (or, if it still opens, searches
//! safely).

#![cfg(feature = "writer")]

mod common;

use common::build;
use local_offer_search::index::{IndexError, FORMAT_VERSION, HEADER_LEN};
use local_offer_search::search::MAX_WORDS;
use local_offer_search::{Filters, Index};
use proptest::prelude::*;

/// The test records, one with a description, so the `surface` section has entries to damage.
/// Built once: every damaging case starts from a copy.
fn index_bytes() -> Vec<u8> {
    static BYTES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        let mut records = common::records();
        records[2].description = "Bring wellies, raincoats and EHCPs.".into();
        build(&records).expect("builds").0
    });
    BYTES.clone()
}

fn u32_at(bytes: &[u8], i: usize) -> usize {
    u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
}

/// The sections of an index file as (id, bytes), in file order.
fn sections(bytes: &[u8]) -> Vec<(u32, Vec<u8>)> {
    (0..u32_at(bytes, 12))
        .map(|i| {
            let at = HEADER_LEN + 12 * i;
            let (offset, len) = (u32_at(bytes, at + 4), u32_at(bytes, at + 8));
            (
                u32_at(bytes, at) as u32,
                bytes[offset..offset + len].to_vec(),
            )
        })
        .collect()
}

/// An index file holding `sections`, with its section table, length and checksum made to
/// match: only the sections' own checks can object.
fn assemble(sections: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut v = index_bytes()[..12].to_vec();
    v.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    v.extend_from_slice(&[0; 8]);
    let mut offset = HEADER_LEN + 12 * sections.len();
    for (id, body) in sections {
        for n in [*id as usize, offset, body.len()] {
            v.extend_from_slice(&(n as u32).to_le_bytes());
        }
        offset += body.len();
    }
    for (_, body) in sections {
        v.extend_from_slice(body);
    }
    let total = v.len() as u32;
    v[16..20].copy_from_slice(&total.to_le_bytes());
    let crc = local_offer_search::index::codec::crc32(&v[HEADER_LEN..]);
    v[20..24].copy_from_slice(&crc.to_le_bytes());
    v
}

/// `bytes` with section `id` replaced by `body`, everything else made to match.
fn with_section(bytes: &[u8], id: u32, body: &[u8]) -> Vec<u8> {
    let mut all = sections(bytes);
    let s = all
        .iter_mut()
        .find(|(s, _)| *s == id)
        .expect("the section exists");
    s.1 = body.to_vec();
    assemble(&all)
}

/// `bytes` with the `surface` section replaced by `table`.
fn with_surface(bytes: &[u8], table: &[u8]) -> Vec<u8> {
    with_section(bytes, local_offer_search::index::section::SURFACE, table)
}

/// Checks what an index that opened despite damage still does: every answer stays within its
/// bounds, and every hit's record and headline either decode or are a typed error.
fn searches_safely(i: &Index) {
    for q in [
        "autism",
        "chams",
        "sa",
        "short breaks",
        "salt",
        "ehcp plan",
        "s",
    ] {
        let r = i.search(q, &Filters::default(), 10);
        assert!(r.hits.len() <= 10 && r.total <= i.len(), "{q}");
        assert!(r.words.len() <= MAX_WORDS, "{q}");
        for h in r.hits {
            assert!((h.doc as usize) < i.len(), "{q}: doc {}", h.doc);
            let _ = i.record(h.doc);
            let _ = i.headline(h.doc);
        }
    }
    for e in i.glossary() {
        assert!((e.doc as usize) < i.len());
    }
}

/// What a damaged index that does not open must give: one line for the maintainer, plain
/// words for the family.
fn explains_itself(e: &IndexError) {
    let line = e.to_string();
    assert!(!line.is_empty() && !line.contains('\n'), "{line:?}");
    assert!(e.for_family().ends_with('.'), "{e:?}");
}

/// A small deterministic generator (xorshift64*), so a failing case is reproducible from its
/// number alone.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Damages one section of `sections` in one of several ways; says what it did.
fn damage(rng: &mut Rng, sections: &mut [(u32, Vec<u8>)]) -> String {
    let k = rng.below(sections.len());
    let (id, body) = &mut sections[k];
    let name = local_offer_search::index::section::name(*id);
    let len = body.len();
    let at = rng.below(len);
    let byte = rng.next() as u8;
    match rng.below(8) {
        0 if len > 0 => {
            body[at] ^= byte | 1;
            format!("{name}: byte {at} ^= {:#x}", byte | 1)
        }
        1 if len > 0 => {
            body[at] = byte;
            format!("{name}: byte {at} = {byte:#x}")
        }
        2 if len > 0 => {
            // The footer of an fst section: key count, root address.
            let at = len - 1 - rng.below(len.min(24));
            body[at] = byte;
            format!("{name}: byte {at} (near the end) = {byte:#x}")
        }
        3 => {
            body.truncate(at);
            format!("{name}: cut to {at} bytes")
        }
        4 => {
            let n = 1 + rng.below(8);
            let extra: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            body.splice(at..at, extra);
            format!("{name}: {n} bytes inserted at {at}")
        }
        5 if len > 1 => {
            let from = rng.below(len);
            let n = 1 + rng.below(16.min(len - from));
            let n = n.min(len - at);
            body.copy_within(from..from + n, at);
            format!("{name}: {n} bytes from {from} copied to {at}")
        }
        6 if len > 0 => {
            let n = 2 + rng.below(6);
            for _ in 0..n {
                let p = rng.below(len);
                body[p] ^= 1 << rng.below(8);
            }
            format!("{name}: {n} bits flipped")
        }
        _ => {
            let v = [0u8, 0xff, 0x7f, 0x80, 1, 2, 0x40, 0xc0][rng.below(8)];
            if len > 0 {
                body[at] = v;
            }
            format!("{name}: byte {at} = {v:#x} (an edge value)")
        }
    }
}

/// How many damaged indexes [`damage_to_any_section_is_an_error_or_a_safe_index`] tries:
/// `LOS_MUTATION_CASES` if set, else 10,000.
fn mutation_cases() -> u64 {
    std::env::var("LOS_MUTATION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_is_answered(q in "\\PC{0,300}") {
        let i = common::index();
        let r = i.search(&q, &Filters::default(), 10);
        prop_assert!(r.hits.len() <= 10);
        prop_assert!(r.words.len() <= MAX_WORDS);
        prop_assert!(r.total <= i.len());
    }

    #[test]
    fn any_mix_of_scripts_and_symbols_is_answered(q in "[a-zA-Z0-9 '’&+\\-ŵłżéß🙂\u{202E}\u{0645}]{0,80}") {
        let i = common::index();
        let r = i.search(&q, &Filters::default(), 5);
        prop_assert!(r.hits.len() <= 5);
        prop_assert!(r.total <= i.len());
        prop_assert!(r.words.len() <= MAX_WORDS);
        for h in r.hits {
            prop_assert!(i.record(h.doc).is_ok());
        }
    }

    #[test]
    fn a_flipped_byte_is_always_refused(pos in 0usize..100_000, byte in any::<u8>()) {
        // The header's own fields are checked, and CRC-32 catches every change of up to 32
        // bits in what it covers: one changed byte never opens, wherever it is.
        let mut bytes = index_bytes();
        let p = pos % bytes.len();
        bytes[p] ^= byte | 1;
        match Index::open(&bytes) {
            Ok(_) => prop_assert!(false, "byte {} changed and the file still opened", p),
            Err(e) => explains_itself(&e),
        }
    }
}

#[test]
fn damage_to_any_section_is_an_error_or_a_safe_index() {
    // Every section, the two fst sections included, damaged in many ways with the checksum
    // made to match, so each parser meets the damage.
    let clean = sections(&index_bytes());
    let cases = mutation_cases();
    let (mut opened, mut refused) = (0u64, 0u64);
    let mut slowest = std::time::Duration::ZERO;
    for case in 0..cases {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (case + 1).wrapping_mul(0x1000_0000_01B3));
        let mut damaged = clean.clone();
        let mut what = damage(&mut rng, &mut damaged);
        if rng.below(4) == 0 {
            what = format!("{what}; {}", damage(&mut rng, &mut damaged));
        }
        let file = assemble(&damaged);
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(|| match Index::open(&file) {
            Ok(i) => {
                searches_safely(&i);
                true
            }
            Err(e) => {
                explains_itself(&e);
                false
            }
        });
        let took = started.elapsed();
        match outcome {
            Ok(true) => opened += 1,
            Ok(false) => refused += 1,
            Err(_) => panic!("case {case} ({what}) panicked"),
        }
        assert!(
            took < std::time::Duration::from_secs(2),
            "case {case} ({what}) took {took:?}"
        );
        slowest = slowest.max(took);
    }
    eprintln!("{cases} damaged indexes: {opened} opened and searched safely, {refused} refused; slowest {slowest:?}");
    assert_eq!(opened + refused, cases);
    assert!(
        refused > cases / 4,
        "most damage is caught: {refused} of {cases}"
    );
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = index_bytes();
    for cut in 0..bytes.len() {
        let err = Index::open(&bytes[..cut]).expect_err("a cut file must not open");
        assert!(matches!(
            err,
            IndexError::TooShort { .. } | IndexError::WrongLength { .. }
        ));
    }
}

#[test]
fn errors_read_as_sentences() {
    let bytes = index_bytes();
    assert_eq!(
        Index::open(b"").unwrap_err(),
        IndexError::TooShort { len: 0 }
    );
    let e = Index::open(b"<!doctype html><html>not found</html>").unwrap_err();
    assert_eq!(e, IndexError::NotAnIndex);
    assert!(e.to_string().contains("not a Local Offer index"));

    let mut v = bytes.clone();
    v[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let e = Index::open(&v).unwrap_err();
    let found = format!("format version {}", FORMAT_VERSION + 1);
    assert!(e.to_string().contains(&found), "{e}");

    let mut v = bytes.clone();
    let last = v.len() - 1;
    v[last] ^= 0xff;
    assert!(matches!(
        Index::open(&v),
        Err(IndexError::ChecksumMismatch { .. })
    ));

    let e = Index::open(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("cut short"), "{e}");
}

#[test]
fn families_get_plain_words_not_numbers() {
    let bytes = index_bytes();
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let mut version = bytes.clone();
    version[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let cases: [&[u8]; 5] = [
        b"",
        b"<!doctype html>not found",
        &bytes[..bytes.len() / 2],
        &flipped,
        &version,
    ];
    for case in cases {
        let e = Index::open(case).unwrap_err();
        let plain = e.for_family();
        assert!(plain.ends_with('.'), "{plain}");
        assert!(!plain.chars().any(|c| c.is_ascii_digit()), "{plain}");
        assert!(
            !plain.contains("index-builder") && !plain.contains("checksum"),
            "{plain}"
        );
        assert_ne!(plain, e.to_string());
    }
}

#[test]
fn a_long_query_stays_bounded() {
    let i = common::index();
    let q = "autism ".repeat(10_000) + &"x".repeat(100_000);
    let started = std::time::Instant::now();
    let r = i.search(&q, &Filters::default(), 10);
    assert!(r.words.len() <= MAX_WORDS);
    // The flood of repeats changes nothing: the answer is the one for the word alone.
    assert_eq!(common::ids(&i, &r)[..1], common::top(&i, "autism", 1)[..]);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_file_of_the_old_format_asks_for_a_rebuild() {
    // Version 1 stored descriptions and had no surface section.
    let mut v = index_bytes();
    v[8..12].copy_from_slice(&1u32.to_le_bytes());
    let e = Index::open(&v).unwrap_err();
    assert_eq!(
        e,
        IndexError::UnsupportedVersion {
            found: 1,
            supported: FORMAT_VERSION
        }
    );
    assert!(e.to_string().contains("format version 1"), "{e}");
    assert!(e.to_string().contains("rebuild the index"), "{e}");
}

#[test]
fn the_surface_table_round_trips() {
    let bytes = index_bytes();
    let at = HEADER_LEN + 12 * (u32_at(&bytes, 12) - 1);
    let own = &bytes[u32_at(&bytes, at + 4)..];
    assert_eq!(
        with_surface(&bytes, own),
        bytes,
        "the helper changes nothing else"
    );
    let i = Index::open(&bytes).expect("opens");
    assert_eq!(i.surface_word("welly"), Some("wellies"));
    assert_eq!(i.surface_word("raincoat"), Some("raincoats"));
    assert_eq!(i.surface_word("ehcp"), Some("EHCPs"));
    assert_eq!(i.surface_word("bring"), None);

    // Two entries, front-coded: "ab" → "abs", then "abc" (2 bytes shared) → "ABC" (none).
    let table = [
        2, 0, 2, b'a', b'b', 2, 1, b's', 2, 1, b'c', 0, 3, b'A', b'B', b'C',
    ];
    let i = Index::open(&with_surface(&bytes, &table)).expect("a hand-made table opens");
    assert_eq!(i.surface_count(), 2);
    assert_eq!(i.surface_word("ab"), Some("abs"));
    assert_eq!(i.surface_word("abc"), Some("ABC"));
    assert_eq!(i.surface_word("a"), None);
    assert_eq!(i.surface_word("abcd"), None);
    assert_eq!(
        Index::open(&with_surface(&bytes, &[0]))
            .expect("empty")
            .surface_count(),
        0
    );
}

#[test]
fn a_damaged_surface_table_is_an_error() {
    let bytes = index_bytes();
    let cases: [(&str, &[u8]); 10] = [
        ("no count", &[]),
        (
            "a count larger than the bytes",
            &[0xff, 0xff, 0xff, 0xff, 0x0f],
        ),
        ("an entry cut short", &[1, 0, 5, b'a', b'b', b'c']),
        (
            "sharing more than the previous term",
            &[1, 2, 1, b'a', 0, 1, b's'],
        ),
        (
            "a word sharing more than its term",
            &[1, 0, 1, b'a', 2, 1, b's'],
        ),
        (
            "terms out of order",
            &[2, 0, 1, b'b', 0, 1, b'B', 0, 1, b'a', 0, 1, b'A'],
        ),
        (
            "a repeated term",
            &[2, 0, 1, b'a', 0, 1, b'A', 1, 0, 0, 1, b'A'],
        ),
        ("bytes that are not UTF-8", &[1, 0, 1, 0xff, 0, 1, b'x']),
        (
            "bytes after the last entry",
            &[1, 0, 1, b'a', 0, 1, b'A', 0],
        ),
        ("an empty word", &[1, 0, 1, b'a', 0, 0]),
    ];
    for (what, table) in cases {
        let e = Index::open(&with_surface(&bytes, table)).expect_err(what);
        assert!(
            matches!(
                e,
                IndexError::Corrupt {
                    section: "surface",
                    ..
                }
            ),
            "{what}: {e:?}"
        );
        assert!(e.to_string().contains("surface section"), "{what}: {e}");
    }
}

#[test]
fn a_file_without_a_surface_section_is_an_error() {
    use local_offer_search::index::section;
    let mut v = index_bytes();
    let count = u32_at(&v, 12);
    let at = HEADER_LEN + 12 * (count - 1);
    assert_eq!(u32_at(&v, at) as u32, section::SURFACE);
    // Renumber the section, as if a writer had left it out.
    v[at..at + 4].copy_from_slice(&99u32.to_le_bytes());
    let crc = local_offer_search::index::codec::crc32(&v[HEADER_LEN..]);
    v[20..24].copy_from_slice(&crc.to_le_bytes());
    assert_eq!(
        Index::open(&v).unwrap_err(),
        IndexError::MissingSection { name: "surface" }
    );
}

/// An fst map's bytes from its nodes (each ending at its state byte), the key count its footer
/// claims and its root: the header and footer the `fst` crate writes, around hand-made nodes.
fn raw_fst(nodes: &[u8], claimed: u64, root: u64) -> Vec<u8> {
    let mut v = 3u64.to_le_bytes().to_vec();
    v.extend_from_slice(&[0; 8]);
    v.extend_from_slice(nodes);
    v.extend_from_slice(&claimed.to_le_bytes());
    v.extend_from_slice(&root.to_le_bytes());
    v.extend_from_slice(&[0; 4]);
    v
}

/// `levels` nodes, each with two transitions ("a", "b") to the node below: 2^levels keys in
/// 6 bytes a level. Returns the nodes and the root's address.
fn doubling_nodes(levels: u32) -> (Vec<u8>, u64) {
    let mut nodes = Vec::new();
    for level in 0..levels {
        // Deltas (transition 1, then 0), inputs ("b", then "a"), pack sizes, state: two
        // transitions, not final. The lowest level points at address 0, the empty final node.
        let delta = u8::from(level > 0);
        nodes.extend_from_slice(&[delta, delta, b'b', b'a', 0x10, 2]);
    }
    (nodes.clone(), 16 + nodes.len() as u64 - 1)
}

/// Crafted fst sections that once panicked inside the `fst` crate or never finished opening,
/// each as (what, bytes, the error's detail).
fn crafted_fsts() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let (six, six_root) = doubling_nodes(6);
    let (many, many_root) = doubling_nodes(62);
    // A final leaf, then 10,000 one-byte nodes each stepping down to the one below it.
    let mut chain = vec![0, 0, 0x40];
    chain.extend(std::iter::repeat_n(0b11_000001, 10_000));
    // One transition whose pack sizes say its address takes 0 bytes ("1 <= nbytes").
    let zero_size = [0, 0b0000_0000, 0b10_000001];
    // One transition whose address lies below the start of the file.
    let far = [200, 0b0001_0000, 0b10_000001];
    // Pack sizes of 9 bytes.
    let nine = [0; 18]
        .into_iter()
        .chain([0x99, 0b10_000001])
        .collect::<Vec<u8>>();
    vec![
        (
            "72 bytes claiming 2^62 keys",
            raw_fst(&six, 1 << 62, six_root),
            "holds more keys, or longer ones, than the index allows",
        ),
        (
            "2^62 keys in shared nodes",
            raw_fst(&many, 1 << 62, many_root),
            "holds more keys, or longer ones, than the index allows",
        ),
        (
            "2^62 keys behind a footer claiming 3",
            raw_fst(&many, 3, many_root),
            "holds more keys, or longer ones, than the index allows",
        ),
        (
            "a key 10,000 bytes long",
            raw_fst(&chain, 1, 16 + chain.len() as u64 - 1),
            "holds more keys, or longer ones, than the index allows",
        ),
        (
            "a zero-byte address",
            raw_fst(&zero_size, 1, 18),
            "has a malformed node, root or header",
        ),
        (
            "an address below the file",
            raw_fst(&far, 1, 18),
            "has a malformed node, root or header",
        ),
        (
            "nine-byte pack sizes",
            raw_fst(&nine, 1, 16 + nine.len() as u64 - 1),
            "has a malformed node, root or header",
        ),
        (
            "a root past the end",
            raw_fst(&six, 1, u64::MAX),
            "has a malformed node, root or header",
        ),
        (
            "a root in the header",
            raw_fst(&six, 1, 3),
            "has a malformed node, root or header",
        ),
    ]
}

#[test]
fn crafted_fst_sections_are_refused_quickly() {
    use local_offer_search::index::section;
    let bytes = index_bytes();
    assert_eq!(raw_fst(&doubling_nodes(6).0, 0, 0).len(), 72);
    for (what, fst, detail) in crafted_fsts() {
        for (id, name) in [(section::TERMS, "terms"), (section::ACRONYMS, "acronyms")] {
            let file = with_section(&bytes, id, &fst);
            let started = std::time::Instant::now();
            let e = Index::open(&file).expect_err(what);
            let took = started.elapsed();
            assert_eq!(
                e,
                IndexError::Corrupt {
                    section: name,
                    detail: detail.into()
                },
                "{what} as {name}"
            );
            explains_itself(&e);
            assert!(
                took < std::time::Duration::from_millis(100),
                "{what} as {name}: {took:?}"
            );
        }
    }
}

#[test]
fn a_hand_made_fst_of_the_right_shape_opens() {
    // The doubling nodes with an honest footer and few enough keys: the check accepts what
    // the crate can read, so the refusals above are about the damage, not the hand-made bytes.
    use local_offer_search::index::section;
    let (nodes, root) = doubling_nodes(2);
    let file = with_section(&index_bytes(), section::ACRONYMS, &raw_fst(&nodes, 4, root));
    let i = Index::open(&file).expect("four two-letter keys open");
    assert_eq!(i.acronym_count(), 4);
}

#[test]
fn the_file_helpers_change_nothing_by_themselves() {
    let bytes = index_bytes();
    assert_eq!(assemble(&sections(&bytes)), bytes);
}

#[test]
fn a_council_section_that_does_not_fit_is_an_error() {
    use local_offer_search::council::{AreaInfo, Council};
    use local_offer_search::index::section;
    let bytes = index_bytes();
    let council = Index::open(&bytes).expect("opens").council().clone();
    assert_eq!(council, common::council(), "the section holds the profile");
    let corrupt = |body: &[u8]| match Index::open(&with_section(&bytes, section::COUNCIL, body)) {
        Err(e @ IndexError::Corrupt { section: s, .. }) => {
            assert!(s == "council" || s == "filters" || s == "vocabulary", "{e}");
            e.to_string()
        }
        other => panic!("{other:?}"),
    };
    // Fewer areas than the filter rows name (the test records use codes up to 5).
    let fewer = Council {
        areas: council.areas[..2].to_vec(),
        ..council.clone()
    };
    assert!(corrupt(&fewer.encode()).contains("names an area the council section does not have"));
    // More areas than a mask holds.
    let many = Council {
        areas: vec![
            AreaInfo {
                key: "a".into(),
                label: "A".into(),
                names: vec![]
            };
            16
        ],
        ..council.clone()
    };
    assert!(corrupt(&many.encode()).contains("claims 16 areas"));
    // A contact that is not a safe link, a name too long, a cut, and trailing bytes.
    let link = Council {
        email: "javascript:alert(1)".into(),
        ..council.clone()
    };
    assert!(corrupt(&link.encode()).contains("email that is not a safe link"));
    let long = Council {
        name: "x".repeat(500),
        ..council.clone()
    };
    assert!(corrupt(&long.encode()).contains("overlong"));
    let good = council.encode();
    for cut in [0, 1, good.len() / 2, good.len() - 1] {
        corrupt(&good[..cut]);
    }
    let mut extra = good.clone();
    extra.push(7);
    assert!(corrupt(&extra).contains("bytes after its last area"));
}
