//! One HAR entry's request as the parts of an HTTP Request sampler: body and headers.
use magpie_core::har::Entry;
use magpie_core::jmx::elements::HttpBody;
use magpie_core::urlenc::{parse_form, percent_decode};

/// Headers JMeter or the Cookie Manager set themselves, or that break a replay
/// (conditional requests get 304s where the recording had bodies).
const MANAGED_HEADERS: &[&str] = &[
    "host", "content-length", "cookie", "connection", "keep-alive", "proxy-connection", "proxy-authorization",
    "te", "trailer", "transfer-encoding", "upgrade", "if-none-match", "if-modified-since", "if-unmodified-since",
    "if-range",
];

/// The request headers a server needs, in recorded order.
pub fn replay_headers(e: &Entry, body: &HttpBody) -> Vec<(String, String)> {
    let mut out = vec![];
    for h in &e.request.headers {
        let lname = h.name.to_ascii_lowercase();
        if lname.starts_with(':') || MANAGED_HEADERS.contains(&lname.as_str()) {
            continue;
        }
        // JMeter writes its own multipart boundary.
        if lname == "content-type" && matches!(body, HttpBody::Multipart { .. }) {
            continue;
        }
        let value = if lname == "accept-encoding" {
            // JMeter's HTTP client decodes gzip and deflate only.
            let kept: Vec<&str> = h
                .value
                .split(',')
                .map(str::trim)
                .filter(|t| {
                    let token = t.split(';').next().unwrap_or("").trim();
                    token.eq_ignore_ascii_case("gzip") || token.eq_ignore_ascii_case("deflate")
                })
                .collect();
            if kept.is_empty() {
                continue;
            }
            kept.join(", ")
        } else {
            h.value.clone()
        };
        if out.iter().any(|(n, _): &(String, String)| n.eq_ignore_ascii_case(&h.name)) {
            continue;
        }
        out.push((h.name.clone(), value));
    }
    out
}

/// The request body, and a warning when it cannot be replayed as recorded.
pub fn body(e: &Entry, entry_no: usize) -> (HttpBody, Option<String>) {
    let Some(pd) = &e.request.post_data else { return (HttpBody::None, None) };
    let mime = pd.mime_type.to_ascii_lowercase();
    let content_type = e.request_header("content-type").unwrap_or("").to_ascii_lowercase();
    if pd.text.is_empty() && pd.params.is_empty() {
        return (HttpBody::None, None);
    }
    if mime.contains("x-www-form-urlencoded") || (mime.is_empty() && content_type.contains("x-www-form-urlencoded")) {
        let fields = if !pd.text.is_empty() {
            parse_form(&pd.text)
        } else {
            pd.params
                .iter()
                .map(|p| (percent_decode(&p.name, true), percent_decode(p.value.as_deref().unwrap_or(""), true)))
                .collect()
        };
        return (HttpBody::Form(fields), None);
    }
    if mime.contains("multipart/") && !pd.params.is_empty() {
        let fields = pd.params.iter().filter(|p| p.file_name.is_none()).map(|p| (p.name.clone(), p.value.clone().unwrap_or_default())).collect();
        let files: Vec<(String, String, String)> = pd
            .params
            .iter()
            .filter_map(|p| {
                let file = p.file_name.clone()?;
                Some((p.name.clone(), file, p.content_type.clone().unwrap_or_else(|| "application/octet-stream".into())))
            })
            .collect();
        let warning = (!files.is_empty()).then(|| {
            let names: Vec<String> = files.iter().map(|(n, f, _)| format!("{n}={f}")).collect();
            format!("entry {entry_no}: multipart upload ({}) needs the file(s) next to the plan", names.join(", "))
        });
        return (HttpBody::Multipart { fields, files }, warning);
    }
    if pd.text.is_empty() {
        // Params without text for a non-form type: send them as a form.
        let fields = pd.params.iter().map(|p| (p.name.clone(), p.value.clone().unwrap_or_default())).collect();
        return (HttpBody::Form(fields), None);
    }
    // XML 1.0 (and so a .jmx) cannot hold most control characters: drop them, and say so.
    let is_unstorable = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r');
    if pd.text.chars().any(is_unstorable) {
        let text: String = pd.text.chars().filter(|c| !is_unstorable(*c)).collect();
        let warning = format!(
            "entry {entry_no}: the {} body holds binary bytes a .jmx cannot store; they were dropped (send it from a file instead)",
            if pd.mime_type.is_empty() { "request" } else { pd.mime_type.as_str() }
        );
        return (HttpBody::Raw(text), Some(warning));
    }
    (HttpBody::Raw(pd.text.clone()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(headers: &str, post: &str) -> Entry {
        let json = format!(
            r#"{{"request":{{"method":"POST","url":"http://h/x","headers":[{headers}],"postData":{post}}},"response":{{"status":200}}}}"#
        );
        serde_json::from_str(&json).unwrap()
    }

    #[test]
    fn managed_headers_dropped_and_encodings_limited() {
        let e = entry(
            r#"{"name":"Host","value":"h"},{"name":":authority","value":"h"},{"name":"Cookie","value":"a=b"},
               {"name":"Accept-Encoding","value":"gzip, deflate, br, zstd"},{"name":"If-None-Match","value":"x"},
               {"name":"X-Token","value":"t"}"#,
            r#"{"mimeType":"application/json","text":"{}"}"#,
        );
        let (body, _) = body(&e, 0);
        let h = replay_headers(&e, &body);
        assert_eq!(h, vec![("Accept-Encoding".into(), "gzip, deflate".into()), ("X-Token".into(), "t".into())]);
    }

    #[test]
    fn bodies() {
        let e = entry("", r#"{"mimeType":"application/x-www-form-urlencoded","text":"a=1+2&b=%C3%A4"}"#);
        assert_eq!(body(&e, 0).0, HttpBody::Form(vec![("a".into(), "1 2".into()), ("b".into(), "ä".into())]));
        let e = entry("", r#"{"mimeType":"multipart/form-data; boundary=x","params":[{"name":"n","value":"v"},{"name":"f","fileName":"a.txt","contentType":"text/plain"}]}"#);
        let (b, w) = body(&e, 3);
        assert_eq!(b, HttpBody::Multipart { fields: vec![("n".into(), "v".into())], files: vec![("f".into(), "a.txt".into(), "text/plain".into())] });
        assert!(w.unwrap().contains("entry 3"));
        let e = entry("", r#"{"mimeType":"application/octet-stream","text":"ab\u0001c"}"#);
        let (b, w) = body(&e, 5);
        assert_eq!(b, HttpBody::Raw("abc".into()));
        assert!(w.unwrap().contains("binary"));
    }
}
