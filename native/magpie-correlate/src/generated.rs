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
    /// A random number the page made (`Math.random()`, a numeric request id): see
    /// [`random_function`].
    Random,
}

impl ClientKind {
    /// The JMeter function that makes a fresh value of this kind.
    pub fn function(self) -> &'static str {
        match self {
            ClientKind::Uuid => "${__UUID()}",
            ClientKind::EpochMillis => "${__time()}",
            ClientKind::EpochSeconds => "${__time(/1000,)}",
            // Named or shaped per value: see `Generated::function`, [`random_function`].
            ClientKind::Secret | ClientKind::Random => "",
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

/// Parameter names pages use for values they make up at random (`rnd`, `rand`, `random`, `cb`,
/// `cachebuster`, `nonce`, `requestId`, `rid`, `traceId`).
fn random_name(name: &str) -> bool {
    let n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    matches!(n.as_str(), "rnd" | "rand" | "random" | "r" | "cb" | "cachebuster" | "nonce" | "rid" | "requestid" | "reqid" | "traceid" | "spanid")
}

/// A random value the client made up, with the JMeter function that makes another like it: a
/// `Math.random()` fraction (`0.1234…`) always; a number of 6+ digits or a hex/alphanumeric
/// string of 8+ characters when the field's name says random (`rnd`, `cb`, `requestId`…) or a
/// second recording shows it differs. None otherwise.
pub fn random_function(value: &str, name: &str, differs: bool) -> Option<String> {
    let b = value.as_bytes();
    if b.len() >= 10 && value.starts_with("0.") && b[2..].iter().all(u8::is_ascii_digit) {
        return Some("${__groovy(Math.random(),)}".to_string());
    }
    if !(differs || random_name(name)) {
        return None;
    }
    let n = b.len();
    if n >= 6 && n <= 18 && b.iter().all(u8::is_ascii_digit) && b[0] != b'0' {
        let low = format!("1{}", "0".repeat(n - 1));
        let high = "9".repeat(n);
        return Some(format!("${{__Random({low},{high},)}}"));
    }
    if n >= 8 && b.iter().all(u8::is_ascii_alphanumeric) {
        let alphabet = if b.iter().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c)) {
            "0123456789abcdef"
        } else if b.iter().all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)) {
            "0123456789ABCDEF"
        } else {
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        };
        return Some(format!("${{__RandomString({n},{alphabet},)}}"));
    }
    None
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

    #[test]
    fn random_values_get_functions_of_their_shape() {
        assert_eq!(random_function("0.9292998283727321", "e", false).as_deref(), Some("${__groovy(Math.random(),)}"));
        assert_eq!(random_function("8394729384", "rnd", false).as_deref(), Some("${__Random(1000000000,9999999999,)}"));
        assert_eq!(random_function("8394729384", "orderNo", false), None, "a plain number is not random by itself");
        assert_eq!(random_function("8394729384", "orderNo", true).as_deref(), Some("${__Random(1000000000,9999999999,)}"));
        assert_eq!(random_function("9f3ab2c4d5e6", "requestId", false).as_deref(), Some("${__RandomString(12,0123456789abcdef,)}"));
        assert_eq!(random_function("Ab3dE9xQ", "cb", false).as_deref(), Some("${__RandomString(8,abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,)}"));
    }
}
