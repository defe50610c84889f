//! Origin search: the earliest recorded response that issued a value, and the most robust
//! extractor for it there (JSONPath for JSON, CSS for HTML attributes, regex otherwise).
use aho_corasick::AhoCorasick;
use magpie_core::har::Entry;
use scraper::Html;

use crate::{html, jsonpath, regex_boundary, Extractor, RegexField, Step};

/// One recorded response as JMeter will see it.
struct Recorded<'a> {
    step: usize,
    entry: usize,
    /// A redirect hop before the last one of its step: only visible in sub-samples.
    non_final_hop: bool,
    /// Status line + `Name: value` lines, `\n`-separated, as JMeter's HTTP sampler builds them.
    headers: String,
    body: std::borrow::Cow<'a, str>,
    mime: String,
    _entry: &'a Entry,
}

pub struct ResponseIndex<'a> {
    responses: Vec<Recorded<'a>>,
    /// Short numbers JSON responses issue under id-like keys → the responses (in order) that
    /// do: built on first use, in one pass, so looking up each short id stays cheap.
    id_numbers: std::sync::OnceLock<std::collections::HashMap<String, Vec<usize>>>,
}

pub struct Found {
    pub step: usize,
    pub entry: usize,
    pub in_sub_sample: bool,
    pub description: String,
    pub extractor: Extractor,
    pub name_hint: Option<String>,
    /// How many times the extracted text is URL-encoded (0: it is the value itself).
    pub url_encoded: u8,
    /// The extracted text is JSON-escaped (`\/`, `\u002F`): the plan unescapes it.
    pub json_escaped: bool,
    /// The extractor yields a base64 blob that holds the value: this regex (group 1) finds it
    /// in the decoded blob.
    pub base64_inner: Option<String>,
}

impl<'a> ResponseIndex<'a> {
    pub fn new(entries: &'a [Entry], steps: &[Step]) -> Self {
        let mut responses = vec![];
        for (step_no, step) in steps.iter().enumerate() {
            for (hop, &entry_no) in step.entries.iter().enumerate() {
                let e = &entries[entry_no];
                responses.push(Recorded {
                    step: step_no,
                    entry: entry_no,
                    non_final_hop: hop + 1 < step.entries.len(),
                    headers: field_text(e, &RegexField::Headers),
                    body: e.response.content.body_str().unwrap_or_default(),
                    mime: e.response.content.mime_type.to_ascii_lowercase(),
                    _entry: e,
                });
            }
        }
        ResponseIndex { responses, id_numbers: Default::default() }
    }

    /// For each value, the first response (index into the recorded responses) that holds it in
    /// any form the origin search reads: as is, URL-encoded once or twice, with JSON-escaped
    /// slashes, HTML-escaped. One pass over every response for all values together, so the
    /// search stays linear in the recording's size.
    pub fn first_holders(&self, values: &[&str]) -> Vec<Option<usize>> {
        self.holders_of(values, forms)
    }

    /// For each value, the first response holding it inside base64 text (see [`base64_cores`]):
    /// where [`Self::find_base64_origin`] starts looking. One pass for all values.
    pub fn base64_holders(&self, values: &[&str]) -> Vec<Option<usize>> {
        self.holders_of(values, |v| base64_cores(v.as_bytes()))
    }

    fn holders_of(&self, values: &[&str], forms_of: impl Fn(&str) -> Vec<String>) -> Vec<Option<usize>> {
        let mut patterns: Vec<String> = vec![];
        let mut owner: Vec<usize> = vec![];
        for (i, v) in values.iter().enumerate() {
            for form in forms_of(v) {
                patterns.push(form);
                owner.push(i);
            }
        }
        if patterns.is_empty() {
            return vec![None; values.len()];
        }
        let ac = AhoCorasick::new(&patterns).expect("literal patterns");
        // The responses in one slice per core; per value the first holder of each slice, and the
        // earliest of those.
        let scan = |from: usize, slice: &[Recorded]| -> Vec<Option<usize>> {
            let mut first = vec![None; values.len()];
            let mut left = values.len();
            for (k, r) in slice.iter().enumerate() {
                for text in [r.headers.as_str(), &r.body] {
                    // Overlapping: a value inside another value's match must be seen too.
                    for m in ac.find_overlapping_iter(text) {
                        let v = owner[m.pattern().as_usize()];
                        if first[v].is_none() {
                            first[v] = Some(from + k);
                            left -= 1;
                        }
                    }
                }
                if left == 0 {
                    break;
                }
            }
            first
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        if threads < 2 || self.responses.len() < 64 {
            return scan(0, &self.responses);
        }
        let chunk = self.responses.len().div_ceil(threads);
        let parts: Vec<Vec<Option<usize>>> = std::thread::scope(|scope| {
            let scan = &scan;
            let workers: Vec<_> =
                self.responses.chunks(chunk).enumerate().map(|(i, slice)| scope.spawn(move || scan(i * chunk, slice))).collect();
            workers.into_iter().map(|w| w.join().expect("the holder scan does not panic")).collect()
        });
        (0..values.len()).map(|v| parts.iter().find_map(|p| p[v])).collect()
    }

    /// The text an extractor on `field` sees in the response of HAR entry `entry`.
    pub fn text_of(&self, entry: usize, field: &RegexField) -> Option<&str> {
        let r = self.responses.iter().find(|r| r.entry == entry)?;
        Some(if *field == RegexField::Headers { r.headers.as_str() } else { &r.body })
    }

    /// The origin of a short number (see [`crate::dynamic::short_number`]): the earliest JSON
    /// response before `before_step` that has it under an id field. Bodies are parsed only where
    /// the number follows an id-like key in the text.
    pub fn find_id_origin(&self, value: &str, before_step: usize) -> Option<Found> {
        let index = self.id_numbers.get_or_init(|| self.index_id_numbers());
        for &i in index.get(value)? {
            let r = &self.responses[i];
            if r.step >= before_step {
                break;
            }
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(&r.body) else { continue };
            if let Some((path, keys)) = jsonpath::find_leaf_under(&doc, value, &crate::dynamic::is_id_key) {
                return Some(Found {
                    step: r.step,
                    entry: r.entry,
                    in_sub_sample: r.non_final_hop,
                    description: format!("JSON body {path}"),
                    extractor: Extractor::Json { path, match_no: 1 },
                    name_hint: json_name_hint(&keys),
                    url_encoded: 0,
                    json_escaped: false,
                    base64_inner: None,
                });
            }
        }
        None
    }

    /// One pass over the JSON responses: every short number (2–5 digits) written right after an
    /// id-like key (`"id":47`, `"postId": "47"`), with the responses that hold it.
    fn index_id_numbers(&self) -> std::collections::HashMap<String, Vec<usize>> {
        static ID_NUMBER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let re = ID_NUMBER.get_or_init(|| {
            regex::Regex::new(r#""([A-Za-z0-9_-]{0,40})"[ \t\r\n]*:[ \t\r\n]*"?([1-9][0-9]{1,4})\b"#).expect("valid regex")
        });
        let mut out: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, r) in self.responses.iter().enumerate() {
            let trimmed = r.body.trim_start();
            if !(r.mime.contains("json") || trimmed.starts_with('{') || trimmed.starts_with('[')) {
                continue;
            }
            for c in re.captures_iter(&r.body) {
                if crate::dynamic::is_id_key(&c[1]) {
                    let holders = out.entry(c[2].to_string()).or_default();
                    if holders.last() != Some(&i) {
                        holders.push(i);
                    }
                }
            }
        }
        out
    }

    /// The origin of a value that travels inside a base64 blob (a SAML assertion, a JSON
    /// ticket): the earliest response before `before_step` whose body holds a blob that decodes
    /// to text containing `value`, looking from `from` (its first base64 holder, see
    /// [`Self::base64_holders`]). The blob gets the usual extractor; `base64_inner` is a
    /// regex that finds the value in the decoded text, validated on it.
    pub fn find_base64_origin(&self, value: &str, before_step: usize, from: Option<usize>) -> Option<Found> {
        let cores = base64_cores(value.as_bytes());
        if cores.is_empty() {
            return None;
        }
        for r in self.responses.iter().skip(from?).take_while(|r| r.step < before_step) {
            for core in &cores {
                for (at, _) in r.body.match_indices(core.as_str()).take(4) {
                    let Some((blob, decoded)) = blob_around(&r.body, at, core.len()) else { continue };
                    if !decoded.contains(value) {
                        continue;
                    }
                    let Some((inner, _, _)) = regex_boundary::build(&decoded, value, "") else { continue };
                    let Ok(re) = regex::Regex::new(&inner) else { continue };
                    if re.captures(&decoded).and_then(|c| c.get(1)).map(|m| m.as_str()) != Some(value) {
                        continue;
                    }
                    let Some(mut found) = extractor_in(r, blob, false, true) else { continue };
                    found.description = format!("inside the base64 blob at {}", found.description);
                    found.base64_inner = Some(inner);
                    return Some(found);
                }
            }
        }
        None
    }

    /// Values responses of steps before `before_step` issue in structured places (JSON strings,
    /// HTML attribute values) that look dynamic: the possible inputs of a derived value that no
    /// request sends as is. Computed only when a digest-shaped value has no other explanation.
    pub fn issued_values(&self, before_step: usize) -> Vec<String> {
        fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
                _ => {}
            }
        }
        let mut out = vec![];
        for r in self.responses.iter().take_while(|r| r.step < before_step) {
            let trimmed = r.body.trim_start();
            if r.mime.contains("json") || trimmed.starts_with('{') || trimmed.starts_with('[') {
                if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&r.body) {
                    json_strings(&doc, &mut out);
                }
            } else if r.mime.contains("html") || trimmed.starts_with('<') {
                let doc = Html::parse_document(&r.body);
                for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
                    out.extend(el.value().attrs().filter(|(k, _)| !matches!(*k, "name" | "id" | "class" | "href" | "src")).map(|(_, v)| v.to_string()));
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|v| crate::looks_dynamic(v) && seen.insert(v.clone()));
        out
    }

    /// For each (form field name, step): the HAR entry of the page the user typed it into — the
    /// latest HTML response before the step with a field of that name, when that field is one a
    /// person fills in (see [`html::tag_is_empty_user_field`]). One pass over the responses for
    /// all queries; each answer looks at one tag.
    pub fn typed_into(&self, queries: &[(&str, usize)]) -> Vec<Option<usize>> {
        let mut names: Vec<&str> = queries.iter().map(|q| q.0).filter(|n| !n.is_empty() && !n.contains(['"', '\\'])).collect();
        names.sort_unstable();
        names.dedup();
        if names.is_empty() {
            return vec![None; queries.len()];
        }
        let patterns: Vec<String> = names.iter().map(|n| format!("name=\"{n}\"")).collect();
        let ac = AhoCorasick::new(&patterns).expect("literal patterns");
        // Per name, (response, offset) of each occurrence, in recording order.
        let mut holders: Vec<Vec<(usize, usize)>> = vec![vec![]; names.len()];
        for (i, r) in self.responses.iter().enumerate().filter(|(_, r)| r.mime.contains("html")) {
            for m in ac.find_iter(r.body.as_ref()) {
                holders[m.pattern().as_usize()].push((i, m.start()));
            }
        }
        queries
            .iter()
            .map(|(name, before_step)| {
                let list = &holders[names.binary_search(name).ok()?];
                let latest = list.partition_point(|(i, _)| self.responses[*i].step < *before_step).checked_sub(1)?;
                let (i, at) = list[latest];
                html::tag_is_empty_user_field(&self.responses[i].body, at).then(|| self.responses[i].entry)
            })
            .collect()
    }

    /// The origin of `value` among responses of steps before `before_step`, looking from
    /// `from` (its first holder, see [`Self::first_holders`]; None: no response holds it).
    pub fn find_origin(&self, value: &str, before_step: usize, from: Option<usize>) -> Result<Found, String> {
        let mut encoded_only = None;
        let start = from.unwrap_or(self.responses.len());
        for r in self.responses.iter().skip(start).take_while(|r| r.step < before_step) {
            let in_body = r.body.contains(value);
            let in_headers = r.headers.contains(value);
            if !in_body && !in_headers {
                // Issued URL-encoded (a return URL, a redirect target in a page): extract that
                // text and let the plan decode it.
                if let Some(found) = url_encoded_extractor(r, value).or_else(|| json_escaped_extractor(r, value)) {
                    return Ok(found);
                }
                if encoded_only.is_none() && appears_encoded(&r.body, value) {
                    encoded_only = Some(r.entry);
                }
                // HTML attributes are entity-decoded by the parser: still worth a look below.
                if !(r.mime.contains("html") && r.body.contains('&')) {
                    continue;
                }
            }
            // The body's structured extractors need a parse: only where the body can hold the
            // value (as is, or behind JSON escapes or HTML entities the parser decodes).
            let body_may_hold = in_body || r.body.contains('&') || r.body.contains('\\');
            if let Some(found) = extractor_in(r, value, in_headers, body_may_hold) {
                return Ok(found);
            }
        }
        match encoded_only {
            Some(e) => Err(format!("found only in an encoded form (entry {e}); not extracted")),
            None => Err("no earlier response contains this value (typed by the user or generated by the client?)".into()),
        }
    }
}

/// The forms of a value a response may hold it in (see [`ResponseIndex::first_holders`]).
fn forms(v: &str) -> Vec<String> {
    let url1 = magpie_core::urlenc::form_encode(v);
    let url2 = magpie_core::urlenc::form_encode(&url1);
    let html = v.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&#39;");
    let mut out = vec![v.to_string()];
    for f in [url1, url2, html].into_iter().chain(json_escaped_forms(v)) {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// The text a Regular Expression Extractor reads for `field` of a recorded response: for
/// headers, the status line and `Name: value` lines joined with `\n`, as JMeter's HTTP
/// sampler builds them.
pub fn field_text(e: &Entry, field: &RegexField) -> String {
    match field {
        RegexField::Body => e.response.content.body_text().unwrap_or_default(),
        RegexField::Headers => {
            let mut headers = format!("HTTP/1.1 {} {}\n", e.response.status, e.response.status_text);
            for h in &e.response.headers {
                headers.push_str(&format!("{}: {}\n", h.name, h.value));
            }
            headers
        }
    }
}

/// The JSON-escaped forms a page's inline script may print `value` in: `\/` for `/` (PHP,
/// Rails), or `\u00XX` for `/ + < > & = '` (serialisers guarding inline scripts).
fn json_escaped_forms(value: &str) -> Vec<String> {
    let mut out = vec![];
    let slash = value.replace('/', "\\/");
    if slash != value {
        out.push(slash);
    }
    for upper in [true, false] {
        let mut escaped = String::with_capacity(value.len() + 16);
        for c in value.chars() {
            if matches!(c, '/' | '+' | '<' | '>' | '&' | '=' | '\'') {
                escaped.push_str(&if upper { format!("\\u{:04X}", c as u32) } else { format!("\\u{:04x}", c as u32) });
            } else {
                escaped.push(c);
            }
        }
        if escaped != value && !out.contains(&escaped) {
            out.push(escaped);
        }
    }
    out
}

/// JSON string unescaping of an extracted text, the way JMeter's `__unescape` (Java
/// unescaping) reads `\/` and `\uXXXX`; None when the text is not a valid escaped string.
pub fn json_unescape(text: &str) -> Option<String> {
    serde_json::from_str::<String>(&format!("\"{text}\"")).ok()
}

/// An extractor for `value` where `r` holds it only JSON-escaped in its body: a regex around the
/// escaped text, checked to unescape back to exactly `value`.
fn json_escaped_extractor(r: &Recorded, value: &str) -> Option<Found> {
    for escaped in json_escaped_forms(value) {
        if !r.body.contains(&escaped) || json_unescape(&escaped).as_deref() != Some(value) {
            continue;
        }
        if let Some((regex, match_no, left)) = regex_boundary::build(&r.body, &escaped, "") {
            return Some(Found {
                step: r.step,
                entry: r.entry,
                in_sub_sample: r.non_final_hop,
                description: "body, JSON-escaped".to_string(),
                extractor: Extractor::Regex { field: RegexField::Body, regex, match_no },
                name_hint: regex_boundary::name_from_left(&left),
                url_encoded: 0,
                json_escaped: true,
 base64_inner: None,
            });
        }
    }
    None
}

fn appears_encoded(body: &str, value: &str) -> bool {
    let url = magpie_core::urlenc::form_encode(value);
    (url != value && body.contains(&url)) || json_escaped_forms(value).iter().any(|j| body.contains(j.as_str()))
}

/// An extractor for `value` where `r` holds it only URL-encoded, once or twice (in its body or
/// headers): a regex with tight boundaries around the encoded text, checked to decode back to
/// exactly `value`.
fn url_encoded_extractor(r: &Recorded, value: &str) -> Option<Found> {
    let once = magpie_core::urlenc::form_encode(value);
    if once == value {
        return None;
    }
    let twice = magpie_core::urlenc::form_encode(&once);
    for (times, encoded) in [(2u8, twice), (1u8, once)] {
        for (field, text) in [(RegexField::Body, &*r.body), (RegexField::Headers, r.headers.as_str())] {
            if !text.contains(&encoded) {
                continue;
            }
            let mut decoded = encoded.clone();
            for _ in 0..times {
                decoded = magpie_core::urlenc::percent_decode(&decoded, true);
            }
            if decoded != value {
                continue;
            }
            let flags = if field == RegexField::Headers { "(?i)" } else { "" };
            if let Some((regex, match_no, left)) = regex_boundary::build(text, &encoded, flags) {
                let place = if field == RegexField::Headers { "headers" } else { "body" };
                return Some(Found {
                    step: r.step,
                    entry: r.entry,
                    in_sub_sample: r.non_final_hop,
                    description: format!("{place}, URL-encoded{}", if times == 2 { " twice" } else { "" }),
                    extractor: Extractor::Regex { field, regex, match_no },
                    name_hint: regex_boundary::name_from_left(&left),
                    url_encoded: times,
 json_escaped: false,
 base64_inner: None,
                });
            }
        }
    }
    None
}

fn extractor_in(r: &Recorded, value: &str, in_headers: bool, in_body: bool) -> Option<Found> {
    let found = |description: String, extractor: Extractor, hint: Option<String>| Found {
        step: r.step,
        entry: r.entry,
        in_sub_sample: r.non_final_hop,
        description,
        extractor,
        name_hint: hint,
        url_encoded: 0,
 json_escaped: false,
 base64_inner: None,
    };
    let trimmed = r.body.trim_start();
    if in_body && (r.mime.contains("json") || trimmed.starts_with('{') || trimmed.starts_with('[')) {
        if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&r.body) {
            if let Some((path, keys)) = jsonpath::find_leaf(&doc, value) {
                let hint = json_name_hint(&keys);
                return Some(found(format!("JSON body {path}"), Extractor::Json { path, match_no: 1 }, hint));
            }
        }
    }
    if in_body && (r.mime.contains("html") || trimmed.starts_with('<')) {
        // The first element holding the value in an attribute, and its position among the
        // selector's matches, depend only on the document before it: parse up to the end of the
        // first tag that holds it as an attribute value, the whole page when none does literally.
        let prefix = first_attribute_tag_end(&r.body, value)
            .map(|end| Html::parse_document(&r.body[..end]))
            .and_then(|doc| html::find_attribute(&doc, value));
        let css = prefix.or_else(|| html::find_attribute(&Html::parse_document(&r.body), value));
        if let Some(css) = css {
            return Some(found(
                format!("HTML {} @{}", css.selector, css.attribute),
                Extractor::Css { selector: css.selector, attribute: css.attribute, match_no: css.match_no },
                Some(css.name_hint),
            ));
        }
    }
    if in_headers {
        if let Some((regex, match_no, left)) = regex_boundary::build(&r.headers, value, "(?i)") {
            let header = r
                .headers
                .lines()
                .find(|l| l.contains(value))
                .and_then(|l| l.split_once(':'))
                .map(|(n, _)| n.trim().to_string())
                .unwrap_or_default();
            // A value inside a header (`Location: /cb?code=…`) is named after its parameter.
            let hint = regex_boundary::name_from_left(&left)
                .filter(|n| !n.eq_ignore_ascii_case(&header))
                .or_else(|| Some(header.clone()));
            let description = if header.is_empty() { "response header".to_string() } else { format!("header {header}") };
            return Some(found(description, Extractor::Regex { field: RegexField::Headers, regex, match_no }, hint));
        }
    }
    if r.body.contains(value) {
        if let Some((regex, match_no, left)) = regex_boundary::build(&r.body, value, "") {
            let hint = regex_boundary::name_from_left(&left);
            let extractor = simpler_boundary(&r.body, value, &left, match_no)
                .unwrap_or(Extractor::Regex { field: RegexField::Body, regex, match_no });
            return Some(found("body text".to_string(), extractor, hint));
        }
    }
    None
}

/// The base64 text `value` turns into wherever it sits in a longer encoded blob: for each of
/// the three byte alignments, the characters that depend on `value` alone (standard alphabet;
/// the URL-safe one too when it differs). Empty for values under 12 bytes (too short to trust).
fn base64_cores(value: &[u8]) -> Vec<String> {
    use base64::Engine;
    // Shorter values inside base64 text are more likely coincidences than tokens.
    if value.len() < 12 {
        return vec![];
    }
    let mut out = vec![];
    for k in 0..3usize {
        let mut bytes = vec![0u8; k];
        bytes.extend_from_slice(value);
        let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let core = &encoded[(8 * k).div_ceil(6)..(8 * (k + value.len())) / 6];
        out.push(core.to_string());
        let url_safe = core.replace('+', "-").replace('/', "_");
        if url_safe != core {
            out.push(url_safe);
        }
    }
    out
}

/// The whole base64 run around `text[at..at + len]` and its decoded text (standard or URL-safe
/// alphabet, padded or not); None when it does not decode to UTF-8.
fn blob_around(text: &str, at: usize, len: usize) -> Option<(&str, String)> {
    use base64::Engine;
    let is_b64 = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    let bytes = text.as_bytes();
    let start = bytes[..at].iter().rposition(|&b| !is_b64(b)).map_or(0, |i| i + 1);
    let mut end = at + len + bytes[at + len..].iter().position(|&b| !is_b64(b)).unwrap_or(bytes.len() - at - len);
    while end < bytes.len() && bytes[end] == b'=' {
        end += 1;
    }
    let blob = &text[start..end];
    let trimmed = blob.trim_end_matches('=');
    let decoded = if trimmed.contains(['-', '_']) {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(trimmed)
    } else {
        base64::engine::general_purpose::STANDARD_NO_PAD.decode(trimmed)
    };
    String::from_utf8(decoded.ok()?).ok().map(|d| (blob, d))
}

/// The end (after `>`) of the first tag where `value` (as is or HTML-escaped) is written as an
/// attribute value (`="v"`, `='v'`, `=v`); None when it never is.
fn first_attribute_tag_end(html: &str, value: &str) -> Option<usize> {
    let escaped = value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;");
    let mut forms = vec![value];
    if escaped != value {
        forms.push(&escaped);
    }
    let mut first: Option<usize> = None;
    for form in forms {
        for (at, _) in html.match_indices(form) {
            let before = html[..at].trim_end_matches(['"', '\'']);
            let after = &html[at + form.len()..];
            let closes = matches!(after.chars().next(), Some('"' | '\'' | ' ' | '>' | '/'));
            if before.ends_with('=') && closes {
                let end = at + form.len() + after.find('>')? + 1;
                first = Some(first.map_or(end, |f: usize| f.min(end)));
                break;
            }
        }
    }
    first
}

/// A Boundary Extractor instead of the regex where it is simpler and means the same: the left
/// text is plain (one line), the right boundary is the character after the value, and in JMeter's
/// reading the pair yields exactly one match, the value. (Lists with several matches keep the
/// regex, which may be anchored on a row id.)
fn simpler_boundary(body: &str, value: &str, left: &str, match_no: u32) -> Option<Extractor> {
    if match_no != 1 || left.is_empty() || left.contains(['\n', '\r']) {
        return None;
    }
    let at = body.find(&format!("{left}{value}"))? + left.len();
    let right: String = body[at + value.len()..].chars().take(1).collect();
    if right.is_empty() || right == "\n" || right == "\r" || value.contains(right.as_str()) || right.chars().all(char::is_alphanumeric) {
        return None;
    }
    (crate::extract::boundary_matches(body, left, &right) == [value])
        .then(|| Extractor::Boundary { field: RegexField::Body, left: left.to_string(), right, match_no: 1 })
}

/// `cart.id` → `cart_id`; `token` → `token`.
fn json_name_hint(keys: &[String]) -> Option<String> {
    let last = keys.last()?;
    let generic = matches!(last.to_ascii_lowercase().as_str(), "id" | "value" | "key" | "code" | "token");
    match (generic, keys.len() >= 2) {
        (true, true) => Some(format!("{}_{}", keys[keys.len() - 2], last)),
        _ => Some(last.clone()),
    }
}
