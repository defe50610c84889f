//! The one wrapper every entry point goes through: runs the call, catches panics, and turns both
//! errors and panics into a message. No JNI here, so it is testable without a JVM.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// What a guarded call gives back: JSON on success, the error text otherwise
/// (`"internal error: <panic message>"` for a panic).
pub type CallResult = Result<String, String>;

thread_local! {
    /// Depth of guarded calls on this thread: panics inside one are caught and reported through
    /// the result, so the default hook's stderr message is suppressed for them.
    static GUARD_DEPTH: Cell<usize> = const { Cell::new(0) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that stays quiet for panics a guard will catch and defers to the
/// previous hook for every other panic.
fn install_quiet_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARD_DEPTH.with(|d| d.get()) == 0 {
                previous(info);
            }
        }));
    });
}

struct DepthGuard;

impl DepthGuard {
    fn enter() -> Self {
        GUARD_DEPTH.with(|d| d.set(d.get() + 1));
        DepthGuard
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        GUARD_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs `f`; a panic becomes `Err("internal error: <panic message>")`.
pub fn guarded<F>(f: F) -> CallResult
where
    F: FnOnce() -> CallResult,
{
    install_quiet_hook();
    let _depth = DepthGuard::enter();
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let message = panic_message(&payload);
            // Dropping a payload can itself panic; leak it rather than risk that.
            std::mem::forget(payload);
            Err(format!("internal error: {message}"))
        }
    }
}

/// The text of a panic payload (`panic!("...")` gives `&str` or `String`).
pub fn panic_message(payload: &Box<dyn Any + Send + 'static>) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_passes_through() {
        assert_eq!(guarded(|| Ok("{}".into())), Ok("{}".to_string()));
    }

    #[test]
    fn error_becomes_its_message() {
        let err = magpie_core::Error::bad_input("shop.har", "entry 3", "expected an object");
        assert_eq!(guarded(|| Err(err.to_string())), Err("shop.har: entry 3: expected an object".to_string()));
    }

    #[test]
    fn static_str_panic_becomes_internal_error() {
        assert_eq!(guarded(|| panic!("boom")), Err("internal error: boom".to_string()));
    }

    #[test]
    fn formatted_panic_becomes_internal_error() {
        let n = 7;
        assert_eq!(guarded(|| panic!("bad index {n}")), Err("internal error: bad index 7".to_string()));
    }

    #[test]
    fn non_string_panic_payload_is_reported() {
        let r = guarded(|| std::panic::panic_any(42u32));
        assert_eq!(r, Err("internal error: panic with a non-string payload".to_string()));
    }

    #[test]
    fn todo_panic_is_caught() {
        let r = guarded(|| todo!());
        assert!(r.unwrap_err().starts_with("internal error: not yet implemented"));
    }

    #[test]
    fn guard_depth_is_restored_after_a_panic() {
        let _ = guarded(|| panic!("x"));
        assert_eq!(GUARD_DEPTH.with(|d| d.get()), 0);
        let _ = guarded(|| guarded(|| panic!("nested")));
        assert_eq!(GUARD_DEPTH.with(|d| d.get()), 0);
    }
}
