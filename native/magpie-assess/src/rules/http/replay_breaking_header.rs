//! MK204 replay-breaking-header
use super::{headers, in_scope, is_http_sampler, is_literal, whole_lines};
use crate::context::{Context, Elem};
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds recorded headers in HTTP Header Managers that break a replay: `Content-Length`
/// (JMeter computes it), a literal `Host`, the conditional `If-None-Match` /
/// `If-Modified-Since`, HTTP/2 pseudo-headers (`:authority`, `:path`…), and a `Cookie` header
/// where an HTTP Cookie Manager also applies.
///
/// ## Why it matters
/// A recorded `Content-Length` is wrong as soon as a body changes (a correlated token, a
/// different user) and the server waits for bytes that never come or cuts the body. A
/// recorded `Host` sends requests for the recorded site to whatever server the plan now
/// targets. Recorded validators turn every page into a `304 Not Modified` with no body, so
/// the test measures nothing. Pseudo-headers are not valid HTTP/1.1 headers. A recorded
/// `Cookie` header replays the recording's session next to the one the Cookie Manager keeps.
pub struct ReplayBreakingHeader;

static META: RuleMeta = RuleMeta {
    code: "MK204",
    name: "replay-breaking-header",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a Header Manager sends a recorded header that breaks replay (Content-Length, Host, If-None-Match, Cookie…)",
    why: "Recorded Content-Length, Host, conditional and Cookie headers are wrong for a replayed request: bodies get cut, requests go to the recorded site, pages come back 304, sessions mix.",
    fix: Some("remove the header from the Header Manager"),
};

/// Samplers a Header Manager applies to: its parent when that is a sampler, else every HTTP
/// sampler under its parent.
fn samplers_of<'c, 'a>(ctx: &'c Context<'a>, hm: &'c Elem<'a>) -> Vec<&'c Elem<'a>> {
    match ctx.parent(hm) {
        Some(p) if p.is_sampler() => vec![p],
        Some(p) => ctx.descendants(p).filter(|d| d.active && is_http_sampler(d)).collect(),
        None => vec![],
    }
}

impl Rule for ReplayBreakingHeader {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for hm in ctx.active().filter(|e| e.class() == "HeaderManager") {
            // A Cookie Manager that applies to a request this Header Manager applies to.
            let cookie_manager =
                samplers_of(ctx, hm).iter().any(|s| in_scope(ctx, s, |e| e.class() == "CookieManager").next().is_some());
            for h in headers(hm) {
                let name = h.name.to_ascii_lowercase();
                let (why, applicability) = match name.as_str() {
                    "content-length" => ("JMeter computes the body length; a recorded one is wrong as soon as the body changes", Applicability::Safe),
                    "if-none-match" | "if-modified-since" => {
                        ("a recorded cache validator makes the server answer 304 with no body; use an HTTP Cache Manager", Applicability::Safe)
                    }
                    "cookie" if cookie_manager => {
                        let how = if is_literal(&h.value) { Applicability::Safe } else { Applicability::Unsafe };
                        ("the Cookie Manager sends the session's cookies; this recorded header replays the recording's session", how)
                    }
                    "host" if is_literal(&h.value) => {
                        // Removing it is only certain to keep meaning when every sampler it
                        // applies to names the same host (or takes it from elsewhere).
                        let host = h.value.trim().split(':').next().unwrap_or("").to_ascii_lowercase();
                        let same = samplers_of(ctx, hm).iter().all(|s| {
                            let d = s.el.str_prop("HTTPSampler.domain").unwrap_or("").trim().to_ascii_lowercase();
                            d == host || !is_literal(&d)
                        });
                        let how = if same { Applicability::Safe } else { Applicability::Unsafe };
                        ("JMeter sets Host from the sampler's server; a recorded one sends requests for the recorded site", how)
                    }
                    n if n.starts_with(':') => ("an HTTP/2 pseudo-header recorded by the browser is not a valid HTTP/1.1 header", Applicability::Safe),
                    _ => continue,
                };
                out.push(
                    Finding::at(&META, hm, format!("`{}` sends a recorded `{}` header: {why}", hm.el.testname, h.name))
                        .with_fix(applicability, format!("remove the `{}` header", h.name), vec![crate::rule::Edit {
                            range: whole_lines(ctx, h.prop.span.clone()),
                            replacement: String::new(),
                        }]),
                );
            }
        }
    }
}
