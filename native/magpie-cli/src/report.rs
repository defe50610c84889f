//! `magpie report` and `magpie compare`: JTL results for people (text, HTML) and for CI
//! (JSON, JUnit, thresholds with exit code 1).
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use magpie_report::{compare, diagnosis, html, output, threshold::Threshold, Apdex};

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Junit,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The results file: a JMeter JTL in CSV (with or without header) or XML.
    jtl: PathBuf,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// A limit the run must meet (repeatable): `p95<800ms`, `errors<1%`, `Login:p99<=2s`,
    /// `throughput>=20/s`, `mean<300`, `apdex>=0.9`. Metrics: p50 p90 p95 p99 min max mean
    /// errors throughput apdex; a `LABEL:` prefix applies it to one label. Exit 1 when one breaks.
    #[arg(long = "threshold", value_name = "RULE")]
    thresholds: Vec<String>,
    /// Also write a self-contained HTML report (plots inline, readable offline). Written
    /// atomically; an existing file is kept as <file>.bak.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// The extractor outcomes a run recorded (Magpie Extractor Outcome Recorder, `har2jmx
    /// --record-extractors`); default: extractors.jsonl next to the JTL, when there is one.
    #[arg(long, value_name = "FILE")]
    extractors: Option<PathBuf>,
    /// Apdex: responses at or under this many ms satisfy.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    apdex_t: u64,
    /// Apdex: responses at or under this many ms are tolerated (above: frustrated).
    #[arg(long, value_name = "MS", default_value_t = 1500)]
    apdex_f: u64,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct CompareArgs {
    /// The baseline run's JTL.
    base: PathBuf,
    /// The run to judge against it.
    new: PathBuf,
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    format: CompareFormat,
    /// Relative growth of a label's p95 or p99 that counts as a regression, percent.
    #[arg(long, value_name = "PERCENT", default_value_t = 10.0)]
    tolerance: f64,
    /// Growth under this many ms is never a regression (noise on fast requests).
    #[arg(long, value_name = "MS", default_value_t = 5)]
    min_delta_ms: u64,
    /// Growth of a label's error percentage, in points, that counts as a regression.
    #[arg(long, value_name = "POINTS", default_value_t = 1.0)]
    error_points: f64,
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("magpie: error: {e}");
    ExitCode::from(2)
}

pub fn report(args: ReportArgs) -> ExitCode {
    let thresholds: Vec<Threshold> = match args.thresholds.iter().map(|t| Threshold::parse(t)).collect() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let apdex = Apdex { satisfied_ms: args.apdex_t, tolerated_ms: args.apdex_f.max(args.apdex_t) };
    let summary = match magpie_report::summarize(&args.jtl, apdex) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let verdicts: Vec<_> = thresholds.iter().map(|t| t.check(&summary)).collect();
    let sidecar = args.extractors.clone().or_else(|| {
        let next_to = args.jtl.parent().unwrap_or(std::path::Path::new(".")).join("extractors.jsonl");
        next_to.is_file().then_some(next_to)
    });
    let outcomes = match sidecar.as_deref().map(magpie_report::outcomes::read).transpose() {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let notes = diagnosis::notes_with(&summary, outcomes.as_ref());
    if let Some(path) = &args.html {
        if let Err(e) = magpie_core::atomic::write_atomic(path, html::render(&summary, &verdicts, &notes).as_bytes()) {
            return fail(e);
        }
    }
    let rendered = match args.format {
        ReportFormat::Text => {
            let mut t = output::text(&summary, &verdicts);
            if !notes.is_empty() {
                t.push_str("\ndiagnosis:\n");
                for n in &notes {
                    t.push_str(&format!("  - {n}\n"));
                }
            }
            if let Some(path) = &args.html {
                t.push_str(&format!("\nHTML report: {}\n", path.display()));
            }
            t
        }
        ReportFormat::Json => {
            let mut v: serde_json::Value = serde_json::from_str(&output::json(&summary, &verdicts)).expect("our own JSON");
            v["diagnosis"] = serde_json::to_value(&notes).expect("strings");
            serde_json::to_string_pretty(&v).expect("serialisable") + "\n"
        }
        ReportFormat::Junit => output::junit(&summary, &verdicts),
    };
    print!("{rendered}");
    if verdicts.iter().any(|v| !v.passed) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn compare(args: CompareArgs) -> ExitCode {
    let read = |p: &PathBuf| magpie_report::summarize(p, Apdex::default());
    let (base, new) = match (read(&args.base), read(&args.new)) {
        (Ok(b), Ok(n)) => (b, n),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let tolerance = compare::Tolerance { percent: args.tolerance, min_delta_ms: args.min_delta_ms, error_points: args.error_points };
    let c = compare::compare(&base, &new, tolerance);
    match args.format {
        CompareFormat::Text => print!("{}", output::comparison_text(&c)),
        CompareFormat::Json => println!("{}", serde_json::to_string_pretty(&c).expect("serialisable")),
    }
    if c.regressed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
