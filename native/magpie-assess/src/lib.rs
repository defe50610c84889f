//! QA assessment of JMeter plans, modelled on ruff: one file per rule under `rules/`, one table
//! of rules (`rules::ALL`), findings with an element path and a file position, fixes as
//! byte-range edits marked safe / unsafe / display-only, and a 0–100 score.
pub mod context;
pub mod fix;
pub mod output;
pub mod rule;
pub mod rules;
pub mod score;

use magpie_core::jmx::doc::JmxDoc;
use serde::Serialize;

pub use context::{Context, KnownDynamic};
pub use rule::{Applicability, Edit, Family, Finding, Fix, Rule, RuleMeta, Severity};
pub use score::Score;

/// Which rules run: `select` (empty = all) then `ignore`; codes or code prefixes (`MC`, `MK1`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn includes(&self, code: &str) -> bool {
        let matches = |list: &[String]| list.iter().any(|p| code.starts_with(p.trim()));
        (self.select.is_empty() || matches(&self.select)) && !matches(&self.ignore)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub score: Score,
    pub findings: Vec<Finding>,
}

/// Runs the selected rules on a parsed plan. Findings come in file order, then by code.
pub fn assess(doc: &JmxDoc, file: &str, selection: &Selection) -> Report {
    assess_with(doc, file, selection, &[])
}

/// Like [`assess`], with the dynamic values a recording of the journey proves (`--har`).
pub fn assess_with(doc: &JmxDoc, file: &str, selection: &Selection, known: &[KnownDynamic]) -> Report {
    let ctx = Context::with_known(doc, known);
    let mut findings = vec![];
    for rule in rules::ALL.iter().filter(|r| selection.includes(r.meta().code)) {
        rule.check(&ctx, &mut findings);
    }
    findings.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    let score = score::score(&findings);
    Report { file: file.to_string(), score, findings }
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    rules::ALL.iter().copied().find(|r| r.meta().code == code)
}
