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
    (HttpBody::Raw(pd.text.clone()), None)
}
