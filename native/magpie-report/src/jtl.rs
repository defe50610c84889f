//! Streaming JTL reader: JMeter's CSV (any saveservice column set, with or without header, any of
//! `,` `\t` `;` `|` as delimiter, quoted fields over several lines) and XML (`<httpSample>` /
//! `<sample>` under `<testResults>`; sub-samples are part of their parent and not counted). One
//! sample at a time goes to a callback: memory does not grow with the file.
//!
//! Rows that cannot be read (truncated last line, a field that is not a number, a row shorter
//! than the columns it needs) are skipped and counted, with the first few line numbers and why.
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use magpie_core::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use serde::Serialize;

/// One sample result, borrowed from the reader's buffer.
#[derive(Debug, Clone, Copy)]
pub struct Sample<'a> {
    /// Start time, epoch milliseconds.
    pub ts: i64,
    pub elapsed: u64,
    pub label: &'a [u8],
    pub code: &'a [u8],
    pub message: &'a [u8],
    pub thread: &'a [u8],
    pub success: bool,
    /// The assertion failure message, when the JTL has one.
    pub failure: &'a [u8],
    pub bytes: u64,
    pub sent_bytes: u64,
}

/// What the reader saw besides the samples.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReadInfo {
    /// `csv` or `xml`.
    pub format: String,
    /// CSV: whether the first line was a header.
    pub header: bool,
    /// CSV: the column names used (from the header, or JMeter's default layout).
    pub columns: Vec<String>,
    /// CSV header columns Magpie does not use (sample variables, hostname, …).
    pub ignored_columns: Vec<String>,
    pub samples: u64,
    pub skipped: u64,
    /// The first skipped rows: `line N: why`.
    pub skipped_examples: Vec<String>,
}

impl ReadInfo {
    fn skip(&mut self, line: u64, why: impl Into<String>) {
        self.skipped += 1;
        if self.skipped_examples.len() < 5 {
            self.skipped_examples.push(format!("line {line}: {}", why.into()));
        }
    }
}

/// Reads every sample of `path`, calling `each` for each one, in file order.
pub fn read(path: &Path, mut each: impl FnMut(&Sample)) -> Result<ReadInfo> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::bad_input(&name, "file", format!("cannot open: {e}")))?;
    let mut input = BufReader::with_capacity(1 << 20, file);
    let first = first_byte(&mut input).map_err(|e| Error::bad_input(&name, "file", format!("cannot read: {e}")))?;
    match first {
        None => Err(Error::bad_input(&name, "file", "empty file: no samples")),
        Some(b'<') => read_xml(input, &name, &mut each),
        Some(_) => read_csv(input, &name, &mut each),
    }
}

fn first_byte(input: &mut BufReader<File>) -> std::io::Result<Option<u8>> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        // Skip a UTF-8 BOM and leading whitespace.
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace() || [0xEF, 0xBB, 0xBF].contains(b)).count();
        if skip < buf.len() {
            let b = buf[skip];
            input.consume(skip);
            return Ok(Some(b));
        }
        let n = buf.len();
        input.consume(n);
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

/// JMeter 5.x's default CSV columns (jmeter.properties `jmeter.save.saveservice.*` defaults).
const DEFAULT_COLUMNS: &[&str] = &[
    "timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType", "success",
    "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect",
];

/// Where each column Magpie uses sits in a row.
#[derive(Debug, Default, Clone, Copy)]
struct Layout {
    ts: usize,
    elapsed: usize,
    label: usize,
    code: Option<usize>,
    message: Option<usize>,
    thread: Option<usize>,
    success: Option<usize>,
    failure: Option<usize>,
    bytes: Option<usize>,
    sent: Option<usize>,
    /// Fields a row needs to hold every used column.
    needed: usize,
}

impl Layout {
    fn from_names(names: &[String]) -> Option<Layout> {
        let find = |n: &str| names.iter().position(|c| c.eq_ignore_ascii_case(n));
        let mut l = Layout {
            ts: find("timeStamp")?,
            elapsed: find("elapsed")?,
            label: find("label")?,
            code: find("responseCode"),
            message: find("responseMessage"),
            thread: find("threadName"),
            success: find("success"),
            failure: find("failureMessage"),
            bytes: find("bytes"),
            sent: find("sentBytes"),
            needed: 0,
        };
        l.needed = [Some(l.ts), Some(l.elapsed), Some(l.label), l.code, l.success].into_iter().flatten().max().unwrap_or(0) + 1;
        Some(l)
    }
}

fn read_csv(input: impl Read, name: &str, each: &mut impl FnMut(&Sample)) -> Result<ReadInfo> {
    let mut input = BufReader::with_capacity(1 << 20, input);
    let delimiter = guess_delimiter(input.fill_buf().map_err(|e| Error::bad_input(name, "file", e.to_string()))?);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(input);
    let mut info = ReadInfo { format: "csv".into(), ..Default::default() };
    let mut record = csv::ByteRecord::new();
    let mut layout: Option<Layout> = None;
    let mut first = true;
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                info.skip(line, format!("not CSV: {e}"));
                continue;
            }
        }
        if first {
            first = false;
            let fields: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect();
            if fields.iter().any(|f| f.eq_ignore_ascii_case("timeStamp")) || fields.iter().any(|f| f.eq_ignore_ascii_case("elapsed")) {
                layout = Some(Layout::from_names(&fields).ok_or_else(|| {
                    Error::bad_input(name, "line 1", format!("the header has no timeStamp, elapsed or label column: {}", fields.join(",")))
                })?);
                info.header = true;
                info.ignored_columns =
                    fields.iter().filter(|f| !DEFAULT_COLUMNS.iter().any(|d| d.eq_ignore_ascii_case(f))).cloned().collect();
                info.columns = fields;
                continue;
            }
            let l = headerless_layout(&record);
            info.columns = l.1;
            layout = Some(l.0);
        }
        let l = layout.expect("set on the first row");
        match csv_sample(&record, &l) {
            Ok(s) => {
                info.samples += 1;
                each(&s);
            }
            Err(why) => info.skip(line, why),
        }
    }
    if info.samples == 0 {
        let why = info.skipped_examples.first().map(|s| format!(" (first skipped row: {s})")).unwrap_or_default();
        return Err(Error::bad_input(name, "file", format!("no readable samples{why}")));
    }
    Ok(info)
}

/// A headerless file: JMeter's default layout, except that older JMeter versions wrote no
/// failureMessage (then bytes, a number, follows success directly).
fn headerless_layout(first: &csv::ByteRecord) -> (Layout, Vec<String>) {
    let mut names: Vec<String> = DEFAULT_COLUMNS.iter().map(|s| s.to_string()).collect();
    let numeric = |i: usize| first.get(i).is_some_and(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit));
    if numeric(8) {
        names.remove(8); // no failureMessage
        if first.len() <= 10 {
            // JMeter 2.x: …,success,bytes,Latency
            names.truncate(9);
            names.push("Latency".into());
        }
    }
    names.truncate(first.len().max(8));
    let layout = Layout::from_names(&names).expect("the default layout names every needed column");
    (layout, names)
}

fn guess_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut best = (0, b',');
    for d in [b',', b'\t', b';', b'|'] {
        let n = line.iter().filter(|&&b| b == d).count();
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

fn csv_sample<'r>(r: &'r csv::ByteRecord, l: &Layout) -> std::result::Result<Sample<'r>, String> {
    if r.len() < l.needed {
        return Err(format!("{} fields, the columns need {} (truncated row?)", r.len(), l.needed));
    }
    let field = |i: Option<usize>| i.and_then(|i| r.get(i)).unwrap_or(b"");
    let ts = timestamp(field(Some(l.ts))).ok_or_else(|| format!("timeStamp `{}` is not a time", String::from_utf8_lossy(field(Some(l.ts)))))?;
    let elapsed = number(field(Some(l.elapsed))).ok_or_else(|| format!("elapsed `{}` is not a number", String::from_utf8_lossy(field(Some(l.elapsed)))))?;
    let code = field(l.code);
    let success = match l.success.map(|i| field(Some(i))) {
        Some(s) if s.eq_ignore_ascii_case(b"true") => true,
        Some(s) if s.eq_ignore_ascii_case(b"false") => false,
        Some(s) => return Err(format!("success `{}` is neither true nor false", String::from_utf8_lossy(s))),
        // No success column: what JMeter's HTTP sampler decides, 2xx/3xx.
        None => code.first().is_some_and(|c| *c == b'2' || *c == b'3'),
    };
    Ok(Sample {
        ts,
        elapsed,
        label: field(Some(l.label)),
        code,
        message: field(l.message),
        thread: field(l.thread),
        success,
        failure: field(l.failure),
        bytes: number(field(l.bytes)).unwrap_or(0),
        sent_bytes: number(field(l.sent)).unwrap_or(0),
    })
}

fn number(f: &[u8]) -> Option<u64> {
    let f = f.trim_ascii();
    if f.is_empty() || f.len() > 19 {
        return None;
    }
    f.iter().try_fold(0u64, |n, &b| if b.is_ascii_digit() { Some(n * 10 + (b - b'0') as u64) } else { None })
}

/// Epoch milliseconds, or a formatted time (`timestamp_format`, e.g. `yyyy/MM/dd HH:mm:ss.SSS`)
/// read as UTC: reports only use differences between times.
fn timestamp(f: &[u8]) -> Option<i64> {
    if let Some(n) = number(f) {
        return Some(n as i64);
    }
    let groups: Vec<i64> = f
        .split(|b| !b.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(|g| std::str::from_utf8(g).ok()?.parse().ok())
        .collect::<Option<Vec<i64>>>()?;
    if groups.len() < 6 || groups[0] < 1970 {
        return None;
    }
    let (y, mo, d, h, mi, s) = (groups[0], groups[1], groups[2], groups[3], groups[4], groups[5]);
    let ms = groups.get(6).copied().unwrap_or(0);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// XML

/// The attributes of one top-level sample, kept until its end tag (its failure message is a child).
#[derive(Default)]
struct XmlSample {
    ts: Option<i64>,
    elapsed: Option<u64>,
    label: Vec<u8>,
    code: Vec<u8>,
    message: Vec<u8>,
    thread: Vec<u8>,
    success: bool,
    failure: Vec<u8>,
    bytes: u64,
    sent: u64,
    line: u64,
}

fn read_xml(input: BufReader<File>, name: &str, each: &mut impl FnMut(&Sample)) -> Result<ReadInfo> {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut info = ReadInfo { format: "xml".into(), ..Default::default() };
    let mut buf = Vec::with_capacity(1 << 16);
    let mut depth = 0usize;
    let mut current: Option<XmlSample> = None;
    let mut in_failure_message = false;
    // Line numbers for messages, from the newlines between elements (JMeter writes one per sample).
    let mut newlines = 1u64;
    loop {
        match reader.read_event_into(&mut buf) {
            Err(e) => {
                // A run cut short leaves a truncated file: keep what was read.
                if info.samples > 0 {
                    info.skip(newlines, format!("the XML ends early or breaks here ({e}); the rest is skipped"));
                    break;
                }
                return Err(Error::bad_input(name, format!("byte {}", reader.error_position()), format!("not valid XML: {e}")));
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                depth += 1;
                if depth == 2 && is_sample(&e) {
                    current = Some(xml_sample(&e, newlines));
                } else if depth == 1 && e.name().as_ref() != "testResults" {
                    return Err(Error::bad_input(name, "root element", "not a JMeter XML results file: the root is not <testResults>"));
                } else if current.is_some() && e.name().as_ref() == "failureMessage" {
                    in_failure_message = true;
                }
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 && e.name().as_ref() != "testResults" {
                    return Err(Error::bad_input(name, "root element", "not a JMeter XML results file: the root is not <testResults>"));
                }
                if depth == 1 && is_sample(&e) {
                    emit(xml_sample(&e, newlines), &mut info, each);
                }
            }
            Ok(Event::Text(t)) => {
                let text: &str = t.as_ref();
                newlines += text.matches('\n').count() as u64;
                if in_failure_message {
                    if let Some(s) = current.as_mut().filter(|s| s.failure.is_empty()) {
                        s.failure = unescape(text.as_bytes());
                    }
                }
            }
            Ok(Event::End(e)) => {
                if e.name().as_ref() == "failureMessage" {
                    in_failure_message = false;
                }
                if depth == 2 {
                    if let Some(s) = current.take() {
                        emit(s, &mut info, each);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(_) => {}
        }
        buf.clear();
    }
    if info.samples == 0 {
        let why = info.skipped_examples.first().map(|s| format!(" (first skipped: {s})")).unwrap_or_default();
        return Err(Error::bad_input(name, "file", format!("no readable samples{why}")));
    }
    Ok(info)
}

fn is_sample(e: &BytesStart) -> bool {
    matches!(e.name().as_ref(), "httpSample" | "sample")
}

fn xml_sample(e: &BytesStart, line: u64) -> XmlSample {
    let mut s = XmlSample { line, ..Default::default() };
    for a in e.attributes().with_checks(false).flatten() {
        let raw: &str = a.value.as_ref();
        let value = || unescape(raw.as_bytes());
        match a.key.as_ref() {
            "ts" => s.ts = timestamp(raw.as_bytes()),
            "t" => s.elapsed = number(raw.as_bytes()),
            "lb" => s.label = value(),
            "rc" => s.code = value(),
            "rm" => s.message = value(),
            "tn" => s.thread = value(),
            "s" => s.success = raw == "true",
            "by" => s.bytes = number(raw.as_bytes()).unwrap_or(0),
            "sby" => s.sent = number(raw.as_bytes()).unwrap_or(0),
            _ => {}
        }
    }
    s
}

/// XML text → bytes: entities and character references decoded (kept raw when malformed).
fn unescape(raw: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(raw);
    match quick_xml::escape::unescape(&text) {
        Ok(s) => s.into_owned().into_bytes(),
        Err(_) => text.into_owned().into_bytes(),
    }
}

fn emit(s: XmlSample, info: &mut ReadInfo, each: &mut impl FnMut(&Sample)) {
    let (Some(ts), Some(elapsed)) = (s.ts, s.elapsed) else {
        info.skip(s.line, "a sample without a readable ts or t attribute");
        return;
    };
    info.samples += 1;
    each(&Sample {
        ts,
        elapsed,
        label: &s.label,
        code: &s.code,
        message: &s.message,
        thread: &s.thread,
        success: s.success,
        failure: &s.failure,
        bytes: s.bytes,
        sent_bytes: s.sent,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(text: &str) -> Result<(Vec<(i64, u64, String, bool)>, ReadInfo)> {
        let dir = std::env::temp_dir().join(format!("magpie-jtl-{}-{}", std::process::id(), text.len()));
        std::fs::write(&dir, text).unwrap();
        let mut out = vec![];
        let info = read(&dir, |s| out.push((s.ts, s.elapsed, String::from_utf8_lossy(s.label).into_owned(), s.success)));
        std::fs::remove_file(&dir).ok();
        info.map(|i| (out, i))
    }

    #[test]
    fn csv_with_header_quotes_and_a_truncated_last_line() {
        let text = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,success,bytes\n\
                    1000,12,\"Login, step 1\",200,OK,T 1-1,true,10\n\
                    1010,30,\"multi\nline\",500,\"Internal \"\"Error\"\"\",T 1-1,false,5\n\
                    1020,4";
        let (s, info) = samples(text).unwrap();
        assert_eq!(s, vec![(1000, 12, "Login, step 1".into(), true), (1010, 30, "multi\nline".into(), false)]);
        assert_eq!(info.skipped, 1);
        assert!(info.skipped_examples[0].starts_with("line 5:"), "{:?}", info.skipped_examples);
    }

    #[test]
    fn headerless_tabs_and_formatted_times() {
        let (s, info) = samples("1393227741256,1425,GET /a,200,OK,TG 1-1,text,true,3478,1016\n").unwrap();
        assert_eq!(s, vec![(1393227741256, 1425, "GET /a".into(), true)]);
        assert!(!info.header);
        assert_eq!(info.columns[8], "bytes");
        let (s, _) = samples("timeStamp\telapsed\tlabel\tsuccess\n2024/01/02 03:04:05.678\t7\tx\tfalse\n").unwrap();
        assert_eq!(s[0].0, 1_704_164_645_678);
        assert!(!s[0].3);
    }

    #[test]
    fn xml_counts_top_level_samples_and_survives_truncation() {
        let text = "<?xml version=\"1.0\"?>\n<testResults version=\"1.2\">\n\
            <httpSample t=\"5\" ts=\"100\" s=\"true\" lb=\"a &amp; b\" rc=\"200\"/>\n\
            <sample t=\"9\" ts=\"101\" s=\"false\" lb=\"tx\" rc=\"200\" rm=\"Number of samples in transaction : 1, number of failing samples : 1\">\n\
              <httpSample t=\"9\" ts=\"101\" s=\"false\" lb=\"inner\" rc=\"500\"/>\n\
            </sample>\n<httpSample t=\"1\" ts=\"1";
        let (s, info) = samples(text).unwrap();
        assert_eq!(s, vec![(100, 5, "a & b".into(), true), (101, 9, "tx".into(), false)]);
        assert_eq!(info.skipped, 1);
    }

    #[test]
    fn nothing_readable_is_an_error() {
        assert!(samples("").unwrap_err().to_string().contains("empty file"));
        assert!(samples("a,b\n1,2\n").unwrap_err().to_string().contains("no readable samples"));
        assert!(samples("<html/>").unwrap_err().to_string().contains("not a JMeter XML"));
    }
}
