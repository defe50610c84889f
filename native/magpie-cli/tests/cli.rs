//! The CLI contract: exit 0 / 2, clear errors naming file and place, nothing written on failure.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn magpie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_magpie")).args(args).output().expect("magpie runs")
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("magpie-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../jmeter-fixtures/har/synthetic-correlation.har")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn converts_and_reports_json() {
    let dir = tmp_dir("ok");
    let out = dir.join("plan.jmx");
    let o = magpie(&["har2jmx", fixture().to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["samplers"], 6);
    assert_eq!(summary["correlations"].as_array().unwrap().len(), 6);
    assert!(std::fs::read_to_string(&out).unwrap().contains("<jmeterTestPlan"));
    // Running again over an identical plan leaves the file alone and makes no backup.
    let o = magpie(&["har2jmx", fixture().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!dir.join("plan.jmx.bak").exists());
}

#[test]
fn bad_inputs_exit_2_and_write_nothing() {
    let dir = tmp_dir("bad");
    let cases: Vec<(&str, &[u8], &[&str])> = vec![
        ("malformed.har", b"{\"log\": {\"entries\": [", &["malformed.har", "line 1", "not valid JSON"]),
        ("not-har.har", b"{\"hello\": 1}", &["not-har.har", "not a HAR 1.x document", "log"]),
        ("v3.har", b"{\"log\":{\"version\":\"3.0\",\"entries\":[]}}", &["v3.har", "log.version", "not supported"]),
        (
            "no-response.har",
            b"{\"log\":{\"version\":\"1.2\",\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://a/\"}}]}}",
            &["no-response.har", "log.entries[0]", "response"],
        ),
    ];
    for (name, content, words) in cases {
        let har = dir.join(name);
        std::fs::write(&har, content).unwrap();
        let out = dir.join(format!("{name}.jmx"));
        let o = magpie(&["har2jmx", har.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        for w in words {
            assert!(err.contains(w), "{name}: {err:?} lacks {w:?}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(!out.exists(), "{name}: nothing written");
    }
    // Unreadable input and an output folder that does not exist.
    let o = magpie(&["har2jmx", dir.join("absent.har").to_str().unwrap(), "-o", dir.join("x.jmx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("absent.har"));
    let missing = dir.join("no-such-folder").join("x.jmx");
    let o = magpie(&["har2jmx", fixture().to_str().unwrap(), "-o", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!missing.exists());
    // Usage errors are exit 2 too.
    assert_eq!(magpie(&["har2jmx"]).status.code(), Some(2));
    assert_eq!(magpie(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn help_explains_every_option() {
    let o = magpie(&["har2jmx", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--output", "--include-domain", "--exclude-domain", "--keep-static", "--static-ext", "--static-mime",
        "--page-gap-ms", "--no-think-times", "--no-correlation", "--plan-name", "--format", "-Jhost",
    ] {
        assert!(help.contains(flag), "help lacks {flag}");
    }
}
