//! `magpie correlate REC.har --report`: the correlation engine's findings in a recording,
//! without writing anything (passive mode). Applying them is `magpie har2jmx` (agent mode).
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum)]
pub enum CorrelateFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct CorrelateArgs {
    /// The HAR recording.
    har: PathBuf,
    /// Report only (passive mode): list every dynamic value with its origin entry, uses,
    /// extractor and confidence, and the values that look dynamic but could not be correlated,
    /// with the reason. Nothing is written.
    #[arg(long)]
    report: bool,
    #[arg(long, value_enum, default_value_t = CorrelateFormat::Text)]
    format: CorrelateFormat,
    /// A second recording of the same journey (another session): fields that differ between
    /// the two are dynamic even when they look plain (short ids); values no response issued that
    /// are the same in both are static, not reported as problems.
    #[arg(long, value_name = "HAR")]
    second: Option<PathBuf>,
    /// Keep only requests to this host, as in har2jmx (repeatable).
    #[arg(long = "include-domain", value_name = "HOST")]
    include_domains: Vec<String>,
    /// Drop requests to this host, as in har2jmx (repeatable).
    #[arg(long = "exclude-domain", value_name = "HOST")]
    exclude_domains: Vec<String>,
}

pub fn run(args: CorrelateArgs) -> ExitCode {
    if !args.report {
        eprintln!(
            "magpie: error: only the passive report is available here: add --report \
             (to apply the correlations, convert with `magpie har2jmx`)"
        );
        return ExitCode::from(2);
    }
    let name = args.har.display().to_string();
    let bytes = match std::fs::read(&args.har) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("magpie: error: {}", magpie_core::Error::io(&args.har, e));
            return ExitCode::from(2);
        }
    };
    let opts = magpie_har2jmx::Options {
        include_domains: args.include_domains,
        exclude_domains: args.exclude_domains,
        second_har: args.second,
        ..Default::default()
    };
    match magpie_har2jmx::correlate_report(bytes, &name, &opts) {
        Ok(report) => {
            match args.format {
                CorrelateFormat::Text => print!("{}", report.to_text()),
                CorrelateFormat::Json => println!("{}", serde_json::to_string_pretty(&report).expect("serialisable")),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("magpie: error: {e}");
            ExitCode::from(2)
        }
    }
}
