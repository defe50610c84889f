//! MC104 aspnet-state-literal
use super::{is_aspnet_state_name, is_literal, pairs, short};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds ASP.NET WebForms state fields (`__VIEWSTATE`, `__VIEWSTATEGENERATOR`,
/// `__EVENTVALIDATION`, `__PREVIOUSPAGE`) posted with the recorded value instead of a variable.
///
/// ## Why it matters
/// The server renders these hidden fields into every page and validates them on postback;
/// `__EVENTVALIDATION` in particular is tied to the page the user was shown. A recorded value
/// makes postbacks fail with "Invalid postback or callback argument" or silently act on stale
/// page state. Extract each field from the previous page (CSS Selector Extractor
/// `input#__VIEWSTATE`, attribute `value`) and post `${__VIEWSTATE}`.
pub struct AspNetStateLiteral;

static META: RuleMeta = RuleMeta {
    code: "MC104",
    name: "aspnet-state-literal",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "an ASP.NET `__VIEWSTATE`/`__EVENTVALIDATION` field is posted with its recorded value",
    why: "ASP.NET validates view state and event validation per rendered page; recorded values make postbacks fail or act on stale state.",
    fix: None,
};

impl Rule for AspNetStateLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for p in pairs(ctx) {
            // An empty `__VIEWSTATE` is the page having none; only recorded data is a problem.
            if !is_aspnet_state_name(&p.name) || !is_literal(&p.value) {
                continue;
            }
            let e = &ctx.elems[p.elem];
            out.push(Finding::at(
                &META,
                e,
                format!(
                    "{} posts the recorded value `{}`; extract it from the previous page (CSS `input#{}`, attribute `value`)",
                    p.describe(),
                    short(p.value.trim()),
                    p.name.trim()
                ),
            ));
        }
    }
}
