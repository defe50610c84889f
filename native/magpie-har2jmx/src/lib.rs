//! HAR → JMX conversion.
mod apply;
mod assertions;
mod plan;
mod report;
mod sampler;
mod select;
mod target;

pub use apply::{correlate_plan, insert_extractor, recorded_response, scope_named, PlanCorrelation, RecordedResponse};
pub use assertions::AssertionLevel;
pub use report::{correlate_report, CorrelateReport};
pub use select::host_matches;
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
    /// Assertions learned from the recording: none, the status, or status + a content marker.
    pub assertions: AssertionLevel,
    /// Add a Magpie Soft Failure Assertion per sampler with the recorded response's fingerprint
    /// (the plan then needs the Magpie jar in JMeter's lib/ext).
    #[serde(default)]
    pub soft_failures: bool,
    /// Add a Magpie Extractor Outcome Recorder listing every extractor, so `magpie report` can
    /// tell which ones fell back to their default in a run (needs the Magpie jar too).
    #[serde(default)]
    pub record_extractors: bool,
    /// A second recording of the same journey: differential evidence for the correlation
    /// engine (fields that differ are dynamic; equal ones without an origin are static).
    #[serde(default)]
    pub second_har: Option<PathBuf>,
    /// Agent mode's bar: correlations whose confidence (see `magpie correlate --report`) is
    /// below it are reported, not applied.
    pub min_confidence: f64,
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
            assertions: AssertionLevel::Content,
            soft_failures: false,
            record_extractors: false,
            second_har: None,
            min_confidence: 0.5,
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
    /// Values that looked dynamic but were left as recorded, with the reason.
    pub not_correlated: Vec<NotCorrelated>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NotCorrelated {
    pub value: String,
    /// 1-based sampler number of the first use.
    pub sampler: usize,
    pub location: String,
    pub name: String,
    pub reason: String,
}

impl Summary {
    /// The summary as people read it, the same in the CLI and the JMeter GUI.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        const SHOWN: usize = 8;
        let mut t = String::new();
        if let Some(out) = &self.output_path {
            let _ = writeln!(t, "wrote {}", out.display());
        }
        let _ = writeln!(
            t,
            "  {} entries → {} samplers in {} transactions (skipped: {} static, {} other domains, {} redirect hops, {} other)",
            self.entries_total, self.samplers, self.transactions, self.skipped_static, self.skipped_domain,
            self.skipped_redirect, self.skipped_other
        );
        if self.correlations.is_empty() {
            t.push_str("  no dynamic values correlated\n");
        } else {
            let _ = writeln!(t, "  {} dynamic values correlated:", self.correlations.len());
            for c in &self.correlations {
                let cookies = if c.cookies.is_empty() { String::new() } else { format!(" (as cookie {}: set in the Cookie Manager)", c.cookies.join(", ")) };
                let _ = writeln!(t, "    ${{{}}} ← entry {} {} [{}], used {}×{cookies}", c.variable, c.origin_entry, c.origin, c.extractor, c.uses);
            }
        }
        if !self.not_correlated.is_empty() {
            let _ = writeln!(t, "  {} values look dynamic but were kept as recorded:", self.not_correlated.len());
            for n in self.not_correlated.iter().take(SHOWN) {
                let _ = writeln!(t, "    {:?} ({} {} in sampler {}): {}", preview(&n.value), n.location, n.name, n.sampler, n.reason);
            }
            if self.not_correlated.len() > SHOWN {
                let _ = writeln!(t, "    … {} more (see the JSON summary)", self.not_correlated.len() - SHOWN);
            }
        }
        for w in &self.warnings {
            let _ = writeln!(t, "  warning: {w}");
        }
        t
    }
}

fn preview(v: &str) -> String {
    if v.chars().count() > 48 {
        format!("{}…", v.chars().take(47).collect::<String>())
    } else {
        v.to_string()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorrelationSummary {
    pub variable: String,
    pub value: String,
    pub origin_entry: usize,
    pub origin: String,
    pub extractor: String,
    pub uses: usize,
    /// Cookies a page's script set from the value, handed to the Cookie Manager after the extractor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
}

/// Converts HAR bytes into JMX text. `har_name` names the input in errors.
pub fn convert(har_bytes: &[u8], har_name: &str, opts: &Options) -> Result<(String, Summary)> {
    let har = magpie_core::har::parse(har_bytes, har_name)?;
    let entries = &har.log.entries;
    let selection = select::select(entries, opts);
    let steps: Vec<magpie_correlate::Step> =
        selection.steps.iter().map(|s| magpie_correlate::Step { entries: s.entries.clone() }).collect();
    let report = if opts.correlate { find_correlations(&har, &steps, opts)? } else { Default::default() };
    let plan_name = opts.plan_name.clone().unwrap_or_else(|| {
        Path::new(har_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Recorded plan".into())
    });
    let built = plan::build(&har, &selection.steps, &report, opts, &plan_name);
    let mut summary = Summary {
        entries_total: entries.len(),
        samplers: selection.steps.len(),
        transactions: built.transactions,
        warnings: built.warnings,
        ..Summary::default()
    };
    for (_, why) in &selection.skipped {
        match why {
            select::Skip::Static => summary.skipped_static += 1,
            select::Skip::Domain => summary.skipped_domain += 1,
            select::Skip::RedirectHop => summary.skipped_redirect += 1,
            select::Skip::Other => summary.skipped_other += 1,
        }
    }
    if entries.is_empty() {
        summary.warnings.push(format!("{har_name}: the recording has no entries; the plan has no samplers"));
    } else if selection.steps.is_empty() {
        summary.warnings.push(format!(
            "{har_name}: every entry was filtered out (included domains: {}); try --include-domain or --keep-static",
            selection.included_hosts.join(", ")
        ));
    }
    summary.correlations = report
        .correlations
        .iter()
        .map(|c| CorrelationSummary {
            variable: c.variable.clone(),
            value: c.value.clone(),
            origin_entry: c.origin_entry,
            origin: c.origin.clone(),
            extractor: c.extractor.describe(),
            uses: c.uses.len(),
            // (The host is the same for all here, so each cookie comes once.)
            cookies: plan::script_cookies(c, |_| None).into_iter().map(|(name, _)| name).collect(),
        })
        .collect();
    summary.not_correlated = report
        .rejected
        .iter()
        .map(|r| NotCorrelated {
            value: r.value.clone(),
            sampler: r.first_use.step + 1,
            location: r.first_use.location.clone(),
            name: r.first_use.name.clone(),
            reason: r.reason.clone(),
        })
        .collect();
    Ok((magpie_core::jmx::write_plan(&built.plan), summary))
}

/// The engine's findings, with the second recording's evidence when `opts` names one.
fn find_correlations(har: &magpie_core::har::Har, steps: &[magpie_correlate::Step], opts: &Options) -> Result<magpie_correlate::Report> {
    let mut found = find_all(har, steps, opts)?;
    // Below the bar: reported with the reason, not applied (inputs of a digest stay: the digest
    // step needs them).
    let (keep, low): (Vec<_>, Vec<_>) =
        found.correlations.into_iter().partition(|c| c.uses.is_empty() || report::confidence(c) >= opts.min_confidence);
    found.correlations = keep;
    for c in low {
        found.rejected.push(magpie_correlate::Rejected {
            reason: format!(
                "confidence {:.2} is below --min-confidence {:.2} (origin: entry {}, {})",
                report::confidence(&c),
                opts.min_confidence,
                c.origin_entry,
                c.origin
            ),
            first_use: c.uses[0].clone(),
            value: c.value,
        });
    }
    Ok(found)
}

fn find_all(har: &magpie_core::har::Har, steps: &[magpie_correlate::Step], opts: &Options) -> Result<magpie_correlate::Report> {
    let Some(path) = &opts.second_har else { return Ok(magpie_correlate::find(har, steps)) };
    let bytes = std::fs::read(path).map_err(|e| magpie_core::Error::io(path, e))?;
    let second = magpie_core::har::parse(&bytes, &path.display().to_string())?;
    drop(bytes);
    let selection = select::select(&second.log.entries, opts);
    let second_steps: Vec<magpie_correlate::Step> =
        selection.steps.iter().map(|s| magpie_correlate::Step { entries: s.entries.clone() }).collect();
    Ok(magpie_correlate::find_with(har, steps, Some(magpie_correlate::Second { har: &second, steps: &second_steps })))
}

/// Reads `req.har_path`, writes the plan atomically to `req.output_path`.
pub fn convert_file(req: &Request) -> Result<Summary> {
    let bytes = std::fs::read(&req.har_path).map_err(|e| magpie_core::Error::io(&req.har_path, e))?;
    let name = req.har_path.display().to_string();
    let (jmx, mut summary) = convert(&bytes, &name, &req.options)?;
    magpie_core::atomic::write_atomic(&req.output_path, jmx.as_bytes())?;
    summary.output_path = Some(req.output_path.clone());
    Ok(summary)
}
