//! Correlation: dynamic values, their origins and extractors.
