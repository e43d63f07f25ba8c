//! The one set of rules for a record's web address, email address and phone number, shared by
//! the builder (`index-builder check`, the Open Referral UK import) and the widget
//! ([`crate::view::safe_link`]), so both give the same answer for every value.
//!
//! Every value is printable ASCII: that one rule shuts out the characters that let a link read
//! differently from where it goes (right-to-left overrides and other bidi controls, zero-width
//! and other invisible characters, look-alike letters) as well as control characters and
//! spaces. A web address must be `https://` with a dotted host and no user name before an `@`
//! (`https://good.org.uk@evil.com/` goes to evil.com); an email is one `@` between plain
//! parts; a phone number is a UK one. Each kind has a length limit.

pub use crate::view::LinkKind;
use std::fmt;

/// The longest web address, email address and phone number accepted, in bytes.
pub const MAX_URL: usize = 500;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 30;

/// Why a value is not a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    /// Longer than its kind's limit.
    TooLong {
        limit: usize,
    },
    /// A character that is not printable ASCII (or a space where none may be), at this byte.
    Character {
        at: usize,
    },
    NotHttps,
    /// No host, or a host without a dot, or with characters a host cannot have.
    BadHost,
    /// A user name (and maybe a password) before an `@` in the address.
    UserInfo,
    BadEmail,
    BadPhone,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("is empty"),
            LinkError::TooLong { limit } => write!(f, "is longer than the limit of {limit} characters"),
            LinkError::Character { at } => write!(
                f,
                "has a character a link may not hold at byte {at} (only printable ASCII: a hidden or right-to-left character could disguise where it goes)"
            ),
            LinkError::NotHttps => f.write_str("is not an https:// address"),
            LinkError::BadHost => f.write_str("has no valid host name (such as www.example.org.uk)"),
            LinkError::UserInfo => f.write_str(
                "has a user name before an @ in its host, which would send families somewhere else",
            ),
            LinkError::BadEmail => f.write_str("is not an email address"),
            LinkError::BadPhone => f.write_str(
                "is not a UK phone number (0 and 10 or 11 digits, or +44 and 9 or 10 more)",
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The checks every kind shares: not empty, within `limit`, and printable ASCII (a space
/// only where `spaces`). Byte by byte: any byte of a non-ASCII character fails.
fn plain(v: &str, limit: usize, spaces: bool) -> Result<(), LinkError> {
    if v.is_empty() {
        return Err(LinkError::Empty);
    }
    if v.len() > limit {
        return Err(LinkError::TooLong { limit });
    }
    match v
        .bytes()
        .position(|b| !(b.is_ascii_graphic() || spaces && b == b' '))
    {
        Some(at) => Err(LinkError::Character { at }),
        None => Ok(()),
    }
}

/// A web address a family may follow.
pub fn web(v: &str) -> Result<(), LinkError> {
    plain(v, MAX_URL, false)?;
    let rest = v.strip_prefix("https://").ok_or(LinkError::NotHttps)?;
    // Browsers read a backslash as a slash: a link holding one reads as something else.
    if let Some(at) = v.bytes().position(|b| b == b'\\') {
        return Err(LinkError::Character { at });
    }
    let end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return Err(LinkError::UserInfo);
    }
    let (host, port) = authority.split_once(':').unwrap_or((authority, "0"));
    let ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !crate::lean::contains(host, "..")
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(LinkError::BadHost)
    }
}

/// An email address: one `@` between a name and a dotted domain, in letters, digits and
/// `._+-`.
pub fn email(v: &str) -> Result<(), LinkError> {
    plain(v, MAX_EMAIL, false)?;
    let (local, domain) = v.split_once('@').ok_or(LinkError::BadEmail)?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !crate::lean::contains(domain, "..")
        && (local.len() + domain.len())
            == v.bytes()
                .filter(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-'))
                .count();
    if ok {
        Ok(())
    } else {
        Err(LinkError::BadEmail)
    }
}

/// A UK phone number written with digits, spaces, brackets, dashes and one leading `+`:
/// returns what a `tel:` link dials (`+441905846000`, `01905846000`).
pub fn phone(v: &str) -> Result<String, LinkError> {
    plain(v, MAX_PHONE, true)?;
    let rest = v.strip_prefix('+').unwrap_or(v);
    let mut dial = String::from(&v[..v.len() - rest.len()]);
    for b in rest.bytes() {
        match b {
            b'0'..=b'9' => dial.push(char::from(b)),
            b' ' | b'(' | b')' | b'-' => {}
            _ => return Err(LinkError::BadPhone),
        }
    }
    let ok = match dial.strip_prefix("+44") {
        Some(national) => (9..=10).contains(&national.len()),
        None => dial.starts_with('0') && (10..=11).contains(&dial.len()),
    };
    if ok {
        Ok(dial)
    } else {
        Err(LinkError::BadPhone)
    }
}

/// The one table of cases both users are tested against: (kind, value, accepted).
/// `tests` here checks the rules; `index-builder` and [`crate::view`] check that they give the
/// same answers through their own entry points.
pub const CASES: &[(LinkKind, &str, bool)] = &[
    (
        LinkKind::Web,
        "https://www.worcestershire.gov.uk/council-services",
        true,
    ),
    (
        LinkKind::Web,
        "https://www.example.org.uk:8443/a?b=c#d",
        true,
    ),
    (LinkKind::Web, "https://example.org.uk/p%C3%A9rez", true),
    (LinkKind::Web, "http://example.org.uk", false),
    (LinkKind::Web, "javascript:alert(1)", false),
    (LinkKind::Web, "data:text/html,<script>", false),
    (LinkKind::Web, "https://good.org.uk@evil.com/", false),
    (LinkKind::Web, "https://user:pass@example.org.uk/", false),
    (LinkKind::Web, "https://good.org.uk\\@evil.com/", false),
    (
        LinkKind::Web,
        "https://example.org.uk/\u{202E}fdp.exe",
        false,
    ),
    (LinkKind::Web, "https://exa\u{200B}mple.org.uk/", false),
    (LinkKind::Web, "https://exаmple.org.uk/", false),
    (LinkKind::Web, "https://example.org.uk/a b", false),
    (LinkKind::Web, "https://example.org.uk/\n", false),
    (LinkKind::Web, "https://localhost/", false),
    (LinkKind::Web, "https://.org.uk/", false),
    (LinkKind::Web, "https://example..org.uk/", false),
    (LinkKind::Web, "https://example.org.uk:/", false),
    (LinkKind::Web, "https:///example.org.uk", false),
    (LinkKind::Web, "", false),
    (
        LinkKind::Email,
        "localoffer@worcschildrenfirst.org.uk",
        true,
    ),
    (LinkKind::Email, "first.last+send@example.org.uk", true),
    (LinkKind::Email, "not an email", false),
    (LinkKind::Email, "a@b@example.org.uk", false),
    (LinkKind::Email, "a@example", false),
    (LinkKind::Email, "a@example.org.", false),
    (LinkKind::Email, "a@.example.org", false),
    (LinkKind::Email, "@example.org.uk", false),
    (LinkKind::Email, "a@b.c?subject=<x>", false),
    (LinkKind::Email, "send\u{202E}@example.org.uk", false),
    (LinkKind::Email, "a\u{200D}@example.org.uk", false),
    (LinkKind::Phone, "01905 846000", true),
    (LinkKind::Phone, "+44 1905 846000", true),
    (LinkKind::Phone, "(01905) 846-000", true),
    (LinkKind::Phone, "0800 123 4567", true),
    (LinkKind::Phone, "+++441905846000", false),
    (LinkKind::Phone, "+44+1905846000", false),
    (LinkKind::Phone, "01905 +846000", false),
    (LinkKind::Phone, "+33 1 23 45 67 89", false),
    (LinkKind::Phone, "12345", false),
    (LinkKind::Phone, "019058460001234", false),
    (LinkKind::Phone, "javascript:1", false),
    (LinkKind::Phone, "01905\u{202E}846000", false),
    (LinkKind::Phone, "01905\u{00A0}846000", false),
    (LinkKind::Phone, "01905\t846000", false),
];

/// Checks `v` as a `kind`.
pub fn check(kind: LinkKind, v: &str) -> Result<(), LinkError> {
    match kind {
        LinkKind::Web => web(v),
        LinkKind::Email => email(v),
        LinkKind::Phone => phone(v).map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_cases_holds() {
        for &(kind, v, ok) in CASES {
            assert_eq!(
                check(kind, v).is_ok(),
                ok,
                "{kind:?} {v:?}: {:?}",
                check(kind, v)
            );
        }
    }

    #[test]
    fn limits_and_reasons_are_named() {
        let long = format!("https://example.org.uk/{}", "a".repeat(MAX_URL));
        assert_eq!(web(&long), Err(LinkError::TooLong { limit: MAX_URL }));
        assert!(web(&long[..MAX_URL]).is_ok());
        assert!(web(&long).unwrap_err().to_string().contains("500"));
        assert_eq!(
            web("https://example.org.uk/\u{202E}"),
            Err(LinkError::Character { at: 23 })
        );
        assert!(LinkError::Character { at: 23 }
            .to_string()
            .contains("at byte 23"));
        assert_eq!(web("https://a.uk@b.com"), Err(LinkError::UserInfo));
        assert_eq!(phone("+44 1905 846000").as_deref(), Ok("+441905846000"));
        assert_eq!(phone("01905 846000").as_deref(), Ok("01905846000"));
        assert_eq!(
            phone(&"0".repeat(31)),
            Err(LinkError::TooLong { limit: MAX_PHONE })
        );
    }
}
