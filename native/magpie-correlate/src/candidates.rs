//! Candidate values: what each step's request sends that looks dynamic.
use std::collections::{HashMap, HashSet};

use magpie_core::har::Entry;
use magpie_core::urlenc::{parse_form, percent_decode};
use serde::Serialize;

use crate::dynamic::{looks_dynamic, short_number};
use crate::Step;

/// Where a request uses a value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UseSite {
    pub step: usize,
    /// `query`, `path`, `form`, `json`, `xml`, `header`, `cookie` (one a page's script set).
    pub location: String,
    /// Parameter, field or header name (for naming the variable).
    pub name: String,
    /// Which field of that name in the request (1 = the first): with `step`, `location` and
    /// `name`, what identifies the field across two recordings.
    #[serde(skip)]
    pub nth: usize,
}

impl UseSite {
    pub fn key(&self) -> crate::differential::FieldKey {
        (self.step, self.location.clone(), self.name.clone(), self.nth)
    }
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub value: String,
    pub uses: Vec<UseSite>,
}

/// Request headers whose values are browser or transport furniture, never correlation targets.
const FURNITURE_HEADERS: &[&str] = &[
    "accept", "accept-encoding", "accept-language", "cache-control", "connection", "content-length",
    "content-type", "cookie", "dnt", "host", "origin", "pragma", "priority", "referer", "te",
    "upgrade-insecure-requests", "user-agent", "if-none-match", "if-modified-since",
];

/// Collects candidates in first-use order; one candidate per distinct value: values that look
/// dynamic, short numbers (server ids only if a JSON id field issued them, decided later), and
/// any non-empty value of a field that `differs` between two recordings.
pub fn collect(entries: &[Entry], steps: &[Step], differs: &HashSet<crate::differential::FieldKey>) -> Vec<Candidate> {
    let mut order: Vec<Candidate> = vec![];
    let mut index: HashMap<String, usize> = HashMap::new();
    for (step_no, step) in steps.iter().enumerate() {
        let Some(&entry_no) = step.entries.first() else { continue };
        for (key, value) in crate::differential::fields(&entries[entry_no], step_no) {
            if !looks_dynamic(&value) && !short_number(&value) && (value.trim().is_empty() || !differs.contains(&key)) {
                continue;
            }
            let (_, location, name, nth) = key;
            let site = UseSite { step: step_no, location, name, nth };
            match index.get(&value) {
                Some(&i) => {
                    if !order[i].uses.contains(&site) {
                        order[i].uses.push(site)
                    }
                }
                None => {
                    index.insert(value.clone(), order.len());
                    order.push(Candidate { value, uses: vec![site] });
                }
            }
        }
    }
    order
}

/// Per step, the cookies its request sends that no earlier response set (by `Set-Cookie`): a
/// page's script set them (`document.cookie`, js-cookie), so JMeter's Cookie Manager, which
/// learns cookies only from `Set-Cookie`, would not send them. Only dynamic-looking values.
pub fn script_set_cookies(entries: &[Entry], steps: &[Step]) -> Vec<Vec<(String, String)>> {
    // Names set by the responses before each step's request, grown in recording order (steps
    // come in that order).
    let mut known: HashSet<String> = HashSet::new();
    let mut seen = 0;
    steps
        .iter()
        .map(|step| {
            let Some(&first) = step.entries.first() else { return vec![] };
            if first < seen {
                // Out of order: start again (never in recordings, which are in time order).
                known.clear();
                seen = 0;
            }
            for e in &entries[seen..first] {
                known.extend(set_cookie_names(e));
            }
            seen = first;
            request_cookies(&entries[first])
                .into_iter()
                .filter(|(name, value)| !known.contains(name) && looks_dynamic(value))
                .collect()
        })
        .collect()
}

/// The names of the cookies a response sets: its `Set-Cookie` headers (several per header
/// value in some exports, one per line), the HAR's parsed `cookies`, and "headers" whose name
/// holds a `=`: a further Set-Cookie line an exporter split at its first `:` (WebPageTest writes
/// `WMF-Last-Access=29-Aug-2015;Path=/;…;Expires=Wed, 30 Sep 2015 12` as a header name).
fn set_cookie_names(e: &Entry) -> Vec<String> {
    let mut names = vec![];
    for h in &e.response.headers {
        if h.name.eq_ignore_ascii_case("set-cookie") {
            names.extend(h.value.lines().filter_map(|line| line.split_once('=').map(|(n, _)| n.trim().to_string())));
        } else if let Some((name, _)) = h.name.split_once('=') {
            names.push(name.trim().to_string());
        }
    }
    names.extend(e.response.cookies.iter().map(|c| c.name.clone()));
    names
}

/// The cookies a request sends: its `Cookie` header(s), or the HAR's parsed `cookies`.
fn request_cookies(e: &Entry) -> Vec<(String, String)> {
    let from_header: Vec<(String, String)> = e
        .request
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("cookie"))
        .flat_map(|h| h.value.split(';').filter_map(|p| p.split_once('=').map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))))
        .collect();
    if !from_header.is_empty() {
        return from_header;
    }
    e.request.cookies.iter().map(|c| (c.name.clone(), c.value.clone())).collect()
}

/// Every (location, name, decoded value) a request carries.
pub fn request_values(entry: &Entry) -> Vec<(&'static str, String, String)> {
    let mut out = vec![];
    let url = &entry.request.url;
    let (path, query) = split_url_path_query(url);
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        // Path parameters (`login.xhtml;jsessionid=…`): each value on its own, named by its key.
        let mut parts = seg.split(';');
        out.push(("path", "path".to_string(), percent_decode(parts.next().unwrap_or(""), false)));
        for param in parts {
            let (k, v) = param.split_once('=').unwrap_or(("path", param));
            out.push(("path", k.to_string(), percent_decode(v, false)));
        }
    }
    if let Some(q) = query {
        for (k, v) in parse_form(q) {
            push_field(&mut out, "query", k, v);
        }
    }
    for h in &entry.request.headers {
        let lname = h.name.to_ascii_lowercase();
        if lname.starts_with(':') || lname.starts_with("sec-") || FURNITURE_HEADERS.contains(&lname.as_str()) {
            continue;
        }
        let value = if lname == "authorization" {
            match credential_token(&h.value) {
                Some(token) => token.to_string(),
                None => continue,
            }
        } else {
            h.value.clone()
        };
        push_field(&mut out, "header", h.name.clone(), value);
    }
    if let Some(pd) = &entry.request.post_data {
        let mime = pd.mime_type.to_ascii_lowercase();
        if mime.contains("x-www-form-urlencoded") {
            if !pd.text.is_empty() {
                for (k, v) in parse_form(&pd.text) {
                    push_field(&mut out, "form", k, v);
                }
            } else {
                for p in &pd.params {
                    push_field(&mut out, "form", p.name.clone(), percent_decode(p.value.as_deref().unwrap_or(""), true));
                }
            }
        } else if mime.contains("multipart/") {
            for p in pd.params.iter().filter(|p| p.file_name.is_none()) {
                push_field(&mut out, "form", p.name.clone(), p.value.clone().unwrap_or_default());
            }
            // Chrome exports a multipart body as text only, without params.
            if pd.params.is_empty() {
                for (name, value) in multipart_fields(&pd.mime_type, &pd.text) {
                    push_field(&mut out, "form", name, value);
                }
            }
        } else if let Ok(json) = serde_json::from_str::<serde_json::Value>(&pd.text) {
            json_leaves(&json, "body", &mut out);
        } else if mime.contains("xml") || pd.text.trim_start().starts_with('<') {
            xml_leaves(&pd.text, &mut out);
        }
    }
    out
}

/// The text fields of a raw multipart body (file parts skipped): the boundary from the content
/// type, or from the body's first line when the exporter dropped it from the type.
fn multipart_fields(content_type: &str, text: &str) -> Vec<(String, String)> {
    let declared = content_type.split(';').find_map(|p| p.trim().strip_prefix("boundary=")).map(|b| b.trim_matches('"').to_string());
    let Some(boundary) = declared.or_else(|| text.lines().next()?.trim_end().strip_prefix("--").map(str::to_string)) else { return vec![] };
    if boundary.is_empty() {
        return vec![];
    }
    text.split(&format!("--{boundary}"))
        .filter_map(|part| {
            let part = part.strip_prefix("\r\n").or_else(|| part.strip_prefix('\n'))?;
            let (head, body) = part.split_once("\r\n\r\n").or_else(|| part.split_once("\n\n"))?;
            let disposition = head.lines().find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
            if disposition.contains("filename=") {
                return None;
            }
            let name = disposition.split(';').find_map(|p| p.trim().strip_prefix("name="))?.trim_matches('"').to_string();
            let value = body.strip_suffix("\r\n").or_else(|| body.strip_suffix('\n')).unwrap_or(body);
            Some((name, value.to_string()))
        })
        .collect()
}

/// A field's value, and when it is a JSON document itself (Salesforce's `aura.context={…}`, a
/// `filter=[…]` query), the leaves inside it too.
fn push_field(out: &mut Vec<(&'static str, String, String)>, location: &'static str, name: String, value: String) {
    let trimmed = value.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&value) {
            json_leaves(&json, &name, out);
        }
    }
    out.push((location, name, value));
}

fn json_leaves(v: &serde_json::Value, key: &str, out: &mut Vec<(&'static str, String, String)>) {
    match v {
        serde_json::Value::String(s) => out.push(("json", key.to_string(), s.clone())),
        serde_json::Value::Number(n) => out.push(("json", key.to_string(), n.to_string())),
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_leaves(x, key, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| json_leaves(x, k, out)),
        _ => {}
    }
}

/// Splits `scheme://authority/path?query#fragment` into (path, query), raw.
/// The token an `Authorization` header carries on behalf of the server that issued it: after
/// `Bearer`, `Token` (Django REST), `JWT` or any one-word scheme, or the whole value when it has
/// no scheme. None for the user's own credentials (`Basic`), and for challenge-response and
/// request signatures computed per request (`Digest`, `NTLM`, `Negotiate`, AWS SigV4, OAuth 1.0
/// parameter lists): those are not values to extract.
fn credential_token(value: &str) -> Option<&str> {
    let value = value.trim();
    let Some((scheme, token)) = value.split_once(' ') else { return Some(value) };
    let token = token.trim();
    let scheme = scheme.to_ascii_lowercase();
    let computed = ["basic", "digest", "ntlm", "negotiate", "kerberos", "hoba", "mutual", "oauth"];
    if computed.contains(&scheme.as_str()) || scheme.starts_with("aws4-") || token.contains([' ', ',']) {
        return None;
    }
    Some(token)
}

/// The text of every element and every attribute value of an XML body (a SOAP envelope, an XML
/// API call), named by the element or attribute, entities decoded. A body that stops being
/// well-formed yields what was read before.
fn xml_leaves(text: &str, out: &mut Vec<(&'static str, String, String)>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut element = String::new();
    // Text arrives in pieces around entity references (`a&amp;b`): kept raw until the next tag.
    let mut pending = String::new();
    let flush = |element: &str, pending: &mut String, out: &mut Vec<(&'static str, String, String)>| {
        let raw = std::mem::take(pending);
        let value = quick_xml::escape::unescape(&raw).map(|v| v.into_owned()).unwrap_or(raw);
        let value = value.trim();
        if !value.is_empty() {
            out.push(("xml", element.to_string(), value.to_string()));
        }
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                flush(&element, &mut pending, out);
                element = e.local_name().as_ref().to_string();
                // Namespace declarations are not values.
                for a in e.attributes().with_checks(false).flatten().filter(|a| !a.key.as_ref().starts_with("xmlns")) {
                    if let Ok(v) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                        out.push(("xml", a.key.local_name().as_ref().to_string(), v.into_owned()));
                    }
                }
            }
            Ok(Event::End(_)) => flush(&element, &mut pending, out),
            Ok(Event::Text(t)) => pending.push_str(t.as_ref()),
            Ok(Event::GeneralRef(r)) => {
                pending.push('&');
                pending.push_str(r.as_ref());
                pending.push(';');
            }
            Ok(Event::CData(c)) => pending.push_str(&quick_xml::escape::escape(AsRef::<str>::as_ref(&c))),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

pub fn split_url_path_query(url: &str) -> (&str, Option<&str>) {
    let after_scheme = url.find("://").map(|i| &url[i + 3..]).unwrap_or(url);
    let rest = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("");
    let rest = rest.split('#').next().unwrap_or("");
    match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts() {
        assert_eq!(split_url_path_query("http://h:1/a/b?x=1#f"), ("/a/b", Some("x=1")));
        assert_eq!(split_url_path_query("https://h"), ("", None));
    }

    #[test]
    fn raw_multipart_fields() {
        let body = "------WebKitFormBoundaryX7\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nQk9xL2mZ7pW4vB8n\r\n------WebKitFormBoundaryX7\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n------WebKitFormBoundaryX7\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\ntwo\r\nlines\r\n------WebKitFormBoundaryX7--\r\n";
        let want = vec![("csrf".to_string(), "Qk9xL2mZ7pW4vB8n".to_string()), ("note".to_string(), "two\r\nlines".to_string())];
        assert_eq!(multipart_fields("multipart/form-data; boundary=----WebKitFormBoundaryX7", body), want);
        // The boundary taken from the body when the type lost it.
        assert_eq!(multipart_fields("multipart/form-data", body), want);
        assert!(multipart_fields("multipart/form-data", "no parts here").is_empty());
    }

    #[test]
    fn authorization_tokens() {
        assert_eq!(credential_token("Bearer eyJhbGciOi.x.y"), Some("eyJhbGciOi.x.y"));
        assert_eq!(credential_token("Token 9944b09199c62bcf9418"), Some("9944b09199c62bcf9418"));
        assert_eq!(credential_token("JWT abc.def.ghi"), Some("abc.def.ghi"));
        assert_eq!(credential_token("k8Zq2Lm9Xt4Yb7Wc"), Some("k8Zq2Lm9Xt4Yb7Wc"));
        for own in ["Basic dXNlcjpwYXNz", "Digest username=\"u\", nonce=\"n\"", "NTLM TlRMTVNTUAAB", "AWS4-HMAC-SHA256 Credential=a/b, Signature=c"] {
            assert_eq!(credential_token(own), None, "{own}");
        }
    }

    #[test]
    fn xml_body_leaves() {
        let mut out = vec![];
        xml_leaves(
            r#"<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><SessionId>SESS-5520&amp;99</SessionId></soap:Header><soap:Body><GetOrders max="10"><Note><![CDATA[a<b]]></Note></GetOrders></soap:Body></soap:Envelope>"#,
            &mut out,
        );
        let got: Vec<(String, String)> = out.into_iter().map(|(_, k, v)| (k, v)).collect();
        let want = [("SessionId", "SESS-5520&99"), ("max", "10"), ("Note", "a<b")];
        assert_eq!(got, want.map(|(k, v)| (k.to_string(), v.to_string())));
    }
}
