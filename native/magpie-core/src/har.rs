//! HAR 1.x model and parser.
//!
//! Lenient where real exporters differ (missing optional fields, `null`s, a UTF-8 BOM, a
//! missing `version`), strict where replay needs data: every entry needs a request with a
//! method and URL and a response with a status. Errors name the file and the place
//! (`log.entries[3].response`, or line/column for malformed JSON).
use base64::Engine;
use serde::{Deserialize, Deserializer};

use crate::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
pub struct Har {
    #[serde(deserialize_with = "object_only")]
    pub log: Log,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Log {
    #[serde(default, deserialize_with = "null_default")]
    pub version: String,
    #[serde(default, deserialize_with = "null_default")]
    pub creator: Creator,
    #[serde(default, deserialize_with = "null_default")]
    pub pages: Vec<Page>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Creator {
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub version: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Page {
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub title: String,
    #[serde(rename = "startedDateTime", default, deserialize_with = "null_default")]
    pub started_date_time: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    #[serde(default, deserialize_with = "null_default")]
    pub pageref: String,
    #[serde(rename = "startedDateTime", default, deserialize_with = "null_default")]
    pub started_date_time: String,
    /// Total elapsed ms; -1 or absent when unknown.
    #[serde(default, deserialize_with = "lenient_f64")]
    pub time: f64,
    #[serde(deserialize_with = "object_only")]
    pub request: Request,
    #[serde(deserialize_with = "object_only")]
    pub response: Response,
    /// Chrome's resource type ("document", "xhr", "script", ...), when the exporter wrote it.
    #[serde(rename = "_resourceType", default, deserialize_with = "null_default")]
    pub resource_type: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Request {
    pub method: String,
    pub url: String,
    #[serde(rename = "httpVersion", default, deserialize_with = "null_default")]
    pub http_version: String,
    #[serde(default, deserialize_with = "null_default")]
    pub headers: Vec<Header>,
    #[serde(rename = "queryString", default, deserialize_with = "null_default")]
    pub query_string: Vec<Header>,
    #[serde(rename = "postData", default)]
    pub post_data: Option<PostData>,
    /// The cookies the request sent, as the exporter parsed them (also in its `Cookie` header).
    #[serde(default, deserialize_with = "null_default")]
    pub cookies: Vec<Header>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Response {
    #[serde(deserialize_with = "lenient_u16")]
    pub status: u16,
    #[serde(rename = "statusText", default, deserialize_with = "null_default")]
    pub status_text: String,
    #[serde(default, deserialize_with = "null_default")]
    pub headers: Vec<Header>,
    #[serde(default, deserialize_with = "null_default")]
    pub content: Content,
    #[serde(rename = "redirectURL", default, deserialize_with = "null_default")]
    pub redirect_url: String,
    /// The cookies the response set, as the exporter parsed them (also in `Set-Cookie` headers).
    #[serde(default, deserialize_with = "null_default")]
    pub cookies: Vec<Header>,
}

/// A name/value pair: headers, query parameters, cookies.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Header {
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub value: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostData {
    #[serde(rename = "mimeType", default, deserialize_with = "null_default")]
    pub mime_type: String,
    #[serde(default, deserialize_with = "null_default")]
    pub text: String,
    #[serde(default, deserialize_with = "null_default")]
    pub params: Vec<PostParam>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PostParam {
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Some exporters write structured values here; they are kept as JSON text.
    #[serde(default, deserialize_with = "string_or_json")]
    pub value: Option<String>,
    #[serde(rename = "fileName", default)]
    pub file_name: Option<String>,
    #[serde(rename = "contentType", default)]
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Content {
    #[serde(rename = "mimeType", default, deserialize_with = "null_default")]
    pub mime_type: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub encoding: Option<String>,
}

impl Content {
    /// The body as text: base64 bodies are decoded; binary content is lossily converted.
    pub fn body_text(&self) -> Option<String> {
        self.body_str().map(|b| b.into_owned())
    }

    /// Like [`Self::body_text`], borrowing the recorded text when it needs no decoding (large
    /// recordings: no copy of every body).
    pub fn body_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        let text = self.text.as_deref()?;
        if self.encoding.as_deref().is_some_and(|e| e.eq_ignore_ascii_case("base64")) {
            let bytes = base64::engine::general_purpose::STANDARD.decode(text.trim()).ok()?;
            Some(std::borrow::Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()))
        } else {
            Some(std::borrow::Cow::Borrowed(text))
        }
    }
}

/// Headers lookup helpers shared by request and response.
pub fn header_value<'a>(headers: &'a [Header], name: &str) -> Option<&'a str> {
    headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value.as_str())
}

impl Entry {
    pub fn response_header(&self, name: &str) -> Option<&str> {
        header_value(&self.response.headers, name)
    }
    pub fn request_header(&self, name: &str) -> Option<&str> {
        header_value(&self.request.headers, name)
    }
    /// Milliseconds since the Unix epoch of `startedDateTime`, when it parses.
    pub fn started_ms(&self) -> Option<i64> {
        parse_iso8601_ms(&self.started_date_time)
    }
}

/// Parses a HAR document. `file` names the input in errors.
pub fn parse(bytes: &[u8], file: &str) -> Result<Har> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::bad_input(file, "line 1", "the file is empty; expected a HAR (JSON with a `log` object)"));
    }
    // The fast reader first; only a document it rejects is read again with path tracking, to
    // name the place (`log.entries[3].response`) in the message.
    let har: Har = match serde_json::from_slice::<Har>(bytes) {
        Ok(har) => har,
        Err(_) => located_error(bytes, file)?,
    };
    let version = har.log.version.trim();
    if !version.is_empty() && !version.starts_with("1.") {
        return Err(Error::bad_input(
            file,
            "log.version",
            format!("HAR version {version:?} is not supported; expected 1.1 or 1.2"),
        ));
    }
    for (i, entry) in har.log.entries.iter().enumerate() {
        if entry.request.url.trim().is_empty() {
            return Err(Error::bad_input(file, format!("log.entries[{i}].request.url"), "empty URL"));
        }
        if entry.request.method.trim().is_empty() {
            return Err(Error::bad_input(file, format!("log.entries[{i}].request.method"), "empty method"));
        }
    }
    Ok(har)
}

fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// serde_json lets a struct come from an array; a HAR object never does, and the error for
/// that case ("expected a string" at `log[0]`) would mislead.
fn object_only<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectVisitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

fn string_or_json<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

fn null_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Numbers written as numbers, strings or null by different exporters.
fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<f64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        F(f64),
        S(String),
    }
    Ok(match Option::<Num>::deserialize(d)? {
        Some(Num::F(f)) => f,
        Some(Num::S(s)) => s.trim().parse().unwrap_or(-1.0),
        None => -1.0,
    })
}

fn lenient_u16<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u16, D::Error> {
    let f = lenient_f64(d)?;
    if (0.0..=999.0).contains(&f) {
        Ok(f as u16)
    } else {
        Err(serde::de::Error::custom(format!("invalid HTTP status {f}")))
    }
}

/// `2024-01-02T03:04:05.678Z` / `+01:00` offsets → epoch ms. Enough for gaps between entries.
pub fn parse_iso8601_ms(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() < 19 {
        return None;
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse().ok() };
    let (y, mo, d, h, mi, sec) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b' ') {
        return None;
    }
    let mut rest = &s[19..];
    let mut ms = 0i64;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits: String = frac.chars().take_while(|c| c.is_ascii_digit()).collect();
        rest = &frac[digits.len()..];
        let padded = format!("{:0<3}", &digits[..digits.len().min(3)]);
        ms = padded.parse().ok()?;
    }
    let offset_min = if rest.is_empty() || rest == "Z" || rest == "z" {
        0
    } else {
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        let r = &rest[1..];
        let oh: i64 = r.get(0..2)?.parse().ok()?;
        let om: i64 = r.get(r.len().saturating_sub(2)..)?.parse().unwrap_or(0);
        sign * (oh * 60 + om)
    };
    // Days from civil (Howard Hinnant's algorithm).
    let (y, m) = if mo <= 2 { (y - 1, mo + 9) } else { (y, mo - 3) };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146097 + doe - 719468;
    Some(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + sec * 1000 + ms)
}

/// Reads `bytes` again with path tracking, for a document the fast reader rejected: the error
/// names the place. (Returns the HAR if, unexpectedly, it reads this time.)
fn located_error(bytes: &[u8], file: &str) -> Result<Har> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let har: Har = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let place = if path.is_empty() || path == "." {
            format!("line {} column {}", inner.line(), inner.column())
        } else {
            format!("{path} (line {} column {})", inner.line(), inner.column())
        };
        let message = if inner.is_syntax() || inner.is_eof() {
            format!("not valid JSON: {inner}")
        } else {
            format!("not a HAR 1.x document: {}", strip_position(&inner.to_string()))
        };
        Error::bad_input(file, place, message)
    })?;
    de.end().map_err(|e| {
        Error::bad_input(file, format!("line {} column {}", e.line(), e.column()), format!("not valid JSON: {e}"))
    })?;
    Ok(har)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(entries: &str) -> String {
        format!(r#"{{"log":{{"version":"1.2","creator":{{"name":"t","version":"1"}},"entries":[{entries}]}}}}"#)
    }

    const ENTRY: &str = r#"{"startedDateTime":"2024-01-01T00:00:00.000Z","time":12,
        "request":{"method":"GET","url":"http://a/x","headers":[]},
        "response":{"status":200,"headers":[],"content":{"mimeType":"text/html","text":"aGk=","encoding":"base64"}}}"#;

    #[test]
    fn parses_minimal_and_decodes_base64() {
        let har = parse(minimal(ENTRY).as_bytes(), "t.har").unwrap();
        assert_eq!(har.log.entries.len(), 1);
        assert_eq!(har.log.entries[0].response.content.body_text().as_deref(), Some("hi"));
    }

    #[test]
    fn strips_bom() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(minimal(ENTRY).as_bytes());
        assert!(parse(&bytes, "t.har").is_ok());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = parse(b"{\n  \"log\": {\n    \"entries\": [\n", "bad.har").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.har: "), "{msg}");
        assert!(msg.contains("line "), "{msg}");
        assert!(msg.contains("not valid JSON"), "{msg}");
    }

    #[test]
    fn entry_without_response_names_the_entry() {
        let bad = r#"{"request":{"method":"GET","url":"http://a/y"}}"#;
        let err = parse(minimal(&format!("{ENTRY},{bad}")).as_bytes(), "r.har").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("log.entries[1]"), "{msg}");
        assert!(msg.contains("response"), "{msg}");
    }

    #[test]
    fn not_a_har() {
        let err = parse(br#"{"foo": 1}"#, "x.json").unwrap_err();
        assert!(err.to_string().contains("not a HAR 1.x document"), "{err}");
        let err = parse(br#"{"log":{"version":"2.0","entries":[]}}"#, "x.har").unwrap_err();
        assert!(err.to_string().contains("not supported"), "{err}");
        let err = parse(b"", "e.har").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn array_where_object_expected() {
        let err = parse(b"{\"log\":[2,1,3]}", "b.har").unwrap_err();
        assert!(err.to_string().contains("expected an object"), "{err}");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso8601_ms("1970-01-01T00:00:01.5Z"), Some(1500));
        assert_eq!(parse_iso8601_ms("1970-01-01T01:00:00.000+01:00"), Some(0));
        assert_eq!(parse_iso8601_ms("2024-02-29T12:00:00Z"), Some(1_709_208_000_000));
    }
}
