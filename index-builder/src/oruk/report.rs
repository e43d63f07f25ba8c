//! The import table `build` and `check` print for ORUK feeds: services in, out and skipped per
//! reason, what the services' target audiences and taxonomy terms became (needs, provision
//! types, search words), warnings per kind, and the feed fields still dropped. The same numbers go into
//! `build --json` under `"import"`.

use super::{ImportStats, Unmapped};
use crate::problem::{Problem, Problems};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// An import's numbers, ready to print.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub stats: ImportStats,
    /// Problems in ORUK files by kind of message (quoted values and numbers left out).
    pub problems: BTreeMap<String, usize>,
    /// Dropped feed fields (JSON pointer with `*` for item numbers): how many values, and why.
    pub dropped: BTreeMap<String, (usize, String)>,
}

/// A message with its particulars left out, so one kind of problem counts once: quoted text
/// becomes `"…"` and numbers `N`.
pub fn message_kind(message: &str) -> String {
    let mut out = String::new();
    let mut in_quote = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '"' {
            if !in_quote {
                out.push_str("\"…\"");
            }
            in_quote = !in_quote;
            last_digit = false;
            continue;
        }
        if in_quote {
            continue;
        }
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
    }
    // Details in brackets (a position, a first place) differ every time.
    match out.find(" (") {
        Some(i) if out.starts_with("service skipped") => out[..i].to_string(),
        _ => out,
    }
}

fn is_import_problem(p: &Problem) -> bool {
    p.file.extension().is_some_and(|e| e == "json")
}

impl ImportReport {
    pub fn new(stats: ImportStats, unmapped: &[Unmapped], problems: &Problems) -> Self {
        let mut report = ImportReport {
            stats,
            ..ImportReport::default()
        };
        for p in problems.list.iter().filter(|p| is_import_problem(p)) {
            *report.problems.entry(message_kind(&p.message)).or_default() += 1;
        }
        for u in unmapped {
            let e = report
                .dropped
                .entry(u.field())
                .or_insert_with(|| (0, u.reason.clone()));
            e.0 += 1;
        }
        report
    }

    /// Whether any ORUK file was read.
    pub fn any(&self) -> bool {
        self.stats.files > 0
    }

    pub fn skipped(&self) -> usize {
        self.stats.skipped.values().sum()
    }

    /// The table, one line per row.
    pub fn lines(&self) -> Vec<String> {
        let s = &self.stats;
        let mut out = vec![
            format!("Open Referral UK import ({} files):", s.files),
            format!("  {:>7}  services in", s.services_in),
            format!("  {:>7}  services out", s.services_out),
            format!("  {:>7}  skipped", self.skipped()),
        ];
        for (reason, n) in &s.skipped {
            out.push(format!("  {n:>7}    {reason}"));
        }
        for (what, n) in &s.passed_over {
            out.push(format!("  {n:>7}  passed over: {what} (not a service)"));
        }
        let (a, t) = (&s.terms.audiences, &s.terms.taxonomy_terms);
        out.push(format!(
            "  who services are for, and taxonomy terms (needs by {}):",
            s.feed_terms
        ));
        out.extend([
            format!("  {:>7}  target audience values read", a.read),
            format!("  {:>7}    became needs", a.needs),
            format!("  {:>7}    kept as search words", a.keywords),
            format!("  {:>7}  taxonomy terms read", t.read),
            format!("  {:>7}    became needs", t.needs),
            format!("  {:>7}    became provision types", t.provision_types),
            format!("  {:>7}    kept as search words", t.keywords),
        ]);
        if !self.problems.is_empty() {
            out.push("  problems in the feed, by kind (`check` lists each):".into());
            let mut rows: Vec<(&String, &usize)> = self.problems.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (kind, n) in rows {
                out.push(format!("  {n:>7}    {kind}"));
            }
        }
        if !self.dropped.is_empty() {
            out.push(
                "Open Referral UK fields with no place in the Local Offer model (not indexed):"
                    .into(),
            );
            for (field, (n, reason)) in &self.dropped {
                out.push(format!("  {n:>7}  {field}: {reason}"));
            }
        }
        out
    }

    /// The same numbers for `build --json`.
    pub fn json(&self) -> Value {
        let s = &self.stats;
        json!({
            "files": s.files,
            "services_in": s.services_in,
            "services_out": s.services_out,
            "skipped": s.skipped,
            "passed_over": s.passed_over,
            "problems": self.problems,
            "feed_terms": s.feed_terms,
            "audiences": {
                "read": s.terms.audiences.read,
                "needs": s.terms.audiences.needs,
                "keywords": s.terms.audiences.keywords,
            },
            "taxonomy_terms": {
                "read": s.terms.taxonomy_terms.read,
                "needs": s.terms.taxonomy_terms.needs,
                "provision_types": s.terms.taxonomy_terms.provision_types,
                "keywords": s.terms.taxonomy_terms.keywords,
            },
            "dropped_fields": self
                .dropped
                .iter()
                .map(|(k, (n, why))| (k.clone(), json!({ "count": n, "reason": why })))
                .collect::<serde_json::Map<_, _>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_leave_out_particulars() {
        assert_eq!(
            message_kind("acronym \"NHS\" has no glossary entry"),
            "acronym \"…\" has no glossary entry"
        );
        assert_eq!(
            message_kind("maximum age 100 is over 25"),
            "maximum age N is over N"
        );
        assert_eq!(
            message_kind("service skipped: cannot be read (invalid type, line 4 column 2)"),
            "service skipped: cannot be read"
        );
    }
}
