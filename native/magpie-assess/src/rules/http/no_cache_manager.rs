//! MK202 no-cache-manager
use super::{headers, in_scope, insert_first_child, is_http_defaults, samplers_by_thread_group};
use crate::context::{Context, Elem};
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups that simulate browsers (their HTTP requests download embedded
/// resources, or send a browser `User-Agent` or `Accept: text/html`) without an enabled HTTP
/// Cache Manager in scope.
///
/// ## Why it matters
/// A browser caches images, scripts and style sheets and revalidates them with
/// `If-Modified-Since` / `If-None-Match`; without a Cache Manager every simulated user
/// downloads every resource on every page, so the server and network see far more traffic
/// than real users cause.
pub struct NoCacheManager;

static META: RuleMeta = RuleMeta {
    code: "MK202",
    name: "no-cache-manager",
    family: Family::Config,
    severity: Severity::Info,
    summary: "a browser-like thread group has no HTTP Cache Manager",
    why: "Browsers cache static resources; without a Cache Manager every virtual user downloads them on every page, inflating server and network load.",
    fix: Some("add an HTTP Cache Manager at the top of the thread group (unsafe: fewer requests are sent)"),
};

const CACHE_MANAGER: &str = r#"<CacheManager guiclass="CacheManagerGui" testclass="CacheManager" testname="HTTP Cache Manager">
  <boolProp name="clearEachIteration">false</boolProp>
  <boolProp name="useExpires">true</boolProp>
  <boolProp name="CacheManager.controlledByThread">false</boolProp>
</CacheManager>
<hashTree/>"#;

/// Why a sampler looks like a browser page load, if it does.
fn browser_like(ctx: &Context, s: &Elem) -> Option<&'static str> {
    let embedded = |e: &Elem| e.el.bool_prop("HTTPSampler.image_parser") == Some(true);
    if embedded(s) || in_scope(ctx, s, is_http_defaults).any(embedded) {
        return Some("downloads embedded resources");
    }
    for hm in in_scope(ctx, s, |e| e.class() == "HeaderManager") {
        for h in headers(hm) {
            let v = h.value.to_ascii_lowercase();
            if h.name.eq_ignore_ascii_case("user-agent") && v.contains("mozilla/") {
                return Some("sends a browser User-Agent");
            }
            if h.name.eq_ignore_ascii_case("accept") && v.contains("text/html") {
                return Some("accepts text/html");
            }
        }
    }
    None
}

impl Rule for NoCacheManager {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (tg, samplers) in samplers_by_thread_group(ctx) {
            let uncached: Vec<_> =
                samplers.iter().filter(|s| in_scope(ctx, s, |e| e.class() == "CacheManager").next().is_none()).collect();
            let Some((s, why)) = uncached.iter().find_map(|s| browser_like(ctx, s).map(|w| (s, w))) else { continue };
            let mut finding = Finding::at(
                &META,
                tg,
                format!(
                    "thread group `{}` simulates a browser (`{}` {why}) but has no HTTP Cache Manager: every user downloads every resource every time",
                    tg.el.testname, s.el.testname
                ),
            );
            if uncached.len() == samplers.len() {
                if let Some(edit) = insert_first_child(ctx, tg, CACHE_MANAGER) {
                    finding = finding.with_fix(Applicability::Unsafe, "add an HTTP Cache Manager to the thread group", vec![edit]);
                }
            }
            out.push(finding);
        }
    }
}
