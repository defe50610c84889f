//! MK104 jsr223-not-groovy
use super::is_jsr223;
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled JSR223 elements whose language is not Groovy (`javascript`, `beanshell`,
/// `jexl`, `java`, …). An empty language is Groovy, JMeter's default.
///
/// ## Why it matters
/// Only Groovy is compiled and cached by JMeter's JSR223 elements at full speed; BeanShell and
/// JEXL engines are interpreted on every call, and the JavaScript engine (Nashorn) was removed
/// from Java 15, so a `javascript` script fails outright on a current JVM.
pub struct Jsr223NotGroovy;

static META: RuleMeta = RuleMeta {
    code: "MK104",
    name: "jsr223-not-groovy",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a JSR223 element uses a language other than Groovy",
    why: "Other engines are slower (interpreted, not cached) and `javascript` (Nashorn) no longer exists on Java 15+; Groovy is the one JMeter recommends.",
    fix: None,
};

impl Rule for Jsr223NotGroovy {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| is_jsr223(e)) {
            let lang = e.el.str_prop("scriptLanguage").unwrap_or("").trim();
            if lang.is_empty() || lang.eq_ignore_ascii_case("groovy") || lang.contains("${") {
                continue;
            }
            let lower = lang.to_ascii_lowercase();
            let extra = match lower.as_str() {
                "javascript" | "js" | "ecmascript" | "nashorn" | "rhino" => ": the Nashorn JavaScript engine is gone from Java 15+, and slow before",
                "beanshell" | "bsh" | "java" => ": interpreted on every call; the script is usually valid Groovy as is",
                _ => ": slower than Groovy, which JMeter compiles and caches",
            };
            out.push(Finding::at(&META, e, format!("`{}` uses language `{lang}`{extra}", e.el.testname)));
        }
    }
}
