//! HTTP configuration rules (MK2…, config family): cookie/cache managers, recorded headers,
//! hard-coded servers, timeouts.
//!
//! Shared here: what an HTTP sampler and HTTP Request Defaults are, the thread group an
//! element runs in, the headers of a Header Manager, and edits that insert a config element
//! into a thread group or delete a line-aligned range.
mod embedded_resources_sequential;
mod hard_coded_server;
mod missing_timeouts;
mod no_cache_manager;
mod no_cookie_manager;
mod replay_breaking_header;


use magpie_core::jmx::doc::Property;

use crate::context::{Context, Elem};
pub(crate) use crate::context::whole_lines;
use crate::rule::{Edit, Rule};

pub static RULES: &[&dyn Rule] = &[
    &no_cookie_manager::NoCookieManager,
    &no_cache_manager::NoCacheManager,
    &hard_coded_server::HardCodedServer,
    &replay_breaking_header::ReplayBreakingHeader,
    &missing_timeouts::MissingTimeouts,
    &embedded_resources_sequential::EmbeddedResourcesSequential,
];

pub(crate) fn is_http_sampler(e: &Elem) -> bool {
    matches!(e.class(), "HTTPSamplerProxy" | "HTTPSampler" | "HTTPSampler2" | "AjpSampler" | "GraphQLHTTPSampler")
        || e.el.guiclass.ends_with("HttpTestSampleGui")
}

/// HTTP Request Defaults: a ConfigTestElement saved by HttpDefaultsGui.
pub(crate) fn is_http_defaults(e: &Elem) -> bool {
    e.class() == "ConfigTestElement" && e.el.guiclass.rsplit('.').next() == Some("HttpDefaultsGui")
}

/// The thread group `e` runs in when it runs where it stands (enabled, enabled ancestors);
/// None for elements that only run as a Module Controller's target or outside thread groups,
/// whose scope at run time this position does not show.
pub(crate) fn thread_group<'c, 'a>(ctx: &'c Context<'a>, e: &Elem) -> Option<&'c Elem<'a>> {
    if !e.el.enabled || !e.ancestors.iter().all(|&a| ctx.elems[a].el.enabled) {
        return None;
    }
    ctx.thread_group(e)
}

/// Active HTTP samplers that run in a thread group, grouped by it (thread groups in tree order).
pub(crate) fn samplers_by_thread_group<'c, 'a>(ctx: &'c Context<'a>) -> Vec<(&'c Elem<'a>, Vec<&'c Elem<'a>>)> {
    let mut groups: Vec<(&Elem, Vec<&Elem>)> = vec![];
    for s in ctx.active().filter(|e| is_http_sampler(e)) {
        let Some(tg) = thread_group(ctx, s) else { continue };
        match groups.iter_mut().find(|(g, _)| g.index == tg.index) {
            Some((_, v)) => v.push(s),
            None => groups.push((tg, vec![s])),
        }
    }
    groups
}

/// Active config elements of `class` that apply to `s`.
pub(crate) fn in_scope<'c, 'a>(ctx: &'c Context<'a>, s: &'c Elem<'_>, pred: impl Fn(&Elem) -> bool + 'c) -> impl Iterator<Item = &'c Elem<'a>> + 'c {
    ctx.in_scope_of(s).filter(move |e| e.active && pred(e))
}

/// A header of a Header Manager: its name, value and the `elementProp` that holds it.
pub(crate) struct Header<'a> {
    pub name: String,
    pub value: String,
    pub prop: &'a Property,
}

pub(crate) fn headers<'a>(e: &Elem<'a>) -> Vec<Header<'a>> {
    let el: &'a magpie_core::jmx::doc::TestElement = e.el;
    el.prop("HeaderManager.headers")
        .map(|c| c.children.iter())
        .into_iter()
        .flatten()
        .filter_map(|h| {
            let name = h.prop("Header.name")?.value.trim().to_string();
            let value = h.prop("Header.value").map(|v| v.value.clone()).unwrap_or_default();
            Some(Header { name, value, prop: h })
        })
        .collect()
}


/// The edit that inserts `xml` (an element and its `<hashTree/>`, unindented lines) as the first
/// child of `parent`, indented like the parent's first child. None when the parent has no
/// children to align with.
pub(crate) fn insert_first_child(ctx: &Context, parent: &Elem, xml: &str) -> Option<Edit> {
    let first = ctx.children(parent).next()?;
    let src = ctx.doc.source.as_str();
    let at = src[..first.el.span.start].rfind('\n').map(|i| i + 1)?;
    let indent = &src[at..first.el.span.start];
    if !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let text: String = xml.lines().map(|l| format!("{indent}{l}\n")).collect();
    Some(Edit { range: at..at, replacement: text })
}

/// The edit that sets a boolean property, adding it after `after` (same indentation) when absent.
pub(crate) fn set_or_add_bool(ctx: &Context, e: &Elem, name: &str, value: bool, after: &Property) -> Option<Edit> {
    let v = if value { "true" } else { "false" };
    if let Some(p) = e.el.prop(name) {
        return Some(ctx.set_value(p, v));
    }
    let src = ctx.doc.source.as_str();
    let line_start = src[..after.span.start].rfind('\n').map(|i| i + 1)?;
    let indent = &src[line_start..after.span.start];
    if !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    Some(Edit { range: after.span.end..after.span.end, replacement: format!("\n{indent}<boolProp name=\"{name}\">{v}</boolProp>") })
}

/// A literal (no `${…}`) non-empty value.
pub(crate) fn is_literal(v: &str) -> bool {
    !v.trim().is_empty() && !v.contains("${")
}
