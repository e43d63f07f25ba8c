//! Reading and checking the easy-read pictures: `data/pictograms.toml` says which open
//! pictogram shows each topic ([`Topic`]: a school, a doctor, a phone, …) and why, and
//! `data/pictograms/` holds those pictograms, copied from OpenMoji's black line set (CC BY-SA
//! 4.0). Editors own both, so every problem is reported as `file:line: field: message`, like the
//! records' problems.
//!
//! An SVG is data from outside that ends up in a family's page, so it is read with a real XML
//! parser and turned into nothing but SVG path data ([`Picture`]): each shape (a path, line,
//! polyline, polygon, rectangle, circle or ellipse; groups are flattened, their transforms and
//! paint carried down to their shapes) becomes a path, in absolute coordinates on the 72 × 72
//! grid with two decimals, filled or stroked (with its width) in the text's colour: black
//! becomes `currentColor`. Anything else (a style, a script, a link, another colour, text, an
//! image, a transform that skews or stretches) is refused with the file's name and line, never
//! dropped quietly: a picture that changed without anyone noticing would be worse than none.
//! Lines are drawn with round ends and joins, as nearly all of OpenMoji's are. The builder
//! writes the paths into the second file ([`local_offer_search::index::easy`]); the widget
//! sets them as the `d` of `<path>`s, and nothing else from the file reaches the page.

use crate::problem::Problems;
use local_offer_search::easyread::{Pictograms, Picture, Topic};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file's name, at the top of the data folder.
pub const FILE_NAME: &str = "pictograms.toml";
/// The folder of the pictograms' SVG files, beside it.
pub const FOLDER: &str = "pictograms";
/// The grid every pictogram is drawn on (OpenMoji's), which the widget's `viewBox` assumes.
pub const VIEW_BOX: &str = "0 0 72 72";
/// OpenMoji draws its lines 2 units wide, 1.3 px at the 48 px the widget shows a picture; they
/// are drawn a quarter wider, so they hold up beside text at easy read's larger size.
const LINE_WIDTH: f64 = 2.5;

/// One entry of the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// The topic's key ([`Topic::key`]).
    topic: String,
    /// The OpenMoji code: the file `pictograms/<code>.svg`.
    openmoji: String,
    /// The emoji itself, for a reader of the file (not used).
    #[serde(default)]
    #[allow(dead_code)]
    emoji: String,
    /// Why this picture shows the topic, in one line.
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    pictogram: Vec<Entry>,
}

/// Loads `dir/pictograms.toml` and the pictograms it names. A missing file is a warning: easy
/// read then shows no pictures. Every topic needs a picture, each picture once.
pub fn load(dir: &Path, problems: &mut Problems) -> Pictograms {
    let mut out = Pictograms::new();
    let file: PathBuf = dir.join(FILE_NAME);
    let Ok(text) = std::fs::read_to_string(&file) else {
        problems.warning(
            &file,
            0,
            "-",
            "no pictograms file: easy read will show no pictures",
        );
        return out;
    };
    let parsed: File = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_at(&text, s.start));
            problems.error(&file, line, "-", e.message().to_string());
            return out;
        }
    };
    let header_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[pictogram]]")
        .map(|(i, _)| i + 1)
        .collect();
    let mut used_files = Vec::new();
    for (n, entry) in parsed.pictogram.iter().enumerate() {
        let line = header_lines.get(n).copied().unwrap_or(1);
        let Some(topic) = Topic::parse(&entry.topic) else {
            let known: Vec<&str> = Topic::ALL.iter().map(|t| t.key()).collect();
            problems.error(
                &file,
                line,
                "topic",
                format!(
                    "unknown topic \"{}\"; expected one of {}",
                    entry.topic,
                    known.join(", ")
                ),
            );
            continue;
        };
        if out.contains_key(&topic) {
            problems.error(
                &file,
                line,
                "topic",
                format!("\"{}\" has a picture already", entry.topic),
            );
            continue;
        }
        if entry.reason.trim().is_empty() {
            problems.error(
                &file,
                line,
                "reason",
                "say in a line why this picture shows the topic",
            );
        }
        if entry.openmoji.is_empty()
            || !entry
                .openmoji
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b) || b == b'-')
        {
            problems.error(
                &file,
                line,
                "openmoji",
                format!(
                    "\"{}\" is not an OpenMoji code (upper-case hex joined by '-', as in 1F3EB)",
                    entry.openmoji
                ),
            );
            continue;
        }
        let svg_name = format!("{}.svg", entry.openmoji);
        let svg_path = dir.join(FOLDER).join(&svg_name);
        used_files.push(svg_name);
        let svg = match std::fs::read_to_string(&svg_path) {
            Ok(s) => s,
            Err(e) => {
                problems.error(
                    &file,
                    line,
                    "openmoji",
                    format!("cannot read {}: {e}", svg_path.display()),
                );
                continue;
            }
        };
        match picture(topic, &svg) {
            Ok(p) => {
                out.insert(topic, p);
            }
            Err(e) => problems.error(&svg_path, e.line, "svg", e.to_string()),
        }
    }
    for t in Topic::ALL {
        if !out.contains_key(&t) && !parsed.pictogram.iter().any(|e| e.topic == t.key()) {
            problems.error(&file, 1, "topic", format!("\"{}\" has no picture", t.key()));
        }
    }
    // A pictogram no entry names is dead weight in the repository.
    if let Ok(entries) = std::fs::read_dir(dir.join(FOLDER)) {
        let mut unused: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".svg") && !used_files.contains(n))
            .collect();
        unused.sort();
        for n in unused {
            problems.warning(
                &dir.join(FOLDER).join(&n),
                0,
                "-",
                format!("no topic in {FILE_NAME} uses this pictogram"),
            );
        }
    }
    out
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Why an SVG cannot be a picture, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgError {
    pub line: usize,
    pub kind: SvgErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SvgErrorKind {
    /// Not well-formed XML.
    Xml(String),
    /// The root is not an SVG `<svg>` element.
    NotSvg,
    /// The `viewBox` is not OpenMoji's grid.
    ViewBox(String),
    /// An element drawing does not allow (text, an image, a style, a script, a link, …).
    Element(String),
    /// An attribute drawing does not allow on that element.
    Attribute { element: String, name: String },
    /// A colour other than black (drawn in the text's colour) or none.
    Colour { name: String, value: String },
    /// A value that is not what the attribute takes (a number, a list of points, path data).
    Value { name: String, value: String },
    /// A transform other than moving, turning and scaling evenly.
    Transform(String),
    /// Text inside the drawing.
    Text,
    /// Nothing to draw.
    Empty,
}

impl fmt::Display for SvgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SvgErrorKind::Xml(e) => write!(f, "this is not well-formed XML: {e}"),
            SvgErrorKind::NotSvg => f.write_str("the file's root element is not an SVG <svg>"),
            SvgErrorKind::ViewBox(v) => write!(
                f,
                "viewBox \"{v}\" is not OpenMoji's \"{VIEW_BOX}\", which the widget draws on"
            ),
            SvgErrorKind::Element(e) => write!(
                f,
                "<{e}> is not allowed: a picture may only use <g>, {}",
                SHAPES.map(|s| format!("<{s}>")).join(", ")
            ),
            SvgErrorKind::Attribute { element, name } => {
                write!(f, "attribute {name} on <{element}> is not allowed")
            }
            SvgErrorKind::Colour { name, value } => write!(
                f,
                "{name}=\"{value}\": a picture is drawn in the text's colour, so its colours may only be black (#000) or none"
            ),
            SvgErrorKind::Value { name, value } => {
                write!(f, "{name}=\"{value}\" is not a value {name} takes")
            }
            SvgErrorKind::Transform(t) => write!(
                f,
                "transform \"{t}\" is not allowed: only translate, scale (the same both ways), rotate, or a matrix that does the same"
            ),
            SvgErrorKind::Text => f.write_str("a picture may not hold text"),
            SvgErrorKind::Empty => f.write_str("the picture draws nothing"),
        }
    }
}

impl std::error::Error for SvgError {}

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The shapes a picture may have.
const SHAPES: [&str; 7] = [
    "path", "circle", "line", "polyline", "polygon", "rect", "ellipse",
];

/// Attributes that only name or describe an element: read and dropped.
const DROPPED: &[&str] = &["id", "version"];

/// Presentation attributes: a group passes them down to its shapes. How lines end and join,
/// and the miter limit, are read and not kept: every line is drawn with round ends and joins.
const PAINT: &[&str] = &[
    "fill",
    "stroke",
    "stroke-width",
    "fill-rule",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
];

/// The geometry each shape takes.
fn geometry(element: &str) -> &'static [&'static str] {
    match element {
        "path" => &["d"],
        "circle" => &["cx", "cy", "r"],
        "ellipse" => &["cx", "cy", "rx", "ry"],
        "line" => &["x1", "y1", "x2", "y2"],
        "polyline" | "polygon" => &["points"],
        "rect" => &["x", "y", "width", "height", "rx", "ry"],
        _ => &[],
    }
}

/// A transform that moves, turns and scales evenly: `x' = a·x − b·y + e`, `y' = b·x + a·y + f`
/// (SVG's `matrix(a b −b a e f)`), so a circle stays a circle and an arc an arc.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Similarity {
    a: f64,
    b: f64,
    e: f64,
    f: f64,
}

impl Similarity {
    const IDENTITY: Similarity = Similarity {
        a: 1.0,
        b: 0.0,
        e: 0.0,
        f: 0.0,
    };

    /// `self` after `inner`: a shape transformed by `inner` first.
    fn then(self, inner: Similarity) -> Similarity {
        Similarity {
            a: self.a * inner.a - self.b * inner.b,
            b: self.b * inner.a + self.a * inner.b,
            e: self.a * inner.e - self.b * inner.f + self.e,
            f: self.b * inner.e + self.a * inner.f + self.f,
        }
    }

    fn point(self, x: f64, y: f64) -> (f64, f64) {
        (
            self.a * x - self.b * y + self.e,
            self.b * x + self.a * y + self.f,
        )
    }

    fn scale(self) -> f64 {
        self.a.hypot(self.b)
    }

    fn degrees(self) -> f64 {
        self.b.atan2(self.a).to_degrees()
    }

    /// Parses a `transform` list; `None` for anything but a similarity.
    fn parse(text: &str) -> Option<Similarity> {
        let mut out = Similarity::IDENTITY;
        let mut rest = text.trim();
        while !rest.is_empty() {
            let open = rest.find('(')?;
            let close = rest.find(')')?;
            let name = rest[..open].trim();
            let args: Vec<f64> = rest[open + 1..close]
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().ok())
                .collect::<Option<_>>()?;
            let t = match (name, args.as_slice()) {
                ("matrix", [a, b, c, d, e, f]) => {
                    let close = |x: f64, y: f64| (x - y).abs() <= 1e-6 * (1.0 + x.abs());
                    if !close(*a, *d) || !close(*b, -*c) || a * d - b * c <= 0.0 {
                        return None;
                    }
                    Similarity {
                        a: *a,
                        b: *b,
                        e: *e,
                        f: *f,
                    }
                }
                ("translate", [x]) => Similarity {
                    e: *x,
                    ..Similarity::IDENTITY
                },
                ("translate", [x, y]) => Similarity {
                    e: *x,
                    f: *y,
                    ..Similarity::IDENTITY
                },
                ("scale", [s]) if *s > 0.0 => Similarity {
                    a: *s,
                    ..Similarity::IDENTITY
                },
                ("scale", [x, y]) if *x > 0.0 && (x - y).abs() < 1e-9 => Similarity {
                    a: *x,
                    ..Similarity::IDENTITY
                },
                ("rotate", [deg]) => {
                    let r = deg.to_radians();
                    Similarity {
                        a: r.cos(),
                        b: r.sin(),
                        ..Similarity::IDENTITY
                    }
                }
                _ => return None,
            };
            out = out.then(t);
            rest = rest[close + 1..].trim_start_matches([',', ' ', '\t', '\n', '\r']);
        }
        Some(out)
    }
}

/// One segment of a path in absolute coordinates: `M`, `L`, `C`, `S`, `Q`, `T` with their
/// points, `A` with rx, ry, rotation, the two flags and the point, or `Z`.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    command: u8,
    values: Vec<f64>,
}

/// Reads SVG path data (relative or absolute, any separators SVG allows) into absolute
/// segments; `None` when it is not path data.
fn parse_path(d: &str) -> Option<Vec<Segment>> {
    let s = d.as_bytes();
    let mut i = 0;
    let skip = |i: &mut usize| {
        while *i < s.len() && (s[*i].is_ascii_whitespace() || s[*i] == b',') {
            *i += 1;
        }
    };
    let number = |i: &mut usize| -> Option<f64> {
        skip(i);
        let start = *i;
        if *i < s.len() && (s[*i] == b'+' || s[*i] == b'-') {
            *i += 1;
        }
        let mut digits = 0;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
            digits += 1;
        }
        if *i < s.len() && s[*i] == b'.' {
            *i += 1;
            while *i < s.len() && s[*i].is_ascii_digit() {
                *i += 1;
                digits += 1;
            }
        }
        if digits == 0 {
            *i = start;
            return None;
        }
        if *i < s.len() && (s[*i] == b'e' || s[*i] == b'E') {
            let mark = *i;
            *i += 1;
            if *i < s.len() && (s[*i] == b'+' || s[*i] == b'-') {
                *i += 1;
            }
            let exp = *i;
            while *i < s.len() && s[*i].is_ascii_digit() {
                *i += 1;
            }
            if *i == exp {
                *i = mark;
            }
        }
        d[start..*i].parse().ok()
    };
    let flag = |i: &mut usize| -> Option<f64> {
        skip(i);
        match s.get(*i) {
            Some(b'0') => {
                *i += 1;
                Some(0.0)
            }
            Some(b'1') => {
                *i += 1;
                Some(1.0)
            }
            _ => None,
        }
    };
    let mut out = Vec::new();
    let (mut cx, mut cy, mut sx, mut sy) = (0.0, 0.0, 0.0, 0.0);
    let mut command = 0u8;
    loop {
        skip(&mut i);
        if i >= s.len() {
            break;
        }
        if s[i].is_ascii_alphabetic() {
            command = s[i];
            i += 1;
        } else if command == 0 || command.eq_ignore_ascii_case(&b'z') {
            return None; // numbers before any command, or after Z
        }
        let relative = command.is_ascii_lowercase();
        let (ox, oy) = if relative { (cx, cy) } else { (0.0, 0.0) };
        let upper = command.to_ascii_uppercase();
        let pairs = |n: usize, i: &mut usize| -> Option<Vec<f64>> {
            let mut v = Vec::with_capacity(2 * n);
            for _ in 0..n {
                v.push(number(i)? + ox);
                v.push(number(i)? + oy);
            }
            Some(v)
        };
        let values = match upper {
            b'M' | b'L' | b'T' => pairs(1, &mut i)?,
            b'C' => pairs(3, &mut i)?,
            b'S' | b'Q' => pairs(2, &mut i)?,
            b'H' => vec![number(&mut i)? + ox, cy],
            b'V' => vec![cx, number(&mut i)? + oy],
            b'A' => {
                let (rx, ry, rot) = (number(&mut i)?, number(&mut i)?, number(&mut i)?);
                let (large, sweep) = (flag(&mut i)?, flag(&mut i)?);
                vec![
                    rx,
                    ry,
                    rot,
                    large,
                    sweep,
                    number(&mut i)? + ox,
                    number(&mut i)? + oy,
                ]
            }
            b'Z' => Vec::new(),
            _ => return None,
        };
        let (command_out, values) = match upper {
            b'H' | b'V' => (b'L', values),
            _ => (upper, values),
        };
        match upper {
            b'Z' => (cx, cy) = (sx, sy),
            _ => {
                let n = values.len();
                (cx, cy) = (values[n - 2], values[n - 1]);
            }
        }
        if upper == b'M' {
            (sx, sy) = (cx, cy);
            // Pairs after a moveto are linetos.
            command = if relative { b'l' } else { b'L' };
        }
        out.push(Segment {
            command: command_out,
            values,
        });
    }
    Some(out)
}

/// A shape's outline as absolute segments.
fn outline(element: &str, get: &dyn Fn(&str) -> Option<f64>, points: &[f64]) -> Vec<Segment> {
    let seg = |command: u8, values: Vec<f64>| Segment { command, values };
    let arc = |rx: f64, ry: f64, x: f64, y: f64| seg(b'A', vec![rx, ry, 0.0, 1.0, 1.0, x, y]);
    let n = |k: &str| get(k).unwrap_or(0.0);
    match element {
        "circle" | "ellipse" => {
            let (cx, cy) = (n("cx"), n("cy"));
            let (rx, ry) = match element {
                "circle" => (n("r"), n("r")),
                _ => (n("rx"), n("ry")),
            };
            vec![
                seg(b'M', vec![cx + rx, cy]),
                arc(rx, ry, cx - rx, cy),
                arc(rx, ry, cx + rx, cy),
                seg(b'Z', vec![]),
            ]
        }
        "line" => vec![
            seg(b'M', vec![n("x1"), n("y1")]),
            seg(b'L', vec![n("x2"), n("y2")]),
        ],
        "polyline" | "polygon" => {
            let mut out: Vec<Segment> = points
                .chunks(2)
                .enumerate()
                .map(|(k, p)| seg(if k == 0 { b'M' } else { b'L' }, p.to_vec()))
                .collect();
            if element == "polygon" {
                out.push(seg(b'Z', vec![]));
            }
            out
        }
        "rect" => {
            let (x, y, w, h) = (n("x"), n("y"), n("width"), n("height"));
            let (rx, ry) = match (get("rx"), get("ry")) {
                (Some(rx), Some(ry)) => (rx, ry),
                (Some(r), None) | (None, Some(r)) => (r, r),
                (None, None) => (0.0, 0.0),
            };
            let (rx, ry) = (rx.min(w / 2.0), ry.min(h / 2.0));
            let corner = |x: f64, y: f64| seg(b'A', vec![rx, ry, 0.0, 0.0, 1.0, x, y]);
            let mut out = vec![seg(b'M', vec![x + rx, y]), seg(b'L', vec![x + w - rx, y])];
            if rx > 0.0 && ry > 0.0 {
                out.push(corner(x + w, y + ry));
            }
            out.push(seg(b'L', vec![x + w, y + h - ry]));
            if rx > 0.0 && ry > 0.0 {
                out.push(corner(x + w - rx, y + h));
            }
            out.push(seg(b'L', vec![x + rx, y + h]));
            if rx > 0.0 && ry > 0.0 {
                out.push(corner(x, y + h - ry));
            }
            out.push(seg(b'L', vec![x, y + ry]));
            if rx > 0.0 && ry > 0.0 {
                out.push(corner(x + rx, y));
            }
            out.push(seg(b'Z', vec![]));
            out
        }
        _ => Vec::new(),
    }
}

/// Coordinates are kept to a tenth of a unit: a fifteenth of a pixel at the 48 px the widget
/// draws a picture, so nothing visible moves, and the second file stays small.
const STEPS: f64 = 10.0;

/// A value in tenths.
fn tenths(v: f64) -> i64 {
    (v * STEPS).round() as i64
}

/// A number of tenths as short as it goes: `5` is `.5`, `-15` is `-1.5`, `20` is `2`.
fn short_tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let (whole, tenth) = (t.abs() / 10, t.abs() % 10);
    match (whole, tenth) {
        (0, 0) => "0".to_string(),
        (0, d) => format!("{sign}.{d}"),
        (w, 0) => format!("{sign}{w}"),
        (w, d) => format!("{sign}{w}.{d}"),
    }
}

/// A number to a tenth, as short as it goes.
fn short(v: f64) -> String {
    short_tenths(tenths(v))
}

/// Writes `segments` transformed by `t` as path data: the first move absolute, then relative
/// commands (short numbers), `h`/`v` for lines that stay level or upright, coordinates to a
/// tenth (rounded where they are, so the error never adds up along a path), a space between
/// numbers unless a minus sign parts them.
fn path_data(segments: &[Segment], t: Similarity) -> String {
    let mut out = String::new();
    let push = |out: &mut String, n: String| {
        if !out.is_empty()
            && !out.ends_with(|c: char| c.is_ascii_alphabetic())
            && !n.starts_with('-')
        {
            out.push(' ');
        }
        out.push_str(&n);
    };
    let (mut cur, mut start) = ((0i64, 0i64), (0i64, 0i64));
    // The last command letter written: SVG repeats it for more numbers (but a move's
    // numbers after the first pair are lines).
    let mut last = 0u8;
    let mut letter = |out: &mut String, c: u8| {
        if c != last || c == b'M' || c == b'm' {
            out.push(c as char);
        }
        last = c;
    };
    for (k, s) in segments.iter().enumerate() {
        let points: Vec<(i64, i64)> = match s.command {
            b'A' => vec![t.point(s.values[5], s.values[6])],
            _ => s.values.chunks(2).map(|p| t.point(p[0], p[1])).collect(),
        }
        .into_iter()
        .map(|(x, y)| (tenths(x), tenths(y)))
        .collect();
        let absolute = k == 0;
        let command = if absolute {
            s.command
        } else {
            s.command.to_ascii_lowercase()
        };
        let from = if absolute { (0, 0) } else { cur };
        match (s.command, points.first()) {
            (b'L', Some(&(x, y))) if y == cur.1 && x != cur.0 => {
                letter(&mut out, b'h');
                push(&mut out, short_tenths(x - cur.0));
            }
            (b'L', Some(&(x, y))) if x == cur.0 && y != cur.1 => {
                letter(&mut out, b'v');
                push(&mut out, short_tenths(y - cur.1));
            }
            _ => {
                letter(&mut out, command);
                if s.command == b'A' {
                    let scale = t.scale();
                    push(&mut out, short(s.values[0] * scale));
                    push(&mut out, short(s.values[1] * scale));
                    push(
                        &mut out,
                        short((s.values[2] + t.degrees()).rem_euclid(360.0)),
                    );
                    push(&mut out, short(s.values[3]));
                    push(&mut out, short(s.values[4]));
                }
                for (x, y) in &points {
                    push(&mut out, short_tenths(x - from.0));
                    push(&mut out, short_tenths(y - from.1));
                }
            }
        }
        match (s.command, points.last()) {
            (b'Z', _) => cur = start,
            (_, Some(&p)) => cur = p,
            _ => {}
        }
        if s.command == b'M' {
            start = cur;
        }
    }
    out
}

/// What a group passes down: its paint and its transform.
#[derive(Clone)]
struct Inherited {
    paint: Vec<(&'static str, String)>,
    transform: Similarity,
}

/// Turns an SVG pictogram into the picture of `topic`: its shapes as paths, filled or stroked
/// in `currentColor`.
pub fn picture(topic: Topic, svg: &str) -> Result<Picture, SvgError> {
    let paths = paths(svg)?;
    Picture::from_paths(topic, &paths).ok_or(SvgError {
        line: 1,
        kind: SvgErrorKind::Empty,
    })
}

/// The paths of an SVG pictogram (see [`picture`]): (width, data), an empty width for a fill.
fn paths(svg: &str) -> Result<Vec<(String, String)>, SvgError> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| SvgError {
        line: e.pos().row as usize,
        kind: SvgErrorKind::Xml(e.to_string()),
    })?;
    let root = doc.root_element();
    let err = |n: roxmltree::Node<'_, '_>, kind| SvgError {
        line: doc.text_pos_at(n.range().start).row as usize,
        kind,
    };
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(err(root, SvgErrorKind::NotSvg));
    }
    for a in root.attributes() {
        match a.name() {
            "viewBox" if a.value() != VIEW_BOX => {
                return Err(err(root, SvgErrorKind::ViewBox(a.value().into())))
            }
            "viewBox" | "id" | "version" | "width" | "height" if a.namespace().is_none() => {}
            name => {
                return Err(err(
                    root,
                    SvgErrorKind::Attribute {
                        element: "svg".into(),
                        name: name.into(),
                    },
                ))
            }
        }
    }
    let mut out = Vec::new();
    let top = Inherited {
        paint: Vec::new(),
        transform: Similarity::IDENTITY,
    };
    walk(root, &top, &mut out, &|n, k| err(n, k))?;
    if out.is_empty() {
        return Err(err(root, SvgErrorKind::Empty));
    }
    Ok(out)
}

/// Collects the paths under `parent`, flattening groups.
fn walk<'a, 'i>(
    parent: roxmltree::Node<'a, 'i>,
    inherited: &Inherited,
    out: &mut Vec<(String, String)>,
    err: &dyn Fn(roxmltree::Node<'a, 'i>, SvgErrorKind) -> SvgError,
) -> Result<(), SvgError> {
    for n in parent.children() {
        if n.is_text() {
            if n.text().is_some_and(|t| !t.trim().is_empty()) {
                return Err(err(n, SvgErrorKind::Text));
            }
            continue;
        }
        if !n.is_element() {
            continue; // comments
        }
        let name = n.tag_name().name();
        if n.tag_name().namespace() != Some(SVG_NS) || !(name == "g" || SHAPES.contains(&name)) {
            return Err(err(n, SvgErrorKind::Element(name.into())));
        }
        let mut here = inherited.clone();
        let mut geometry_values: Vec<(&str, &str)> = Vec::new();
        for a in n.attributes() {
            let (key, value) = (a.name(), a.value().trim());
            let refuse = || {
                err(
                    n,
                    SvgErrorKind::Attribute {
                        element: name.into(),
                        name: key.into(),
                    },
                )
            };
            if a.namespace().is_some() {
                return Err(refuse());
            } else if key == "transform" {
                let t = Similarity::parse(value)
                    .ok_or_else(|| err(n, SvgErrorKind::Transform(value.into())))?;
                here.transform = here.transform.then(t);
            } else if let Some(k) = PAINT.iter().find(|k| **k == key) {
                let v = paint_value(k, value).ok_or_else(|| {
                    let kind = if *k == "fill" || *k == "stroke" {
                        SvgErrorKind::Colour {
                            name: key.into(),
                            value: value.into(),
                        }
                    } else {
                        SvgErrorKind::Value {
                            name: key.into(),
                            value: value.into(),
                        }
                    };
                    err(n, kind)
                })?;
                here.paint.retain(|(p, _)| p != k);
                here.paint.push((k, v));
            } else if geometry(name).contains(&key) {
                geometry_values.push((key, value));
            } else if !DROPPED.contains(&key) {
                return Err(refuse());
            }
        }
        if name == "g" {
            walk(n, &here, out, err)?;
            continue;
        }
        if let Some(c) = n.children().find(|c| c.is_element() || c.is_text()) {
            return Err(match c.is_element() {
                true => err(c, SvgErrorKind::Element(c.tag_name().name().into())),
                false => err(n, SvgErrorKind::Text),
            });
        }
        let bad_value = |key: &str, value: &str| {
            err(
                n,
                SvgErrorKind::Value {
                    name: key.into(),
                    value: value.into(),
                },
            )
        };
        let mut numbers = Vec::new();
        let mut points = Vec::new();
        let mut segments = None;
        for (key, value) in &geometry_values {
            match *key {
                "d" => {
                    segments = Some(parse_path(value).ok_or_else(|| bad_value(key, value))?);
                }
                "points" => {
                    points = value
                        .split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(|s| s.parse::<f64>().ok().filter(|v| v.is_finite()))
                        .collect::<Option<Vec<_>>>()
                        .filter(|p| p.len() % 2 == 0)
                        .ok_or_else(|| bad_value(key, value))?;
                }
                _ => numbers.push((
                    *key,
                    value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| bad_value(key, value))?,
                )),
            }
        }
        let get = |k: &str| numbers.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let segments = segments.unwrap_or_else(|| outline(name, &get, &points));
        let d = path_data(&segments, here.transform);
        if d.is_empty() {
            continue;
        }
        let paint = |k: &str| {
            here.paint
                .iter()
                .find(|(p, _)| *p == k)
                .map(|(_, v)| v.as_str())
        };
        // What no shape or group says is SVG's default: a black fill, no stroke, width 1. A
        // line has nothing to fill.
        if name != "line" && paint("fill").unwrap_or("currentColor") != "none" {
            if paint("fill-rule").is_some_and(|r| r != "nonzero") {
                return Err(bad_value(
                    "fill-rule",
                    paint("fill-rule").unwrap_or_default(),
                ));
            }
            out.push((String::new(), d.clone()));
        }
        if paint("stroke").unwrap_or("none") != "none" {
            let width = paint("stroke-width")
                .and_then(|w| w.parse::<f64>().ok())
                .unwrap_or(1.0)
                * here.transform.scale();
            let width = if (1.5..=2.5).contains(&width) {
                LINE_WIDTH
            } else {
                width
            };
            out.push((short(width), d));
        }
        // A shape drawn twice the same way (OpenMoji has some) is drawn once.
        let mut seen = std::collections::HashSet::new();
        out.retain(|p| seen.insert(p.clone()));
    }
    Ok(())
}

/// A presentation attribute's value as drawn (black becomes `currentColor`); `None` for one
/// that is not allowed.
fn paint_value(name: &str, value: &str) -> Option<String> {
    match name {
        "fill" | "stroke" => match value.to_ascii_lowercase().as_str() {
            "none" => Some("none".into()),
            "#000" | "#000000" | "black" | "currentcolor" => Some("currentColor".into()),
            _ => None,
        },
        "stroke-width" | "stroke-miterlimit" => value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(|_| value.to_string()),
        "fill-rule" => matches!(value, "nonzero" | "evenodd").then(|| value.to_string()),
        "stroke-linecap" => matches!(value, "butt" | "round" | "square").then(|| value.to_string()),
        "stroke-linejoin" => matches!(value, "miter" | "round" | "bevel" | "arcs" | "miter-clip")
            .then(|| value.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> String {
        format!(
            "<svg id=\"emoji\" viewBox=\"0 0 72 72\" xmlns=\"http://www.w3.org/2000/svg\">\n{body}\n</svg>"
        )
    }

    fn drawn(body: &str) -> Vec<(String, String)> {
        paths(&svg(body)).expect(body)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(w, d)| (w.to_string(), d.to_string()))
            .collect()
    }

    #[test]
    fn shapes_become_paths_filled_or_stroked_in_the_text_colour() {
        let p = drawn(
            r##"<g id="line" transform="translate(2 3)" stroke="#000" stroke-width="2">
                <path d="m1 2h3" fill="none" stroke-linecap="round"/>
                <circle cx="5" cy="6" r="1" stroke="none"/>
              </g>
              <g id="color"/>
              <!-- a comment -->
              <rect x="1" y="2" width="3" height="4" fill="#000000"/>
              <line x1="0" y1="0" x2="10" y2="10.456" stroke="black" stroke-width="4"/>
              <polygon points="1,1 5,1 5,5" fill="none" stroke="#000"/>"##,
        );
        assert_eq!(
            p,
            pairs(&[
                ("2.5", "M3 5h3"),
                ("", "M8 9a1 1 0 1 1-2 0 1 1 0 1 1 2 0z"),
                ("", "M1 2h3v4h-3v-4z"),
                ("4", "M0 0l10 10.5"),
                ("1", "M1 1h4v4z"),
            ]),
            "a 2-unit line is drawn 2.5 wide; SVG's default fill is black, the text colour, \
             but a line has nothing to fill; the default width is 1"
        );
    }

    #[test]
    fn relative_and_compact_path_data_reads_the_same_as_absolute() {
        let rel =
            parse_path("m10,20l5-5h-2v.5c1 1 2 2 3 3s1 1 2 2a2,2,0,1,1-2-2z").expect("path data");
        let abs = parse_path(
            "M10 20L15 15H13V15.5C14 16.5 15 17.5 16 18.5S17 19.5 18 20.5A2 2 0 1 1 16 18.5Z",
        )
        .expect("path data");
        assert_eq!(rel, abs);
        // Arc flags may touch the next number; numbers may touch each other.
        assert_eq!(
            parse_path("M0 0a2 2 0 0110 10").expect("compact flags"),
            parse_path("M0 0A2 2 0 0 1 10 10").expect("spaced")
        );
        assert_eq!(
            parse_path("M.5.5L1e1-1").expect("compact numbers"),
            parse_path("M0.5 0.5L10 -1").expect("spaced")
        );
        for bad in [
            "10 10",
            "M0 0 Q",
            "M0 0 X1 1",
            "M0 0a2 2 0 2 1 3 3",
            "M0 0Z 1 1",
            "M1",
        ] {
            assert_eq!(parse_path(bad), None, "{bad}");
        }
        // After a moveto, pairs are linetos, relative if it was.
        assert_eq!(
            path_data(&parse_path("m1 1 2 2").expect("path"), Similarity::IDENTITY),
            "M1 1l2 2"
        );
        // Written relative, rounded where each point is: the error never adds up.
        let long: String = std::iter::once("m10.04 10.04".to_string())
            .chain((0..200).map(|_| "l.14.14".to_string()))
            .collect();
        let back = parse_path(&path_data(
            &parse_path(&long).expect("path"),
            Similarity::IDENTITY,
        ))
        .expect("its own output reads back");
        let end = &back.last().expect("segments").values;
        assert!(
            (end[0] - 38.04).abs() < 0.051 && (end[1] - 38.04).abs() < 0.051,
            "{end:?}"
        );
    }

    #[test]
    fn transforms_move_turn_and_scale_the_drawing() {
        let t = Similarity::parse(
            "matrix(1.09,0,0,1.09,-3.216,-3.216) matrix(.9174 0 0 .9174 2.95 2.95)",
        )
        .expect("a similarity");
        let (x, y) = t.point(36.0, 36.0);
        assert!(
            (x - 36.0).abs() < 0.01 && (y - 36.0).abs() < 0.01,
            "{x} {y}"
        );
        assert!((t.scale() - 1.0).abs() < 0.001);
        let turned = Similarity::parse("rotate(90)").expect("a turn");
        assert_eq!(
            path_data(&parse_path("M1 0A1 2 0 0 1 0 1").expect("path"), turned),
            "M0 1a1 2 90 0 1-1-1"
        );
        assert_eq!(
            drawn(
                r##"<g transform="scale(2) translate(1 0)"><path d="M0 0h1" stroke="#000" stroke-width="1"/></g>"##
            ),
            pairs(&[("", "M2 0h2"), ("2.5", "M2 0h2")]),
            "filled (SVG's default fill), then stroked, twice as wide"
        );
        for bad in [
            "skewX(10)",
            "scale(1 2)",
            "matrix(1 0 0 2 0 0)",
            "matrix(-1 0 0 1 0 0)",
            "scale(-1)",
            "translate(1",
            "url(#a)",
        ] {
            assert_eq!(Similarity::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn anything_but_plain_drawing_is_refused_with_its_line() {
        let refused = |body: &str| -> SvgError { paths(&svg(body)).expect_err(body) };
        let e = refused("<g>\n<script>alert(1)</script></g>");
        assert_eq!(e.kind, SvgErrorKind::Element("script".into()));
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("<script> is not allowed"), "{e}");
        assert_eq!(
            refused(r#"<image href="https://example.org/x.png"/>"#).kind,
            SvgErrorKind::Element("image".into())
        );
        assert_eq!(
            refused(r##"<use href="#a"/>"##).kind,
            SvgErrorKind::Element("use".into())
        );
        assert_eq!(
            refused("<text>Hi</text>").kind,
            SvgErrorKind::Element("text".into())
        );
        assert_eq!(
            refused(r#"<path d="M0 0" style="fill:red"/>"#).kind,
            SvgErrorKind::Attribute {
                element: "path".into(),
                name: "style".into()
            }
        );
        assert_eq!(
            refused(r#"<path d="M0 0" onclick="x()"/>"#).kind,
            SvgErrorKind::Attribute {
                element: "path".into(),
                name: "onclick".into()
            }
        );
        assert_eq!(
            refused(r#"<circle cx="1" cy="1" r="1" d="M0 0"/>"#).kind,
            SvgErrorKind::Attribute {
                element: "circle".into(),
                name: "d".into()
            },
            "geometry of another shape"
        );
        assert_eq!(
            refused(r##"<path d="M0 0" fill="url(#grad)"/>"##).kind,
            SvgErrorKind::Colour {
                name: "fill".into(),
                value: "url(#grad)".into()
            }
        );
        assert_eq!(
            refused(r##"<g stroke="#EA5A47"><path d="M0 0"/></g>"##).kind,
            SvgErrorKind::Colour {
                name: "stroke".into(),
                value: "#EA5A47".into()
            }
        );
        assert_eq!(
            refused(r#"<path d="javascript:alert(1)"/>"#).kind,
            SvgErrorKind::Value {
                name: "d".into(),
                value: "javascript:alert(1)".into()
            }
        );
        assert_eq!(
            refused(r#"<circle cx="1" cy="x" r="1"/>"#).kind,
            SvgErrorKind::Value {
                name: "cy".into(),
                value: "x".into()
            }
        );
        assert_eq!(
            refused(r#"<path d="M0 0h1" fill-rule="evenodd"/>"#).kind,
            SvgErrorKind::Value {
                name: "fill-rule".into(),
                value: "evenodd".into()
            },
            "a fill rule the widget does not draw"
        );
        assert_eq!(
            refused(r#"<path d="M0 0h1" transform="skewX(30)"/>"#).kind,
            SvgErrorKind::Transform("skewX(30)".into())
        );
        assert_eq!(
            refused(r##"<path xmlns:x="http://www.w3.org/1999/xlink" x:href="#a" d="M0 0"/>"##)
                .kind,
            SvgErrorKind::Attribute {
                element: "path".into(),
                name: "href".into()
            }
        );
        assert_eq!(refused("stray text").kind, SvgErrorKind::Text);
        assert_eq!(refused("<g id=\"line\"/>").kind, SvgErrorKind::Empty);
        let e = paths(
            "<svg viewBox=\"0 0 48 48\" xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0\"/></svg>",
        )
        .expect_err("another grid");
        assert_eq!(e.kind, SvgErrorKind::ViewBox("0 0 48 48".into()));
        let e = paths("<svg><path d=\"M0 0\"/></svg>").expect_err("no namespace");
        assert_eq!(e.kind, SvgErrorKind::NotSvg);
        let e = paths("<svg xmlns=\"http://www.w3.org/2000/svg\">").expect_err("cut");
        assert!(matches!(e.kind, SvgErrorKind::Xml(_)), "{e}");
        let e =
            paths("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                .expect_err("a DTD");
        assert!(matches!(e.kind, SvgErrorKind::Xml(_)), "{e}");
    }

    #[test]
    fn the_repositorys_pictograms_all_load() {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
        let mut problems = Problems::default();
        let pictures = load(&data, &mut problems);
        assert!(problems.list.is_empty(), "{:?}", problems.list);
        assert_eq!(
            pictures.len(),
            Topic::ALL.len(),
            "every topic has a picture"
        );
        for p in pictures.values() {
            assert!(p.paths().count() > 0, "{}", p.topic());
            for (width, d) in p.paths() {
                assert!(parse_path(d).is_some(), "{}: {d}", p.topic());
                assert!(width.is_empty() || width.parse::<f64>().is_ok(), "{width}");
            }
        }
    }

    #[test]
    fn file_problems_name_their_line() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(dir.path().join(FOLDER)).expect("the pictograms folder");
        for name in ["1F4DE.svg", "2709.svg"] {
            std::fs::write(
                dir.path().join(FOLDER).join(name),
                svg(r#"<path d="M0 0h9"/>"#),
            )
            .expect("a pictogram");
        }
        std::fs::write(
            dir.path().join(FILE_NAME),
            "[[pictogram]]\ntopic = \"phone\"\nopenmoji = \"1F4DE\"\nreason = \"A phone.\"\n\n\
             [[pictogram]]\ntopic = \"rocket\"\nopenmoji = \"1F680\"\nreason = \"No.\"\n\n\
             [[pictogram]]\ntopic = \"phone\"\nopenmoji = \"1F4DE\"\nreason = \"Twice.\"\n",
        )
        .expect("the file");
        let mut problems = Problems::default();
        let pictures = load(dir.path(), &mut problems);
        assert_eq!(pictures.len(), 1);
        let lines: Vec<String> = problems.list.iter().map(|p| p.to_string()).collect();
        let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
        assert!(
            has("pictograms.toml:6: topic: unknown topic \"rocket\""),
            "{lines:?}"
        );
        assert!(
            has("pictograms.toml:11: topic: \"phone\" has a picture already"),
            "{lines:?}"
        );
        assert!(has("topic: \"school\" has no picture"), "{lines:?}");
        assert!(has("2709.svg:0: -: warning: no topic"), "{lines:?}");
    }
}
