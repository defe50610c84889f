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
    let selected: Vec<&dyn Rule> = rules::ALL.iter().copied().filter(|r| selection.includes(r.meta().code)).collect();
    // Rules only read the context: run them on every core, then merge (the order is fixed below).
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(selected.len().max(1));
    let mut findings: Vec<Finding> = std::thread::scope(|scope| {
        let ctx = &ctx;
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let mine: Vec<&dyn Rule> = selected.iter().copied().skip(w).step_by(workers).collect();
                scope.spawn(move || {
                    let mut out = vec![];
                    for rule in mine {
                        rule.check(ctx, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a rule panicked")).collect()
    });
    // Stable: one rule's findings at the same place keep the order the rule gave them.
    findings.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
    let score = score::score(&findings);
    Report { file: file.to_string(), score, findings }
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static dyn Rule> {
    rules::ALL.iter().copied().find(|r| r.meta().code == code)
}
