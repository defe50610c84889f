//! MC107 epoch-timestamp-literal
use std::time::{SystemTime, UNIX_EPOCH};

use super::{name_words, pairs, Place};
use crate::context::Context;
use crate::rule::{Applicability, Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds Unix timestamps recorded into requests: a 13-digit (milliseconds) value, or a 10-digit
/// (seconds) value under a time-like name (`_`, `t`, `ts`, `time`, `timestamp`, `nocache`,
/// `cb`…), within 20 years of now, in a query, parameter or body field.
///
/// ## Why it matters
/// Cache busters like jQuery's `_=1700000000000` exist to make every request unique; a fixed
/// value lets caches and CDNs answer instead of the server, so the test measures the cache.
/// Time-stamped APIs may also reject old timestamps. `${__time()}` sends the current time.
pub struct EpochTimestampLiteral;

static META: RuleMeta = RuleMeta {
    code: "MC107",
    name: "epoch-timestamp-literal",
    family: Family::Correlation,
    severity: Severity::Warning,
    summary: "a recorded Unix timestamp (cache buster, `ts`) is sent as a literal",
    why: "A fixed cache buster lets caches answer instead of the server, and time-checked APIs reject stale timestamps; send the current time instead.",
    fix: Some("replace the literal with `${__time()}` (13 digits) or `${__time(/1000,)}` (10 digits); unsafe"),
};

const TIME_WORDS: &[&str] = &["t", "ts", "time", "timestamp", "nocache", "cb", "cachebuster", "cache", "buster", "now", "rnd", "epoch", "stamp"];

fn time_name(name: &str) -> bool {
    let words = name_words(name);
    name.trim().chars().all(|c| c == '_') || words.iter().any(|w| TIME_WORDS.contains(&w.as_str()) || w.ends_with("time") || w.ends_with("timestamp"))
}

/// Seconds now.
fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(1_700_000_000)
}

/// Whether `v` is a 10- or 13-digit epoch within 20 years of `now` (seconds).
pub(crate) fn epoch(v: &str, now: i64, allow_seconds: bool) -> bool {
    const TWENTY_YEARS: i64 = 20 * 365 * 86_400;
    if !v.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let secs = match v.len() {
        13 => v.parse::<i64>().map(|x| x / 1000).ok(),
        10 if allow_seconds => v.parse::<i64>().ok(),
        _ => None,
    };
    secs.is_some_and(|s| (s - now).abs() <= TWENTY_YEARS)
}

impl Rule for EpochTimestampLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let now = now();
        for p in pairs(ctx) {
            if matches!(p.place, Place::Header | Place::Cookie | Place::PathSegment | Place::Matrix) {
                continue;
            }
            let v = p.value.as_str();
            if !epoch(v, now, time_name(&p.name)) {
                continue;
            }
            let function = if v.len() == 13 { "${__time()}" } else { "${__time(/1000,)}" };
            let e = &ctx.elems[p.elem];
            let mut f = Finding::at(&META, e, format!("{} sends the recorded timestamp `{v}`; use `{function}`", p.describe()));
            if let Some(edit) = p.replace(ctx, function) {
                f = f.with_fix(Applicability::Unsafe, format!("replace `{v}` with `{function}`"), vec![edit]);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn epochs() {
        let now = 1_750_000_000;
        assert!(super::epoch("1700000000000", now, false));
        assert!(super::epoch("1700000000", now, true));
        assert!(!super::epoch("1700000000", now, false));
        assert!(!super::epoch("0000000000000", now, false));
        assert!(!super::epoch("9999999999", now, true));
        assert!(super::time_name("_") && super::time_name("ts") && super::time_name("requestTime") && !super::time_name("phone"));
    }
}
