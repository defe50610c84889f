//! One self-contained HTML report: no scripts, no fonts, no network; plots are inline SVG drawn
//! here, so the file reads the same offline, in a mail attachment or in a CI artefact.
use std::fmt::Write;

use crate::stats::{LabelStats, Summary};
use crate::threshold::Verdict;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const W: f64 = 900.0;
const H: f64 = 260.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// A "nice" axis maximum and step for values up to `max` (1, 2 or 5 × 10^n steps, ~5 ticks).
fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max <= 0.0 { 1.0 } else { max };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

fn fmt_num(v: f64) -> String {
    if v >= 1000.0 && (v / 1000.0).fract() == 0.0 {
        format!("{}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        format!("{v}")
    } else {
        format!("{v:.2}")
    }
}

/// A line chart over time (`t` in seconds since the start); bars when `bars` is set.
fn chart(title: &str, unit: &str, series: &[(&str, &str, Vec<(f64, f64)>)], bars: bool) -> String {
    let t_max = series.iter().flat_map(|s| s.2.iter().map(|p| p.0)).fold(0.0, f64::max).max(1.0);
    let (y_max, y_step) = nice_axis(series.iter().flat_map(|s| s.2.iter().map(|p| p.1)).fold(0.0, f64::max));
    let (t_top, t_step) = nice_axis(t_max);
    let x = |t: f64| LEFT + (W - LEFT - RIGHT) * t / t_top;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / y_max);
    let mut svg = format!("<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">", esc(title), esc(title));
    let mut v = 0.0;
    while v <= y_max + 1e-9 {
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\" class=\"grid\"/><text x=\"{}\" y=\"{:.1}\" class=\"yl\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            fmt_num(v),
            y0 = y(v)
        );
        v += y_step;
    }
    let mut t = 0.0;
    while t <= t_top + 1e-9 {
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{}\" class=\"xl\">{}s</text>", x(t), H - BOTTOM + 16.0, fmt_num(t));
        t += t_step;
    }
    let _ = write!(svg, "<text x=\"8\" y=\"12\" class=\"unit\">{}</text>", esc(unit));
    for (name, colour, points) in series {
        if bars {
            let width = ((W - LEFT - RIGHT) / points.len().max(1) as f64 * 0.8).clamp(1.0, 12.0);
            for (t, v) in points {
                let _ = write!(
                    svg,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{}: {} at {}s</title></rect>",
                    x(*t),
                    y(*v),
                    (y(0.0) - y(*v)).max(0.0),
                    esc(name),
                    fmt_num(*v),
                    t
                );
            }
        } else {
            let path: Vec<String> = points.iter().map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v))).collect();
            let _ = write!(svg, "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" points=\"{}\"/>", path.join(" "));
        }
    }
    svg.push_str("</svg><div class=\"legend\">");
    for (name, colour, _) in series {
        let _ = write!(svg, "<span><i style=\"background:{colour}\"></i>{}</span>", esc(name));
    }
    svg.push_str("</div></figure>");
    svg
}

/// p50/p90/p95/p99 per label as horizontal bars (the 25 busiest labels).
fn percentile_bars(labels: &[LabelStats]) -> String {
    let mut ls: Vec<&LabelStats> = labels.iter().collect();
    ls.sort_by(|a, b| b.count.cmp(&a.count));
    ls.truncate(25);
    let (max, step) = nice_axis(ls.iter().map(|l| l.p99_ms as f64).fold(0.0, f64::max));
    let row_h = 22.0;
    let label_w = 260.0;
    let h = TOP + row_h * ls.len() as f64 + BOTTOM;
    let x = |v: f64| label_w + (W - label_w - RIGHT) * v / max;
    let mut svg = format!("<figure><figcaption>Response-time percentiles per label (ms)</figcaption><svg viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"percentiles\">");
    let mut v = 0.0;
    while v <= max + 1e-9 {
        let _ = write!(svg, "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"xl\">{}</text>", x(v), x(v), h - BOTTOM, x(v), h - BOTTOM + 16.0, fmt_num(v));
        v += step;
    }
    for (i, l) in ls.iter().enumerate() {
        let y0 = TOP + row_h * i as f64;
        let _ = write!(svg, "<text x=\"{:.1}\" y=\"{:.1}\" class=\"yl\">{}</text>", label_w - 6.0, y0 + 15.0, esc(&short(&l.label, 38)));
        for (q, v, colour) in [("p99", l.p99_ms, "#c9d7ee"), ("p95", l.p95_ms, "#8fb0de"), ("p90", l.p90_ms, "#5b8bcf"), ("p50", l.p50_ms, "#2c5fa8")] {
            let _ = write!(
                svg,
                "<rect x=\"{label_w}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{} {q}: {v} ms</title></rect>",
                y0 + 3.0,
                (x(v as f64) - label_w).max(0.5),
                row_h - 6.0,
                esc(&l.label)
            );
        }
    }
    svg.push_str("</svg><div class=\"legend\"><span><i style=\"background:#2c5fa8\"></i>p50</span><span><i style=\"background:#5b8bcf\"></i>p90</span><span><i style=\"background:#8fb0de\"></i>p95</span><span><i style=\"background:#c9d7ee\"></i>p99</span></div></figure>");
    svg
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn table_row(l: &LabelStats, class: &str) -> String {
    format!(
        "<tr class=\"{class}\"><td>{}{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{:.0}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td><td>{:.1}</td><td>{:.3}</td></tr>",
        esc(&l.label),
        if l.transaction { " <small>transaction</small>" } else { "" },
        l.count,
        l.errors,
        l.error_pct,
        l.mean_ms,
        l.min_ms,
        l.p50_ms,
        l.p90_ms,
        l.p95_ms,
        l.p99_ms,
        l.max_ms,
        l.throughput_per_s,
        l.received_kb_per_s,
        l.apdex
    )
}

/// The whole report. `notes` are plain-words findings (diagnosis) shown first.
pub fn render(s: &Summary, verdicts: &[Verdict], notes: &[String]) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Magpie run report</h1><p class=\"file\">{}</p><div class=\"cards\">\
         <div><b>{}</b>samples</div><div class=\"{}\"><b>{:.2} %</b>errors</div><div><b>{:.2}/s</b>throughput</div>\
         <div><b>{} ms</b>p95</div><div><b>{:.3}</b>Apdex (T {} ms)</div><div><b>{:.0} s</b>duration</div></div>",
        esc(&s.file),
        s.overall.count,
        if s.overall.errors > 0 { "bad" } else { "good" },
        s.overall.error_pct,
        s.overall.throughput_per_s,
        s.overall.p95_ms,
        s.overall.apdex,
        s.apdex_thresholds.satisfied_ms,
        s.duration_s
    );
    if !notes.is_empty() || !verdicts.is_empty() || s.read.skipped > 0 {
        body.push_str("<section class=\"notes\"><h2>What to look at</h2><ul>");
        for n in notes {
            let _ = write!(body, "<li>{}</li>", esc(n));
        }
        for v in verdicts {
            let _ = write!(body, "<li class=\"{}\">{}</li>", if v.passed { "good" } else { "bad" }, esc(&v.message));
        }
        if s.read.skipped > 0 {
            let _ = write!(body, "<li>{} unreadable rows skipped: {}</li>", s.read.skipped, esc(&s.read.skipped_examples.join("; ")));
        }
        body.push_str("</ul></section>");
    }
    let per_s = |v: u64| v as f64 / s.bucket_s as f64;
    let rt_mean: Vec<(f64, f64)> = s.series.iter().map(|p| (p.t_s as f64, p.mean_ms)).collect();
    let rt_p95: Vec<(f64, f64)> = s.series.iter().map(|p| (p.t_s as f64, p.p95_ms as f64)).collect();
    let tput: Vec<(f64, f64)> = s.series.iter().map(|p| (p.t_s as f64, per_s(p.count))).collect();
    let errs: Vec<(f64, f64)> = s.series.iter().map(|p| (p.t_s as f64, per_s(p.errors))).collect();
    body.push_str("<h2>Over time</h2>");
    body.push_str(&chart(&format!("Response time ({} s buckets)", s.bucket_s), "ms", &[("p95", "#d9822b", rt_p95), ("mean", "#2c5fa8", rt_mean)], false));
    body.push_str(&chart("Throughput", "samples/s", &[("samples/s", "#2c8a4a", tput)], false));
    body.push_str(&chart("Errors", "errors/s", &[("errors/s", "#c23b3b", errs)], true));
    body.push_str("<h2>Per label</h2>");
    body.push_str(&percentile_bars(&s.labels));
    body.push_str("<table><thead><tr><th>label</th><th>samples</th><th>errors</th><th>err %</th><th>mean</th><th>min</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>max</th><th>req/s</th><th>KB/s in</th><th>Apdex</th></tr></thead><tbody>");
    for l in &s.labels {
        body.push_str(&table_row(l, if l.errors > 0 { "bad" } else { "" }));
    }
    body.push_str(&table_row(&s.overall, "total"));
    body.push_str("</tbody></table>");
    if !s.errors.is_empty() {
        body.push_str("<h2>Errors by type</h2><table><thead><tr><th>count</th><th>code</th><th>message</th><th>labels</th></tr></thead><tbody>");
        for e in &s.errors {
            let _ = write!(body, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", e.count, esc(&e.code), esc(&short(&e.message, 200)), esc(&e.labels.join(", ")));
        }
        body.push_str("</tbody></table>");
    }
    let _ = write!(body, "<p class=\"foot\">Times in ms; {}. Throughput per label over that label's own span. Made by Magpie {}.</p>", esc(&s.precision), env!("CARGO_PKG_VERSION"));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Magpie report: {}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        esc(&s.file)
    )
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#222}\
h1{margin:0}h2{margin-top:28px;border-bottom:1px solid #ddd}.file{color:#666;margin:4px 0 16px}\
.cards{display:flex;gap:10px;flex-wrap:wrap}.cards div{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px;color:#555}\
.cards b{display:block;font-size:20px;color:#222}.cards .bad b,.bad{color:#b22}.good b{color:#262}\
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}svg{width:100%;height:auto;background:#fcfcfc;border:1px solid #eee}\
.grid{stroke:#e6e6e6}.yl{font-size:11px;text-anchor:end;fill:#555}.xl{font-size:11px;text-anchor:middle;fill:#555}.unit{font-size:11px;fill:#555}\
.legend span{margin-right:14px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}\
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:right}\
th:first-child,td:first-child{text-align:left}tr.total{font-weight:600;border-top:2px solid #ccc}tr.bad td:first-child{color:#b22}\
.notes li.bad{color:#b22}.notes li.good{color:#262}.foot{color:#777;font-size:12px;margin-top:24px}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(nice_axis(937.0), (1000.0, 200.0));
        assert_eq!(nice_axis(12.0), (15.0, 5.0));
        assert_eq!(nice_axis(0.0), (1.0, 0.2));
    }
}
