//! MK113 empty-controller
use super::{is_logic_controller, is_reference_controller};
use crate::context::{Context, Elem};
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds enabled logic controllers (Simple, Transaction, Loop, If, While, ForEach, Once Only,
/// Interleave, Random, Throughput, Runtime, Switch, Critical Section, plugin controllers) that
/// contain no enabled sampler, Module Controller or Include Controller, so they run nothing.
/// Only the outermost of nested empty controllers is reported. The Recording Controller, empty
/// until something is recorded, is left alone.
///
/// ## Why it matters
/// An empty controller is a step that was disabled, moved or never filled in: it clutters
/// the tree, and an empty Transaction Controller reports nothing where a reader expects a
/// transaction. A controller holding only a timer (an "If … then sleep") never pauses:
/// timers, like processors and assertions, run only with a sampler in their scope.
pub struct EmptyController;

static META: RuleMeta = RuleMeta {
    code: "MK113",
    name: "empty-controller",
    family: Family::Config,
    severity: Severity::Info,
    summary: "a controller contains no enabled sampler",
    why: "A controller with nothing to run is left-over clutter, or a step that silently no longer happens.",
    fix: None,
};

fn is_empty(ctx: &Context, c: &Elem) -> bool {
    is_logic_controller(c) && !ctx.descendants(c).any(|d| d.active && (d.is_sampler() || is_reference_controller(d)))
}

impl Rule for EmptyController {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for c in ctx.active().filter(|c| is_empty(ctx, c)) {
            if c.ancestors.iter().any(|&a| ctx.elems[a].active && is_empty(ctx, &ctx.elems[a])) {
                continue;
            }
            let inside = ctx.descendants(c).filter(|d| d.active).count();
            let message = if ctx.children(c).next().is_some() && inside == 0 {
                format!("controller `{}` holds only disabled elements: it runs nothing", c.el.testname)
            } else if inside == 0 {
                format!("controller `{}` is empty: it runs nothing", c.el.testname)
            } else {
                format!(
                    "controller `{}` contains no enabled sampler, so it runs no step; its {inside} element(s) do nothing here (timers, processors and assertions act only around samplers)",
                    c.el.testname
                )
            };
            out.push(Finding::at(&META, c, message));
        }
    }
}
