//! MK103 beanshell-element
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled BeanShell elements: BeanShell Sampler, PreProcessor, PostProcessor,
/// Assertion, Timer and Listener.
///
/// ## Why it matters
/// BeanShell interprets its script anew on every call and serialises threads on a shared
/// interpreter, so it becomes the bottleneck of the load generator long before the server
/// is. JMeter's documentation recommends JSR223 elements with Groovy, which compile once and
/// cache the compiled script; the migration is mostly a copy (`vars`, `prev`, `log`, `ctx` are
/// the same), but the syntax differences need a look, so there is no automatic fix.
pub struct BeanShellElement;

static META: RuleMeta = RuleMeta {
    code: "MK103",
    name: "beanshell-element",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a BeanShell element is used; prefer JSR223 with Groovy",
    why: "BeanShell is interpreted on every call and slow under load; JSR223 + Groovy compiles and caches the script.",
    fix: None,
};

impl Rule for BeanShellElement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active() {
            let Some(kind) = e.class().strip_prefix("BeanShell") else { continue };
            if !matches!(kind, "Sampler" | "PreProcessor" | "PostProcessor" | "Assertion" | "Timer" | "Listener") {
                continue;
            }
            out.push(
                Finding::at(&META, e, format!("BeanShell {kind} `{}`: prefer a JSR223 {kind} with Groovy", e.el.testname)).with_fix(
                    Applicability::DisplayOnly,
                    format!("replace it with a JSR223 {kind} (language groovy, cache compiled script) holding the same script"),
                    vec![],
                ),
            );
        }
    }
}
