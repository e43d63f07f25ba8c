//! `index-builder show`: one record's card exactly as the widget builds it (`view::card`, the
//! same code the browser runs, from the wording stored in the index and its second file), as
//! text for an editor or as JSON for a checker, with the evidence behind it from the evidence
//! file beside the index.
//!
//! It exists so that a person or a script can check a card against its quotes without a
//! browser: what the card says, and the documents' words that back it, side by side.

use crate::cli::CliError;
use crate::evidence;
use local_offer_search::index::easy;
use local_offer_search::model::{Evidence, Record};
use local_offer_search::search::Hit;
use local_offer_search::view::{card, Card, Segment};
use local_offer_search::Index;
use serde_json::{json, Value};
use std::path::Path;

/// Segments as the widget reads them out: an acronym spelled out the first time, in brackets.
pub fn plain(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push_str(&s.text);
        if let (true, Some(e)) = (s.explain, &s.abbr) {
            out.push_str(&format!(" ({e})"));
        }
    }
    out
}

/// Opens the index at `path` with its easy-read file when there is one.
fn open(path: &Path) -> Result<Index, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Failed(format!("cannot read {}: {e}", path.display())))?;
    let mut index =
        Index::from_vec(bytes).map_err(|e| CliError::Failed(format!("{}: {e}", path.display())))?;
    let easy_path = sibling(path, easy::file_name);
    if let Ok(bytes) = std::fs::read(&easy_path) {
        index
            .attach_easy_read(bytes)
            .map_err(|e| CliError::Failed(format!("{}: {e}", easy_path.display())))?;
    }
    Ok(index)
}

fn sibling(index: &Path, name: fn(&str) -> String) -> std::path::PathBuf {
    index.with_file_name(name(
        &index
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
    ))
}

/// The record with `id` and its doc number, or a readable error naming near ids.
fn find(index: &Index, id: &str) -> Result<(u32, Record), CliError> {
    let mut near = Vec::new();
    for doc in 0..index.len() as u32 {
        let r = index
            .record(doc)
            .map_err(|e| CliError::Failed(e.to_string()))?;
        if r.id == id {
            return Ok((doc, r));
        }
        if r.id.contains(id) || id.contains(r.id.as_str()) {
            near.push(r.id);
        }
    }
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}", near.join(", "))
    };
    Err(CliError::Failed(format!(
        "no record has the id \"{id}\"{hint}"
    )))
}

/// The card of record `id` in the index at `path`, and its evidence.
pub fn show(path: &Path, id: &str) -> Result<(Card, Record, Vec<Evidence>), CliError> {
    let index = open(path)?;
    let (doc, record) = find(&index, id)?;
    let hit = Hit {
        doc,
        ..Hit::default()
    };
    let card = card(&index, &hit)
        .ok_or_else(|| CliError::Failed(format!("the card of \"{id}\" does not decode")))?;
    let evidence_path = sibling(path, evidence::file_name);
    let quotes = match evidence::read(&evidence_path, index.checksum()) {
        Ok(mut all) => all.remove(id).unwrap_or_default(),
        Err(e) => {
            eprintln!("index-builder: warning: {e}; showing the card without its evidence");
            Vec::new()
        }
    };
    Ok((card, record, quotes))
}

/// The card as one JSON object.
pub fn to_json(card: &Card, r: &Record, quotes: &[Evidence]) -> Value {
    let facts: Vec<Value> = card
        .facts
        .iter()
        .map(|f| json!({ "label": f.label, "value": plain(&f.value) }))
        .collect();
    let contacts: Vec<Value> = card
        .links
        .iter()
        .map(|l| {
            json!({
                "kind": l.kind,
                "value": l.text,
                "href": l.href,
                "label": l.label,
                "general": l.general,
            })
        })
        .collect();
    let easy: Vec<Value> = card
        .easy
        .parts
        .iter()
        .map(|p| json!({ "heading": p.heading, "sentences": p.sentences }))
        .collect();
    json!({
        "id": card.id,
        "title": plain(&card.title),
        "kind": card.kind.key(),
        "kind_label": card.kind_label,
        "status": r.status.key(),
        "status_text": local_offer_search::view::status_text(r),
        "starts": r.starts,
        "ends": r.ends,
        "replaced_by": r.replaced_by,
        "summary": plain(&card.summary),
        "how_to_get": r.how_to_get,
        "ages": local_offer_search::view::ages_text(r),
        "stages": r.stages,
        "last_checked": r.last_checked,
        "facts": facts,
        "contacts": contacts,
        "easy_read": easy,
        "evidence": quotes,
    })
}

/// The card as text an editor reads top to bottom.
pub fn to_text(card: &Card, quotes: &[Evidence]) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(plain(&card.title));
    line(format!("[{}] {}", card.kind_label, card.id));
    line(plain(&card.summary));
    for f in &card.facts {
        line(format!("  {}: {}", f.label, plain(&f.value)));
    }
    for l in &card.links {
        let whose = match (l.label.is_empty(), l.general) {
            (true, false) => String::new(),
            (true, true) => " (general contact)".to_string(),
            (false, true) if !l.label.contains("general contact") => {
                format!(" ({}; general contact)", l.label)
            }
            (false, _) => format!(" ({})", l.label),
        };
        line(format!("  {:?}: {}{whose}", l.kind, l.text));
    }
    if !card.last_checked.is_empty() {
        line(format!("  Last checked: {}", card.last_checked));
    }
    line("Easy read:".into());
    for p in &card.easy.parts {
        match &p.picture {
            Some(picture) => line(format!("  {} [picture: {}]", p.heading, picture.topic())),
            None => line(format!("  {}", p.heading)),
        }
        for s in &p.sentences {
            line(format!("    {s}"));
        }
    }
    line(format!("Evidence ({}):", quotes.len()));
    for q in quotes {
        if q.is_general() {
            line("  general knowledge".into());
        } else {
            line(format!("  {}: \"{}\"", q.file, q.quote));
        }
    }
    out
}
