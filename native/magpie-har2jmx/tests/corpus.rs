//! Every public HAR in ../shared/corpus/har converts, or fails with an error that names the
//! file and the place. The corpus sits beside the repository (CI clones it there); point
//! MAGPIE_CORPUS elsewhere if yours lives somewhere else.
use std::path::PathBuf;

use magpie_har2jmx::{convert, Options};

fn corpus_dir() -> PathBuf {
    magpie_core::test_corpus_dir().join("har")
}

/// Files that are not convertible, and the words their error must contain.
const EXPECTED_FAILURES: &[(&str, &[&str])] = &[
    ("mitmproxy__brokenfile.har", &["mitmproxy__brokenfile.har", "line ", "expected an object"]),
    ("har-to-k6__full.har", &["log.entries[0]", "missing field `response`"]),
    ("har-to-k6__multipart-formdata.har", &["log.entries[0]", "missing field `response`"]),
    ("har-to-k6__x-www-form-url-encoded.har", &["log.entries[0]", "missing field `response`"]),
];

#[test]
fn every_corpus_har_converts_or_fails_clearly() {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus not found at {} ({e}); set MAGPIE_CORPUS", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "har"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "expected the whole corpus, found {}", files.len());
    let mut converted = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| convert(&bytes, &name, &Options::default()));
        let result = result.unwrap_or_else(|_| panic!("{name}: conversion panicked"));
        match (EXPECTED_FAILURES.iter().find(|(f, _)| *f == name), result) {
            (None, Ok((jmx, summary))) => {
                assert!(jmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<jmeterTestPlan"), "{name}");
                assert!(summary.samplers <= summary.entries_total, "{name}");
                let skipped = summary.skipped_static + summary.skipped_domain + summary.skipped_redirect + summary.skipped_other;
                assert_eq!(summary.samplers + skipped, summary.entries_total, "{name}: every entry accounted for");
                assert_eq!(jmx.matches("<HTTPSamplerProxy ").count(), summary.samplers, "{name}");
                converted += 1;
            }
            (None, Err(e)) => panic!("{name}: unexpected error: {e}"),
            (Some((_, words)), Err(e)) => {
                let msg = e.to_string();
                assert!(msg.starts_with(&format!("{name}: ")), "{msg}");
                for w in *words {
                    assert!(msg.contains(w), "{name}: error {msg:?} should contain {w:?}");
                }
            }
            (Some(_), Ok(_)) => panic!("{name}: expected a clear error"),
        }
    }
    assert!(converted >= 20, "converted {converted}");
}

#[test]
fn walmart_rolling_csrf_jwt_is_extracted_from_each_issuing_response() {
    let path = corpus_dir().join("pagexray__304-walmart-dev-csrf-jwt.har");
    let (jmx, summary) = convert(&std::fs::read(&path).unwrap(), "walmart.har", &Options::default()).unwrap();
    let jwt: Vec<_> = summary.correlations.iter().filter(|c| c.variable.starts_with("x_csrf_jwt")).collect();
    assert!(jwt.len() >= 5, "rolling token re-extracted where it changes: {}", jwt.len());
    assert!(jwt.iter().all(|c| c.value.starts_with("eyJ")));
    assert!(jmx.contains("(?i)\\nx-csrf-jwt: ([^\\r\\n]+)"));
}
