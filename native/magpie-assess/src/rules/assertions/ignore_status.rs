//! MA103 ignore-status
use super::ResponseCheck;
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds Response Assertions with "Ignore Status" (`Assertion.assume_success`) ticked, unless
/// the assertion itself checks the response code or message for the status it expects (the
/// usual way to test for a deliberate 404 or 302).
///
/// ## Why it matters
/// "Ignore Status" marks the sample successful before the assertion runs, so a 4xx or 5xx
/// response passes as long as the text checked is found (an error page often contains the
/// page title or a menu). The failures a load test exists to find are hidden.
pub struct IgnoreStatus;

static META: RuleMeta = RuleMeta {
    code: "MA103",
    name: "ignore-status",
    family: Family::Assertions,
    severity: Severity::Warning,
    summary: "a Response Assertion has \"Ignore Status\" on, hiding HTTP errors",
    why: "Ignore Status turns 4xx/5xx responses into successes whenever the text check passes, hiding the errors the test should find.",
    fix: Some("untick \"Ignore Status\" (unsafe: samples with error codes fail again)"),
};

impl Rule for IgnoreStatus {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active() {
            let Some(check) = ResponseCheck::of(e) else { continue };
            let Some(prop) = e.el.prop("Assertion.assume_success").filter(|p| p.value.trim().eq_ignore_ascii_case("true")) else {
                continue;
            };
            // Expecting a given status is the legitimate use: the status is still checked.
            if check.status_only() && !check.negated() && check.strings.iter().any(|s| !s.trim().is_empty()) {
                continue;
            }
            let what = match check.field.as_str() {
                "response_data" | "response_data_as_document" => "the body check",
                "response_headers" => "the header check",
                "response_code" => "the negated code check",
                "request_headers" | "request_data" => "the request check",
                "sample_label" | "" => "the URL check",
                _ => "its check",
            };
            out.push(
                Finding::at(
                    &META,
                    e,
                    format!("`{}` ignores the status: a 4xx/5xx response passes whenever {what} passes", e.el.testname),
                )
                .with_fix(Applicability::Unsafe, "untick \"Ignore Status\"", vec![ctx.set_value(prop, "false")]),
            );
        }
    }
}
