//! `report`: the GUI's Analyse results… — a JTL summarised, the HTML report written next to it.
use magpie_report::{diagnosis, html, output, Apdex};

/// `{"jtl_path": …, "html_path": …}` → `{"text": what `magpie report` prints, "html_path": …,
/// "overall": {...}}`.
pub fn report(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ReportRequest {
        jtl_path: std::path::PathBuf,
        html_path: std::path::PathBuf,
    }
    let req: ReportRequest = serde_json::from_str(request_json).map_err(|e| format!("report: bad request JSON: {e}"))?;
    let summary = magpie_report::summarize(&req.jtl_path, Apdex::default()).map_err(|e| e.to_string())?;
    // The extractor outcomes of the run, when its recorder wrote them next to the JTL.
    let sidecar = req.jtl_path.parent().map(|d| d.join("extractors.jsonl")).filter(|p| p.is_file());
    let outcomes = sidecar.as_deref().map(magpie_report::outcomes::read).transpose().map_err(|e| e.to_string())?;
    let notes = diagnosis::notes_with(&summary, outcomes.as_ref());
    magpie_core::atomic::write_atomic(&req.html_path, html::render(&summary, &[], &notes).as_bytes()).map_err(|e| e.to_string())?;
    // The GUI leads with the plain words; the table follows.
    let mut text = String::from("diagnosis:\n");
    for n in &notes {
        text.push_str(&format!("  - {n}\n"));
    }
    text.push('\n');
    text.push_str(&output::text(&summary, &[]));
    Ok(serde_json::json!({
        "text": text,
        "html_path": req.html_path,
        "overall": summary.overall,
        "diagnosis": notes,
    })
    .to_string())
}
