//! Every public plan in ../shared/corpus/jmx parses losslessly (or fails with a located error),
//! and every element's span covers text that starts with its tag.
use std::path::PathBuf;

use magpie_core::jmx::doc::JmxDoc;

fn corpus() -> PathBuf {
    magpie_core::test_corpus_dir().join("jmx")
}

#[test]
fn every_corpus_plan_parses_or_fails_with_a_place() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap_or_else(|e| panic!("corpus not found at {} ({e}); set MAGPIE_CORPUS", corpus().display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut parsed = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        match JmxDoc::parse(text, &name) {
            Ok(doc) => {
                let mut count = 0;
                doc.walk(&mut |e, _| {
                    count += 1;
                    assert!(doc.source[e.span.clone()].starts_with(&format!("<{}", e.tag)), "{name}: {}", e.tag);
                });
                assert!(count > 0, "{name}: no elements");
                parsed += 1;
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("{name}: line ")), "{msg}");
                println!("{msg}");
            }
        }
    }
    assert!(parsed >= 27, "parsed {parsed} of {}", files.len());
}
