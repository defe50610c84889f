//! Configuration rules (MK…): managers, listeners, timers, thread groups, scripting, secrets.
mod heavy_listener;

use crate::rule::Rule;

pub static RULES: &[&dyn Rule] = &[&heavy_listener::HeavyListener];
