//! Checks an `fst` section before the `fst` crate reads it, so a crafted one is an error, not a
//! panic (the wasm aborts on a panic: a dead widget) and not a hang.
//!
//! The `fst` crate trusts its bytes: a node whose pack sizes or addresses are out of range
//! panics when read, and a few dozen bytes of shared nodes can hold 2^62 keys, so walking every
//! key never ends. This check visits each node reachable from the root once, from the highest
//! address down (a transition always points to a lower address, so nothing is visited twice and
//! there are no cycles), and for each one:
//!
//! - checks that every byte the crate will read lies inside the node region and every pack
//!   size is one the crate accepts, before asking the crate for the node's transitions;
//! - carries forward, per node, how many paths reach it, the longest path, the largest sum of
//!   outputs along a path and which UTF-8 decoder states a path can leave it in.
//!
//! From those, without walking a single key: the number of keys (must match the footer and the
//! caller's bound), the longest key, the largest value (an offset into another section), that
//! every key is UTF-8, and that no node is a dead end (so any walk finds a key within
//! `max_depth` steps of every node it enters). Work and memory are linear in the section's
//! bytes.

use fst::raw::Fst;
use fst::Map;

/// The fst header: version and type, u64 LE each.
const HEAD: usize = 16;
/// The fst footer: key count and root address (u64 LE each), then a CRC-32C.
const FOOT: usize = 20;
/// The fst format version the index writer produces.
const VERSION: u64 = 3;

/// What a caller allows: the most keys, the longest key in bytes and the largest value.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub keys: u32,
    pub depth: u16,
    pub value: u32,
}

/// What one reachable node has been reached with, so far.
#[derive(Clone, Copy, Default)]
struct Seen {
    /// Paths from the root to here (0: not reached).
    paths: u32,
    /// The largest sum of outputs along such a path.
    out: u32,
    /// The longest such path, in bytes.
    depth: u16,
    /// Bit `s` set: some path leaves a UTF-8 decoder in state `s` here (see [`utf8_step`]).
    utf8: u8,
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut v = 0;
    for (i, &x) in b[at..at + 8].iter().enumerate() {
        v |= u64::from(x) << (8 * i);
    }
    v
}

/// Opens `bytes` as an fst map after checking it within `bounds`.
pub fn open(bytes: Vec<u8>, bounds: Bounds) -> Result<Map<Vec<u8>>, &'static str> {
    // The footer first: the crate panics on a 32-bit target (the wasm) if the root address or
    // the key count does not fit a pointer.
    if bytes.len() < HEAD + FOOT {
        return Err("is too short to be a dictionary");
    }
    if u64_at(&bytes, 0) != VERSION {
        return Err("has an unknown dictionary version");
    }
    let body = bytes.len() - FOOT;
    let claimed = u64_at(&bytes, body);
    let root = usize::try_from(u64_at(&bytes, body + 8)).map_err(|_| BAD_ROOT)?;
    if root >= body || (root != 0 && root < HEAD) {
        return Err(BAD_ROOT);
    }
    if claimed > u64::from(bounds.keys) {
        return Err(TOO_MANY);
    }
    let map = Map::new(bytes).map_err(|_| BAD_ROOT)?;
    check(map.as_fst(), root, claimed, bounds)?;
    Ok(map)
}

/// Visits every node reachable from `root` (see the module's comment); `claimed` is the
/// footer's key count.
fn check(
    fst: &Fst<Vec<u8>>,
    root: usize,
    claimed: u64,
    bounds: Bounds,
) -> Result<(), &'static str> {
    let bytes = fst.as_bytes();
    let mut seen = vec![Seen::default(); root + 1];
    seen[root] = Seen {
        paths: 1,
        utf8: 1,
        ..Seen::default()
    };
    let mut keys: u32 = 0;
    for addr in (0..=root).rev() {
        let here = seen[addr];
        if here.paths == 0 {
            continue;
        }
        let node = if addr == 0 {
            fst.node(0)
        } else {
            check_layout(bytes, addr)?;
            fst.node(addr)
        };
        if node.is_final() {
            if here.utf8 != 1 {
                return Err("has a key that is not UTF-8 text");
            }
            keys = keys.saturating_add(here.paths);
            if u64::from(here.out) + node.final_output().value().min(u64::from(u32::MAX))
                > u64::from(bounds.value)
            {
                return Err("has a value out of range");
            }
        } else if node.is_empty() && addr != root {
            return Err("has a node that leads to no key");
        }
        for t in node.transitions() {
            if t.addr >= addr || (t.addr != 0 && t.addr < HEAD) {
                return Err(BAD_NODE);
            }
            let mut utf8 = 0;
            for s in 0..8 {
                if here.utf8 & (1 << s) != 0 {
                    utf8 |= 1 << utf8_step(s, t.inp).ok_or("has a key that is not UTF-8 text")?;
                }
            }
            let out = u64::from(here.out) + t.out.value().min(u64::from(u32::MAX));
            if out > u64::from(bounds.value) {
                return Err("has a value out of range");
            }
            if here.depth >= bounds.depth {
                return Err("has a key longer than any word");
            }
            let next = &mut seen[t.addr];
            next.paths = next.paths.saturating_add(here.paths);
            if next.paths > bounds.keys {
                return Err(TOO_MANY);
            }
            next.out = next.out.max(out as u32);
            next.depth = next.depth.max(here.depth + 1);
            next.utf8 |= utf8;
        }
    }
    if u64::from(keys) != claimed {
        return Err("holds a different number of keys than it says");
    }
    Ok(())
}

const BAD_ROOT: &str = "has its root outside its bytes";
const TOO_MANY: &str = "holds more keys than the index has room for";
const BAD_NODE: &str = "has a node that does not fit its bytes";

/// Checks that every byte the `fst` crate reads for the node at `addr` lies in `HEAD..=addr`,
/// that its pack sizes are ones the crate accepts, and that no transition's address delta
/// runs below zero. Mirrors `fst::raw::node` (format version 3).
fn check_layout(bytes: &[u8], addr: usize) -> Result<(), &'static str> {
    let state = bytes[addr];
    // Bytes of the node, below its state byte, counted as the crate computes its `end`.
    let below = |n: usize| addr.checked_sub(n).filter(|&e| e >= HEAD).ok_or(BAD_NODE);
    let common = usize::from(state & 0x3f == 0);
    // (transitions, bytes between the state and the pack sizes, index bytes, input bytes)
    let (ntrans, pre, index, inputs) = match state >> 6 {
        // One transition to the node just below, input in the state byte or the byte before.
        0b11 => return below(common + 1).map(drop),
        0b10 => (1, common, 0, 0),
        _ => {
            let (n, len) = match state & 0x3f {
                0 => match bytes[below(1)?] {
                    1 => (256, 1),
                    n => (usize::from(n), 1),
                },
                n => (usize::from(n), 0),
            };
            (n, len, if n > 32 { 256 } else { 0 }, n)
        }
    };
    let sizes = bytes[below(pre + 1)?];
    let (tsize, osize) = (usize::from(sizes >> 4), usize::from(sizes & 0x0f));
    if tsize > 8 || osize > 8 || (ntrans > 0 && tsize == 0) {
        return Err(BAD_NODE);
    }
    let is_final = state >> 6 == 0b01;
    let end = below(
        pre + 1
            + index
            + inputs
            + ntrans * tsize
            + ntrans * osize
            + if is_final { osize } else { 0 },
    )?;
    // Each transition's address is `end` minus a delta the crate subtracts unchecked.
    let deltas = addr - pre - 1 - index - inputs - ntrans * tsize;
    for i in 0..ntrans {
        let at = deltas + i * tsize;
        let delta = bytes[at..at + tsize]
            .iter()
            .rev()
            .fold(0u64, |v, &b| v << 8 | u64::from(b));
        if delta > end as u64 {
            return Err(BAD_NODE);
        }
    }
    Ok(())
}

/// One step of a UTF-8 decoder. States: 0 between characters; 1–3 that many continuation
/// bytes to go; 4–7 the second byte of a sequence whose first byte narrows it (E0, ED, F0, F4).
fn utf8_step(state: u8, b: u8) -> Option<u8> {
    let (lo, hi, next) = match state {
        0 => {
            return match b {
                0..=0x7f => Some(0),
                0xc2..=0xdf => Some(1),
                0xe0 => Some(4),
                0xed => Some(5),
                0xe1..=0xef => Some(2),
                0xf0 => Some(6),
                0xf1..=0xf3 => Some(3),
                0xf4 => Some(7),
                _ => None,
            }
        }
        1 => (0x80, 0xbf, 0),
        2 => (0x80, 0xbf, 1),
        3 => (0x80, 0xbf, 2),
        4 => (0xa0, 0xbf, 1),
        5 => (0x80, 0x9f, 1),
        6 => (0x90, 0xbf, 2),
        _ => (0x80, 0x8f, 2),
    };
    (lo..=hi).contains(&b).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: Bounds = Bounds {
        keys: 1 << 20,
        depth: 64,
        value: 1 << 30,
    };

    fn map(keys: &[(&str, u64)]) -> Vec<u8> {
        Map::from_iter(keys.iter().copied())
            .expect("sorted keys")
            .into_fst()
            .into_inner()
    }

    fn count(bytes: Vec<u8>, bounds: Bounds) -> Result<usize, &'static str> {
        open(bytes, bounds).map(|m| m.len())
    }

    #[test]
    fn real_maps_pass_and_count_their_keys() {
        assert_eq!(count(map(&[]), WIDE), Ok(0));
        assert_eq!(count(map(&[("a", 5)]), WIDE), Ok(1));
        let words: Vec<String> = (0..300).map(|i| format!("w{i:03}é")).collect();
        let keys: Vec<(&str, u64)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i as u64 * 1000))
            .collect();
        assert_eq!(count(map(&keys), WIDE), Ok(300));
        // A node with more than 32 transitions carries a 256-byte index.
        let wide: Vec<String> = (0u8..60)
            .map(|i| char::from(b'!' + i).to_string())
            .collect();
        let keys: Vec<(&str, u64)> = wide.iter().map(|w| (w.as_str(), 7)).collect();
        assert_eq!(count(map(&keys), WIDE), Ok(60));
    }

    #[test]
    fn bounds_are_enforced() {
        let keys = map(&[("abc", 9), ("abd", 10)]);
        let b = |keys, depth, value| Bounds { keys, depth, value };
        assert!(count(keys.clone(), b(1, 64, 100)).is_err());
        assert!(count(keys.clone(), b(2, 2, 100)).is_err());
        assert!(count(keys.clone(), b(2, 3, 9)).is_err());
        assert_eq!(count(keys.clone(), b(2, 3, 10)), Ok(2));
    }

    #[test]
    fn keys_that_are_not_utf8_are_refused() {
        for key in [
            &[0xff][..],
            &[b'a', 0xc3],
            &[0xed, 0xa0, 0x80],
            &[0xc0, 0x80],
        ] {
            let m = Map::from_iter([(key, 1u64)]).expect("one key");
            assert!(count(m.into_fst().into_inner(), WIDE).is_err(), "{key:?}");
        }
        let ok = Map::from_iter([("ŵ🙂".as_bytes(), 1u64)]).expect("one key");
        assert_eq!(count(ok.into_fst().into_inner(), WIDE), Ok(1));
    }
}
