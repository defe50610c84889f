//! Every rule has `fixtures/<CODE>.jmx` (must trigger it), `fixtures/<CODE>_ok.jmx` (must not),
//! and an insta snapshot of its findings. Every rule with a fix has `fixtures/fixed/<CODE>.jmx`,
//! the trigger fixture after `--fix --unsafe-fixes`: the finding is gone, the rest of the file is
//! unchanged, and a JVM test (`AssessFixesLoadTest`) proves JMeter 5.6.3 loads it.
//! Regenerate fixed files after an intended change with `UPDATE_FIXED=1 cargo test -p magpie-assess`.
use std::path::PathBuf;

use magpie_assess::{assess_with, fix, rules, KnownDynamic, Selection};
use magpie_core::jmx::doc::JmxDoc;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load(name: &str) -> (JmxDoc, String) {
    let path = fixtures().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (JmxDoc::parse(text.clone(), name).unwrap_or_else(|e| panic!("{e}")), text)
}

/// Rules that need a recording read `fixtures/<CODE>.known.json`: what the correlation engine
/// would report for it (`[{"value", "variable", "origin"}]`).
fn known(code: &str) -> Vec<KnownDynamic> {
    let path = fixtures().join(format!("{code}.known.json"));
    let Ok(text) = std::fs::read_to_string(path) else { return vec![] };
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    list.iter()
        .map(|k| KnownDynamic {
            value: k["value"].as_str().unwrap().to_string(),
            variable: k["variable"].as_str().unwrap().to_string(),
            origin: k["origin"].as_str().unwrap().to_string(),
        })
        .collect()
}

fn assess(doc: &JmxDoc, file: &str, selection: &Selection) -> magpie_assess::Report {
    let code = selection.select.first().map(String::as_str).unwrap_or("");
    assess_with(doc, file, selection, &known(code))
}

fn only(code: &str) -> Selection {
    Selection { select: vec![code.to_string()], ignore: vec![] }
}

#[test]
fn every_rule_triggers_on_its_fixture_and_not_on_the_clean_one() {
    let mut missing = vec![];
    for rule in rules::ALL.iter() {
        let code = rule.meta().code;
        if !fixtures().join(format!("{code}.jmx")).exists() || !fixtures().join(format!("{code}_ok.jmx")).exists() {
            missing.push(code);
            continue;
        }
        let (doc, _) = load(&format!("{code}.jmx"));
        let report = assess(&doc, &format!("{code}.jmx"), &only(code));
        assert!(!report.findings.is_empty(), "{code}: its fixture does not trigger it");
        let rendered: Vec<String> = report
            .findings
            .iter()
            .map(|f| {
                let fix = f.fix.as_ref().map(|x| format!(" [fix: {:?}: {}]", x.applicability, x.description)).unwrap_or_default();
                format!("{}:{}:{} {} {} — {}{fix}", f.line, f.column, f.code, f.severity.name(), f.path, f.message)
            })
            .collect();
        insta::assert_snapshot!(code, rendered.join("\n"));

        let (ok, _) = load(&format!("{code}_ok.jmx"));
        let clean = assess(&ok, &format!("{code}_ok.jmx"), &only(code));
        assert!(clean.findings.is_empty(), "{code}: false positive on its clean fixture: {:?}", clean.findings);
    }
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn every_fix_removes_its_finding_and_touches_nothing_else() {
    for rule in rules::ALL.iter().filter(|r| r.meta().fix.is_some()) {
        let code = rule.meta().code;
        let (doc, text) = load(&format!("{code}.jmx"));
        let report = assess(&doc, "x", &only(code));
        let (fixed, applied) = fix::apply(&text, &report.findings, true);
        assert!(applied > 0, "{code}: a rule with a fix applied none");
        let again = JmxDoc::parse(fixed.clone(), "fixed").unwrap_or_else(|e| panic!("{code}: fixed plan does not parse: {e}"));
        let after = assess(&again, "fixed", &only(code));
        assert!(after.findings.iter().all(|f| f.fix.is_none()), "{code}: fixable findings remain after fixing");
        // Byte-identical outside the edits: same prefix up to the first edit, same suffix after the last.
        let first = report.findings.iter().filter_map(|f| f.fix.as_ref()).flat_map(|x| &x.edits).map(|e| e.range.start).min().unwrap();
        assert_eq!(&fixed[..first], &text[..first], "{code}");
        let path = fixtures().join("fixed").join(format!("{code}.jmx"));
        if std::env::var_os("UPDATE_FIXED").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &fixed).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fixed, "{} is stale: run UPDATE_FIXED=1 cargo test -p magpie-assess", path.display());
    }
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in rules::ALL.iter() {
        let m = rule.meta();
        assert!(seen.insert(m.code), "duplicate code {}", m.code);
        let letter = match m.family {
            magpie_assess::Family::Correlation => 'C',
            magpie_assess::Family::Assertions => 'A',
            magpie_assess::Family::Config => 'K',
        };
        assert!(m.code.len() == 5 && m.code.starts_with('M') && m.code[1..].starts_with(letter), "{}", m.code);
        assert!(!m.summary.is_empty() && !m.why.is_empty(), "{}", m.code);
    }
}
