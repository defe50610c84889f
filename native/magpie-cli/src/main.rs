//! `magpie`: the command-line face of the Magpie core.
//! Exit codes: 0 ok, 1 findings/failures, 2 bad input or usage.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod correlate;
mod extract;
mod report;

// Plans and recordings become many small strings; mimalloc makes that markedly cheaper.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use magpie_har2jmx::{Options, Request};

#[derive(Parser)]
#[command(name = "magpie", version, about = "Magpie: browser recordings to JMeter plans that replay, and the tools to keep them healthy.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a HAR recording into a correlated JMeter test plan (.jmx).
    ///
    /// The plan has one Thread Group, a Cookie Manager, one Transaction Controller per recorded
    /// page, an HTTP Request per kept request (redirects the browser followed are followed by
    /// JMeter, not repeated), header managers, think times and extractors for every dynamic
    /// value. Run it with e.g. `jmeter -n -t plan.jmx -Jhost=staging.example.com -Jthreads=10
    /// -Jloops=5 -Jthink_ms=0`: protocol, host, port, threads, rampup, loops and think_ms are
    /// JMeter properties with the recorded values as defaults.
    Har2jmx(Har2JmxArgs),
    /// Assess a JMeter plan: findings with the element path and line, a 0–100 score, fixes.
    ///
    /// Exit 0 when no finding remains (or the score reaches --fail-under), 1 otherwise, 2 when
    /// the plan cannot be read. `--fix` writes fixes as byte-range edits: everything else in the
    /// file stays byte-identical, and the original is kept as <file>.bak.
    Assess(AssessArgs),
    /// List the assessment rules (`--format markdown` writes docs/rules.md).
    Rules(RulesArgs),
    /// Summarise a JMeter results file (JTL, CSV or XML, streamed): per label count, errors,
    /// p50/p90/p95/p99, throughput, Apdex, top errors, a plain-words diagnosis; thresholds for CI.
    ///
    /// Exit 0 when every --threshold holds, 1 when one breaks, 2 when nothing can be read.
    /// Unreadable rows (a truncated last line, a bad field) are skipped and reported.
    Report(report::ReportArgs),
    /// Find the dynamic values of a recording: report them, or apply them to a plan you have.
    ///
    /// `magpie correlate rec.har --report` (passive): each value's origin entry, its uses, the
    /// validated extractor and a confidence; values that look dynamic but have no origin, with
    /// the reason. Nothing is written. `magpie correlate plan.jmx --har rec.har [-o out.jmx |
    /// --diff] [--within NAME]`: the values applied to an existing plan as byte-range edits (a
    /// new plan from a recording is `magpie har2jmx`). Exit 0 ok, 2 bad input.
    Correlate(correlate::CorrelateArgs),
    /// Candidate extractors for a value in one recorded response, validated and ranked, with why.
    ///
    /// Exit 0 with candidates, 1 when the response does not hold the value, 2 on bad input.
    Extract(extract::ExtractArgs),
    /// Compare two runs per label (p50/p95/p99, errors) and flag regressions.
    ///
    /// Exit 0 without regression, 1 with one, 2 when a file cannot be read.
    Compare(report::CompareArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum AssessFormat {
    Text,
    Json,
    Sarif,
    Junit,
}

#[derive(Args)]
struct AssessArgs {
    /// The .jmx plan.
    plan: PathBuf,
    /// Apply safe fixes to the plan (atomic write, .bak kept).
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff: also apply fixes that may change behaviour.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff of the .jmx; write nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Report format.
    #[arg(long, value_enum, default_value_t = AssessFormat::Text)]
    format: AssessFormat,
    /// Exit 1 only when the score is below this (0–100), instead of on any finding.
    #[arg(long, value_name = "SCORE")]
    fail_under: Option<u32>,
    /// Only these rules: codes or prefixes, comma-separated or repeated (`MC`, `MK101`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Skip these rules: codes or prefixes, comma-separated or repeated.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// A HAR recording of the same journey: the correlation rules then use what the
    /// correlation engine proves dynamic (rule MC113) instead of heuristics alone.
    #[arg(long, value_name = "HAR")]
    har: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Args)]
struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args)]
struct Har2JmxArgs {
    /// The HAR 1.1/1.2 file (Chrome, Firefox, Safari, Charles, mitmproxy, ... exports).
    har: PathBuf,
    /// Where to write the plan; default: next to the HAR, with a .jmx extension. Written
    /// atomically; an existing file is kept as <file>.bak.
    #[arg(short, long, value_name = "JMX")]
    output: Option<PathBuf>,
    /// Keep only requests to this host (repeatable; `*.example.com` matches subdomains).
    /// Default: the hosts of the first page request and its redirects.
    #[arg(long = "include-domain", value_name = "HOST")]
    include_domains: Vec<String>,
    /// Drop requests to this host (repeatable; applied after --include-domain).
    #[arg(long = "exclude-domain", value_name = "HOST")]
    exclude_domains: Vec<String>,
    /// Keep static resources (images, CSS, JS, fonts, media), which are dropped by default.
    #[arg(long)]
    keep_static: bool,
    /// Also treat this file extension as static (repeatable, e.g. `--static-ext pdf`).
    #[arg(long = "static-ext", value_name = "EXT")]
    static_extensions: Vec<String>,
    /// Also treat this response MIME type as static (repeatable; `type/*` allowed).
    #[arg(long = "static-mime", value_name = "MIME")]
    static_mime_types: Vec<String>,
    /// Without pages in the HAR, a pause longer than this starts a new transaction.
    #[arg(long, value_name = "MS", default_value_t = 3000)]
    page_gap_ms: u64,
    /// Do not add think times from the recorded pauses.
    #[arg(long)]
    no_think_times: bool,
    /// Do not correlate: keep every recorded value literally (the plan will usually fail
    /// against a new session; useful to see what correlation fixes).
    #[arg(long)]
    no_correlation: bool,
    /// Test plan name; default: the HAR file name.
    #[arg(long, value_name = "NAME")]
    plan_name: Option<String>,
    /// Assertions learned from the recording on every sampler: `none`; `status` (the status
    /// the browser finally got); `content` (also a marker that is on the recorded page and stable
    /// across sessions: the HTML <title>, a field of a JSON object; never a dynamic value).
    #[arg(long, value_enum, default_value_t = AssertionsArg::Content)]
    assertions: AssertionsArg,
    /// Also add a Magpie Soft Failure Assertion to every sampler, with the recorded response's
    /// fingerprint: at run time it fails responses that look successful but are not (an error
    /// page with status 200, a login page mid-journey, a JSON error status, another content type,
    /// a body far smaller than recorded). The plan then needs the Magpie jar in JMeter's lib/ext.
    #[arg(long)]
    soft_failures: bool,
    /// Also add a Magpie Extractor Outcome Recorder: each run then writes, per sample, whether
    /// every extractor matched or fell back to its default, to the file named by the JMeter
    /// property magpie.extractors.file (default extractors.jsonl); `magpie report` reads it to
    /// point at the extractor that broke. Needs the Magpie jar in JMeter's lib/ext.
    #[arg(long)]
    record_extractors: bool,
    /// A second recording of the same journey (another session): differential evidence for
    /// correlation — fields that differ are dynamic even when they look plain (short ids).
    #[arg(long, value_name = "HAR")]
    second: Option<PathBuf>,
    /// Apply only correlations whose confidence (0–1, see `magpie correlate --report`) is at
    /// least this; the others are listed as not correlated, with their confidence.
    #[arg(long, value_name = "0..1", default_value_t = 0.5, value_parser = confidence_bar)]
    min_confidence: f64,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum AssertionsArg {
    None,
    Status,
    Content,
}

fn main() -> ExitCode {
    // `magpie … | head` ends quietly when the reader goes away, as Unix tools do, instead of
    // panicking on a write to a closed pipe (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Har2jmx(args) => har2jmx(args),
        Command::Assess(args) => assess(args),
        Command::Rules(args) => list_rules(args),
        Command::Report(args) => report::report(args),
        Command::Compare(args) => report::compare(args),
        Command::Correlate(args) => correlate::run(args),
        Command::Extract(args) => extract::run(args),
    }
}

/// `--min-confidence`: a number from 0 to 1.
pub(crate) fn confidence_bar(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{text}` is not a confidence from 0 to 1")),
    }
}

fn har2jmx(args: Har2JmxArgs) -> ExitCode {
    let output = args.output.clone().unwrap_or_else(|| args.har.with_extension("jmx"));
    let request = Request {
        har_path: args.har.clone(),
        output_path: output,
        options: Options {
            include_domains: args.include_domains,
            exclude_domains: args.exclude_domains,
            keep_static: args.keep_static,
            static_extensions: args.static_extensions,
            static_mime_types: args.static_mime_types,
            page_gap_ms: args.page_gap_ms,
            think_times: !args.no_think_times,
            correlate: !args.no_correlation,
            plan_name: args.plan_name,
            assertions: match args.assertions {
                AssertionsArg::None => magpie_har2jmx::AssertionLevel::None,
                AssertionsArg::Status => magpie_har2jmx::AssertionLevel::Status,
                AssertionsArg::Content => magpie_har2jmx::AssertionLevel::Content,
            },
            soft_failures: args.soft_failures,
            record_extractors: args.record_extractors,
            second_har: args.second.clone(),
            min_confidence: args.min_confidence,
        },
    };
    match magpie_har2jmx::convert_file(&request) {
        Ok(summary) => {
            match args.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&summary).expect("summary serializes")),
                Format::Text => print!("{}", summary.to_text()),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("magpie: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn assess(args: AssessArgs) -> ExitCode {
    use magpie_assess::{output, Selection};
    use magpie_core::jmx::doc::JmxDoc;
    let name = args.plan.display().to_string();
    let fail = |e: magpie_core::Error| {
        eprintln!("magpie: error: {e}");
        ExitCode::from(2)
    };
    let text = match std::fs::read(&args.plan) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => return fail(magpie_core::Error::bad_input(&name, format!("byte {}", e.utf8_error().valid_up_to()), "not UTF-8 text")),
        },
        Err(e) => return fail(magpie_core::Error::io(&args.plan, e)),
    };
    let doc = match JmxDoc::parse(text, &name) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let selection = Selection { select: args.select.clone(), ignore: args.ignore.clone() };
    let known = match &args.har {
        Some(har) => match known_dynamic(har) {
            Ok(k) => k,
            Err(e) => return fail(e),
        },
        None => vec![],
    };
    let mut report = magpie_assess::assess_with(&doc, &name, &selection, &known);
    if args.diff || args.fix {
        let (fixed, applied) = magpie_assess::fix::apply(&doc.source, &report.findings, args.unsafe_fixes);
        if args.diff {
            print!("{}", output::diff(&name, &doc.source, &fixed));
            return ExitCode::SUCCESS;
        }
        if applied > 0 {
            if let Err(e) = magpie_core::atomic::write_atomic(&args.plan, fixed.as_bytes()) {
                return fail(e);
            }
            eprintln!("magpie: applied {applied} fix{} to {name} (original kept as {name}.bak)", if applied == 1 { "" } else { "es" });
            match JmxDoc::parse(fixed, &name) {
                Ok(d) => report = magpie_assess::assess_with(&d, &name, &selection, &known),
                Err(e) => return fail(magpie_core::Error::Internal(format!("a fix produced an unreadable plan: {e}"))),
            }
        }
    }
    let ran: Vec<&'static str> =
        magpie_assess::rules::ALL.iter().map(|r| r.meta().code).filter(|c| selection.includes(c)).collect();
    let rendered = match args.format {
        AssessFormat::Text => output::text(&report),
        AssessFormat::Json => output::json(&report),
        AssessFormat::Sarif => output::sarif(&report),
        AssessFormat::Junit => output::junit(&report, &ran),
    };
    print!("{rendered}");
    // The process ends here: freeing a large plan's tree one string at a time is wasted work.
    std::mem::forget(doc);
    let failed = match args.fail_under {
        Some(min) => report.score.total < min,
        None => !report.findings.is_empty(),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the correlation engine proves dynamic in a recording.
fn known_dynamic(har: &std::path::Path) -> Result<Vec<magpie_assess::KnownDynamic>, magpie_core::Error> {
    let bytes = std::fs::read(har).map_err(|e| magpie_core::Error::io(har, e))?;
    let (_, summary) = magpie_har2jmx::convert(&bytes, &har.display().to_string(), &Options::default())?;
    Ok(summary
        .correlations
        .into_iter()
        .map(|c| magpie_assess::KnownDynamic {
            value: c.value,
            variable: c.variable,
            origin: format!("entry {} {}", c.origin_entry, c.origin),
        })
        .collect())
}

fn list_rules(args: RulesArgs) -> ExitCode {
    use magpie_assess::rules::ALL;
    match args.format {
        RulesFormat::Markdown => print!("{}", magpie_assess::output::rules_markdown()),
        RulesFormat::Json => {
            let list: Vec<_> = ALL
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({"code": m.code, "name": m.name, "family": m.family.name(),
                        "severity": m.severity.name(), "summary": m.summary, "why": m.why, "fix": m.fix})
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list).expect("serializes"));
        }
        RulesFormat::Text => {
            for r in ALL.iter() {
                let m = r.meta();
                let fix = if m.fix.is_some() { " (fix)" } else { "" };
                println!("{} {:<28} {:<11} {:<7} {}{fix}", m.code, m.name, m.family.name(), m.severity.name(), m.summary);
            }
        }
    }
    ExitCode::SUCCESS
}
