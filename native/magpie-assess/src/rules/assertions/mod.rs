//! Assertion rules (MA…): samplers whose failures would go unnoticed.
use crate::rule::Rule;

pub static RULES: &[&dyn Rule] = &[];
