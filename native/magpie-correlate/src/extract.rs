//! Every extractor that yields a chosen value from one recorded response, ranked: what
//! `magpie extract` prints and what a GUI offers when the user picks a value. Each candidate is
//! validated on the response (it yields exactly the value) before it is listed.
use magpie_core::har::Entry;
use scraper::Html;
use serde::Serialize;

use crate::origin::field_text;
use crate::{html, jsonpath, regex_boundary, Extractor, RegexField};

#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub extractor: Extractor,
    /// 0–1: structured origins (JSON field, HTML attribute) before header and body regexes.
    pub score: f64,
    pub why: String,
}

/// The extractors for `value` in `entry`'s response, best first; empty when the response does
/// not hold the value.
pub fn candidates(entry: &Entry, value: &str) -> Vec<Ranked> {
    let body = field_text(entry, &RegexField::Body);
    let headers = field_text(entry, &RegexField::Headers);
    candidates_in(&headers, &body, &entry.response.content.mime_type, value)
}

/// The extractors for `value` in a response given as text (status line and headers as JMeter
/// shows them, the body, its content type), best first: for a response the user has at hand
/// (View Results Tree, a replay), not only a recorded one.
pub fn candidates_in(headers: &str, body: &str, mime: &str, value: &str) -> Vec<Ranked> {
    let mut out = vec![];
    if value.is_empty() {
        return out;
    }
    let (headers, body) = (headers.to_string(), body.to_string());
    let mime = mime.to_ascii_lowercase();
    let trimmed = body.trim_start();
    if mime.contains("json") || trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&body) {
            if let Some((path, _)) = jsonpath::find_leaf(&doc, value) {
                out.push(Ranked {
                    why: format!("a JSON field: {path} keeps working when the document's layout or order changes"),
                    extractor: Extractor::Json { path, match_no: 1 },
                    score: 0.95,
                });
            }
        }
    }
    if mime.contains("html") || trimmed.starts_with('<') {
        let doc = Html::parse_document(&body);
        if let Some(css) = html::find_attribute(&doc, value) {
            out.push(Ranked {
                why: format!("an HTML attribute ({} of {}): survives markup changes around it", css.attribute, css.selector),
                extractor: Extractor::Css { selector: css.selector, attribute: css.attribute, match_no: css.match_no },
                score: 0.9,
            });
        }
    }
    for (field, text) in [(RegexField::Headers, &headers), (RegexField::Body, &body)] {
        if let Some((left, right, match_no)) = boundaries(text, value) {
            let place = if field == RegexField::Headers { "headers" } else { "body" };
            out.push(Ranked {
                why: format!("plain text between {left:?} and {right:?} in the {place}: nothing to escape, match {match_no}"),
                extractor: Extractor::Boundary { field, left, right, match_no },
                score: if match_no == 1 { 0.75 } else { 0.5 },
            });
        }
    }
    if headers.contains(value) {
        if let Some((regex, match_no, _)) = regex_boundary::build(&headers, value, "(?i)") {
            out.push(Ranked {
                why: "in a response header: a regex on the headers, case-insensitive name".to_string(),
                extractor: Extractor::Regex { field: RegexField::Headers, regex, match_no },
                score: 0.85,
            });
        }
    }
    if body.contains(value) {
        if let Some((regex, match_no, _)) = regex_boundary::build(&body, value, "") {
            let why = if match_no == 1 {
                "a regex with the tightest boundaries that are unique in the body".to_string()
            } else {
                format!("a regex whose boundaries occur more than once: match number {match_no} is the recorded one")
            };
            out.push(Ranked { extractor: Extractor::Regex { field: RegexField::Body, regex, match_no }, score: if match_no == 1 { 0.7 } else { 0.55 }, why });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// What JMeter's Boundary Extractor yields on `text`: every non-overlapping text between `left`
/// and the next `right`, in order.
pub fn boundary_matches<'t>(text: &'t str, left: &str, right: &str) -> Vec<&'t str> {
    let mut out = vec![];
    let mut from = 0;
    while let Some(l) = text[from..].find(left).map(|i| from + i + left.len()) {
        let Some(r) = text[l..].find(right).map(|i| l + i) else { break };
        out.push(&text[l..r]);
        from = r + right.len();
    }
    out
}

/// Left and right boundaries for `value` in `text`, validated the way JMeter's Boundary
/// Extractor reads them: the left text is the shortest (≥ 12 characters or the line's start, whole
/// words) that makes
/// the recorded occurrence the first match if possible; the right is the character after it.
fn boundaries(text: &str, value: &str) -> Option<(String, String, u32)> {
    let mut best: Option<(String, String, u32)> = None;
    for (at, _) in text.match_indices(value).take(8) {
        let right: String = text[at + value.len()..].chars().take(1).collect();
        if right.is_empty() || value.contains(right.as_str()) || right == "\n" || right == "\r" || right.chars().all(char::is_alphanumeric) {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..at];
        // At least 12 characters, and never starting inside a word: `"token" value="`, not
        // `ue="`, so the boundary names what it extracts and survives small layout changes.
        let mut len = 12.min(before.len());
        while len <= before.len() && len <= 64 {
            let cut = before.len() - len;
            let mid_word = cut > 0 && before[..cut].chars().next_back().is_some_and(|c| c.is_alphanumeric())
                && before[cut..].chars().next().is_some_and(|c| c.is_alphanumeric());
            if !before.is_char_boundary(cut) || mid_word {
                len += 1;
                continue;
            }
            let left = &before[before.len() - len..];
            let matches = boundary_matches(text, left, &right);
            if let Some(n) = matches.iter().position(|m| *m == value) {
                let candidate = (left.to_string(), right.clone(), n as u32 + 1);
                if n == 0 {
                    return Some(candidate);
                }
                if best.as_ref().is_none_or(|b| candidate.2 < b.2) {
                    best = Some(candidate);
                }
            }
            len += 1;
        }
    }
    best.filter(|(left, _, _)| !left.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_validated_like_jmeter_reads_them() {
        let body = r#"<a href="/p?id=1">x</a><input name="token" value="Zx81kQ"/><input name="other" value="Ab12"/>"#;
        let (left, right, n) = boundaries(body, "Zx81kQ").unwrap();
        assert_eq!(boundary_matches(body, &left, &right)[n as usize - 1], "Zx81kQ");
        assert_eq!((right.as_str(), n), ("\"", 1));
        assert!(left.ends_with("value=\"") && left.contains("token"), "{left}");
        let ranked = candidates_in("HTTP/1.1 200 OK\nContent-Type: text/html\n", body, "text/html", "Zx81kQ");
        assert!(ranked.iter().any(|r| matches!(r.extractor, Extractor::Boundary { .. })), "{ranked:?}");
        assert!(matches!(ranked[0].extractor, Extractor::Css { .. }), "an attribute is still the best: {ranked:?}");
    }
}

#[cfg(test)]
mod name_tests {
    use crate::{Extractor, RegexField};

    #[test]
    fn extractors_suggest_variable_names() {
        let css = Extractor::Css { selector: r#"input[name="csrf_token"]"#.into(), attribute: "value".into(), match_no: 1 };
        assert_eq!(css.name_hint(), "csrf_token");
        assert_eq!(Extractor::Json { path: "$.cart.id".into(), match_no: 1 }.name_hint(), "id");
        let re = Extractor::Regex { field: RegexField::Headers, regex: r"(?i)\?code=([^\&\r\n]+)".into(), match_no: 1 };
        assert_eq!(re.name_hint(), "code");
        let b = Extractor::Boundary { field: RegexField::Body, left: r#""nonce":""#.into(), right: "\"".into(), match_no: 1 };
        assert_eq!(b.name_hint(), "nonce");
    }
}
