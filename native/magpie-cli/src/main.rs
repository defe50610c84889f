//! `magpie`: the command-line face of the Magpie core.
//! Exit codes: 0 ok, 1 findings/failures, 2 bad input or usage.
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
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
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Har2jmx(args) => har2jmx(args),
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
