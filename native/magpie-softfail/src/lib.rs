//! Soft-failure detection: a response that looks successful (2xx/3xx) but is not. Runs on every
//! sample of a load test, so it reads at most [`SCAN_LIMIT`] bytes of a body, uses prebuilt
//! regexes, and allocates only for the failure message.
//!
//! A [`Baseline`] holds what the recording showed for one sampler (status, content type, size,
//! page title, final URL path); [`Baseline::check`] compares a response with it. Checks that
//! would already fire on the recorded response are switched off when the baseline is built
//! (`ignore`), so a page that legitimately says "Error" in its title does not fail every time.
use std::sync::OnceLock;

use memchr::memmem::Finder;
use regex::bytes::Regex;
use serde::{Deserialize, Serialize};

/// Bytes of a body that are looked at: titles, top-level JSON status fields, and the error pages
/// and stack traces of failed requests (small bodies) are all in the first few KB; reading more
/// would cost every successful sample of a load test for nothing.
pub const SCAN_LIMIT: usize = 4 * 1024;

/// The kinds of soft failure, as named in `ignore` and in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    LoginPage,
    ErrorPage,
    StackTrace,
    JsonError,
    ContentType,
    Size,
}

/// What the recording showed for one sampler, and the options. Serialised into the test
/// element's properties by har2jmx; every field is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Baseline {
    /// MIME type of the recorded response (`text/html`), parameters ignored.
    pub content_type: String,
    /// Recorded body size in bytes (0: unknown).
    pub size: u64,
    /// A response smaller than this share of the recorded size fails (0: no size check).
    pub min_size_ratio: f64,
    /// Path of the URL the recorded response came from (after redirects).
    pub path: String,
    /// Checks that do not apply to this sampler.
    pub ignore: Vec<Kind>,
}

/// A response as JMeter has it.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub content_type: &'a str,
    /// The sample's URL (after redirects JMeter followed).
    pub url: &'a str,
    /// The first bytes of the body (at most [`SCAN_LIMIT`] are read).
    pub body: &'a [u8],
    /// The whole body's size.
    pub body_len: u64,
}

struct Patterns {
    title: Regex,
    error_words: Regex,
    /// Literals every stack trace line has; the precise regex runs only on lines holding one
    /// (a regex with many common starts, `"` or `at `, restarts too often on large bodies).
    stack_hints: Vec<Finder<'static>>,
    stack_trace: Regex,
    /// JSON keys that carry an outcome; their values are checked with anchored regexes.
    json_keys: Vec<(Finder<'static>, JsonKey)>,
    json_status_value: Regex,
    json_false_value: Regex,
    json_errors_value: Regex,
    json_error_value: Regex,
    login_path: regex::Regex,
}

/// The JSON keys of [`Patterns::json_keys`] and which value check applies to each.
const JSON_KEYS: &[(&str, JsonKey)] = &[
    ("\"status\"", JsonKey::Status),
    ("\"result\"", JsonKey::Status),
    ("\"state\"", JsonKey::Status),
    ("\"outcome\"", JsonKey::Status),
    ("\"success\"", JsonKey::Flag),
    ("\"ok\"", JsonKey::Flag),
    ("\"succeeded\"", JsonKey::Flag),
    ("\"errors\"", JsonKey::Errors),
    ("\"error\"", JsonKey::Error),
];

#[derive(Clone, Copy)]
enum JsonKey {
    Status,
    Flag,
    Errors,
    Error,
}

const STACK_HINTS: &[&str] = &[
    "Traceback (most recent call last)",
    "Exception in thread \"",
    ".java:",
    ":line ",
    "error</b>:",
    "PHP Fatal error",
    "PHP Parse error",
    "Stack trace:",
    "Exception",
    ".js:",
];

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        title: Regex::new(r"(?is-u)<(?:title|h1)[^>]*>\s*(.{0,300}?)\s*</(?:title|h1)>").expect("valid"),
        error_words: Regex::new(
            r"(?i-u)\b(error|exception|something went wrong|went wrong|oops|session (?:has )?(?:expired|timed out)|access denied|forbidden|unauthori[sz]ed|not found|service unavailable|bad request|bad gateway|internal server error|invalid (?:token|request|session)|csrf|request rejected)\b",
        )
        .expect("valid"),
        // One SIMD substring search per literal: over a few KB, faster than an automaton that
        // restarts at every `.` or `"`.
        stack_hints: STACK_HINTS.iter().map(|h| Finder::new(h.as_bytes())).collect(),
        // ASCII classes and boundaries throughout (`-u`): these run on every sample, and Unicode
        // word classes make the regex engine leave its fast DFA.
        stack_trace: Regex::new(concat!(
            r"(?-u)Traceback \(most recent call last\)",
            r#"|Exception in thread ""#,
            r"|\bat [a-z][\w$]*(?:\.[\w$]+)+\([\w$]+\.java:\d+\)",
            r"|\bat [A-Z][\w.`]+\(.*\) in .+:line \d+",
            r"|(?:Fatal|Parse) error</b>:|PHP (?:Fatal|Parse) error:|Stack trace:\s*#0",
            r"|\b(?:java\.lang|javax?\.[a-z]+)\.[A-Za-z]*Exception\b",
            r"|\bSystem\.[A-Za-z.]*Exception: ",
            r"|\bat [^\n]+ \([^\n]+\.js:\d+:\d+\)"
        ))
        .expect("valid"),
        // Case-sensitive: JSON keys are written in lower case.
        json_keys: JSON_KEYS.iter().map(|(k, kind)| (Finder::new(k.as_bytes()), *kind)).collect(),
        json_status_value: Regex::new(r#"(?i-u)^\s*:\s*"(?:error|fail|failed|failure|ko)""#).expect("valid"),
        json_false_value: Regex::new(r"(?-u)^\s*:\s*false").expect("valid"),
        json_errors_value: Regex::new(r"(?-u)^\s*:\s*\[\s*[^\]\s]").expect("valid"),
        json_error_value: Regex::new(r#"(?-u)^\s*:\s*(?:\{|"[^"])"#).expect("valid"),
        login_path: regex::Regex::new(
            r"(?i)(?:^|/)(?:login|log-in|log_in|signin|sign-in|sign_in|logon|log-on|sso|cas|oauth2?/authorize|session/new|users/sign_in|account/login|wp-login\.php)(?:[/.?;]|$)",
        )
        .expect("valid"),
    })
}

fn mime(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

fn url_path(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| &url[i + 3..]).unwrap_or(url);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/");
    path.split(['?', '#']).next().unwrap_or(path)
}

/// `"status": "error"` and the like: the key and its value, as written.
fn json_error(p: &Patterns, body: &[u8]) -> Option<String> {
    for (finder, kind) in &p.json_keys {
        let value = match kind {
            JsonKey::Status => &p.json_status_value,
            JsonKey::Flag => &p.json_false_value,
            JsonKey::Errors => &p.json_errors_value,
            JsonKey::Error => &p.json_error_value,
        };
        for at in finder.find_iter(body) {
            let end = at + finder.needle().len();
            if let Some(v) = value.find(&body[end..body.len().min(end + 80)]) {
                return Some(format!("{}{}", String::from_utf8_lossy(finder.needle()), String::from_utf8_lossy(v.as_bytes())));
            }
        }
    }
    None
}

/// The first stack-trace line: the precise regex, on the lines that hold a hint.
fn stack_trace<'b>(p: &Patterns, body: &'b [u8]) -> Option<&'b [u8]> {
    let mut best: Option<&'b [u8]> = None;
    for hint in &p.stack_hints {
        for at in hint.find_iter(body) {
            if best.is_some_and(|b| b.as_ptr() as usize <= body.as_ptr() as usize + at) {
                break; // an earlier line already has one
            }
            let start = body[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1).max(at.saturating_sub(300));
            let tail = at + hint.needle().len();
            let end = body[tail..].iter().position(|&b| b == b'\n').map_or(body.len(), |i| tail + i).min(tail + 300);
            if let Some(found) = p.stack_trace.find(&body[start..end]) {
                best = Some(&body[start + found.start()..start + found.end()]);
                break;
            }
        }
    }
    best
}

impl Baseline {
    pub fn from_json(config: &str) -> Result<Baseline, String> {
        serde_json::from_str(config).map_err(|e| format!("soft-failure baseline: {e}"))
    }

    /// A baseline for a recorded response: the checks that fire on the recording itself are
    /// ignored from then on.
    pub fn from_recording(recorded: &Response, min_size_ratio: f64) -> Baseline {
        let mut b = Baseline {
            content_type: mime(recorded.content_type),
            size: recorded.body_len,
            min_size_ratio,
            path: url_path(recorded.url).to_string(),
            ignore: vec![],
        };
        b.ignore = b.findings(recorded).into_iter().map(|(k, _)| k).collect();
        b
    }

    /// None when the response is fine; otherwise `Magpie soft failure: <why>`.
    pub fn check(&self, r: &Response) -> Option<String> {
        self.findings(r).into_iter().next().map(|(_, why)| format!("Magpie soft failure: {why}"))
    }

    fn findings(&self, r: &Response) -> Vec<(Kind, String)> {
        let mut out = vec![];
        // A 4xx/5xx already fails the sample; only "successful" responses are judged here.
        if !(200..400).contains(&r.status) {
            return out;
        }
        let p = patterns();
        let on = |k: Kind| !self.ignore.contains(&k);
        let body = &r.body[..r.body.len().min(SCAN_LIMIT)];
        let path = url_path(r.url);
        if on(Kind::LoginPage) && p.login_path.is_match(path) && !p.login_path.is_match(&self.path) {
            out.push((Kind::LoginPage, format!("ended on a login page ({path}); the recording got {}", self.path)));
        }
        let got = mime(r.content_type);
        if on(Kind::ContentType) && !self.content_type.is_empty() && !got.is_empty() && got != self.content_type {
            out.push((Kind::ContentType, format!("content type {got}, the recording had {}", self.content_type)));
        }
        let looks_json = got.contains("json") || body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|&b| b == b'{' || b == b'[');
        if on(Kind::JsonError) && looks_json {
            if let Some(shown) = json_error(p, body) {
                out.push((Kind::JsonError, format!("JSON error status {shown}")));
            }
        }
        if on(Kind::ErrorPage) && !looks_json {
            if let Some(t) = p.title.captures(body).and_then(|c| c.get(1)) {
                if let Some(w) = p.error_words.find(t.as_bytes()) {
                    let title = String::from_utf8_lossy(t.as_bytes());
                    let title: String = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push((Kind::ErrorPage, format!("error page \"{title}\" (\"{}\")", String::from_utf8_lossy(w.as_bytes()))));
                }
            }
        }
        // JSON error bodies carry their trace under an error key, which the JSON check sees.
        if on(Kind::StackTrace) && !looks_json {
            if let Some(m) = stack_trace(p, body) {
                let shown: String = String::from_utf8_lossy(m).chars().take(80).collect();
                out.push((Kind::StackTrace, format!("stack trace in the response ({shown})")));
            }
        }
        if on(Kind::Size) && self.min_size_ratio > 0.0 && self.size >= 1024 && (r.body_len as f64) < self.size as f64 * self.min_size_ratio {
            out.push((
                Kind::Size,
                format!("body {} bytes, the recording had {} (under {:.0} %)", r.body_len, self.size, self.min_size_ratio * 100.0),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp<'a>(status: u16, ct: &'a str, url: &'a str, body: &'a str) -> Response<'a> {
        Response { status, content_type: ct, url, body: body.as_bytes(), body_len: body.len() as u64 }
    }

    const SHOP: &str = "<html><head><title>Magpie Tea Shop — Catalogue</title></head><body><h1>Teas</h1>...</body></html>";

    fn html_baseline() -> Baseline {
        Baseline::from_recording(&resp(200, "text/html; charset=utf-8", "http://h/shop", SHOP), 0.25)
    }

    #[test]
    fn the_recorded_page_and_its_like_pass() {
        let b = html_baseline();
        assert_eq!(b.ignore, vec![]);
        assert_eq!(b.check(&resp(200, "text/html", "http://h/shop?x=1", SHOP)), None);
        // Pages that mention errors harmlessly: a help article, an empty error div, a form label.
        let help = "<html><title>How to fix error 42 - Help</title><p>An error can happen when…</p></html>";
        let help_b = Baseline::from_recording(&resp(200, "text/html", "http://h/help", help), 0.25);
        assert_eq!(help_b.check(&resp(200, "text/html", "http://h/help", help)), None);
        let form = "<html><title>Checkout</title><div class=\"error\"></div><label>Error messages appear here</label></html>";
        assert_eq!(html_baseline().check(&resp(200, "text/html", "http://h/shop", form)), None);
        // 4xx/5xx are JMeter's business, not ours.
        assert_eq!(b.check(&resp(500, "text/html", "http://h/shop", "<title>Error</title>")), None);
    }

    #[test]
    fn error_pages_login_pages_and_stack_traces_fail() {
        let b = html_baseline();
        let e = b.check(&resp(200, "text/html", "http://h/shop", "<html><title>Something went wrong</title></html>")).unwrap();
        assert!(e.starts_with("Magpie soft failure: error page \"Something went wrong\""), "{e}");
        let e = b.check(&resp(200, "text/html", "http://h/login?next=/shop", "<html><title>Sign in</title></html>")).unwrap();
        assert!(e.contains("ended on a login page (/login)"), "{e}");
        let java = "<html><title>Shop</title><pre>java.lang.NullPointerException\n\tat com.shop.Cart.add(Cart.java:42)</pre></html>";
        assert!(b.check(&resp(200, "text/html", "http://h/shop", java)).unwrap().contains("stack trace"));
        let py = "<html><title>Shop</title>Traceback (most recent call last):\n  File \"app.py\"</html>";
        assert!(b.check(&resp(200, "text/html", "http://h/shop", py)).unwrap().contains("stack trace"));
    }

    #[test]
    fn json_errors_content_type_and_size() {
        let ok = r#"{"cart": {"id": "c1", "items": []}, "errors": []}"#;
        let b = Baseline::from_recording(&resp(200, "application/json", "http://h/api/cart", ok), 0.25);
        assert_eq!(b.check(&resp(200, "application/json", "http://h/api/cart", ok)), None);
        for bad in [r#"{"status":"error","message":"invalid token"}"#, r#"{"success": false}"#, r#"{"errors":[{"code":1}]}"#, r#"{"error":{"code":"expired"}}"#] {
            let e = b.check(&resp(200, "application/json", "http://h/api/cart", bad)).unwrap();
            assert!(e.contains("JSON error status"), "{bad}: {e}");
        }
        let e = b.check(&resp(200, "text/html", "http://h/api/cart", "<html><title>Cart</title></html>")).unwrap();
        assert!(e.contains("content type text/html, the recording had application/json"), "{e}");
        let big = "x".repeat(10_000);
        let sized = Baseline::from_recording(&resp(200, "text/plain", "http://h/file", &big), 0.25);
        assert!(sized.check(&resp(200, "text/plain", "http://h/file", "tiny")).unwrap().contains("body 4 bytes, the recording had 10000"));
        assert_eq!(sized.check(&resp(200, "text/plain", "http://h/file", &big[..5000])), None);
    }

    #[test]
    fn checks_that_fire_on_the_recording_are_ignored() {
        let login = "<html><title>Sign in</title></html>";
        let b = Baseline::from_recording(&resp(200, "text/html", "http://h/login", login), 0.25);
        assert_eq!(b.check(&resp(200, "text/html", "http://h/login", login)), None);
        let api = r#"{"ok": false, "reason": "no items yet"}"#;
        let b = Baseline::from_recording(&resp(200, "application/json", "http://h/api/x", api), 0.25);
        assert_eq!(b.ignore, vec![Kind::JsonError]);
        assert_eq!(b.check(&resp(200, "application/json", "http://h/api/x", api)), None);
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(Baseline::from_json(&json).unwrap(), b);
        assert!(Baseline::from_json("{\"bogus\": 1}").is_err());
    }
}
