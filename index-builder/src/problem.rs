//! Problems found in the data: where (file, line, field), what, and how bad.
//!
//! Every check in the builder reports through [`Problems`], so `check` and `build` print the same
//! lines: `file:line: field: message`, with `warning: ` before the message of a warning.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: usize,
    pub field: String,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(
            f,
            "{}:{}: {}: {level}{}",
            OneLine(&self.file.display().to_string()),
            self.line,
            OneLine(&self.field),
            OneLine(&self.message)
        )
    }
}

/// Text with its newlines and other control characters escaped (`\n`, `\u{0}`), so a value
/// quoted in a message cannot split the line or start what looks like another error.
pub struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// The problems of a run, in the order found.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn error(&mut self, file: &Path, line: usize, field: &str, message: impl Into<String>) {
        self.push(file, line, field, message.into(), Severity::Error);
    }

    pub fn warning(&mut self, file: &Path, line: usize, field: &str, message: impl Into<String>) {
        self.push(file, line, field, message.into(), Severity::Warning);
    }

    fn push(&mut self, file: &Path, line: usize, field: &str, message: String, severity: Severity) {
        self.list.push(Problem {
            file: file.to_path_buf(),
            line,
            field: field.to_string(),
            message,
            severity,
        });
    }

    pub fn errors(&self) -> usize {
        self.list
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    /// Sorts by file, then line, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (&a.file, a.line, &a.field, &a.message).cmp(&(&b.file, b.line, &b.field, &b.message))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_one_line_whatever_its_value_holds() {
        let mut p = Problems::default();
        let value = "x\ndata/b.toml:9: name: looks like another error\0\r\u{1b}[31m";
        p.error(
            Path::new("data/a.toml"),
            3,
            "name",
            format!("\"{value}\" is wrong"),
        );
        let line = p.list[0].to_string();
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(!line.chars().any(char::is_control), "{line:?}");
        assert!(
            line.starts_with("data/a.toml:3: name: \"x\\ndata/b.toml:9:"),
            "{line}"
        );
        assert!(line.contains("\\u{0}\\r\\u{1b}[31m"), "{line}");
    }
}
