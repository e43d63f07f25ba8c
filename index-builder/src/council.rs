//! Reading and checking the council profile, `data/council.toml`, and giving every record its
//! areas from it.
//!
//! The profile is what makes the widget any council's: its name, its areas (key, label and the
//! towns and other names a family may type), its general contacts and its Local Offer's web
//! address. Editors own it, so every problem names the file, the line (from the toml parser's
//! own spans) and the field. A folder with no profile (a council's pulled feed) still builds:
//! its areas are the feed's `service_areas`, in the order first met, and its name is the one
//! organisation every service names when that is a council, else none ("this area").
//!
//! An index holds at most [`Area::MAX`] areas (bits of the filter row's mask, beside the whole
//! area). A profile with more is an error; a feed with more gets a warning for each name left
//! over, and those names stay searchable as the record's keywords.

use crate::load::Loaded;
use crate::problem::Problems;
use local_offer_search::council::{AreaInfo, Council, MAX_NAMES, MAX_TEXT};
use local_offer_search::index::vocab::{phrase, PlaceWords};
use local_offer_search::model::Area;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The profile's file name, at the top of the data folder.
pub const FILE_NAME: &str = "council.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: Spanned<String>,
    email: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
    website: Option<Spanned<String>>,
    local_offer: Option<Spanned<String>>,
    #[serde(default, rename = "area")]
    areas: Vec<RawArea>,
    /// Optional: the widget's colours on the council's site ([`crate::colours`]).
    colours: Option<crate::colours::RawColours>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    key: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    names: Vec<Spanned<String>>,
}

/// Where the profile's text says things, for messages.
struct At<'a> {
    file: &'a Path,
    text: &'a str,
}

impl At<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        let start = s.span().start.min(self.text.len());
        self.text[..start].matches('\n').count() + 1
    }
}

/// The council's profile as read: the council, and whether a profile gave it (a profile's
/// areas are fixed; a feed's grow as the records name them).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub council: Council,
    /// The widget's colours on the site; none set when worked out from the feed.
    pub colours: crate::colours::Colours,
    /// Where it came from: `data/council.toml`, or `None` when worked out from the feed.
    pub file: Option<PathBuf>,
}

/// Reads `dir/council.toml` if there is one; `None` when the folder has none (the council is
/// then worked out from the records, [`resolve`]). `sources` is the folder whose text every
/// contact must be quoted from (`data/sources/`), when the data has one.
pub fn load(dir: &Path, problems: &mut Problems) -> Option<Profile> {
    let file = dir.join(FILE_NAME);
    let text = std::fs::read_to_string(&file).ok()?;
    let at = At {
        file: &file,
        text: &text,
    };
    let raw: RawProfile = match toml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            problems.error(&file, line, "-", e.message().replace('\n', " "));
            return Some(Profile {
                council: Council::default(),
                colours: crate::colours::Colours::default(),
                file: Some(file),
            });
        }
    };
    let council = check(&raw, &at, dir, problems);
    let (colours, colour_problems) =
        crate::colours::check(raw.colours.as_ref().unwrap_or(&Default::default()));
    for p in colour_problems {
        let line = text[..p.at.min(text.len())].matches('\n').count() + 1;
        problems.error(&file, line, p.field, p.message);
    }
    Some(Profile {
        council,
        colours,
        file: Some(file),
    })
}

/// The text of every source document, for the contacts' quotes.
fn sources(dir: &Path) -> Option<Vec<String>> {
    let entries = std::fs::read_dir(dir.join("sources")).ok()?;
    Some(
        entries
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect(),
    )
}

fn check(raw: &RawProfile, at: &At<'_>, dir: &Path, problems: &mut Problems) -> Council {
    let mut c = Council::default();
    let text = |s: &Spanned<String>, field: &str, problems: &mut Problems| -> Option<String> {
        let v = s.get_ref().trim();
        if v.is_empty() || v.len() > MAX_TEXT {
            problems.error(
                at.file,
                at.line(s),
                field,
                format!("must be 1 to {MAX_TEXT} bytes of text"),
            );
            return None;
        }
        Some(v.to_string())
    };
    c.name = text(&raw.name, "name", problems).unwrap_or_default();

    // Contacts: valid by the one set of link rules, and quoted from a source document.
    let quotes = sources(dir);
    type Rule = fn(&str) -> Result<(), String>;
    let contacts: [(&str, &Option<Spanned<String>>, Rule, &mut String); 4] = [
        (
            "email",
            &raw.email,
            |v| local_offer_search::links::email(v).map_err(|e| e.to_string()),
            &mut c.email,
        ),
        (
            "phone",
            &raw.phone,
            |v| {
                local_offer_search::links::phone(v)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            },
            &mut c.phone,
        ),
        (
            "website",
            &raw.website,
            |v| local_offer_search::links::web(v).map_err(|e| e.to_string()),
            &mut c.website,
        ),
        (
            "local_offer",
            &raw.local_offer,
            |v| local_offer_search::links::web(v).map_err(|e| e.to_string()),
            &mut c.local_offer,
        ),
    ];
    for (field, value, rule, slot) in contacts {
        let Some(v) = value else { continue };
        let line = at.line(v);
        let s = v.get_ref().trim();
        if let Err(why) = rule(s) {
            problems.error(at.file, line, field, format!("\"{s}\": {why}"));
            continue;
        }
        match &quotes {
            Some(q) if !q.iter().any(|t| t.contains(s)) => problems.error(
                at.file,
                line,
                field,
                format!(
                    "\"{s}\" is not in any document of sources/: a contact must be quoted from one"
                ),
            ),
            None => problems.warning(
                at.file,
                line,
                field,
                "no sources/ folder to check this contact against",
            ),
            _ => {}
        }
        *slot = s.to_string();
    }

    if raw.areas.len() > Area::MAX {
        problems.error(
            at.file,
            raw.areas.get(Area::MAX).map_or(1, |a| at.line(&a.key)),
            "area",
            format!(
                "{} areas; an index holds at most {} (and the whole area, `{}`)",
                raw.areas.len(),
                Area::MAX,
                Area::WHOLE_KEY
            ),
        );
    }
    // Every phrase a family may type names one area only.
    let mut phrases: HashMap<String, String> = HashMap::new();
    for a in raw.areas.iter().take(Area::MAX) {
        let key = a.key.get_ref();
        let line = at.line(&a.key);
        let key_ok = !key.is_empty()
            && key.len() <= MAX_TEXT
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !key_ok {
            problems.error(
                at.file,
                line,
                "key",
                format!("\"{key}\": a key is lower-case letters, digits and _"),
            );
        } else if key == Area::WHOLE_KEY {
            problems.error(
                at.file,
                line,
                "key",
                format!("\"{key}\" is the whole area's key; an area needs its own"),
            );
        } else if c.areas.iter().any(|x| x.key == *key) {
            problems.error(at.file, line, "key", format!("\"{key}\" is used twice"));
        }
        let label = text(&a.label, "label", problems).unwrap_or_default();
        if a.names.len() > MAX_NAMES {
            problems.error(
                at.file,
                line,
                "names",
                format!("{} names; an area has at most {MAX_NAMES}", a.names.len()),
            );
        }
        let mut names = Vec::new();
        for n in a.names.iter().take(MAX_NAMES) {
            if let Some(v) = text(n, "names", problems) {
                names.push(v);
            }
        }
        for (n, line) in std::iter::once((&label, at.line(&a.label)))
            .chain(names.iter().zip(a.names.iter().map(|n| at.line(n))))
        {
            let p = phrase(n);
            match phrases.get(&p) {
                Some(other) if other != key => problems.error(
                    at.file,
                    line,
                    "names",
                    format!("\"{n}\" also names the area \"{other}\"; a name may name one area"),
                ),
                _ => {
                    phrases.insert(p, key.clone());
                }
            }
        }
        c.areas.push(AreaInfo {
            key: key.clone(),
            label,
            names,
        });
    }
    c
}

/// A record's area as its data names it: a key (our TOML) or a name (a feed's service area).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Key(String),
    Name(String),
}

/// Gives every record its areas from what its data wrote ([`Loaded::areas_written`]): keys of
/// the profile (an unknown key is an error naming file, line and field), and feed names matched
/// to an area's key, label or names, or the whole area's. With no profile, a feed's names
/// become the areas, up to [`Area::MAX`]; past that, and for a name a profile does not know, a
/// warning, and the name is kept among the record's keywords so it is still searched.
pub fn resolve(
    profile: Option<Profile>,
    loaded: &mut [Loaded],
    problems: &mut Problems,
) -> Council {
    let fixed = profile.is_some();
    let mut council = profile.map(|p| p.council).unwrap_or_default();
    if !fixed {
        council.name = feed_council_name(loaded).unwrap_or_default();
    }
    let mut over: BTreeMap<String, (PathBuf, usize, usize)> = BTreeMap::new();
    for l in loaded.iter_mut() {
        let written = std::mem::take(&mut l.areas_written);
        let line = l.line_of("districts");
        let mut areas = Vec::new();
        for w in written {
            let area = match &w {
                Written::Key(k) => match council.by_key(k) {
                    Some(a) => Some(a),
                    None => {
                        let mut keys = vec![Area::WHOLE_KEY.to_string()];
                        keys.extend(council.areas.iter().map(|a| a.key.clone()));
                        problems.error(
                            &l.file,
                            line,
                            "districts",
                            format!(
                                "unknown area \"{k}\"; expected one of {} (the areas of {})",
                                keys.join(", "),
                                FILE_NAME
                            ),
                        );
                        None
                    }
                },
                Written::Name(n) => match by_name(&council, n) {
                    Some(a) => Some(a),
                    None if !fixed && council.areas.len() < Area::MAX => {
                        council.areas.push(AreaInfo {
                            key: slug(n, &council),
                            label: n.trim().chars().take(MAX_TEXT / 4).collect(),
                            names: Vec::new(),
                        });
                        Some(Area((council.areas.len() - 1) as u8))
                    }
                    None => {
                        let e =
                            over.entry(n.trim().to_string())
                                .or_insert((l.file.clone(), line, 0));
                        e.2 += 1;
                        if !l.record.keywords.iter().any(|k| k == n.trim()) {
                            l.record.keywords.push(n.trim().to_string());
                        }
                        None
                    }
                },
            };
            if let Some(a) = area {
                if !areas.contains(&a) {
                    areas.push(a);
                }
            }
        }
        l.record.districts = areas;
    }
    for (name, (file, line, n)) in over {
        let why = if fixed {
            format!("is not an area of {FILE_NAME} nor one of its names; add it there")
        } else {
            format!(
                "is past the {} areas an index holds (a {FILE_NAME} can group the feed's areas)",
                Area::MAX
            )
        };
        problems.warning(
            &file,
            line,
            "service_areas",
            format!(
                "service area \"{name}\" ({n} services) {why}: searchable, but not in the area filter"
            ),
        );
    }
    council
}

/// The area a feed's service-area name means: an area's key, label or one of its names, or
/// the whole area ("countywide", the council's name, "all of" it).
fn by_name(council: &Council, name: &str) -> Option<Area> {
    let p = phrase(name);
    if p.is_empty() {
        return None;
    }
    let p = p
        .strip_suffix(" district council")
        .or_else(|| p.strip_suffix(" district"))
        .unwrap_or(&p)
        .to_string();
    let whole = phrase(&council.name);
    let whole_forms = [
        phrase(Area::WHOLE_KEY),
        "county wide".to_string(),
        format!("all of {whole}"),
        format!("{whole} county"),
        whole.clone(),
    ];
    if whole_forms.iter().any(|w| !w.is_empty() && *w == p) && !whole.is_empty()
        || p == phrase(Area::WHOLE_KEY)
    {
        return Some(Area::WHOLE);
    }
    council
        .areas
        .iter()
        .position(|a| {
            phrase(&a.key.replace('_', " ")) == p
                || phrase(&a.label) == p
                || a.names.iter().any(|n| phrase(n) == p)
        })
        .map(|i| Area(i as u8))
}

/// A key for a feed's area name: its words, lower case, joined by `_` (made unique).
fn slug(name: &str, council: &Council) -> String {
    let mut key: String = phrase(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .split('_')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    key.truncate(60);
    if key.is_empty() || key == Area::WHOLE_KEY {
        key = format!("area_{}", council.areas.len() + 1);
    }
    let base = key.clone();
    let mut n = 2;
    while council.areas.iter().any(|a| a.key == key) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

/// The council's name from a feed, where it is clear: every service names the same
/// organisation and it is a council ("Bristol City Council" → "Bristol").
fn feed_council_name(loaded: &[Loaded]) -> Option<String> {
    let first = loaded.first()?.record.organization.trim();
    if first.is_empty() || loaded.iter().any(|l| l.record.organization.trim() != first) {
        return None;
    }
    let name = [
        "City Council",
        "County Council",
        "Borough Council",
        "Council",
    ]
    .iter()
    .find_map(|s| first.strip_suffix(s))?
    .trim()
    .trim_end_matches(',');
    (!name.is_empty() && name.len() <= MAX_TEXT).then(|| name.to_string())
}

/// The places the search understands in a question: each area's label and names, and the
/// whole area's name, as vocabulary entries.
pub fn places(council: &Council) -> Vec<PlaceWords> {
    let mut out = Vec::new();
    for (i, a) in council.areas.iter().enumerate() {
        let mut phrases: Vec<String> = Vec::new();
        for n in std::iter::once(&a.label).chain(&a.names) {
            let p = phrase(n);
            if !p.is_empty() && p.len() <= 256 && !phrases.contains(&p) {
                phrases.push(p);
            }
        }
        if !phrases.is_empty() {
            out.push(PlaceWords {
                phrases,
                district: Area(i as u8),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(text: &str) -> (Option<Profile>, Problems) {
        let dir =
            std::env::temp_dir().join(format!("los-council-{}-{}", std::process::id(), text.len()));
        std::fs::create_dir_all(dir.join("sources")).expect("temp dir");
        std::fs::write(dir.join("sources/a.txt"), "email team@example.org.uk").expect("write");
        std::fs::write(dir.join(FILE_NAME), text).expect("write");
        let mut problems = Problems::default();
        let p = load(&dir, &mut problems);
        let _ = std::fs::remove_dir_all(&dir);
        (p, problems)
    }

    #[test]
    fn a_good_profile_reads() {
        let (p, problems) = profile(
            "name = \"Shire\"\nemail = \"team@example.org.uk\"\n\n[[area]]\nkey = \"north\"\nlabel = \"North\"\nnames = [\"Northtown\"]\n",
        );
        assert_eq!(problems.errors(), 0, "{:?}", problems.list);
        let c = p.expect("read").council;
        assert_eq!(c.name, "Shire");
        assert_eq!(c.areas[0].names, ["Northtown"]);
        assert_eq!(by_name(&c, "northtown"), Some(Area(0)));
        assert_eq!(by_name(&c, "All of Shire"), Some(Area::WHOLE));
        assert_eq!(places(&c)[0].phrases, ["north", "northtown"]);
    }

    #[test]
    fn problems_name_line_and_field() {
        let (_, problems) = profile(
            "name = \"Shire\"\nemail = \"other@example.org.uk\"\n[[area]]\nkey = \"North\"\nlabel = \"North\"\n[[area]]\nkey = \"south\"\nlabel = \"South\"\nnames = [\"North\"]\n",
        );
        let lines: Vec<String> = problems.list.iter().map(|p| p.to_string()).collect();
        let all = lines.join("\n");
        assert!(
            all.contains(":2: email: \"other@example.org.uk\" is not in any document"),
            "{all}"
        );
        assert!(
            all.contains(":4: key: \"North\": a key is lower-case"),
            "{all}"
        );
        assert!(
            all.contains(":9: names: \"North\" also names the area"),
            "{all}"
        );
        let (_, problems) = profile("name = \"Shire\"\ncolour = 3\n");
        assert!(
            problems.list[0]
                .to_string()
                .contains(":2: -: unknown field `colour`"),
            "{:?}",
            problems.list[0].to_string()
        );
    }

    #[test]
    fn over_the_limit_is_an_error() {
        let mut text = String::from("name = \"Shire\"\n");
        for i in 0..16 {
            text.push_str(&format!("[[area]]\nkey = \"a{i}\"\nlabel = \"A{i}\"\n"));
        }
        let (p, problems) = profile(&text);
        assert_eq!(problems.errors(), 1);
        assert!(problems.list[0]
            .message
            .contains("16 areas; an index holds at most 15"));
        assert_eq!(p.expect("read").council.areas.len(), 15);
    }
}
