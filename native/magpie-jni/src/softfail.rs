//! The soft-failure assertion's fast path: called for every sample of a run, so no JSON per
//! call. A baseline is compiled once (`softFailureCompile`, JSON → handle) and kept for the life
//! of the JVM (a plan has at most one per sampler); `softFailureCheck` reads at most
//! `SCAN_LIMIT` bytes of the body into a per-thread buffer and returns null or the message.
use std::cell::RefCell;
use std::sync::RwLock;

use jni::objects::{JByteArray, JClass, JString};
use jni::sys::{jint, jlong};
use jni::EnvUnowned;
use magpie_softfail::{Baseline, Response, SCAN_LIMIT};

use crate::{string_arg, Failure, ThrowMagpieException};

/// Compiled baselines; a handle is an index + 1 (0 is never valid).
static BASELINES: RwLock<Vec<Baseline>> = RwLock::new(Vec::new());

thread_local! {
    static BODY: RefCell<Vec<i8>> = RefCell::new(vec![0; SCAN_LIMIT]);
}

pub fn compile(config: &str) -> Result<i64, String> {
    let baseline = Baseline::from_json(config)?;
    let mut all = BASELINES.write().map_err(|_| "soft-failure baselines: lock poisoned".to_string())?;
    if let Some(i) = all.iter().position(|b| *b == baseline) {
        return Ok(i as i64 + 1);
    }
    all.push(baseline);
    Ok(all.len() as i64)
}

fn check(handle: i64, response: &Response) -> Result<Option<String>, String> {
    let all = BASELINES.read().map_err(|_| "soft-failure baselines: lock poisoned".to_string())?;
    let baseline = usize::try_from(handle - 1).ok().and_then(|i| all.get(i)).ok_or_else(|| format!("no soft-failure baseline {handle}"))?;
    Ok(baseline.check(response))
}

/// `static native long softFailureCompile(String baselineJson)`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_magpie_jmeter_loader_MagpieNative_softFailureCompile<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    config: JString<'caller>,
) -> jlong {
    unowned_env
        .with_env(|env| -> Result<jlong, Failure> {
            let config = string_arg(env, &config, "baseline JSON")?;
            compile(&config).map_err(Failure::Call)
        })
        .resolve::<ThrowMagpieException>()
}

/// `static native String softFailureCheck(long handle, int status, String contentType, String url,
/// byte[] body)`: null when the response is fine, else `Magpie soft failure: …`.
#[unsafe(no_mangle)]
pub extern "system" fn Java_dev_magpie_jmeter_loader_MagpieNative_softFailureCheck<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    handle: jlong,
    status: jint,
    content_type: JString<'caller>,
    url: JString<'caller>,
    body: JByteArray<'caller>,
) -> JString<'caller> {
    unowned_env
        .with_env(|env| -> Result<JString<'caller>, Failure> {
            let content_type = if content_type.is_null() { String::new() } else { content_type.try_to_string(env)? };
            let url = if url.is_null() { String::new() } else { url.try_to_string(env)? };
            let body_len = if body.is_null() { 0 } else { body.len(env)? };
            let verdict = BODY.with(|buf| -> Result<Option<String>, Failure> {
                let mut buf = buf.borrow_mut();
                let n = body_len.min(SCAN_LIMIT);
                if n > 0 {
                    body.get_region(env, 0, &mut buf[..n])?;
                }
                // jbyte is i8: the same bytes, read as u8.
                let bytes: &[u8] = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), n) };
                let response = Response {
                    status: u16::try_from(status).unwrap_or(0),
                    content_type: &content_type,
                    url: &url,
                    body: bytes,
                    body_len: body_len as u64,
                };
                check(handle, &response).map_err(Failure::Call)
            })?;
            match verdict {
                Some(message) => Ok(JString::from_str(env, message)?),
                None => Ok(JString::default()),
            }
        })
        .resolve::<ThrowMagpieException>()
}
