//! Agent mode on an existing plan (`magpie correlate plan.jmx --har rec.har -o fixed.jmx`): the
//! engine's findings in the recording applied to the user's plan as byte-range edits — an
//! extractor inserted under each origin sampler, recorded literals in later samplers replaced
//! by the variable (or the function, for client-made values), digests rebuilt by a script —
//! and every other byte of the file left as it was.
//!
//! Recording steps are matched to the plan's HTTP samplers in order by method and path (a
//! `${…}` segment in the plan matches any segment), so plans recorded by JMeter's proxy, other
//! tools or by hand work as long as they replay the same journey.
use std::ops::Range;

use magpie_core::jmx::doc::{JmxDoc, Property, TestElement};
use magpie_core::jmx::{element_xml, elements, escape_text, Element};
use magpie_core::Result;
use serde::Serialize;

use crate::{select, Options};

#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub variable: String,
    /// The recorded value (what identifies a correlation between two calls).
    pub value: String,
    /// `extracted`, `client_generated`, `derived`.
    pub kind: &'static str,
    /// Where it comes from and how the plan gets it: the extractor, the function or the digest.
    pub how: String,
    /// The sampler that got the extractor or script (testname).
    pub sampler: Option<String>,
    /// How many literals were replaced.
    pub replaced: usize,
    /// Cookies a page's script set from the value, now handed to the Cookie Manager after the
    /// extractor.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub variable: String,
    pub value: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanCorrelation {
    pub plan: String,
    pub har: String,
    /// Recording steps matched to a sampler of the plan, of all steps.
    pub matched_steps: usize,
    pub steps: usize,
    pub applied: Vec<Applied>,
    pub skipped: Vec<Skipped>,
    /// The plan with the edits applied (the input, byte for byte, when nothing applied).
    #[serde(skip)]
    pub text: String,
}

struct Sampler<'a> {
    el: &'a TestElement,
    /// Properties of the sampler and of the elements in its tree (header managers).
    props: Vec<&'a Property>,
    method: String,
    path: String,
}

struct Edit {
    range: Range<usize>,
    text: String,
}

/// Applies what the engine finds in `har_bytes` to the plan `plan_source`; with `only`, just the
/// correlations of those recorded values (the user's choice in the GUI); with `scope` (an
/// element's pre-order index, e.g. the controller selected in the tree), only extractors and
/// replacements inside that element.
pub fn correlate_plan(
    plan_source: String,
    plan_name: &str,
    har_bytes: Vec<u8>,
    har_name: &str,
    opts: &Options,
    only: Option<&[String]>,
    scope: Option<usize>,
) -> Result<PlanCorrelation> {
    let doc = JmxDoc::parse(plan_source, plan_name)?;
    let har = magpie_core::har::parse(&har_bytes, har_name)?;
    drop(har_bytes);
    let selection = select::select(&har.log.entries, opts);
    let steps: Vec<magpie_correlate::Step> =
        selection.steps.iter().map(|s| magpie_correlate::Step { entries: s.entries.clone() }).collect();
    let mut found = crate::find_correlations(&har, &steps, opts)?;
    if let Some(only) = only {
        let chosen = |v: &String| only.contains(v);
        found.correlations.retain(|c| chosen(&c.value) || c.uses.is_empty());
        found.generated.retain(|g| chosen(&g.value));
        found.derived.retain(|d| chosen(&d.value));
    }

    let samplers = http_samplers(&doc);
    let map = align(&har, steps.iter().map(|s| s.entries[0]), &samplers);
    let scope_span = match scope {
        Some(i) => {
            // The element and its hashTree (its children).
            let e = element_at(&doc, i)
                .ok_or_else(|| magpie_core::Error::bad_input(plan_name, format!("element {i}"), "no such element in the plan"))?;
            Some(e.span.start..e.tree_span.as_ref().map_or(e.span.end, |t| t.end))
        }
        None => None,
    };
    let inside = |i: usize| scope_span.as_ref().is_none_or(|r| samplers[i].el.span.start >= r.start && samplers[i].el.span.end <= r.end);
    let mut out = PlanCorrelation {
        plan: plan_name.to_string(),
        har: har_name.to_string(),
        matched_steps: map.iter().flatten().count(),
        steps: steps.len(),
        applied: vec![],
        skipped: vec![],
        text: String::new(),
    };

    let mut taken = VariableNames::of(&doc);
    let mut edits: Vec<Edit> = vec![];
    let mut inserts: Vec<(usize, Vec<Element>, bool)> = vec![]; // (sampler, elements, first?)

    // Extracted values: longest first, so a value that contains another is replaced whole.
    // Values no request sends as is (inputs of a digest) wait for the digest's script.
    let mut correlations: Vec<&magpie_correlate::Correlation> = found.correlations.iter().collect();
    correlations.sort_by(|a, b| b.value.len().cmp(&a.value.len()));
    let (direct, digest_inputs): (Vec<_>, Vec<_>) = correlations.into_iter().partition(|c| !c.uses.is_empty());
    let mut renamed: Vec<String> = vec![];
    let mut pending_inputs = vec![];
    for c in direct.into_iter().chain(digest_inputs) {
        let skip = |reason: &str| Skipped { variable: c.variable.clone(), value: c.value.clone(), reason: reason.to_string() };
        let Some(origin) = map[c.origin_step] else {
            out.skipped.push(skip(&format!("the request that issues it (HAR entry {}) is not in the plan", c.origin_entry)));
            continue;
        };
        if !inside(origin) {
            out.skipped.push(skip("the sampler that issues it is outside the selected element"));
            continue;
        }
        let original = c.variable.clone();
        let mut c = c.clone();
        c.variable = taken.fresh(&original);
        if c.variable != original {
            renamed.push(original);
        }
        if c.uses.is_empty() {
            pending_inputs.push((origin, c));
            continue;
        }
        let reference = c.reference();
        let later: Vec<&Sampler> = (origin + 1..samplers.len()).filter(|&i| inside(i)).map(|i| &samplers[i]).collect();
        let replaced = replace_in(&doc, later, &c.value, &reference, &mut edits);
        // Cookies a page's script set from the value: the plan has no literal for them.
        let mut cookies = crate::plan::script_cookies(&c, |step| {
            let sampler = map[step].filter(|&i| inside(i))?;
            Some(crate::plan::groovy_host(samplers[sampler].el.str_prop("HTTPSampler.domain").unwrap_or("")))
        });
        // Already handed to the Cookie Manager there (a second run changes nothing).
        cookies.retain(|(name, _)| !samplers[origin].el.children.iter().any(|ch| ch.testname == crate::plan::set_cookie_name(name)));
        if replaced == 0 && cookies.is_empty() {
            out.skipped.push(skip("no later sampler of the plan sends it literally (already correlated?)"));
            continue;
        }
        let mut elements = vec![crate::plan::extractor_element(&c)];
        if let Some(inner) = &c.base64_inner {
            elements.push(elements::jsr223_postprocessor(&format!("Decode {}", c.variable), &crate::plan::base64_inner_script(&c, inner)));
        }
        elements.extend(cookies.iter().map(|(cookie, host)| crate::plan::set_cookie_element(cookie, &c.variable, host)));
        inserts.push((origin, elements, false));
        out.applied.push(Applied {
            variable: c.variable.clone(),
            value: c.value.clone(),
            kind: "extracted",
            how: how_extracted(&c),
            sampler: Some(samplers[origin].el.testname.clone()),
            replaced,
            cookies: cookies.into_iter().map(|(name, _)| name).collect(),
        });
    }

    // Values the client made up: the function, at the samplers that send them.
    for g in &found.generated {
        let targets: Vec<usize> = g.uses.iter().filter_map(|u| map[u.step]).filter(|&i| inside(i)).collect();
        let mut replaced = 0;
        for t in targets {
            replaced += replace_in(&doc, [&samplers[t]], &g.value, &g.function, &mut edits);
        }
        if replaced == 0 {
            out.skipped.push(Skipped { variable: g.function.clone(), value: g.value.clone(), reason: "no sampler of the plan sends it literally".into() });
            continue;
        }
        out.applied.push(Applied {
            variable: g.function.clone(),
            value: g.value.clone(),
            kind: "client_generated",
            how: format!("made by the client: {}", g.function),
            sampler: None,
            replaced,
            cookies: vec![],
        });
    }

    // Digests: a script before the first sampler that sends one.
    let mut needed_inputs: Vec<&str> = vec![];
    for d in &found.derived {
        if let Some(input) = d.recipe.inputs.iter().find(|i| renamed.contains(i)) {
            out.skipped.push(Skipped { variable: d.variable.clone(), value: d.value.clone(), reason: format!("its input `{input}` is a name the plan already uses") });
            continue;
        }
        let Some(first) = d.uses.iter().filter_map(|u| map[u.step]).find(|&i| inside(i)) else {
            out.skipped.push(Skipped { variable: d.variable.clone(), value: d.value.clone(), reason: "no sampler of the plan sends it".into() });
            continue;
        };
        let targets: Vec<usize> = d.uses.iter().filter_map(|u| map[u.step]).filter(|&i| inside(i)).collect();
        let mut replaced = 0;
        for t in targets {
            replaced += replace_in(&doc, [&samplers[t]], &d.value, &format!("${{{}}}", d.variable), &mut edits);
        }
        if replaced == 0 {
            out.skipped.push(Skipped { variable: d.variable.clone(), value: d.value.clone(), reason: "no sampler of the plan sends it literally".into() });
            continue;
        }
        needed_inputs.extend(d.recipe.inputs.iter().map(String::as_str));
        inserts.push((first, vec![elements::jsr223_preprocessor(&format!("Compute {}", d.variable), &d.script())], true));
        out.applied.push(Applied {
            variable: d.variable.clone(),
            value: d.value.clone(),
            kind: "derived",
            how: format!("a digest of {} (Groovy script before the request)", d.recipe.inputs.join(", ")),
            sampler: Some(samplers[first].el.testname.clone()),
            replaced,
            cookies: vec![],
        });
    }

    for (origin, c) in pending_inputs {
        if needed_inputs.contains(&c.variable.as_str()) {
            inserts.push((origin, vec![crate::plan::extractor_element(&c)], false));
            out.applied.push(Applied {
                variable: c.variable.clone(),
                value: c.value.clone(),
                kind: "extracted",
                how: how_extracted(&c),
                sampler: Some(samplers[origin].el.testname.clone()),
                replaced: 0,
                cookies: vec![],
            });
        }
    }

    for (sampler, els, first) in inserts {
        if let Some(edit) = insert_children(&doc, samplers[sampler].el, &els, first) {
            edits.push(edit);
        }
    }
    out.text = apply_edits(&doc.source, edits);
    Ok(out)
}

fn how_extracted(c: &magpie_correlate::Correlation) -> String {
    let mut how = format!("{} → {}", c.origin, c.extractor.describe());
    if let Some(inner) = &c.base64_inner {
        how.push_str(&format!(", base64-decoded, regex {inner}"));
    }
    how
}

/// Enabled HTTP samplers in document order, with what identifies their request.
fn http_samplers(doc: &JmxDoc) -> Vec<Sampler<'_>> {
    let mut out = vec![];
    doc.walk(&mut |e, ancestors| {
        let disabled = !e.enabled || ancestors.iter().any(|a| !a.enabled);
        if disabled || e.class() != "HTTPSamplerProxy" {
            return;
        }
        let mut props = vec![];
        fn all<'a>(p: &'a Property, out: &mut Vec<&'a Property>) {
            out.push(p);
            p.children.iter().for_each(|c| all(c, out));
        }
        e.props.iter().for_each(|p| all(p, &mut props));
        for child in &e.children {
            child.props.iter().for_each(|p| all(p, &mut props));
        }
        let method = e.str_prop("HTTPSampler.method").unwrap_or("GET").to_ascii_uppercase();
        let path = e.str_prop("HTTPSampler.path").unwrap_or("");
        out.push(Sampler { el: e, props, method, path: url_path(path).to_string() });
    });
    out
}

/// The path of a URL or of a sampler's path field, without scheme, host and query.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
    rest.split(['?', '#']).next().unwrap_or(rest)
}

/// Whether a recorded path and a plan path name the same resource: same segments, where a
/// plan segment holding `${…}` matches anything and path parameters (`;jsessionid=`) are ignored.
fn same_path(recorded: &str, plan: &str) -> bool {
    let segs = |p: &str| -> Vec<String> { p.split('/').filter(|s| !s.is_empty()).map(|s| s.split(';').next().unwrap_or(s).to_string()).collect() };
    let (a, b) = (segs(recorded), segs(plan));
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x == y || y.contains("${"))
}

/// For each recording step (the HAR entry it sends), the plan sampler that sends it: matched in order, each sampler once,
/// looking a bounded distance ahead so one unmatched step does not swallow the rest.
fn align(har: &magpie_core::har::Har, sent: impl Iterator<Item = usize>, samplers: &[Sampler]) -> Vec<Option<usize>> {
    let mut next = 0;
    sent.map(|entry| {
        let r = &har.log.entries[entry].request;
        let (method, path) = (r.method.to_ascii_uppercase(), url_path(&r.url));
        let hit = (next..samplers.len().min(next + 64)).find(|&i| samplers[i].method == method && same_path(path, &samplers[i].path));
        if let Some(i) = hit {
            next = i + 1;
        }
        hit
    })
    .collect()
}

/// Adds edits replacing whole-token occurrences of `value` in the samplers' properties with
/// `replacement`, skipping text earlier edits claimed; returns how many were added.
fn replace_in<'s, 'a: 's>(
    doc: &JmxDoc,
    samplers: impl IntoIterator<Item = &'s Sampler<'a>>,
    value: &str,
    replacement: &str,
    edits: &mut Vec<Edit>,
) -> usize {
    let token_char = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut n = 0;
    for s in samplers {
        for p in &s.props {
            for (at, _) in p.value.match_indices(value) {
                let before = p.value[..at].chars().next_back();
                let after = p.value[at + value.len()..].chars().next();
                if token_char(before) || token_char(after) {
                    continue;
                }
                let Some(range) = doc.raw_range(p, at..at + value.len()) else { continue };
                if edits.iter().any(|e| e.range.start < range.end && range.start < e.range.end) {
                    continue;
                }
                edits.push(Edit { range, text: escape_text(replacement) });
                n += 1;
            }
        }
    }
    n
}

/// The edit that adds `els` to `sampler`'s hashTree (first or last), indented like the sampler's
/// children; None when the tree cannot be located.
fn insert_children(doc: &JmxDoc, sampler: &TestElement, els: &[Element], first: bool) -> Option<Edit> {
    let src = doc.source.as_str();
    let tree = sampler.tree_span.clone()?;
    let line_start = src[..sampler.span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &src[line_start..sampler.span.start];
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let level = indent.len() / 2 + 1;
    let xml: String = els.iter().map(|e| element_xml(e, level)).collect();
    let tree_text = &src[tree.clone()];
    if tree_text.ends_with("/>") {
        return Some(Edit { range: tree, text: format!("<hashTree>\n{xml}{indent}</hashTree>") });
    }
    let at = if first {
        tree.start + tree_text.find('\n')? + 1
    } else {
        let close = tree.end - "</hashTree>".len();
        src[..close].rfind('\n')? + 1
    };
    Some(Edit { range: at..at, text: xml })
}

fn apply_edits(source: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(source.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue; // overlaps an earlier edit
        }
        out.push_str(&source[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&source[at..]);
    out
}

/// Variable names the plan already uses, so inserted extractors get names of their own.
struct VariableNames {
    taken: std::collections::HashSet<String>,
}

impl VariableNames {
    fn of(doc: &JmxDoc) -> Self {
        let mut taken = std::collections::HashSet::new();
        let src = &doc.source;
        for (at, _) in src.match_indices("${") {
            let name: String = src[at + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            taken.insert(name);
        }
        doc.walk(&mut |e, _| {
            for p in &e.props {
                if p.name.ends_with("refname") || p.name == "referenceNames" || p.name == "VAR" {
                    taken.insert(p.value.clone());
                }
            }
        });
        VariableNames { taken }
    }

    fn fresh(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{wanted}_{n}");
            n += 1;
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_with_plan_variables() {
        assert!(same_path("/api/cart/c-123/items", "/api/cart/${cart_id}/items"));
        assert!(same_path("/app/login.xhtml;jsessionid=AB12", "/app/login.xhtml"));
        assert!(!same_path("/api/cart/c-123", "/api/cart/c-123/items"));
        assert_eq!(url_path("http://h:8080/a/b?x=1"), "/a/b");
        assert_eq!(url_path("/a?x"), "/a");
        assert_eq!(url_path("https://h"), "/");
    }
}

/// The scope for [`correlate_plan`] named on the command line: the pre-order index of the one
/// element that has children (a thread group, a controller) whose name is `name`, or whose path
/// is (`Test Plan › Users › Checkout`, for names used twice).
pub fn scope_named(plan_source: &str, plan_name: &str, name: &str) -> Result<usize> {
    let doc = JmxDoc::parse(plan_source.to_string(), plan_name)?;
    let mut matches: Vec<(usize, String)> = vec![];
    let mut n = 0;
    doc.walk(&mut |e, ancestors| {
        let path = magpie_core::jmx::doc::element_path(ancestors, e);
        if e.tree_span.is_some() && !e.children.is_empty() && (e.testname == name || path == name) {
            matches.push((n, path));
        }
        n += 1;
    });
    match matches.as_slice() {
        [(index, _)] => Ok(*index),
        [] => Err(magpie_core::Error::bad_input(plan_name, name, "no thread group or controller of that name (or path) in the plan")),
        several => {
            let paths: Vec<&str> = several.iter().map(|(_, p)| p.as_str()).collect();
            Err(magpie_core::Error::bad_input(
                plan_name,
                name,
                format!("{} elements have that name: {}; give the path instead", several.len(), paths.join("; ")),
            ))
        }
    }
}

/// The element at pre-order index `index` (0 = the first top-level element, as the GUI's tree).
fn element_at(doc: &JmxDoc, index: usize) -> Option<&TestElement> {
    let mut n = 0;
    let mut found = None;
    doc.walk(&mut |e, _| {
        if n == index {
            found = Some(e);
        }
        n += 1;
    });
    found
}

/// A recorded response, as JMeter shows it: status line and headers, body, content type.
#[derive(Debug, Clone, Serialize)]
pub struct RecordedResponse {
    pub entry: usize,
    pub headers: String,
    pub body: String,
    pub mime: String,
}

/// The recorded response of the plan's element at pre-order `index` (an HTTP sampler): the
/// recording's requests matched to the plan's samplers as in plan mode; the final response
/// when JMeter follows the browser's redirects. None when no recorded request matches it.
pub fn recorded_response(plan_source: String, plan_name: &str, har_bytes: Vec<u8>, har_name: &str, index: usize) -> Result<Option<RecordedResponse>> {
    let doc = JmxDoc::parse(plan_source, plan_name)?;
    let har = magpie_core::har::parse(&har_bytes, har_name)?;
    drop(har_bytes);
    let Some(target) = element_at(&doc, index) else { return Ok(None) };
    let selection = select::select(&har.log.entries, &Options::default());
    let samplers = http_samplers(&doc);
    let map = align(&har, selection.steps.iter().map(|s| s.entries[0]), &samplers);
    let Some(step) = map.iter().position(|m| m.is_some_and(|i| samplers[i].el.span == target.span)) else { return Ok(None) };
    let planned = &selection.steps[step];
    let entry = if planned.follow_redirects { *planned.entries.last().expect("non-empty") } else { planned.entries[0] };
    let e = &har.log.entries[entry];
    Ok(Some(RecordedResponse {
        entry,
        headers: magpie_correlate::field_text(e, &magpie_correlate::RegexField::Headers),
        body: magpie_correlate::field_text(e, &magpie_correlate::RegexField::Body),
        mime: e.response.content.mime_type.clone(),
    }))
}

/// "Create extractor from response": `extractor` (validated by the caller's candidates) under the
/// plan's element at pre-order `index`, writing `variable`; with `replace_later`, literal uses of
/// `value` in later samplers become `${variable}`. Returns the changed text, the variable name
/// used (made unique in the plan) and how many literals were replaced.
pub fn insert_extractor(
    plan_source: String,
    plan_name: &str,
    index: usize,
    extractor: magpie_correlate::Extractor,
    variable: &str,
    value: &str,
    replace_later: bool,
) -> Result<(String, String, usize)> {
    let doc = JmxDoc::parse(plan_source, plan_name)?;
    let target = element_at(&doc, index)
        .ok_or_else(|| magpie_core::Error::bad_input(plan_name, format!("element {index}"), "no such element in the plan"))?;
    let mut names = VariableNames::of(&doc);
    let variable = names.fresh(if variable.is_empty() { "value" } else { variable });
    let c = magpie_correlate::Correlation {
        variable: variable.clone(),
        value: value.to_string(),
        origin_step: 0,
        origin_entry: 0,
        origin: String::new(),
        extractor,
        in_sub_sample: false,
        url_encoded: 0,
        json_escaped: false,
        base64_inner: None,
        uses: vec![],
    };
    let mut edits = vec![];
    let mut replaced = 0;
    if replace_later && !value.is_empty() {
        let later: Vec<Sampler> = http_samplers(&doc).into_iter().filter(|s| s.el.span.start >= target.span.end).collect();
        replaced = replace_in(&doc, &later, value, &format!("${{{variable}}}"), &mut edits);
    }
    let edit = insert_children(&doc, target, &[crate::plan::extractor_element(&c)], false)
        .ok_or_else(|| magpie_core::Error::bad_input(plan_name, target.testname.clone(), "cannot place an element under it (no hashTree, or tab indentation)"))?;
    edits.push(edit);
    Ok((apply_edits(&doc.source, edits), variable, replaced))
}
