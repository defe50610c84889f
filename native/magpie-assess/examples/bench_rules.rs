//! Where `magpie assess` spends its time on one plan: parse, context, then each rule alone.
//!     cargo run --release -p magpie-assess --example bench_rules -- plan.jmx [runs]
use std::time::{Duration, Instant};

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("runs > 0"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: bench_rules plan.jmx [runs]");
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(path).expect("readable plan");
    let (parse, doc) = best(runs, || magpie_core::jmx::doc::JmxDoc::parse(text.clone(), path).expect("a plan"));
    let (context, ctx) = best(runs, || magpie_assess::Context::new(&doc));
    println!("parse {:>6.1} ms", parse.as_secs_f64() * 1e3);
    println!("context {:>4.1} ms", context.as_secs_f64() * 1e3);
    let mut rows: Vec<(Duration, &str)> = magpie_assess::rules::ALL
        .iter()
        .map(|rule| {
            let (t, _) = best(runs, || {
                let mut out = vec![];
                rule.check(&ctx, &mut out);
                out
            });
            (t, rule.meta().code)
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0));
    let total: Duration = rows.iter().map(|r| r.0).sum();
    println!("rules {:>6.1} ms in all (one core)", total.as_secs_f64() * 1e3);
    for (t, code) in rows.iter().take(12) {
        println!("  {code} {:>6.2} ms", t.as_secs_f64() * 1e3);
    }
}
