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
    let notes = diagnosis::notes(&summary);
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
