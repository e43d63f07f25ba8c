//! Fills the site's pages (`www/index.html`, `www/kiosk.html`) with what the council profile
//! says: the council's name, the Local Offer team's email, and the widget's colours (a
//! `council.css` of `--los-…` custom properties, linked only when the profile sets colours:
//! a stylesheet, because the pages work under a strict CSP). The pages hold `{{…}}`
//! placeholders instead, so nothing about one council lives in the pages' code and a site built
//! from another data folder (`cargo xtask demo --data DIR`) names its own council, or none.
//!
//! The facts come from `index-builder build --json` (its `council` object: the profile as
//! checked, or what was worked out from a feed), so the profile has one reader, the builder.

use serde_json::Value;
use std::path::Path;

/// The pages that carry placeholders.
pub const PAGES: [&str; 4] = [
    "index.html",
    "kiosk.html",
    "chunked.html",
    "kiosk-chunked.html",
];

/// The council as the build summary gives it; empty strings are things nobody has said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CouncilFacts {
    pub name: String,
    pub email: String,
    /// `--los-…` custom properties and their `#rrggbb` values, as the builder checked them.
    pub colours: Vec<(String, String)>,
}

/// The stylesheet with the council's colours.
pub const COLOURS_CSS: &str = "council.css";

impl CouncilFacts {
    /// Reads the `council` object of `index-builder build --json`'s summary.
    pub fn from_summary(summary: &str) -> Result<CouncilFacts, String> {
        let v: Value = serde_json::from_str(summary.trim())
            .map_err(|e| format!("index-builder build --json printed no summary: {e}"))?;
        let c = v
            .get("council")
            .ok_or("index-builder build --json gave no \"council\"")?;
        let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let mut colours = Vec::new();
        if let Some(Value::Object(set)) = c.get("colours") {
            for (k, v) in set {
                let hex = v.as_str().unwrap_or("");
                // The builder writes #rrggbb; anything else would be a stylesheet injection.
                let ok = hex.len() == 7
                    && hex.starts_with('#')
                    && hex[1..].bytes().all(|b| b.is_ascii_hexdigit());
                let known = matches!(k.as_str(), "text" | "background" | "accent");
                if !ok || !known {
                    return Err(format!(
                        "index-builder build --json gave an unexpected colour {k} = {v}"
                    ));
                }
                colours.push((format!("--los-{k}"), hex.to_string()));
            }
        }
        Ok(CouncilFacts {
            name: field("name"),
            email: field("email"),
            colours,
        })
    }
}

/// Text made safe for HTML text and double-quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Every placeholder and what it becomes for `c`.
fn values(c: &CouncilFacts) -> Vec<(&'static str, String)> {
    let name = escape(&c.name);
    let email = escape(&c.email);
    let link = format!("<a href=\"mailto:{email}\">{email}</a>");
    let has_name = !name.is_empty();
    let has_email = !email.is_empty();
    vec![
        (
            "{{council_css}}",
            if c.colours.is_empty() {
                String::new()
            } else {
                format!("<link rel=\"stylesheet\" href=\"{COLOURS_CSS}\">")
            },
        ),
        (
            "{{local_offer}}",
            if has_name {
                format!("{name} SEND Local Offer")
            } else {
                "SEND Local Offer".to_string()
            },
        ),
        (
            "{{in_council}}",
            if has_name {
                format!(" in {name}")
            } else {
                String::new()
            },
        ),
        (
            "{{contact_email_attr}}",
            if has_email {
                format!(" contact-email=\"{email}\"")
            } else {
                String::new()
            },
        ),
        (
            "{{noscript_contact}}",
            if has_email {
                format!(
                    "<p>You can ask the Local Offer team for the same information: email {link}.</p>"
                )
            } else {
                String::new()
            },
        ),
        (
            "{{footer_contact}}",
            if has_email {
                format!(" If something is wrong or missing, email {link}.")
            } else {
                String::new()
            },
        ),
    ]
}

/// The page's text with every placeholder filled; an error names a placeholder left unknown.
pub fn fill(page: &str, text: &str, c: &CouncilFacts) -> Result<String, String> {
    let mut out = text.to_string();
    for (key, value) in values(c) {
        out = out.replace(key, &value);
    }
    match out.find("{{") {
        Some(i) => {
            let rest = &out[i..];
            let end = rest.find("}}").map_or(rest.len().min(40), |e| e + 2);
            Err(format!("{page}: unknown placeholder {}", &rest[..end]))
        }
        None => Ok(out),
    }
}

/// The colours stylesheet's text: the custom properties on the widget's element.
pub fn colours_css(c: &CouncilFacts) -> String {
    let props: Vec<String> = c.colours.iter().map(|(k, v)| format!("{k}:{v}")).collect();
    format!(
        "/* The council's colours, from data/council.toml ([colours]). */\n\
         local-offer-search{{{}}}\n",
        props.join(";")
    )
}

/// Fills the pages of the site folder in place, and writes or removes the colours stylesheet.
pub fn fill_site(site: &Path, c: &CouncilFacts) -> Result<(), String> {
    let css = site.join(COLOURS_CSS);
    if c.colours.is_empty() {
        if css.exists() {
            std::fs::remove_file(&css)
                .map_err(|e| format!("cannot remove {}: {e}", css.display()))?;
        }
    } else {
        std::fs::write(&css, colours_css(c))
            .map_err(|e| format!("cannot write {}: {e}", css.display()))?;
    }
    for page in PAGES {
        let path = site.join(page);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let filled = fill(page, &text, c)?;
        std::fs::write(&path, filled)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str =
        "{{council_css}}<title>Search the {{local_offer}}</title><p>Help{{in_council}}.</p>\
        <local-offer-search index=\"x\"{{contact_email_attr}}></local-offer-search>\
        {{noscript_contact}}<p>From the {{local_offer}}.{{footer_contact}}</p>";

    #[test]
    fn a_council_with_an_email_is_named_and_linked() {
        let c = CouncilFacts {
            name: "Bath & North East Somerset".into(),
            email: "send@example.org.uk".into(),
            colours: Vec::new(),
        };
        let out = fill("p", PAGE, &c).expect("filled");
        assert!(out.contains("<title>Search the Bath &amp; North East Somerset SEND Local Offer"));
        assert!(out.contains("Help in Bath &amp; North East Somerset."));
        assert!(out.contains("index=\"x\" contact-email=\"send@example.org.uk\">"));
        assert!(out
            .contains("email <a href=\"mailto:send@example.org.uk\">send@example.org.uk</a>.</p>"));
        assert!(!out.contains("{{"));
    }

    #[test]
    fn a_council_unknown_is_named_nowhere_and_no_contact_is_given() {
        let out = fill("p", PAGE, &CouncilFacts::default()).expect("filled");
        assert_eq!(
            out,
            "<title>Search the SEND Local Offer</title><p>Help.</p>\
             <local-offer-search index=\"x\"></local-offer-search>\
             <p>From the SEND Local Offer.</p>"
        );
    }

    #[test]
    fn an_unknown_placeholder_is_an_error() {
        let e = fill(
            "index.html",
            "<p>{{council_phone}}</p>",
            &CouncilFacts::default(),
        );
        assert_eq!(
            e,
            Err("index.html: unknown placeholder {{council_phone}}".to_string())
        );
    }

    #[test]
    fn the_summary_gives_the_council() {
        let c = CouncilFacts::from_summary(
            r#"{"written":true,"council":{"name":"Shire","email":"a@example.org.uk","phone":""}}"#,
        )
        .expect("read");
        assert_eq!(
            (c.name.as_str(), c.email.as_str()),
            ("Shire", "a@example.org.uk")
        );
        assert!(c.colours.is_empty());
        assert!(CouncilFacts::from_summary(r#"{"written":true}"#).is_err());
        let c = CouncilFacts::from_summary(
            r##"{"council":{"name":"","colours":{"accent":"#5b2c6f"}}}"##,
        )
        .expect("read");
        assert_eq!(
            c.colours,
            [("--los-accent".to_string(), "#5b2c6f".to_string())]
        );
        assert_eq!(
            colours_css(&c),
            "/* The council's colours, from data/council.toml ([colours]). */\n\
             local-offer-search{--los-accent:#5b2c6f}\n"
        );
        assert!(fill("p", "{{council_css}}", &c)
            .expect("filled")
            .contains("<link rel=\"stylesheet\" href=\"council.css\">"));
        for bad in [
            r##"{"council":{"colours":{"accent":"red}body{x"}}}"##,
            r##"{"council":{"colours":{"shadow":"#000000"}}}"##,
        ] {
            assert!(CouncilFacts::from_summary(bad).is_err(), "{bad}");
        }
        assert!(CouncilFacts::from_summary("records in: 3").is_err());
    }
}
