//! How a word is written when a suggestion shows it ("did you mean …"): shared by the writer,
//! which works out the `surface` section, and the search, which reads it.

use crate::model::Record;
use crate::text::tokenize;

/// The stored fields a suggestion's word is looked for in, in order. The description comes
/// after them; the writer looks there (see [`crate::index::write`]) since the doc store does
/// not keep it.
pub fn shown_texts(r: &Record) -> [&str; 4] {
    [&r.name, &r.term, &r.alternate_name, &r.summary]
}

/// How the first word of `texts` whose term is `term` is written, as a suggestion shows it.
pub fn written_in<'a>(texts: impl IntoIterator<Item = &'a str>, term: &str) -> Option<String> {
    for text in texts {
        for t in tokenize(text) {
            if t.term == term {
                return Some(as_suggested(&text[t.span]));
            }
        }
    }
    None
}

/// A word as a suggestion writes it: lower-cased, unless it is an acronym
/// ([`crate::text::is_acronym`]: "EHCPs", "SaLT").
pub fn as_suggested(word: &str) -> String {
    if crate::text::is_acronym(word) {
        word.to_string()
    } else {
        word.chars().map(crate::text::lower).collect()
    }
}
