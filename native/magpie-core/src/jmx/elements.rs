//! Builders for the JMeter 5.6.3 test elements Magpie generates, with the property names,
//! types and order JMeter's own GUI classes save (checked against SaveService in a JVM test).
use super::{Element, ElementProp, Prop};

fn elem_prop(name: &str, element_type: &str, attrs: &[(&str, &str)], props: Vec<Prop>) -> Prop {
    Prop::Elem(ElementProp {
        name: name.to_string(),
        element_type: element_type.to_string(),
        attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        props,
    })
}

/// A plain `Argument` (name = value), as in User Defined Variables.
fn argument(name: &str, value: &str) -> Prop {
    elem_prop(
        name,
        "Argument",
        &[],
        vec![Prop::str("Argument.name", name), Prop::str("Argument.value", value), Prop::str("Argument.metadata", "=")],
    )
}

/// The Test Plan, with its User Defined Variables.
pub fn test_plan(name: &str, variables: &[(String, String)]) -> Element {
    let args = variables.iter().map(|(n, v)| argument(n, v)).collect();
    Element::new("TestPlan", "TestPlanGui", name)
        .prop(elem_prop(
            "TestPlan.user_defined_variables",
            "Arguments",
            &[("guiclass", "ArgumentsPanel"), ("testclass", "Arguments"), ("testname", "User Defined Variables")],
            vec![Prop::coll("Arguments.arguments", args)],
        ))
        .prop(Prop::bool("TestPlan.functional_mode", false))
        .prop(Prop::bool("TestPlan.serialize_threadgroups", false))
}

/// A Thread Group whose size comes from expressions (usually `${__P(threads,1)}`).
pub fn thread_group(name: &str, threads: &str, ramp_up: &str, loops: &str) -> Element {
    Element::new("ThreadGroup", "ThreadGroupGui", name)
        .prop(Prop::str("ThreadGroup.num_threads", threads))
        .prop(Prop::str("ThreadGroup.ramp_time", ramp_up))
        .prop(Prop::bool("ThreadGroup.same_user_on_next_iteration", true))
        .prop(Prop::str("ThreadGroup.on_sample_error", "continue"))
        .prop(elem_prop(
            "ThreadGroup.main_controller",
            "LoopController",
            &[("guiclass", "LoopControlPanel"), ("testclass", "LoopController"), ("testname", "Loop Controller")],
            vec![Prop::str("LoopController.loops", loops), Prop::bool("LoopController.continue_forever", false)],
        ))
}

/// Cookie Manager that starts every iteration with an empty jar (a new user session).
pub fn cookie_manager() -> Element {
    Element::new("CookieManager", "CookiePanel", "HTTP Cookie Manager")
        .prop(Prop::coll("CookieManager.cookies", vec![]))
        .prop(Prop::bool("CookieManager.clearEachIteration", true))
        .prop(Prop::bool("CookieManager.controlledByThreadGroup", false))
}

pub fn header_manager(name: &str, headers: &[(String, String)]) -> Element {
    let items = headers
        .iter()
        .map(|(n, v)| elem_prop("", "Header", &[], vec![Prop::str("Header.name", n), Prop::str("Header.value", v)]))
        .collect();
    Element::new("HeaderManager", "HeaderPanel", name).prop(Prop::coll("HeaderManager.headers", items))
}

pub fn transaction_controller(name: &str) -> Element {
    Element::new("TransactionController", "TransactionControllerGui", name)
        .prop(Prop::bool("TransactionController.includeTimers", false))
        .prop(Prop::bool("TransactionController.parent", false))
}

/// Flow Control Action that pauses the thread (a think time).
pub fn pause(name: &str, duration_ms: &str) -> Element {
    Element::new("TestAction", "TestActionGui", name)
        .prop(Prop::int("ActionProcessor.action", 1))
        .prop(Prop::int("ActionProcessor.target", 0))
        .prop(Prop::str("ActionProcessor.duration", duration_ms))
}

/// What an HTTP Request sends as its body.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpBody {
    None,
    /// Decoded name/value pairs JMeter encodes itself (urlencoded form or query arguments).
    Form(Vec<(String, String)>),
    /// Sent byte-for-byte ("Body Data").
    Raw(String),
    /// multipart/form-data: text fields and file parts (param name, file path, MIME type).
    Multipart { fields: Vec<(String, String)>, files: Vec<(String, String, String)> },
}

#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub name: String,
    pub protocol: String,
    pub domain: String,
    pub port: String,
    pub method: String,
    /// Path including the query string, as sent.
    pub path: String,
    pub body: HttpBody,
    pub follow_redirects: bool,
}

fn http_argument(name: &str, value: &str, encode: bool) -> Prop {
    elem_prop(
        name,
        "HTTPArgument",
        &[],
        vec![
            Prop::bool("HTTPArgument.always_encode", encode),
            Prop::str("Argument.value", value),
            Prop::str("Argument.metadata", "="),
            Prop::bool("HTTPArgument.use_equals", true),
            Prop::str("Argument.name", name),
        ],
    )
}

/// The sampler's arguments: raw body data, or name/value pairs JMeter encodes.
fn http_arguments(body: &HttpBody) -> Prop {
    if let HttpBody::Raw(text) = body {
        let raw = elem_prop(
            "",
            "HTTPArgument",
            &[],
            vec![
                Prop::bool("HTTPArgument.always_encode", false),
                Prop::str("Argument.value", text),
                Prop::str("Argument.metadata", "="),
            ],
        );
        return elem_prop("HTTPsampler.Arguments", "Arguments", &[], vec![Prop::coll("Arguments.arguments", vec![raw])]);
    }
    let (fields, encode): (&[(String, String)], bool) = match body {
        HttpBody::Form(f) => (f, true),
        HttpBody::Multipart { fields, .. } => (fields, false),
        _ => (&[], true),
    };
    let args = fields.iter().map(|(n, v)| http_argument(n, v, encode)).collect();
    elem_prop(
        "HTTPsampler.Arguments",
        "Arguments",
        &[("guiclass", "HTTPArgumentsPanel"), ("testclass", "Arguments"), ("testname", "User Defined Variables")],
        vec![Prop::coll("Arguments.arguments", args)],
    )
}

pub fn http_request(r: &HttpRequest) -> Element {
    // HTTPSamplerProxy's constructor creates its arguments, so SaveService writes them first.
    let mut e = Element::new("HTTPSamplerProxy", "HttpTestSampleGui", &r.name)
        .prop(http_arguments(&r.body))
        .prop(Prop::str("HTTPSampler.domain", &r.domain))
        .prop(Prop::str("HTTPSampler.port", &r.port))
        .prop(Prop::str("HTTPSampler.protocol", &r.protocol))
        .prop(Prop::str("HTTPSampler.contentEncoding", if r.body == HttpBody::None { "" } else { "UTF-8" }))
        .prop(Prop::str("HTTPSampler.path", &r.path))
        .prop(Prop::str("HTTPSampler.method", &r.method))
        .prop(Prop::bool("HTTPSampler.follow_redirects", r.follow_redirects))
        .prop(Prop::bool("HTTPSampler.auto_redirects", false))
        .prop(Prop::bool("HTTPSampler.use_keepalive", true))
        .prop(Prop::bool("HTTPSampler.postBodyRaw", matches!(r.body, HttpBody::Raw(_))));
    if let HttpBody::Multipart { files, .. } = &r.body {
        e = e.prop(Prop::bool("HTTPSampler.DO_MULTIPART_POST", true));
        let file_args = files
            .iter()
            .map(|(param, path, mime)| {
                elem_prop(
                    path,
                    "HTTPFileArg",
                    &[],
                    vec![Prop::str("File.mimetype", mime), Prop::str("File.path", path), Prop::str("File.paramname", param)],
                )
            })
            .collect();
        e = e.prop(elem_prop("HTTPsampler.Files", "HTTPFileArgs", &[], vec![Prop::coll("HTTPFileArgs.files", file_args)]));
    }
    e
}

/// Which sample results a post-processor reads: the main one, or sub-samples too (redirect hops).
fn scope(e: Element, all: bool) -> Element {
    if all {
        e.prop(Prop::str("Sample.scope", "all"))
    } else {
        e
    }
}

/// Regular Expression Extractor on the body or the response headers.
pub fn regex_extractor(name: &str, var: &str, headers: bool, regex: &str, match_no: u32, default: &str, all: bool) -> Element {
    let e = Element::new("RegexExtractor", "RegexExtractorGui", name)
        .prop(Prop::str("RegexExtractor.useHeaders", if headers { "true" } else { "false" }))
        .prop(Prop::str("RegexExtractor.refname", var))
        .prop(Prop::str("RegexExtractor.regex", regex))
        .prop(Prop::str("RegexExtractor.template", "$1$"))
        .prop(Prop::str("RegexExtractor.default", default))
        .prop(Prop::bool("RegexExtractor.default_empty_value", false))
        .prop(Prop::str("RegexExtractor.match_number", match_no.to_string()));
    scope(e, all)
}

/// Boundary Extractor: the text between `left` and `right` (literals).
pub fn boundary_extractor(name: &str, var: &str, headers: bool, left: &str, right: &str, match_no: u32, default: &str, all: bool) -> Element {
    let e = Element::new("BoundaryExtractor", "BoundaryExtractorGui", name)
        .prop(Prop::str("BoundaryExtractor.useHeaders", if headers { "true" } else { "false" }))
        .prop(Prop::str("BoundaryExtractor.refname", var))
        .prop(Prop::str("BoundaryExtractor.lboundary", left))
        .prop(Prop::str("BoundaryExtractor.rboundary", right))
        .prop(Prop::str("BoundaryExtractor.default", default))
        .prop(Prop::bool("BoundaryExtractor.default_empty_value", false))
        .prop(Prop::str("BoundaryExtractor.match_number", match_no.to_string()));
    scope(e, all)
}

/// JSON Extractor (Jayway JsonPath).
pub fn json_extractor(name: &str, var: &str, path: &str, match_no: u32, default: &str, all: bool) -> Element {
    let e = Element::new("JSONPostProcessor", "JSONPostProcessorGui", name)
        .prop(Prop::str("JSONPostProcessor.referenceNames", var))
        .prop(Prop::str("JSONPostProcessor.jsonPathExprs", path))
        .prop(Prop::str("JSONPostProcessor.match_numbers", match_no.to_string()))
        .prop(Prop::str("JSONPostProcessor.defaultValues", default));
    scope(e, all)
}

/// CSS Selector Extractor (JSoup).
pub fn css_extractor(name: &str, var: &str, selector: &str, attribute: &str, match_no: u32, default: &str, all: bool) -> Element {
    let e = Element::new("HtmlExtractor", "HtmlExtractorGui", name)
        .prop(Prop::str("HtmlExtractor.refname", var))
        .prop(Prop::str("HtmlExtractor.expr", selector))
        .prop(Prop::str("HtmlExtractor.attribute", attribute))
        .prop(Prop::str("HtmlExtractor.default", default))
        .prop(Prop::bool("HtmlExtractor.default_empty_value", false))
        .prop(Prop::str("HtmlExtractor.match_number", match_no.to_string()))
        .prop(Prop::str("HtmlExtractor.extractor_impl", "JSOUP"));
    scope(e, all)
}

/// Java's `String.hashCode`: JMeter names the entries of `Asserion.test_strings` by it.
fn java_hash(s: &str) -> i32 {
    s.encode_utf16().fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32))
}

/// What a Response Assertion looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssertField {
    ResponseCode,
    ResponseData,
}

/// Response Assertion (`Asserion.test_strings` — sic — is what JMeter calls it). `test_type`
/// bits: MATCH=1 CONTAINS=2 NOT=4 EQUALS=8 SUBSTRING=16 OR=32.
pub fn response_assertion(name: &str, field: AssertField, test_type: i64, patterns: &[String]) -> Element {
    let strings = patterns.iter().map(|p| Prop::Str(java_hash(p).to_string(), p.clone())).collect();
    let field = match field {
        AssertField::ResponseCode => "Assertion.response_code",
        AssertField::ResponseData => "Assertion.response_data",
    };
    // ResponseAssertion's constructor creates the test strings, so SaveService writes them first.
    Element::new("ResponseAssertion", "AssertionGui", name)
        .prop(Prop::coll("Asserion.test_strings", strings))
        .prop(Prop::str("Assertion.custom_message", ""))
        .prop(Prop::str("Assertion.test_field", field))
        .prop(Prop::bool("Assertion.assume_success", false))
        .prop(Prop::int("Assertion.test_type", test_type))
}

/// Magpie Soft Failure Assertion (a test element of the Magpie jar): the recorded response's
/// fingerprint, in the properties `dev.magpie.jmeter.runtime.SoftFailureAssertion` reads.
pub fn soft_failure_assertion(content_type: &str, size: u64, min_size_percent: i64, path: &str, ignore: &str) -> Element {
    Element::new("dev.magpie.jmeter.runtime.SoftFailureAssertion", "dev.magpie.jmeter.runtime.SoftFailureAssertionGui", "Magpie soft failures")
        .prop(Prop::str("MagpieSoftFailure.content_type", content_type))
        .prop(Prop::Long("MagpieSoftFailure.recorded_size".into(), size as i64))
        .prop(Prop::int("MagpieSoftFailure.min_size_percent", min_size_percent))
        .prop(Prop::str("MagpieSoftFailure.recorded_path", path))
        .prop(Prop::str("MagpieSoftFailure.ignore", ignore))
}

/// Magpie Extractor Outcome Recorder (a listener of the Magpie jar): for each listed extractor
/// (`sampler label`, `variable`, `default`), whether a run matched or fell back to the default.
pub fn extractor_outcome_recorder(file: &str, extractors: &[(String, String, String)]) -> Element {
    let list: Vec<String> = extractors.iter().map(|(s, v, d)| format!("{s}\t{v}\t{d}")).collect();
    Element::new("dev.magpie.jmeter.runtime.ExtractorOutcomeRecorder", "dev.magpie.jmeter.runtime.ExtractorOutcomeRecorderGui", "Magpie extractor outcomes")
        .prop(Prop::str("MagpieRecorder.file", file))
        .prop(Prop::str("MagpieRecorder.extractors", list.join("\n")))
}

/// JSR223 PreProcessor running a Groovy script, compiled once (cache key set); TestBean
/// properties in the order JMeter saves them.
pub fn jsr223_preprocessor(name: &str, script: &str) -> Element {
    jsr223("JSR223PreProcessor", name, script)
}

/// A Groovy JSR223 PostProcessor (compiled once, cached).
pub fn jsr223_postprocessor(name: &str, script: &str) -> Element {
    jsr223("JSR223PostProcessor", name, script)
}

fn jsr223(class: &str, name: &str, script: &str) -> Element {
    Element::new(class, "TestBeanGUI", name)
        .prop(Prop::str("cacheKey", "true"))
        .prop(Prop::str("filename", ""))
        .prop(Prop::str("parameters", ""))
        .prop(Prop::str("script", script))
        .prop(Prop::str("scriptLanguage", "groovy"))
}

/// JSON Assertion: the path must exist (any value).
pub fn json_path_exists_assertion(name: &str, path: &str) -> Element {
    Element::new("JSONPathAssertion", "JSONPathAssertionGui", name)
        .prop(Prop::str("JSON_PATH", path))
        .prop(Prop::str("EXPECTED_VALUE", ""))
        .prop(Prop::bool("JSONVALIDATION", false))
        .prop(Prop::bool("EXPECT_NULL", false))
        .prop(Prop::bool("INVERT", false))
        .prop(Prop::bool("ISREGEX", true))
}

#[cfg(test)]
mod tests {
    use super::java_hash;

    #[test]
    fn java_string_hash() {
        // "200" is 49586 in every JMX JMeter saves with a 200 status assertion.
        assert_eq!(java_hash("200"), 49586);
        assert_eq!(java_hash(""), 0);
        assert_eq!(java_hash("Sign in"), -542111160);
    }
}
