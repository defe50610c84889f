//! The synthetic recording covers each correlation case the walking skeleton must handle:
//! hidden form field, meta tag, token in a response header, JSON id, code in a redirect Location.
use std::path::PathBuf;

use magpie_har2jmx::{convert, Options};

fn fixture(name: &str) -> (Vec<u8>, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../jmeter-fixtures/har").join(name);
    (std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())), name.to_string())
}

#[test]
fn synthetic_plan_snapshot() {
    let (bytes, name) = fixture("synthetic-correlation.har");
    let (jmx, _) = convert(&bytes, &name, &Options::default()).unwrap();
    insta::assert_snapshot!("synthetic_correlation_jmx", jmx);
}

#[test]
fn synthetic_correlations() {
    let (bytes, name) = fixture("synthetic-correlation.har");
    let (jmx, summary) = convert(&bytes, &name, &Options::default()).unwrap();
    let found: Vec<(&str, &str, usize)> =
        summary.correlations.iter().map(|c| (c.variable.as_str(), c.value.as_str(), c.origin_entry)).collect();
    assert_eq!(
        found,
        vec![
            ("csrf_token", "Hf83Jd92Kq1Lz", 0),
            ("csrf_token_2", "Mc9Xk2Lq7Zp4Rt", 0),
            ("code", "Cd7Yh3Nm9Qw2", 2),
            ("x_auth_token", "At5Gh8Jk2Lm4Np6", 3),
            ("cart_id", "c-4f9e2a71", 5),
            ("session_id", "s-91ab77cd", 4),
        ]
    );
    // No recorded dynamic literal survives outside its extractor's own response.
    for c in &summary.correlations {
        assert!(!jmx.contains(&c.value), "{} still literal in the plan", c.value);
    }
    // The redirect hop is followed by JMeter, not emitted twice; static and third-party dropped.
    assert_eq!((summary.samplers, summary.skipped_redirect, summary.skipped_static, summary.skipped_domain), (6, 1, 1, 2));
    assert_eq!(summary.transactions, 3);
    // The code comes from a redirect hop before the last one: the extractor must read sub-samples.
    assert!(jmx.contains("<stringProp name=\"Sample.scope\">all</stringProp>"));
    // Typed by the user: never correlated.
    assert!(jmx.contains("<stringProp name=\"Argument.value\">alice</stringProp>"));
}

#[test]
fn without_correlation_values_stay_literal() {
    let (bytes, name) = fixture("synthetic-correlation.har");
    let opts = Options { correlate: false, ..Options::default() };
    let (jmx, summary) = convert(&bytes, &name, &opts).unwrap();
    assert!(summary.correlations.is_empty());
    assert!(jmx.contains("/api/cart/c-4f9e2a71/items?session=s-91ab77cd"));
    assert!(!jmx.contains("Extractor"));
}

#[test]
fn domain_options() {
    let (bytes, name) = fixture("synthetic-correlation.har");
    let opts = Options { include_domains: vec!["*.other.test".into(), "shop.test".into()], keep_static: true, ..Options::default() };
    let (jmx, summary) = convert(&bytes, &name, &opts).unwrap();
    assert_eq!((summary.samplers, summary.skipped_domain, summary.skipped_static), (9, 0, 0));
    assert!(jmx.contains("${__P(host_2,cdn.other.test)}"), "second server gets its own variables");
    let opts = Options { exclude_domains: vec!["shop.test".into()], ..Options::default() };
    let (_, summary) = convert(&bytes, &name, &opts).unwrap();
    assert_eq!(summary.samplers, 0);
    assert!(summary.warnings.iter().any(|w| w.contains("filtered out")));
}

#[test]
fn think_times_and_switch() {
    let (bytes, name) = fixture("synthetic-correlation.har");
    let (jmx, _) = convert(&bytes, &name, &Options::default()).unwrap();
    // Page 1 ends at 10:00:00.120, page 2 starts at 10:00:05.000.
    assert!(jmx.contains("${__P(think_ms,4880)}"), "recorded gap becomes the default pause");
    let (jmx, _) = convert(&bytes, &name, &Options { think_times: false, ..Options::default() }).unwrap();
    assert!(!jmx.contains("TestAction"));
}
