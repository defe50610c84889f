//! MC106 csrf-literal
use super::{is_csrf_name, is_literal, pairs, short};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds anti-forgery tokens sent with their recorded value: parameters, body fields, cookies
/// and headers named like `csrf`, `xsrf`, `_token`, `nonce`, `authenticity_token`,
/// `__RequestVerificationToken`, `csrfmiddlewaretoken` or `X-CSRF-Token`, whose value is a
/// literal of 8+ characters.
///
/// ## Why it matters
/// CSRF tokens and nonces are issued per session (often per form) precisely so that a request
/// cannot be replayed. A recorded one is rejected (403/419, "invalid token"), and since many
/// frameworks answer with a redirect to the form, the failure can look like a 200. Extract the
/// token from the page or cookie that issues it.
pub struct CsrfLiteral;

static META: RuleMeta = RuleMeta {
    code: "MC106",
    name: "csrf-literal",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "a CSRF token or nonce is sent with its recorded value",
    why: "Anti-forgery tokens exist to reject replayed requests; a recorded token fails at replay, often behind a redirect that looks like success.",
    fix: None,
};

impl Rule for CsrfLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for p in pairs(ctx) {
            let v = p.value.trim();
            if !is_csrf_name(&p.name) || !is_literal(v) || v.len() < 8 || v.contains(' ') {
                continue;
            }
            let e = &ctx.elems[p.elem];
            out.push(Finding::at(
                &META,
                e,
                format!("{} sends the recorded token `{}`; extract it from the page or cookie that issues it", p.describe(), short(v)),
            ));
        }
    }
}
