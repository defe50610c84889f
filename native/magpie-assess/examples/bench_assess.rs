//! In-process timing of `magpie assess` on one plan: parse + all rules, best of N runs.
//!     cargo run --release -p magpie-assess --example bench_assess -- plan.jmx [runs]
//! bench/assess_5mb.py builds the synthetic 5 MB plan and calls this.
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: bench_assess plan.jmx [runs]");
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(10);
    let text = std::fs::read_to_string(path).expect("readable plan");
    let (mut parse, mut total) = (Duration::MAX, Duration::MAX);
    let mut findings = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let doc = magpie_core::jmx::doc::JmxDoc::parse(text.clone(), path).expect("a plan");
        let t1 = Instant::now();
        let report = magpie_assess::assess(&doc, path, &Default::default());
        let t2 = Instant::now();
        findings = report.findings.len();
        parse = parse.min(t1 - t0);
        total = total.min(t2 - t0);
        std::mem::forget(doc); // as the CLI does: no per-string frees at the end
    }
    println!(
        "in-process, best of {runs}: parse {:.0} ms, parse + {} rules {:.0} ms ({findings} findings)",
        parse.as_secs_f64() * 1000.0,
        magpie_assess::rules::ALL.len(),
        total.as_secs_f64() * 1000.0
    );
}
