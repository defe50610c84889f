//! What a rule is, what it finds, and how it fixes.
use std::ops::Range;

use serde::Serialize;

use crate::context::{Context, Elem};

/// Rule families; each has its own sub-score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Correlation,
    Assertions,
    Config,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Correlation, Family::Assertions, Family::Config];
    pub fn name(self) -> &'static str {
        match self {
            Family::Correlation => "correlation",
            Family::Assertions => "assertions",
            Family::Config => "config",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// How safe a fix is to apply without looking (ruff's terms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Keeps the plan's meaning; applied by `--fix`.
    Safe,
    /// Changes behaviour the author may rely on; applied only with `--unsafe-fixes`.
    Unsafe,
    /// Shown as advice, never applied.
    DisplayOnly,
}

/// Replace `range` of the file with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Everything a rule declares about itself; `magpie rules` and docs/rules.md print it.
pub struct RuleMeta {
    /// `MC101`: M + family letter (C correlation, A assertions, K config) + number.
    pub code: &'static str,
    /// kebab-case name.
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters, for the docs.
    pub why: &'static str,
    /// What the fix does, if the rule has one.
    pub fix: Option<&'static str>,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context, out: &mut Vec<Finding>);
}

/// One problem at one element.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub message: String,
    /// `Test Plan › Users › Login › POST /login`
    pub path: String,
    /// The element's position in a depth-first walk of the tree (0 = the Test Plan), so a GUI
    /// can select the same node in JMeter's tree.
    pub element: usize,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding of `meta` at `elem`.
    pub fn at(meta: &'static RuleMeta, elem: &Elem, message: impl Into<String>) -> Finding {
        Finding {
            code: meta.code,
            rule: meta.name,
            family: meta.family,
            severity: meta.severity,
            message: message.into(),
            path: elem.path.clone(),
            element: elem.index,
            line: elem.line,
            column: elem.column,
            fix: None,
        }
    }

    pub fn with_fix(mut self, applicability: Applicability, description: impl Into<String>, edits: Vec<Edit>) -> Finding {
        self.fix = Some(Fix { applicability, description: description.into(), edits });
        self
    }
}
