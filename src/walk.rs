//! One automaton type for every walk of an `fst` map: a Levenshtein automaton (typos), a prefix
//! (the word being typed), or every key (loading the glossary, checking the postings).
//!
//! `fst` compiles its stream code once per automaton type, and each copy is about 4 KB of the
//! wasm a family downloads. Going through this one enum keeps a single copy; the match on the
//! variant costs far less than the dictionary lookups around it.

use fst::{Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{DFA, SINK_STATE};

/// What a walk accepts.
#[derive(Clone, Copy)]
pub enum Walk<'a> {
    /// Keys within the automaton's edit distance.
    Typo(&'a DFA),
    /// Keys that start with these bytes.
    Prefix(&'a [u8]),
    /// Every key.
    All,
}

/// A prefix walk's state once a byte has failed to match.
const NO_MATCH: u32 = u32::MAX;

impl Automaton for Walk<'_> {
    /// The DFA's state, or how many bytes of the prefix have matched.
    type State = u32;

    fn start(&self) -> u32 {
        match self {
            Walk::Typo(dfa) => dfa.initial_state(),
            Walk::Prefix(_) | Walk::All => 0,
        }
    }

    fn is_match(&self, state: &u32) -> bool {
        match self {
            Walk::Typo(dfa) => dfa.is_match(state),
            Walk::Prefix(p) => *state as usize == p.len(),
            Walk::All => true,
        }
    }

    fn can_match(&self, state: &u32) -> bool {
        match self {
            Walk::Typo(_) => *state != SINK_STATE,
            Walk::Prefix(_) => *state != NO_MATCH,
            Walk::All => true,
        }
    }

    fn will_always_match(&self, state: &u32) -> bool {
        match self {
            Walk::Typo(_) => false,
            Walk::Prefix(p) => *state as usize == p.len(),
            Walk::All => true,
        }
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        match self {
            Walk::Typo(dfa) => dfa.transition(*state, byte),
            Walk::Prefix(p) => match p.get(*state as usize) {
                _ if *state == NO_MATCH => NO_MATCH,
                Some(&b) if b == byte => state + 1,
                Some(_) => NO_MATCH,
                None => *state,
            },
            Walk::All => 0,
        }
    }
}

/// A key as text. [`crate::Index::open`] refuses a file whose keys are not UTF-8, so the empty
/// fallback is never used; it saves the wasm the lossy decoder.
pub fn key_text(key: &[u8]) -> String {
    std::str::from_utf8(key).unwrap_or_default().to_string()
}

/// Calls `f(key, value, state)` for each key of `map` that `walk` accepts, in key order, until
/// `f` returns false.
pub fn walk(map: &Map<Vec<u8>>, walk: Walk<'_>, mut f: impl FnMut(&[u8], u64, u32) -> bool) {
    let mut stream = map.search_with_state(walk).into_stream();
    while let Some((key, value, state)) = stream.next() {
        if !f(key, value, state) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use levenshtein_automata::LevenshteinAutomatonBuilder;

    fn keys(map: &Map<Vec<u8>>, w: Walk<'_>) -> Vec<String> {
        let mut out = Vec::new();
        walk(map, w, |k, _, _| {
            out.push(String::from_utf8_lossy(k).into_owned());
            true
        });
        out
    }

    #[test]
    fn each_walk_accepts_what_its_fst_automaton_would() {
        let words = [
            "autism", "autistic", "camhs", "chat", "salt", "sen", "send", "sendiass",
        ];
        let map = Map::from_iter(words.iter().enumerate().map(|(i, w)| (*w, i as u64)))
            .expect("sorted keys");
        assert_eq!(keys(&map, Walk::All), words);
        assert_eq!(
            keys(&map, Walk::Prefix(b"sen")),
            ["sen", "send", "sendiass"]
        );
        assert_eq!(keys(&map, Walk::Prefix(b"aut")), ["autism", "autistic"]);
        assert_eq!(keys(&map, Walk::Prefix(b"x")), Vec::<String>::new());
        assert_eq!(keys(&map, Walk::Prefix(b"")), words);
        let dfa = LevenshteinAutomatonBuilder::new(1, true).build_dfa("cahms");
        let mut direct = Vec::new();
        let mut stream = map.search(&dfa).into_stream();
        while let Some((k, _)) = stream.next() {
            direct.push(String::from_utf8_lossy(k).into_owned());
        }
        assert_eq!(direct, ["camhs"]);
        assert_eq!(keys(&map, Walk::Typo(&dfa)), direct);
    }

    #[test]
    fn a_walk_stops_when_asked() {
        let map = Map::from_iter([("a", 1u64), ("b", 2), ("c", 3)]).expect("sorted keys");
        let mut seen = 0;
        walk(&map, Walk::All, |_, _, _| {
            seen += 1;
            seen < 2
        });
        assert_eq!(seen, 2);
    }
}
