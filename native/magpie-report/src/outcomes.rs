//! The extractor-outcome sidecar written during a run by the plugin's Magpie Extractor Outcome
//! Recorder: one JSON line per extractor per sample,
//! `{"ts", "thread", "iteration", "sampler", "variable", "outcome": matched|default|missing, "default"}`.
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    ts: i64,
    #[serde(default)]
    thread: String,
    #[serde(default)]
    iteration: i64,
    sampler: String,
    variable: String,
    outcome: String,
}

/// One extractor's record over a run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExtractorOutcome {
    pub sampler: String,
    pub variable: String,
    pub matched: u64,
    pub defaulted: u64,
    pub missing: u64,
    /// The first sample where it did not match: (time, thread, iteration).
    pub first_miss: Option<(i64, String, i64)>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcomes {
    pub file: String,
    /// In order of first appearance.
    pub extractors: Vec<ExtractorOutcome>,
    pub unreadable_lines: u64,
}

pub fn read(path: &Path) -> magpie_core::Result<Outcomes> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| magpie_core::Error::bad_input(&name, "file", format!("cannot open: {e}")))?;
    let mut out = Outcomes { file: name, ..Default::default() };
    for line in BufReader::new(file).split(b'\n') {
        let line = line.map_err(|e| magpie_core::Error::bad_input(&out.file, "file", e.to_string()))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let Ok(l) = serde_json::from_slice::<Line>(&line) else {
            out.unreadable_lines += 1;
            continue;
        };
        let i = match out.extractors.iter().position(|x| x.sampler == l.sampler && x.variable == l.variable) {
            Some(i) => i,
            None => {
                out.extractors.push(ExtractorOutcome { sampler: l.sampler.clone(), variable: l.variable.clone(), matched: 0, defaulted: 0, missing: 0, first_miss: None });
                out.extractors.len() - 1
            }
        };
        let x = &mut out.extractors[i];
        match l.outcome.as_str() {
            "matched" => x.matched += 1,
            other => {
                if other == "default" {
                    x.defaulted += 1;
                } else {
                    x.missing += 1;
                }
                if x.first_miss.as_ref().is_none_or(|(ts, _, _)| l.ts < *ts) {
                    x.first_miss = Some((l.ts, l.thread.clone(), l.iteration));
                }
            }
        }
    }
    Ok(out)
}
