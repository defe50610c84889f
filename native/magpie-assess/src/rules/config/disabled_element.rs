//! MK114 disabled-element
use super::{delete_element, is_listener, is_thread_group};
use crate::context::Elem;
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds disabled elements (the outermost one of a disabled branch), except listeners, thread
/// groups and the recorder, which are switched on and off as a matter of course (a results
/// view, a load profile, a recording session). A disabled branch that still runs as the
/// target of a Module Controller (a "library" thread group) is not reported.
///
/// ## Why it matters
/// Disabled samplers, extractors and controllers pile up in recorded plans: they make the plan
/// harder to read and review, and an old disabled extractor or assertion is easy to mistake
/// for a live one. Whether to delete it is the author's call, so the fix is only shown.
pub struct DisabledElement;

static META: RuleMeta = RuleMeta {
    code: "MK114",
    name: "disabled-element",
    family: Family::Config,
    severity: Severity::Info,
    summary: "a disabled element (not a listener) is left in the plan",
    why: "Disabled branches clutter the plan and are easy to mistake for live ones; delete what is no longer needed.",
    fix: None,
};

/// The recorder and the mirror server: tools switched on for a session, not part of the test.
fn is_tool(e: &Elem) -> bool {
    e.class().ends_with("ProxyControl") || e.class() == "HttpMirrorControl"
}

impl Rule for DisabledElement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in &ctx.elems {
            let outermost = !e.el.enabled && e.ancestors.iter().all(|&a| ctx.elems[a].el.enabled);
            if !outermost || is_listener(e) || is_thread_group(e) || is_tool(e) || e.active || ctx.descendants(e).any(|d| d.active) {
                continue;
            }
            let inside = ctx.descendants(e).count();
            let what = if inside > 0 { format!(" (with {inside} element(s) inside)") } else { String::new() };
            out.push(
                Finding::at(&META, e, format!("`{}` ({}) is disabled{what}", e.el.testname, e.class()))
                    .with_fix(Applicability::DisplayOnly, "delete it if it is no longer needed", vec![delete_element(ctx, e)]),
            );
        }
    }
}
