//! MC110 extractor-default-hides-failure
use super::{extractors, Extractor};
use crate::context::Context;
use crate::rule::{Applicability, Edit, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds Regular Expression, CSS Selector, Boundary and JSON extractors whose default value
/// (what the variable gets when nothing matches) is empty, or looks like real data (`0`,
/// `admin`, `12345`) rather than a marker such as `token_NOT_FOUND`.
///
/// ## Why it matters
/// With no default, a failed extraction leaves the variable as it was: the previous
/// iteration's value, or unset so `${name}` is sent literally. With a plausible default, the
/// next request sends valid-looking data. Either way the failure surfaces later as a strange
/// server error, or never. A marker default makes the failure visible where it happens, and a
/// Response Assertion on the variable can catch it.
pub struct ExtractorDefault;

static META: RuleMeta = RuleMeta {
    code: "MC110",
    name: "extractor-default-hides-failure",
    family: Family::Correlation,
    severity: Severity::Warning,
    summary: "an extractor has no default value, or one that looks like real data",
    why: "When extraction fails the variable keeps a stale value, stays unset, or gets plausible data, so the failure shows up later or never; a NOT_FOUND marker makes it visible.",
    fix: Some("set the default to `<name>_NOT_FOUND` (unsafe: changes what is sent after a failed extraction)"),
};

/// A default that says "nothing matched".
pub(crate) fn is_marker(v: &str, name: &str) -> bool {
    let l = v.trim().to_ascii_lowercase();
    // `nv_token`/`NV` (no value) and anything spelling out the variable's name are markers.
    if l == "nv" || l.starts_with("nv_") || (name.len() >= 3 && l.contains(&name.to_ascii_lowercase())) {
        return true;
    }
    const WORDS: &[&str] = &["not_found", "notfound", "not-found", "not found", "error", "fail", "missing", "none", "null", "undefined", "nomatch", "no_match", "no-match", "no_value", "novalue", "no value", "empty", "default", "unknown", "invalid"];
    WORDS.iter().any(|w| l.contains(w))
        || l.contains("${")
        // A shouting identifier (`CSRF_NF`, `NOTHING`) is a marker, not data.
        || (v.len() >= 3 && v.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()) && v.chars().any(|c| c.is_ascii_alphabetic()))
}

fn marker(name: &str) -> String {
    format!("{name}_NOT_FOUND")
}

impl Rule for ExtractorDefault {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for x in extractors(ctx) {
            if !matches!(x.elem.class(), "RegexExtractor" | "HtmlExtractor" | "BoundaryExtractor" | "JSONPostProcessor" | "JMESPathExtractor") {
                continue;
            }
            let mut problems = vec![];
            for (i, name) in x.names.iter().enumerate() {
                if name.is_empty() {
                    continue;
                }
                let d = x.default(i);
                let empty_default = x.empty_default_prop.and_then(|p| x.elem.el.bool_prop(p)).unwrap_or(false);
                if d.trim().is_empty() && empty_default {
                    problems.push(format!("`{name}` defaults to an empty value"));
                } else if d.trim().is_empty() {
                    problems.push(format!("`{name}` has no default value"));
                } else if !is_marker(&d, name) {
                    problems.push(format!("`{name}` defaults to `{}`, which looks like real data", d.trim()));
                }
            }
            if problems.is_empty() {
                continue;
            }
            let mut f = Finding::at(&META, x.elem, format!("{} `{}`: {}; a failed extraction will look like success", x.kind, x.elem.el.testname, problems.join(", ")));
            if let Some(edits) = fix(ctx, &x) {
                let what = x.names.iter().filter(|n| !n.is_empty()).map(|n| format!("`{}`", marker(n))).collect::<Vec<_>>().join(", ");
                f = f.with_fix(Applicability::Unsafe, format!("set the default to {what}"), edits);
            }
            out.push(f);
        }
    }
}

/// Defaults set to markers (keeping defaults that already are markers), and `Use empty default
/// value` turned off.
fn fix(ctx: &Context, x: &Extractor) -> Option<Vec<Edit>> {
    let prop = x.elem.el.prop(x.default_prop)?;
    let value = if x.lists {
        x.names.iter().enumerate().map(|(i, n)| if is_marker(&x.default(i), n) { x.default(i) } else { marker(n) }).collect::<Vec<_>>().join(";")
    } else {
        marker(&x.names[0])
    };
    let mut edits = vec![ctx.set_value(prop, &value)];
    if let Some(p) = x.empty_default_prop.and_then(|n| x.elem.el.prop(n)) {
        if p.value.trim() == "true" {
            edits.push(ctx.set_value(p, "false"));
        }
    }
    Some(edits)
}
