//! The runtime's one error type.

use std::fmt;

/// What kind of failure an [`Error`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An uncaught JS exception (or rejected promise) ended the evaluation.
    Js,
    /// The script could not be parsed.
    Syntax,
    /// The script file does not exist or cannot be read.
    NotFound,
    /// The runtime could not be set up (I/O, thread, configuration).
    Setup,
    /// Errors were reported while the loop ran (in callbacks, timers,
    /// unhandled rejections); the run is failed.
    Failed,
    /// A value could not be converted to or from JSON.
    Conversion,
    /// `process.exit(code)` ended the run.
    Exit(i32),
}

/// An error of the runtime: a JS error with its message and stack, or a
/// failure of the host around it.
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The full text: for JS errors, the message followed by the JS stack
    /// (`    at f (file.js:3:9)` lines).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The exit code the CLI uses for this error (1, 2 for a missing
    /// script, or the code given to `process.exit`).
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::NotFound => 2,
            ErrorKind::Exit(code) => code,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// `Result` with the runtime's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
