//! Statistics over a stream of samples: per label and overall count, errors, response-time
//! percentiles (HdrHistogram, 3 significant digits: a reported percentile is within 0.1 % of the
//! exact nearest-rank value), throughput, bytes, Apdex, top errors, and a per-second time series.
use std::collections::{BTreeMap, HashMap};

use hdrhistogram::Histogram;
use serde::Serialize;

use crate::jtl::{ReadInfo, Sample};

/// Significant digits of every histogram (the stated precision of all percentiles).
pub const PRECISION_DIGITS: u8 = 3;

/// Apdex thresholds in ms (JMeter's report defaults: satisfied ≤ 500, tolerated ≤ 1500).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Apdex {
    pub satisfied_ms: u64,
    pub tolerated_ms: u64,
}

impl Default for Apdex {
    fn default() -> Self {
        Apdex { satisfied_ms: 500, tolerated_ms: 1500 }
    }
}

/// One label's (or the whole run's) figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelStats {
    pub label: String,
    /// A Transaction Controller's parent sample ("Number of samples in transaction …").
    pub transaction: bool,
    pub count: u64,
    pub errors: u64,
    pub error_pct: f64,
    pub min_ms: u64,
    pub mean_ms: f64,
    pub p50_ms: u64,
    pub p90_ms: u64,
    pub p95_ms: u64,
    pub p99_ms: u64,
    pub max_ms: u64,
    /// Samples per second over this label's own span (first start to last end), as JMeter does.
    pub throughput_per_s: f64,
    pub received_kb_per_s: f64,
    pub sent_kb_per_s: f64,
    pub apdex: f64,
}

/// One second-or-more slice of the run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Point {
    /// Seconds since the first sample started.
    pub t_s: u64,
    pub count: u64,
    pub errors: u64,
    pub mean_ms: f64,
    pub p95_ms: u64,
    pub max_ms: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorCount {
    pub code: String,
    pub message: String,
    pub count: u64,
    /// Labels that had this error, most affected first (at most five).
    pub labels: Vec<String>,
}

/// Everything a report shows.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub file: String,
    pub read: ReadInfo,
    pub precision: String,
    pub apdex_thresholds: Apdex,
    pub start_ms: i64,
    pub end_ms: i64,
    pub duration_s: f64,
    pub overall: LabelStats,
    /// In order of first appearance.
    pub labels: Vec<LabelStats>,
    pub errors: Vec<ErrorCount>,
    /// Width of a time-series point, seconds.
    pub bucket_s: u64,
    pub series: Vec<Point>,
    /// Distinct thread names seen.
    pub threads: u64,
    /// Where each thread failed first: label and how many threads, most first.
    pub first_failures: Vec<FirstFailure>,
    /// Failed samples whose response code was 2xx/3xx: failed by an assertion, not by the server.
    pub failed_with_ok_code: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FirstFailure {
    pub label: String,
    pub threads: u64,
    /// Earliest such failure, seconds since the start.
    pub first_at_s: f64,
}

struct Acc {
    label: String,
    transaction: bool,
    count: u64,
    errors: u64,
    sum: u128,
    hist: Histogram<u64>,
    bytes: u64,
    sent: u64,
    first_ts: i64,
    last_end: i64,
    /// Exact extremes (the histogram's are rounded to its precision).
    min: u64,
    max: u64,
    satisfied: u64,
    tolerated: u64,
}

impl Acc {
    fn new(label: String) -> Acc {
        Acc {
            label,
            transaction: false,
            count: 0,
            errors: 0,
            sum: 0,
            hist: Histogram::new(PRECISION_DIGITS).expect("valid precision"),
            bytes: 0,
            sent: 0,
            first_ts: i64::MAX,
            last_end: i64::MIN,
            min: u64::MAX,
            max: 0,
            satisfied: 0,
            tolerated: 0,
        }
    }

    fn add(&mut self, s: &Sample, apdex: Apdex) {
        self.count += 1;
        self.sum += s.elapsed as u128;
        self.hist.record(s.elapsed).expect("auto-resizing histogram");
        self.min = self.min.min(s.elapsed);
        self.max = self.max.max(s.elapsed);
        self.bytes += s.bytes;
        self.sent += s.sent_bytes;
        self.first_ts = self.first_ts.min(s.ts);
        self.last_end = self.last_end.max(s.ts + s.elapsed as i64);
        if !s.success {
            self.errors += 1;
        } else if s.elapsed <= apdex.satisfied_ms {
            self.satisfied += 1;
        } else if s.elapsed <= apdex.tolerated_ms {
            self.tolerated += 1;
        }
    }

    /// The histogram's value, kept inside the exact extremes (its buckets round up).
    fn quantile(&self, q: f64) -> u64 {
        if self.count == 0 {
            return 0;
        }
        self.hist.value_at_quantile(q).clamp(self.min, self.max)
    }

    fn stats(&self) -> LabelStats {
        let span_s = ((self.last_end - self.first_ts).max(1)) as f64 / 1000.0;
        let n = self.count.max(1) as f64;
        LabelStats {
            label: self.label.clone(),
            transaction: self.transaction,
            count: self.count,
            errors: self.errors,
            error_pct: 100.0 * self.errors as f64 / n,
            min_ms: if self.count == 0 { 0 } else { self.min },
            mean_ms: self.sum as f64 / n,
            p50_ms: self.quantile(0.50),
            p90_ms: self.quantile(0.90),
            p95_ms: self.quantile(0.95),
            p99_ms: self.quantile(0.99),
            max_ms: self.max,
            throughput_per_s: self.count as f64 / span_s,
            received_kb_per_s: self.bytes as f64 / 1024.0 / span_s,
            sent_kb_per_s: self.sent as f64 / 1024.0 / span_s,
            apdex: (self.satisfied as f64 + self.tolerated as f64 / 2.0) / n,
        }
    }
}

struct Slot {
    count: u64,
    errors: u64,
    sum: u128,
    hist: Histogram<u64>,
}

/// Feeds on samples; [`Aggregator::finish`] gives the summary.
pub struct Aggregator {
    apdex: Apdex,
    overall: Acc,
    index: HashMap<Box<[u8]>, usize>,
    labels: Vec<Acc>,
    errors: HashMap<(String, String), (u64, HashMap<usize, u64>)>,
    /// Per second since the epoch; merged into wider buckets at the end.
    seconds: BTreeMap<i64, Slot>,
    /// Per thread name: the label and time of its first failed sample, if any.
    threads: HashMap<Box<[u8]>, Option<(usize, i64)>>,
    failed_with_ok_code: u64,
}

impl Aggregator {
    pub fn new(apdex: Apdex) -> Aggregator {
        Aggregator {
            apdex,
            overall: Acc::new("TOTAL".into()),
            index: HashMap::new(),
            labels: vec![],
            errors: HashMap::new(),
            seconds: BTreeMap::new(),
            threads: HashMap::new(),
            failed_with_ok_code: 0,
        }
    }

    pub fn add(&mut self, s: &Sample) {
        let i = match self.index.get(s.label) {
            Some(&i) => i,
            None => {
                let i = self.labels.len();
                self.labels.push(Acc::new(String::from_utf8_lossy(s.label).into_owned()));
                self.index.insert(s.label.into(), i);
                i
            }
        };
        let acc = &mut self.labels[i];
        acc.add(s, self.apdex);
        if !acc.transaction && s.message.starts_with(b"Number of samples in transaction") {
            acc.transaction = true;
        }
        self.overall.add(s, self.apdex);
        if !s.success {
            let message = if s.failure.is_empty() { s.message } else { s.failure };
            let key = (String::from_utf8_lossy(s.code).into_owned(), String::from_utf8_lossy(message).into_owned());
            let entry = self.errors.entry(key).or_default();
            entry.0 += 1;
            *entry.1.entry(i).or_default() += 1;
            if matches!(s.code.first(), Some(b'2' | b'3')) {
                self.failed_with_ok_code += 1;
            }
        }
        if !self.threads.contains_key(s.thread) {
            self.threads.insert(s.thread.into(), None);
        }
        if !s.success {
            let first = self.threads.get_mut(s.thread).expect("inserted above");
            if first.is_none() {
                *first = Some((i, s.ts));
            }
        }
        let slot = self.seconds.entry(s.ts.div_euclid(1000)).or_insert_with(|| Slot {
            count: 0,
            errors: 0,
            sum: 0,
            hist: Histogram::new(2).expect("valid precision"),
        });
        slot.count += 1;
        slot.errors += u64::from(!s.success);
        slot.sum += s.elapsed as u128;
        slot.hist.record(s.elapsed).expect("auto-resizing histogram");
    }

    pub fn finish(self, file: &str, read: ReadInfo) -> Summary {
        let overall = self.overall.stats();
        let start_ms = self.overall.first_ts;
        let end_ms = self.overall.last_end;
        let first_s = self.seconds.keys().next().copied().unwrap_or(0);
        let last_s = self.seconds.keys().last().copied().unwrap_or(0);
        let bucket_s = bucket_width((last_s - first_s + 1) as u64);
        let mut series: Vec<Point> = vec![];
        let mut merged: Option<(u64, Slot)> = None;
        for (sec, slot) in self.seconds {
            let t = ((sec - first_s) as u64 / bucket_s) * bucket_s;
            match &mut merged {
                Some((mt, m)) if *mt == t => {
                    m.count += slot.count;
                    m.errors += slot.errors;
                    m.sum += slot.sum;
                    m.hist.add(&slot.hist).expect("same precision");
                }
                _ => {
                    if let Some((mt, m)) = merged.take() {
                        series.push(point(mt, &m));
                    }
                    merged = Some((t, slot));
                }
            }
        }
        if let Some((mt, m)) = merged {
            series.push(point(mt, &m));
        }
        let labels: Vec<LabelStats> = self.labels.iter().map(Acc::stats).collect();
        let mut errors: Vec<ErrorCount> = self
            .errors
            .into_iter()
            .map(|((code, message), (count, by_label))| {
                let mut by: Vec<(usize, u64)> = by_label.into_iter().collect();
                by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let labels = by.iter().take(5).map(|(i, _)| labels[*i].label.clone()).collect();
                ErrorCount { code, message, count, labels }
            })
            .collect();
        errors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| (&a.code, &a.message).cmp(&(&b.code, &b.message))));
        errors.truncate(20);
        let mut by_label: HashMap<usize, (u64, i64)> = HashMap::new();
        for (i, ts) in self.threads.values().flatten() {
            let e = by_label.entry(*i).or_insert((0, i64::MAX));
            e.0 += 1;
            e.1 = e.1.min(*ts);
        }
        let mut first_failures: Vec<FirstFailure> = by_label
            .into_iter()
            .map(|(i, (threads, ts))| FirstFailure { label: labels[i].label.clone(), threads, first_at_s: (ts - start_ms) as f64 / 1000.0 })
            .collect();
        first_failures.sort_by(|a, b| b.threads.cmp(&a.threads).then(a.first_at_s.total_cmp(&b.first_at_s)));
        Summary {
            file: file.to_string(),
            read,
            precision: format!("percentiles from HdrHistogram with {PRECISION_DIGITS} significant digits (within 0.1 % of the exact value)"),
            apdex_thresholds: self.apdex,
            start_ms,
            end_ms,
            duration_s: (end_ms - start_ms).max(0) as f64 / 1000.0,
            overall,
            labels,
            errors,
            bucket_s,
            series,
            threads: self.threads.len() as u64,
            first_failures,
            failed_with_ok_code: self.failed_with_ok_code,
        }
    }
}

fn point(t_s: u64, s: &Slot) -> Point {
    Point {
        t_s,
        count: s.count,
        errors: s.errors,
        mean_ms: s.sum as f64 / s.count.max(1) as f64,
        p95_ms: s.hist.value_at_quantile(0.95),
        max_ms: s.hist.max(),
    }
}

/// A readable bucket width giving at most ~300 points over the run.
fn bucket_width(run_s: u64) -> u64 {
    [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].into_iter().find(|w| run_s / w <= 300).unwrap_or(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(ts: i64, elapsed: u64, label: &'static str, success: bool) -> Sample<'static> {
        Sample { ts, elapsed, label: label.as_bytes(), code: b"200", message: b"OK", thread: b"t", success, failure: b"", bytes: 1024, sent_bytes: 0 }
    }

    /// Nearest-rank percentile of sorted values: what the histogram approximates.
    fn exact(sorted: &[u64], q: f64) -> u64 {
        let rank = ((q * sorted.len() as f64).ceil() as usize).max(1);
        sorted[rank - 1]
    }

    #[test]
    fn percentiles_agree_with_an_exact_computation_within_the_stated_precision() {
        let mut agg = Aggregator::new(Apdex::default());
        let mut values = vec![];
        // A skewed, deterministic distribution: mostly fast, a long tail.
        let mut x: u64 = 12345;
        for i in 0..20_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let v = if i % 50 == 0 { 2000 + (x >> 40) % 30_000 } else { 20 + (x >> 33) % 900 };
            values.push(v);
            agg.add(&sample(1_000_000 + i as i64 * 10, v, "a", i % 100 != 0));
        }
        values.sort_unstable();
        let s = agg.finish("x.jtl", ReadInfo::default());
        let a = &s.labels[0];
        for (got, q) in [(a.p50_ms, 0.5), (a.p90_ms, 0.9), (a.p95_ms, 0.95), (a.p99_ms, 0.99)] {
            let want = exact(&values, q);
            let tolerance = (want as f64 * 0.001).max(1.0);
            assert!((got as f64 - want as f64).abs() <= tolerance, "p{q}: {got} vs exact {want}");
        }
        assert_eq!((a.min_ms, a.max_ms), (values[0], *values.last().unwrap()));
        assert_eq!((a.count, a.errors), (20_000, 200));
        assert!((a.error_pct - 1.0).abs() < 1e-9);
    }

    #[test]
    fn labels_transactions_errors_and_series() {
        let mut agg = Aggregator::new(Apdex { satisfied_ms: 100, tolerated_ms: 400 });
        agg.add(&sample(0, 50, "a", true));
        agg.add(&sample(1500, 300, "a", true));
        let mut tx = sample(2000, 900, "tx", false);
        tx.message = b"Number of samples in transaction : 2, number of failing samples : 1";
        agg.add(&tx);
        let s = agg.finish("x.jtl", ReadInfo::default());
        assert_eq!(s.labels.iter().map(|l| (l.label.as_str(), l.transaction)).collect::<Vec<_>>(), vec![("a", false), ("tx", true)]);
        assert_eq!(s.labels[0].apdex, 0.75);
        assert_eq!(s.overall.count, 3);
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].labels, vec!["tx".to_string()]);
        assert_eq!(s.series.iter().map(|p| (p.t_s, p.count)).collect::<Vec<_>>(), vec![(0, 1), (1, 1), (2, 1)]);
        assert_eq!(s.duration_s, 2.9);
    }
}
