//! `index-builder search --explain`: what the search understood in a question (age, place,
//! concepts and the Local Offer's words for them, dropped words) and why each hit ranks where it
//! does. For editors tuning `data/vocabulary.toml` and for anyone asking "why did it show that?".
//! The output is for people; `--json` stays the machine-readable one.

use crate::outln;
use local_offer_search::model::{Kind, Record};
use local_offer_search::{Hit, Index, Results};

/// Prints the explanation of one search.
pub fn print(index: &Index, query: &str, results: &Results, rows: &[(&Hit, Record)]) {
    let u = &results.understood;
    outln!("question: \"{query}\"");
    match (u.age, u.age_not_covered) {
        (Some(a), _) if a.from == a.to => {
            outln!(
                "  age:      {} (from \"{}\")",
                a.from,
                u.age_words.join(" ")
            )
        }
        (Some(a), _) => outln!(
            "  age:      {}–{} (from \"{}\")",
            a.from,
            a.to,
            u.age_words.join(" ")
        ),
        (None, Some(n)) => outln!(
            "  age:      {n} is outside the Local Offer's 0–25 (from \"{}\"); not used",
            u.age_words.join(" ")
        ),
        (None, None) => outln!("  age:      none stated"),
    }
    match u.district {
        Some(d) => outln!(
            "  place:    {} (from \"{}\")",
            index.council().label(d).unwrap_or_default(),
            u.place_words.join(" ")
        ),
        None => outln!("  place:    none named"),
    }
    for c in &u.concepts {
        let role = if c.minor && !u.define { "minor" } else { "key" };
        let means: Vec<String> = c.means.iter().map(|m| m.join(" ")).collect();
        if means.is_empty() {
            outln!("  {role:<8}  \"{}\"", c.text);
        } else {
            outln!(
                "  {role:<8}  \"{}\" = also {}",
                c.text,
                means
                    .iter()
                    .map(|m| format!("\"{m}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    if !u.dropped.is_empty() {
        outln!("  dropped:  {}", u.dropped.join(", "));
    }
    if u.define {
        outln!("  asks what something means");
    }
    if let Some(a) = &results.answer {
        let terms: Vec<String> = a
            .docs
            .iter()
            .filter_map(|&d| index.record(d).ok())
            .map(|r| format!("{} = {}", r.term, r.expansion))
            .collect();
        outln!("answer: {}", terms.join("; "));
    }
    if !results.unknown.is_empty() {
        outln!("unknown words: {}", results.unknown.join(", "));
    }
    outln!(
        "{} results, {} best matches (fit the age and place, match the main concepts)",
        results.total,
        results.best
    );
    let mut folded = false;
    for (i, (hit, r)) in rows.iter().enumerate() {
        if !hit.main && !folded {
            outln!("  -- other results --");
            folded = true;
        }
        let fit = |f: Option<bool>, what: &str| match f {
            Some(true) => format!("{what} fits"),
            Some(false) => format!("WRONG {what}"),
            None => String::new(),
        };
        let mut why = vec![format!(
            "{} key word{} matched",
            hit.matched_words,
            if hit.matched_words == 1 { "" } else { "s" }
        )];
        if let Some(t) = hit.best_tier {
            why.push(format!("best match {t:?}").to_lowercase());
        }
        why.extend(
            [fit(hit.fits_age, "age"), fit(hit.fits_place, "place")]
                .into_iter()
                .filter(|s| !s.is_empty()),
        );
        if r.kind == Kind::Glossary {
            why.push("glossary".into());
        }
        outln!(
            "{:>3}. {:>8.1}  {:<40} {}",
            i + 1,
            hit.score,
            r.id,
            why.join(", ")
        );
    }
    if let Some(s) = &results.suggestion {
        outln!("did you mean: {s}");
    }
}
