//! Cookies a page's script sets (`document.cookie`, js-cookie), which JMeter's Cookie Manager
//! cannot learn from `Set-Cookie`: one whose value a response issued is extracted there and handed
//! to the Cookie Manager by a script after the extractor; cookies the server set, and script
//! state no response issued (analytics ids), are left alone.
mod common;
use common::entry;

use magpie_har2jmx::{convert, correlate_report, Options};

fn recording(set_cookie_header: &str) -> String {
    let page = serde_json::to_string("<html><title>App</title></html>").unwrap();
    let login = serde_json::to_string(r#"{"token":"b627d05dcc11e0f51200904320ce1751"}"#).unwrap();
    // The common helper writes request headers only: the server cookie is set by a response
    // header given here as the page's (request side is what matters for what is sent back).
    let e1 = entry("2024-01-02T03:04:05.000Z", "GET", "http://app.example/app", "", "", "text/html", &page)
        .replacen(r#""headers":[{"name":"Content-Type","value":"text/html"}]"#, &format!(r#""headers":[{{"name":"Content-Type","value":"text/html"}},{set_cookie_header}]"#), 1);
    let post = r#","postData":{"mimeType":"application/json","text":"{\"username\":\"demo\"}"}"#;
    let e2 = entry("2024-01-02T03:04:06.000Z", "POST", "http://app.example/api/login", "", post, "application/json", &login);
    let cookie = r#"{"name":"Cookie","value":"sid=Zk3LpQ9xW2mN7vB4; api_token=b627d05dcc11e0f51200904320ce1751; _ga=GA1.1.1234567890.1704164645"}"#;
    let e3 = entry("2024-01-02T03:04:07.000Z", "GET", "http://app.example/api/profile", cookie, "", "application/json", r#""{}""#);
    common::har(&[e1, e2, e3])
}

#[test]
fn a_token_the_script_keeps_in_a_cookie_reaches_the_cookie_manager() {
    let text = recording(r#"{"name":"Set-Cookie","value":"sid=Zk3LpQ9xW2mN7vB4; Path=/"}"#);
    let report = correlate_report(text.clone().into_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(report.correlations.len(), 1, "{:?}", report.correlations);
    let c = &report.correlations[0];
    assert_eq!(c.value, "b627d05dcc11e0f51200904320ce1751");
    assert_eq!((c.uses[0].location.as_str(), c.uses[0].name.as_str()), ("cookie", "api_token"));
    assert!(report.rejected.is_empty(), "script state with no origin is not reported: {:?}", report.rejected);

    let (jmx, summary) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(summary.correlations[0].cookies, ["api_token"], "the summary says which cookie");
    assert!(jmx.contains(r#"testname="Set cookie api_token""#), "{jmx}");
    assert!(jmx.contains("Cookie(&apos;api_token&apos;, value, vars.get(&apos;host&apos;), &apos;/&apos;, false, 0)"), "{jmx}");
    assert!(!jmx.contains("Set cookie sid") && !jmx.contains("Set cookie _ga"), "{jmx}");
}

/// WebPageTest splits a second Set-Cookie line at its first `:`, so the cookie appears as a
/// header *name*; it is still a cookie the server set.
#[test]
fn a_set_cookie_line_an_exporter_split_is_still_the_servers() {
    let text = recording(r#"{"name":"Set-Cookie","value":"other=1"},{"name":"sid=Zk3LpQ9xW2mN7vB4;Path=/;Expires=Wed, 30 Sep 2015 12","value":"00:00 GMT"}"#);
    let report = correlate_report(text.into_bytes(), "t.har", &Options::default()).unwrap();
    let values: Vec<&str> = report.correlations.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["b627d05dcc11e0f51200904320ce1751"], "sid is the server's cookie");
}
