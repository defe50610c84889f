//! PKCE: the authorization request sends code_challenge = base64url(SHA-256(code_verifier)) and
//! the token request later sends the verifier itself — a secret the page made up. The plan makes
//! a fresh verifier in a Groovy step before the authorization request, derives the challenge from
//! it, and sends the same verifier to the token endpoint.
mod common;
use common::entry;

use base64::Engine;
use magpie_har2jmx::{convert, correlate_report, Options};
use sha2::Digest;

#[test]
fn the_verifier_is_made_once_and_the_challenge_derived_from_it() {
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
    let code = "SplxlOBeZQQYbYS6WxSbIA";
    let login = serde_json::to_string(&format!(r#"<html><title>Signed in</title><a href="/cb?code={code}">continue</a></html>"#)).unwrap();
    let post = format!(r#","postData":{{"mimeType":"application/x-www-form-urlencoded","text":"grant_type=authorization_code&code={code}&code_verifier={verifier}"}}"#);
    let har = common::har(&[
        entry(
            "2024-01-02T03:04:05.000Z",
            "GET",
            &format!("http://auth.example/authorize?client_id=app&code_challenge={challenge}&code_challenge_method=S256"),
            "",
            "",
            "text/html",
            &login,
        ),
        entry("2024-01-02T03:04:07.000Z", "POST", "http://auth.example/token", "", &post, "application/json", r#""{\"access_token\":\"at\"}""#),
    ]);
    let report = correlate_report(har.clone().into_bytes(), "pkce.har", &Options::default()).unwrap();
    let by_kind = |k: &str| report.correlations.iter().filter(|c| c.kind == k).map(|c| c.value.as_str()).collect::<Vec<_>>();
    assert_eq!(by_kind("derived"), vec![challenge.as_str()], "{:#?}", report.correlations);
    assert_eq!(by_kind("extracted"), vec![code]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    let secret = report.correlations.iter().find(|c| c.value == verifier).expect("the verifier is handled");
    assert_eq!(secret.replacement, "${code_verifier}");

    let (jmx, _) = convert(har.as_bytes(), "pkce.har", &Options::default()).unwrap();
    assert!(jmx.contains("java.security.SecureRandom") && jmx.contains("(1..43)"), "{jmx}");
    assert!(jmx.contains("code_verifier=${code_verifier}") || jmx.contains("<stringProp name=\"Argument.value\">${code_verifier}</stringProp>"), "{jmx}");
    assert!(!jmx.contains(verifier) && !jmx.contains(&challenge));
}
