//! MK101 heavy-listener
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled View Results Tree, Aggregate Report, Graph Results, and other listeners that
/// keep every sample in memory or draw it, in a plan that has thread groups to run.
///
/// ## Why it matters
/// Under load these listeners eat memory and CPU on the load generator and distort the
/// results; JMeter's own best practices say to disable them for load tests and write a JTL
/// with `-l` instead.
pub struct HeavyListener;

static META: RuleMeta = RuleMeta {
    code: "MK101",
    name: "heavy-listener",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a GUI listener that keeps or draws every sample is enabled",
    why: "Results Tree, Aggregate Report and graph listeners slow the load generator and skew results under load; write a JTL with -l instead.",
    fix: Some("disable the listener (unsafe when it also writes a results file)"),
};

const HEAVY_GUIS: &[&str] = &[
    "ViewResultsFullVisualizer", "StatVisualizer", "GraphVisualizer", "TableVisualizer", "SplineVisualizer",
    "RespTimeGraphVisualizer", "AssertionVisualizer", "SummaryReport", "StatGraphVisualizer",
];

impl Rule for HeavyListener {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| e.class() == "ResultCollector") {
            let gui = e.el.guiclass.rsplit('.').next().unwrap_or("");
            if !HEAVY_GUIS.contains(&gui) {
                continue;
            }
            // Writing a file is behaviour someone may rely on: only an unsafe fix then.
            let writes_file = e.el.str_prop("filename").is_some_and(|f| !f.trim().is_empty());
            let applicability = if writes_file { Applicability::Unsafe } else { Applicability::Safe };
            out.push(
                Finding::at(&META, e, format!("listener `{}` ({gui}) is enabled", e.el.testname))
                    .with_fix(applicability, "disable the listener", vec![ctx.disable(e)]),
            );
        }
    }
}
