//! What the JavaScript API answers (`LocalOfferSearch.open()`, then `search`, `record`,
//! `facets`, `define`), as the engine's own types.
//!
//! It lives in the core, not in `src/web/`, so that the native tests check exactly what a
//! partner's page receives; the API's wasm build only hands these values to JavaScript with
//! serde-wasm-bindgen (`src/web/api.rs`). Text offsets are in UTF-16 code units, the units of a
//! JavaScript string, so `title.slice(start, end)` is the matched word.

use crate::council::Council;
use crate::index::Index;
use crate::model::{BroadArea, Cost, Kind, Need, Status};
use crate::search::{Filters, NeedFilter, Searcher};
use crate::view::{self, Card};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// Results a search gives when the options do not say.
pub const DEFAULT_LIMIT: usize = 10;

/// Why the API could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// `record(id)` was given an id that no record has.
    UnknownRecord(String),
    /// `need` is neither a need code nor a broad area.
    UnknownNeed(String),
    /// `area` is not one of the council's area keys; the keys it has.
    UnknownArea { area: String, expected: String },
    /// The search options could not be read (a wrong type, an unknown name or value).
    BadOptions(String),
    /// The index itself could not be read at this record.
    Index(String),
    /// A card or a glossary meaning was asked for before the index's second file (the cards'
    /// details and easy-read sentences, `local-offer.easy`) was attached.
    NoDetails,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::UnknownRecord(id) => write!(f, "no record has the id \"{id}\""),
            ApiError::UnknownNeed(need) => write!(
                f,
                "unknown need \"{need}\"; expected a need code ({}) or a broad area ({})",
                keys(Need::ALL.iter().map(|n| n.key())),
                keys(BroadArea::ALL.iter().map(|a| a.key())),
            ),
            // Worded as the other search options' unknown values are.
            ApiError::UnknownArea { area, expected } => write!(
                f,
                "search options: unknown value \"{area}\"; expected one of {expected}"
            ),
            ApiError::BadOptions(why) => write!(f, "search options: {why}"),
            ApiError::Index(why) => write!(f, "the index could not be read: {why}"),
            ApiError::NoDetails => {
                f.write_str("the cards' details (the .easy file beside the index) are not loaded")
            }
        }
    }
}

impl std::error::Error for ApiError {}

fn keys<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let keys: Vec<&str> = keys.collect();
    crate::lean::join(&keys, ", ")
}

/// The second argument of `engine.search(query, options)`. Every field may be left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchOptions {
    /// Only records whose age range includes this age.
    pub age: Option<u8>,
    /// Only records in this area (those for the whole area included): one of the council
    /// profile's area keys ([`crate::Index::areas`]).
    pub area: Option<String>,
    /// A need code (`SEMH`, any case) or a broad area key.
    pub need: Option<String>,
    pub kind: Option<Kind>,
    pub cost: Option<Cost>,
    /// How many hits at most (default [`DEFAULT_LIMIT`]).
    pub limit: Option<usize>,
}

impl SearchOptions {
    /// The engine's filters and the limit these options ask for; `council` knows the area keys.
    pub fn filters(&self, council: &Council) -> Result<(Filters, usize), ApiError> {
        let district = match &self.area {
            Some(a) => Some(council.by_key(a).ok_or_else(|| ApiError::UnknownArea {
                area: a.clone(),
                expected: keys(council.areas.iter().map(|a| a.key.as_str())),
            })?),
            None => None,
        };
        let need = match &self.need {
            Some(n) => Some(NeedFilter::parse(n).ok_or_else(|| ApiError::UnknownNeed(n.clone()))?),
            None => None,
        };
        let filters = Filters {
            kind: self.kind,
            district,
            age: self.age,
            need,
            cost: self.cost,
            ..Filters::default()
        };
        Ok((filters, self.limit.unwrap_or(DEFAULT_LIMIT)))
    }
}

/// Where the query's words were found in a hit, as `[start, end]` UTF-16 offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlights {
    pub title: Vec<[u32; 2]>,
    pub summary: Vec<[u32; 2]>,
}

/// One hit of `engine.search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    /// Higher is better; only the order means anything (0 when browsing).
    pub score: f32,
    /// The record's summary (a glossary entry's expansion).
    pub summary: String,
    pub status: Status,
    /// The council's area keys; `countywide` for the whole council area.
    pub areas: Vec<String>,
    /// Youngest and oldest age, with 0 and 25 where the record is silent.
    pub ages: [u8; 2],
    /// Need codes; empty when the record is for any need.
    pub needs: Vec<Need>,
    pub highlights: Highlights,
}

/// A facet value and how many records a browse with just that filter lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    pub key: String,
    pub label: String,
    pub count: u32,
}

/// An age stage and how many records are for some age in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeStage {
    pub key: &'static str,
    pub label: &'static str,
    pub from: u8,
    pub to: u8,
    pub count: u32,
}

/// What `engine.facets()` returns: every filter value with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Facets {
    /// The council's areas (a count includes records for the whole area, as the filter does).
    pub areas: Vec<Facet>,
    /// Need codes (a count includes records for any need, as the filter does).
    pub needs: Vec<Facet>,
    /// The four broad areas of need, counted the same way.
    pub need_areas: Vec<Facet>,
    pub kinds: Vec<Facet>,
    pub ages: Vec<AgeStage>,
}

/// The stages of childhood the Local Offer's 0–25 covers.
const AGE_STAGES: [(&str, &str, u8, u8); 5] = [
    ("early_years", "Early years (0 to 4)", 0, 4),
    ("primary", "Primary school (5 to 10)", 5, 10),
    ("secondary", "Secondary school (11 to 15)", 11, 15),
    ("post_16", "16 to 18", 16, 18),
    ("young_adult", "19 to 25", 19, 25),
];

/// One meaning of a glossary term, for `engine.define`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meaning {
    /// The glossary record's id (`engine.record(id)` gives its card).
    pub id: String,
    /// The term as the documents write it.
    pub term: String,
    /// What the letters stand for.
    pub expansion: String,
    /// What it means, in plain words.
    pub meaning: String,
}

/// Byte ranges of `text` as UTF-16 offsets.
fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[u32; 2]> {
    let at = |byte: usize| -> u32 {
        let prefix = text.get(..byte.min(text.len())).unwrap_or(text);
        prefix.chars().map(|c| c.len_utf16() as u32).sum()
    };
    ranges.iter().map(|r| [at(r.start), at(r.end)]).collect()
}

/// A search's hit as the API gives it: its record's facts, and the title and summary
/// highlights as UTF-16 offsets (a glossary entry's summary is its expansion).
pub fn search_hit(index: &Index, hit: crate::search::Hit, r: crate::model::Record) -> SearchHit {
    let (youngest, oldest) = r.age_range();
    let summary = if r.kind == Kind::Glossary {
        r.expansion
    } else {
        r.summary
    };
    SearchHit {
        highlights: Highlights {
            title: utf16_ranges(&r.name, &hit.title_highlights),
            summary: utf16_ranges(&summary, &hit.summary_highlights),
        },
        ages: [youngest, oldest],
        id: r.id,
        title: r.name,
        kind: r.kind,
        score: hit.score,
        summary,
        status: r.status,
        areas: r
            .districts
            .iter()
            .filter_map(|a| index.council().key(*a).map(str::to_string))
            .collect(),
        needs: r.needs,
    }
}

/// `engine.search(query, options)`: the best hits, best first, as the widget ranks them
/// (`searcher` is the engine's own, kept between calls). An empty query with filters browses
/// every matching record.
pub fn search(
    searcher: &mut Searcher,
    index: &Index,
    query: &str,
    options: &SearchOptions,
) -> Result<Vec<SearchHit>, ApiError> {
    let (filters, limit) = options.filters(index.council())?;
    let results = searcher.search(index, query, &filters, limit.min(index.len()));
    let mut hits = Vec::with_capacity(results.hits.len());
    for hit in results.hits {
        let r = index
            .record(hit.doc)
            .map_err(|e| ApiError::Index(e.to_string()))?;
        hits.push(search_hit(index, hit, r));
    }
    Ok(hits)
}

/// `engine.record(id)`: the card the widget shows for that record ([`view::card`], the
/// code the widget and `index-builder show` use), contacts and easy read included. Those live
/// in the index's second file, so it must be attached ([`Index::attach_easy_read`]).
pub fn record(index: &Index, id: &str) -> Result<Card, ApiError> {
    if !index.has_easy_read() {
        return Err(ApiError::NoDetails);
    }
    let doc = index
        .doc_of(id)
        .ok_or_else(|| ApiError::UnknownRecord(id.to_string()))?;
    let hit = crate::search::Hit {
        doc,
        ..Default::default()
    };
    view::card(index, &hit)
        .ok_or_else(|| ApiError::Index(format!("the card of \"{id}\" does not decode")))
}

/// `engine.facets()`: every filter value with how many records it lets through.
pub fn facets(index: &Index) -> Facets {
    let count = |f: Filters| -> u32 {
        (0..index.len() as u32)
            .filter(|&d| index.filter(d).is_some_and(|row| f.admit(row)))
            .count() as u32
    };
    let facet = |key: &str, label: &str, filters| Facet {
        key: key.to_string(),
        label: label.to_string(),
        count: count(filters),
    };
    Facets {
        areas: index
            .areas()
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let f = Filters {
                    district: Some(crate::model::Area(i as u8)),
                    ..Filters::default()
                };
                facet(&a.key, &a.label, f)
            })
            .collect(),
        needs: Need::ALL
            .iter()
            .map(|&n| {
                let f = Filters {
                    need: Some(NeedFilter::Code(n)),
                    ..Filters::default()
                };
                facet(n.key(), n.label(), f)
            })
            .collect(),
        need_areas: BroadArea::ALL
            .iter()
            .map(|&a| {
                let f = Filters {
                    need: Some(NeedFilter::Area(a)),
                    ..Filters::default()
                };
                facet(a.key(), a.label(), f)
            })
            .collect(),
        kinds: Kind::ALL
            .iter()
            .map(|&k| {
                let f = Filters {
                    kind: Some(k),
                    ..Filters::default()
                };
                facet(k.key(), k.label(), f)
            })
            .collect(),
        ages: AGE_STAGES
            .iter()
            .map(|&(key, label, from, to)| AgeStage {
                key,
                label,
                from,
                to,
                count: (0..index.len() as u32)
                    .filter(|&d| {
                        index.filter(d).is_some_and(|row| {
                            row.kind != Kind::Glossary && row.min_age <= to && row.max_age >= from
                        })
                    })
                    .count() as u32,
            })
            .collect(),
    }
}

/// True if `a` and `b` are the same word once case is set aside.
fn same_word(a: &str, b: &str) -> bool {
    a.chars()
        .map(crate::text::lower)
        .eq(b.chars().map(crate::text::lower))
}

/// `engine.define(term)`: every glossary meaning of a term ("SALT", "salt", "EHCPs"), in
/// glossary order; empty when the glossary does not have it. The plain meanings are in the
/// index's second file, which must be attached.
pub fn define(index: &Index, term: &str) -> Result<Vec<Meaning>, ApiError> {
    if !index.has_easy_read() {
        return Err(ApiError::NoDetails);
    }
    meanings(index, term)
}

/// [`define`]'s matching, over an index whose records carry their plain meanings: a single
/// file with its second file attached, or a chunked index whose glossary fragments (and their
/// easy-read fragments) have arrived.
pub fn meanings(index: &Index, term: &str) -> Result<Vec<Meaning>, ApiError> {
    let term = term.trim();
    let bare = term
        .strip_suffix("'s")
        .or_else(|| term.strip_suffix('’').and_then(|t| t.strip_suffix('s')))
        .or_else(|| term.strip_suffix('s'))
        .filter(|b| !b.is_empty());
    let matches = |w: &str| same_word(w, term) || bare.is_some_and(|b| same_word(w, b));
    let mut out = Vec::new();
    if term.is_empty() {
        return Ok(out);
    }
    for doc in 0..index.len() as u32 {
        if index.filter(doc).is_none_or(|f| f.kind != Kind::Glossary) {
            continue;
        }
        let r = index
            .record(doc)
            .map_err(|e| ApiError::Index(e.to_string()))?;
        if std::iter::once(&r.term).chain(&r.also).any(|w| matches(w)) {
            out.push(Meaning {
                id: r.id,
                term: r.term,
                expansion: r.expansion,
                meaning: r.plain_meaning,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_utf16() {
        // "é" is 2 bytes and 1 UTF-16 unit; "🧩" is 4 bytes and 2 units.
        let text = "é 🧩 autism";
        let start = text.find("autism").unwrap_or_default();
        let autism = start..start + 6;
        assert_eq!(utf16_ranges(text, std::slice::from_ref(&autism)), [[5, 11]]);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = SearchOptions {
            need: Some("SEMHX".into()),
            ..SearchOptions::default()
        }
        .filters(&Council::default())
        .unwrap_err();
        assert!(e
            .to_string()
            .starts_with("unknown need \"SEMHX\"; expected a need code (ASD"));
        assert_eq!(
            ApiError::UnknownRecord("x".into()).to_string(),
            "no record has the id \"x\""
        );
    }
}
