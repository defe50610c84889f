//! Short ids: alone, a short number is correlated only from a JSON id field; with `--second`, one
//! that differs is correlated, one that is the same in both recordings (the item the user
//! chose) is not; a value the user typed, equal in both, is static (not reported as a problem).
mod common;
use common::entry;

use magpie_har2jmx::{convert, correlate_report, Options};

fn recording(order_id: u32) -> String {
    let order = serde_json::to_string(&format!(r#"{{"order": {{"id": {order_id}, "total": 12.5}}}}"#)).unwrap();
    let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"q=teapot-123x"}"#;
    common::har(&[
        entry("2024-01-02T03:04:05.000Z", "POST", "http://shop.example/api/orders", "", post, "application/json", &order),
        entry("2024-01-02T03:04:07.000Z", "GET", &format!("http://shop.example/orders/{order_id}"), "", "", "text/html", r#""<html><title>Order</title></html>""#),
    ])
}

#[test]
fn a_second_recording_finds_short_ids_and_clears_typed_values() {
    let dir = std::env::temp_dir().join(format!("magpie-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let second = dir.join("rec2.har");
    std::fs::write(&second, recording(57)).unwrap();
    let first = recording(42);

    let alone = correlate_report(first.clone().into_bytes(), "rec1.har", &Options::default()).unwrap();
    assert_eq!(alone.correlations.len(), 1, "42 came from the JSON id field: {:?}", alone.correlations);
    assert!(alone.correlations[0].origin.as_ref().unwrap().place.contains("$.order.id"));
    assert_eq!(alone.rejected.iter().map(|r| r.value.as_str()).collect::<Vec<_>>(), vec!["teapot-123x"]);

    let opts = Options { second_har: Some(second.clone()), ..Default::default() };
    let both = correlate_report(first.clone().into_bytes(), "rec1.har", &opts).unwrap();
    assert_eq!(both.correlations.len(), 1, "{:?}", both.correlations);
    assert_eq!(both.correlations[0].value, "42");
    assert!(both.correlations[0].origin.as_ref().unwrap().place.contains("$.order.id"));
    assert!(both.rejected.is_empty(), "{:?}", both.rejected);
    assert_eq!(both.unchanged, vec!["teapot-123x".to_string()]);

    let (jmx, _) = convert(first.as_bytes(), "rec1.har", &opts).unwrap();
    assert!(jmx.contains("/orders/${order_id}"), "the path should use the extracted id");

    std::fs::write(&second, recording(42)).unwrap();
    let same = correlate_report(first.clone().into_bytes(), "rec1.har", &opts).unwrap();
    assert!(same.correlations.is_empty(), "the same id in both recordings was chosen: {:?}", same.correlations);

    let missing = Options { second_har: Some(dir.join("nope.har")), ..Default::default() };
    assert!(convert(first.as_bytes(), "rec1.har", &missing).unwrap_err().to_string().contains("nope.har"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A value no response issued that differs between the two recordings is reported as dynamic
/// with that evidence in its reason (it is not silently kept as recorded).
#[test]
fn a_differing_value_without_origin_is_reported_as_dynamic() {
    let rec = |q: &str| {
        let post = format!(r#","postData":{{"mimeType":"application/x-www-form-urlencoded","text":"q={q}"}}"#);
        common::har(&[entry("2024-01-02T03:04:05.000Z", "POST", "http://shop.example/search", "", &post, "text/html", r#""<html></html>""#)])
    };
    let dir = std::env::temp_dir().join(format!("magpie-diff-reason-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let second = dir.join("rec2.har");
    std::fs::write(&second, rec("kettle-456y")).unwrap();
    let opts = Options { second_har: Some(second), ..Default::default() };
    let report = correlate_report(rec("teapot-123x").into_bytes(), "rec1.har", &opts).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(report.rejected.len(), 1, "{:?}", report.rejected);
    assert!(report.rejected[0].reason.contains("differs between the two recordings"), "{:?}", report.rejected);
}
