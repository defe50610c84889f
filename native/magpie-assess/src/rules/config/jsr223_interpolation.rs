//! MK106 jsr223-interpolation
use std::collections::BTreeSet;

use regex::Regex;

use super::{inline_script, is_jsr223};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds `${__function(…)}` calls, and `${name}` references to variables the plan defines,
/// inside the inline script of a JSR223 element. `${…}` that names no JMeter variable is left
/// alone: it is Groovy's own string interpolation (`"id=${id}"`), which JMeter passes through.
///
/// ## Why it matters
/// JMeter substitutes `${…}` in the script text before the engine sees it. With the compile
/// cache on, the first substituted text is compiled and reused, so every later call runs with
/// the first values; with the cache off the script is recompiled each time. And a value that
/// contains a quote or code is executed as code. `vars.get("name")` (or the element's
/// Parameters field, read as `args`) gives the current value safely.
pub struct Jsr223Interpolation;

static META: RuleMeta = RuleMeta {
    code: "MK106",
    name: "jsr223-interpolation",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "`${…}` is used inside a JSR223 script",
    why: "JMeter pastes the value into the code before compiling: the cached script keeps the first value, and values become code (injection). Use vars.get(\"name\").",
    fix: None,
};

fn reference() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\$\{(__[A-Za-z0-9]+|[A-Za-z_][A-Za-z0-9_.\-]*)([(}])").expect("valid"))
}

impl Rule for Jsr223Interpolation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for e in ctx.active().filter(|e| is_jsr223(e)) {
            let Some(script) = inline_script(e) else { continue };
            if !script.value.contains("${") {
                continue;
            }
            let mut functions = BTreeSet::new();
            let mut variables = BTreeSet::new();
            for c in reference().captures_iter(&script.value) {
                let name = &c[1];
                if let Some(f) = name.strip_prefix("__") {
                    functions.insert(format!("${{__{f}(…)}}"));
                } else if &c[2] == "}" && ctx.defs.iter().any(|d| ctx.elems[d.elem].active && d.defines(name)) {
                    variables.insert(name.to_string());
                }
            }
            if functions.is_empty() && variables.is_empty() {
                continue;
            }
            let mut found: Vec<String> = variables.iter().map(|v| format!("${{{v}}}")).collect();
            found.extend(functions.iter().cloned());
            let mut advice: Vec<String> = variables.iter().map(|v| format!("vars.get(\"{v}\")")).collect();
            if !functions.is_empty() {
                advice.push("Groovy code or the Parameters field (`args`) for the functions".to_string());
            }
            out.push(
                Finding::at(&META, e, format!("script of `{}` uses {}", e.el.testname, found.join(", "))).with_fix(
                    Applicability::DisplayOnly,
                    format!("use {}", advice.join(", ")),
                    vec![],
                ),
            );
        }
    }
}
