//! Findings about a vault: a file, maybe a line, a severity and a message.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a diagnostic is about, so that front ends can group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// The file could not be read, or was skipped.
    File,
    /// The frontmatter block is not valid YAML or not a mapping.
    Frontmatter,
    /// A frontmatter field has the wrong type; the rest of the block was kept.
    Field,
    UnresolvedLink,
    AmbiguousLink,
    DuplicateId,
    PrerequisiteCycle,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the vault root, with `/` separators.
    pub path: String,
    /// 1-based line, when the finding has one.
    pub line: Option<u32>,
    pub severity: Severity,
    pub kind: DiagnosticKind,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<String>,
        line: Option<u32>,
        severity: Severity,
        kind: DiagnosticKind,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity,
            kind,
            message: message.into(),
        }
    }

    /// Sort key giving a stable, readable order: by file, then line.
    pub fn sort_key(&self) -> (&str, u32, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line: severity: message`, the shape editors and CI jump to.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.path,
            self.line.unwrap_or(1),
            self.severity.as_str(),
            self.message
        )
    }
}

pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
