//! MK206 embedded-resources-sequential
use super::{in_scope, is_http_defaults, is_http_sampler, set_or_add_bool};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds HTTP samplers and HTTP Request Defaults that "Retrieve All Embedded Resources"
/// (`HTTPSampler.image_parser`) without "Parallel downloads" (`HTTPSampler.concurrentDwn`),
/// neither on the element nor on an HTTP Request Defaults in scope.
///
/// ## Why it matters
/// Without parallel downloads JMeter fetches a page's images, scripts and style sheets one
/// after another on one connection. Browsers use about six connections per host, so the
/// page times are far longer than users see and the server sees a different pattern.
pub struct EmbeddedResourcesSequential;

static META: RuleMeta = RuleMeta {
    code: "MK206",
    name: "embedded-resources-sequential",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "embedded resources are downloaded one at a time",
    why: "Browsers fetch page resources in parallel; sequential downloads make page times much longer than users see.",
    fix: Some("tick \"Parallel downloads\" (pool size: JMeter's default of 6 unless set; unsafe: timings change)"),
};

impl Rule for EmbeddedResourcesSequential {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let on = |e: &crate::context::Elem, p: &str| e.el.bool_prop(p) == Some(true);
        for e in ctx.active().filter(|e| is_http_sampler(e) || is_http_defaults(e)) {
            let Some(parser) = e.el.prop("HTTPSampler.image_parser").filter(|p| p.value.trim().eq_ignore_ascii_case("true")) else {
                continue;
            };
            if on(e, "HTTPSampler.concurrentDwn") {
                continue;
            }
            // A sampler without its own setting takes the defaults' (JMeter merges them).
            if is_http_sampler(e) && e.el.prop("HTTPSampler.concurrentDwn").is_none() && in_scope(ctx, e, is_http_defaults).any(|d| on(d, "HTTPSampler.concurrentDwn")) {
                continue;
            }
            let what = if is_http_defaults(e) { "HTTP Request Defaults" } else { "HTTP sampler" };
            let mut f = Finding::at(
                &META,
                e,
                format!("{what} `{}` retrieves embedded resources one at a time: tick \"Parallel downloads\" as browsers do", e.el.testname),
            );
            if let Some(edit) = set_or_add_bool(ctx, e, "HTTPSampler.concurrentDwn", true, parser) {
                f = f.with_fix(Applicability::Unsafe, "tick \"Parallel downloads\"", vec![edit]);
            }
            out.push(f);
        }
    }
}
