//! The one error type of the HTTP engine.
//!
//! Every failure is an [`Error`] with a [`Kind`]. The curl code of each kind is
//! defined in exactly one place, [`Kind::curl_code`]; the API bindings map from
//! there to their own shapes (OHOS `2300000 + code`, 4D `errCode`, Dirigible
//! messages).

use std::borrow::Cow;
use std::fmt;

/// A boxed error source.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong. Each kind maps to one curl error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// The URL's scheme is not `http` or `https` (curl 1).
    UnsupportedProtocol,
    /// The URL cannot be parsed, or has no host (curl 3).
    BadUrl,
    /// The proxy's host name did not resolve (curl 5).
    ProxyResolve,
    /// The host name did not resolve (curl 6).
    HostResolve,
    /// The TCP connection was refused or failed (curl 7).
    Connect,
    /// The server sent something that is not HTTP (curl 8).
    WeirdReply,
    /// HTTP/2 framing or stream error (curl 16).
    Http2,
    /// The body ended before its announced length (curl 18).
    PartialBody,
    /// The transfer was aborted by the caller: cancelled, or a consumer refused data (curl 23).
    Aborted,
    /// Sending the request body failed (curl 25).
    Upload,
    /// A local file (upload, multipart part) could not be opened or read (curl 26).
    ReadLocalFile,
    /// An allocation or buffer limit of the engine was hit (curl 27).
    OutOfMemory,
    /// A connect, read or total timeout fired (curl 28).
    Timeout,
    /// Too many redirects, or a redirect loop (curl 47).
    TooManyRedirects,
    /// The server closed the connection without sending anything (curl 52).
    EmptyReply,
    /// Writing to the socket failed (curl 55).
    Send,
    /// Reading from the socket failed, or the response head was too large (curl 56).
    Recv,
    /// The client certificate or key could not be used (curl 58).
    LocalCert,
    /// No usable cipher / protocol version could be negotiated (curl 59).
    Cipher,
    /// The server's certificate or public-key pin did not validate (curl 60).
    PeerCert,
    /// The response's content encoding could not be decoded (curl 61).
    BadContentEncoding,
    /// The response body exceeded the configured size limit (curl 63).
    TooLarge,
    /// A CA file or folder could not be read or parsed (curl 77).
    CaFile,
    /// Authentication failed, or an auth challenge could not be answered (curl 94).
    Auth,
    /// The host is not on the allow-list; no connection was made (OHOS 998).
    NotAllowed,
    /// An option value was invalid (reported as unknown, 999).
    InvalidArgument,
    /// Anything else (999).
    Unknown,
}

impl Kind {
    /// The curl error code of this kind: the one place this mapping lives.
    ///
    /// `NotAllowed` (998) and `Unknown`/`InvalidArgument` (999) are OHOS's own
    /// codes beyond curl's range.
    pub const fn curl_code(self) -> u32 {
        match self {
            Kind::UnsupportedProtocol => 1,
            Kind::BadUrl => 3,
            Kind::ProxyResolve => 5,
            Kind::HostResolve => 6,
            Kind::Connect => 7,
            Kind::WeirdReply => 8,
            Kind::Http2 => 16,
            Kind::PartialBody => 18,
            Kind::Aborted => 23,
            Kind::Upload => 25,
            Kind::ReadLocalFile => 26,
            Kind::OutOfMemory => 27,
            Kind::Timeout => 28,
            Kind::TooManyRedirects => 47,
            Kind::EmptyReply => 52,
            Kind::Send => 55,
            Kind::Recv => 56,
            Kind::LocalCert => 58,
            Kind::Cipher => 59,
            Kind::PeerCert => 60,
            Kind::BadContentEncoding => 61,
            Kind::TooLarge => 63,
            Kind::CaFile => 77,
            Kind::Auth => 94,
            Kind::NotAllowed => 998,
            Kind::InvalidArgument | Kind::Unknown => 999,
        }
    }

    /// A short description of the kind, used at the start of the error message.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::UnsupportedProtocol => "unsupported protocol",
            Kind::BadUrl => "invalid URL",
            Kind::ProxyResolve => "could not resolve proxy",
            Kind::HostResolve => "could not resolve host",
            Kind::Connect => "could not connect",
            Kind::WeirdReply => "invalid server response",
            Kind::Http2 => "HTTP/2 error",
            Kind::PartialBody => "response body cut short",
            Kind::Aborted => "transfer aborted",
            Kind::Upload => "upload failed",
            Kind::ReadLocalFile => "could not read local file",
            Kind::OutOfMemory => "out of memory",
            Kind::Timeout => "timed out",
            Kind::TooManyRedirects => "too many redirects",
            Kind::EmptyReply => "empty reply from server",
            Kind::Send => "failed to send data",
            Kind::Recv => "failed to receive data",
            Kind::LocalCert => "client certificate error",
            Kind::Cipher => "TLS negotiation failed",
            Kind::PeerCert => "server certificate rejected",
            Kind::BadContentEncoding => "bad content encoding",
            Kind::TooLarge => "response too large",
            Kind::CaFile => "CA certificate problem",
            Kind::Auth => "authentication failed",
            Kind::NotAllowed => "host not allowed",
            Kind::InvalidArgument => "invalid option",
            Kind::Unknown => "unknown error",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most characters of a URL (or other text from the caller or the
/// server) an error message shows; [`Error::url`] keeps the whole URL.
pub(crate) const SHOWN_CHARS: usize = 2000;

/// `text` as an error message shows it: the first [`SHOWN_CHARS`]
/// characters, then `… (N bytes)` when there is more.
pub(crate) fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}… ({} bytes)", &text[..cut], text.len())),
    }
}

/// Like [`shorten`], the shown part quoted as `{:?}` quotes it.
pub(crate) fn shorten_quoted(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => format!("{text:?}"),
        Some((cut, _)) => format!("{:?}… ({} bytes)", &text[..cut], text.len()),
    }
}

/// An error of the HTTP engine.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: Kind,
    detail: Option<String>,
    source: Option<BoxError>,
    url: Option<String>,
}

impl Error {
    /// An error of `kind` with no further detail.
    pub(crate) fn new(kind: Kind) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                detail: None,
                source: None,
                url: None,
            }),
        }
    }

    /// An error of `kind` with a human-readable detail.
    pub(crate) fn with_detail(kind: Kind, detail: impl Into<String>) -> Self {
        Error::new(kind).detail(detail)
    }

    /// An error of `kind` caused by `source`.
    pub(crate) fn with_source(kind: Kind, source: impl Into<BoxError>) -> Self {
        let mut e = Error::new(kind);
        e.inner.source = Some(source.into());
        e
    }

    /// Adds a human-readable detail.
    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Self {
        self.inner.detail = Some(detail.into());
        self
    }

    /// Records the URL the failure happened on (kept if one is already set).
    pub(crate) fn at(mut self, url: impl fmt::Display) -> Self {
        if self.inner.url.is_none() {
            self.inner.url = Some(url.to_string());
        }
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> Kind {
        self.inner.kind
    }

    /// The curl code of this failure (see [`Kind::curl_code`]).
    pub fn curl_code(&self) -> u32 {
        self.inner.kind.curl_code()
    }

    /// The URL the failure happened on, when known, in full (the message
    /// shows at most 2,000 characters of it).
    pub fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }

    /// True for connect, read and total timeouts.
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == Kind::Timeout
    }

    /// True when no connection could be made (refused, unreachable, unresolvable).
    pub fn is_connect(&self) -> bool {
        matches!(
            self.inner.kind,
            Kind::Connect | Kind::HostResolve | Kind::ProxyResolve
        )
    }

    /// True when the transfer was cancelled or aborted by the caller.
    pub fn is_aborted(&self) -> bool {
        self.inner.kind == Kind::Aborted
    }

    /// True for TLS failures (peer certificate, pin, cipher, local certificate, CA file).
    pub fn is_tls(&self) -> bool {
        matches!(
            self.inner.kind,
            Kind::PeerCert | Kind::Cipher | Kind::LocalCert | Kind::CaFile
        )
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("jsrun_net::Error");
        d.field("kind", &self.inner.kind);
        if let Some(detail) = &self.inner.detail {
            d.field("detail", detail);
        }
        if let Some(url) = &self.inner.url {
            d.field("url", &shorten(url));
        }
        if let Some(source) = &self.inner.source {
            d.field("source", source);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    /// `<kind>[: <detail>][: <source>] (<url>)`, e.g.
    /// `could not connect: connection refused (http://127.0.0.1:9/)`. A URL
    /// longer than 2,000 characters is cut, ending `… (N bytes)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.inner.kind.as_str())?;
        if let Some(detail) = &self.inner.detail {
            write!(f, ": {detail}")?;
        }
        if let Some(source) = &self.inner.source {
            write!(f, ": {source}")?;
        }
        if let Some(url) = &self.inner.url {
            write!(f, " ({})", shorten(url))?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_ref().map(|e| &**e as _)
    }
}
