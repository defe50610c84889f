//! Magpie core model: HAR and JMX types, parsers and writers.
//! No network, no JNI, no printing: callers decide how to report.
pub mod atomic;
pub mod error;
pub mod har;
pub mod jmx;
pub mod lcs;
pub mod urlenc;

pub use error::{Error, Result};

/// Where the shared test corpus lives (`../shared/corpus` beside the repository, or
/// `MAGPIE_CORPUS`): the corpus tests of every crate read it from here.
#[doc(hidden)]
pub fn test_corpus_dir() -> std::path::PathBuf {
    std::env::var_os("MAGPIE_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}
