//! A token a page issues URL-encoded is extracted encoded and decoded in the plan; a request id
//! (UUID) and a cache buster (epoch ms) that no response issued are made fresh by functions.
use magpie_har2jmx::{convert, correlate_report, Options};

mod common;
use common::entry;

fn har() -> String {
    let page = serde_json::to_string(r#"<html><head><title>Shop</title></head><body><a id="go" data-token="k9%2Fx7Qz%2B4mN2pL8vR1sT" href="/next">next</a></body></html>"#).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "GET", "http://shop.example/page", "", "", "text/html", &page);
    let post = r#","postData":{"mimeType":"application/json","text":"{\"token\":\"k9/x7Qz+4mN2pL8vR1sT\"}"}"#;
    let e2 = entry(
        "2024-01-02T03:04:09.000Z",
        "POST",
        "http://shop.example/api/act?_=1704164647000",
        r#"{"name":"X-Request-Id","value":"3f2c9a7e-1b4d-4c8e-9f0a-2b6d8e4c1a7f"},{"name":"Content-Type","value":"application/json"}"#,
        post,
        "application/json",
        r#""{\"ok\":true}""#,
    );
    common::har(&[e1, e2])
}

#[test]
fn url_encoded_origins_and_client_values_reach_the_plan() {
    let text = har();
    let (jmx, summary) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(summary.correlations.len(), 1, "{:?}", summary.correlations);
    assert!(summary.correlations[0].origin.contains("URL-encoded"), "{:?}", summary.correlations);
    assert!(jmx.contains("${__urldecode(${"), "the JSON body should decode the extracted token");
    assert!(!jmx.contains("k9/x7Qz+4mN2pL8vR1sT"), "the literal token is still in the plan");
    assert!(jmx.contains("${__UUID()}") && !jmx.contains("3f2c9a7e-1b4d"), "the request id should be fresh per request");
    assert!(jmx.contains("_=${__time()}"), "the cache buster should be the current time");

    let report = correlate_report(text.clone().into_bytes(), "t.har", &Options::default()).unwrap();
    let kinds: Vec<&str> = report.correlations.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec!["extracted", "client_generated", "client_generated"]);
    assert!(report.correlations[0].replacement.starts_with("${__urldecode(${"));
    assert_eq!(report.correlations[0].uses[0].entry, 1);
}

/// Values a page's inline script prints JSON-escaped (`\/`, `\u002F`, `\u002B`) are extracted
/// as printed and unescaped in the plan by JMeter's `__unescape`.
#[test]
fn json_escaped_origins_are_unescaped_in_the_plan() {
    let script = r#"<html><head><title>App</title></head><body><script>var s = {"key":"aB3dE6gH\/iJ9kL2m","cursor":"Qz8x\u002Fy7\u002BwV5uT3"};</script></body></html>"#;
    let page = serde_json::to_string(script).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "GET", "http://app.example/", "", "", "text/html", &page);
    let post = r#","postData":{"mimeType":"application/json","text":"{\"after\":\"Qz8x/y7+wV5uT3\"}"}"#;
    let e2 = entry(
        "2024-01-02T03:04:07.000Z",
        "POST",
        "http://app.example/graphql",
        r#"{"name":"X-Session-Key","value":"aB3dE6gH/iJ9kL2m"},{"name":"Content-Type","value":"application/json"}"#,
        post,
        "application/json",
        r#""{\"data\":{}}""#,
    );
    let text = common::har(&[e1, e2]);
    let report = correlate_report(text.clone().into_bytes(), "t.har", &Options::default()).unwrap();
    let mut found: Vec<(&str, &str)> = report.correlations.iter().map(|c| (c.value.as_str(), c.replacement.as_str())).collect();
    found.sort();
    assert_eq!(found.len(), 2, "{:?}", report.correlations);
    for (value, replacement) in found {
        assert!(replacement.starts_with("${__unescape(${"), "{value}: {replacement}");
    }
    let (jmx, _) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert!(!jmx.contains("aB3dE6gH/iJ9kL2m") && !jmx.contains("Qz8x/y7+wV5uT3"), "literals left in the plan");
    assert!(report.correlations.iter().all(|c| c.origin.as_ref().unwrap().place.contains("JSON-escaped")));
}

/// A value that only exists inside a base64 blob (a SAML assertion in a hidden field) is taken
/// from the blob's extractor by a decoding step; the blob itself keeps its own correlation.
#[test]
fn values_inside_base64_blobs_are_decoded_out() {
    use base64::Engine;
    let xml = r#"<samlp:Response ID="_a1"><saml:AuthnStatement SessionIndex="_si7f3a9c2e1b5d"/></samlp:Response>"#;
    let blob = base64::engine::general_purpose::STANDARD.encode(xml);
    let page = serde_json::to_string(&format!(r#"<html><head><title>SSO</title></head><body><form><input type="hidden" name="SAMLResponse" value="{blob}"/></form></body></html>"#)).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "GET", "http://idp.example/sso", "", "", "text/html", &page);
    let post = r#","postData":{"mimeType":"application/json","text":"{\"sessionIndex\":\"_si7f3a9c2e1b5d\"}"}"#;
    let e2 = entry("2024-01-02T03:04:07.000Z", "POST", "http://idp.example/api/logout", r#"{"name":"Content-Type","value":"application/json"}"#, post, "application/json", r#""{\"ok\":true}""#);
    let text = common::har(&[e1, e2]);
    let report = correlate_report(text.clone().into_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(report.correlations.len(), 1, "{:?}", report.correlations);
    let c = &report.correlations[0];
    assert!(c.origin.as_ref().unwrap().place.contains("base64"), "{c:?}");
    assert!(c.base64_inner.as_deref().is_some_and(|r| r.contains("SessionIndex")), "{c:?}");
    let (jmx, _) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert!(jmx.contains("JSR223PostProcessor") && jmx.contains("decodeBase64()"), "no decoding step");
    assert!(jmx.contains("sessionindex_b64") && !jmx.contains("\"_si7f3a9c2e1b5d\""), "the literal is still sent");
}

/// A request that wraps an issued value in fixed text (`sess_` + id, `v2:` + id + `:0`) gets the
/// value extracted and the fixed text kept around the variable; a client timing that merely
/// starts like a longer number in a response (`1522184022.85` vs `…lastupd=1522184022658`) is
/// not taken for it.
#[test]
fn fixed_text_around_an_issued_value_keeps_the_text() {
    let body = serde_json::to_string(r#"{"sessionId":"Zk3LpQ9xW2mN7vB4","aid":"lastupd=1522184022658"}"#).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "POST", "http://api.example/session", "", "", "application/json", &body);
    let e2 = entry(
        "2024-01-02T03:04:06.000Z",
        "GET",
        "http://api.example/a?ctx=v2%3AZk3LpQ9xW2mN7vB4%3A0&paint=1522184022.85",
        r#"{"name":"X-Session","value":"sess_Zk3LpQ9xW2mN7vB4"}"#,
        "",
        "application/json",
        r#""{}""#,
    );
    let text = common::har(&[e1, e2]);
    let (jmx, summary) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(summary.correlations.len(), 1, "{:?}", summary.correlations);
    assert!(jmx.contains("sess_${sessionid}"), "{jmx}");
    assert!(jmx.contains("v2:${sessionid}:0") || jmx.contains("v2%3A${sessionid}%3A0"), "{jmx}");
    assert!(jmx.contains("1522184022.85"), "the client timing stays as recorded");
}

/// A field whose value is a JSON document (GraphQL's `variables={…}` in a GET query, Salesforce's
/// `aura.context={…}` in a form) is read leaf by leaf: the cart id inside it is correlated.
#[test]
fn json_inside_a_query_parameter_is_read() {
    let body = serde_json::to_string(r#"{"data":{"createCart":{"id":"crt_9Xk2Lm7Qp4"}}}"#).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "POST", "http://api.example/graphql", "", "", "application/json", &body);
    let url = "http://api.example/graphql?operationName=Cart&variables=%7B%22id%22%3A%22crt_9Xk2Lm7Qp4%22%7D";
    let e2 = entry("2024-01-02T03:04:06.000Z", "GET", url, "", "", "application/json", r#""{}""#);
    let text = common::har(&[e1, e2]);
    let (jmx, summary) = convert(text.as_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(summary.correlations.len(), 1, "{:?}", summary.correlations);
    assert!(jmx.contains("variables=%7B%22id%22%3A%22${createcart_id}%22%7D"), "{jmx}");
    assert!(!jmx.contains("crt_9Xk2Lm7Qp4"), "the literal id is still sent: {jmx}");
}

/// A value the user typed into the page's form (an input with no value of its own) is reported as
/// test data with the field it was typed into, not as a value whose origin was missed; a value
/// in a hidden input is correlated as usual.
#[test]
fn values_typed_into_the_form_are_reported_as_test_data() {
    let page = serde_json::to_string(r#"<html><form method="post"><input type="hidden" name="csrf" value="Qk9xL2mZ7pW4vB8n"><input name="user"><input type="password" name="pass"></form></html>"#).unwrap();
    let e1 = entry("2024-01-02T03:04:05.000Z", "GET", "http://app.example/login", "", "", "text/html", &page);
    let post = r#","postData":{"mimeType":"application/x-www-form-urlencoded","text":"csrf=Qk9xL2mZ7pW4vB8n&user=jsmith2024&pass=Tr0ub4dor9x"}"#;
    let e2 = entry("2024-01-02T03:04:09.000Z", "POST", "http://app.example/login", "", post, "text/html", r#""ok""#);
    let report = correlate_report(common::har(&[e1, e2]).into_bytes(), "t.har", &Options::default()).unwrap();
    assert_eq!(report.correlations.len(), 1, "{:?}", report.correlations);
    assert_eq!(report.rejected.len(), 2, "{:?}", report.rejected);
    for r in &report.rejected {
        assert!(r.reason.starts_with("typed by the user into the form field"), "{:?}", r);
    }
}
