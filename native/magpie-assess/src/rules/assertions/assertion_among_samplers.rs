//! MA105 assertion-among-samplers
use super::{needs_assertion, ResponseCheck};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds Response Assertions that check the body for a text, placed after a sampler at the
/// same level of a controller or thread group rather than as that sampler's child, so that
/// they apply to every sampler of the controller. Negated checks ("Not contains Exception")
/// are meant for every sampler and are not reported.
///
/// ## Why it matters
/// JMeter applies an assertion to every sampler in its parent's scope, not to the sampler
/// just above it in the tree. A page-specific text placed between samplers is checked
/// against every other page too, and they all fail (or, with an OR list, pass vaguely).
pub struct AssertionAmongSamplers;

static META: RuleMeta = RuleMeta {
    code: "MA105",
    name: "assertion-among-samplers",
    family: Family::Assertions,
    severity: Severity::Warning,
    summary: "a body text assertion sits between samplers and applies to all of them",
    why: "An assertion applies to every sampler of its controller, not to the one above it, so a page-specific text is checked on every page.",
    fix: None,
};

impl Rule for AssertionAmongSamplers {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for a in ctx.active() {
            let Some(check) = ResponseCheck::of(a) else { continue };
            if !check.checks_body() || check.negated() || check.strings.iter().all(|s| s.trim().is_empty()) {
                continue;
            }
            let Some(parent) = ctx.parent(a).filter(|p| !p.is_sampler()) else { continue };
            let covered: Vec<_> = ctx.descendants(parent).filter(|d| d.active && needs_assertion(d)).collect();
            if covered.len() < 2 {
                continue;
            }
            // A sampler just before it at the same level: the author meant that one.
            let before = ctx.children(parent).take_while(|c| c.index != a.index).filter(|c| c.active).last();
            let Some(before) = before.filter(|b| b.is_sampler() && needs_assertion(b)) else { continue };
            out.push(Finding::at(
                &META,
                a,
                format!(
                    "`{}` follows sampler `{}` at the same level, so it checks all {} samplers under `{}`; make it a child of `{}` if it is about that page",
                    a.el.testname, before.el.testname, covered.len(), parent.el.testname, before.el.testname
                ),
            ));
        }
    }
}
