//! Council feeds write their descriptions in HTML (`<p>`, `&amp;`, `<img src="data:…">`); cards
//! show plain text. This turns HTML into clean text with a real HTML parser (html5ever, through
//! `scraper`), so entities, broken tags and comments are handled as a browser would. It runs in
//! the builder only: the widget never parses HTML.
//!
//! Rules: tags are removed and entities decoded; images, scripts, styles and `data:` URIs
//! (base64 pictures pasted into text) are dropped; paragraphs, headings, list items, table rows
//! and `<br>` become line breaks; runs of spaces become one space and blank lines are dropped.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Elements whose content is never text for a reader.
const SKIPPED: &[&str] = &[
    "img", "script", "style", "noscript", "iframe", "object", "svg", "video", "audio", "head",
    "template",
];

/// Elements that start and end a line of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
    "header",
    "footer",
    "address",
];

/// Does this text hold markup (a tag or an entity)? Plain text is left exactly as it is, so
/// our own exports come back unchanged.
pub fn looks_like_html(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'<' => b
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!'),
        b'&' => {
            let rest = &b[i + 1..];
            let name = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                .count();
            name > 0 && rest.get(name) == Some(&b';')
        }
        _ => false,
    }) || text.contains("data:image/")
}

/// Clean text from HTML, or the text itself (trimmed) when it holds no markup.
pub fn clean(text: &str) -> String {
    if !looks_like_html(text) {
        return text.trim().to_string();
    }
    let html = Html::parse_fragment(text);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => skipping += 1,
                Node::Element(e) if skipping == 0 && BLOCKS.contains(&e.name()) => {
                    out.push('\n');
                }
                Node::Text(t) if skipping == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => {
                    skipping = skipping.saturating_sub(1);
                }
                Node::Element(e) if skipping == 0 && BLOCKS.contains(&e.name()) => {
                    out.push('\n');
                }
                _ => {}
            },
        }
    }
    normalise(&out)
}

/// A `data:` URI or a long run of base64: never text for a reader.
fn is_embedded_data(word: &str) -> bool {
    word.contains("data:")
        || (word.len() > 80
            && word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')))
}

/// One space between words, one line break between lines, no blank lines, no embedded data.
pub fn normalise(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty() && !is_embedded_data(w))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The most characters of a summary: what a card shows in two or three lines.
pub const SUMMARY_MAX: usize = 200;

/// A card's summary: the first sentence of clean text, cut at a word to at most
/// [`SUMMARY_MAX`] characters (with "…" when cut).
pub fn summary(clean_text: &str) -> String {
    let first_line = clean_text.lines().next().unwrap_or("").trim();
    let mut sentence = first_line;
    for (i, c) in first_line.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let end = i + c.len_utf8();
            if first_line[end..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
            {
                sentence = &first_line[..end];
                break;
            }
        }
    }
    if sentence.chars().count() <= SUMMARY_MAX {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split(' ') {
        if cut.chars().count() + word.chars().count() + 2 > SUMMARY_MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    let cut = cut.trim_end_matches([',', ';', ':', ' ']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_entities_are_decoded() {
        assert_eq!(
            clean("<p>Struggling with Drug &amp; Alcohol Addiction?</p><p>We&nbsp;help.</p>"),
            "Struggling with Drug & Alcohol Addiction?\nWe help."
        );
        assert_eq!(clean("<ul><li>one</li><li>two</li></ul>"), "one\ntwo");
        assert_eq!(clean("a<br>b"), "a\nb");
        assert_eq!(clean("<p><br></p>"), "");
    }

    #[test]
    fn images_and_base64_are_dropped() {
        let b64 = "iVBORw0KGgo".repeat(20);
        let html = format!("<p>Hello <img src=\"data:image/png;base64,{b64}\"> there</p>");
        assert_eq!(clean(&html), "Hello there");
        assert_eq!(
            clean(&format!("See data:image/png;base64,{b64} here &amp; now")),
            "See here & now"
        );
    }

    #[test]
    fn plain_text_is_kept_as_it_is() {
        let t = "Children & Young People <3\n\nSecond paragraph.";
        assert!(!looks_like_html(t));
        assert_eq!(clean(t), t);
    }

    #[test]
    fn summaries_are_first_sentences_within_the_cap() {
        assert_eq!(summary("One thing. Two things."), "One thing.");
        assert_eq!(summary("Heading\nBody."), "Heading");
        let long = "word ".repeat(100);
        let s = summary(long.trim());
        assert!(s.chars().count() <= SUMMARY_MAX, "{s}");
        assert!(s.ends_with('…'));
    }
}
