//! Requests and their options.

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderName, HeaderValue, Method};
use url::Url;

use crate::auth::{AuthScheme, Credentials};
use crate::body::Body;
use crate::cookie::CookieJar;
use crate::dns::DnsOptions;
use crate::error::{shorten_quoted, Error, Kind, Result};
use crate::proxy::ProxyConfig;
use crate::response::Interest;
use crate::tls::TlsOptions;

/// One HTTP request: what to send and how.
#[derive(Debug)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The URL: `http` or `https`, with a host. Credentials in it
    /// (`user:password@`) are moved to [`RequestOptions::auth`] when the
    /// request runs.
    pub url: Url,
    /// Headers in the order given; repeated names are all sent.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body.
    pub body: Body,
    /// How to send it.
    pub options: RequestOptions,
}

impl Request {
    /// A request for `url` with no headers, no body and default options.
    ///
    /// `user:password@` in the URL (percent-decoded) become Basic credentials
    /// in `options.auth`, and leave the URL.
    ///
    /// # Errors
    ///
    /// [`Kind::BadUrl`] when `url` does not parse or has no host;
    /// [`Kind::UnsupportedProtocol`] for a scheme other than `http` or `https`.
    pub fn new(method: Method, url: &str) -> Result<Request> {
        Request::from_url(method, parse_url(url)?)
    }

    /// Like [`Request::new`], with an already parsed URL.
    ///
    /// # Errors
    ///
    /// As [`Request::new`].
    pub fn from_url(method: Method, mut url: Url) -> Result<Request> {
        check_url(&url)?;
        let options = RequestOptions {
            auth: take_userinfo(&mut url),
            ..RequestOptions::default()
        };
        Ok(Request {
            method,
            url,
            headers: Vec::new(),
            body: Body::Empty,
            options,
        })
    }

    /// Appends a header (repeats allowed).
    ///
    /// # Errors
    ///
    /// [`Kind::InvalidArgument`] when the name or value is not valid in HTTP.
    pub fn add_header(&mut self, name: &str, value: &str) -> Result<()> {
        let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|e| {
            Error::with_source(Kind::InvalidArgument, e).detail(format!("header name {name:?}"))
        })?;
        let value = HeaderValue::from_str(value.trim()).map_err(|e| {
            Error::with_source(Kind::InvalidArgument, e)
                .detail(format!("value of header {:?}", name.as_str()))
        })?;
        self.headers.push((name, value));
        Ok(())
    }

    /// Sets the body. Builder style.
    pub fn with_body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// Sets the options. Builder style.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }
}

/// Parses `input`, reusing the previous result on this thread when the text
/// is the same: scripts tend to call one URL many times, and parsing costs
/// more than a copy.
fn parse_url(input: &str) -> Result<Url> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Box<str>, Url)>> = const { std::cell::RefCell::new(None) };
    }
    let text = input.trim();
    let cached = LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(t, _)| **t == *text)
            .map(|(_, u)| u.clone())
    });
    if let Some(url) = cached {
        return Ok(url);
    }
    let url = Url::parse(text)
        .map_err(|e| Error::with_source(Kind::BadUrl, e).detail(shorten_quoted(input)))?;
    LAST.with(|last| *last.borrow_mut() = Some((text.into(), url.clone())));
    Ok(url)
}

/// The longest request target hyper can send: `http::Uri`'s limit.
pub(crate) const MAX_TARGET_LEN: usize = 65_534;

/// The error for a request target over [`MAX_TARGET_LEN`].
pub(crate) fn url_too_long(len: usize) -> Error {
    Error::with_detail(
        Kind::BadUrl,
        format!("URL longer than 65,534 bytes (a request target of {len} bytes)"),
    )
}

/// Checks that `url` is something this engine can fetch.
pub(crate) fn check_url(url: &Url) -> Result<()> {
    let target = &url[url::Position::BeforePath..url::Position::AfterQuery];
    if target.len() > MAX_TARGET_LEN {
        return Err(url_too_long(target.len()).at(url));
    }
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(Error::with_detail(
                Kind::UnsupportedProtocol,
                format!("scheme {other:?} (only http and https)"),
            )
            .at(url))
        }
    }
    match url.host_str() {
        Some(h) if !h.is_empty() => Ok(()),
        _ => Err(Error::with_detail(Kind::BadUrl, "no host").at(url)),
    }
}

/// Checks a `Content-Length` the caller set against the body's length, so
/// that a wrong one fails here instead of hanging until a timeout (longer
/// than the body: the server waits for the rest) or truncating the body
/// (shorter: hyper sends only that much). Every [`Body`] has a known length
/// today; were one unknown (`None`), the header would be left to hyper,
/// which fails a body that ends early but cuts one that runs long.
///
/// Only one field of plain digits is accepted: RFC 9110 §8.6 lets a
/// recipient take `5, 5` but not a sender send it, and servers (hyper's
/// among them) answer 400.
///
/// # Errors
///
/// [`Kind::InvalidArgument`] for a value that is not a decimal number, more
/// than one field, or a value other than the body's length.
pub(crate) fn check_content_length(
    headers: &[(HeaderName, HeaderValue)],
    body_len: Option<u64>,
) -> Result<()> {
    let mut values = headers
        .iter()
        .filter(|(n, _)| n == http::header::CONTENT_LENGTH)
        .map(|(_, v)| v);
    let Some(value) = values.next() else {
        return Ok(());
    };
    if values.next().is_some() {
        return Err(Error::with_detail(
            Kind::InvalidArgument,
            "more than one content-length header",
        ));
    }
    let text = value.as_bytes().trim_ascii();
    let declared = std::str::from_utf8(text)
        .ok()
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<u64>().ok())
        .ok_or_else(|| {
            Error::with_detail(
                Kind::InvalidArgument,
                format!(
                    "content-length header {:?} is not a decimal number",
                    String::from_utf8_lossy(value.as_bytes())
                ),
            )
        })?;
    match body_len {
        Some(len) if len != declared => Err(Error::with_detail(
            Kind::InvalidArgument,
            format!(
                "content-length header says {declared} but the body has {len} byte{}",
                if len == 1 { "" } else { "s" }
            ),
        )),
        _ => Ok(()),
    }
}

/// Removes `user:password@` from `url`, returning them as Basic credentials.
pub(crate) fn take_userinfo(url: &mut Url) -> Option<Credentials> {
    if url.username().is_empty() && url.password().is_none() {
        return None;
    }
    let user = percent_decode(url.username());
    let password = url.password().map(percent_decode).unwrap_or_default();
    // Cannot fail for http(s) URLs, which always have a host.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    Some(Credentials {
        user,
        password,
        scheme: AuthScheme::Basic,
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether and how to follow redirects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Redirects {
    /// Return 3xx responses as they are.
    None,
    /// Follow up to `max` redirects; one more is [`Kind::TooManyRedirects`].
    Follow {
        /// How many redirects may be followed.
        max: u32,
        /// Accept a relative `Location` (resolved against the hop's URL).
        /// When false, a relative location is [`Kind::WeirdReply`] (Apache
        /// HttpClient's `relativeRedirectsAllowed`, used by Dirigible).
        allow_relative: bool,
        /// Allow visiting the same URL with the same method twice. When
        /// false, doing so is [`Kind::TooManyRedirects`] with the detail
        /// "redirect loop" (Apache HttpClient's `circularRedirectsAllowed`).
        allow_circular: bool,
        /// What the redirect beyond `max` gives: when true,
        /// [`Kind::TooManyRedirects`] (curl, OHOS, Dirigible); when false,
        /// that redirect response itself is returned (4D returns the 6th).
        fail_when_exceeded: bool,
    },
}

impl Redirects {
    /// Follow up to `max` redirects, relative locations allowed, loops
    /// refused, one more redirect an error.
    pub const fn follow(max: u32) -> Redirects {
        Redirects::Follow {
            max,
            allow_relative: true,
            allow_circular: false,
            fail_when_exceeded: true,
        }
    }
}

impl Default for Redirects {
    /// `Redirects::follow(20)`.
    fn default() -> Self {
        Redirects::follow(20)
    }
}

/// The HTTP version(s) a request may use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// HTTPS: HTTP/2 or HTTP/1.1 as ALPN settles; HTTP: HTTP/1.1.
    #[default]
    Auto,
    /// HTTP/1.1 only.
    Http1,
    /// HTTPS: offer only `h2` in ALPN (a server that negotiates no ALPN gets
    /// HTTP/1.1); HTTP: HTTP/1.1, as there is no upgrade to cleartext HTTP/2.
    Http2,
    /// HTTP/2 without negotiation, on HTTP and HTTPS alike.
    Http2PriorKnowledge,
    /// HTTP/3 is not available: the same as `Auto`.
    Http3,
}

/// How a request is sent. Every option has a default ([`RequestOptions::default`]).
#[derive(Clone, Debug)]
pub struct RequestOptions {
    /// Time to set up a connection: name resolution, TCP, proxy tunnel and
    /// TLS handshake. Not applied when a pooled connection is reused. `None`
    /// or zero: no limit. Default is `None`.
    pub connect_timeout: Option<Duration>,
    /// Longest time without a byte moving on the connection (sent or received)
    /// while the request is sent and the response received; restarts with
    /// every byte, response head included. `None` or zero: no limit. Default is `None`.
    pub read_timeout: Option<Duration>,
    /// Time for the whole request, redirects and body included. `None` or
    /// zero: no limit. Default is `None`.
    pub total_timeout: Option<Duration>,
    /// Longest wait for a connection while the origin is at its connection
    /// limit ([`ClientBuilder::max_connections_per_host`](crate::ClientBuilder::max_connections_per_host))
    /// or while another request opens the HTTP/2 connection this one will
    /// share; expiry is [`Kind::Timeout`] "no connection free within N ms".
    /// Opening the request's own connection is not counted (that is
    /// `connect_timeout`). Applies to each hop. `None` or zero: no limit.
    /// Default is `None`.
    pub pool_timeout: Option<Duration>,
    /// Redirect handling. Default is `Redirects::follow(20)`.
    pub redirects: Redirects,
    /// HTTP version choice. Default is `Protocol::Auto`.
    pub protocol: Protocol,
    /// TLS settings. Default is `TlsOptions::default()` (validation on).
    pub tls: TlsOptions,
    /// Proxy. Default is `ProxyConfig::Direct`.
    pub proxy: ProxyConfig,
    /// Server credentials. Default is `None` (or those of the URL).
    pub auth: Option<Credentials>,
    /// Proxy credentials, used when the proxy has none of its own. Default is `None`.
    pub proxy_auth: Option<Credentials>,
    /// Send `Accept-Encoding: gzip, deflate, br` (unless a header sets it)
    /// and decode such responses. Default is `false`.
    pub decompress: bool,
    /// Largest response body accepted, counted after decoding; a larger
    /// `Content-Length` fails before the body is read. Exceeding it is
    /// [`Kind::TooLarge`]. Default is `None` (no limit).
    pub max_body: Option<u64>,
    /// Largest response head (status line and headers) accepted; a larger
    /// one is [`Kind::Recv`]. Values under 8 KiB count as 8 KiB. Default is
    /// 102,400 (100 KiB).
    pub max_header_bytes: usize,
    /// When requests wait for a connection to the same origin (the per-host
    /// limit is reached), higher values go first. Default is `0`.
    pub priority: u32,
    /// Name resolution. Default is the system resolver.
    pub dns: DnsOptions,
    /// Ask for a byte range: `Range: bytes=from-[to]` (both inclusive).
    /// Default is `None`.
    pub range: Option<(u64, Option<u64>)>,
    /// Send `Expect: 100-continue` with a body. The body follows at once (as
    /// curl does after its short wait); an early final answer ends the
    /// request. Default is `false`.
    pub expect_continue: bool,
    /// Which events go to the sink. Default is none.
    pub interest: Interest,
    /// Fill [`ResponseHead::raw_head`](crate::ResponseHead::raw_head) of
    /// every hop, from which
    /// [`ResponseHead::raw_headers`](crate::ResponseHead::raw_headers) gives
    /// the header names as received (HTTP/1; lower case on HTTP/2, as on its
    /// wire), in order. Off, it costs nothing. Default is `false`.
    pub raw_headers: bool,
    /// A cookie store asked for the `Cookie` header of every hop and told the
    /// `Set-Cookie` values of every response head, so cookies set by a
    /// redirect reach the next hop; see [`CookieJar`] for how it combines
    /// with a `Cookie` header of the request. Default is `None`.
    pub cookie_jar: Option<Arc<dyn CookieJar>>,
}

/// The default `max_header_bytes`.
pub const DEFAULT_MAX_HEADER_BYTES: usize = 100 * 1024;

impl Default for RequestOptions {
    fn default() -> Self {
        RequestOptions {
            connect_timeout: None,
            read_timeout: None,
            total_timeout: None,
            pool_timeout: None,
            redirects: Redirects::default(),
            protocol: Protocol::Auto,
            tls: TlsOptions::default(),
            proxy: ProxyConfig::Direct,
            auth: None,
            proxy_auth: None,
            decompress: false,
            max_body: None,
            max_header_bytes: DEFAULT_MAX_HEADER_BYTES,
            priority: 0,
            dns: DnsOptions::default(),
            range: None,
            expect_continue: false,
            interest: Interest::default(),
            raw_headers: false,
            cookie_jar: None,
        }
    }
}

/// A timeout option with zero meaning none.
pub(crate) fn effective(t: Option<Duration>) -> Option<Duration> {
    t.filter(|d| !d.is_zero())
}
