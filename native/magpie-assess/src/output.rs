//! Reports as text (for people), JSON, SARIF 2.1.0 (code-scanning UIs) and JUnit XML (CI test
//! views), a unified diff of fixes, and the rule documentation.
use serde_json::json;

use crate::rule::{Applicability, Family};
use crate::{rules, Report};

pub fn text(r: &Report) -> String {
    let mut out = String::new();
    for f in &r.findings {
        let fix = match f.fix.as_ref().map(|x| x.applicability) {
            Some(Applicability::Safe) => " [*]",
            Some(Applicability::Unsafe) => " [unsafe fix]",
            _ => "",
        };
        out.push_str(&format!("{}:{}:{}: {} {} {}{fix}\n    at {}\n", r.file, f.line, f.column, f.code, f.severity.name(), f.message, f.path));
    }
    let families: Vec<String> = r.score.families.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let fixable = r.findings.iter().filter(|f| f.fix.as_ref().is_some_and(|x| x.applicability == Applicability::Safe)).count();
    out.push_str(&format!(
        "{}: score {}/100 ({}); {} finding{}",
        r.file,
        r.score.total,
        families.join(", "),
        r.findings.len(),
        if r.findings.len() == 1 { "" } else { "s" }
    ));
    if fixable > 0 {
        out.push_str(&format!(", {fixable} fixable with --fix [*]"));
    }
    out.push('\n');
    out
}

pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).expect("report serializes") + "\n"
}

pub fn sarif(r: &Report) -> String {
    let rules_json: Vec<_> = rules::ALL
        .iter()
        .map(|rule| {
            let m = rule.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.why},
                "defaultConfiguration": {"level": level(m.severity.name())},
                "properties": {"family": m.family.name()},
            })
        })
        .collect();
    let results: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.code,
                "level": level(f.severity.name()),
                "message": {"text": format!("{} (at {})", f.message, f.path)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.file},
                    "region": {"startLine": f.line, "startColumn": f.column},
                }}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "magpie", "version": env!("CARGO_PKG_VERSION"), "rules": rules_json}},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).expect("sarif serializes") + "\n"
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

/// One test case per rule that ran; a failure per finding.
pub fn junit(r: &Report, ran: &[&'static str]) -> String {
    let esc = crate::context::escape;
    let failures = r.findings.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuite name=\"magpie assess {}\" tests=\"{}\" failures=\"{}\">\n",
        esc(&r.file),
        ran.len(),
        failures
    ));
    for code in ran {
        let rule = crate::rule(code).expect("ran codes are rules");
        let m = rule.meta();
        out.push_str(&format!("  <testcase classname=\"magpie.{}\" name=\"{} {}\">\n", m.family.name(), m.code, m.name));
        for f in r.findings.iter().filter(|f| f.code == m.code) {
            out.push_str(&format!(
                "    <failure type=\"{}\" message=\"{}\">{}:{}:{} {}</failure>\n",
                f.severity.name(),
                esc(&f.message),
                esc(&r.file),
                f.line,
                f.column,
                esc(&f.path)
            ));
        }
        out.push_str("  </testcase>\n");
    }
    out.push_str("</testsuite>\n");
    out
}

/// Unified diff between the plan and its fixed version.
pub fn diff(file: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{file}"), &format!("b/{file}"))
        .to_string()
}

/// docs/rules.md: every rule, by family, from the code.
pub fn rules_markdown() -> String {
    let mut out = String::from("# Magpie assessment rules\n\nGenerated from the code by `magpie rules --format markdown`; do not edit.\n\n");
    out.push_str(&format!(
        "Score: 100 minus {} per error, {} per warning, {} per info finding, counting at most {} findings per rule; each family gets the same formula on its own findings.\n",
        crate::score::WEIGHT_ERROR,
        crate::score::WEIGHT_WARNING,
        crate::score::WEIGHT_INFO,
        crate::score::MAX_COUNTED_PER_RULE
    ));
    for family in Family::ALL {
        out.push_str(&format!("\n## {}\n\n| code | name | severity | finds | fix |\n|---|---|---|---|---|\n", family.name()));
        for rule in rules::ALL.iter().filter(|r| r.meta().family == family) {
            let m = rule.meta();
            out.push_str(&format!("| {} | {} | {} | {} | {} |\n", m.code, m.name, m.severity.name(), m.summary, m.fix.unwrap_or("–")));
        }
        for rule in rules::ALL.iter().filter(|r| r.meta().family == family) {
            let m = rule.meta();
            out.push_str(&format!("\n### {} {}\n\n{}\n\n**Why it matters.** {}\n", m.code, m.name, m.summary, m.why));
            if let Some(fix) = m.fix {
                out.push_str(&format!("\n**Fix.** {fix}\n"));
            }
        }
    }
    out
}
