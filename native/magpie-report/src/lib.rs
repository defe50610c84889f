//! Results of a JMeter run: JTL files (CSV or XML) read as a stream, per-label statistics with
//! HdrHistogram percentiles, thresholds for CI, run comparison, a plain-words diagnosis and a
//! self-contained HTML report.
pub mod compare;
pub mod diagnosis;
pub mod html;
pub mod jtl;
pub mod outcomes;
pub mod output;
pub mod stats;
pub mod threshold;

use std::path::Path;

pub use stats::{Apdex, Summary};

/// Reads `path` and computes its statistics.
pub fn summarize(path: &Path, apdex: Apdex) -> magpie_core::Result<Summary> {
    let mut agg = stats::Aggregator::new(apdex);
    let info = jtl::read(path, |s| agg.add(s))?;
    Ok(agg.finish(&path.display().to_string(), info))
}
