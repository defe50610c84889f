//! MC105 bearer-literal
use super::{is_jwt, is_literal, pairs, short, Place};
use crate::context::Context;
use crate::rule::{Family, Finding, Rule, RuleMeta, Severity};

/// ## What it does
/// Finds `Authorization: Bearer …` headers whose token is a literal: a JSON Web Token
/// (`eyJ…`) or any opaque token of 16+ characters. For a JWT with an `exp` claim the message
/// says when it expired.
///
/// ## Why it matters
/// Access tokens are short-lived and belong to the recorded user. Replayed, every request is
/// a 401 once the token expires (usually minutes after recording), and until then all
/// virtual users act as one user. Extract the token from the login/token response and send
/// `Bearer ${access_token}`.
pub struct BearerLiteral;

static META: RuleMeta = RuleMeta {
    code: "MC105",
    name: "bearer-literal",
    family: Family::Correlation,
    severity: Severity::Error,
    summary: "an `Authorization: Bearer` header carries a recorded token",
    why: "Bearer tokens expire within minutes or hours and identify one user; a recorded token turns the test into 401s or one user's traffic.",
    fix: None,
};

impl Rule for BearerLiteral {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for p in pairs(ctx) {
            if p.place != Place::Header || !p.name.eq_ignore_ascii_case("authorization") {
                continue;
            }
            let v = p.value.trim();
            let Some(token) = v.get(..7).filter(|s| s.eq_ignore_ascii_case("bearer ")).map(|_| v[7..].trim()) else { continue };
            if !is_literal(token) || token.len() < 16 {
                continue;
            }
            let what = if is_jwt(token) {
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
                match jwt_exp(token) {
                    Some(exp) if exp < now => format!("a recorded JWT that expired on {}", civil(exp)),
                    Some(exp) => format!("a recorded JWT that expires on {}", civil(exp)),
                    None => "a recorded JWT".to_string(),
                }
            } else {
                "a recorded token".to_string()
            };
            let e = &ctx.elems[p.elem];
            out.push(Finding::at(
                &META,
                e,
                format!("`Authorization: Bearer {}` is {what}; extract it from the token response and send `Bearer ${{access_token}}`", short(token)),
            ));
        }
    }
}

/// The `exp` claim (seconds since the epoch) of a JWT's payload.
fn jwt_exp(token: &str) -> Option<i64> {
    let payload = base64url(token.split('.').nth(1)?)?;
    let json: serde_json::Value = serde_json::from_slice(&payload).ok()?;
    json.get("exp")?.as_i64()
}

fn base64url(s: &str) -> Option<Vec<u8>> {
    let mut out = vec![];
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// `2024-05-01` for seconds since the epoch (UTC).
fn civil(secs: i64) -> String {
    // Howard Hinnant's days-to-civil.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn exp_and_dates() {
        assert_eq!(super::civil(0), "1970-01-01");
        assert_eq!(super::civil(1_714_521_600), "2024-05-01");
        // {"alg":"HS256"}.{"sub":"1","exp":1714521600}
        assert_eq!(super::jwt_exp("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjoxNzE0NTIxNjAwfQ.sig"), Some(1_714_521_600));
    }
}
