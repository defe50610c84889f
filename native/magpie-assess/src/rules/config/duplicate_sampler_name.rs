//! MK112 duplicate-sampler-name
use std::collections::HashMap;

use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled samplers that share their name with an earlier enabled sampler but send a
/// different request (their settings differ); one finding for each, naming the first. The same
/// request repeated under the same name (polling, a step done twice) is meant to be merged and
/// is not reported. Names built from variables (`${…}`) and Flow Control Actions (which record
/// no sample) are not compared.
///
/// ## Why it matters
/// JMeter's reports, the dashboard and every listener aggregate by label: two different
/// requests with the same name become one line, with mixed response times and error counts,
/// and a slow request hides behind a fast one.
pub struct DuplicateSamplerName;

static META: RuleMeta = RuleMeta {
    code: "MK112",
    name: "duplicate-sampler-name",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "two enabled samplers have the same name, so reports merge them",
    why: "Reports aggregate by label: same-named samplers become one line mixing their timings and errors.",
    fix: None,
};

/// What the sampler sends: its class and every property (name and value), in order.
fn settings(s: &Elem) -> String {
    let mut out = s.class().to_string();
    for p in s.el.all_props() {
        out.push('\u{1}');
        out.push_str(&p.name);
        out.push('=');
        out.push_str(&p.value);
    }
    out
}

impl Rule for DuplicateSamplerName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        // Name → the first sampler of each distinct request under that name.
        let mut seen: HashMap<&str, Vec<(usize, String)>> = HashMap::new();
        for s in ctx.active().filter(|e| e.is_sampler() && e.class() != "TestAction") {
            let name = s.el.testname.as_str();
            if name.trim().is_empty() || name.contains("${") {
                continue;
            }
            let request = settings(s);
            let same_name = seen.entry(name).or_default();
            if same_name.iter().any(|(_, r)| *r == request) {
                continue;
            }
            if let Some(&(i, _)) = same_name.first() {
                out.push(Finding::at(
                    &META,
                    s,
                    format!(
                        "sampler name `{name}` is also used by a different request at line {} ({}); reports will merge them",
                        ctx.elems[i].line, ctx.elems[i].path
                    ),
                ));
            }
            same_name.push((s.index, request));
        }
    }
}
