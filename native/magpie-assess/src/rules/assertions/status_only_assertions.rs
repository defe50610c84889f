//! MA102 status-only-assertions
use std::collections::BTreeMap;

use super::{assertions_of, needs_assertion, ResponseCheck};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds samplers whose assertions all look only at the status line: Response Assertions on
/// the response code or message (and Duration Assertions, which look at no content at all).
/// Samplers that expect a redirect (3xx), `204 No Content`, or (with "Ignore Status") a given
/// error status are not reported: there is no body worth checking. Samplers sharing the same assertions are reported once, at the first.
///
/// ## Why it matters
/// Applications often answer errors, expired sessions and login pages with `200 OK`. An
/// assertion on the code alone passes them all; a check on the body (a text, a JSON path) is
/// what tells a real page from an error page.
pub struct StatusOnlyAssertions;

static META: RuleMeta = RuleMeta {
    code: "MA102",
    name: "status-only-assertions",
    family: Family::Assertions,
    severity: Severity::Warning,
    summary: "every assertion of a sampler checks only the response code",
    why: "Error pages and login pages are often served with 200 OK, so a response-code check passes them; check the body too.",
    fix: None,
};

/// A code that comes without a body worth checking: redirects and 204.
fn bodiless_code(s: &str) -> bool {
    let s = s.trim();
    s == "204" || s == "304" || (s.len() == 3 && s.starts_with('3') && s.chars().all(|c| c.is_ascii_digit()))
}

impl Rule for StatusOnlyAssertions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // assertion set → (first sampler, how many samplers)
        let mut groups: BTreeMap<Vec<usize>, (usize, usize)> = BTreeMap::new();
        for s in ctx.active().filter(|e| needs_assertion(e)) {
            let assertions = assertions_of(ctx, s);
            if assertions.is_empty() {
                continue;
            }
            let mut expects_no_body = false;
            let blind = assertions.iter().all(|a| match ResponseCheck::of(a) {
                Some(c) if c.status_only() => {
                    let positive = !c.negated() && !c.strings.is_empty();
                    // A redirect or 204 has no body; "Ignore Status" with a positive status
                    // check expects a given error, whose body does not matter.
                    if positive && ((c.field == "response_code" && c.strings.iter().all(|s| bodiless_code(s))) || a.el.bool_prop("Assertion.assume_success") == Some(true)) {
                        expects_no_body = true;
                    }
                    true
                }
                Some(_) => false,
                None => a.class() == "DurationAssertion",
            });
            if blind && !expects_no_body {
                let key: Vec<usize> = assertions.iter().map(|a| a.index).collect();
                groups.entry(key).or_insert((s.index, 0)).1 += 1;
            }
        }
        for (assertions, (first, count)) in groups {
            let s = &ctx.elems[first];
            let names: Vec<String> = assertions.iter().map(|&a| format!("`{}`", ctx.elems[a].el.testname)).collect();
            let others = match count {
                1 => String::new(),
                2 => " (and 1 other sampler)".to_string(),
                n => format!(" (and {} other samplers)", n - 1),
            };
            out.push(Finding::at(
                &META,
                s,
                format!(
                    "sampler `{}`{others} is checked only on its status ({}), not its content: a 200 error page passes",
                    s.el.testname,
                    names.join(", ")
                ),
            ));
        }
    }
}
