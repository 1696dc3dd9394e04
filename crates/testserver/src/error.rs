//! The crate's one error type: what failed while starting the server.

use std::fmt;

/// A failure to start the test server (bind, temp files, certificate generation).
#[derive(Debug)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    what: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    pub(crate) fn new(
        what: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        Error {
            inner: Box::new(Inner {
                what: what.into(),
                source: Some(source.into()),
            }),
        }
    }

    pub(crate) fn msg(what: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                what: what.into(),
                source: None,
            }),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.source {
            Some(source) => write!(f, "{}: {source}", self.inner.what),
            None => f.write_str(&self.inner.what),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|s| s.as_ref() as &(dyn std::error::Error + 'static))
    }
}
