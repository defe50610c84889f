//! MA104 assertion-on-transaction-controller
use std::collections::BTreeMap;

use super::{is_assertion, runs_in_place, ResponseCheck};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds assertions that check the response content and apply to a Transaction Controller
/// with "Generate parent sample" ticked: assertions that are children of the controller or of
/// anything above it (thread group, test plan). Assertions that look at the response code,
/// are negated ("Not"), or are scoped to sub-samples only are not reported; neither are
/// Duration and Size Assertions, which make sense for a whole transaction.
///
/// ## Why it matters
/// JMeter runs every assertion in a parent-mode Transaction Controller's scope on the
/// transaction's own sample as well as on each child. That sample has no body, headers or URL
/// of its own, so a text, JSON or XPath check fails on it every time ("Response was null"),
/// and every transaction is reported failed although all its requests passed. The author
/// meant the check for the child samples: move it under the sampler it is about, or set
/// "Apply to: Sub-samples only".
pub struct AssertionOnController;

static META: RuleMeta = RuleMeta {
    code: "MA104",
    name: "assertion-on-transaction-controller",
    family: Family::Assertions,
    severity: Severity::Error,
    summary: "a content assertion applies to a Transaction Controller's parent sample, which has no content",
    why: "A parent-mode transaction's own sample has no body, so content assertions in its scope fail on it every time and every transaction is reported failed.",
    fix: None,
};

/// Assertion classes that read the response body and fail when it is empty.
const BODY_ASSERTIONS: &[&str] = &[
    "JSONPathAssertion", "JSONAssertion", "JMESPathAssertion", "XPathAssertion", "XPath2Assertion", "XMLAssertion",
    "XMLSchemaAssertion", "MD5HexAssertion",
];

/// Whether the assertion fails on a sample without body, headers or URL.
fn fails_on_empty_sample(a: &Elem) -> bool {
    let scope = a.el.str_prop("Sample.scope").map(str::trim).unwrap_or("parent");
    if matches!(scope, "children" | "variable") {
        return false;
    }
    if let Some(c) = ResponseCheck::of(a) {
        return !c.negated() && c.field != "response_code";
    }
    let class = a.class();
    let short = class.rsplit('.').next().unwrap_or(class);
    let inverted = a.el.props.iter().any(|p| p.name.to_ascii_lowercase().contains("invert") && p.value.trim().eq_ignore_ascii_case("true"));
    BODY_ASSERTIONS.contains(&short) && !inverted
}

impl Rule for AssertionOnController {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // assertion → transaction controllers whose parent sample it breaks
        let mut hits: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for tc in ctx.active().filter(|e| e.class() == "TransactionController") {
            if tc.el.bool_prop("TransactionController.parent") != Some(true) {
                continue;
            }
            // Where the controller stands decides its scope only if it runs there (not as the
            // target of a Module Controller); its own children apply in any case.
            let owners: Vec<usize> =
                if runs_in_place(ctx, tc) { tc.ancestors.iter().copied().chain([tc.index]).collect() } else { vec![tc.index] };
            for a in ctx.active().filter(|a| is_assertion(a) && a.ancestors.last().is_some_and(|p| owners.contains(p))) {
                if fails_on_empty_sample(a) {
                    hits.entry(a.index).or_default().push(tc.index);
                }
            }
        }
        for (a, tcs) in hits {
            let a = &ctx.elems[a];
            let first = &ctx.elems[tcs[0]];
            let more = match tcs.len() {
                1 => String::new(),
                2 => " and 1 other".to_string(),
                n => format!(" and {} others", n - 1),
            };
            out.push(Finding::at(
                &META,
                a,
                format!(
                    "`{}` also runs on the parent sample of Transaction Controller `{}`{more}, which has no content: every transaction fails; move it under the sampler it checks or apply it to sub-samples only",
                    a.el.testname, first.el.testname
                ),
            ));
        }
    }
}
