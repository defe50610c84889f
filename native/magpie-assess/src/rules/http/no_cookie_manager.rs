//! MK201 no-cookie-manager
use super::{headers, in_scope, insert_first_child, samplers_by_thread_group};
use crate::context::{Context, Elem};
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups whose HTTP samplers have no enabled HTTP Cookie Manager in scope (in
/// the thread group, above it in the test plan, or in a controller around them). Thread groups
/// with a single HTTP request, those that set a `Cookie` header themselves, and those that keep
/// the session in the URL (HTTP URL Re-writing Modifier) are not reported.
///
/// ## Why it matters
/// Without a Cookie Manager JMeter neither keeps nor sends cookies: each request arrives as a
/// new anonymous visitor, logins and carts do not stick, and the server creates a session per
/// request, a load profile no real user produces.
pub struct NoCookieManager;

static META: RuleMeta = RuleMeta {
    code: "MK201",
    name: "no-cookie-manager",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "HTTP samplers run without an HTTP Cookie Manager",
    why: "Without a Cookie Manager no cookie is kept or sent, so sessions, logins and carts do not stick and every request is a new visitor.",
    fix: Some("add an HTTP Cookie Manager at the top of the thread group (unsafe: cookies are then sent)"),
};

const COOKIE_MANAGER: &str = r#"<CookieManager guiclass="CookiePanel" testclass="CookieManager" testname="HTTP Cookie Manager">
  <collectionProp name="CookieManager.cookies"/>
  <boolProp name="CookieManager.clearEachIteration">false</boolProp>
  <boolProp name="CookieManager.controlledByThreadGroup">false</boolProp>
</CookieManager>
<hashTree/>"#;

impl Rule for NoCookieManager {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (tg, samplers) in samplers_by_thread_group(ctx) {
            // One request per iteration has no session to keep; a Cookie header set by hand
            // means the author handles cookies on purpose (correlation rules check its value).
            let sets_cookie = |s: &&Elem| in_scope(ctx, s, |e| e.class() == "HeaderManager").any(|h| headers(h).iter().any(|x| x.name.eq_ignore_ascii_case("cookie")));
            // So does an HTTP URL Re-writing Modifier (session id in the URL, not a cookie).
            let rewrites = |s: &&Elem| in_scope(ctx, s, |e| e.class() == "URLRewritingModifier").next().is_some();
            if samplers.len() < 2 || samplers.iter().any(sets_cookie) || samplers.iter().any(rewrites) {
                continue;
            }
            let without: Vec<_> =
                samplers.iter().filter(|s| in_scope(ctx, s, |e| e.class() == "CookieManager").next().is_none()).collect();
            let Some(first) = without.first() else { continue };
            let message = if without.len() == samplers.len() {
                format!("thread group `{}` sends {} HTTP requests with no HTTP Cookie Manager: no cookie is kept or sent", tg.el.testname, samplers.len())
            } else {
                format!(
                    "{} of the {} HTTP requests of thread group `{}` (first: `{}`) have no HTTP Cookie Manager in scope",
                    without.len(),
                    samplers.len(),
                    tg.el.testname,
                    first.el.testname
                )
            };
            let mut finding = Finding::at(&META, tg, message);
            // Only when no sampler of the group has one: a second manager would shadow it.
            if without.len() == samplers.len() {
                if let Some(edit) = insert_first_child(ctx, tg, COOKIE_MANAGER) {
                    finding = finding.with_fix(Applicability::Unsafe, "add an HTTP Cookie Manager to the thread group", vec![edit]);
                }
            }
            out.push(finding);
        }
    }
}
