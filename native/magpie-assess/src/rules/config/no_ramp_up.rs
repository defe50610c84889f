//! MK110 no-ramp-up
use super::{is_core_thread_group, literal_int};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds thread groups that start 10 or more threads (a literal number) with a ramp-up period
/// of 0 seconds.
///
/// ## Why it matters
/// All threads start in the same instant: the server sees a spike of simultaneous logins and
/// cold caches that no real traffic produces, connection pools and the load generator itself
/// saturate, and the first minute of results measures the stampede, not the system.
pub struct NoRampUp;

static META: RuleMeta = RuleMeta {
    code: "MK110",
    name: "no-ramp-up",
    family: Family::Config,
    severity: Severity::Warning,
    summary: "many threads start at once (ramp-up 0)",
    why: "Starting every thread in the same second is a stampede no real traffic makes; it saturates pools and skews the first results.",
    fix: None,
};

pub const MANY_THREADS: i64 = 10;

impl Rule for NoRampUp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for tg in ctx.active().filter(|e| is_core_thread_group(e)) {
            let Some(threads) = literal_int(tg.el.str_prop("ThreadGroup.num_threads")) else { continue };
            let ramp = tg.el.str_prop("ThreadGroup.ramp_time").map(str::trim);
            if threads < MANY_THREADS || !(ramp == Some("") || literal_int(ramp) == Some(0)) {
                continue;
            }
            out.push(Finding::at(
                &META,
                tg,
                format!("thread group `{}` starts {threads} threads at once (ramp-up 0); spread them over a ramp-up period", tg.el.testname),
            ));
        }
    }
}
