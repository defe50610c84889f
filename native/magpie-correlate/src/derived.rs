//! Derived values: a request value that is a digest (MD5, SHA-1, SHA-256; hex in either case,
//! base64 or base64url) of values the journey already extracted, alone or two joined by a
//! common separator. The plan rebuilds it before the request with a JSR223 (Groovy) step.
use base64::Engine;
use md5::{Digest as _, Md5};
use serde::Serialize;
use sha1::Sha1;
use sha2::Sha256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Algorithm {
    #[serde(rename = "MD5")]
    Md5,
    #[serde(rename = "SHA-1")]
    Sha1,
    #[serde(rename = "SHA-256")]
    Sha256,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    HexLower,
    HexUpper,
    Base64,
    Base64Url,
}

/// How to rebuild a value: `algorithm(inputs joined by separator)`, encoded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recipe {
    pub algorithm: Algorithm,
    pub encoding: Encoding,
    /// JMeter variables, in order.
    pub inputs: Vec<String>,
    pub separator: String,
}

/// How many of the latest known values are combined in pairs.
const PAIR_WINDOW: usize = 40;

const SEPARATORS: &[&str] = &["", ":", "|", ".", "&", "-", "_"];

fn digest(alg: Algorithm, data: &[u8]) -> Vec<u8> {
    match alg {
        Algorithm::Md5 => Md5::digest(data).to_vec(),
        Algorithm::Sha1 => Sha1::digest(data).to_vec(),
        Algorithm::Sha256 => Sha256::digest(data).to_vec(),
    }
}

fn encode(enc: Encoding, bytes: &[u8]) -> String {
    match enc {
        Encoding::HexLower => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        Encoding::HexUpper => bytes.iter().map(|b| format!("{b:02X}")).collect(),
        Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
        Encoding::Base64Url => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
    }
}

/// The encodings a value of this shape could be, for the digest lengths known (16, 20, 32 bytes).
fn shapes(v: &str) -> Vec<(Algorithm, Encoding)> {
    let hex = v.bytes().all(|b| b.is_ascii_hexdigit());
    let alg_for_hex = match v.len() {
        32 => Some(Algorithm::Md5),
        40 => Some(Algorithm::Sha1),
        64 => Some(Algorithm::Sha256),
        _ => None,
    };
    let mut out = vec![];
    if let (true, Some(a)) = (hex, alg_for_hex) {
        let enc = if v.bytes().any(|b| b.is_ascii_uppercase()) { Encoding::HexUpper } else { Encoding::HexLower };
        out.push((a, enc));
    }
    let b64 = |n_pad: usize, n_url: usize, a: Algorithm| {
        let mut o = vec![];
        if v.len() == n_pad {
            o.push((a, Encoding::Base64));
        }
        if v.len() == n_url {
            o.push((a, Encoding::Base64Url));
        }
        o
    };
    out.extend(b64(24, 22, Algorithm::Md5));
    out.extend(b64(28, 27, Algorithm::Sha1));
    out.extend(b64(44, 43, Algorithm::Sha256));
    out
}

/// Whether `value` could be a digest at all (length and alphabet of a hex or base64 MD5,
/// SHA-1 or SHA-256).
pub fn has_digest_shape(value: &str) -> bool {
    !shapes(value).is_empty()
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
}

/// A recipe that rebuilds `value` from `known` (variable, value) pairs, oldest first, or None.
/// Tries each known value alone, then every ordered pair of the latest [`PAIR_WINDOW`] with each
/// separator.
pub fn find(value: &str, known: &[(String, String)]) -> Option<Recipe> {
    let shapes = shapes(value);
    if shapes.is_empty() || known.is_empty() {
        return None;
    }
    let matches = |input: &str| shapes.iter().copied().find(|(a, e)| encode(*e, &digest(*a, input.as_bytes())) == value);
    for (var, v) in known {
        if let Some((algorithm, encoding)) = matches(v) {
            return Some(Recipe { algorithm, encoding, inputs: vec![var.clone()], separator: String::new() });
        }
    }
    // Pairs among the most recent values only: a signature combines what the journey has just
    // been given, and all pairs of a long recording would be quadratic (with seven separators).
    let recent = &known[known.len().saturating_sub(PAIR_WINDOW)..];
    for (a_var, a) in recent {
        for (b_var, b) in recent {
            if a_var == b_var {
                continue;
            }
            for sep in SEPARATORS {
                if let Some((algorithm, encoding)) = matches(&format!("{a}{sep}{b}")) {
                    return Some(Recipe { algorithm, encoding, inputs: vec![a_var.clone(), b_var.clone()], separator: sep.to_string() });
                }
            }
        }
    }
    None
}

impl Recipe {
    /// A Groovy script (for a JSR223 PreProcessor, cache on: no `${}` inside) that puts the
    /// rebuilt value into `target`.
    pub fn groovy(&self, target: &str, secrets: &[(String, usize)]) -> String {
        let quote = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
        // Secrets the page made up (a PKCE verifier): a fresh one per iteration, same alphabet.
        let mut prelude = String::new();
        if !secrets.is_empty() {
            prelude.push_str("def alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'\n");
            prelude.push_str("def rnd = new java.security.SecureRandom()\n");
        }
        for (var, len) in secrets {
            prelude.push_str(&format!(
                "vars.put({}, (1..{len}).collect {{ alphabet[rnd.nextInt(alphabet.length())] }}.join())\n",
                quote(var)
            ));
        }
        let input = self.inputs.iter().map(|v| format!("vars.get({})", quote(v))).collect::<Vec<_>>().join(&format!(" + {} + ", quote(&self.separator)));
        let algorithm = serde_json::to_value(self.algorithm).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let encode = match self.encoding {
            Encoding::HexLower => "digest.encodeHex().toString()",
            Encoding::HexUpper => "digest.encodeHex().toString().toUpperCase()",
            Encoding::Base64 => "digest.encodeBase64().toString()",
            Encoding::Base64Url => "java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest)",
        };
        prelude
            + &format!(
            "// Rebuilds a value the page computed: {algorithm} of {} (Magpie found it in the recording).\n\
             def input = {input}\n\
             def digest = java.security.MessageDigest.getInstance({}).digest(input.getBytes('UTF-8'))\n\
             vars.put({}, {encode})\n",
            self.inputs.join(&format!(" + \"{}\" + ", self.separator)),
            quote(&algorithm),
            quote(target)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<(String, String)> {
        vec![("token".into(), "k9x7Qz4mN2pL8vR1sT".into()), ("nonce".into(), "a1b2c3d4e5".into())]
    }

    #[test]
    fn single_inputs_pairs_and_encodings() {
        let sha = encode(Encoding::HexLower, &digest(Algorithm::Sha256, b"k9x7Qz4mN2pL8vR1sT"));
        assert_eq!(find(&sha, &known()), Some(Recipe { algorithm: Algorithm::Sha256, encoding: Encoding::HexLower, inputs: vec!["token".into()], separator: "".into() }));
        let md5 = encode(Encoding::HexUpper, &digest(Algorithm::Md5, b"a1b2c3d4e5:k9x7Qz4mN2pL8vR1sT"));
        let r = find(&md5, &known()).unwrap();
        assert_eq!((r.algorithm, r.encoding, r.inputs.clone(), r.separator.as_str()), (Algorithm::Md5, Encoding::HexUpper, vec!["nonce".to_string(), "token".to_string()], ":"));
        let b64url = encode(Encoding::Base64Url, &digest(Algorithm::Sha256, b"k9x7Qz4mN2pL8vR1sT"));
        assert_eq!(find(&b64url, &known()).unwrap().encoding, Encoding::Base64Url);
        // Something of a digest's shape that is no digest of what we know.
        assert_eq!(find(&"ab".repeat(16), &known()), None);
        let script = r.groovy("sig", &[]);
        assert!(script.contains("MessageDigest.getInstance('MD5')") && script.contains("vars.put('sig'") && !script.contains("${"), "{script}");
    }
}
