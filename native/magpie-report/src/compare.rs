//! Two runs side by side, per label: what got slower, what fails more. A label regresses when its
//! p95 or p99 grows by more than the tolerance (relative) and by at least `min_delta_ms` (small
//! absolute noise on fast requests is not a regression), or its error percentage grows by more
//! than `error_points` percentage points.
use serde::Serialize;

use crate::stats::{LabelStats, Summary};

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Tolerance {
    /// Relative growth allowed for p95/p99, percent.
    pub percent: f64,
    pub min_delta_ms: u64,
    pub error_points: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance { percent: 10.0, min_delta_ms: 5, error_points: 1.0 }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Delta {
    pub label: String,
    pub base: Option<LabelStats>,
    pub new: Option<LabelStats>,
    /// Why this label regressed; empty when it did not.
    pub regressions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub base_file: String,
    pub new_file: String,
    pub tolerance: Tolerance,
    pub overall: Delta,
    pub labels: Vec<Delta>,
}

impl Comparison {
    pub fn regressed(&self) -> bool {
        !self.overall.regressions.is_empty() || self.labels.iter().any(|d| !d.regressions.is_empty())
    }
}

pub fn compare(base: &Summary, new: &Summary, tol: Tolerance) -> Comparison {
    let mut labels: Vec<Delta> = vec![];
    for b in &base.labels {
        let n = new.labels.iter().find(|n| n.label == b.label);
        labels.push(delta(Some(b), n, tol));
    }
    for n in new.labels.iter().filter(|n| !base.labels.iter().any(|b| b.label == n.label)) {
        labels.push(delta(None, Some(n), tol));
    }
    Comparison {
        base_file: base.file.clone(),
        new_file: new.file.clone(),
        tolerance: tol,
        overall: delta(Some(&base.overall), Some(&new.overall), tol),
        labels,
    }
}

fn delta(base: Option<&LabelStats>, new: Option<&LabelStats>, tol: Tolerance) -> Delta {
    let label = base.or(new).map(|s| s.label.clone()).unwrap_or_default();
    let mut regressions = vec![];
    if let (Some(b), Some(n)) = (base, new) {
        for (name, bv, nv) in [("p95", b.p95_ms, n.p95_ms), ("p99", b.p99_ms, n.p99_ms)] {
            let grew = nv.saturating_sub(bv);
            if grew >= tol.min_delta_ms && (grew as f64) > bv as f64 * tol.percent / 100.0 {
                regressions.push(format!("{name} {bv} → {nv} ms (+{:.0} %)", 100.0 * grew as f64 / (bv.max(1)) as f64));
            }
        }
        if n.error_pct - b.error_pct > tol.error_points {
            regressions.push(format!("errors {:.2} % → {:.2} %", b.error_pct, n.error_pct));
        }
    }
    Delta { label, base: base.cloned(), new: new.cloned(), regressions }
}
