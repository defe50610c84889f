//! Assertion rules (MA…): samplers whose failures would go unnoticed.
//!
//! Shared here: what counts as an assertion (`is_assertion`), which samplers are worth
//! asserting (`needs_assertion`), and the active assertions that apply to a sampler
//! (`assertions_of`).
mod assertion_among_samplers;
mod assertion_on_controller;
mod ignore_status;
mod sampler_without_assertion;
mod status_only_assertions;

use crate::context::{Context, Elem};
use crate::rule::Rule;

pub static RULES: &[&dyn Rule] = &[
    &sampler_without_assertion::SamplerWithoutAssertion,
    &status_only_assertions::StatusOnlyAssertions,
    &ignore_status::IgnoreStatus,
    &assertion_on_controller::AssertionOnController,
    &assertion_among_samplers::AssertionAmongSamplers,
];

/// JMeter's assertions (and any plugin class whose name says so: `…JSONPathAssertion`,
/// `…AssertionListener` is not one).
pub(crate) fn is_assertion(e: &Elem) -> bool {
    let class = e.class();
    let short = class.rsplit('.').next().unwrap_or(class);
    short.ends_with("Assertion")
        || matches!(
            short,
            "ResponseAssertion" | "JSONPathAssertion" | "JSONAssertion" | "DurationAssertion" | "SizeAssertion"
                | "XPathAssertion" | "XPath2Assertion" | "HTMLAssertion" | "MD5HexAssertion" | "JSR223Assertion"
                | "BeanShellAssertion" | "BSFAssertion" | "CompareAssertion" | "SMIMEAssertion" | "XMLAssertion"
                | "XMLSchemaAssertion" | "JMESPathAssertion"
        )
}

/// Samplers whose result says something about the system under test. Flow Control Action,
/// Debug Sampler, script samplers (their script sets the result itself) and the jmeter-plugins
/// Dummy Sampler (its result is typed in) are not.
pub(crate) fn needs_assertion(e: &Elem) -> bool {
    let class = e.class();
    let short = class.rsplit('.').next().unwrap_or(class);
    e.is_sampler()
        && !matches!(short, "TestAction" | "DebugSampler" | "JSR223Sampler" | "BeanShellSampler" | "BSFSampler" | "DummySampler")
}

/// Active assertions that JMeter applies to sampler `s`: children of `s` and of its ancestors.
pub(crate) fn assertions_of<'c, 'a>(ctx: &'c Context<'a>, s: &'c Elem<'a>) -> Vec<&'c Elem<'a>> {
    ctx.in_scope_of(s).filter(|e| e.active && is_assertion(e)).collect()
}

/// Whether the element runs where it stands: enabled, under enabled ancestors, inside a thread
/// group. Elements that run only as the target of a Module Controller (a Test Fragment, a
/// disabled "library" thread group) also get the caller's scope, which their position does not
/// show, so rules about what is missing from a scope skip them.
pub(crate) fn runs_in_place(ctx: &Context, e: &Elem) -> bool {
    e.el.enabled
        && e.ancestors.iter().all(|&a| ctx.elems[a].el.enabled)
        && e.ancestors.iter().any(|&a| ctx.elems[a].class().contains("ThreadGroup"))
}

/// `Assertion.test_type` bits (ResponseAssertion).
pub(crate) const NOT: i64 = 4;

/// What a Response Assertion checks, as JMeter reads it.
pub(crate) struct ResponseCheck {
    /// `Assertion.test_field` without the `Assertion.` prefix: `response_data`, `response_code`, …
    pub field: String,
    pub test_type: i64,
    pub strings: Vec<String>,
    /// `Sample.scope`: `parent` (default), `children`, `all`, `variable`.
    pub scope: String,
}

impl ResponseCheck {
    pub(crate) fn of(e: &Elem) -> Option<ResponseCheck> {
        if e.class() != "ResponseAssertion" {
            return None;
        }
        let field = e.el.str_prop("Assertion.test_field").unwrap_or("").trim();
        let field = field.strip_prefix("Assertion.").unwrap_or(field).to_string();
        let test_type = e.el.str_prop("Assertion.test_type").and_then(|t| t.trim().parse().ok()).unwrap_or(2);
        let strings = e
            .el
            .prop("Asserion.test_strings")
            .map(|c| c.children.iter().map(|p| p.value.clone()).collect())
            .unwrap_or_default();
        let scope = e.el.str_prop("Sample.scope").map(str::trim).filter(|s| !s.is_empty()).unwrap_or("parent").to_string();
        Some(ResponseCheck { field, test_type, strings, scope })
    }
    pub(crate) fn negated(&self) -> bool {
        self.test_type & NOT != 0
    }
    /// Checks only the status line: response code or message.
    pub(crate) fn status_only(&self) -> bool {
        self.scope != "variable" && matches!(self.field.as_str(), "response_code" | "response_message")
    }
    /// Checks the response body (as text or as a document).
    pub(crate) fn checks_body(&self) -> bool {
        self.scope != "variable" && matches!(self.field.as_str(), "response_data" | "response_data_as_document")
    }
}
