//! Plain-words reading of a run: where failures begin, whether every thread hits them, what
//! kind of failure it is. Built from the statistics alone (no sidecar needed).
use crate::outcomes::Outcomes;
use crate::stats::Summary;

/// A label as one short line (labels can hold newlines and whole error messages).
fn name(label: &str) -> String {
    let one_line = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 80 {
        format!("{}…", one_line.chars().take(79).collect::<String>())
    } else {
        one_line
    }
}

/// [`notes`], led by what the extractor-outcome sidecar says: extractors that fell back to their
/// default are the usual root cause of the failures after them.
pub fn notes_with(s: &Summary, outcomes: Option<&Outcomes>) -> Vec<String> {
    let mut out = vec![];
    if let Some(o) = outcomes {
        // The first extractor to come up empty is the likely cause; extractors after it usually
        // fail only because the journey already broke.
        let mut missed: Vec<_> = o.extractors.iter().filter(|x| x.defaulted + x.missing > 0).collect();
        missed.sort_by_key(|x| x.first_miss.as_ref().map(|(ts, _, _)| *ts).unwrap_or(i64::MAX));
        if let Some((x, later)) = missed.split_first() {
            let total = x.matched + x.defaulted + x.missing;
            let first = x.first_miss.as_ref().map(|(_, thread, it)| format!(" (first: {thread}, iteration {it})")).unwrap_or_default();
            out.push(format!(
                "Extractor `{}` under `{}` found nothing in {} of {} samples{first}: the value is no longer where the recording had it, so the requests that send `${{{}}}` send its default instead.",
                x.variable,
                name(&x.sampler),
                x.defaulted + x.missing,
                total,
                x.variable
            ));
            if !later.is_empty() {
                let names: Vec<String> = later.iter().take(6).map(|x| format!("`{}`", x.variable)).collect();
                out.push(format!(
                    "{} extractor(s) after it also found nothing ({}), most likely because the journey had already failed.",
                    later.len(),
                    names.join(", ")
                ));
            }
        }
        if o.unreadable_lines > 0 {
            out.push(format!("{} unreadable lines in {} were skipped.", o.unreadable_lines, o.file));
        }
    }
    out.extend(notes(s));
    out
}

pub fn notes(s: &Summary) -> Vec<String> {
    let mut out = vec![];
    if s.overall.errors == 0 {
        out.push(format!("No failed samples in {} samples.", s.overall.count));
        return out;
    }
    if let Some(first) = s.first_failures.first() {
        let all = s.threads > 1 && first.threads == s.threads;
        out.push(format!(
            "Failures begin at `{}` in {} (first at +{:.1} s){}: fix that step first, later failures often follow from it.",
            name(&first.label),
            if all { format!("every thread ({})", s.threads) } else { format!("{} of {} threads", first.threads, s.threads) },
            first.first_at_s,
            match s.labels.iter().find(|l| l.label == first.label) {
                Some(l) if l.errors == l.count => "; it fails every time",
                Some(_) => "; it succeeds at other times",
                None => "",
            }
        ));
    }
    let always: Vec<String> = s.labels.iter().filter(|l| l.count > 0 && l.errors == l.count && !l.transaction).map(|l| name(&l.label)).collect();
    if !always.is_empty() {
        out.push(format!(
            "{} label(s) fail in every sample: {}. A step that never works usually means a value it sends is stale (correlation) or the server is not the one recorded.",
            always.len(),
            always.iter().take(6).map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some(onset) = s.series.iter().find(|p| p.errors > 0) {
        let clean_before: u64 = s.series.iter().take_while(|p| p.errors == 0).map(|p| p.count).sum();
        // Only meaningful with a clean stretch of some size.
        if clean_before >= 20 && onset.t_s > 0 {
            out.push(format!(
                "The first {clean_before} samples succeed; errors start at +{} s. Errors that start mid-run point to load (timeouts, 5xx), expiring sessions or data used up, not to a broken script.",
                onset.t_s
            ));
        }
    }
    if s.failed_with_ok_code > 0 {
        out.push(format!(
            "{} failed samples have a 2xx/3xx response code: assertions caught pages that looked successful (error pages with status 200, login redirects).",
            s.failed_with_ok_code
        ));
    }
    if let Some(e) = s.errors.first() {
        let kind = match e.code.chars().next() {
            Some('4') if e.code == "401" || e.code == "403" => "authentication or a missing/stale token",
            Some('4') => "requests the server rejects (a stale id or token, or a changed API)",
            Some('5') => "server errors",
            Some(c) if !c.is_ascii_digit() => "connection-level failures (timeouts, refused connections)",
            _ => "failed assertions",
        };
        let labels: Vec<String> = e.labels.iter().map(|l| format!("`{}`", name(l))).collect();
        out.push(format!("Most frequent error: {} × {} {} ({kind}), in {}.", e.count, e.code, name(&e.message), labels.join(", ")));
    }
    out
}
