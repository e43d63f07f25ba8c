//! `src/words.rs` against `unicode-segmentation`, the UAX #29 implementation it replaced in the
//! wasm: the same words on every data file, and on random text over the scripts, digits, joiners
//! and punctuation a Local Offer can contain.

use local_offer_search::words::words;
use proptest::prelude::*;
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

fn ours(text: &str) -> Vec<(usize, &str)> {
    words(text).map(|r| (r.start, &text[r])).collect()
}

fn oracle(text: &str) -> Vec<(usize, &str)> {
    text.unicode_word_indices().collect()
}

fn data_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("data/ is readable") {
        let path = entry.expect("data/ entry").path();
        if path.is_dir() {
            data_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_data_file_splits_into_the_same_words() {
    let mut files = Vec::new();
    data_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &mut files,
    );
    assert!(files.len() > 4, "found only {} data files", files.len());
    let mut total = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("data files are UTF-8");
        let (a, b) = (ours(&text), oracle(&text));
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
            panic!(
                "{}: word {i} differs: ours {:?}, unicode-segmentation {:?}",
                file.display(),
                a.get(i),
                b.get(i)
            );
        }
        total += a.len();
    }
    assert!(total > 10_000, "only {total} words in the data");
}

/// Letters (Latin with accents, Welsh, Polish, Greek, Cyrillic), digits, superscripts, spaces,
/// combining marks, joiners, and every kind of punctuation UAX #29 treats specially.
const ALPHABET: &[char] = &[
    'a', 'b', 'Z', 'é', 'ŵ', 'ł', 'Ω', 'ж', '0', '7', '²', '½', ' ', '\u{a0}', '\u{202f}', '\t',
    '\n', '\u{301}', '\u{ad}', '\u{200d}', '\u{200b}', '.', ',', ';', ':', '\'', '’', '‘', '·',
    '_', '-', '–', '&', '/', '+', '(', ')', '"', '“', '!', '?', '£', '%', '@', '#',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn random_text_splits_into_the_same_words(
        chars in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40)
    ) {
        let text: String = chars.into_iter().collect();
        prop_assert_eq!(ours(&text), oracle(&text), "text {:?}", text);
    }
}
