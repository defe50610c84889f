//! MC113 recorded-dynamic-literal
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// With a recording of the journey (`magpie assess plan.jmx --har rec.har`), finds values the
/// correlation engine proved the server issued (a CSRF token in a meta tag, an id in a JSON
/// response, a code in a redirect) that the plan still sends literally.
///
/// ## Why it matters
/// Heuristics guess from the look of a value; the recording knows. A server-issued value sent
/// as recorded is rejected as soon as the session is a new one, which is every replay.
pub struct RecordedDynamicLiteral;

static META: RuleMeta = RuleMeta {
    code: "MC113",
    name: "recorded-dynamic-literal",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "a value the recording proves server-issued is sent literally (needs --har)",
    why: "The recording shows the server issued this value; sent as recorded it is stale in every new session. Extract it where it is issued and use the variable.",
    fix: None,
};

impl Rule for RecordedDynamicLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if ctx.known_dynamic.is_empty() {
            return;
        }
        for e in ctx.active().filter(|e| e.is_sampler() || e.class() == "HeaderManager") {
            let props = e.el.all_props();
            for k in ctx.known_dynamic {
                if props.iter().any(|p| p.children.is_empty() && p.value.contains(&k.value)) {
                    let shown: String = k.value.chars().take(24).collect();
                    let ellipsis = if k.value.chars().count() > 24 { "…" } else { "" };
                    out.push(Finding::at(
                        &META,
                        e,
                        format!(
                            "sends the recorded `{shown}{ellipsis}`, which the server issued ({}); extract it as `${{{}}}`",
                            k.origin, k.variable
                        ),
                    ));
                }
            }
        }
    }
}
