//! Differential evidence from a second recording of the same journey (`--second rec2.har`):
//! a request field whose value differs between the two recordings is dynamic even when it does
//! not look random (a short numeric id); one that is equal in both is static unless a response
//! issued it (a value the user typed, a product they chose, a constant).
use std::collections::{HashMap, HashSet};

use magpie_core::har::Entry;

use crate::candidates::request_values;
use crate::Step;

/// A request field: step, location, name and the how-many-th field of that name in the step.
pub type FieldKey = (usize, String, String, usize);

/// What the second recording says about the first one's fields.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Fields whose value differs in the second recording.
    pub differs: HashSet<FieldKey>,
    /// Fields with the same value in both recordings.
    pub equal: HashSet<FieldKey>,
}

/// Every field a step's request sends, keyed.
pub fn fields(entry: &Entry, step: usize) -> Vec<(FieldKey, String)> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    request_values(entry)
        .into_iter()
        .map(|(location, name, value)| {
            let n = seen.entry((location.to_string(), name.clone())).or_default();
            *n += 1;
            ((step, location.to_string(), name, *n), value)
        })
        .collect()
}

/// What identifies "the same request" across two recordings: method, host and the path's
/// shape (segment count and first segment; ids in later segments may differ).
fn shape(e: &Entry) -> (String, String, usize, String) {
    let (path, _) = crate::candidates::split_url_path_query(&e.request.url);
    let host = e.request.url.split("://").nth(1).and_then(|r| r.split('/').next()).unwrap_or("").to_ascii_lowercase();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    (e.request.method.to_ascii_uppercase(), host, segs.len(), segs.first().unwrap_or(&"").to_string())
}

/// Pairs steps of the two recordings by a longest common subsequence of request shapes.
fn align(a: &[Entry], a_steps: &[Step], b: &[Entry], b_steps: &[Step]) -> Vec<(usize, usize)> {
    let sa: Vec<_> = a_steps.iter().map(|s| shape(&a[s.entries[0]])).collect();
    let sb: Vec<_> = b_steps.iter().map(|s| shape(&b[s.entries[0]])).collect();
    magpie_core::lcs::pairs(&sa, &sb)
}

pub fn evidence(a: &[Entry], a_steps: &[Step], b: &[Entry], b_steps: &[Step]) -> Evidence {
    let mut ev = Evidence::default();
    for (i, j) in align(a, a_steps, b, b_steps) {
        let theirs: HashMap<FieldKey, String> =
            fields(&b[b_steps[j].entries[0]], i).into_iter().collect();
        for (key, value) in fields(&a[a_steps[i].entries[0]], i) {
            match theirs.get(&key) {
                Some(v) if *v == value => {
                    ev.equal.insert(key);
                }
                Some(_) => {
                    ev.differs.insert(key);
                }
                None => {}
            }
        }
    }
    ev
}
