//! MC108 unused-extractor-variable
use std::collections::HashSet;

use super::extractors;
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds extractor variables that nothing reads: no `${name}` (or `${name_1}`,
/// `${name_matchNr}` …) in any enabled element, no `vars.get("name")` in a script or function,
/// and no element that names the variable in a field (a ForEach Controller's input, an
/// assertion applied to a JMeter variable).
///
/// ## Why it matters
/// Every extractor runs a regex, a JSON or an HTML parse on every response it applies to:
/// load-generator CPU spent for nothing. An unused extractor is also often a sign of a
/// correlation that was meant but never wired: the request still sends the recorded value.
pub struct UnusedExtractorVariable;

static META: RuleMeta = RuleMeta {
    code: "MC108",
    name: "unused-extractor-variable",
    family: Family::Correlation,
    severity: Severity::Info,
    summary: "an extractor's variable is never used",
    why: "Each extractor parses every response it applies to; an unused one costs load-generator CPU and often marks a correlation that was never wired up.",
    fix: Some("disable the extractor (unsafe: uses built from dynamic names are not seen)"),
};

/// Whether anything active reads variable `name`.
pub(crate) fn is_used(ctx: &Context, name: &str) -> bool {
    let prefix = format!("{name}_");
    if ctx.uses.iter().any(|u| ctx.elems[u.elem].active && (u.name == name || u.name.starts_with(&prefix))) {
        return true;
    }
    let definers: HashSet<usize> = ctx.defs.iter().filter(|d| d.name == name).map(|d| d.elem).collect();
    let quoted = [format!("\"{name}\""), format!("'{name}'"), format!("\"{prefix}"), format!("'{prefix}"), format!("__V({name}"), format!("({name},"), format!("({name})")];
    ctx.active().any(|e| {
        e.el.all_props().iter().any(|p| {
            let scripted = p.value.contains("vars.") || p.value.contains("${__") || p.name.to_ascii_lowercase().contains("script") || p.name.ends_with(".query");
            (scripted && quoted.iter().any(|q| p.value.contains(q.as_str()))) || (!definers.contains(&e.index) && p.value.trim() == name)
        })
    })
}

impl Rule for UnusedExtractorVariable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for x in extractors(ctx) {
            let names: Vec<&String> = x.names.iter().filter(|n| !n.is_empty()).collect();
            let unused: Vec<&String> = names.iter().copied().filter(|n| !is_used(ctx, n)).collect();
            if unused.is_empty() {
                continue;
            }
            let list = unused.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let mut f = Finding::at(&META, x.elem, format!("{} `{}` sets {list}, which nothing uses", x.kind, x.elem.el.testname));
            if unused.len() == names.len() {
                f = f.with_fix(Applicability::Unsafe, "disable the extractor", vec![ctx.disable(x.elem)]);
            }
            out.push(f);
        }
    }
}
