//! Correlation rules (MC…): hard-coded dynamic values, variables and their extractors.
mod undefined_variable;

use crate::rule::Rule;

pub static RULES: &[&dyn Rule] = &[&undefined_variable::UndefinedVariable];
