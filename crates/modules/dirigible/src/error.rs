//! The crate's one error type, and the one place it becomes a JS error.

use std::fmt;

use boa_engine::{JsError, JsNativeError};

/// What can go wrong in a Dirigible call.
#[derive(Debug)]
pub enum Error {
    /// An argument or option has the wrong type or an unusable value. `what`
    /// names it (`HttpOptions.connectTimeout`, `config.success`, `url`).
    Type {
        /// The argument or option, as the script wrote it.
        what: String,
        /// What was expected, and what was given.
        detail: String,
    },
    /// The request failed before a response arrived.
    Transport {
        /// The method of the request.
        method: String,
        /// The URL the script asked for.
        url: String,
        /// What the engine reported.
        source: jsrun_net::Error,
    },
    /// The runtime has no HTTP engine (a bad `--ca-file`, for instance).
    Engine(jsrun_net::Error),
}

impl Error {
    /// A type error for `what`.
    pub(crate) fn typ(what: impl Into<String>, detail: impl Into<String>) -> Self {
        Error::Type {
            what: what.into(),
            detail: detail.into(),
        }
    }

    /// The kind of transport failure, when this is one.
    pub fn net_kind(&self) -> Option<jsrun_net::Kind> {
        match self {
            Error::Transport { source, .. } | Error::Engine(source) => Some(source.kind()),
            Error::Type { .. } => None,
        }
    }

    /// The JS exception the synchronous client throws: a `TypeError` for bad
    /// arguments, an `Error` otherwise. The message is the `Display` form.
    pub fn to_js(&self) -> JsError {
        let e = match self {
            Error::Type { .. } => JsNativeError::typ(),
            Error::Transport { .. } | Error::Engine(_) => JsNativeError::error(),
        };
        e.with_message(self.to_string()).into()
    }
}

impl fmt::Display for Error {
    /// `HttpOptions.x must be …, got …`, or
    /// `GET http://host/path failed: could not connect: connection refused (http://host/path)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Type { what, detail } => write!(f, "{what} {detail}"),
            Error::Transport {
                method,
                url,
                source,
            } => {
                // The engine ends its text with the URL of the failing hop;
                // when that is the URL already named up front, once is enough.
                let text = source.to_string();
                let text = match source.url() {
                    Some(at) if urls_equal(at, url) => text
                        .strip_suffix(&format!(" ({at})"))
                        .map(str::to_owned)
                        .unwrap_or(text),
                    _ => text,
                };
                let line = format!("{method} {url} failed: {text}");
                // A password in the URL stays out of messages and logs.
                match url_password(url) {
                    Some(pw) => f.write_str(&line.replace(&format!(":{pw}@"), ":***@")),
                    None => f.write_str(&line),
                }
            }
            Error::Engine(source) => write!(f, "the HTTP client is not available: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Engine(source) => Some(source),
            Error::Type { .. } => None,
        }
    }
}

/// The same URL, whatever the serialisation (`http://h` and `http://h/`).
fn urls_equal(a: &str, b: &str) -> bool {
    match (url::Url::parse(a), url::Url::parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The password of `user:password@` in `url`, found textually so that it
/// is found in URLs that do not parse too.
fn url_password(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let userinfo = &authority[..authority.rfind('@')?];
    let (_, password) = userinfo.split_once(':')?;
    Some(password).filter(|p| !p.is_empty())
}
