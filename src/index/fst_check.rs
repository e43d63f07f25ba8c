//! Checks an `fst` section before the `fst` crate reads it, so a crafted one is an error, not a
//! panic (the wasm aborts on a panic: a dead widget) and not a hang.
//!
//! The `fst` crate trusts its bytes: a node whose pack sizes or addresses are out of range
//! panics when read, and a few dozen bytes of shared nodes can hold 2^62 keys, so walking every
//! key never ends. This check reads the node layout itself (mirroring `fst::raw::node`, format
//! version 3, without calling the crate's node code, which would be a second copy in the wasm)
//! and visits each node reachable from the root once, from the highest address down (a
//! transition always points to a lower address, so nothing is visited twice and there are no
//! cycles). For each node it checks that every byte the crate will read lies inside the node
//! region and every pack size is one the crate accepts, and it carries forward how many paths
//! reach the node, the longest path and the largest sum of outputs along a path.
//!
//! From those, without walking a single key: the number of keys (must match the footer and the
//! caller's bound), the longest key, the largest value (an offset into another section), and
//! that no node is a dead end (so any walk finds a key within the depth bound of every node it
//! enters). Work and memory are linear in the section's bytes. Keys are not checked to be
//! UTF-8 (that needs the crate's private table of common inputs): a key that is not reads as
//! empty text ([`crate::walk::key_text`]), which search treats as no match.

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
        return Err(BAD_NODE);
    }
    if u64_at(&bytes, 0) != VERSION {
        return Err(BAD_NODE);
    }
    let body = bytes.len() - FOOT;
    let claimed = u64_at(&bytes, body);
    let root = usize::try_from(u64_at(&bytes, body + 8)).map_err(|_| BAD_NODE)?;
    if root >= body || (root != 0 && root < HEAD) {
        return Err(BAD_NODE);
    }
    if claimed > u64::from(bounds.keys) {
        return Err(TOO_MANY);
    }
    check(&bytes, root, claimed, bounds)?;
    Map::new(bytes).map_err(|_| BAD_NODE)
}

/// Visits every node reachable from `root` (see the module's comment); `claimed` is the
/// footer's key count.
fn check(bytes: &[u8], root: usize, claimed: u64, bounds: Bounds) -> Result<(), &'static str> {
    let mut seen = vec![Seen::default(); root + 1];
    seen[root].paths = 1;
    let mut keys: u32 = 0;
    for addr in (0..=root).rev() {
        let here = seen[addr];
        if here.paths == 0 {
            continue;
        }
        // Address 0 is the crate's empty final node.
        let node = if addr == 0 {
            Node {
                final_out: Some(0),
                ..Node::default()
            }
        } else {
            node(bytes, addr)?
        };
        if let Some(out) = node.final_out {
            keys = keys.saturating_add(here.paths);
            if u64::from(here.out) + out.min(u64::from(u32::MAX)) > u64::from(bounds.value) {
                return Err(OUT_OF_RANGE);
            }
        } else if node.ntrans == 0 && addr != root {
            return Err(BAD_NODE);
        }
        if node.ntrans > 0 && here.depth >= bounds.depth {
            return Err(TOO_MANY);
        }
        for i in 0..node.ntrans {
            let (child, out) = node.transition(bytes, i)?;
            let out = u64::from(here.out) + out.min(u64::from(u32::MAX));
            if out > u64::from(bounds.value) {
                return Err(OUT_OF_RANGE);
            }
            let next = &mut seen[child];
            next.paths = next.paths.saturating_add(here.paths);
            if next.paths > bounds.keys {
                return Err(TOO_MANY);
            }
            next.out = next.out.max(out as u32);
            next.depth = next.depth.max(here.depth + 1);
        }
    }
    if u64::from(keys) != claimed {
        return Err(TOO_MANY);
    }
    Ok(())
}

const TOO_MANY: &str = "holds more keys, or longer ones, than the index allows";
const BAD_NODE: &str = "has a malformed node, root or header";
const OUT_OF_RANGE: &str = "has a value out of range";

/// One node's layout, as `fst::raw::node` (format version 3) reads it.
#[derive(Default)]
struct Node {
    /// `Some(output)` for a final node.
    final_out: Option<u64>,
    ntrans: usize,
    /// Where the node's bytes start: each transition's address is `end` minus a delta.
    end: usize,
    /// One transition with no output to the node just below (the crate's "one trans next").
    next: bool,
    tsize: usize,
    osize: usize,
    /// Transition `i`'s delta ends at `deltas - i * tsize`, its output at `outs - i * osize`.
    deltas: usize,
    outs: usize,
}

/// A little-endian unsigned integer of `size` bytes ending at `at` (exclusive).
fn uint(bytes: &[u8], at: usize, size: usize) -> u64 {
    bytes[at - size..at]
        .iter()
        .rev()
        .fold(0, |v, &b| v << 8 | u64::from(b))
}

impl Node {
    /// Transition `i`'s target address and output, checked to lie in `HEAD..` (or be 0, the
    /// empty final node) and below this node.
    fn transition(&self, bytes: &[u8], i: usize) -> Result<(usize, u64), &'static str> {
        if self.next {
            return Ok((self.end - 1, 0));
        }
        let delta = uint(bytes, self.deltas - i * self.tsize, self.tsize);
        let out = match self.osize {
            0 => 0,
            n => uint(bytes, self.outs - i * n, n),
        };
        // A delta of 0 is the crate's empty final node, address 0.
        match usize::try_from(delta)
            .ok()
            .and_then(|d| self.end.checked_sub(d))
        {
            _ if delta == 0 => Ok((0, out)),
            Some(a) if a == 0 || a >= HEAD => Ok((a, out)),
            _ => Err(BAD_NODE),
        }
    }
}

/// Reads the layout of the node whose state byte is at `addr`, checking that every byte the
/// crate reads lies in `HEAD..=addr` and that its pack sizes are ones the crate accepts.
fn node(bytes: &[u8], addr: usize) -> Result<Node, &'static str> {
    let state = bytes[addr];
    // The address `n` bytes below the state byte, inside the node region.
    let below = |n: usize| addr.checked_sub(n).filter(|&e| e >= HEAD).ok_or(BAD_NODE);
    let common = usize::from(state & 0x3f == 0);
    // (transitions, bytes between the state and the pack sizes, index bytes, input bytes)
    let (ntrans, pre, index, inputs) = match state >> 6 {
        // One transition to the node just below, input in the state byte or the byte before.
        0b11 => {
            let end = below(common + 1)? + 1;
            return Ok(Node {
                ntrans: 1,
                end,
                next: true,
                ..Node::default()
            });
        }
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
    let deltas = below(pre + 1 + index + inputs)?;
    let outs = below(pre + 1 + index + inputs + ntrans * tsize)?;
    let end = below(
        pre + 1 + index + inputs + ntrans * (tsize + osize) + if is_final { osize } else { 0 },
    )?;
    let final_out = is_final.then(|| {
        if osize == 0 {
            0
        } else {
            uint(bytes, end + osize, osize)
        }
    });
    Ok(Node {
        final_out,
        ntrans,
        end,
        next: false,
        tsize,
        osize,
        deltas,
        outs,
    })
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
}
