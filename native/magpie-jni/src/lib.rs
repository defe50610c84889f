//! The JNI bridge: the only crate that knows JNI.
//!
//! Java sees one native method, `dev.magpie.jmeter.loader.MagpieNative.call(String method,
//! String requestJson) -> String`. Every call goes through [`guarded`], which catches panics and
//! turns both errors and panics into a message; the JNI glue throws that message as a
//! `dev.magpie.jmeter.loader.MagpieException`. Nothing here may unwind into the JVM.
//!
//! Adding an entry point = one line in [`dispatch`] plus a function taking and returning JSON.

mod guard;
mod report;
mod softfail;

pub use guard::{guarded, CallResult};

use jni::errors::ErrorPolicy;
use jni::objects::{JClass, JString};
use jni::strings::JNIString;
use jni::{jni_str, Env, EnvUnowned};

/// The Java exception every failure is thrown as (must exist in the same jar as `MagpieNative`).
const EXCEPTION_CLASS: &str = "dev/magpie/jmeter/loader/MagpieException";

/// The dispatch table: method name → handler taking the request JSON and returning JSON.
pub fn dispatch(method: &str, request_json: &str) -> Result<String, String> {
    match method {
        "version" => Ok(version()),
        "har2jmx" => har2jmx(request_json),
        "assess" => assess(request_json),
        "assess_fix" => assess_fix(request_json),
        "tree_ops" => tree_ops(request_json),
        "report" => report::report(request_json),
        "correlate_plan" => correlate_plan(request_json),
        "recorded_response" => recorded_response(request_json),
        "extract_candidates" => extract_candidates(request_json),
        "insert_extractor" => insert_extractor(request_json),
        // Proves end to end (Java tests) that a panic in the core becomes a MagpieException.
        "selftest_panic" => panic!("selftest_panic: deliberate panic"),
        other => Err(format!("unknown method `{other}` (known: version, har2jmx, assess, assess_fix, tree_ops, report, correlate_plan, recorded_response, extract_candidates, insert_extractor)")),
    }
}

/// Runs [`dispatch`] behind the panic guard: what every entry point does.
pub fn call(method: &str, request_json: &str) -> CallResult {
    guarded(|| dispatch(method, request_json))
}

fn version() -> String {
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "os": std::env::consts::OS,
        "arch": std::env::consts::ARCH,
    })
    .to_string()
}

fn har2jmx(request_json: &str) -> Result<String, String> {
    let req: magpie_har2jmx::Request =
        serde_json::from_str(request_json).map_err(|e| format!("har2jmx: bad request JSON: {e}"))?;
    let summary = magpie_har2jmx::convert_file(&req).map_err(|e| e.to_string())?;
    // The summary's fields, plus `text`: the same words the CLI prints, for the GUI to show.
    let mut reply = serde_json::to_value(&summary).map_err(|e| format!("har2jmx: cannot serialise the summary: {e}"))?;
    reply["text"] = serde_json::Value::String(summary.to_text());
    Ok(reply.to_string())
}

/// `{"jmx_path": …, "select": [codes], "ignore": [codes]}` of `assess` and `assess_fix`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessRequest {
    jmx_path: std::path::PathBuf,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    /// `assess_fix` only: also apply unsafe fixes.
    #[serde(default)]
    unsafe_fixes: bool,
}

fn assess_request(request_json: &str) -> Result<(AssessRequest, magpie_core::jmx::doc::JmxDoc), String> {
    let req: AssessRequest = serde_json::from_str(request_json).map_err(|e| format!("assess: bad request JSON: {e}"))?;
    let name = req.jmx_path.display().to_string();
    let text = std::fs::read_to_string(&req.jmx_path).map_err(|e| format!("{name}: {e}"))?;
    let doc = magpie_core::jmx::doc::JmxDoc::parse(text, &name).map_err(|e| e.to_string())?;
    Ok((req, doc))
}

/// The report (score, findings with element index and fixes) plus `text`, as the CLI prints it.
fn assess(request_json: &str) -> Result<String, String> {
    let (req, doc) = assess_request(request_json)?;
    let selection = magpie_assess::Selection { select: req.select, ignore: req.ignore };
    let name = req.jmx_path.display().to_string();
    let report = magpie_assess::assess(&doc, &name, &selection);
    let mut reply = serde_json::to_value(&report).map_err(|e| e.to_string())?;
    reply["text"] = serde_json::Value::String(magpie_assess::output::text(&report));
    Ok(reply.to_string())
}

/// The fixed plan text (nothing written), how many fixes it applies, and a unified diff to preview.
fn assess_fix(request_json: &str) -> Result<String, String> {
    let (req, doc) = assess_request(request_json)?;
    let selection = magpie_assess::Selection { select: req.select, ignore: req.ignore };
    let name = req.jmx_path.display().to_string();
    let report = magpie_assess::assess(&doc, &name, &selection);
    let (fixed, applied) = magpie_assess::fix::apply(&doc.source, &report.findings, req.unsafe_fixes);
    let diff = magpie_assess::output::diff(&name, &doc.source, &fixed);
    let mut reply = serde_json::json!({"applied": applied, "fixed_text": fixed, "diff": diff});
    // The same change as operations on JMeter's tree (the GUI applies them in place, undoable).
    match ops_between(&doc, fixed, &name) {
        Ok(ops) => reply["ops"] = ops,
        Err(why) => reply["ops_error"] = serde_json::Value::String(why),
    }
    Ok(reply.to_string())
}

/// `{"before_path": plan, "after_text": text}` → `{"ops": [...]}`: the tree operations that turn
/// the plan in `before_path` into `after_text` (the GUI's "Undo last fix").
fn tree_ops(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct TreeOpsRequest {
        before_path: std::path::PathBuf,
        after_text: String,
    }
    let req: TreeOpsRequest = serde_json::from_str(request_json).map_err(|e| format!("tree_ops: bad request JSON: {e}"))?;
    let name = req.before_path.display().to_string();
    let text = std::fs::read_to_string(&req.before_path).map_err(|e| format!("{name}: {e}"))?;
    let before = magpie_core::jmx::doc::JmxDoc::parse(text, &name).map_err(|e| e.to_string())?;
    let ops = ops_between(&before, req.after_text, "the plan to restore")?;
    Ok(serde_json::json!({ "ops": ops }).to_string())
}

/// `{"jmx_path", "har_path", "only_values"?, "scope"?}` → what the recording's correlations do to the plan
/// (`applied`, `skipped`, `matched_steps`, `steps`), the changed text, a diff, and the change as
/// tree operations (`ops`, or `ops_error`). Nothing is written.
fn correlate_plan(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct CorrelatePlanRequest {
        jmx_path: std::path::PathBuf,
        har_path: std::path::PathBuf,
        #[serde(default)]
        only_values: Option<Vec<String>>,
        /// Pre-order index of the element to correlate within (the selected controller).
        #[serde(default)]
        scope: Option<usize>,
    }
    let req: CorrelatePlanRequest =
        serde_json::from_str(request_json).map_err(|e| format!("correlate_plan: bad request JSON: {e}"))?;
    let name = req.jmx_path.display().to_string();
    let text = std::fs::read_to_string(&req.jmx_path).map_err(|e| format!("{name}: {e}"))?;
    let har_name = req.har_path.display().to_string();
    let har = std::fs::read(&req.har_path).map_err(|e| format!("{har_name}: {e}"))?;
    let before = magpie_core::jmx::doc::JmxDoc::parse(text.clone(), &name).map_err(|e| e.to_string())?;
    let result = magpie_har2jmx::correlate_plan(text, &name, har, &har_name, &Default::default(), req.only_values.as_deref(), req.scope)
        .map_err(|e| e.to_string())?;
    let mut reply = serde_json::to_value(&result).map_err(|e| e.to_string())?;
    reply["diff"] = serde_json::Value::String(magpie_assess::output::diff(&name, &before.source, &result.text));
    match ops_between(&before, result.text.clone(), &name) {
        Ok(ops) => reply["ops"] = ops,
        Err(why) => reply["ops_error"] = serde_json::Value::String(why),
    }
    reply["text"] = serde_json::Value::String(result.text);
    Ok(reply.to_string())
}

/// `{"jmx_path", "har_path", "element"}` → the recorded response of that sampler
/// (`{"response": {entry, headers, body, mime}}`, or `{"response": null}` when no recorded
/// request matches it).
fn recorded_response(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RecordedRequest {
        jmx_path: std::path::PathBuf,
        har_path: std::path::PathBuf,
        element: usize,
    }
    let req: RecordedRequest = serde_json::from_str(request_json).map_err(|e| format!("recorded_response: bad request JSON: {e}"))?;
    let name = req.jmx_path.display().to_string();
    let text = std::fs::read_to_string(&req.jmx_path).map_err(|e| format!("{name}: {e}"))?;
    let har_name = req.har_path.display().to_string();
    let har = std::fs::read(&req.har_path).map_err(|e| format!("{har_name}: {e}"))?;
    let response = magpie_har2jmx::recorded_response(text, &name, har, &har_name, req.element).map_err(|e| e.to_string())?;
    Ok(serde_json::json!({ "response": response }).to_string())
}

/// `{"headers", "body", "mime", "value"}` → `{"candidates": [{extractor, score, why, describe}]}`:
/// every validated extractor that yields `value` from that response, best first.
fn extract_candidates(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ExtractRequest {
        #[serde(default)]
        headers: String,
        #[serde(default)]
        body: String,
        #[serde(default)]
        mime: String,
        value: String,
    }
    let req: ExtractRequest = serde_json::from_str(request_json).map_err(|e| format!("extract_candidates: bad request JSON: {e}"))?;
    let ranked = magpie_correlate::extract::candidates_in(&req.headers, &req.body, &req.mime, &req.value);
    let candidates: Vec<serde_json::Value> = ranked
        .iter()
        .map(|r| {
            serde_json::json!({
                "extractor": r.extractor, "score": r.score, "why": r.why,
                "describe": r.extractor.describe(), "name_hint": r.extractor.name_hint(),
            })
        })
        .collect();
    Ok(serde_json::json!({ "candidates": candidates }).to_string())
}

/// `{"jmx_path", "element", "extractor", "variable", "value", "replace_later"}` → the plan with the
/// extractor under that element (and later literals replaced): `text`, `variable`, `replaced`,
/// `diff`, `ops` (or `ops_error`). Nothing is written.
fn insert_extractor(request_json: &str) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct InsertRequest {
        jmx_path: std::path::PathBuf,
        element: usize,
        extractor: magpie_correlate::Extractor,
        variable: String,
        #[serde(default)]
        value: String,
        #[serde(default)]
        replace_later: bool,
    }
    let req: InsertRequest = serde_json::from_str(request_json).map_err(|e| format!("insert_extractor: bad request JSON: {e}"))?;
    let name = req.jmx_path.display().to_string();
    let text = std::fs::read_to_string(&req.jmx_path).map_err(|e| format!("{name}: {e}"))?;
    let before = magpie_core::jmx::doc::JmxDoc::parse(text.clone(), &name).map_err(|e| e.to_string())?;
    let (changed, variable, replaced) =
        magpie_har2jmx::insert_extractor(text, &name, req.element, req.extractor, &req.variable, &req.value, req.replace_later)
            .map_err(|e| e.to_string())?;
    let mut reply = serde_json::json!({
        "variable": variable,
        "replaced": replaced,
        "diff": magpie_assess::output::diff(&name, &before.source, &changed),
    });
    match ops_between(&before, changed.clone(), &name) {
        Ok(ops) => reply["ops"] = ops,
        Err(why) => reply["ops_error"] = serde_json::Value::String(why),
    }
    reply["text"] = serde_json::Value::String(changed);
    Ok(reply.to_string())
}

fn ops_between(before: &magpie_core::jmx::doc::JmxDoc, after_text: String, after_name: &str) -> Result<serde_json::Value, String> {
    let after = magpie_core::jmx::doc::JmxDoc::parse(after_text, after_name).map_err(|e| e.to_string())?;
    let ops = magpie_core::jmx::treediff::tree_ops(before, &after)?;
    serde_json::to_value(ops).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// JNI glue

/// Why a native call failed: a JNI problem in the glue, or the call's own error message.
#[derive(Debug)]
enum Failure {
    Jni(jni::errors::Error),
    Call(String),
}

impl From<jni::errors::Error> for Failure {
    fn from(e: jni::errors::Error) -> Self {
        Failure::Jni(e)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Jni(e) => write!(f, "internal error: JNI: {e}"),
            Failure::Call(msg) => f.write_str(msg),
        }
    }
}

/// Throws `MagpieException(message)` (falling back to `RuntimeException` if that class cannot be
/// found) unless an exception is already pending, which then wins.
fn throw(env: &mut Env<'_>, message: &str) {
    if env.exception_check() {
        return;
    }
    let msg = JNIString::new(message);
    match env.find_class(JNIString::new(EXCEPTION_CLASS)) {
        Ok(class) => {
            let _ = env.throw_new(&class, &msg);
        }
        Err(_) => {
            // Clear whatever FindClass left pending (NoClassDefFoundError) and throw a plain one.
            env.exception_clear();
            let _ = env.throw_new(jni_str!("java/lang/RuntimeException"), &msg);
        }
    }
}

/// Error policy: every error and panic becomes a thrown `MagpieException`; the native method
/// returns its type's default (null, 0).
struct ThrowMagpieException;

impl<T: Default> ErrorPolicy<T, Failure> for ThrowMagpieException {
    type Captures<'unowned_env_local: 'native_method, 'native_method> = ();

    fn on_error<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut (),
        err: Failure,
    ) -> jni::errors::Result<T> {
        throw(env, &err.to_string());
        Ok(T::default())
    }

    fn on_panic<'unowned_env_local: 'native_method, 'native_method>(
        env: &mut Env<'unowned_env_local>,
        _cap: &mut (),
        payload: Box<dyn std::any::Any + Send + 'static>,
    ) -> jni::errors::Result<T> {
        let message = guard::panic_message(&payload);
        // Dropping a payload can itself panic; leak it rather than risk that.
        std::mem::forget(payload);
        throw(env, &format!("internal error: {message}"));
        Ok(T::default())
    }
}

fn string_arg(env: &Env<'_>, s: &JString<'_>, what: &str) -> Result<String, Failure> {
    if s.is_null() {
        return Err(Failure::Call(format!("{what} must not be null")));
    }
    Ok(s.try_to_string(env)?)
}

/// `static native String call(String method, String requestJson)` of
/// `dev.magpie.jmeter.loader.MagpieNative`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_magpie_jmeter_loader_MagpieNative_call<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    method: JString<'caller>,
    request_json: JString<'caller>,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<JString<'caller>, Failure> {
            let method = string_arg(env, &method, "method")?;
            let request = string_arg(env, &request_json, "request JSON")?;
            let out = call(&method, &request).map_err(Failure::Call)?;
            Ok(JString::from_str(env, out)?)
        })
        .resolve::<ThrowMagpieException>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_reports_crate_version_os_and_arch() {
        let v: serde_json::Value = serde_json::from_str(&call("version", "{}").unwrap()).unwrap();
        assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(v["os"], std::env::consts::OS);
        assert_eq!(v["arch"], std::env::consts::ARCH);
    }

    #[test]
    fn selftest_panic_is_caught() {
        assert_eq!(call("selftest_panic", "{}"), Err("internal error: selftest_panic: deliberate panic".to_string()));
    }

    #[test]
    fn unknown_method_is_an_error_naming_it() {
        let err = call("frobnicate", "{}").unwrap_err();
        assert!(err.contains("unknown method `frobnicate`"), "{err}");
    }

    #[test]
    fn malformed_request_json_names_the_problem() {
        let err = call("har2jmx", "{not json").unwrap_err();
        assert!(err.starts_with("har2jmx: bad request JSON:"), "{err}");
        let err = call("har2jmx", r#"{"har_path":"a.har"}"#).unwrap_err();
        assert!(err.contains("output_path"), "{err}");
    }

    #[test]
    fn missing_har_file_is_an_error_naming_the_file() {
        let dir = std::env::temp_dir().join("magpie-jni-test-missing");
        let har = dir.join("does-not-exist.har");
        let req = serde_json::json!({"har_path": har, "output_path": dir.join("out.jmx")});
        let err = call("har2jmx", &req.to_string()).unwrap_err();
        assert!(err.contains("does-not-exist.har"), "{err}");
    }
}
