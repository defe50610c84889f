//! MK102 debug-element
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled Debug Samplers and Debug PostProcessors.
///
/// ## Why it matters
/// They exist to inspect variables while a plan is written. Left on in a load test, a Debug
/// Sampler adds a sample per iteration to every report (throughput, averages, error rate) and
/// both copy every variable (and with the options set, every JMeter and system property) into
/// the results, which costs memory and can leak secrets into shared result files.
pub struct DebugElement;

static META: RuleMeta = RuleMeta {
    code: "MK102",
    name: "debug-element",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a Debug Sampler or Debug PostProcessor is enabled",
    why: "Debug elements add samples to the reports and copy all variables (and possibly properties) into the results: cost, noise and leaked secrets under load.",
    fix: Some("disable the debug element"),
};

impl Rule for DebugElement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active() {
            let kind = match e.class() {
                "DebugSampler" => "Debug Sampler",
                "DebugPostProcessor" => "Debug PostProcessor",
                _ => continue,
            };
            out.push(
                Finding::at(&META, e, format!("{kind} `{}` is enabled", e.el.testname))
                    .with_fix(Applicability::Safe, format!("disable the {kind}"), vec![ctx.disable(e)]),
            );
        }
    }
}
