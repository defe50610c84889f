//! Every public plan in ../shared/corpus/jmx is assessed without a crash; the summary table
//! (file, score, findings per code) is kept as a snapshot so changes in what rules find on real
//! plans are reviewed. Unreadable plans appear with their error.
use std::collections::BTreeMap;
use std::path::PathBuf;

use magpie_assess::{assess, Selection};
use magpie_core::jmx::doc::JmxDoc;

fn corpus() -> PathBuf {
    magpie_core::test_corpus_dir().join("jmx")
}

#[test]
fn corpus_summary() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap_or_else(|e| panic!("corpus not found at {} ({e}); set MAGPIE_CORPUS", corpus().display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut table = String::from("| file | score | findings |\n|---|---|---|\n");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let row = match JmxDoc::parse(text, &name) {
            Ok(doc) => {
                let report = std::panic::catch_unwind(|| assess(&doc, &name, &Selection::default()))
                    .unwrap_or_else(|_| panic!("{name}: assess panicked"));
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for f in &report.findings {
                    *counts.entry(f.code).or_default() += 1;
                }
                let found: Vec<String> = counts.iter().map(|(c, n)| format!("{c}×{n}")).collect();
                format!("| {name} | {} | {} |", report.score.total, found.join(" "))
            }
            Err(e) => format!("| {name} | – | unreadable: {} |", e.to_string().replace('|', "/")),
        };
        table.push_str(&row);
        table.push('\n');
    }
    insta::assert_snapshot!("corpus_summary", table);
}
