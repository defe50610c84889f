//! MC109 extractor-after-use
use std::collections::{BTreeSet, HashMap, HashSet};

use super::{extractors, samplers_processed_by, thread_group};
use crate::context::{variable_refs, Context};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds a sampler that sends `${name}` where `name` is set only by extractors, and none of
/// those extractors processes a sampler that runs before it in the same thread group: the
/// extractor sits under a later sampler, or under another thread group. Uses in the sampler
/// itself and in its own Header Managers are checked. Plans with Module or Include Controllers
/// are skipped (their run order is not the tree order).
///
/// ## Why it matters
/// JMeter variables are per thread and set when the extractor runs. Before that, the sampler
/// sends the text `${name}` on the first iteration (and the previous iteration's value after);
/// a variable extracted in another thread group is never visible at all. Move the extractor
/// under the sampler whose response holds the value, or share it with a property
/// (`__setProperty`/`__P`).
pub struct ExtractorAfterUse;

static META: RuleMeta = RuleMeta {
    code: "MC109",
    name: "extractor-after-use",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "a variable is used before (or out of reach of) the only extractor that sets it",
    why: "Variables are per thread and exist only after their extractor ran; earlier samplers, and other thread groups, send `${name}` literally.",
    fix: None,
};

impl Rule for ExtractorAfterUse {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        if ctx.active().any(|e| matches!(e.class(), "ModuleController" | "IncludeController")) {
            return;
        }
        let xs = extractors(ctx);
        // Computed once per name and per extractor: plans repeat the same variables in every
        // thread group, and a per-use scan made this rule quadratic on large plans.
        let mut defs_by_name: HashMap<String, Vec<&super::Extractor>> = HashMap::new();
        let mut reach_of: HashMap<usize, Vec<(Option<usize>, usize)>> = HashMap::new();
        for s in ctx.active().filter(|e| e.is_sampler()) {
            let mut used: BTreeSet<String> = BTreeSet::new();
            let own = std::iter::once(s).chain(ctx.children(s).filter(|c| c.active && c.class() == "HeaderManager"));
            for e in own {
                for p in e.el.all_props() {
                    used.extend(variable_refs(&p.value));
                }
            }
            let tg = thread_group(ctx, s);
            for name in used {
                // Defined by anything that is not an extractor (UDV, CSV, script, function …): not ours.
                let by_extractor = defs_by_name.entry(name.clone()).or_insert_with(|| {
                    let defs: HashSet<usize> =
                        ctx.defs.iter().filter(|d| ctx.elems[d.elem].active && defines(&d.name, &name)).map(|d| d.elem).collect();
                    let by_extractor: Vec<&super::Extractor> = xs.iter().filter(|x| defs.contains(&x.elem.index)).collect();
                    if by_extractor.len() == defs.len() { by_extractor } else { vec![] }
                });
                if by_extractor.is_empty() {
                    continue;
                }
                let mut same_group_later = None;
                let mut reaches = false;
                for x in by_extractor.iter() {
                    let reach = reach_of.entry(x.elem.index).or_insert_with(|| {
                        samplers_processed_by(ctx, x.elem).iter().map(|p| (thread_group(ctx, p), p.index)).collect()
                    });
                    for &(group, index) in reach.iter() {
                        if group != tg {
                            continue;
                        }
                        if index < s.index {
                            reaches = true;
                        } else {
                            same_group_later.get_or_insert(&ctx.elems[index]);
                        }
                    }
                }
                if reaches {
                    continue;
                }
                let x = &by_extractor[0];
                let message = match same_group_later {
                    Some(p) => format!(
                        "`${{{name}}}` is used here, but its extractor `{}` runs only after `{}`, later in the thread group",
                        x.elem.el.testname, p.el.testname
                    ),
                    None => format!(
                        "`${{{name}}}` is used here, but its extractor `{}` ({}) is in another thread group; variables are per thread",
                        x.elem.el.testname, x.elem.path
                    ),
                };
                out.push(Finding::at(&META, s, message));
            }
        }
    }
}

/// Whether a definition `def` (an exact name, or `prefix*`) covers `name`, including the
/// `name_1`/`name_matchNr`/`name_g1` variables extractors also set.
fn defines(def: &str, name: &str) -> bool {
    match def.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => def == name || name.strip_prefix(def).is_some_and(|rest| rest.starts_with('_')),
    }
}
