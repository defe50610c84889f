//! The table of rules: every rule of every family, in code order. A family's rules are listed
//! in its own `mod.rs`; adding a rule = one file there and one line in that list.
pub mod assertions;
pub mod config;
pub mod correlation;
pub mod http;

use std::sync::LazyLock;

use crate::rule::Rule;

pub static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let mut all: Vec<&'static dyn Rule> =
        correlation::RULES.iter().chain(assertions::RULES).chain(config::RULES).chain(http::RULES).copied().collect();
    all.sort_by_key(|r| r.meta().code);
    all
});
