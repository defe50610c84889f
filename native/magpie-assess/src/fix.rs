//! Applying fixes: byte-range edits over the original text; everything else stays
//! byte-identical. Overlapping edits are skipped (the next run picks them up).
use crate::rule::{Applicability, Finding};

/// The text with every fix of the allowed applicability applied, and how many were applied.
pub fn apply(source: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
    let mut edits: Vec<(&std::ops::Range<usize>, &str, usize)> = vec![];
    let mut applied = 0;
    for (i, f) in findings.iter().enumerate() {
        let Some(fix) = &f.fix else { continue };
        let allowed = match fix.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => unsafe_fixes,
            Applicability::DisplayOnly => false,
        };
        if !allowed {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| edits.iter().any(|(r, _, _)| e.range.start < r.end && r.start < e.range.end));
        if overlaps {
            continue;
        }
        edits.extend(fix.edits.iter().map(|e| (&e.range, e.replacement.as_str(), i)));
        applied += 1;
    }
    edits.sort_by_key(|(r, _, _)| (r.start, r.end));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (r, text, _) in edits {
        out.push_str(&source[at..r.start]);
        out.push_str(text);
        at = r.end;
    }
    out.push_str(&source[at..]);
    (out, applied)
}
