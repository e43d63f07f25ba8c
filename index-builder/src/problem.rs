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
            self.file.display(),
            self.line,
            self.field,
            self.message
        )
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
