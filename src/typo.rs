//! Typo matching: which dictionary terms are within one or two edits of a query word.
//!
//! An edit is a letter added, dropped or changed, or two neighbouring letters swapped ("cmahs"
//! for "camhs"), with no letter edited twice (the "optimal string alignment" distance, as
//! `levenshtein_automata` counts with transpositions). [`Typo`] is an automaton over the term dictionary's UTF-8 bytes
//! that carries the edit-distance table's current column in its state, so the `fst` walk can
//! stop at the first byte after which no term could come close enough.
//!
//! Why not `levenshtein_automata`: it builds a complete DFA for every query word from tables it
//! computes at start-up, and that code was 13 KB of the gzipped wasm (a sixth of what a family
//! downloads). Filling a column of at most 25 small numbers per letter costs about what the
//! walk itself does, and needs no start-up. `tests/typo.rs` checks that every distance it gives
//! is the one `levenshtein_automata` gives (it stays a dev-dependency for that).

/// Longest word the automaton takes, in characters; longer words are not typo-matched.
pub const MAX_CHARS: usize = 24;

/// One more than the largest distance a state records: "too far".
const FAR: u8 = 3;

/// The largest distance asked for; a column keeps the cells this close to its diagonal.
const MAX_EDITS: usize = 2;

/// Cells kept per column: rows `j - MAX_EDITS ..= j + MAX_EDITS` of column `j`. Any other cell
/// is more than `MAX_EDITS` away, so the state stays a few bytes (the walk copies it per byte).
const BAND: usize = 2 * MAX_EDITS + 1;

/// A typo automaton for one query word.
#[derive(Debug, Clone)]
pub struct Typo {
    query: Vec<char>,
    max: u8,
    prefix: bool,
}

/// Where a walk is: the edit-distance table's last two columns near the diagonal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypoState {
    /// Column `chars` of the table: `column[k]` is the edits between the query's first
    /// `chars + k - MAX_EDITS` characters and the key so far, capped at [`FAR`].
    column: [u8; BAND],
    /// Column `chars - 1`, the same way, for swaps.
    before: [u8; BAND],
    /// The key's last character, for swaps; `None` at the start.
    last: Option<char>,
    /// Characters of the key so far.
    chars: u8,
    /// A character whose UTF-8 bytes have not all arrived: its bits so far and the bytes to come.
    partial: u32,
    pending: u8,
    /// A prefix match that no longer depends on what follows: its distance.
    settled: Option<u8>,
    /// Nothing that follows can match.
    dead: bool,
}

/// Row `i` of the column whose band is `band` and whose index is `j`.
fn cell(band: &[u8; BAND], j: usize, i: usize) -> u8 {
    if i + MAX_EDITS >= j && i <= j + MAX_EDITS {
        band[i + MAX_EDITS - j]
    } else {
        FAR
    }
}

impl Typo {
    /// Terms within `max` edits (1 or 2) of `query` or, with `prefix`, terms that start with
    /// something within `max` edits of it. `None` if the word is longer than [`MAX_CHARS`].
    pub fn new(query: &str, max: u8, prefix: bool) -> Option<Typo> {
        let query: Vec<char> = query.chars().collect();
        (query.len() <= MAX_CHARS).then_some(Typo {
            query,
            max: max.min(MAX_EDITS as u8),
            prefix,
        })
    }

    /// The state before any byte of a key: column 0, where row `i` is `i` edits.
    pub fn start(&self) -> TypoState {
        let mut column = [FAR; BAND];
        for (k, d) in column.iter_mut().enumerate().skip(MAX_EDITS) {
            if k - MAX_EDITS <= self.query.len() {
                *d = (k - MAX_EDITS) as u8;
            }
        }
        let mut s = TypoState {
            column,
            before: [FAR; BAND],
            last: None,
            chars: 0,
            partial: 0,
            pending: 0,
            settled: None,
            dead: false,
        };
        self.settle(&mut s);
        s
    }

    /// The edits between the query and a key that ended in state `s`, if within the limit.
    pub fn distance(&self, s: &TypoState) -> Option<u8> {
        if let Some(d) = s.settled {
            return Some(d);
        }
        let d = cell(&s.column, usize::from(s.chars), self.query.len());
        (!s.dead && s.pending == 0 && d <= self.max).then_some(d)
    }

    /// True if some key continuing from `s` could still match.
    pub fn alive(&self, s: &TypoState) -> bool {
        s.settled.is_some() || !s.dead
    }

    /// True once every key continuing from `s` matches (a settled prefix match).
    pub fn settled(&self, s: &TypoState) -> bool {
        s.settled.is_some()
    }

    /// The state after one more byte of the key.
    pub fn step(&self, s: &TypoState, byte: u8) -> TypoState {
        let mut next = *s;
        if s.settled.is_some() || s.dead {
            return next;
        }
        let c = match (s.pending, byte) {
            (0, 0x00..=0x7f) => char::from(byte),
            (0, 0xc0..=0xdf) => return self.await_bytes(next, u32::from(byte & 0x1f), 1),
            (0, 0xe0..=0xef) => return self.await_bytes(next, u32::from(byte & 0x0f), 2),
            (0, 0xf0..=0xf7) => return self.await_bytes(next, u32::from(byte & 0x07), 3),
            (1.., 0x80..=0xbf) => {
                let bits = (s.partial << 6) | u32::from(byte & 0x3f);
                if s.pending > 1 {
                    return self.await_bytes(next, bits, s.pending - 1);
                }
                match char::from_u32(bits) {
                    Some(c) => c,
                    None => return self.dead(next),
                }
            }
            _ => return self.dead(next),
        };
        next.pending = 0;
        next.partial = 0;
        self.push_char(&mut next, c);
        next
    }

    fn await_bytes(&self, mut s: TypoState, bits: u32, pending: u8) -> TypoState {
        s.partial = bits;
        s.pending = pending;
        s
    }

    fn dead(&self, mut s: TypoState) -> TypoState {
        s.dead = true;
        s
    }

    /// Fills the next column of the edit-distance table for key character `c`: a letter
    /// changed, added or dropped costs one, and so does swapping it with the one before.
    fn push_char(&self, s: &mut TypoState, c: char) {
        let q = &self.query;
        let j = usize::from(s.chars);
        if j >= usize::from(u8::MAX) {
            s.dead = true;
            return;
        }
        let next = j + 1;
        let mut column = [FAR; BAND];
        let mut best = FAR;
        for k in 0..BAND {
            let Some(i) = (next + k).checked_sub(MAX_EDITS) else {
                continue;
            };
            if i > q.len() {
                break;
            }
            let d = if i == 0 {
                next.min(usize::from(FAR)) as u8
            } else {
                let changed = cell(&s.column, j, i - 1) + u8::from(q[i - 1] != c);
                let added = cell(&s.column, j, i) + 1;
                // Row i - 1 of this column is the slot before, when it is in the band.
                let dropped = if k > 0 { column[k - 1] + 1 } else { FAR };
                let mut d = changed.min(added).min(dropped);
                if i >= 2 && j >= 1 && s.last == Some(q[i - 1]) && q[i - 2] == c {
                    d = d.min(cell(&s.before, j - 1, i - 2) + 1);
                }
                d.min(FAR)
            };
            column[k] = d;
            best = best.min(d);
        }
        s.before = s.column;
        s.column = column;
        s.last = Some(c);
        s.chars = next as u8;
        s.dead = best > self.max;
        self.settle(s);
    }

    /// For a prefix automaton: once the whole query is matched within the limit and no
    /// shorter part of it is matched more closely, more letters cannot lower the distance, so
    /// the match is settled.
    fn settle(&self, s: &mut TypoState) {
        let m = self.query.len();
        let j = usize::from(s.chars);
        let d = cell(&s.column, j, m);
        if self.prefix && d <= self.max && (0..m).all(|i| cell(&s.column, j, i) >= d) {
            s.settled = Some(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(query: &str, key: &str, max: u8, prefix: bool) -> Option<u8> {
        let t = Typo::new(query, max, prefix)?;
        let mut s = t.start();
        for b in key.bytes() {
            s = t.step(&s, b);
        }
        t.distance(&s)
    }

    #[test]
    fn edits_are_counted() {
        assert_eq!(distance("camhs", "camhs", 2, false), Some(0));
        assert_eq!(distance("cahms", "camhs", 2, false), Some(1));
        assert_eq!(distance("acmsh", "camhs", 2, false), Some(2));
        // Drop the h, add it back after the m.
        assert_eq!(distance("chams", "camhs", 2, false), Some(2));
        assert_eq!(distance("chams", "camhs", 1, false), None);
        assert_eq!(distance("autsim", "autism", 1, false), Some(1));
        assert_eq!(distance("autism", "autistic", 2, false), None);
        // A letter is not edited twice: "ca" to "abc" is three edits, not a swap and an insert.
        assert_eq!(distance("ca", "abc", 2, false), None);
        assert_eq!(distance("cafe", "café", 1, false), Some(1));
        assert_eq!(distance("dyslexya", "dyslexia", 1, false), Some(1));
    }

    #[test]
    fn a_prefix_automaton_matches_longer_terms() {
        assert_eq!(distance("physioth", "physiotherapy", 1, true), Some(0));
        assert_eq!(distance("fysioth", "physiotherapy", 2, true), Some(2));
        assert_eq!(distance("occupa", "occupational", 1, false), None);
        assert_eq!(distance("ocupa", "occupational", 1, true), Some(1));
    }

    #[test]
    fn long_words_are_refused() {
        assert!(Typo::new(&"a".repeat(MAX_CHARS + 1), 1, false).is_none());
        assert!(Typo::new(&"a".repeat(MAX_CHARS), 1, false).is_some());
    }
}
