//! The score: 100 minus a severity-weighted deduction per finding, where one rule can cost at
//! most three findings' worth (a plan with 200 unasserted samplers has one problem, not 200).
//! Errors weigh 10, warnings 4, infos 1. Each family gets the same formula on its own findings.
use std::collections::BTreeMap;

use serde::Serialize;

use crate::rule::{Family, Finding, Severity};

pub const WEIGHT_ERROR: u32 = 10;
pub const WEIGHT_WARNING: u32 = 4;
pub const WEIGHT_INFO: u32 = 1;
/// Findings of one rule beyond this many do not lower the score further.
pub const MAX_COUNTED_PER_RULE: usize = 3;

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub total: u32,
    pub families: BTreeMap<&'static str, u32>,
}

fn weight(s: Severity) -> u32 {
    match s {
        Severity::Error => WEIGHT_ERROR,
        Severity::Warning => WEIGHT_WARNING,
        Severity::Info => WEIGHT_INFO,
    }
}

fn of<'a>(findings: impl Iterator<Item = &'a Finding>) -> u32 {
    let mut per_rule: BTreeMap<&str, (u32, usize)> = BTreeMap::new();
    for f in findings {
        let e = per_rule.entry(f.code).or_insert((weight(f.severity), 0));
        e.1 += 1;
    }
    let deduction: u32 = per_rule.values().map(|(w, n)| w * (*n).min(MAX_COUNTED_PER_RULE) as u32).sum();
    100u32.saturating_sub(deduction)
}

pub fn score(findings: &[Finding]) -> Score {
    let families = Family::ALL.iter().map(|f| (f.name(), of(findings.iter().filter(|x| x.family == *f)))).collect();
    Score { total: of(findings.iter()), families }
}
