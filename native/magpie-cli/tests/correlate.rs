//! `magpie correlate REC.har --report` (passive mode): every corpus recording reads or fails as
//! bad input with a located message; the JSON names origins and uses by HAR entry.
use std::process::{Command, Output};

fn magpie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_magpie")).args(args).output().expect("magpie runs")
}

#[test]
fn every_corpus_har_is_reported_or_rejected_with_a_place() {
    let dir = magpie_core::test_corpus_dir().join("har");
    let mut reported = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let o = magpie(&["correlate", p.to_str().unwrap(), "--report", "--format", "json"]);
        match o.status.code() {
            Some(0) => {
                let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
                assert!(r["correlations"].is_array() && r["rejected"].is_array(), "{}", p.display());
                reported += 1;
            }
            Some(2) => assert!(String::from_utf8_lossy(&o.stderr).contains(p.to_str().unwrap()), "{}", p.display()),
            other => panic!("{}: exit {other:?}", p.display()),
        }
    }
    assert!(reported >= 20, "{reported} reported");
}

#[test]
fn server_issued_and_client_made_values_are_told_apart() {
    let har = magpie_core::test_corpus_dir().join("har/pagexray__304-walmart-dev-csrf-jwt.har");
    let o = magpie(&["correlate", har.to_str().unwrap(), "--report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = r["correlations"].as_array().unwrap();
    let extracted: Vec<_> = all.iter().filter(|c| c["kind"] == "extracted").collect();
    let client: Vec<_> = all.iter().filter(|c| c["kind"] == "client_generated").collect();
    // The rolling x-csrf-jwt header token, re-extracted from every response that rotates it.
    assert!(extracted.iter().all(|c| c["variable"].as_str().unwrap().starts_with("x_csrf_jwt")), "{extracted:?}");
    assert!(extracted.len() >= 5);
    for c in &extracted {
        let origin = c["origin"]["entry"].as_u64().unwrap();
        assert!(c["uses"].as_array().unwrap().iter().all(|u| u["entry"].as_u64().unwrap() > origin), "{c}");
    }
    // WM_QOS.CORRELATION_ID request ids: UUIDs no response sent, replayed fresh.
    assert!(!client.is_empty());
    assert!(client.iter().all(|c| c["replacement"] == "${__UUID()}" && c["uses"][0]["name"] == "WM_QOS.CORRELATION_ID"), "{client:?}");
    // Without --report nothing is done, and it says why.
    let o = magpie(&["correlate", har.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--report"));
}

#[test]
fn extract_ranks_validated_candidates() {
    let har = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../jmeter-fixtures/har/shop.har");
    let har = har.to_str().unwrap();
    // The JSON response of the cart call: JSONPath first, a body regex after it.
    let report = magpie(&["correlate", har, "--report", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let cart = r["correlations"].as_array().unwrap().iter().find(|c| c["extractor"]["kind"] == "json").expect("a JSON origin");
    let entry = cart["origin"]["entry"].to_string();
    let value = cart["value"].as_str().unwrap();
    let o = magpie(&["extract", "--har", har, "--entry", &entry, "--value", value, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let ranked: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = ranked.as_array().unwrap().iter().map(|c| c["extractor"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.first(), Some(&"json"), "{ranked}");
    assert!(kinds.contains(&"regex"), "{ranked}");
    // A value the response does not hold: exit 1; an entry that does not exist: exit 2.
    assert_eq!(magpie(&["extract", "--har", har, "--entry", &entry, "--value", "not-there-42"]).status.code(), Some(1));
    assert_eq!(magpie(&["extract", "--har", har, "--entry", "9999", "--value", value]).status.code(), Some(2));
}

/// Plan mode: `magpie correlate PLAN.jmx --har REC.har`. The diff only adds extractors and swaps
/// recorded literals for variables; bad input leaves every file as it was, exit 2.
#[test]
fn plan_mode_edits_only_what_it_correlates() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let har = repo.join("jmeter-fixtures/har/shop.har");
    let dir = std::env::temp_dir().join(format!("magpie-plan-mode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.jmx");
    let o = magpie(&["har2jmx", har.to_str().unwrap(), "-o", plan.to_str().unwrap(), "--no-correlation"]);
    assert_eq!(o.status.code(), Some(0));
    let original = std::fs::read(&plan).unwrap();

    let o = magpie(&["correlate", plan.to_str().unwrap(), "--har", har.to_str().unwrap(), "--diff"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&plan).unwrap(), original, "--diff must not write");
    let diff = String::from_utf8(o.stdout).unwrap();
    let removed: Vec<&str> = diff.lines().filter(|l| l.starts_with('-') && !l.starts_with("---")).collect();
    let added: Vec<&str> = diff.lines().filter(|l| l.starts_with('+') && !l.starts_with("+++")).collect();
    assert!(!removed.is_empty() && removed.len() < added.len(), "{diff}");
    for line in &removed {
        // Every changed line is a value whose recorded literal became a variable.
        assert!(added.iter().any(|a| a.contains("${") && a.len() != line.len()), "unexpected change: {line}");
    }
    assert!(added.iter().any(|l| l.contains("<HtmlExtractor ")) && added.iter().any(|l| l.contains("<JSONPostProcessor ")), "{diff}");

    let fixed = dir.join("fixed.jmx");
    let o = magpie(&["correlate", plan.to_str().unwrap(), "--har", har.to_str().unwrap(), "-o", fixed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["matched_steps"], r["steps"]);
    assert_eq!(r["applied"].as_array().unwrap().len(), 4, "{r}");
    assert_eq!(std::fs::read(&plan).unwrap(), original, "-o must leave the input alone");

    // Bad input: not a plan, a missing recording, an output folder that does not exist.
    let junk = dir.join("junk.jmx");
    std::fs::write(&junk, "this is not xml").unwrap();
    let o = magpie(&["correlate", junk.to_str().unwrap(), "--har", har.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("junk.jmx"));
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "this is not xml");
    let o = magpie(&["correlate", plan.to_str().unwrap(), "--har", dir.join("nope.har").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.har"));
    let o = magpie(&["correlate", plan.to_str().unwrap(), "--har", har.to_str().unwrap(), "-o", dir.join("no/such/dir/x.jmx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&plan).unwrap(), original);
    assert!(!dir.join("plan.jmx.bak").exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// Agent mode's bar: `--min-confidence` keeps the correlations below it out of the plan and
/// lists them with their confidence; out-of-range values are usage errors.
#[test]
fn min_confidence_leaves_weaker_correlations_reported_not_applied() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let har = repo.join("jmeter-fixtures/har/shop.har");
    let o = magpie(&["correlate", har.to_str().unwrap(), "--report", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = magpie(&["correlate", har.to_str().unwrap(), "--report", "--format", "json", "--min-confidence", "0.96"]);
    assert_eq!(o.status.code(), Some(0));
    let strict: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let n = |r: &serde_json::Value, k: &str| r[k].as_array().unwrap().len();
    let weaker = all["correlations"].as_array().unwrap().iter().filter(|c| c["confidence"].as_f64().unwrap() < 0.96).count();
    assert!(weaker > 0, "the shop recording should have a correlation under 0.96");
    assert_eq!(n(&strict, "correlations"), n(&all, "correlations") - weaker);
    assert_eq!(n(&strict, "rejected"), n(&all, "rejected") + weaker);
    assert!(strict["rejected"].to_string().contains("below --min-confidence 0.96"));
    let o = magpie(&["har2jmx", har.to_str().unwrap(), "--min-confidence", "1.5"]);
    assert_eq!(o.status.code(), Some(2));
}
