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
    let mut out = vec![];
    if value.is_empty() {
        return out;
    }
    let body = field_text(entry, &RegexField::Body);
    let headers = field_text(entry, &RegexField::Headers);
    let mime = entry.response.content.mime_type.to_ascii_lowercase();
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
