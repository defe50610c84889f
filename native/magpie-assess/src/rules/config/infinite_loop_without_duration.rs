//! MK109 infinite-loop-without-duration
use super::{is_core_thread_group, literal_int};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups set to loop forever (Loop Count "Infinite", `loops` = -1) with no
/// duration: the scheduler is off, or on with an empty or zero duration. Thread groups that
/// end themselves are not reported: a CSV Data Set that stops the thread at end of file, a
/// Flow Control Action that stops the thread or test, or a script that calls `setStopThread`,
/// `setStopTest` or `stopThread`.
///
/// ## Why it matters
/// Such a test never ends on its own. In CI or on remote engines it runs until someone kills
/// it, and the results file grows without bound.
pub struct InfiniteLoopWithoutDuration;

static META: RuleMeta = RuleMeta {
    code: "MK109",
    name: "infinite-loop-without-duration",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "a thread group loops forever with no duration set",
    why: "An infinite loop without a scheduler duration never ends on its own: CI jobs and remote engines run until killed.",
    fix: None,
};

fn ends_itself(ctx: &Context, tg: &Elem) -> bool {
    ctx.descendants(tg).filter(|e| e.active).any(|e| match e.class() {
        "CSVDataSet" => e.el.bool_prop("stopThread") == Some(true) && e.el.bool_prop("recycle") == Some(false),
        // Stop (0) or Stop Now (2) of the thread or the test.
        "TestAction" => matches!(e.el.str_prop("ActionProcessor.action").map(str::trim), Some("0" | "2")),
        _ => e.el.all_props().iter().any(|p| {
            p.value.contains("setStopThread") || p.value.contains("setStopTest") || p.value.contains("stopThread") || p.value.contains("stopTest")
        }),
    })
}

impl Rule for InfiniteLoopWithoutDuration {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for tg in ctx.active().filter(|e| is_core_thread_group(e)) {
            let Some(main) = tg.el.prop("ThreadGroup.main_controller") else { continue };
            let loops = literal_int(main.prop("LoopController.loops").map(|p| p.value.as_str()));
            if loops != Some(-1) {
                continue;
            }
            let scheduler = tg.el.bool_prop("ThreadGroup.scheduler") == Some(true);
            let duration = tg.el.str_prop("ThreadGroup.duration").unwrap_or("").trim();
            let has_duration = !duration.is_empty() && literal_int(Some(duration)).is_none_or(|d| d > 0);
            if (scheduler && has_duration) || ends_itself(ctx, tg) {
                continue;
            }
            let why = if scheduler { "the scheduler has no duration" } else { "no scheduler duration is set" };
            out.push(Finding::at(&META, tg, format!("thread group `{}` loops forever and {why}: the test never ends on its own", tg.el.testname)));
        }
    }
}
