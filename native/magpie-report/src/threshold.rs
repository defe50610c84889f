//! Pass/fail thresholds for CI: `p95<800ms`, `errors<1%`, `Login:p99<=2s`, `throughput>=50/s`,
//! `mean<300`, `apdex>0.9`. Without a label the threshold applies to the whole run; with one, to
//! that label (a label containing `:` is written with the metric after its last `:`).
use serde::Serialize;

use crate::stats::{LabelStats, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    P50,
    P90,
    P95,
    P99,
    Max,
    Min,
    Mean,
    /// Error percentage.
    Errors,
    Throughput,
    Apdex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    /// As the user wrote it.
    pub text: String,
    pub label: Option<String>,
    pub metric: Metric,
    pub op: Op,
    /// In the metric's unit: ms, percent, samples per second, or 0–1 for Apdex.
    pub limit: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub threshold: Threshold,
    /// None when the label is not in the results.
    pub actual: Option<f64>,
    pub passed: bool,
    pub message: String,
}

impl Threshold {
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let bad = |why: &str| format!("threshold `{text}`: {why} (e.g. 'p95<800ms', 'errors<1%', 'Login:p99<2s', 'throughput>=20/s')");
        let t = text.trim();
        let op_at = t.find(['<', '>']).ok_or_else(|| bad("no < or >"))?;
        let (lhs, rest) = t.split_at(op_at);
        let (op, value) = if let Some(v) = rest.strip_prefix("<=") {
            (Op::Le, v)
        } else if let Some(v) = rest.strip_prefix(">=") {
            (Op::Ge, v)
        } else if let Some(v) = rest.strip_prefix('<') {
            (Op::Lt, v)
        } else {
            (Op::Gt, &rest[1..])
        };
        let (label, metric_name) = match lhs.rfind(':') {
            Some(i) => (Some(lhs[..i].trim().to_string()).filter(|l| !l.is_empty()), lhs[i + 1..].trim()),
            None => (None, lhs.trim()),
        };
        let metric = match metric_name.to_ascii_lowercase().as_str() {
            "p50" | "median" => Metric::P50,
            "p90" => Metric::P90,
            "p95" => Metric::P95,
            "p99" => Metric::P99,
            "max" => Metric::Max,
            "min" => Metric::Min,
            "mean" | "avg" | "average" => Metric::Mean,
            "errors" | "error" | "error_rate" | "errors%" => Metric::Errors,
            "throughput" | "rps" | "tps" => Metric::Throughput,
            "apdex" => Metric::Apdex,
            other => return Err(bad(&format!("unknown metric `{other}`"))),
        };
        let v = value.trim();
        let (number, scale) = match metric {
            Metric::Errors => (v.strip_suffix('%').unwrap_or(v), 1.0),
            Metric::Throughput => (v.strip_suffix("/s").unwrap_or(v), 1.0),
            Metric::Apdex => (v, 1.0),
            _ => match v.strip_suffix("ms") {
                Some(n) => (n, 1.0),
                None => match v.strip_suffix('s') {
                    Some(n) => (n, 1000.0),
                    None => (v, 1.0),
                },
            },
        };
        let limit: f64 = number.trim().parse().map_err(|_| bad(&format!("`{v}` is not a number")))?;
        Ok(Threshold { text: text.to_string(), label, metric, op, limit: limit * scale })
    }

    fn value(&self, s: &LabelStats) -> f64 {
        match self.metric {
            Metric::P50 => s.p50_ms as f64,
            Metric::P90 => s.p90_ms as f64,
            Metric::P95 => s.p95_ms as f64,
            Metric::P99 => s.p99_ms as f64,
            Metric::Max => s.max_ms as f64,
            Metric::Min => s.min_ms as f64,
            Metric::Mean => s.mean_ms,
            Metric::Errors => s.error_pct,
            Metric::Throughput => s.throughput_per_s,
            Metric::Apdex => s.apdex,
        }
    }

    fn unit(&self) -> &'static str {
        match self.metric {
            Metric::Errors => "%",
            Metric::Throughput => "/s",
            Metric::Apdex => "",
            _ => " ms",
        }
    }

    pub fn check(&self, summary: &Summary) -> Verdict {
        let stats = match &self.label {
            None => Some(&summary.overall),
            Some(l) => summary.labels.iter().find(|s| &s.label == l),
        };
        let Some(stats) = stats else {
            return Verdict {
                threshold: self.clone(),
                actual: None,
                passed: false,
                message: format!("{}: no samples labelled `{}`", self.text, self.label.as_deref().unwrap_or("")),
            };
        };
        let actual = self.value(stats);
        let passed = match self.op {
            Op::Lt => actual < self.limit,
            Op::Le => actual <= self.limit,
            Op::Gt => actual > self.limit,
            Op::Ge => actual >= self.limit,
        };
        let shown = if self.metric == Metric::Apdex { format!("{actual:.3}") } else { format!("{}{}", round(actual), self.unit()) };
        let message = if passed {
            format!("{}: ok ({shown})", self.text)
        } else {
            format!("{}: BROKEN, {shown} (limit {}{})", self.text, round(self.limit), self.unit())
        };
        Verdict { threshold: self.clone(), actual: Some(actual), passed, message }
    }
}

fn round(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        let t = Threshold::parse("p95<800ms").unwrap();
        assert_eq!((t.label, t.metric, t.op, t.limit), (None, Metric::P95, Op::Lt, 800.0));
        let t = Threshold::parse("Login: step 1:p99<=2s").unwrap();
        assert_eq!((t.label.as_deref(), t.metric, t.op, t.limit), (Some("Login: step 1"), Metric::P99, Op::Le, 2000.0));
        let t = Threshold::parse("errors<1%").unwrap();
        assert_eq!((t.metric, t.limit), (Metric::Errors, 1.0));
        let t = Threshold::parse("throughput>=20/s").unwrap();
        assert_eq!((t.metric, t.op, t.limit), (Metric::Throughput, Op::Ge, 20.0));
        assert!(Threshold::parse("p95").unwrap_err().contains("no < or >"));
        assert!(Threshold::parse("p42<1").unwrap_err().contains("unknown metric"));
        assert!(Threshold::parse("p95<fast").unwrap_err().contains("not a number"));
    }
}
