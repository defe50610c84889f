//! Configuration rules (MK…): managers, listeners, timers, thread groups, scripting, secrets.
//!
//! Shared here: what a thread group, timer, listener, controller and JSR223/BeanShell element
//! are, literal numbers, and the edits that insert a property or delete an element.
mod absolute_csv_path;
mod beanshell_element;
mod debug_element;
mod disabled_element;
mod duplicate_sampler_name;
mod empty_controller;
mod heavy_listener;
mod infinite_loop_without_duration;
mod jsr223_interpolation;
mod jsr223_no_cache;
mod jsr223_not_groovy;
mod no_ramp_up;
mod no_think_time;
mod plain_text_secret;
mod timer_scope;


use crate::context::{Context, Elem};
pub(crate) use crate::context::{is_thread_group, whole_lines};
use crate::rule::{Edit, Rule};

pub static RULES: &[&dyn Rule] = &[
    &heavy_listener::HeavyListener,
    &debug_element::DebugElement,
    &beanshell_element::BeanShellElement,
    &jsr223_not_groovy::Jsr223NotGroovy,
    &jsr223_no_cache::Jsr223NoCache,
    &jsr223_interpolation::Jsr223Interpolation,
    &no_think_time::NoThinkTime,
    &timer_scope::TimerScope,
    &infinite_loop_without_duration::InfiniteLoopWithoutDuration,
    &no_ramp_up::NoRampUp,
    &absolute_csv_path::AbsoluteCsvPath,
    &duplicate_sampler_name::DuplicateSamplerName,
    &empty_controller::EmptyController,
    &disabled_element::DisabledElement,
    &plain_text_secret::PlainTextSecret,
];


/// The thread groups whose threads, ramp-up, loops and scheduler are JMeter's own properties.
pub(crate) fn is_core_thread_group(e: &Elem) -> bool {
    matches!(e.class(), "ThreadGroup" | "SetupThreadGroup" | "PostThreadGroup")
}

/// Timers: every JMeter and plugin timer class ends in `Timer`.
pub(crate) fn is_timer(e: &Elem) -> bool {
    e.class().ends_with("Timer")
}

/// Timers that pace throughput rather than add a pause, so their place in the tree is not a
/// per-step think time.
pub(crate) fn is_throughput_timer(e: &Elem) -> bool {
    let c = e.class();
    c.ends_with("ConstantThroughputTimer") || c.ends_with("PreciseThroughputTimer") || c.ends_with("VariableThroughputTimer")
        || c.ends_with("ThroughputShapingTimer") || c == "SyncTimer"
}

/// Listeners: result collectors (View Results Tree, Simple Data Writer, plugin collectors),
/// scripted and backend listeners, the summariser, Save Responses to a file.
pub(crate) fn is_listener(e: &Elem) -> bool {
    let c = e.class();
    c.ends_with("ResultCollector") || c.ends_with("Collector") || c.ends_with("Listener") || c.ends_with("Visualizer")
        || matches!(c, "Summariser" | "ResultSaver" | "kg.apc.jmeter.reporters.FlexibleFileWriter" | "kg.apc.jmeter.reporters.LoadosophiaUploader"
            | "kg.apc.jmeter.reporters.ConsoleStatusLogger" | "kg.apc.jmeter.reporters.AutoStop")
}

/// Logic controllers that run their children (not Module/Include controllers, which point
/// elsewhere, nor the Recording Controller, an empty placeholder by design).
pub(crate) fn is_logic_controller(e: &Elem) -> bool {
    let c = e.class();
    matches!(
        c,
        "GenericController" | "TransactionController" | "LoopController" | "IfController" | "WhileController"
            | "ForeachController" | "OnceOnlyController" | "InterleaveControl" | "RandomController"
            | "RandomOrderController" | "ThroughputController" | "RunTime" | "SwitchController"
            | "CriticalSectionController"
    ) || (c.contains('.') && c.ends_with("Controller"))
}

/// Module and Include controllers: they run elements this position does not show.
pub(crate) fn is_reference_controller(e: &Elem) -> bool {
    matches!(e.class(), "ModuleController" | "IncludeController")
}

/// JSR223 elements: sampler, pre/post-processor, assertion, timer, listener.
pub(crate) fn is_jsr223(e: &Elem) -> bool {
    e.class().starts_with("JSR223")
}

/// The inline script of a JSR223 element when it runs it: a script file, when set, wins.
pub(crate) fn inline_script<'a>(e: &Elem<'a>) -> Option<&'a magpie_core::jmx::doc::Property> {
    if e.el.str_prop("filename").is_some_and(|f| !f.trim().is_empty()) {
        return None;
    }
    e.el.prop("script").filter(|p| !p.value.trim().is_empty())
}

/// A plain integer (no `${…}`).
pub(crate) fn literal_int(v: Option<&str>) -> Option<i64> {
    v?.trim().parse().ok()
}


/// The edit that deletes an element and the `hashTree` of its children.
pub(crate) fn delete_element(ctx: &Context, e: &Elem) -> Edit {
    let end = e.el.tree_span.as_ref().map(|t| t.end).unwrap_or(e.el.span.end);
    Edit { range: whole_lines(ctx, e.el.span.start..end), replacement: String::new() }
}
