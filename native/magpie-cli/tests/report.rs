//! `magpie report` / `magpie compare`: exit codes for CI, bad input, the HTML file.
use std::path::PathBuf;
use std::process::{Command, Output};

fn magpie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_magpie")).args(args).output().expect("magpie runs")
}

fn corpus(name: &str) -> String {
    magpie_core::test_corpus_dir().join("jtl").join(name).display().to_string()
}

fn tmp(name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = std::env::temp_dir().join(format!("magpie-report-{}-{name}", std::process::id()));
    std::fs::write(&p, text).unwrap();
    p
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn thresholds_decide_the_exit_code() {
    let jtl = corpus("taurus__slow-stdev.jtl");
    let o = magpie(&["report", &jtl, "--threshold", "p95<10s", "--threshold", "errors<50%"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = magpie(&["report", &jtl, "--threshold", "p95<800ms", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("<failure message=\"p95&lt;800ms: BROKEN"), "{}", text(&o));
    let o = magpie(&["report", &jtl, "--threshold", "p95 below 1s"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("threshold `p95 below 1s`"), "{}", text(&o));
}

#[test]
fn json_has_labels_diagnosis_and_the_html_is_written() {
    let html = std::env::temp_dir().join(format!("magpie-report-{}.html", std::process::id()));
    let o = magpie(&["report", &corpus("jmeter__HTMLReportTestFile.csv"), "--format", "json", "--html", html.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["overall"]["count"], 255);
    assert!(v["labels"].as_array().unwrap().len() >= 2);
    assert!(!v["diagnosis"].as_array().unwrap().is_empty());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("<svg") && !page.contains("<script") && !page.contains("http://") && !page.contains("https://"));
    std::fs::remove_file(&html).ok();
}

#[test]
fn unreadable_input_is_exit_2_and_partial_input_is_reported() {
    let empty = tmp("empty.jtl", "");
    let o = magpie(&["report", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("empty file"), "{}", text(&o));
    let missing = magpie(&["report", "/nonexistent/run.jtl"]);
    assert_eq!(missing.status.code(), Some(2));
    let partial = tmp("partial.jtl", b"timeStamp,elapsed,label,success\n1000,5,a,true\n1001,x,a,true\n1002,7,\xff\xfeb,true\n1003");
    let o = magpie(&["report", partial.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("2 samples") && out.contains("skipped 2 unreadable rows") && out.contains("line 3:"), "{out}");
    for p in [empty, partial] {
        std::fs::remove_file(p).ok();
    }
}

#[test]
fn compare_flags_a_slower_label() {
    let base = tmp("base.jtl", "timeStamp,elapsed,label,success\n1000,100,a,true\n1100,100,a,true\n1200,50,b,true\n");
    let slow = tmp("slow.jtl", "timeStamp,elapsed,label,success\n1000,300,a,true\n1100,300,a,true\n1200,51,b,true\n");
    let o = magpie(&["compare", base.to_str().unwrap(), base.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = magpie(&["compare", base.to_str().unwrap(), slow.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("REGRESSED: p95 100 → 300 ms"), "{out}");
    assert!(out.lines().any(|l| l.starts_with('b') && l.ends_with("ok")), "{out}");
    for p in [base, slow] {
        std::fs::remove_file(p).ok();
    }
}

#[test]
fn every_corpus_jtl_reads() {
    let dir = magpie_core::test_corpus_dir().join("jtl");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let o = magpie(&["report", p.to_str().unwrap(), "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}: {}", p.display(), text(&o));
        n += 1;
    }
    assert!(n >= 10, "{n} corpus JTLs in {}", dir.display());
}
