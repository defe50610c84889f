//! Client-generated values: what a browser script makes up itself (request ids, cache busters,
//! client timestamps) rather than receives. They have no origin in any response; a replay must
//! make up a fresh one the same way, with a JMeter function.
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    Uuid,
    EpochMillis,
    EpochSeconds,
    /// A random secret the page made and hashed earlier in the journey (a PKCE code verifier):
    /// made by the digest step's script, sent as its variable.
    Secret,
}

impl ClientKind {
    /// The JMeter function that makes a fresh value of this kind.
    pub fn function(self) -> &'static str {
        match self {
            ClientKind::Uuid => "${__UUID()}",
            ClientKind::EpochMillis => "${__time()}",
            ClientKind::EpochSeconds => "${__time(/1000,)}",
            // Named per value: see `Generated::function`.
            ClientKind::Secret => "",
        }
    }
}

/// How far a timestamp may be from the request that sends it (the page may have been open a
/// while before the request).
const DAY_MS: i64 = 24 * 3600 * 1000;

/// The kind of a value a client generated: a UUID (8-4-4-4-12 hex digits), or an epoch time in
/// milliseconds (13 digits) or seconds (10 digits) within a day of `sent_at_ms`, the time the
/// request was sent. None for anything else, and for times when the sending time is unknown.
pub fn classify(value: &str, sent_at_ms: Option<i64>) -> Option<ClientKind> {
    let b = value.as_bytes();
    if b.len() == 36
        && b.iter().enumerate().all(|(i, c)| if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_hexdigit() })
    {
        return Some(ClientKind::Uuid);
    }
    let sent = sent_at_ms?;
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: i64 = value.parse().ok()?;
    match b.len() {
        13 if (n - sent).abs() <= DAY_MS => Some(ClientKind::EpochMillis),
        10 if (n * 1000 - sent).abs() <= DAY_MS => Some(ClientKind::EpochSeconds),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_and_times_near_the_request() {
        let sent = Some(1_453_756_870_500);
        assert_eq!(classify("93c43bec-27b0-4a77-b265-e51eab5d0c6e", None), Some(ClientKind::Uuid));
        assert_eq!(classify("1453756870123", sent), Some(ClientKind::EpochMillis));
        assert_eq!(classify("1453756870", sent), Some(ClientKind::EpochSeconds));
        // Far from the request: an id that happens to have 13 digits, not a clock.
        assert_eq!(classify("1999999999999", sent), None);
        assert_eq!(classify("1453756870", None), None);
        assert_eq!(classify("93c43bec27b04a77b265e51eab5d0c6e", None), None);
        assert_eq!(classify("g3c43bec-27b0-4a77-b265-e51eab5d0c6e", None), None);
    }
}
