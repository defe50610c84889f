//! Magpie core model: HAR and JMX types, parsers and writers.
pub mod error;
pub use error::{Error, Result};
