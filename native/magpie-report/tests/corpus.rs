//! Every JTL of the shared corpus (JMeter, Taurus, performance-plugin files: CSV with and without
//! header, tabs, multi-line quoted fields, XML with transactions) read into a summary table kept
//! as a snapshot, so any change in reading or statistics shows up in review.
use std::fmt::Write;

#[test]
fn corpus_summary_table() {
    let dir = magpie_core::test_corpus_dir().join("jtl");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("corpus").map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut table = String::from("| file | format | samples | skipped | labels | errors % | p50 | p95 | p99 | top error |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for f in files {
        let s = magpie_report::summarize(&f, Default::default()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let top = s.errors.first().map(|e| format!("{} × {} {}", e.count, e.code, e.message.lines().next().unwrap_or(""))).unwrap_or_default();
        let _ = writeln!(
            table,
            "| {} | {} | {} | {} | {} | {:.2} | {} | {} | {} | {} |",
            f.file_name().unwrap().to_string_lossy(),
            s.read.format,
            s.overall.count,
            s.read.skipped,
            s.labels.len(),
            s.overall.error_pct,
            s.overall.p50_ms,
            s.overall.p95_ms,
            s.overall.p99_ms,
            top
        );
    }
    insta::assert_snapshot!(table);
}
