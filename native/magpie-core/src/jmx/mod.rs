//! JMeter test-plan model for generated plans, and the one serializer that writes it the way
//! JMeter 5.6.3's SaveService does, so a generated plan loads and saves back byte-identical.
//!
//! Format facts (checked by a JVM round-trip test): XML declaration, `jmeterTestPlan` root with
//! version/properties/jmeter attributes, two-space indent, every test element followed by its
//! `hashTree` (`<hashTree/>` when it has no children), `enabled` written only when false,
//! properties a constructor creates first (SaveService writes those before the file's own),
//! empty strings as `<stringProp name="x"></stringProp>`, empty collections self-closed,
//! text escaped with `&amp; &lt; &gt; &quot; &apos;` and `&#xd;` for CR (attributes also
//! `&#x9;` and `&#xa;`). See java-plugin/src/test/resources/SAVESERVICE-FORMAT.md.

pub mod doc;
pub mod elements;
pub mod treediff;

/// A property of a test element, in the order JMeter keeps them.
#[derive(Debug, Clone, PartialEq)]
pub enum Prop {
    Str(String, String),
    Bool(String, bool),
    Int(String, i64),
    Long(String, i64),
    Elem(ElementProp),
    Coll(String, Vec<Prop>),
}

/// A nested element (`elementProp`): an Argument, a Header, the Arguments of a sampler...
#[derive(Debug, Clone, PartialEq)]
pub struct ElementProp {
    pub name: String,
    pub element_type: String,
    /// guiclass/testclass/testname attributes, when JMeter writes them for this element.
    pub attrs: Vec<(String, String)>,
    pub props: Vec<Prop>,
}

/// A test element in the tree: its tag is its test class (`HTTPSamplerProxy`...).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: String,
    pub guiclass: String,
    pub testname: String,
    pub enabled: bool,
    pub props: Vec<Prop>,
    pub children: Vec<Element>,
}

impl Prop {
    pub fn str(name: &str, value: impl Into<String>) -> Prop {
        Prop::Str(name.to_string(), value.into())
    }
    pub fn bool(name: &str, value: bool) -> Prop {
        Prop::Bool(name.to_string(), value)
    }
    pub fn int(name: &str, value: i64) -> Prop {
        Prop::Int(name.to_string(), value)
    }
    pub fn coll(name: &str, items: Vec<Prop>) -> Prop {
        Prop::Coll(name.to_string(), items)
    }
}

impl Element {
    pub fn new(tag: &str, guiclass: &str, testname: impl Into<String>) -> Element {
        Element {
            tag: tag.to_string(),
            guiclass: guiclass.to_string(),
            testname: testname.into(),
            enabled: true,
            props: vec![],
            children: vec![],
        }
    }
    pub fn prop(mut self, p: Prop) -> Element {
        self.props.push(p);
        self
    }
    pub fn child(mut self, c: Element) -> Element {
        self.children.push(c);
        self
    }
    /// Depth-first walk, parents before children.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Element)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }
}

/// Serializes a plan whose root is the Test Plan element.
pub fn write_plan(root: &Element) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">\n");
    out.push_str("  <hashTree>\n");
    write_element(&mut out, root, 2);
    out.push_str("  </hashTree>\n");
    out.push_str("</jmeterTestPlan>\n");
    out
}

/// One element and its `hashTree`, as `write_plan` would write it at nesting `level` (two
/// spaces each): for inserting generated elements into a user's plan.
pub fn element_xml(e: &Element, level: usize) -> String {
    let mut out = String::new();
    write_element(&mut out, e, level);
    out
}

/// Text escaped for an XML element's content, as JMeter's SaveService writes it.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, false);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_element(out: &mut String, e: &Element, level: usize) {
    indent(out, level);
    out.push('<');
    out.push_str(&e.tag);
    attr(out, "guiclass", &e.guiclass);
    attr(out, "testclass", &e.tag);
    attr(out, "testname", &e.testname);
    if !e.enabled {
        attr(out, "enabled", "false");
    }
    if e.props.is_empty() {
        out.push_str("/>\n");
    } else {
        out.push_str(">\n");
        for p in &e.props {
            write_prop(out, p, level + 1);
        }
        indent(out, level);
        out.push_str("</");
        out.push_str(&e.tag);
        out.push_str(">\n");
    }
    indent(out, level);
    if e.children.is_empty() {
        out.push_str("<hashTree/>\n");
    } else {
        out.push_str("<hashTree>\n");
        for c in &e.children {
            write_element(out, c, level + 1);
        }
        indent(out, level);
        out.push_str("</hashTree>\n");
    }
}

fn write_prop(out: &mut String, p: &Prop, level: usize) {
    indent(out, level);
    match p {
        Prop::Str(n, v) => simple(out, "stringProp", n, v),
        Prop::Bool(n, v) => simple(out, "boolProp", n, if *v { "true" } else { "false" }),
        Prop::Int(n, v) => simple(out, "intProp", n, &v.to_string()),
        Prop::Long(n, v) => simple(out, "longProp", n, &v.to_string()),
        Prop::Coll(n, items) => {
            out.push_str("<collectionProp");
            attr(out, "name", n);
            if items.is_empty() {
                out.push_str("/>\n");
                return;
            }
            out.push_str(">\n");
            for i in items {
                write_prop(out, i, level + 1);
            }
            indent(out, level);
            out.push_str("</collectionProp>\n");
        }
        Prop::Elem(ep) => {
            out.push_str("<elementProp");
            attr(out, "name", &ep.name);
            attr(out, "elementType", &ep.element_type);
            for (k, v) in &ep.attrs {
                attr(out, k, v);
            }
            if ep.props.is_empty() {
                out.push_str("/>\n");
                return;
            }
            out.push_str(">\n");
            for i in &ep.props {
                write_prop(out, i, level + 1);
            }
            indent(out, level);
            out.push_str("</elementProp>\n");
        }
    }
}

fn simple(out: &mut String, tag: &str, name: &str, value: &str) {
    out.push('<');
    out.push_str(tag);
    attr(out, "name", name);
    out.push('>');
    escape_into(out, value, false);
    out.push_str("</");
    out.push_str(tag);
    out.push_str(">\n");
}

fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value, true);
    out.push('"');
}

/// XStream's escaping as JMeter configures it; attributes also escape TAB and LF.
fn escape_into(out: &mut String, s: &str, attribute: bool) {
    for c in s.chars() {
        match c {
            '\t' if attribute => out.push_str("&#x9;"),
            '\n' if attribute => out.push_str("&#xa;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#xd;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 => {
                // Not representable in XML 1.0; JMeter would fail to reload it. Callers avoid it.
                out.push_str(&format!("&#x{:x};", c as u32));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_savesevice_shape() {
        let plan = Element::new("TestPlan", "TestPlanGui", "P & \"Q\"")
            .prop(Prop::bool("TestPlan.functional_mode", false))
            .prop(Prop::coll("Arguments.arguments", vec![]))
            .prop(Prop::str("x", ""))
            .child(Element::new("ThreadGroup", "ThreadGroupGui", "T").prop(Prop::int("n", 1)));
        let xml = write_plan(&plan);
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<jmeterTestPlan version=\"1.2\" properties=\"5.0\" jmeter=\"5.6.3\">
  <hashTree>
    <TestPlan guiclass=\"TestPlanGui\" testclass=\"TestPlan\" testname=\"P &amp; &quot;Q&quot;\">
      <boolProp name=\"TestPlan.functional_mode\">false</boolProp>
      <collectionProp name=\"Arguments.arguments\"/>
      <stringProp name=\"x\"></stringProp>
    </TestPlan>
    <hashTree>
      <ThreadGroup guiclass=\"ThreadGroupGui\" testclass=\"ThreadGroup\" testname=\"T\">
        <intProp name=\"n\">1</intProp>
      </ThreadGroup>
      <hashTree/>
    </hashTree>
  </hashTree>
</jmeterTestPlan>
";
        assert_eq!(xml, expected);
    }

    #[test]
    fn escapes_text() {
        let mut s = String::new();
        escape_into(&mut s, "a<b>&'\"\r\n\t", false);
        assert_eq!(s, "a&lt;b&gt;&amp;&apos;&quot;&#xd;\n\t");
        let mut s = String::new();
        escape_into(&mut s, "a\tb\nc\r", true);
        assert_eq!(s, "a&#x9;b&#xa;c&#xd;");
    }
}
