//! Assertions learned from the recording: the status the browser finally got, and a content
//! marker that is stable across sessions (the page's <title>, a field of a JSON object) —
//! never a value the correlation engine found dynamic.
use magpie_core::har::Entry;
use magpie_core::jmx::elements::{self, AssertField};
use magpie_core::jmx::Element;
use serde::{Deserialize, Serialize};

/// How much to assert (`--assertions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssertionLevel {
    None,
    Status,
    #[default]
    Content,
}

/// The assertions for a sampler whose last hop is `last` (the response JMeter's main result
/// holds). `dynamic` are the values correlation extracts: a marker never contains one.
pub fn learned(last: &Entry, level: AssertionLevel, dynamic: &[&str]) -> Vec<Element> {
    if level == AssertionLevel::None || last.response.status == 0 {
        return vec![];
    }
    let status = last.response.status.to_string();
    let mut out = vec![elements::response_assertion(
        &format!("Status {status}"),
        AssertField::ResponseCode,
        8, // EQUALS
        &[status],
    )];
    if level == AssertionLevel::Content {
        out.extend(content_marker(last, dynamic));
    }
    out
}

/// The recorded response's fingerprint in a Magpie Soft Failure Assertion (the plugin's test
/// element, judged at run time by magpie-softfail): content type, size (a body under 25 % of it
/// fails), final URL path, and the checks that already fire on the recording, which are skipped.
pub fn soft_failure(last: &Entry) -> Element {
    let body = last.response.content.body_text().unwrap_or_default();
    // 0 when the HAR kept no body: the size check is then off.
    let size = body.len() as u64;
    let recorded = magpie_softfail::Response {
        status: u16::try_from(last.response.status).unwrap_or(0),
        content_type: &last.response.content.mime_type,
        url: &last.request.url,
        body: body.as_bytes(),
        body_len: size,
    };
    let b = magpie_softfail::Baseline::from_recording(&recorded, 0.25);
    let ignore: Vec<String> = b.ignore.iter().map(|k| serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()).collect();
    elements::soft_failure_assertion(&b.content_type, b.size, 25, &b.path, &ignore.join(","))
}

fn content_marker(e: &Entry, dynamic: &[&str]) -> Option<Element> {
    let body = e.response.content.body_text()?;
    let mime = e.response.content.mime_type.to_ascii_lowercase();
    let is_stable = |s: &str| !s.is_empty() && !dynamic.iter().any(|d| s.contains(d) || d.contains(s));
    if mime.contains("html") {
        let title = html_title(&body)?;
        // Error pages say so in their title; a recording of one is no marker of success.
        let lower = title.to_ascii_lowercase();
        if title.chars().count() < 3 || ["error", "exception", "not found", "forbidden"].iter().any(|w| lower.contains(w)) {
            return None;
        }
        return is_stable(&title).then(|| {
            elements::response_assertion(&format!("Page shows “{title}”"), AssertField::ResponseData, 16, &[title.clone()])
        });
    }
    if mime.contains("json") || body.trim_start().starts_with('{') {
        let doc: serde_json::Value = serde_json::from_str(&body).ok()?;
        let key = doc.as_object()?.keys().find(|k| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && is_stable(k))?;
        return Some(elements::json_path_exists_assertion(&format!("JSON has {key}"), &format!("$.{key}")));
    }
    None
}

/// The raw text of the first <title>, trimmed, as it stands in the body (the one scanner for
/// titles: transaction labels use it too).
pub(crate) fn raw_html_title(body: &str) -> Option<&str> {
    let lower = body.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    Some(body[open_end..close].trim()).filter(|t| !t.is_empty())
}

/// A title that appears verbatim in the body (no line breaks inside), so a substring assertion
/// can match it.
fn html_title(body: &str) -> Option<String> {
    raw_html_title(body).filter(|raw| !raw.contains(['\n', '\r'])).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: u16, mime: &str, body: &str) -> Entry {
        let json = serde_json::json!({"request": {"method": "GET", "url": "http://h/"},
            "response": {"status": status, "content": {"mimeType": mime, "text": body}}});
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn status_and_title() {
        let e = entry(200, "text/html", "<html><head><title>Sign in</title></head></html>");
        let names: Vec<String> = learned(&e, AssertionLevel::Content, &[]).iter().map(|a| a.testname.clone()).collect();
        assert_eq!(names, vec!["Status 200", "Page shows “Sign in”"]);
        assert_eq!(learned(&e, AssertionLevel::Status, &[]).len(), 1);
        assert!(learned(&e, AssertionLevel::None, &[]).is_empty());
    }

    #[test]
    fn no_marker_from_dynamic_values_or_error_pages() {
        let e = entry(200, "text/html", "<title>Order o-812eacc020</title>");
        assert_eq!(learned(&e, AssertionLevel::Content, &["o-812eacc020"]).len(), 1);
        let e = entry(200, "text/html", "<title>Server Error</title>");
        assert_eq!(learned(&e, AssertionLevel::Content, &[]).len(), 1);
    }

    #[test]
    fn json_field() {
        let e = entry(201, "application/json", r#"{"cart":{"id":"c-1"}}"#);
        let a = learned(&e, AssertionLevel::Content, &[]);
        assert_eq!(a[1].testname, "JSON has cart");
    }
}
