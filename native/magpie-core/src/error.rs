use std::path::PathBuf;

/// Every failure Magpie reports to a user. `BadInput` and `Io` are the user's to fix (exit 2);
/// `Internal` is ours.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input could not be understood: names the file, the place in it and what was expected.
    #[error("{file}: {place}: {message}")]
    BadInput { file: String, place: String, message: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn bad_input(file: impl Into<String>, place: impl Into<String>, message: impl Into<String>) -> Self {
        Error::BadInput { file: file.into(), place: place.into(), message: message.into() }
    }
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
