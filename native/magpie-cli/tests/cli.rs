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
        "--page-gap-ms", "--no-think-times", "--no-correlation", "--plan-name", "--format", "-Jhost", "--assertions",
    ] {
        assert!(help.contains(flag), "help lacks {flag}");
    }
}

fn assess_fixture(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../magpie-assess/tests/fixtures/MK101.jmx");
    let dst = dir.join("plan.jmx");
    std::fs::copy(src, &dst).unwrap();
    dst
}

#[test]
fn assess_reports_in_every_format() {
    let dir = tmp_dir("assess-formats");
    let plan = assess_fixture(&dir);
    let p = plan.to_str().unwrap();
    let o = magpie(&["assess", p, "--select", "MK101"]);
    assert_eq!(o.status.code(), Some(1), "findings → exit 1");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("MK101 warning") && text.contains("at Plan › Users › View Results Tree") && text.contains("score 92/100"), "{text}");
    let o = magpie(&["assess", p, "--select", "MK101", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["findings"][0]["code"], "MK101");
    assert_eq!(json["findings"][0]["line"], 25);
    let o = magpie(&["assess", p, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["runs"][0]["results"].as_array().unwrap().iter().any(|r| r["ruleId"] == "MK101"));
    let o = magpie(&["assess", p, "--select", "MK101", "--format", "junit"]);
    let junit = String::from_utf8_lossy(&o.stdout);
    assert!(junit.starts_with("<?xml") && junit.contains("<testsuite ") && junit.contains("failures=\"2\""), "{junit}");
    assert_eq!(magpie(&["assess", p, "--select", "MK101", "--fail-under", "90"]).status.code(), Some(0));
    assert_eq!(magpie(&["assess", p, "--select", "MK101", "--fail-under", "97"]).status.code(), Some(1));
    assert_eq!(magpie(&["assess", p, "--select", "MC101"]).status.code(), Some(0), "no finding → exit 0");
}

#[test]
fn assess_diff_previews_and_fix_edits_in_place() {
    let dir = tmp_dir("assess-fix");
    let plan = assess_fixture(&dir);
    let p = plan.to_str().unwrap();
    let original = std::fs::read_to_string(&plan).unwrap();
    let o = magpie(&["assess", p, "--select", "MK101", "--diff"]);
    let diff = String::from_utf8_lossy(&o.stdout);
    assert!(diff.contains("+        <ResultCollector guiclass=\"ViewResultsFullVisualizer\" testclass=\"ResultCollector\" testname=\"View Results Tree\" enabled=\"false\">"), "{diff}");
    assert!(!diff.contains("Aggregate Report\" enabled=\"false\""), "unsafe fixes only with --unsafe-fixes");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original, "--diff writes nothing");

    let o = magpie(&["assess", p, "--select", "MK101", "--fix"]);
    assert_eq!(o.status.code(), Some(1), "the unsafe finding remains");
    let fixed = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(std::fs::read_to_string(dir.join("plan.jmx.bak")).unwrap(), original);
    assert_eq!(fixed.len(), original.len() + " enabled=\"false\"".len());
    let o = magpie(&["assess", p, "--select", "MK101", "--fix", "--unsafe-fixes"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    let diff_lines = similar_lines(&original, &std::fs::read_to_string(&plan).unwrap());
    assert_eq!(diff_lines, 2, "only the two listener start tags changed");
}

fn similar_lines(a: &str, b: &str) -> usize {
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).count() + a.lines().count().abs_diff(b.lines().count())
}

#[test]
fn assess_bad_input_exits_2() {
    let dir = tmp_dir("assess-bad");
    for (name, content, words) in [
        ("notxml.jmx", "this is not xml", vec!["notxml.jmx", "not a JMeter test plan"]),
        ("html.jmx", "<html><body/></html>", vec!["html.jmx", "line 1", "<html>"]),
        ("trunc.jmx", "<?xml version=\"1.0\"?>\n<jmeterTestPlan version=\"1.2\">\n  <hashTree>\n    <TestPlan testname=\"x\">", vec!["trunc.jmx", "line "]),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let o = magpie(&["assess", path.to_str().unwrap(), "--fix"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = stderr(&o);
        for w in words {
            assert!(err.contains(w), "{name}: {err:?} lacks {w:?}");
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "{name}: untouched");
    }
    assert_eq!(magpie(&["assess", dir.join("absent.jmx").to_str().unwrap()]).status.code(), Some(2));
}

/// `magpie … | head`: when the reader has gone, the output ends quietly (killed by SIGPIPE, as
/// Unix tools are), not with a panic and a backtrace on stderr.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::os::unix::io::FromRawFd;
    use std::os::unix::process::ExitStatusExt;
    let mut fds = [0; 2];
    // SAFETY: a fresh pipe; its read end is closed at once (nobody will read), its write end
    // handed to the child as its stdout.
    let stdout = unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        libc::close(fds[0]);
        std::process::Stdio::from_raw_fd(fds[1])
    };
    let out = Command::new(env!("CARGO_BIN_EXE_magpie")).args(["correlate", "--report"]).arg(fixture()).stdout(stdout).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{:?} {stderr}", out.status);
}
