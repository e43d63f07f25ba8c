//! The council a Local Offer belongs to: its name, its areas, its general contacts and its Local
//! Offer's web address.
//!
//! It exists so that nothing about one council lives in code. Editors write it as
//! `data/council.toml` (checked by `index-builder`, or worked out from a feed's service areas
//! when a folder has no profile); the builder stores it in the index's `council` section, and
//! the widget builds its area filter, its "Anywhere in …" option, a card's "Where", easy read's
//! "It is for all of …" and the Local Offer team's email from it. An area is a
//! [`crate::model::Area`] code: its position in [`Council::areas`].
//!
//! ```text
//! str name; str email; str phone; str website; str local offer address   ("" when not known)
//! varint count of areas (≤ Area::MAX); each: str key, str label, varint count, count × str name
//! ```
//!
//! [`Council::decode`] checks every count, length and link, so a damaged section is an error
//! when the index opens, never a panic or a large allocation.

use crate::index::codec::{put_str, put_varint, Reader, Truncated};
use crate::model::Area;

/// The longest name, key, label or place name the section holds, in bytes.
pub const MAX_TEXT: usize = 120;
/// The most place names one area may have.
pub const MAX_NAMES: usize = 64;

/// One of the council's areas: a district, a ward, a locality.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaInfo {
    /// The data-file key (`wyre_forest`), also the widget's filter value.
    pub key: String,
    /// What a family reads ("Wyre Forest").
    pub label: String,
    /// Towns and other names a family may type for it ("Kidderminster").
    pub names: Vec<String>,
}

/// The council, as the index carries it. Empty strings are things nobody has said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Council {
    /// "Worcestershire", "Bristol"; empty when not known (the wording then says "this area").
    pub name: String,
    /// At most [`Area::MAX`], in code order.
    pub areas: Vec<AreaInfo>,
    /// The Local Offer team's email: the general contact and the "out of date" address.
    pub email: String,
    pub phone: String,
    pub website: String,
    /// The Local Offer's own web address.
    pub local_offer: String,
}

/// Why the section does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CouncilError {
    /// A length or string runs past the end, or is not UTF-8.
    Truncated,
    /// More areas or names than allowed.
    Count(u64),
    /// An empty or overlong key, label or name.
    BadText,
    /// A contact that is not a safe link of its kind.
    BadLink(&'static str),
    /// Bytes after the last area.
    Trailing,
}

impl From<Truncated> for CouncilError {
    fn from(_: Truncated) -> Self {
        CouncilError::Truncated
    }
}

impl std::fmt::Display for CouncilError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CouncilError::Truncated => f.write_str("is cut short or holds text that is not UTF-8"),
            CouncilError::Count(n) => write!(f, "claims {n} areas or names, more than allowed"),
            CouncilError::BadText => f.write_str("has an empty or overlong name"),
            CouncilError::BadLink(what) => write!(f, "has a {what} that is not a safe link"),
            CouncilError::Trailing => f.write_str("has bytes after its last area"),
        }
    }
}

impl std::error::Error for CouncilError {}

/// Reads a string of at most `max` bytes; `empty` allows "".
fn text<'a>(r: &mut Reader<'a>, max: usize, empty: bool) -> Result<&'a str, CouncilError> {
    let s = r.str()?;
    if s.len() > max || (!empty && s.is_empty()) {
        return Err(CouncilError::BadText);
    }
    Ok(s)
}

/// Reads a contact; empty, or valid for its kind by [`crate::links`].
fn link(
    r: &mut Reader<'_>,
    what: &'static str,
    ok: fn(&str) -> bool,
) -> Result<String, CouncilError> {
    let s = r.str()?;
    if !s.is_empty() && !ok(s) {
        return Err(CouncilError::BadLink(what));
    }
    Ok(s.to_string())
}

impl Council {
    /// The council's name, or "this area" when nobody has said.
    pub fn name_or_neutral(&self) -> &str {
        if self.name.is_empty() {
            "this area"
        } else {
            &self.name
        }
    }

    /// The area filter's option for every area: "Anywhere in Worcestershire".
    pub fn anywhere(&self) -> String {
        format!("Anywhere in {}", self.name_or_neutral())
    }

    /// An area's label ("All of Bristol" for the whole area); `None` for a code with no area.
    pub fn label(&self, area: Area) -> Option<String> {
        if area == Area::WHOLE {
            return Some(format!("All of {}", self.name_or_neutral()));
        }
        self.areas
            .get(usize::from(area.code()))
            .map(|a| a.label.clone())
    }

    /// An area's data-file key (`countywide` for the whole area).
    pub fn key(&self, area: Area) -> Option<&str> {
        if area == Area::WHOLE {
            return Some(Area::WHOLE_KEY);
        }
        self.areas
            .get(usize::from(area.code()))
            .map(|a| a.key.as_str())
    }

    /// The area with this data-file key.
    pub fn by_key(&self, key: &str) -> Option<Area> {
        if key == Area::WHOLE_KEY {
            return Some(Area::WHOLE);
        }
        self.areas
            .iter()
            .position(|a| a.key == key)
            .map(|i| Area(i as u8))
    }

    /// A record's areas in words: "All of Bristol" when it is for the whole area, else the
    /// labels joined by commas; `None` when it names none.
    pub fn where_words(&self, areas: &[Area]) -> Option<String> {
        if areas.is_empty() {
            return None;
        }
        if areas.contains(&Area::WHOLE) {
            return self.label(Area::WHOLE);
        }
        // Joined by hand: `[String]::join` would be one more copy of std's join in the wasm.
        let mut out = String::new();
        for l in areas.iter().filter_map(|a| self.label(*a)) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&l);
        }
        (!out.is_empty()).then_some(out)
    }

    /// Whether every code in the u16 `mask` names an area here (or the whole area).
    pub fn holds_mask(&self, mask: u16) -> bool {
        let known = ((1u32 << self.areas.len()) - 1) | (1 << Area::WHOLE.code());
        u32::from(mask) & !known == 0
    }

    /// The section's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for s in [
            &self.name,
            &self.email,
            &self.phone,
            &self.website,
            &self.local_offer,
        ] {
            put_str(&mut out, s);
        }
        put_varint(&mut out, self.areas.len() as u64);
        for a in &self.areas {
            put_str(&mut out, &a.key);
            put_str(&mut out, &a.label);
            put_varint(&mut out, a.names.len() as u64);
            for n in &a.names {
                put_str(&mut out, n);
            }
        }
        out
    }

    /// Decodes and checks the section.
    pub fn decode(bytes: &[u8]) -> Result<Council, CouncilError> {
        let mut r = Reader::new(bytes);
        let name = text(&mut r, MAX_TEXT, true)?.to_string();
        let email = link(&mut r, "email", |s| crate::links::email(s).is_ok())?;
        let phone = link(&mut r, "phone", |s| crate::links::phone(s).is_ok())?;
        let website = link(&mut r, "website", |s| crate::links::web(s).is_ok())?;
        let local_offer = link(&mut r, "Local Offer address", |s| {
            crate::links::web(s).is_ok()
        })?;
        let n = r.varint()?;
        if n > Area::MAX as u64 {
            return Err(CouncilError::Count(n));
        }
        let mut areas = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let key = text(&mut r, MAX_TEXT, false)?.to_string();
            let label = text(&mut r, MAX_TEXT, false)?.to_string();
            let count = r.varint()?;
            if count > MAX_NAMES as u64 {
                return Err(CouncilError::Count(count));
            }
            let mut names = Vec::with_capacity(count as usize);
            for _ in 0..count {
                names.push(text(&mut r, MAX_TEXT, false)?.to_string());
            }
            areas.push(AreaInfo { key, label, names });
        }
        if !r.is_empty() {
            return Err(CouncilError::Trailing);
        }
        Ok(Council {
            name,
            areas,
            email,
            phone,
            website,
            local_offer,
        })
    }
}

/// Worcestershire's six districts (codes 0–5), for the unit tests' records.
#[cfg(all(test, feature = "writer"))]
pub(crate) fn test_council() -> Council {
    let area = |key: &str, label: &str| AreaInfo {
        key: key.into(),
        label: label.into(),
        names: Vec::new(),
    };
    Council {
        name: "Worcestershire".into(),
        areas: vec![
            area("bromsgrove", "Bromsgrove"),
            area("malvern_hills", "Malvern Hills"),
            area("redditch", "Redditch"),
            area("worcester", "Worcester"),
            area("wychavon", "Wychavon"),
            area("wyre_forest", "Wyre Forest"),
        ],
        email: "localoffer@worcschildrenfirst.org.uk".into(),
        ..Council::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Council {
        Council {
            name: "Shire".into(),
            areas: vec![
                AreaInfo {
                    key: "north".into(),
                    label: "North".into(),
                    names: vec!["Northtown".into()],
                },
                AreaInfo {
                    key: "south".into(),
                    label: "South".into(),
                    names: vec![],
                },
            ],
            email: "team@example.org.uk".into(),
            ..Council::default()
        }
    }

    #[test]
    fn round_trips_and_words() {
        let c = sample();
        assert_eq!(Council::decode(&c.encode()), Ok(c.clone()));
        assert_eq!(
            c.where_words(&[Area(0), Area(1)]).as_deref(),
            Some("North, South")
        );
        assert_eq!(
            c.where_words(&[Area(0), Area::WHOLE]).as_deref(),
            Some("All of Shire")
        );
        assert_eq!(c.by_key("south"), Some(Area(1)));
        assert_eq!(c.by_key("countywide"), Some(Area::WHOLE));
        assert!(c.holds_mask(0b1000_0000_0000_0011));
        assert!(!c.holds_mask(0b100));
        assert_eq!(Council::default().anywhere(), "Anywhere in this area");
    }

    #[test]
    fn damage_is_an_error() {
        let bytes = sample().encode();
        for cut in 0..bytes.len() {
            assert!(Council::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(Council::decode(&extra), Err(CouncilError::Trailing));
        let mut many = Council::default().encode();
        many.pop();
        many.push(16);
        assert_eq!(Council::decode(&many), Err(CouncilError::Count(16)));
        let bad = Council {
            email: "not an email".into(),
            ..Council::default()
        };
        assert_eq!(
            Council::decode(&bad.encode()),
            Err(CouncilError::BadLink("email"))
        );
    }
}
