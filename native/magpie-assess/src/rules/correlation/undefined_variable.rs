//! MC101 undefined-variable
use std::collections::HashSet;

use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds `${name}` references to variables that nothing in the plan defines: no extractor,
/// User Defined Variables, CSV Data Set, counter, random variable or user parameter.
///
/// ## Why it matters
/// JMeter sends an undefined `${name}` literally. The server gets the text `${name}` instead of
/// a token, and the failure often looks like a plain 4xx far from its cause.
pub struct UndefinedVariable;

static META: RuleMeta = RuleMeta {
    code: "MC101",
    name: "undefined-variable",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "`${var}` is used but nothing in the plan defines it",
    why: "JMeter sends an undefined `${var}` literally, so the request carries the text `${var}` instead of the value.",
    fix: None,
};

/// Variables JMeter or common setups provide without a definition in the plan.
const BUILT_IN: &[&str] = &["JMeterThread.last_sample_ok", "JMeterThread.pack", "START.MS", "START.YMD", "START.HMS", "TESTSTART.MS", "__jm__"];

impl Rule for UndefinedVariable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let defined_by = |name: &str, active: bool| {
            ctx.defs.iter().find(|d| {
                ctx.elems[d.elem].active == active
                    // Extractors also define name_1, name_matchNr, name_g1 …
                    && (d.defines(name) || name.strip_prefix(d.name.as_str()).is_some_and(|rest| rest.starts_with('_')))
            })
        };
        let mut reported = HashSet::new();
        for u in &ctx.uses {
            let e = &ctx.elems[u.elem];
            let known = defined_by(&u.name, true).is_some()
                || BUILT_IN.iter().any(|b| u.name.starts_with(b))
                || u.name.starts_with("COOKIE_");
            if e.active && !known && reported.insert((u.elem, u.name.clone())) {
                let message = match defined_by(&u.name, false) {
                    Some(d) => format!(
                        "`${{{}}}` is used here but only defined by a disabled element ({})",
                        u.name, ctx.elems[d.elem].path
                    ),
                    None => format!("`${{{}}}` is used here but never defined", u.name),
                };
                out.push(Finding::at(&META, e, message));
            }
        }
    }
}
