//! One automaton type for every walk of an `fst` map: typos ([`crate::typo`]), a prefix (the
//! word being typed), or every key (loading the glossary, checking the postings).
//!
//! `fst` compiles its stream code once per automaton type, and each copy is about 4 KB of the
//! wasm a family downloads. Going through this one enum keeps a single copy; the match on the
//! variant costs far less than the dictionary lookups around it.

use crate::typo::{Typo, TypoState};
use fst::{Automaton, IntoStreamer, Map, Streamer};

/// What a walk accepts.
#[derive(Clone, Copy)]
pub enum Walk<'a> {
    /// Keys within the automaton's edit distance.
    Typo(&'a Typo),
    /// Keys that start with these bytes.
    Prefix(&'a [u8]),
    /// Every key.
    All,
}

/// Where a walk is: the typo automaton's state, or how many bytes of the prefix have matched.
#[derive(Clone, Copy)]
pub enum WalkState {
    Typo(TypoState),
    Matched(u32),
}

impl WalkState {
    /// The typo automaton's state, for a [`Walk::Typo`].
    pub fn typo(&self) -> Option<&TypoState> {
        match self {
            WalkState::Typo(s) => Some(s),
            WalkState::Matched(_) => None,
        }
    }
}

/// A prefix walk's count once a byte has failed to match.
const NO_MATCH: u32 = u32::MAX;

impl Automaton for Walk<'_> {
    type State = WalkState;

    fn start(&self) -> WalkState {
        match self {
            Walk::Typo(t) => WalkState::Typo(t.start()),
            Walk::Prefix(_) | Walk::All => WalkState::Matched(0),
        }
    }

    fn is_match(&self, state: &WalkState) -> bool {
        match (self, state) {
            (Walk::Typo(t), WalkState::Typo(s)) => t.distance(s).is_some(),
            (Walk::Prefix(p), WalkState::Matched(n)) => *n as usize == p.len(),
            (Walk::All, _) => true,
            _ => false,
        }
    }

    fn can_match(&self, state: &WalkState) -> bool {
        match (self, state) {
            (Walk::Typo(t), WalkState::Typo(s)) => t.alive(s),
            (Walk::Prefix(_), WalkState::Matched(n)) => *n != NO_MATCH,
            (Walk::All, _) => true,
            _ => false,
        }
    }

    fn will_always_match(&self, state: &WalkState) -> bool {
        match (self, state) {
            (Walk::Typo(t), WalkState::Typo(s)) => t.settled(s),
            (Walk::Prefix(p), WalkState::Matched(n)) => *n as usize == p.len(),
            (Walk::All, _) => true,
            _ => false,
        }
    }

    fn accept(&self, state: &WalkState, byte: u8) -> WalkState {
        match (self, state) {
            (Walk::Typo(t), WalkState::Typo(s)) => WalkState::Typo(t.step(s, byte)),
            (Walk::Prefix(p), WalkState::Matched(n)) => {
                WalkState::Matched(match p.get(*n as usize) {
                    _ if *n == NO_MATCH => NO_MATCH,
                    Some(&b) if b == byte => n + 1,
                    Some(_) => NO_MATCH,
                    None => *n,
                })
            }
            _ => *state,
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
pub fn walk(map: &Map<Vec<u8>>, walk: Walk<'_>, mut f: impl FnMut(&[u8], u64, &WalkState) -> bool) {
    let mut stream = map.search_with_state(walk).into_stream();
    while let Some((key, value, state)) = stream.next() {
        if !f(key, value, &state) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let one = Typo::new("cahms", 1, false).expect("short word");
        assert_eq!(keys(&map, Walk::Typo(&one)), ["camhs"]);
        let two = Typo::new("sennd", 2, false).expect("short word");
        assert_eq!(keys(&map, Walk::Typo(&two)), ["sen", "send"]);
        let typing = Typo::new("autsi", 1, true).expect("short word");
        assert_eq!(keys(&map, Walk::Typo(&typing)), ["autism", "autistic"]);
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
