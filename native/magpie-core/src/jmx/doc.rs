//! A lossless read of any .jmx: the test-element tree with the byte range of every element and
//! property value, so tools can inspect a plan and change it by byte-range edits that leave
//! everything else byte-identical. Unknown elements (plugins) are kept and walked like any other.
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::{Error, Result};

/// A parsed plan; `source` is the file as read.
#[derive(Debug, Clone)]
pub struct JmxDoc {
    pub source: String,
    /// `jmeter` attribute of the root: the JMeter version that saved it.
    pub saved_by: String,
    /// The top-level test elements (normally one Test Plan).
    pub elements: Vec<TestElement>,
    line_starts: Vec<usize>,
}

/// A test element and the elements of its `hashTree`.
#[derive(Debug, Clone)]
pub struct TestElement {
    pub tag: String,
    pub guiclass: String,
    pub testclass: String,
    pub testname: String,
    /// False only when `enabled="false"`.
    pub enabled: bool,
    /// From `<` of the start tag to the end of its end tag.
    pub span: Range<usize>,
    /// The start tag alone (`<Tag attr="…">` or `<Tag …/>`).
    pub start_tag: Range<usize>,
    /// The `hashTree` that follows the element, when there is one.
    pub tree_span: Option<Range<usize>>,
    pub props: Vec<Property>,
    pub children: Vec<TestElement>,
}

/// A property: `stringProp`, `boolProp`, `elementProp`, `collectionProp`, … or any other tag.
#[derive(Debug, Clone)]
pub struct Property {
    pub kind: String,
    pub name: String,
    /// Decoded text (empty for containers).
    pub value: String,
    /// Raw text range of the value (an empty range inside `<x></x>`; for `<x/>` the position
    /// just before `/>`, where inserting text needs the tag opened first).
    pub value_span: Range<usize>,
    pub span: Range<usize>,
    pub self_closing: bool,
    /// `elementType` and the element attributes of an `elementProp`.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Property>,
}

impl Property {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// The direct child property called `name`.
    pub fn prop(&self, name: &str) -> Option<&Property> {
        self.children.iter().find(|p| p.name == name)
    }
    /// Depth-first walk over this property and everything inside it.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Property)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

impl TestElement {
    /// The direct property called `name`.
    pub fn prop(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }
    /// The text of a direct property, if present.
    pub fn str_prop(&self, name: &str) -> Option<&str> {
        self.prop(name).map(|p| p.value.as_str())
    }
    pub fn bool_prop(&self, name: &str) -> Option<bool> {
        self.str_prop(name).map(|v| v.trim().eq_ignore_ascii_case("true"))
    }
    /// Every property at any depth.
    pub fn all_props(&self) -> Vec<&Property> {
        let mut out = vec![];
        for p in &self.props {
            p.walk(&mut |x| out.push(x));
        }
        out
    }
    /// The test class, whichever way the file names it.
    pub fn class(&self) -> &str {
        if self.testclass.is_empty() {
            &self.tag
        } else {
            &self.testclass
        }
    }
}

impl JmxDoc {
    pub fn parse(source: String, file: &str) -> Result<JmxDoc> {
        let source = match source.strip_prefix('\u{feff}') {
            Some(s) => s.to_string(),
            None => source,
        };
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut doc = JmxDoc { source, saved_by: String::new(), elements: vec![], line_starts };
        let (saved_by, elements) = {
            let mut p = Parser { reader: Reader::from_str(&doc.source), src: &doc.source, file, doc: &doc };
            p.document()?
        };
        doc.saved_by = saved_by;
        doc.elements = elements;
        Ok(doc)
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.source[start..offset.min(self.source.len())].chars().count() + 1)
    }

    /// The raw byte range in `source` of the decoded bytes `decoded` of `p`'s text (entities
    /// mapped back); None when the mapping is not certain (CDATA, self-closing, unknown entity).
    pub fn raw_range(&self, p: &Property, decoded: Range<usize>) -> Option<Range<usize>> {
        if p.self_closing {
            return None;
        }
        let raw = &self.source[p.value_span.clone()];
        if raw.contains("<![CDATA[") {
            return None;
        }
        // map[d] = raw offset of decoded byte d.
        let mut map = Vec::with_capacity(raw.len() + 1);
        let mut text = String::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let rest = &raw[i..];
            let (ch, used) = if rest.starts_with('&') {
                let semi = rest.find(';').filter(|&s| s <= 10)?;
                let ent = &rest[1..semi];
                let ch = match ent {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ if ent.starts_with("#x") => char::from_u32(u32::from_str_radix(&ent[2..], 16).ok()?)?,
                    _ if ent.starts_with('#') => char::from_u32(ent[1..].parse().ok()?)?,
                    _ => return None,
                };
                (ch, semi + 1)
            } else {
                let ch = rest.chars().next()?;
                (ch, ch.len_utf8())
            };
            for _ in 0..ch.len_utf8() {
                map.push(i);
            }
            text.push(ch);
            i += used;
        }
        map.push(raw.len());
        if text != p.value || decoded.end > text.len() {
            return None;
        }
        Some(p.value_span.start + map[decoded.start]..p.value_span.start + map[decoded.end])
    }

    /// Depth-first walk with each element's path of ancestors (root first).
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a TestElement, &[&'a TestElement])) {
        fn go<'a>(e: &'a TestElement, path: &mut Vec<&'a TestElement>, f: &mut impl FnMut(&'a TestElement, &[&'a TestElement])) {
            f(e, path);
            path.push(e);
            for c in &e.children {
                go(c, path, f);
            }
            path.pop();
        }
        let mut path = vec![];
        for e in &self.elements {
            go(e, &mut path, f);
        }
    }
}

/// `Test Plan › Users › Login › POST /login`
pub fn element_path(ancestors: &[&TestElement], e: &TestElement) -> String {
    ancestors.iter().map(|a| a.testname.as_str()).chain(std::iter::once(e.testname.as_str())).collect::<Vec<_>>().join(" › ")
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    src: &'a str,
    file: &'a str,
    doc: &'a JmxDoc,
}

/// Attributes of a tag: `name` apart.
struct Attrs {
    name: String,
    rest: Vec<(String, String)>,
}

/// One structural event with its byte range.
enum Ev {
    Start(String, Range<usize>, Attrs),
    Empty(String, Range<usize>, Attrs),
    End(Range<usize>),
    Eof,
}

impl<'a> Parser<'a> {
    fn error(&self, offset: usize, message: impl Into<String>) -> Error {
        let (l, c) = self.doc.line_col(offset);
        Error::bad_input(self.file, format!("line {l} column {c}"), message)
    }

    /// The `name` attribute apart (every property has one) and the others; the common case of a
    /// property with only a name allocates no attribute list.
    fn attrs(&self, e: &BytesStart, at: usize) -> Result<Attrs> {
        let mut name = String::new();
        let mut rest = vec![];
        // JMeter writes each attribute once; the duplicate check is quadratic work for nothing.
        for a in e.attributes().with_checks(false) {
            let a = a.map_err(|err| self.error(at, format!("not valid XML: {err}")))?;
            let value = unescape(&a.value);
            if a.key.as_ref() == "name" {
                name = value;
            } else {
                rest.push((a.key.as_ref().to_string(), value));
            }
        }
        Ok(Attrs { name, rest })
    }

    /// The next element-level event; text, comments and declarations are skipped (text values
    /// are read from the byte ranges instead).
    fn next(&mut self) -> Result<Ev> {
        loop {
            let before = self.reader.buffer_position() as usize;
            let event = self.reader.read_event().map_err(|e| {
                let at = self.reader.error_position() as usize;
                self.error(at, format!("not valid XML: {e}"))
            })?;
            let after = self.reader.buffer_position() as usize;
            // The event's range starts at its `<`, after any text the reader passed over.
            let start = self.src[before..after].find('<').map(|i| before + i).unwrap_or(before);
            return Ok(match event {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_string();
                    let attrs = self.attrs(&e, start)?;
                    Ev::Start(name, start..after, attrs)
                }
                Event::Empty(e) => {
                    let name = e.name().as_ref().to_string();
                    let attrs = self.attrs(&e, start)?;
                    Ev::Empty(name, start..after, attrs)
                }
                Event::End(_) => Ev::End(start..after),
                Event::Eof => Ev::Eof,
                _ => continue,
            });
        }
    }

    fn document(&mut self) -> Result<(String, Vec<TestElement>)> {
        match self.next()? {
            Ev::Start(name, _, attrs) if name == "jmeterTestPlan" => {
                let saved_by = attrs.rest.iter().find(|(k, _)| k == "jmeter").map(|(_, v)| v.clone()).unwrap_or_default();
                let mut elements = vec![];
                loop {
                    match self.next()? {
                        Ev::Start(n, range, _) if n == "hashTree" => elements.extend(self.tree(range.start)?.0),
                        Ev::Empty(n, _, _) if n == "hashTree" => {}
                        Ev::End(_) => break,
                        Ev::Eof => return Err(self.error(self.src.len(), "the file ends before </jmeterTestPlan>")),
                        Ev::Start(n, r, _) | Ev::Empty(n, r, _) => {
                            return Err(self.error(r.start, format!("unexpected <{n}> in <jmeterTestPlan>; expected <hashTree>")))
                        }
                    }
                }
                Ok((saved_by, elements))
            }
            Ev::Start(name, r, _) | Ev::Empty(name, r, _) => {
                Err(self.error(r.start, format!("not a JMeter test plan: the root element is <{name}>, expected <jmeterTestPlan>")))
            }
            Ev::End(r) => Err(self.error(r.start, "not valid XML: unexpected end tag")),
            Ev::Eof => Err(self.error(0, "not a JMeter test plan: the file has no XML element")),
        }
    }

    /// Reads the content of a `<hashTree>` whose start tag began at `start`, up to its end tag.
    fn tree(&mut self, start: usize) -> Result<(Vec<TestElement>, Range<usize>)> {
        let mut elements: Vec<TestElement> = vec![];
        loop {
            match self.next()? {
                Ev::Start(n, r, _) if n == "hashTree" => {
                    let (children, span) = self.tree(r.start)?;
                    attach(&mut elements, children, span);
                }
                Ev::Empty(n, r, _) if n == "hashTree" => attach(&mut elements, vec![], r),
                Ev::Start(tag, r, attrs) => {
                    let (props, end) = self.props_until_end()?;
                    elements.push(element(tag, attrs, r.clone(), r.start..end, props));
                }
                Ev::Empty(tag, r, attrs) => elements.push(element(tag, attrs, r.clone(), r, vec![])),
                Ev::End(r) => return Ok((elements, start..r.end)),
                Ev::Eof => return Err(self.error(self.src.len(), "the file ends inside a <hashTree> (truncated?)")),
            }
        }
    }

    /// Properties up to the current element's end tag; returns them and the end tag's end.
    fn props_until_end(&mut self) -> Result<(Vec<Property>, usize)> {
        let mut props = vec![];
        loop {
            match self.next()? {
                Ev::Start(kind, r, attrs) => props.push(self.property(kind, r, attrs)?),
                Ev::Empty(kind, r, attrs) => props.push(empty_property(kind, r, attrs)),
                Ev::End(r) => return Ok((props, r.end)),
                Ev::Eof => return Err(self.error(self.src.len(), "the file ends inside an element (truncated?)")),
            }
        }
    }

    fn property(&mut self, kind: String, start_tag: Range<usize>, attrs: Attrs) -> Result<Property> {
        let mut children = vec![];
        let end_tag = loop {
            match self.next()? {
                Ev::Start(k, r, a) => children.push(self.property(k, r, a)?),
                Ev::Empty(k, r, a) => children.push(empty_property(k, r, a)),
                Ev::End(r) => break r,
                Ev::Eof => return Err(self.error(self.src.len(), "the file ends inside a property (truncated?)")),
            }
        };
        let mut value_span = start_tag.end..end_tag.start;
        let mut value = if children.is_empty() { unescape(&self.src[value_span.clone()]) } else { String::new() };
        let Attrs { mut name, rest: attrs } = attrs;
        // `doubleProp` and `floatProp` keep name and value in child elements:
        // <doubleProp><name>throughput</name><value>30.0</value><savedValue>0.0</savedValue></doubleProp>
        if name.is_empty() {
            if let (Some(n), Some(v)) =
                (children.iter().find(|c| c.kind == "name"), children.iter().find(|c| c.kind == "value"))
            {
                name = n.value.clone();
                value = v.value.clone();
                value_span = v.value_span.clone();
            }
        }
        Ok(Property { kind, name, value, value_span, span: start_tag.start..end_tag.end, self_closing: false, attrs, children })
    }
}

fn empty_property(kind: String, r: Range<usize>, attrs: Attrs) -> Property {
    let Attrs { name, rest: attrs } = attrs;
    let at = r.end - 2;
    Property { kind, name, value: String::new(), value_span: at..at, span: r, self_closing: true, attrs, children: vec![] }
}

fn element(tag: String, attrs: Attrs, start_tag: Range<usize>, span: Range<usize>, props: Vec<Property>) -> TestElement {
    let get = |k: &str| attrs.rest.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
    TestElement {
        guiclass: get("guiclass"),
        testclass: get("testclass"),
        testname: get("testname"),
        enabled: get("enabled") != "false",
        tag,
        span,
        start_tag,
        tree_span: None,
        props,
        children: vec![],
    }
}

/// A `hashTree` belongs to the element just before it.
fn attach(elements: &mut [TestElement], children: Vec<TestElement>, span: Range<usize>) {
    if let Some(last) = elements.last_mut() {
        if last.tree_span.is_none() {
            last.children = children;
            last.tree_span = Some(span);
        }
    }
}

/// XML text → string: the five entities, character references, CRLF → LF.
fn unescape(raw: &str) -> String {
    if !raw.contains(['&', '\r']) {
        return raw.to_string();
    }
    let text = raw.replace("\r\n", "\n");
    match quick_xml::escape::unescape(&text) {
        Ok(s) => s.into_owned(),
        Err(_) => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
  <hashTree>
    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="Plan">
      <elementProp name="TestPlan.user_defined_variables" elementType="Arguments">
        <collectionProp name="Arguments.arguments"/>
      </elementProp>
    </TestPlan>
    <hashTree>
      <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Users" enabled="false">
        <stringProp name="ThreadGroup.num_threads">5</stringProp>
      </ThreadGroup>
      <hashTree>
        <com.example.PluginSampler testclass="com.example.PluginSampler" testname="a &amp; b">
          <stringProp name="x">1 &lt; 2&#xd;</stringProp>
          <stringProp name="empty"></stringProp>
          <doubleProp>
            <name>throughput</name>
            <value>30.0</value>
            <savedValue>0.0</savedValue>
          </doubleProp>
        </com.example.PluginSampler>
        <hashTree/>
      </hashTree>
    </hashTree>
  </hashTree>
</jmeterTestPlan>
"#;

    #[test]
    fn parses_tree_props_and_spans() {
        let doc = JmxDoc::parse(PLAN.to_string(), "p.jmx").unwrap();
        assert_eq!(doc.saved_by, "5.6.3");
        let plan = &doc.elements[0];
        assert_eq!((plan.tag.as_str(), plan.testname.as_str()), ("TestPlan", "Plan"));
        let tg = &plan.children[0];
        assert!(!tg.enabled);
        assert_eq!(tg.str_prop("ThreadGroup.num_threads"), Some("5"));
        let p = tg.prop("ThreadGroup.num_threads").unwrap();
        assert_eq!(&doc.source[p.value_span.clone()], "5");
        let plugin = &tg.children[0];
        assert_eq!(plugin.testname, "a & b");
        assert_eq!(plugin.str_prop("x"), Some("1 < 2\r"));
        assert_eq!(plugin.str_prop("empty"), Some(""));
        let d = plugin.prop("throughput").unwrap();
        assert_eq!((d.kind.as_str(), d.value.as_str(), &doc.source[d.value_span.clone()]), ("doubleProp", "30.0", "30.0"));
        assert!(doc.source[plugin.span.clone()].starts_with("<com.example.PluginSampler"));
        assert!(doc.source[plugin.span.clone()].ends_with("</com.example.PluginSampler>"));
        let udv = plan.prop("TestPlan.user_defined_variables").unwrap();
        assert_eq!(udv.attr("elementType"), Some("Arguments"));
        assert!(udv.children[0].self_closing);
        let mut paths = vec![];
        doc.walk(&mut |e, anc| paths.push(element_path(anc, e)));
        assert_eq!(paths, vec!["Plan", "Plan › Users", "Plan › Users › a & b"]);
        assert_eq!(doc.line_col(tg.span.start), (10, 7));
    }

    #[test]
    fn bad_inputs_name_the_place() {
        let err = JmxDoc::parse("<a><b></a>".into(), "x.jmx").unwrap_err().to_string();
        assert!(err.starts_with("x.jmx: line 1 column"), "{err}");
        let err = JmxDoc::parse("<html/>".into(), "x.jmx").unwrap_err().to_string();
        assert!(err.contains("not a JMeter test plan"), "{err}");
        let truncated = &PLAN[..PLAN.len() / 2];
        let err = JmxDoc::parse(truncated.into(), "t.jmx").unwrap_err().to_string();
        assert!(err.contains("t.jmx: line"), "{err}");
        let err = JmxDoc::parse("just text".into(), "n.jmx").unwrap_err().to_string();
        assert!(err.contains("not a JMeter test plan"), "{err}");
    }
}
