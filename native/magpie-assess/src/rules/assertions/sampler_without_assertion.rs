//! MA101 sampler-without-assertion
use super::{assertions_of, needs_assertion, runs_in_place};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled samplers that no assertion applies to: none is a child of the sampler, and
/// none is a child of a controller, thread group or test plan above it. Flow Control Action,
/// Debug Sampler, JSR223/BeanShell samplers and Dummy Sampler are not checked.
///
/// ## Why it matters
/// Without an assertion JMeter counts any response it receives as a success (an HTTP sampler
/// fails only on 4xx/5xx): an error page served with 200, a login form instead of the account
/// page, an empty JSON body all pass, and the run reports 0% errors for a broken journey.
pub struct SamplerWithoutAssertion;

static META: RuleMeta = RuleMeta {
    code: "MA101",
    name: "sampler-without-assertion",
    family: Family::Assertions,
    severity: Severity::Warning,
    summary: "a sampler has no assertion in scope",
    why: "Without an assertion any response counts as a success, so a 200 error page or a login form passes unnoticed.",
    fix: None,
};

impl Rule for SamplerWithoutAssertion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for s in ctx.active().filter(|e| needs_assertion(e) && runs_in_place(ctx, e)) {
            if assertions_of(ctx, s).is_empty() {
                out.push(Finding::at(&META, s, format!("sampler `{}` has no assertion in scope: any response it gets counts as a success", s.el.testname)));
            }
        }
    }
}
