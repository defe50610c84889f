//! MC102 hard-coded-session-id
use super::{is_literal, is_session_name, pairs, short, Place};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds session ids written into requests as literals: `;jsessionid=…` in a path,
/// `PHPSESSID=…`, `sid=…`, `sessionid=…` in a query, a parameter, a body or a literal `Cookie`
/// header, when the value is long enough to be an id the server issued (8+ characters).
///
/// ## Why it matters
/// A session id belongs to the session that was recorded. Replayed, every virtual user sends
/// the same, long-expired session: the server starts a new anonymous session per request or
/// rejects it, and the test measures the login page instead of the journey. Let the Cookie
/// Manager carry session cookies, or extract the id from the response that issues it.
pub struct HardCodedSessionId;

static META: RuleMeta = RuleMeta {
    code: "MC102",
    name: "hard-coded-session-id",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "a recorded session id is sent as a literal",
    why: "A recorded session id is dead at replay and shared by every virtual user; the server treats the requests as another, anonymous session.",
    fix: Some("remove `;jsessionid=…` from the path when a Cookie Manager applies to the sampler (unsafe)"),
};

impl Rule for HardCodedSessionId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for p in pairs(ctx) {
            let v = p.value.trim();
            if !is_session_name(&p.name) || !is_literal(v) || v.len() < 8 || !v.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let e = &ctx.elems[p.elem];
            let mut f = Finding::at(&META, e, format!("{} sends the recorded session id `{}`", p.describe(), short(v)));
            // `;jsessionid=…` is URL rewriting: with cookies the Cookie Manager carries the session.
            if p.place == Place::Matrix {
                let cookies = ctx.in_scope_of(e).any(|c| c.active && c.class() == "CookieManager");
                let name_start = p.start - p.name.len() - 1;
                if cookies && p.start >= p.name.len() + 2 && p.prop.value[..name_start].ends_with(';') {
                    if let Some(edit) = super::edit_in(ctx, p.prop, name_start - 1..p.start + p.value.len(), "") {
                        f = f.with_fix(Applicability::Unsafe, format!("remove `;{}=…` from the path (the Cookie Manager carries the session)", p.name), vec![edit]);
                    }
                }
            }
            out.push(f);
        }
    }
}
