//! MK205 missing-timeouts
use super::{in_scope, is_http_defaults, samplers_by_thread_group};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups whose HTTP requests have no connect or no response timeout: the
/// sampler leaves `Timeouts` empty and so does every HTTP Request Defaults in its scope.
/// Reported once per thread group, at the first such request.
///
/// ## Why it matters
/// JMeter's HTTP client waits forever by default. One server that accepts a connection and
/// never answers holds a virtual user until the test ends, so the load silently drops and the
/// stuck requests never appear in the results as errors.
pub struct MissingTimeouts;

static META: RuleMeta = RuleMeta {
    code: "MK205",
    name: "missing-timeouts",
    family: Family::Config,
    severity: Severity::Info,
    summary: "HTTP requests have no connect or response timeout",
    why: "Without timeouts a hung server holds virtual users forever: the load drops and the hangs never show up as errors.",
    fix: None,
};

fn set(ctx: &Context, s: &Elem, prop: &str) -> bool {
    let has = |e: &Elem| e.el.str_prop(prop).is_some_and(|v| !v.trim().is_empty());
    has(s) || in_scope(ctx, s, is_http_defaults).any(has)
}

impl Rule for MissingTimeouts {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (tg, samplers) in samplers_by_thread_group(ctx) {
            let missing = |s: &&Elem| {
                let mut m = vec![];
                if !set(ctx, s, "HTTPSampler.connect_timeout") {
                    m.push("connect");
                }
                if !set(ctx, s, "HTTPSampler.response_timeout") {
                    m.push("response");
                }
                m
            };
            let lacking: Vec<_> = samplers.iter().map(|s| (s, missing(s))).filter(|(_, m)| !m.is_empty()).collect();
            let Some((first, which)) = lacking.first() else { continue };
            out.push(Finding::at(
                &META,
                first,
                format!(
                    "{} of the {} HTTP requests of thread group `{}` have no {} timeout (first: `{}`): a hung server holds the user forever; set them in HTTP Request Defaults",
                    lacking.len(),
                    samplers.len(),
                    tg.el.testname,
                    which.join(" or "),
                    first.el.testname
                ),
            ));
        }
    }
}
