//! Plain stand-ins for two std string helpers, for the wasm's size.
//!
//! `str::contains(&str)` brings in the Two-Way substring searcher, and `[T]::join` is compiled
//! once per element type; together about 4 KB of the wasm for strings a few dozen bytes long.
//! (`order.rs` does the same for sorting.)

/// True if `needle` occurs in `haystack`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w == n)
}

/// `parts` joined with `sep` between them.
pub fn join(parts: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn they_agree_with_std() {
        for (h, n) in [
            ("autism", "tis"),
            ("autism", ""),
            ("", "a"),
            ("ab", "abc"),
            ("aab", "ab"),
        ] {
            assert_eq!(contains(h, n), h.contains(n), "{h:?} {n:?}");
        }
        for parts in [&[][..], &["a"], &["a", "b", "c"]] {
            assert_eq!(join(parts, ", "), parts.join(", "));
        }
    }
}
