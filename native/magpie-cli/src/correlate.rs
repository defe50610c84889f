//! `magpie correlate REC.har --report`: the correlation engine's findings in a recording,
//! without writing anything (passive mode). `magpie correlate PLAN.jmx --har REC.har -o OUT`:
//! the findings applied to an existing plan as byte-range edits (agent mode on a plan; a new plan
//! from a recording is `magpie har2jmx`).
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
    /// The HAR recording (with --report), or a .jmx plan to correlate (with --har).
    input: PathBuf,
    /// With a .jmx input: the recording of the plan's journey whose dynamic values are applied
    /// to the plan — an extractor under each origin sampler, literals in later samplers replaced,
    /// client-made values by functions, digests by a script. Samplers are matched to recorded
    /// requests in order by method and path; everything else in the file stays byte-identical.
    #[arg(long, value_name = "HAR")]
    har: Option<PathBuf>,
    /// With --har: where to write the correlated plan (atomically; an existing file is kept as
    /// <file>.bak). Default: the plan itself.
    #[arg(short, long, value_name = "JMX")]
    output: Option<PathBuf>,
    /// With --har: correlate only within this thread group or controller (its name, or its path
    /// `Test Plan › Users › Checkout` when the name is used twice): extractors and replaced
    /// literals only in the samplers under it.
    #[arg(long, value_name = "NAME", requires = "har")]
    within: Option<String>,
    /// With --har: print the changes as a unified diff of the .jmx and write nothing.
    #[arg(long)]
    diff: bool,
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
    /// Correlations below this confidence (0–1) are listed as not correlated, not applied.
    #[arg(long, value_name = "0..1", default_value_t = 0.5, value_parser = crate::confidence_bar)]
    min_confidence: f64,
}

impl CorrelateArgs {
    /// The engine's options these flags set (selection as in har2jmx, evidence, the bar).
    fn options(&self) -> magpie_har2jmx::Options {
        magpie_har2jmx::Options {
            include_domains: self.include_domains.clone(),
            exclude_domains: self.exclude_domains.clone(),
            second_har: self.second.clone(),
            min_confidence: self.min_confidence,
            ..Default::default()
        }
    }
}

pub fn run(args: CorrelateArgs) -> ExitCode {
    if let Some(har) = args.har.clone() {
        return run_on_plan(args, har);
    }
    if !args.report {
        eprintln!(
            "magpie: error: say what to do: --report lists what the recording holds; \
             `magpie correlate PLAN.jmx --har REC.har` applies it to a plan; `magpie har2jmx` makes a new plan"
        );
        return ExitCode::from(2);
    }
    let name = args.input.display().to_string();
    let bytes = match read(&args.input) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let opts = args.options();
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

fn read(path: &std::path::Path) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!("magpie: error: {}", magpie_core::Error::io(path, e));
        ExitCode::from(2)
    })
}

fn run_on_plan(args: CorrelateArgs, har: PathBuf) -> ExitCode {
    let plan_name = args.input.display().to_string();
    let har_name = har.display().to_string();
    let plan_bytes = match read(&args.input) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let Ok(plan_text) = String::from_utf8(plan_bytes) else {
        eprintln!("magpie: error: {plan_name}: not UTF-8 text (a .jmx plan is XML in UTF-8)");
        return ExitCode::from(2);
    };
    let har_bytes = match read(&har) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let scope = match args.within.as_deref().map(|name| magpie_har2jmx::scope_named(&plan_text, &plan_name, name)).transpose() {
        Ok(scope) => scope,
        Err(e) => {
            eprintln!("magpie: error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = args.options();
    let result = match magpie_har2jmx::correlate_plan(plan_text.clone(), &plan_name, har_bytes, &har_name, &opts, None, scope) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("magpie: error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.diff {
        print!("{}", magpie_assess::output::diff(&plan_name, &plan_text, &result.text));
        return ExitCode::SUCCESS;
    }
    let output = args.output.unwrap_or_else(|| args.input.clone());
    let unchanged_in_place = result.text == plan_text && output == args.input;
    if !unchanged_in_place {
        if let Err(e) = magpie_core::atomic::write_atomic(&output, result.text.as_bytes()) {
            eprintln!("magpie: error: {e}");
            return ExitCode::from(2);
        }
    }
    match args.format {
        CorrelateFormat::Json => println!("{}", serde_json::to_string_pretty(&result).expect("serialisable")),
        CorrelateFormat::Text => {
            println!(
                "{plan_name}: {} of {} recorded requests matched to samplers; {} correlation{} applied, {} skipped",
                result.matched_steps,
                result.steps,
                result.applied.len(),
                if result.applied.len() == 1 { "" } else { "s" },
                result.skipped.len()
            );
            for a in &result.applied {
                let at = a.sampler.as_deref().map(|s| format!(" under `{s}`")).unwrap_or_default();
                let cookies = if a.cookies.is_empty() { String::new() } else { format!("; then sets cookie {} for the Cookie Manager", a.cookies.join(", ")) };
                println!("  {:<24} {:<16} {} literal{} replaced{at}{cookies}", a.variable, a.kind, a.replaced, if a.replaced == 1 { "" } else { "s" });
            }
            for s in &result.skipped {
                println!("  skipped {:<16} {}: {}", s.variable, short(&s.value), s.reason);
            }
            if unchanged_in_place {
                println!("nothing to change; {plan_name} not written");
            } else {
                println!("wrote {}", output.display());
            }
        }
    }
    ExitCode::SUCCESS
}

fn short(v: &str) -> String {
    if v.chars().count() > 24 {
        format!("{}…", v.chars().take(24).collect::<String>())
    } else {
        v.to_string()
    }
}
