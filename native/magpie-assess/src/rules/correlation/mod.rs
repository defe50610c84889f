//! Correlation rules (MC…): hard-coded dynamic values, variables and their extractors.
//!
//! Shared here: the name/value pairs a request sends (`pairs`), the extractors of a plan
//! (`extractors`), classifiers for names and values, and `edit_in` for an edit of part of a
//! property's text.
mod aspnet_state_literal;
mod bearer_literal;
mod csrf_literal;
mod epoch_timestamp_literal;
mod extractor_after_use;
mod extractor_default;
mod greedy_regex;
mod hard_coded_session_id;
mod hard_coded_token;
mod random_match_number;
mod recorded_dynamic_literal;
mod undefined_variable;
mod unused_extractor_variable;

use std::sync::OnceLock;

use magpie_core::jmx::doc::Property;
use regex::Regex;

use crate::context::{escape, Context, Elem};
use crate::rule::{Edit, Rule};

pub static RULES: &[&dyn Rule] = &[
    &undefined_variable::UndefinedVariable,
    &hard_coded_session_id::HardCodedSessionId,
    &hard_coded_token::HardCodedToken,
    &aspnet_state_literal::AspNetStateLiteral,
    &bearer_literal::BearerLiteral,
    &csrf_literal::CsrfLiteral,
    &epoch_timestamp_literal::EpochTimestampLiteral,
    &unused_extractor_variable::UnusedExtractorVariable,
    &extractor_after_use::ExtractorAfterUse,
    &extractor_default::ExtractorDefault,
    &greedy_regex::GreedyRegex,
    &random_match_number::RandomMatchNumber,
    &recorded_dynamic_literal::RecordedDynamicLiteral,
];

// ---------------------------------------------------------------------------------------------
// What a request sends

/// Where in a request a name/value pair sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A path segment; the name is the segment before it.
    PathSegment,
    /// `;name=value` in the path (`;jsessionid=…`).
    Matrix,
    Query,
    /// A sampler parameter (form field or query parameter of the Parameters tab).
    Argument,
    /// A field of a raw body (JSON or form-encoded).
    Body,
    Header,
    /// A cookie of a literal `Cookie` header.
    Cookie,
}

impl Place {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Place::PathSegment => "path segment after",
            Place::Matrix => "path parameter",
            Place::Query => "query parameter",
            Place::Argument => "parameter",
            Place::Body => "body field",
            Place::Header => "header",
            Place::Cookie => "cookie",
        }
    }
}

/// A name/value pair an HTTP sampler or a Header Manager sends.
pub(crate) struct Pair<'a> {
    /// The sampler or Header Manager.
    pub elem: usize,
    pub place: Place,
    pub name: String,
    pub value: String,
    /// The property whose text holds the value, at `start` (decoded byte offset).
    pub prop: &'a Property,
    pub start: usize,
}

impl Pair<'_> {
    /// `query parameter `sid``
    pub(crate) fn describe(&self) -> String {
        format!("{} `{}`", self.place.label(), self.name)
    }
    /// The edit that replaces the value (the whole value) with `replacement`.
    pub(crate) fn replace(&self, ctx: &Context, replacement: &str) -> Option<Edit> {
        edit_in(ctx, self.prop, self.start..self.start + self.value.len(), replacement)
    }
}

fn is_http_sampler(e: &Elem) -> bool {
    matches!(e.class(), "HTTPSamplerProxy" | "HTTPSampler" | "HTTPSampler2" | "AjpSampler")
        || e.el.prop("HTTPsampler.Arguments").is_some()
}

/// Every name/value pair active HTTP samplers and Header Managers send, in tree order.
pub(crate) fn pairs<'c, 'a>(ctx: &'c Context<'a>) -> &'c [Pair<'a>] {
    ctx.request_pairs.get_or_init(|| collect_pairs(ctx))
}

fn collect_pairs<'a>(ctx: &Context<'a>) -> Vec<Pair<'a>> {
    let mut out = vec![];
    for e in ctx.active() {
        let el: &'a magpie_core::jmx::doc::TestElement = e.el;
        if is_http_sampler(e) {
            if let Some(p) = el.prop("HTTPSampler.path") {
                path_pairs(e.index, p, &mut out);
            }
            let args = el.prop("HTTPsampler.Arguments").and_then(|a| a.prop("Arguments.arguments"));
            for a in args.map(|c| c.children.iter()).into_iter().flatten() {
                let Some(v) = a.prop("Argument.value") else { continue };
                // A raw body is one argument without a name (JMeter saves no `Argument.name`).
                match a.prop("Argument.name").map(|n| n.value.trim()).filter(|n| !n.is_empty()) {
                    Some(n) => out.push(Pair { elem: e.index, place: Place::Argument, name: n.to_string(), value: v.value.clone(), prop: v, start: 0 }),
                    None => body_pairs(e.index, v, &mut out),
                }
            }
        } else if e.class() == "HeaderManager" {
            let headers = el.prop("HeaderManager.headers");
            for h in headers.map(|c| c.children.iter()).into_iter().flatten() {
                let (Some(n), Some(v)) = (h.prop("Header.name"), h.prop("Header.value")) else { continue };
                if n.value.trim().eq_ignore_ascii_case("cookie") {
                    split_pairs(e.index, Place::Cookie, v, 0, &v.value, ';', &mut out);
                } else {
                    out.push(Pair { elem: e.index, place: Place::Header, name: n.value.trim().to_string(), value: v.value.clone(), prop: v, start: 0 });
                }
            }
        }
    }
    out
}

/// `a=1<sep>b=2` starting at `offset` of `p`'s text.
fn split_pairs<'a>(elem: usize, place: Place, p: &'a Property, offset: usize, text: &str, sep: char, out: &mut Vec<Pair<'a>>) {
    let mut at = offset;
    for part in text.split(sep) {
        if let Some(eq) = part.find('=') {
            let name = part[..eq].trim();
            if !name.is_empty() {
                let value = part[eq + 1..].trim_end();
                out.push(Pair { elem, place, name: name.to_string(), value: value.to_string(), prop: p, start: at + eq + 1 });
            }
        }
        at += part.len() + sep.len_utf8();
    }
}

fn path_pairs<'a>(elem: usize, p: &'a Property, out: &mut Vec<Pair<'a>>) {
    let text = p.value.as_str();
    let end = text.find('#').unwrap_or(text.len());
    let (path, query) = match text[..end].find('?') {
        Some(q) => (&text[..q], Some((q + 1, &text[q + 1..end]))),
        None => (&text[..end], None),
    };
    // Skip `scheme://host` of a full URL.
    let path_start = path.find("://").map(|i| path[i + 3..].find('/').map(|j| i + 3 + j).unwrap_or(path.len())).unwrap_or(0);
    let mut at = path_start;
    let mut previous = String::new();
    for seg in path[path_start..].split('/') {
        let (base, params) = match seg.find(';') {
            Some(i) => (&seg[..i], Some((i + 1, &seg[i + 1..]))),
            None => (seg, None),
        };
        if !base.is_empty() && !previous.is_empty() {
            out.push(Pair { elem, place: Place::PathSegment, name: previous.clone(), value: base.to_string(), prop: p, start: at });
        }
        if let Some((i, params)) = params {
            split_pairs(elem, Place::Matrix, p, at + i, params, ';', out);
        }
        if !base.is_empty() {
            previous = base.to_string();
        }
        at += seg.len() + 1;
    }
    if let Some((q, query)) = query {
        split_pairs(elem, Place::Query, p, q, query, '&', out);
    }
}

/// Fields of a raw body: JSON `"name": "value"` / `"name": 123`, else `a=1&b=2`.
fn body_pairs<'a>(elem: usize, p: &'a Property, out: &mut Vec<Pair<'a>>) {
    static JSON: OnceLock<Regex> = OnceLock::new();
    let json = JSON.get_or_init(|| Regex::new(r#""([^"\\]{1,100})"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+))"#).expect("valid"));
    let text = p.value.as_str();
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        for c in json.captures_iter(text) {
            let v = c.get(2).or_else(|| c.get(3)).expect("one alternative");
            out.push(Pair { elem, place: Place::Body, name: c[1].to_string(), value: v.as_str().to_string(), prop: p, start: v.start() });
        }
    } else if text.contains('=') && !text.contains(char::is_whitespace) {
        split_pairs(elem, Place::Body, p, 0, text, '&', out);
    }
}

// ---------------------------------------------------------------------------------------------
// Editing part of a property

/// The edit that replaces the decoded bytes `range` of `p`'s text with `replacement` (escaped),
/// mapped back onto the raw XML text; None when the mapping is not certain.
pub(crate) fn edit_in(ctx: &Context, p: &Property, range: std::ops::Range<usize>, replacement: &str) -> Option<Edit> {
    Some(Edit { range: ctx.doc.raw_range(p, range)?, replacement: escape(replacement) })
}

// ---------------------------------------------------------------------------------------------
// Names and values

/// The first characters of a long value, for messages.
pub(crate) fn short(v: &str) -> String {
    if v.chars().count() > 24 {
        format!("{}…", v.chars().take(20).collect::<String>())
    } else {
        v.to_string()
    }
}

/// A value nobody typed by hand and no variable or function provides.
pub(crate) fn is_literal(v: &str) -> bool {
    !v.trim().is_empty() && !v.contains("${")
}

/// Words of a name: `X-CSRF-Token` → x, csrf, token; `accessToken` → access, token.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let mut words = vec![];
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

pub(crate) fn is_session_name(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    matches!(n.as_str(), "jsessionid" | "phpsessid" | "asp.net_sessionid" | "sessionid" | "session_id" | "session-id" | "sessid" | "sid" | "connect.sid" | "cfid" | "cftoken")
        || n.starts_with("aspsessionid")
}

pub(crate) fn is_csrf_name(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    n.contains("csrf")
        || n.contains("xsrf")
        || n.contains("nonce")
        || n.contains("antiforgery")
        || n.contains("anti-forgery")
        || n.contains("requestverificationtoken")
        || matches!(n.as_str(), "_token" | "authenticity_token" | "form_key" | "formkey" | "__requestdigest")
}

pub(crate) fn is_aspnet_state_name(name: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)^__(viewstate\d*|viewstategenerator|eventvalidation|previouspage)$").expect("valid")).is_match(name.trim())
}

/// Names that suggest a value issued by the server for this session or request.
pub(crate) fn is_token_name(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "token", "state", "code", "auth", "key", "apikey", "signature", "sig", "secret", "ticket", "otp", "jwt", "hmac",
        "samlresponse", "samlrequest", "assertion", "verifier", "challenge", "access", "refresh", "bearer", "session",
        "nonce", "csrf", "xsrf", "hash", "authorization",
    ];
    let words = name_words(name);
    words.iter().any(|w| WORDS.contains(&w.as_str()) || w.ends_with("token"))
}

/// 8-4-4-4-12 hex.
pub(crate) fn is_uuid(v: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$").expect("valid")).is_match(v)
}

/// A JSON Web Token: three base64url parts, the header starting `eyJ` (`{"`).
pub(crate) fn is_jwt(v: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$").expect("valid")).is_match(v)
}

/// A value that looks machine-generated: at least `min_len` characters of a token alphabet,
/// letters and digits mixed, switching between kinds of characters often (random text does;
/// words and version numbers do not). Static-asset names (`app.3f9a1b.js`) are not tokens.
pub(crate) fn looks_random(v: &str, min_len: usize) -> bool {
    let decoded = percent_decode(v.trim());
    let v = decoded.as_str();
    if v.len() < min_len || !v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~+/=%:".contains(c)) {
        return false;
    }
    if v.contains("://") || v.starts_with('/') {
        return false;
    }
    static ASSET: OnceLock<Regex> = OnceLock::new();
    let asset = ASSET.get_or_init(|| Regex::new(r"(?i)\.(js|css|png|jpe?g|gif|svg|ico|woff2?|ttf|eot|map|html?|json|xml|txt|pdf|webp|mp4)$").expect("valid"));
    if asset.is_match(v) {
        return false;
    }
    let digits = v.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = v.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if digits < 2 || letters < 2 {
        return false;
    }
    let kind = |c: char| {
        if c.is_ascii_digit() {
            0
        } else if c.is_ascii_lowercase() {
            1
        } else if c.is_ascii_uppercase() {
            2
        } else {
            3
        }
    };
    let chars: Vec<char> = v.chars().collect();
    let switches = chars.windows(2).filter(|w| kind(w[0]) != kind(w[1])).count();
    switches * 4 >= chars.len()
}

/// `%XX` sequences decoded (invalid ones kept as they are).
pub(crate) fn percent_decode(v: &str) -> String {
    if !v.contains('%') {
        return v.to_string();
    }
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() && v.is_char_boundary(i + 3) {
            if let Ok(x) = u8::from_str_radix(&v[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Names of values that must be the one the page means (stricter than `is_token_name`:
/// `code` or `key` alone are often ids picked at random on purpose).
pub(crate) fn is_secret_name(name: &str) -> bool {
    const WORDS: &[&str] = &["token", "state", "auth", "signature", "sig", "secret", "ticket", "otp", "jwt", "hmac", "nonce", "csrf", "xsrf", "session", "sid", "viewstate", "eventvalidation"];
    is_csrf_name(name) || is_session_name(name) || is_aspnet_state_name(name) || name_words(name).iter().any(|w| WORDS.contains(&w.as_str()) || w.ends_with("token"))
}

// ---------------------------------------------------------------------------------------------
// Extractors

/// An active extractor and where it keeps its settings.
pub(crate) struct Extractor<'c, 'a> {
    pub elem: &'c Elem<'a>,
    /// What JMeter's menu calls it.
    pub kind: &'static str,
    /// Variable names (several for the JSON Extractor).
    pub names: Vec<String>,
    pub default_prop: &'static str,
    /// `Use empty default value` checkbox, where the extractor has one.
    pub empty_default_prop: Option<&'static str>,
    pub match_prop: &'static str,
    /// The match number JMeter uses when the property is absent or blank.
    pub match_when_blank: i64,
    /// Names, defaults and match numbers are `;`-separated lists.
    pub lists: bool,
}

impl Extractor<'_, '_> {
    /// Match number for variable `i` (JSON lists: missing entries mean 0 = random).
    pub(crate) fn match_number(&self, i: usize) -> Option<i64> {
        let raw = self.elem.el.str_prop(self.match_prop).unwrap_or("");
        let text = if self.lists { raw.split(';').nth(i).unwrap_or("") } else { raw };
        if text.trim().is_empty() {
            return Some(self.match_when_blank);
        }
        if text.contains("${") {
            return None;
        }
        text.trim().parse().ok()
    }
    /// Default value for variable `i`.
    pub(crate) fn default(&self, i: usize) -> String {
        let raw = self.elem.el.str_prop(self.default_prop).unwrap_or("");
        if self.lists {
            raw.split(';').nth(i).unwrap_or("").to_string()
        } else {
            raw.to_string()
        }
    }
}

/// Every active extractor, in tree order.
pub(crate) fn extractors<'c, 'a>(ctx: &'c Context<'a>) -> Vec<Extractor<'c, 'a>> {
    let mut out = vec![];
    for e in ctx.active() {
        let (kind, name_prop, default_prop, empty, match_prop, blank, lists) = match e.class() {
            "RegexExtractor" => ("Regular Expression Extractor", "RegexExtractor.refname", "RegexExtractor.default", Some("RegexExtractor.default_empty_value"), "RegexExtractor.match_number", 0, false),
            "HtmlExtractor" => ("CSS Selector Extractor", "HtmlExtractor.refname", "HtmlExtractor.default", Some("HtmlExtractor.default_empty_value"), "HtmlExtractor.match_number", 0, false),
            "BoundaryExtractor" => ("Boundary Extractor", "BoundaryExtractor.refname", "BoundaryExtractor.default", Some("BoundaryExtractor.default_empty_value"), "BoundaryExtractor.match_number", 0, false),
            "JSONPostProcessor" => ("JSON Extractor", "JSONPostProcessor.referenceNames", "JSONPostProcessor.defaultValues", None, "JSONPostProcessor.match_numbers", 0, true),
            "JMESPathExtractor" => ("JSON JMESPath Extractor", "JMESExtractor.referenceName", "JMESExtractor.defaultValue", None, "JMESExtractor.matchNumber", 0, false),
            "XPathExtractor" => ("XPath Extractor", "XPathExtractor.refname", "XPathExtractor.default", None, "XPathExtractor.matchNumber", -1, false),
            "XPath2Extractor" => ("XPath2 Extractor", "XPathExtractor2.refname", "XPathExtractor2.default", None, "XPathExtractor2.matchNumber", 0, false),
            _ => continue,
        };
        let raw = e.el.str_prop(name_prop).unwrap_or("");
        let names: Vec<String> = if lists { raw.split(';').map(|s| s.trim().to_string()).collect() } else { vec![raw.trim().to_string()] };
        if names.iter().all(|n| n.is_empty()) {
            continue;
        }
        out.push(Extractor { elem: e, kind, names, default_prop, empty_default_prop: empty, match_prop, match_when_blank: blank, lists });
    }
    out
}

/// Thread group an element belongs to (index of the nearest ancestor-or-self whose class names
/// a thread group), None at test-plan level.
pub(crate) fn thread_group(ctx: &Context, e: &Elem) -> Option<usize> {
    ctx.thread_group(e).map(|t| t.index)
}

/// Samplers whose results an element placed at `e` processes (JMeter scoping): its parent when
/// that is a sampler, else every sampler under its parent.
pub(crate) fn samplers_processed_by<'c, 'a>(ctx: &'c Context<'a>, e: &'c Elem<'a>) -> Vec<&'c Elem<'a>> {
    let Some(parent) = ctx.parent(e) else { return vec![] };
    if parent.is_sampler() {
        return vec![parent];
    }
    ctx.descendants(parent).filter(|d| d.active && d.is_sampler()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_randomness() {
        assert_eq!(name_words("X-CSRF-Token"), vec!["x", "csrf", "token"]);
        assert_eq!(name_words("accessToken"), vec!["access", "token"]);
        assert!(is_token_name("id_token") && is_token_name("oauth_state") && !is_token_name("zipcode"));
        assert!(looks_random("9f86d081884c7d659a2feaa0c55ad015", 16));
        assert!(looks_random("Xk2Pq9Lm4Rt7Vb1Nz8Wc", 16));
        assert!(!looks_random("app.3f9a1b2c4d5e.js", 16));
        assert!(!looks_random("product_name_2024", 16));
        assert!(!looks_random("1700000000000", 10));
        assert!(is_jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc_DEF-123"));
        assert!(!looks_random("SELECTED_PROVIDER_TYPE_CODE%3DTYPE_PUBLIC%26SELECTED_ACCOUNT_NUMBER%3D1230370000144311%26", 16));
        assert_eq!(percent_decode("a%3Db%2"), "a=b%2");
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
    }
}
