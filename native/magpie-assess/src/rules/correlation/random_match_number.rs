//! MC112 random-match-number
use super::{extractors, is_secret_name};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds extractors whose match number does not fit how the variable is used:
/// - `-1` (all matches) while the plan reads the plain `${name}`: JMeter then sets only
///   `name_1 … name_N` and `name_matchNr`, so `${name}` holds the default value (reported as an
///   error);
/// - `0` (a random match) for a variable named like a secret the server issued (token, session,
///   CSRF, state, nonce, signature, …) and used as `${name}`: if the page holds several candidates, each
///   iteration picks one at random. Random choice is a legitimate way to pick a product to
///   view, which is why other names are left alone. A JSON Extractor with a blank match
///   number is random too.
///
/// ## Why it matters
/// The request sends the default (`-1`) or a value that is only sometimes the right one
/// (`0`): failures that come and go between runs. Use match number `1` (or the specific
/// occurrence) for values that must be the one the page means.
pub struct RandomMatchNumber;

static META: RuleMeta = RuleMeta {
    code: "MC112",
    name: "random-match-number",
    family: Family::Correlation,
    severity: Severity::Warning,
    summary: "an extractor's match number is random (0) or all (-1) but its variable is used as one value",
    why: "With -1 the plain variable only holds the default; with 0 a token is picked at random among matches, so requests fail intermittently.",
    fix: Some("set the match number to 1 when -1 is used as a single value and nothing reads `name_N` (unsafe)"),
};

fn used_plain(ctx: &Context, name: &str) -> bool {
    ctx.uses.iter().any(|u| ctx.elems[u.elem].active && u.name == name)
}

/// `${name_1}`, `${name_matchNr}`, a ForEach Controller over `name`, or a script reading `name_…`.
fn used_as_list(ctx: &Context, name: &str) -> bool {
    let prefix = format!("{name}_");
    ctx.uses.iter().any(|u| ctx.elems[u.elem].active && u.name.starts_with(&prefix))
        || ctx.active().any(|e| {
            e.el.all_props().iter().any(|p| {
                (e.class() == "ForeachController" && p.value.trim() == name)
                    || p.value.contains(&format!("\"{prefix}"))
                    || p.value.contains(&format!("'{prefix}"))
            })
        })
}

impl Rule for RandomMatchNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for x in extractors(ctx) {
            let mut all_fixable = true;
            let mut messages = vec![];
            let mut error = false;
            for (i, name) in x.names.iter().enumerate() {
                if name.is_empty() || !used_plain(ctx, name) {
                    continue;
                }
                match x.match_number(i) {
                    // XPath extractors also set `name` to the first match with -1.
                    Some(-1) if !x.elem.class().starts_with("XPath") => {
                        error = true;
                        all_fixable &= !used_as_list(ctx, name);
                        messages.push(format!("match number -1 sets `{name}_1…{name}_N` but `${{{name}}}` is used, which only holds the default"));
                    }
                    Some(0) if is_secret_name(name) => {
                        all_fixable = false;
                        let blank = x.lists && x.elem.el.str_prop(x.match_prop).unwrap_or("").split(';').nth(i).unwrap_or("").trim().is_empty();
                        let how = if blank { "a blank match number (random)" } else { "match number 0 (random)" };
                        messages.push(format!("`{name}` is extracted with {how}; a token must be the match the page means, usually 1"));
                    }
                    _ => {}
                }
            }
            if messages.is_empty() {
                continue;
            }
            let mut f = Finding::at(&META, x.elem, format!("{} `{}`: {}", x.kind, x.elem.el.testname, messages.join("; ")));
            if error {
                f.severity = Severity::Error;
            }
            if all_fixable && !x.lists {
                if let Some(p) = x.elem.el.prop(x.match_prop) {
                    f = f.with_fix(Applicability::Unsafe, "set the match number to 1", vec![ctx.set_value(p, "1")]);
                }
            }
            out.push(f);
        }
    }
}
