//! The council profile's optional colours (`[colours]` in `data/council.toml`): the widget's
//! text, background and accent, which a site sets as the `--los-…` custom properties the widget
//! already reads (docs/WIDGET.md).
//!
//! It exists so that a council can match its own site without editing code, and without ever
//! making the widget hard to read: each colour is read by a real CSS parser (`cssparser`, as a
//! hex colour or a colour name, fully opaque), and the pairs the widget draws one on the other
//! (text on background; links and buttons, accent against background) must keep a contrast
//! ratio of at least 4.5:1 (WCAG 2.2 1.4.3), or the profile is refused with its file, line and
//! field. The colours never go into the index: the family wasm does not carry them.

use cssparser::{Parser, Token};
use serde::Deserialize;
use toml::Spanned;

/// The least contrast the widget's text and links keep (WCAG 2.2 AA, normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The widget's own colours (`www/widget.css`), used for any colour the profile leaves out.
pub const DEFAULT_TEXT: Rgb = Rgb(0x0b, 0x0c, 0x0c);
pub const DEFAULT_BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
pub const DEFAULT_ACCENT: Rgb = Rgb(0x1d, 0x70, 0xb8);

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.2's definition).
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

/// The contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Why a colour is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ColourError {
    /// Not a hex colour or a colour name (the text, and the parser's reason).
    NotAColour(String),
    /// A colour with transparency: its contrast depends on what is behind the widget.
    Transparent(String),
}

impl std::fmt::Display for ColourError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColourError::NotAColour(v) => write!(
                f,
                "\"{v}\" is not a colour: write a hex colour (#1d70b8) or a CSS colour name (navy)"
            ),
            ColourError::Transparent(v) => write!(
                f,
                "\"{v}\" is partly transparent: the widget's colours must be opaque"
            ),
        }
    }
}

impl std::error::Error for ColourError {}

/// Reads one CSS colour: a hex colour (3, 4, 6 or 8 digits) or a named colour, nothing after it.
pub fn parse(text: &str) -> Result<Rgb, ColourError> {
    let bad = || ColourError::NotAColour(text.to_string());
    let mut parser = Parser::new(text.trim());
    let (r, g, b, alpha) = match parser.next().map_err(|_| bad())? {
        Token::Hash(h) | Token::IDHash(h) => {
            cssparser::color::parse_hash_color(h.as_bytes()).map_err(|()| bad())?
        }
        Token::Ident(name) => {
            let (r, g, b) = cssparser::color::parse_named_color(&name.to_ascii_lowercase())
                .map_err(|()| bad())?;
            (r, g, b, 1.0)
        }
        _ => return Err(bad()),
    };
    parser.expect_exhausted().map_err(|_| bad())?;
    if alpha < 1.0 {
        return Err(ColourError::Transparent(text.to_string()));
    }
    Ok(Rgb(r, g, b))
}

/// `[colours]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawColours {
    text: Option<Spanned<String>>,
    background: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

/// The colours a profile sets; `None` is the widget's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Colours {
    pub text: Option<Rgb>,
    pub background: Option<Rgb>,
    pub accent: Option<Rgb>,
}

impl Colours {
    /// Each colour set, by its custom property: (`--los-accent`, `#5b2c6f`), …
    pub fn properties(&self) -> Vec<(&'static str, String)> {
        [
            ("--los-text", self.text),
            ("--los-background", self.background),
            ("--los-accent", self.accent),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|c| (k, c.hex())))
        .collect()
    }

    /// The colours for `index-builder build --json`: `{"accent": "#5b2c6f"}`, only those set.
    pub fn json(&self) -> serde_json::Value {
        let mut o = serde_json::Map::new();
        for (k, v) in [
            ("text", self.text),
            ("background", self.background),
            ("accent", self.accent),
        ] {
            if let Some(c) = v {
                o.insert(k.to_string(), c.hex().into());
            }
        }
        serde_json::Value::Object(o)
    }
}

/// A problem with `[colours]`: the line and field it is at, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ColourProblem {
    /// Byte offset of the value in the profile's text.
    pub at: usize,
    pub field: &'static str,
    pub message: String,
}

/// Checks `[colours]`: each a colour, and the pairs the widget draws one on the other readable.
pub fn check(raw: &RawColours) -> (Colours, Vec<ColourProblem>) {
    let mut problems = Vec::new();
    let mut read = |field: &'static str, v: &Option<Spanned<String>>| {
        let v = v.as_ref()?;
        match parse(v.get_ref()) {
            Ok(c) => Some((c, v.span().start)),
            Err(e) => {
                problems.push(ColourProblem {
                    at: v.span().start,
                    field,
                    message: e.to_string(),
                });
                None
            }
        }
    };
    let text = read("colours.text", &raw.text);
    let background = read("colours.background", &raw.background);
    let accent = read("colours.accent", &raw.accent);
    let bg = background.map_or(DEFAULT_BACKGROUND, |b| b.0);
    for (field, what, set, default) in [
        ("colours.text", "text", text, DEFAULT_TEXT),
        (
            "colours.accent",
            "accent (links, buttons)",
            accent,
            DEFAULT_ACCENT,
        ),
    ] {
        if set.is_none() && background.is_none() {
            continue;
        }
        let fg = set.map_or(default, |s| s.0);
        let ratio = contrast(fg, bg);
        if ratio < MIN_CONTRAST {
            // Said at the colour the profile set: this one, else the background.
            let (field, at) = match (set, background) {
                (Some((_, at)), _) => (field, at),
                (None, Some((_, at))) => ("colours.background", at),
                (None, None) => continue,
            };
            problems.push(ColourProblem {
                at,
                field,
                message: format!(
                    "the {what} colour {} on the background {} has a contrast of {:.2}:1; \
                     it must be at least {MIN_CONTRAST}:1",
                    fg.hex(),
                    bg.hex(),
                    (ratio * 100.0).floor() / 100.0
                ),
            });
        }
    }
    let colours = Colours {
        text: text.map(|t| t.0),
        background: background.map(|b| b.0),
        accent: accent.map(|a| a.0),
    };
    (colours, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_named_colours_are_read_and_others_refused() {
        assert_eq!(parse("#1d70b8"), Ok(Rgb(0x1d, 0x70, 0xb8)));
        assert_eq!(parse(" #FFF "), Ok(Rgb(255, 255, 255)));
        assert_eq!(parse("Navy"), Ok(Rgb(0, 0, 128)));
        assert_eq!(parse("#0b0c0cff"), Ok(Rgb(0x0b, 0x0c, 0x0c)));
        for bad in [
            "",
            "#12",
            "#ggg",
            "blurple",
            "1d70b8",
            "#1d70b8; x",
            "rgb(0,0,0)",
            "red blue",
            "#1d70b8 }",
            "url(x)",
        ] {
            assert!(
                matches!(parse(bad), Err(ColourError::NotAColour(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            parse("#00000080"),
            Err(ColourError::Transparent(_))
        ));
    }

    #[test]
    fn contrast_is_wcags() {
        let black = Rgb(0, 0, 0);
        let white = Rgb(255, 255, 255);
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1.
        let grey = contrast(Rgb(0x76, 0x76, 0x76), white);
        assert!((4.54..4.55).contains(&grey), "{grey}");
        assert!(contrast(DEFAULT_ACCENT, DEFAULT_BACKGROUND) >= MIN_CONTRAST);
    }
}
