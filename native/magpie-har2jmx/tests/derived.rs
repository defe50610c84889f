//! A request signed by the page (SHA-256 of the session token in a header, MD5 of nonce:token
//! in the query) is rebuilt by a Groovy JSR223 PreProcessor from the extracted values
//! (jmeter-fixtures/har/signed-requests.har; the SaveService round trip also loads its plan).
use std::path::Path;

use magpie_har2jmx::{convert, correlate_report, Options};

#[test]
fn signatures_are_rebuilt_from_extracted_values() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../jmeter-fixtures/har/signed-requests.har");
    let bytes = std::fs::read(&path).unwrap();
    let report = correlate_report(bytes.clone(), "signed-requests.har", &Options::default()).unwrap();
    let derived: Vec<_> = report.correlations.iter().filter(|c| c.kind == "derived").collect();
    assert_eq!(derived.len(), 2, "{:#?}", report.correlations);
    // The token no request sends as is gets an extractor of its own; the nonce just one.
    let extracted: Vec<&str> = report.correlations.iter().filter(|c| c.kind == "extracted").map(|c| c.variable.as_str()).collect();
    assert_eq!(extracted, vec!["nonce", "session_token"]);
    assert!(derived.iter().any(|d| d.why.starts_with("SHA-256 of ${session_token}")), "{derived:#?}");
    assert!(derived.iter().any(|d| d.why.starts_with("MD5 of ${nonce}, ${session_token} (joined by \":\")")), "{derived:#?}");

    let (jmx, _) = convert(&bytes, "signed-requests.har", &Options::default()).unwrap();
    assert_eq!(jmx.matches("<JSR223PreProcessor").count(), 2);
    assert!(jmx.contains("MessageDigest.getInstance(&apos;SHA-256&apos;)"), "{jmx}");
    assert!(!jmx.contains(&report.correlations.iter().find(|c| c.kind == "derived").unwrap().value), "a signature is still literal");
}
