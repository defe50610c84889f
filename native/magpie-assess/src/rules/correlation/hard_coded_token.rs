//! MC103 hard-coded-token
use super::{is_aspnet_state_name, is_csrf_name, is_literal, is_session_name, is_token_name, is_uuid, looks_random, pairs, short, Place};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds long random-looking literals (16+ characters of letters and digits mixed, hex or
/// base64-like) sent as request parameters, body fields, headers or path segments. A name like
/// `token`, `state`, `code`, `auth`, `key`, `signature` or `ticket` is enough evidence; under any
/// other name the value must look random at 24+ characters. UUIDs count only under such a name,
/// and path segments only after a segment named like that (`/reset/<token>`), so static asset
/// hashes (`app.3f9a1b.js`) and product ids are left alone. Session ids, ASP.NET state, bearer
/// tokens and CSRF tokens have their own rules (MC102, MC104, MC105, MC106).
///
/// ## Why it matters
/// A value the server generated for the recorded session (an OAuth `code` or `state`, a
/// signed URL, a one-time ticket) is invalid at replay. The request fails, or worse, succeeds
/// against a cached or shared resource, so the test measures something else than a real user.
pub struct HardCodedToken;

static META: RuleMeta = RuleMeta {
    code: "MC103",
    name: "hard-coded-token",
    family: Family::Correlation,
    severity: Severity::Warning,
    summary: "a long random-looking token is sent as a literal; it likely needs correlation",
    why: "Server-issued tokens (OAuth code/state, signatures, tickets) expire and belong to the recorded session; replayed literally they fail or test the wrong thing.",
    fix: None,
};

/// Names whose values are static by design.
fn is_static_name(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    matches!(n.as_str(), "v" | "ver" | "version" | "user-agent" | "accept" | "accept-language" | "accept-encoding" | "content-type" | "referer" | "origin" | "host")
        || n.starts_with("sec-")
}

impl Rule for HardCodedToken {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for p in pairs(ctx) {
            if is_session_name(&p.name) || is_csrf_name(&p.name) || is_aspnet_state_name(&p.name) || is_static_name(&p.name) {
                continue;
            }
            let mut value = p.value.trim();
            if p.place == Place::Header {
                let lower = value.to_ascii_lowercase();
                // Bearer tokens are MC105; Basic credentials are configuration, not correlation.
                if lower.starts_with("bearer ") || lower.starts_with("basic ") {
                    continue;
                }
                // `Token abc…`, `SharedKey acct:sig…`: the credential is the last word.
                value = value.rsplit(' ').next().unwrap_or(value);
            }
            if !is_literal(value) {
                continue;
            }
            let named = is_token_name(&p.name);
            let suspicious = if named {
                looks_random(value, 16) || is_uuid(value)
            } else {
                p.place != Place::PathSegment && looks_random(value, 24) && !is_uuid(value)
            };
            if suspicious {
                let e = &ctx.elems[p.elem];
                out.push(Finding::at(
                    &META,
                    e,
                    format!("{} sends the literal `{}`; extract it from the response that issues it (or, if it is configuration, use a variable)", p.describe(), short(value)),
                ));
            }
        }
    }
}
