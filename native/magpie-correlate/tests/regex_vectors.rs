//! Cross-language test vectors: every regex extractor the engine builds on our recordings,
//! and every regex `magpie extract` offers for the values it correlates, with the text it was
//! validated on and the value it must yield. The JVM test
//! `RegexCompatibilityTest` runs the same vectors through java.util.regex and ORO (JMeter's
//! default engine), so a generated pattern means the same thing in all three engines.
//! Regenerate after an intended change with `UPDATE_VECTORS=1 cargo test -p magpie-correlate`.
use std::path::PathBuf;

use magpie_correlate::{field_text, find, Extractor, RegexField, Step};
use serde_json::json;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The regex vectors over the fixture recordings.
fn vectors() -> serde_json::Value {
    all_vectors().regex
}

/// Every kind of vector, each checked by a JVM test with JMeter's own extractor.
struct Vectors {
    regex: serde_json::Value,
    boundary: serde_json::Value,
    /// JSON Extractor (Jayway JsonPath in JMeter) paths.
    json: serde_json::Value,
    /// CSS Selector Extractor (Jsoup in JMeter) selector + attribute.
    css: serde_json::Value,
}

fn all_vectors() -> Vectors {
    let corpus = magpie_core::test_corpus_dir().join("har");
    // Every fixture recording (sorted, so the file is stable) and the richest corpus HAR.
    let mut fixtures: Vec<_> = std::fs::read_dir(repo().join("jmeter-fixtures/har"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "har"))
        .collect();
    fixtures.sort();
    let mut sources: Vec<(String, PathBuf)> = fixtures
        .into_iter()
        .map(|p| (format!("jmeter-fixtures/har/{}", p.file_name().unwrap().to_string_lossy()), p))
        .collect();
    sources.push(("corpus/pagexray__304-walmart-dev-csrf-jwt.har".into(), corpus.join("pagexray__304-walmart-dev-csrf-jwt.har")));
    let mut out = vec![];
    let mut boundaries = vec![];
    let mut json_paths: Vec<serde_json::Value> = vec![];
    let mut css: Vec<serde_json::Value> = vec![];
    for (name, path) in sources {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let har = magpie_core::har::parse(&bytes, &name).unwrap();
        // Every entry its own step: the engine then sees every response as an origin.
        let steps: Vec<Step> = (0..har.log.entries.len()).map(|i| Step { entries: vec![i] }).collect();
        for c in find(&har, &steps).correlations {
            // The Boundary Extractor candidates `magpie extract` and the GUI offer for the value.
            let origin = &har.log.entries[c.origin_entry];
            let (headers, body) = (field_text(origin, &RegexField::Headers), field_text(origin, &RegexField::Body));
            for ranked in magpie_correlate::extract::candidates_in(&headers, &body, &origin.response.content.mime_type, &c.value) {
                // And the regexes offered with them (validated on the text to yield the value).
                if let Extractor::Regex { field, regex, match_no } = &ranked.extractor {
                    out.push(json!({
                        "source": format!("{name} entry {} (offered)", c.origin_entry),
                        "pattern": regex,
                        "match_no": match_no,
                        "expected": c.value,
                        "text": if *field == RegexField::Headers { &headers } else { &body },
                    }));
                }
                // JSONPath and CSS: validated on the body to yield the value as is.
                if let Extractor::Json { path, match_no } = &ranked.extractor {
                    let v = json!({"source": format!("{name} entry {}", c.origin_entry), "path": path, "match_no": match_no, "expected": c.value, "text": &body});
                    if !json_paths.contains(&v) {
                        json_paths.push(v);
                    }
                }
                if let Extractor::Css { selector, attribute, match_no } = &ranked.extractor {
                    let v = json!({"source": format!("{name} entry {}", c.origin_entry), "selector": selector, "attribute": attribute, "match_no": match_no, "expected": c.value, "text": &body});
                    if !css.contains(&v) {
                        css.push(v);
                    }
                }
                if let Extractor::Boundary { field, left, right, match_no } = ranked.extractor {
                    boundaries.push(json!({
                        "source": format!("{name} entry {}", c.origin_entry),
                        "headers": field == RegexField::Headers,
                        "left": left,
                        "right": right,
                        "match_no": match_no,
                        "expected": c.value,
                        "text": if field == RegexField::Headers { &headers } else { &body },
                    }));
                }
            }
            // The Boundary Extractors the engine itself chose.
            if let Extractor::Boundary { field, left, right, match_no } = &c.extractor {
                boundaries.push(json!({
                    "source": format!("{name} entry {} (engine)", c.origin_entry),
                    "headers": *field == RegexField::Headers,
                    "left": left,
                    "right": right,
                    "match_no": match_no,
                    "expected": c.value,
                    "text": field_text(origin, field),
                }));
            }
            if let Extractor::Regex { field, regex, match_no } = &c.extractor {
                if c.base64_inner.is_some() || regex.contains("${") {
                    continue; // the regex yields the blob, not the value; or JMeter fills in a variable first
                }
                // Encoded origins: the regex yields the text as printed, which the plan decodes.
                let text = field_text(&har.log.entries[c.origin_entry], field);
                let expected = if c.url_encoded > 0 || c.json_escaped {
                    let re = regex::Regex::new(regex).unwrap();
                    let got = re.captures_iter(&text).nth(*match_no as usize - 1).map(|m| m[1].to_string());
                    got.unwrap()
                } else {
                    c.value.clone()
                };
                out.push(json!({
                    "source": format!("{name} entry {}", c.origin_entry),
                    "pattern": regex,
                    "match_no": match_no,
                    "expected": expected,
                    "text": text,
                }));
            }
        }
    }
    Vectors {
        regex: serde_json::Value::Array(out),
        boundary: serde_json::Value::Array(boundaries),
        json: serde_json::Value::Array(json_paths),
        css: serde_json::Value::Array(css),
    }
}

/// Compares `generated` with the committed `file` (rewritten under UPDATE_VECTORS=1).
fn assert_current(generated: &serde_json::Value, file: &str, at_least: usize) {
    let path = repo().join(file);
    let text = serde_json::to_string_pretty(generated).unwrap() + "\n";
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == text, "{} is stale: run UPDATE_VECTORS=1 cargo test -p magpie-correlate --test regex_vectors", path.display());
    assert!(generated.as_array().unwrap().len() >= at_least, "too few vectors in {file} to mean anything");
}

#[test]
fn regex_vectors_are_current_and_hold_in_rust() {
    let generated = vectors();
    for v in generated.as_array().unwrap() {
        let re = regex::Regex::new(v["pattern"].as_str().unwrap()).unwrap();
        let n = v["match_no"].as_u64().unwrap() as usize;
        let got = re.captures_iter(v["text"].as_str().unwrap()).nth(n - 1).map(|c| c[1].to_string());
        assert_eq!(got.as_deref(), v["expected"].as_str(), "{}", v["source"]);
    }
    assert_current(&generated, "jmeter-fixtures/regex-vectors.json", 5);
}

#[test]
fn boundary_vectors_are_current_and_hold_in_rust() {
    let generated = all_vectors().boundary;
    for v in generated.as_array().unwrap() {
        let got = magpie_correlate::extract::boundary_matches(v["text"].as_str().unwrap(), v["left"].as_str().unwrap(), v["right"].as_str().unwrap());
        let n = v["match_no"].as_u64().unwrap() as usize;
        assert_eq!(got.get(n - 1).copied(), v["expected"].as_str(), "{}", v["source"]);
    }
    assert_current(&generated, "jmeter-fixtures/boundary-vectors.json", 10);
}

/// JSONPath and CSS extractors offered for the values the engine correlates (validated by the
/// core on the body); `JsonPathCompatibilityTest` and `CssCompatibilityTest` run them in JMeter.
#[test]
fn json_and_css_vectors_are_current() {
    let v = all_vectors();
    assert_current(&v.json, "jmeter-fixtures/jsonpath-vectors.json", 10);
    assert_current(&v.css, "jmeter-fixtures/css-vectors.json", 5);
}
