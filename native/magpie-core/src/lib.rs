//! Magpie core model: HAR and JMX types, parsers and writers.
//! No network, no JNI, no printing: callers decide how to report.
pub mod atomic;
pub mod error;
pub mod har;
pub mod jmx;
pub mod urlenc;

pub use error::{Error, Result};
