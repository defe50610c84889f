//! HTTP configuration rules (MK2…, config family): cookie/cache managers, recorded headers,
//! hard-coded servers, timeouts.
use crate::rule::Rule;

pub static RULES: &[&dyn Rule] = &[];
