//! HAR → JMX conversion.
use std::path::{Path, PathBuf};

use magpie_core::Result;
use serde::{Deserialize, Serialize};

/// Conversion options; the CLI flags and the JNI request's `options` object map onto this.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Keep only requests to these hosts (exact or `*.suffix`); empty = hosts of the first document request.
    pub include_domains: Vec<String>,
    /// Drop requests to these hosts (applied after include).
    pub exclude_domains: Vec<String>,
    /// Keep static resources (images, css, js, fonts...).
    pub keep_static: bool,
    /// Extra file extensions treated as static (without dot).
    pub static_extensions: Vec<String>,
    /// Extra MIME types (or `type/*`) treated as static.
    pub static_mime_types: Vec<String>,
    /// Without HAR pages, a gap longer than this (ms) starts a new transaction.
    pub page_gap_ms: u64,
    /// Emit think times from recorded gaps.
    pub think_times: bool,
    /// Correlate dynamic values (extractors + `${var}` replacement).
    pub correlate: bool,
    /// Test plan name; default: the HAR file stem.
    pub plan_name: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            include_domains: vec![],
            exclude_domains: vec![],
            keep_static: false,
            static_extensions: vec![],
            static_mime_types: vec![],
            page_gap_ms: 3000,
            think_times: true,
            correlate: true,
            plan_name: None,
        }
    }
}

/// JSON request accepted by the JNI `har2jmx` call.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub har_path: PathBuf,
    pub output_path: PathBuf,
    #[serde(default)]
    pub options: Options,
}

/// What a conversion did, for the CLI and the GUI to show.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    pub output_path: Option<PathBuf>,
    pub entries_total: usize,
    pub samplers: usize,
    pub transactions: usize,
    pub skipped_static: usize,
    pub skipped_domain: usize,
    pub skipped_redirect: usize,
    pub skipped_other: usize,
    pub correlations: Vec<CorrelationSummary>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorrelationSummary {
    pub variable: String,
    pub value: String,
    pub origin_entry: usize,
    pub origin: String,
    pub extractor: String,
    pub uses: usize,
}

/// Converts HAR bytes into JMX text.
pub fn convert(_har: &[u8], _har_name: &str, _opts: &Options) -> Result<(String, Summary)> {
    todo!("being written")
}

/// Reads `req.har_path`, writes the plan atomically to `req.output_path`.
pub fn convert_file(req: &Request) -> Result<Summary> {
    let _ = Path::new(&req.har_path);
    todo!("being written")
}
