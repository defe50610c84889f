//! Passive correlation mode (`magpie correlate REC.har --report`): what the engine finds in a
//! recording, named by HAR entry, with the extractor it would insert and a confidence; nothing
//! is written.
use magpie_correlate::{Correlation, Extractor, RegexField};
use serde::Serialize;

use crate::{select, Options};
use magpie_core::Result;

#[derive(Debug, Clone, Serialize)]
pub struct Use {
    /// 0-based index in the HAR's `log.entries`.
    pub entry: usize,
    /// `path`, `query`, `form`, `json`, `header`.
    pub location: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Origin {
    pub entry: usize,
    #[serde(rename = "where")]
    pub place: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Found {
    pub variable: String,
    pub value: String,
    /// `extracted` (a response issued it, a later request sent it back) or `client_generated`
    /// (no response has it; a UUID or a clock value made up by the page, replayed by a function).
    pub kind: &'static str,
    pub confidence: f64,
    /// None for client-generated values.
    pub origin: Option<Origin>,
    pub extractor: Option<Extractor>,
    /// When the extractor yields a base64 blob: the regex that takes the value out of the
    /// decoded blob.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base64_inner: Option<String>,
    pub replacement: String,
    pub uses: Vec<Use>,
    pub why: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub value: String,
    pub uses: Vec<Use>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrelateReport {
    pub file: String,
    pub entries: usize,
    /// Requests kept as samplers (after static, domain and redirect filtering).
    pub steps: usize,
    pub correlations: Vec<Found>,
    pub rejected: Vec<Rejected>,
    /// With `--second`: values no response issued that are the same in both recordings.
    pub unchanged: Vec<String>,
}

/// How sure Magpie is that the correlation is right, 0–1. Every extractor was validated on
/// the recorded response, so the base is high; what lowers it is what makes a coincidence
/// likely: a short value (under 8 characters), a value used only once, a regex over a body
/// instead of a structured origin (JSON field, HTML attribute, response header).
pub fn confidence(c: &Correlation) -> f64 {
    let mut score: f64 = 0.95;
    let len = c.value.chars().count();
    if len < 8 {
        score -= 0.25;
    } else if len < 16 {
        score -= 0.05;
    }
    if matches!(c.extractor, Extractor::Regex { field: RegexField::Body, .. } | Extractor::Boundary { field: RegexField::Body, .. }) {
        score -= 0.1;
    }
    if c.uses.len() > 1 {
        score += 0.03;
    }
    (score.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// The passive report of `har_bytes`, filtered the way `har2jmx` would with `opts`. Takes the
/// bytes to free them once parsed (recordings can be hundreds of MB).
pub fn correlate_report(har_bytes: Vec<u8>, har_name: &str, opts: &Options) -> Result<CorrelateReport> {
    let har = magpie_core::har::parse(&har_bytes, har_name)?;
    drop(har_bytes);
    let entries = &har.log.entries;
    let selection = select::select(entries, opts);
    let steps: Vec<magpie_correlate::Step> =
        selection.steps.iter().map(|s| magpie_correlate::Step { entries: s.entries.clone() }).collect();
    let found = crate::find_correlations(&har, &steps, opts)?;
    let to_use = |u: &magpie_correlate::UseSite| Use { entry: steps[u.step].entries[0], location: u.location.clone(), name: u.name.clone() };
    Ok(CorrelateReport {
        file: har_name.to_string(),
        entries: entries.len(),
        steps: steps.len(),
        correlations: found
            .correlations
            .iter()
            .map(|c| Found {
                variable: c.variable.clone(),
                value: c.value.clone(),
                kind: "extracted",
                confidence: confidence(c),
                origin: Some(Origin { entry: c.origin_entry, place: c.origin.clone() }),
                extractor: Some(c.extractor.clone()),
                base64_inner: c.base64_inner.clone(),
                replacement: c.reference(),
                uses: c.uses.iter().map(to_use).collect(),
                why: format!(
                    "issued by entry {} ({}), sent back in {} later request{}; the extractor yields exactly this value on the recorded response",
                    c.origin_entry,
                    c.origin,
                    c.uses.len(),
                    if c.uses.len() == 1 { "" } else { "s" }
                ),
            })
            .chain(found.generated.iter().map(|g| {
                let kind = serde_json::to_value(g.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                Found {
                    variable: kind.clone(),
                    value: g.value.clone(),
                    kind: "client_generated",
                    // The shape alone decides (a UUID, a clock within a day of the request).
                    confidence: 0.9,
                    origin: None,
                    extractor: None,
                    base64_inner: None,
                    replacement: g.function.clone(),
                    uses: g.uses.iter().map(to_use).collect(),
                    why: format!("no response contains it and it has the shape of a client-made {kind}: sent as {}", g.function),
                }
            }))
            .chain(found.derived.iter().map(|d| {
                let r = &d.recipe;
                let alg = serde_json::to_value(r.algorithm).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                Found {
                    variable: d.variable.clone(),
                    value: d.value.clone(),
                    kind: "derived",
                    confidence: 0.97, // a digest match of extracted values is no coincidence
                    origin: None,
                    extractor: None,
                    base64_inner: None,
                    replacement: format!("${{{}}}", d.variable),
                    uses: d.uses.iter().map(to_use).collect(),
                    why: format!(
                        "{alg} of {} (joined by {:?}), encoded {:?}: rebuilt by a JSR223 PreProcessor before the request",
                        r.inputs.iter().map(|v| format!("${{{v}}}")).collect::<Vec<_>>().join(", "),
                        r.separator,
                        r.encoding
                    ),
                }
            }))
            .collect(),
        rejected: found
            .rejected
            .iter()
            .map(|r| Rejected { value: r.value.clone(), uses: vec![to_use(&r.first_use)], reason: r.reason.clone() })
            .collect(),
        unchanged: found.unchanged.clone(),
    })
}

impl CorrelateReport {
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let short = |v: &str| if v.chars().count() > 32 { format!("{}…", v.chars().take(31).collect::<String>()) } else { v.to_string() };
        let mut t = String::new();
        let _ = writeln!(t, "{}: {} entries, {} requests kept, {} dynamic values found, {} not correlated", self.file, self.entries, self.steps, self.correlations.len(), self.rejected.len());
        if !self.unchanged.is_empty() {
            let _ = writeln!(t, "{} values that looked dynamic are the same in the second recording and no response issued them: kept as recorded", self.unchanged.len());
        }
        if !self.correlations.is_empty() {
            let _ = writeln!(t, "\n{:<22} {:<34} {:>6} {:>5} {:>5}  extractor", "variable", "value", "origin", "uses", "conf");
            for c in &self.correlations {
                let origin = c.origin.as_ref().map(|o| o.entry.to_string()).unwrap_or_else(|| "client".into());
                let mut how = c.extractor.as_ref().map(|x| x.describe()).unwrap_or_else(|| c.replacement.clone());
                if let Some(inner) = &c.base64_inner {
                    how = format!("{how}, base64-decoded, regex {inner}");
                }
                let _ = writeln!(t, "{:<22} {:<34} {:>6} {:>5} {:>5.2}  {how}", short(&c.variable), short(&c.value), origin, c.uses.len(), c.confidence);
            }
        }
        if !self.rejected.is_empty() {
            let _ = writeln!(t, "\nlook dynamic, not correlated:");
            for r in &self.rejected {
                let first = r.uses.first().map(|u| format!("entry {} {} {}", u.entry, u.location, u.name)).unwrap_or_default();
                let _ = writeln!(t, "  {:<34} ({first}): {}", short(&r.value), r.reason);
            }
        }
        t
    }
}
