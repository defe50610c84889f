//! MK107 no-think-time
use super::{is_core_thread_group, is_reference_controller, is_thread_group, is_timer, literal_int};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups that run samplers with no timer at all: none in the thread group, none
/// at the Test Plan level, and no Flow Control Action pausing. setUp/tearDown thread groups,
/// arrival-rate thread groups (which pace themselves), single-pass runs (one loop of one thread,
/// or one loop of a single request) and thread groups calling Module or Include Controllers (whose targets may hold the
/// timers) are not reported.
///
/// ## Why it matters
/// Without think time each thread fires its next request the moment the previous one ends: a
/// handful of threads hammers the server like hundreds of real users, and the numbers say
/// nothing about the load you meant to model.
pub struct NoThinkTime;

static META: RuleMeta = RuleMeta {
    code: "MK107",
    name: "no-think-time",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a thread group runs its samplers with no timer or pause",
    why: "Zero think time makes each thread a tight loop of requests: far more load per thread than a real user, and a load model nobody intended.",
    fix: None,
};

/// A Flow Control Action set to pause (`ActionProcessor.action` = 1).
fn is_pause(e: &Elem) -> bool {
    e.class() == "TestAction" && e.el.str_prop("ActionProcessor.action").map(str::trim) == Some("1")
}

/// One loop of one thread, or one loop of a single request per thread: nothing runs back to back.
fn single_pass(tg: &Elem, samplers: usize) -> bool {
    let loops = tg.el.prop("ThreadGroup.main_controller").and_then(|m| m.prop("LoopController.loops")).map(|p| p.value.as_str());
    literal_int(loops) == Some(1) && (samplers == 1 || literal_int(tg.el.str_prop("ThreadGroup.num_threads")) == Some(1))
}

impl Rule for NoThinkTime {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for tg in ctx.active().filter(|e| is_thread_group(e)) {
            let class = tg.class();
            if matches!(class, "SetupThreadGroup" | "PostThreadGroup") || class.contains("Arrivals") {
                continue;
            }
            let inside: Vec<&Elem> = ctx.descendants(tg).filter(|e| e.active).collect();
            let samplers = inside.iter().filter(|e| e.is_sampler() && e.class() != "TestAction").count();
            if samplers == 0 || (is_core_thread_group(tg) && single_pass(tg, samplers)) || inside.iter().any(|e| is_timer(e) || is_pause(e) || is_reference_controller(e)) {
                continue;
            }
            // Timers at the Test Plan level (or in any ancestor) apply to every sampler.
            let above = tg.ancestors.iter().any(|&a| ctx.children(&ctx.elems[a]).any(|c| c.active && is_timer(c)));
            if above {
                continue;
            }
            out.push(Finding::at(
                &META,
                tg,
                format!("thread group `{}` runs {samplers} sampler(s) with no timer: each thread sends requests back to back", tg.el.testname),
            ));
        }
    }
}
