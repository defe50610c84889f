//! `magpie extract --har REC.har --entry N --value V`: every extractor that yields V from the
//! response of entry N, validated and ranked, with why.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// The HAR recording.
    #[arg(long)]
    har: PathBuf,
    /// The entry whose response holds the value: 0-based index in log.entries (as
    /// `magpie correlate --report` prints them).
    #[arg(long)]
    entry: usize,
    /// The value to extract, exactly as the response has it.
    #[arg(long)]
    value: String,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
}

/// Exit 0 with candidates, 1 when the response does not hold the value, 2 on bad input.
pub fn run(args: ExtractArgs) -> ExitCode {
    let name = args.har.display().to_string();
    let har = match std::fs::read(&args.har).map_err(|e| magpie_core::Error::io(&args.har, e)).and_then(|b| magpie_core::har::parse(&b, &name)) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("magpie: error: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(entry) = har.log.entries.get(args.entry) else {
        eprintln!("magpie: error: {name}: log.entries[{}]: no such entry (the recording has {})", args.entry, har.log.entries.len());
        return ExitCode::from(2);
    };
    let ranked = magpie_correlate::extract::candidates(entry, &args.value);
    match args.format {
        ExtractFormat::Json => println!("{}", serde_json::to_string_pretty(&ranked).expect("serialisable")),
        ExtractFormat::Text => {
            println!("entry {} ({} {}): {} candidate extractor(s)", args.entry, entry.request.method, entry.request.url, ranked.len());
            for (i, r) in ranked.iter().enumerate() {
                println!("  {}. [{:.2}] {}\n     {}", i + 1, r.score, r.extractor.describe(), r.why);
            }
        }
    }
    if ranked.is_empty() {
        eprintln!("magpie: the response of entry {} does not contain that value (headers and body searched)", args.entry);
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
