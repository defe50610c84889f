//! MK105 jsr223-no-cache
use super::{inline_script, is_jsr223};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled JSR223 elements running an inline Groovy script with "Cache compiled script
/// if available" unticked (`cacheKey` = `false`). Since JMeter 4.0 an absent `cacheKey` means
/// cached (only the exact value `false` turns it off), and a script file is always cached, so
/// neither is reported.
///
/// ## Why it matters
/// Without the cache Groovy compiles the script to a class on every execution: CPU on the
/// load generator, and a slow leak of generated classes in long tests.
///
/// The fix ticks the box. When the script contains `${…}` the fix is not offered: JMeter
/// substitutes those before compiling, so a cached script would keep the first values it saw
/// (move them to `vars.get(…)` first, see MK106).
pub struct Jsr223NoCache;

static META: RuleMeta = RuleMeta {
    code: "MK105",
    name: "jsr223-no-cache",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a JSR223 Groovy script has \"Cache compiled script\" turned off",
    why: "Groovy then compiles the script on every call: CPU on the load generator and a class leak in long tests.",
    fix: Some("set `cacheKey` to true (only when the script has no `${…}`, which caching would freeze)"),
};

impl Rule for Jsr223NoCache {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| is_jsr223(e)) {
            let lang = e.el.str_prop("scriptLanguage").unwrap_or("").trim();
            // Other languages are MK104; their engines may not compile at all.
            if !(lang.is_empty() || lang.eq_ignore_ascii_case("groovy")) {
                continue;
            }
            let Some(script) = inline_script(e) else { continue };
            let Some(cache) = e.el.prop("cacheKey").filter(|p| p.value.trim() == "false") else { continue };
            let finding = Finding::at(&META, e, format!("`{}`: \"Cache compiled script if available\" is off", e.el.testname));
            if script.value.contains("${") {
                out.push(Finding {
                    message: format!("{}; its script uses `${{…}}`, replace those by `vars.get(…)` before caching", finding.message),
                    ..finding
                });
            } else {
                out.push(finding.with_fix(Applicability::Safe, "tick \"Cache compiled script if available\"", vec![ctx.set_value(cache, "true")]));
            }
        }
    }
}
