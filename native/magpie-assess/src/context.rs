//! What every rule needs to know about a plan, computed once: the elements in tree order with
//! their paths and positions, what kind of element each is, and where variables are defined
//! and used.
use std::collections::BTreeSet;

use magpie_core::jmx::doc::{element_path, JmxDoc, Property, TestElement};
use regex::Regex;

use crate::rule::Edit;

/// One element of the plan with what rules ask about it.
pub struct Elem<'a> {
    pub el: &'a TestElement,
    /// Index in `Context::elems` (tree order).
    pub index: usize,
    /// Indices of the ancestors, root first.
    pub ancestors: Vec<usize>,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// False when the element or any ancestor is disabled.
    pub active: bool,
    /// Produces sample results (computed once: rules ask for every element, often).
    sampler: bool,
}

impl<'a> Elem<'a> {
    pub fn class(&self) -> &str {
        self.el.class()
    }
    pub fn is_sampler(&self) -> bool {
        self.sampler
    }
}

/// Classes that produce sample results (JMeter's Sampler implementations we know, and any
/// plugin class whose name says so).
pub fn is_sampler_class(class: &str) -> bool {
    matches!(
        class,
        "HTTPSamplerProxy" | "HTTPSampler" | "HTTPSampler2" | "JSR223Sampler" | "BeanShellSampler" | "DebugSampler"
            | "JDBCSampler" | "TCPSampler" | "JavaSampler" | "SMTPSampler" | "FTPSampler" | "LDAPSampler"
            | "LDAPExtSampler" | "JMSSampler" | "PublisherSampler" | "SubscriberSampler" | "SystemSampler"
            | "AccessLogSampler" | "MailReaderSampler" | "BoltSampler" | "MongoScriptSampler" | "AjpSampler"
            | "GraphQLHTTPSampler" | "TestAction"
    ) || (class.contains('.') && class.ends_with("Sampler"))
}

/// A `${name}` reference in some property of an element.
pub struct VarUse {
    pub elem: usize,
    pub name: String,
}

/// A variable defined by an element (extractor, UDV, CSV Data Set, …). A name ending in `*` is
/// a prefix: the element defines every variable that starts with it.
pub struct VarDef {
    pub elem: usize,
    pub name: String,
}

pub struct Context<'a> {
    pub doc: &'a JmxDoc,
    pub elems: Vec<Elem<'a>>,
    pub uses: Vec<VarUse>,
    pub defs: Vec<VarDef>,
    /// Values the correlation engine found to be server-issued in a recording of this journey
    /// (`magpie assess --har rec.har`); empty without a recording.
    pub known_dynamic: &'a [KnownDynamic],
    /// Direct children of each element, by index (scoping lookups stay linear in depth).
    kids: Vec<Vec<usize>>,
    /// What every HTTP request sends, computed once for the six rules that scan it.
    pub(crate) request_pairs: std::sync::OnceLock<Vec<crate::rules::correlation::Pair<'a>>>,
}

/// A value a recording proves dynamic, and where the server issued it.
#[derive(Debug, Clone)]
pub struct KnownDynamic {
    pub value: String,
    /// The variable name the engine would extract it into.
    pub variable: String,
    /// Where it comes from, e.g. `entry 4 HTML meta[name="csrf-token"] @content`.
    pub origin: String,
}

impl VarDef {
    pub fn defines(&self, name: &str) -> bool {
        match self.name.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => self.name == name,
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a JmxDoc) -> Context<'a> {
        Context::with_known(doc, &[])
    }

    pub fn with_known(doc: &'a JmxDoc, known_dynamic: &'a [KnownDynamic]) -> Context<'a> {
        let mut elems: Vec<Elem<'a>> = vec![];
        let mut stack: Vec<usize> = vec![];
        doc.walk(&mut |e, ancestors| {
            stack.truncate(ancestors.len());
            let (line, column) = doc.line_col(e.span.start);
            let active = e.enabled && stack.iter().all(|&a| elems[a].el.enabled);
            let index = elems.len();
            let sampler = is_sampler_class(e.class());
            elems.push(Elem { el: e, index, ancestors: stack.clone(), path: element_path(ancestors, e), line, column, active, sampler });
            stack.push(index);
        });
        mark_module_targets_active(&mut elems);
        let mut uses = vec![];
        let mut defs = vec![];
        for e in &elems {
            for name in defined_variables(e.el) {
                defs.push(VarDef { elem: e.index, name });
            }
            for p in e.el.all_props() {
                for name in variable_refs(&p.value) {
                    uses.push(VarUse { elem: e.index, name });
                }
                for name in function_and_script_definitions(&p.value) {
                    defs.push(VarDef { elem: e.index, name });
                }
                // Plugins that define a family of variables (`variablesPrefix` = `OpNum_`).
                if p.name.to_ascii_lowercase().ends_with("prefix") && !p.value.trim().is_empty() && p.children.is_empty() {
                    defs.push(VarDef { elem: e.index, name: format!("{}*", p.value.trim()) });
                }
            }
        }
        let mut kids = vec![vec![]; elems.len()];
        for e in &elems {
            if let Some(&p) = e.ancestors.last() {
                kids[p].push(e.index);
            }
        }
        Context { doc, elems, uses, defs, known_dynamic, kids, request_pairs: Default::default() }
    }

    /// Enabled elements (and whose ancestors are all enabled).
    pub fn active(&self) -> impl Iterator<Item = &Elem<'a>> {
        self.elems.iter().filter(|e| e.active)
    }

    pub fn parent(&self, e: &Elem) -> Option<&Elem<'a>> {
        e.ancestors.last().map(|&i| &self.elems[i])
    }

    /// Direct children of `e`.
    pub fn children<'s>(&'s self, e: &'s Elem) -> impl Iterator<Item = &'s Elem<'a>> + 's {
        self.kids[e.index].iter().map(move |&k| &self.elems[k])
    }

    /// All descendants of `e`, in tree order.
    pub fn descendants<'s>(&'s self, e: &'s Elem) -> impl Iterator<Item = &'s Elem<'a>> + 's {
        let depth = e.ancestors.len() + 1;
        self.elems[e.index + 1..].iter().take_while(move |c| c.ancestors.len() >= depth)
    }

    /// Elements that apply to sampler `s` by JMeter's scoping: config elements, assertions,
    /// timers and processors that are children of `s` or of one of its ancestors.
    pub fn in_scope_of<'s>(&'s self, s: &'s Elem) -> impl Iterator<Item = &'s Elem<'a>> + 's {
        s.ancestors
            .iter()
            .chain(std::iter::once(&s.index))
            .flat_map(move |&owner| self.kids[owner].iter().map(move |&k| &self.elems[k]))
            .filter(|e| !e.is_sampler())
    }

    /// The thread group `e` runs in: the nearest ancestor-or-self that is one (core or plugin
    /// thread group); None at test-plan level.
    pub fn thread_group(&self, e: &Elem) -> Option<&Elem<'a>> {
        e.ancestors.iter().chain(std::iter::once(&e.index)).rev().map(|&i| &self.elems[i]).find(|x| is_thread_group(x))
    }

    /// The edit that sets a string property's value (escaped for XML).
    pub fn set_value(&self, p: &Property, value: &str) -> Edit {
        if p.self_closing {
            let tag = &self.doc.source[p.span.clone()];
            let open = tag.trim_end_matches("/>").trim_end();
            Edit { range: p.span.clone(), replacement: format!("{open}>{}</{}>", escape(value), p.kind) }
        } else {
            Edit { range: p.value_span.clone(), replacement: escape(value) }
        }
    }

    /// The edit that turns `enabled` of an element to false (its start tag rewritten).
    pub fn disable(&self, e: &Elem) -> Edit {
        let tag = &self.doc.source[e.el.start_tag.clone()];
        let replacement = if tag.contains(" enabled=\"true\"") {
            tag.replacen(" enabled=\"true\"", " enabled=\"false\"", 1)
        } else {
            let end = if tag.ends_with("/>") { tag.len() - 2 } else { tag.len() - 1 };
            format!("{} enabled=\"false\"{}", &tag[..end], &tag[end..])
        };
        Edit { range: e.el.start_tag.clone(), replacement }
    }
}

/// Controllers that a Module Controller runs are live even inside a disabled thread group
/// (the usual "library of modules" layout): mark them and their descendants active, repeating
/// while newly live modules call further modules.
fn mark_module_targets_active(elems: &mut [Elem]) {
    while mark_module_targets_once(elems) {}
}

fn mark_module_targets_once(elems: &mut [Elem]) -> bool {
    let targets: Vec<Vec<String>> = elems
        .iter()
        .filter(|e| e.active && e.el.class() == "ModuleController")
        .filter_map(|e| e.el.prop("ModuleController.node_path"))
        .map(|p| {
            let names: Vec<String> = p.children.iter().map(|n| n.value.clone()).collect();
            // JMeter before 5 saved a leading "WorkBench".
            names.into_iter().skip_while(|n| n == "WorkBench").collect()
        })
        .filter(|names: &Vec<String>| !names.is_empty())
        .collect();
    if targets.is_empty() {
        return false;
    }
    let names: Vec<Vec<String>> = elems
        .iter()
        .map(|e| e.ancestors.iter().map(|&a| elems[a].el.testname.clone()).chain([e.el.testname.clone()]).collect())
        .collect();
    let mut changed = false;
    for (e, path) in elems.iter_mut().zip(&names) {
        if !e.active && e.el.enabled && targets.iter().any(|t| path.starts_with(t)) {
            e.active = true;
            changed = true;
        }
    }
    changed
}

/// Any thread group, core or plugin (`kg.apc.jmeter.threads.UltimateThreadGroup`, …).
pub fn is_thread_group(e: &Elem) -> bool {
    e.class().contains("ThreadGroup")
}

/// `range` grown to whole lines when only blanks surround it on its first and last lines, so
/// deleting it takes the lines' indentation and newline too.
pub fn whole_lines(ctx: &Context, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let src = ctx.doc.source.as_str();
    let line_start = src[..range.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = src[range.end..].find('\n').map(|i| range.end + i + 1).unwrap_or(src.len());
    let blank_before = src[line_start..range.start].chars().all(|c| c == ' ' || c == '\t');
    let blank_after = src[range.end..line_end].trim().is_empty();
    if blank_before && blank_after {
        line_start..line_end
    } else {
        range
    }
}

/// XML escaping as JMeter's SaveService writes text.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// Names referenced as `${name}` (function calls `${__x(...)}` are not variables).
pub fn variable_refs(text: &str) -> BTreeSet<String> {
    if !text.contains("${") {
        return BTreeSet::new();
    }
    static_regex().captures_iter(text).map(|c| c[1].to_string()).filter(|n| !n.starts_with("__")).collect()
}

fn static_regex() -> &'static Regex {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}").expect("valid"))
}

/// Variables an element defines, by the property JMeter reads the name from.
pub fn defined_variables(e: &TestElement) -> Vec<String> {
    let split = |s: &str, sep: char| s.split(sep).map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let one = |k: &str| e.str_prop(k).map(|v| vec![v.trim().to_string()]).unwrap_or_default();
    match e.class() {
        "RegexExtractor" => one("RegexExtractor.refname"),
        "HtmlExtractor" => one("HtmlExtractor.refname"),
        "XPathExtractor" => one("XPathExtractor.refname"),
        "XPath2Extractor" => one("XPathExtractor2.refname"),
        "BoundaryExtractor" => one("BoundaryExtractor.refname"),
        "JSONPostProcessor" => e.str_prop("JSONPostProcessor.referenceNames").map(|v| split(v, ';')).unwrap_or_default(),
        "JMESPathExtractor" => one("JMESExtractor.referenceName"),
        "CSVDataSet" => e.str_prop("variableNames").map(|v| split(v, ',')).unwrap_or_default(),
        "CounterConfig" => one("CounterConfig.name"),
        "RandomVariableConfig" => one("variableName"),
        "UserParameters" => e
            .prop("UserParameters.names")
            .map(|c| c.children.iter().map(|n| n.value.clone()).collect())
            .unwrap_or_default(),
        // User Defined Variables, the Test Plan's variables, and plugin controllers that carry
        // an Arguments table (ParameterizedController…): every `Argument` (not `HTTPArgument`,
        // which is a request parameter) of a non-sampler element names a variable.
        class if !is_sampler_class(class) => e
            .all_props()
            .into_iter()
            .filter(|p| p.attr("elementType") == Some("Argument"))
            .filter_map(|p| p.prop("Argument.name").map(|n| n.value.clone()))
            .collect(),
        _ => vec![],
    }
    .into_iter()
    .filter(|n| !n.is_empty())
    .collect()
}

/// The argument (0-based; `usize::MAX` = last) that names the variable a JMeter function stores
/// its result in.
fn result_variable_argument(function: &str) -> Option<usize> {
    Some(match function {
        "machineName" | "machineIP" => 0,
        "counter" | "time" | "split" | "StringFromFile" | "property" | "javaScript" | "groovy" | "jexl2" | "jexl3"
        | "BeanShell" | "evalVar" => 1,
        "Random" | "RandomString" | "changeCase" => 2,
        "dateTimeConvert" => 3,
        "digest" | "RandomDate" | "timeShift" => 4,
        "intSum" | "longSum" => usize::MAX,
        _ => return None,
    })
}

/// Variables defined by function calls (`${__counter(TRUE,COUNT)}`) and by scripts
/// (`vars.put("name", …)`) inside a property value.
pub fn function_and_script_definitions(text: &str) -> Vec<String> {
    if !text.contains("${__") && !text.contains("vars.put") {
        return vec![];
    }
    static CALL: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    static PUT: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let call = CALL.get_or_init(|| Regex::new(r"\$\{__([A-Za-z0-9]+)\(").expect("valid"));
    let put = PUT.get_or_init(|| Regex::new(r#"vars\.put(?:Object)?\(\s*["']([^"']+)["']"#).expect("valid"));
    let mut out: Vec<String> = put.captures_iter(text).map(|c| c[1].to_string()).collect();
    for c in call.captures_iter(text) {
        let Some(which) = result_variable_argument(&c[1]) else { continue };
        let args = function_arguments(&text[c.get(0).expect("match").end()..]);
        let arg = if which == usize::MAX { args.last() } else { args.get(which) };
        if let Some(name) = arg.map(|a| a.trim()).filter(|a| !a.is_empty() && !a.contains("${")) {
            out.push(name.to_string());
        }
    }
    out
}

/// Splits `a,b\,c,${x(1,2)})…` at top-level unescaped commas up to the closing parenthesis.
fn function_arguments(rest: &str) -> Vec<String> {
    let mut args = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    args.last_mut().expect("non-empty").push(n);
                }
            }
            '(' | '{' => {
                depth += 1;
                args.last_mut().expect("non-empty").push(c);
            }
            ')' if depth == 0 => break,
            ')' | '}' => {
                depth = depth.saturating_sub(1);
                args.last_mut().expect("non-empty").push(c);
            }
            ',' if depth == 0 => args.push(String::new()),
            _ => args.last_mut().expect("non-empty").push(c),
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_by_functions_and_scripts() {
        assert_eq!(function_and_script_definitions("${__counter(TRUE,COUNT)}"), vec!["COUNT"]);
        assert_eq!(function_and_script_definitions("${__intSum(${callID},1,callID)} x"), vec!["callID"]);
        assert_eq!(function_and_script_definitions("${__time(,)}"), Vec::<String>::new());
        assert_eq!(function_and_script_definitions("vars.put(\"token\", m.group(1)); vars.putObject('o', x)"), vec!["token", "o"]);
        assert_eq!(function_and_script_definitions("${__groovy(vars.get(\"a\").split(\",\")[0],first)}"), vec!["first"]);
        assert_eq!(variable_refs("${a} ${__time()} ${b.c}").into_iter().collect::<Vec<_>>(), vec!["a", "b.c"]);
    }
}
