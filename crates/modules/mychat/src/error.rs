//! The crate's one error type, and the one place a failure becomes the
//! cache entry a script reads.

use std::fmt;

/// Why `HTTPSendPostMessageAsync` produced no response body.
#[derive(Debug)]
pub enum Error {
    /// A line of the headers argument is not `Name: value`, or not valid HTTP.
    BadHeader {
        /// The line as given.
        line: String,
    },
    /// The request failed (bad URL, refused, timed out, …).
    Transport(jsrun_net::Error),
}

/// curl's "bad function argument", for a header line that cannot be sent.
const BAD_ARGUMENT: u32 = 43;

impl Error {
    /// The code in the error entry: the engine's curl code (3 bad URL,
    /// 6 unknown host, 7 refused, 28 timeout, …), 43 for a bad header line.
    pub fn code(&self) -> u32 {
        match self {
            Error::BadHeader { .. } => BAD_ARGUMENT,
            Error::Transport(e) => e.curl_code(),
        }
    }

    /// The text stored under the request's key instead of a body:
    /// `{"httppost_async_error":{"code":N,"message":"…","url":"…"}}`.
    pub fn entry(&self, url: &str) -> String {
        serde_json::json!({
            "httppost_async_error": {
                "code": self.code(),
                "message": self.to_string(),
                "url": url,
            }
        })
        .to_string()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadHeader { line } => {
                write!(f, "header line {line:?} is not \"Name: value\"")
            }
            Error::Transport(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            Error::BadHeader { .. } => None,
        }
    }
}
