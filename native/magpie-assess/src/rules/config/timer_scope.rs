//! MK108 timer-scope
use super::{is_logic_controller, is_thread_group, is_throughput_timer, is_timer};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds timers placed directly in a thread group or controller between two of its steps
/// (samplers, or controllers holding samplers). Placed there the timer looks like a pause between
/// two steps, but JMeter applies a timer to every sampler in its scope. A timer at the top or
/// the bottom of its parent (the usual "think time for each request") and throughput timers, which pace
/// the whole scope by design, are not reported.
///
/// ## Why it matters
/// A 5-second pause meant once between "search" and "checkout" is paid before every request
/// of the group, so each iteration takes far longer and the load is lower than planned. To
/// pause once, make the timer a child of the sampler it should precede, or use a Flow Control
/// Action.
pub struct TimerScope;

static META: RuleMeta = RuleMeta {
    code: "MK108",
    name: "timer-scope",
    family: Family::Config,
    severity: Severity::Info,
    summary: "a timer placed between samplers applies to every sampler in its scope",
    why: "JMeter runs a timer before each sampler in its scope, not once where it stands; a pause meant between two steps multiplies.",
    fix: None,
};

impl Rule for TimerScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for t in ctx.active().filter(|e| is_timer(e) && !is_throughput_timer(e)) {
            let Some(parent) = ctx.parent(t) else { continue };
            if !(is_thread_group(parent) || is_logic_controller(parent)) {
                continue;
            }
            let samplers = ctx.descendants(parent).filter(|e| e.active && e.is_sampler()).count();
            // A step (a sampler, or a controller holding samplers) before the timer and one after
            // it, at the same level: the timer reads as a pause between them.
            let is_step = |c: &Elem| c.active && (c.is_sampler() || (is_logic_controller(c) && ctx.descendants(c).any(|d| d.active && d.is_sampler())));
            let (before, after): (Vec<&Elem>, Vec<&Elem>) = ctx.children(parent).filter(|c| c.index != t.index).partition(|c| c.index < t.index);
            if samplers < 2 || !before.iter().any(|c| is_step(c)) || !after.iter().any(|c| is_step(c)) {
                continue;
            }
            out.push(Finding::at(
                &META,
                t,
                format!(
                    "timer `{}` stands between steps of `{}` but runs before each of its {samplers} samplers; to pause once, make it a child of the next sampler or use a Flow Control Action",
                    t.el.testname, parent.el.testname
                ),
            ));
        }
    }
}
