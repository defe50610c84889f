//! Reports as text (a terminal table), JSON and JUnit XML (one test case per threshold, or per
//! label when no threshold is given: a label with errors fails).
use std::fmt::Write;

use crate::compare::Comparison;
use crate::stats::{LabelStats, Summary};
use crate::threshold::Verdict;

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

const HEADER: &str = "label                                   samples   err %     mean    p50    p90    p95    p99     max     req/s";

fn row(out: &mut String, s: &LabelStats) {
    let name = if s.transaction { format!("{} [tx]", s.label) } else { s.label.clone() };
    let _ = writeln!(
        out,
        "{:<38} {:>9} {:>7.2} {:>8.0} {:>6} {:>6} {:>6} {:>6} {:>7} {:>9.2}",
        short(&name, 38),
        s.count,
        s.error_pct,
        s.mean_ms,
        s.p50_ms,
        s.p90_ms,
        s.p95_ms,
        s.p99_ms,
        s.max_ms,
        s.throughput_per_s
    );
}

pub fn text(s: &Summary, verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} samples ({}), {:.1} s, {:.2} req/s, {:.2} % errors, Apdex {:.3} (T {} ms, F {} ms)",
        s.file,
        s.overall.count,
        s.read.format,
        s.duration_s,
        s.overall.throughput_per_s,
        s.overall.error_pct,
        s.overall.apdex,
        s.apdex_thresholds.satisfied_ms,
        s.apdex_thresholds.tolerated_ms
    );
    if s.read.skipped > 0 {
        let _ = writeln!(out, "skipped {} unreadable rows: {}", s.read.skipped, s.read.skipped_examples.join("; "));
    }
    if !s.read.ignored_columns.is_empty() {
        let _ = writeln!(out, "columns not used: {}", s.read.ignored_columns.join(", "));
    }
    let _ = writeln!(out, "\n{HEADER}");
    for l in &s.labels {
        row(&mut out, l);
    }
    row(&mut out, &s.overall);
    let _ = writeln!(out, "(times in ms; {})", s.precision);
    if !s.errors.is_empty() {
        let _ = writeln!(out, "\ntop errors:");
        for e in s.errors.iter().take(10) {
            let _ = writeln!(out, "  {:>7} × {} {} (in {})", e.count, e.code, short(&e.message, 90), e.labels.join(", "));
        }
    }
    if !verdicts.is_empty() {
        let _ = writeln!(out, "\nthresholds:");
        for v in verdicts {
            let _ = writeln!(out, "  {}", v.message);
        }
    }
    out
}

pub fn json(s: &Summary, verdicts: &[Verdict]) -> String {
    let mut v = serde_json::to_value(s).expect("serialisable");
    v["thresholds"] = serde_json::to_value(verdicts).expect("serialisable");
    serde_json::to_string_pretty(&v).expect("serialisable") + "\n"
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub fn junit(s: &Summary, verdicts: &[Verdict]) -> String {
    let mut cases = String::new();
    let mut failures = 0;
    if verdicts.is_empty() {
        for l in &s.labels {
            let _ = write!(cases, "    <testcase classname=\"magpie.report\" name=\"{}\"", xml_escape(&l.label));
            if l.errors > 0 {
                failures += 1;
                let top = s.errors.iter().find(|e| e.labels.contains(&l.label)).map(|e| format!("{} {}", e.code, e.message)).unwrap_or_default();
                let _ = writeln!(
                    cases,
                    ">\n      <failure message=\"{} of {} samples failed ({:.2} %)\">{}</failure>\n    </testcase>",
                    l.errors,
                    l.count,
                    l.error_pct,
                    xml_escape(&top)
                );
            } else {
                cases.push_str("/>\n");
            }
        }
    } else {
        for v in verdicts {
            let _ = write!(cases, "    <testcase classname=\"magpie.thresholds\" name=\"{}\"", xml_escape(&v.threshold.text));
            if v.passed {
                cases.push_str("/>\n");
            } else {
                failures += 1;
                let _ = writeln!(cases, ">\n      <failure message=\"{}\"/>\n    </testcase>", xml_escape(&v.message));
            }
        }
    }
    let tests = if verdicts.is_empty() { s.labels.len() } else { verdicts.len() };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\">\n{cases}  </testsuite>\n</testsuites>\n",
        xml_escape(&s.file)
    )
}

pub fn comparison_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} → {} (regression: p95/p99 +{} % and ≥ {} ms, or errors +{} points)\n",
        c.base_file, c.new_file, c.tolerance.percent, c.tolerance.min_delta_ms, c.tolerance.error_points
    );
    let _ = writeln!(out, "{:<38} {:>15} {:>15} {:>15} {:>17}  verdict", "label", "p50 ms", "p95 ms", "p99 ms", "errors %");
    for d in c.labels.iter().chain(std::iter::once(&c.overall)) {
        let pair = |f: &dyn Fn(&LabelStats) -> String| {
            format!("{} → {}", d.base.as_ref().map(f).unwrap_or_else(|| "-".into()), d.new.as_ref().map(f).unwrap_or_else(|| "-".into()))
        };
        let verdict = match (&d.base, &d.new) {
            (None, _) => "new label".to_string(),
            (_, None) => "missing in the new run".to_string(),
            _ if d.regressions.is_empty() => "ok".to_string(),
            _ => format!("REGRESSED: {}", d.regressions.join("; ")),
        };
        let _ = writeln!(
            out,
            "{:<38} {:>15} {:>15} {:>15} {:>17}  {verdict}",
            short(&d.label, 38),
            pair(&|s| s.p50_ms.to_string()),
            pair(&|s| s.p95_ms.to_string()),
            pair(&|s| s.p99_ms.to_string()),
            pair(&|s| format!("{:.2}", s.error_pct))
        );
    }
    out
}
