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
}

impl<'a> Elem<'a> {
    pub fn class(&self) -> &str {
        self.el.class()
    }
    pub fn is_sampler(&self) -> bool {
        is_sampler_class(self.class())
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

/// A variable defined by an element (extractor, UDV, CSV Data Set, …).
pub struct VarDef {
    pub elem: usize,
    pub name: String,
}

pub struct Context<'a> {
    pub doc: &'a JmxDoc,
    pub elems: Vec<Elem<'a>>,
    pub uses: Vec<VarUse>,
    pub defs: Vec<VarDef>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a JmxDoc) -> Context<'a> {
        let mut elems: Vec<Elem<'a>> = vec![];
        let mut stack: Vec<usize> = vec![];
        doc.walk(&mut |e, ancestors| {
            stack.truncate(ancestors.len());
            let (line, column) = doc.line_col(e.span.start);
            let active = e.enabled && stack.iter().all(|&a| elems[a].el.enabled);
            let index = elems.len();
            elems.push(Elem { el: e, index, ancestors: stack.clone(), path: element_path(ancestors, e), line, column, active });
            stack.push(index);
        });
        let mut uses = vec![];
        let mut defs = vec![];
        for e in &elems {
            for p in e.el.all_props() {
                for name in variable_refs(&p.value) {
                    uses.push(VarUse { elem: e.index, name });
                }
            }
            for name in defined_variables(e.el) {
                defs.push(VarDef { elem: e.index, name });
            }
        }
        Context { doc, elems, uses, defs }
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
        let depth = e.ancestors.len() + 1;
        self.elems[e.index + 1..]
            .iter()
            .take_while(move |c| c.ancestors.len() >= depth)
            .filter(move |c| c.ancestors.len() == depth)
    }

    /// All descendants of `e`, in tree order.
    pub fn descendants<'s>(&'s self, e: &'s Elem) -> impl Iterator<Item = &'s Elem<'a>> + 's {
        let depth = e.ancestors.len() + 1;
        self.elems[e.index + 1..].iter().take_while(move |c| c.ancestors.len() >= depth)
    }

    /// Elements that apply to sampler `s` by JMeter's scoping: config elements, assertions,
    /// timers and processors that are children of `s` or of one of its ancestors.
    pub fn in_scope_of<'s>(&'s self, s: &'s Elem) -> impl Iterator<Item = &'s Elem<'a>> + 's {
        let mut owners: Vec<usize> = s.ancestors.clone();
        owners.push(s.index);
        self.elems.iter().filter(move |e| e.ancestors.last().is_some_and(|p| owners.contains(p)) && !e.is_sampler())
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

/// XML escaping as JMeter's SaveService writes text.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// Names referenced as `${name}` (function calls `${__x(...)}` are not variables).
pub fn variable_refs(text: &str) -> BTreeSet<String> {
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
        "Arguments" => e
            .prop("Arguments.arguments")
            .map(|c| c.children.iter().filter_map(|a| a.prop("Argument.name")).map(|n| n.value.clone()).collect())
            .unwrap_or_default(),
        "TestPlan" => e
            .prop("TestPlan.user_defined_variables")
            .and_then(|u| u.prop("Arguments.arguments"))
            .map(|c| c.children.iter().filter_map(|a| a.prop("Argument.name")).map(|n| n.value.clone()).collect())
            .unwrap_or_default(),
        "CounterConfig" => one("CounterConfig.name"),
        "RandomVariableConfig" => one("variableName"),
        "UserParameters" => e
            .prop("UserParameters.names")
            .map(|c| c.children.iter().map(|n| n.value.clone()).collect())
            .unwrap_or_default(),
        _ => vec![],
    }
    .into_iter()
    .filter(|n| !n.is_empty())
    .collect()
}
