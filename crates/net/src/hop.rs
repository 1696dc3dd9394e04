//! One hop: get a connection, send the request, wait for the response head.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;

use http::header::{
    ACCEPT_ENCODING, AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, EXPECT,
    HOST, PROXY_AUTHORIZATION, RANGE, TRANSFER_ENCODING, USER_AGENT,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri, Version};
use hyper::body::Incoming;
use url::{Position, Url};

use crate::client::Inner;
use crate::conn::ConnStats;
use crate::connect::{self, Conn};
use crate::deadline::{self, IdleTimer};
use crate::decode;
use crate::dns::DohTransport;
use crate::error::{Error, Kind, Result};
use crate::outbody::{BodySource, OutBody, ProgressRx};
use crate::pool::{Checkout, H1Conn, Key};
use crate::request::{effective, url_too_long, RequestOptions, MAX_TARGET_LEN};
use crate::response::{Event, Sink};
use crate::timing::Clock;

/// Everything needed to (re)build the request of one hop.
pub(crate) struct Spec<'a> {
    pub(crate) method: &'a Method,
    pub(crate) url: &'a Url,
    pub(crate) headers: &'a [(HeaderName, HeaderValue)],
    /// Leave out `Authorization`, `Cookie` and `Proxy-Authorization` (a hop to
    /// another origin than the first).
    pub(crate) strip_credentials: bool,
    /// Leave out the headers describing a body (it was dropped by a redirect).
    pub(crate) strip_body_headers: bool,
    pub(crate) authorization: Option<&'a HeaderValue>,
    pub(crate) proxy_authorization: Option<&'a HeaderValue>,
    pub(crate) user_agent: Option<&'a HeaderValue>,
    /// The cookie jar's `Cookie` value for this hop.
    pub(crate) jar_cookie: Option<&'a HeaderValue>,
    pub(crate) opts: &'a RequestOptions,
}

/// The response head of a hop and the connection it came on.
pub(crate) struct Exchange {
    pub(crate) response: http::Response<Incoming>,
    /// The HTTP/1 connection, to hand back once the body is read.
    pub(crate) conn: Option<H1Conn>,
    pub(crate) stats: Arc<ConnStats>,
    pub(crate) remote: Option<SocketAddr>,
    /// The bytes of the HTTP/1 response head, when `raw_headers` asked for them.
    pub(crate) raw_head: Option<Vec<u8>>,
}

fn is_credential(name: &HeaderName) -> bool {
    name == AUTHORIZATION || name == COOKIE || name == PROXY_AUTHORIZATION
}

fn is_body_header(name: &HeaderName) -> bool {
    name == CONTENT_TYPE
        || name == CONTENT_LENGTH
        || name == CONTENT_ENCODING
        || name == TRANSFER_ENCODING
}

impl Spec<'_> {
    fn has(&self, name: &HeaderName) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }

    /// The request for a connection speaking HTTP/2 (`h2`) or HTTP/1, sent
    /// to a forward proxy or not.
    fn build(
        &self,
        h2: bool,
        forward_proxy: bool,
        body: OutBody,
        content_type: Option<&HeaderValue>,
    ) -> Result<http::Request<OutBody>> {
        let url = self.url;
        let has_body = body.len() != Some(0);
        let mut req = http::Request::new(body);
        *req.method_mut() = self.method.clone();
        let target = if h2 || forward_proxy {
            &url[..Position::AfterQuery]
        } else {
            &url[Position::BeforePath..Position::AfterQuery]
        };
        if target.len() > MAX_TARGET_LEN {
            return Err(url_too_long(target.len()));
        }
        *req.uri_mut() = Uri::try_from(target).map_err(|e| {
            Error::with_source(Kind::BadUrl, e).detail("not a valid request target")
        })?;
        if h2 {
            *req.version_mut() = Version::HTTP_2;
        }
        let headers: &mut HeaderMap = req.headers_mut();
        headers.reserve(self.headers.len() + 2);
        if !h2 && !self.has(&HOST) {
            let authority = &url[Position::BeforeHost..Position::AfterPort];
            let value = HeaderValue::from_str(authority)
                .map_err(|e| Error::with_source(Kind::BadUrl, e).detail("host"))?;
            headers.insert(HOST, value);
        }
        for (name, value) in self.headers {
            if (self.strip_credentials && is_credential(name))
                || (self.strip_body_headers && is_body_header(name))
            {
                continue;
            }
            if h2 && name == HOST {
                // HTTP/2 carries the authority in the request target.
                continue;
            }
            headers.append(name.clone(), value.clone());
        }
        if let Some(jar) = self.jar_cookie {
            let merged = if headers.contains_key(COOKIE) {
                crate::cookie::merge(headers.get_all(COOKIE).iter(), jar)
            } else {
                Some(jar.clone())
            };
            if let Some(value) = merged {
                headers.insert(COOKIE, value);
            }
        }
        let mut set_default = |name: HeaderName, value: Option<&HeaderValue>| {
            if let Some(v) = value {
                if !self.has(&name) {
                    headers.insert(name, v.clone());
                }
            }
        };
        set_default(AUTHORIZATION, self.authorization);
        set_default(PROXY_AUTHORIZATION, self.proxy_authorization);
        set_default(USER_AGENT, self.user_agent);
        if has_body {
            set_default(CONTENT_TYPE, content_type);
        }
        let opts = self.opts;
        if opts.decompress {
            set_default(
                ACCEPT_ENCODING,
                Some(&HeaderValue::from_static(decode::ACCEPT_ENCODING)),
            );
        }
        if let Some((from, to)) = opts.range {
            let spec = match to {
                Some(to) => format!("bytes={from}-{to}"),
                None => format!("bytes={from}-"),
            };
            if let Ok(v) = HeaderValue::try_from(spec) {
                set_default(RANGE, Some(&v));
            }
        }
        if opts.expect_continue && has_body {
            set_default(EXPECT, Some(&HeaderValue::from_static("100-continue")));
        }
        Ok(req)
    }
}

/// Sends the request of `spec` on a pooled or new connection for `key` and
/// waits for the response head. `source` makes a fresh body for each attempt.
///
/// A reused HTTP/1 connection that turns out to be dead (closed before a
/// byte of the response arrived) is dropped and the request sent again, as
/// curl does.
#[allow(clippy::too_many_arguments, reason = "one hop has that many inputs")]
pub(crate) async fn send<S: Sink>(
    inner: &Inner,
    doh: &dyn DohTransport,
    key: &Key,
    spec: &Spec<'_>,
    source: &mut BodySource<'_>,
    clock: &mut Clock,
    sink: &mut S,
) -> Result<Exchange> {
    let opts = spec.opts;
    let forward_proxy = key.profile.forward_proxy(key.https);
    // Each dead pooled connection is dropped, so retries end; the bound is
    // for a connection that keeps failing without looking closed.
    let mut retries_left = 8u32;
    loop {
        let checkout = inner
            .pool
            .checkout(key, opts.priority, key.profile.expects_h2(key.https));
        let checkout = match effective(opts.pool_timeout) {
            None => checkout.await,
            // A checkout only waits; it never connects (a `Connect` permit
            // comes back at once), so this bounds the wait alone.
            Some(limit) => tokio::time::timeout(limit, checkout).await.map_err(|_| {
                Error::with_detail(
                    Kind::Timeout,
                    format!("no connection free within {} ms", limit.as_millis()),
                )
            })?,
        };
        let (conn, reused) = match checkout {
            Checkout::H1(c) => (Conn::H1(c), true),
            Checkout::H2(h) => (Conn::H2(h), true),
            Checkout::Connect(permit) => {
                // Boxed: connecting is rare next to reuse, and its futures
                // (resolver, TLS handshake) would otherwise make every
                // request's future large and costly to move.
                let opened = Box::pin(deadline::limit(
                    inner.connector.open(key, doh),
                    effective(opts.connect_timeout),
                    "connect",
                ))
                .await?;
                let since = |at: Option<std::time::Instant>| at.map(|i| clock.since_start(i));
                let (dns, tcp, tls) = (
                    since(opened.dns_done),
                    since(opened.tcp_done),
                    since(opened.tls_done),
                );
                let t = &mut clock.timing;
                t.dns = dns.unwrap_or_default();
                t.tcp = tcp.unwrap_or_default();
                t.tls = tls.unwrap_or_default();
                (
                    Box::pin(connect::handshake(
                        &inner.pool,
                        permit,
                        opened,
                        &key.profile,
                    ))
                    .await?,
                    false,
                )
            }
        };
        clock.timing.reused_connection = reused;
        if reused {
            clock.timing.dns = Default::default();
            clock.timing.tcp = Default::default();
            clock.timing.tls = Default::default();
        }
        let (mut out, content_type) = source.make().await?;
        let total = out.len();
        let mut progress = None;
        if opts.interest.send_progress && total != Some(0) {
            let (body, rx) = out.with_progress();
            out = body;
            progress = Some(rx);
        }
        let (stats, remote) = match &conn {
            Conn::H1(c) => (c.stats.clone(), c.remote),
            Conn::H2(h) => (h.stats.clone(), h.remote),
        };
        let is_h2 = matches!(conn, Conn::H2(_));
        let req = spec.build(is_h2, forward_proxy && !is_h2, out, content_type.as_ref())?;
        let capture = opts.raw_headers && !is_h2;
        if capture {
            stats.capture_head();
        }
        stats.arm_first_read();
        let read_before = stats.read_bytes();
        clock.timing.first_send = clock.now();
        let mut timer = effective(opts.read_timeout).map(|d| IdleTimer::new(d, stats.clone()));
        let (result, conn) = match conn {
            Conn::H1(mut c) => {
                let fut = c.tx.send_request(req);
                let r = await_head(fut, &mut timer, progress.as_mut(), total, sink).await;
                (r, Some(c))
            }
            Conn::H2(mut h) => {
                let fut = h.tx.send_request(req);
                (
                    await_head(fut, &mut timer, progress.as_mut(), total, sink).await,
                    None,
                )
            }
        };
        let nothing_read = stats.read_bytes() == read_before;
        match result? {
            Ok(response) => {
                let now = clock.now();
                clock.timing.headers = now;
                clock.timing.first_byte = if is_h2 {
                    now
                } else {
                    stats
                        .first_read_at()
                        .map_or(now, |at| clock.since_start(at))
                };
                let raw_head = if capture { stats.take_head() } else { None };
                return Ok(Exchange {
                    response,
                    conn,
                    stats,
                    remote,
                    raw_head,
                });
            }
            Err(e) => {
                let stale = reused
                    && retries_left > 0
                    && if is_h2 {
                        // The connection went away before the stream was sent.
                        e.is_canceled() || e.is_closed()
                    } else {
                        nothing_read && retryable(&e)
                    };
                drop(conn);
                if stale {
                    retries_left -= 1;
                    continue;
                }
                let had_body = total != Some(0);
                return Err(map_hyper(
                    e,
                    Some(Phase {
                        nothing_read,
                        had_body,
                    }),
                ));
            }
        }
    }
}

/// Waits for the response head under the read timeout, reporting send progress.
async fn await_head<F, T, S: Sink>(
    fut: F,
    timer: &mut Option<IdleTimer>,
    progress: Option<&mut ProgressRx>,
    total: Option<u64>,
    sink: &mut S,
) -> Result<T>
where
    F: Future<Output = T>,
{
    let Some(progress) = progress else {
        return deadline::idle_guard(fut, timer).await;
    };
    let mut fut = pin!(fut);
    let mut open = true;
    loop {
        let step = std::future::poll_fn(|cx| {
            // Progress first: every report comes before the response head.
            if open {
                match progress.poll_recv(cx) {
                    Poll::Ready(Some(sent)) => return Poll::Ready(Ok(Err(sent))),
                    Poll::Ready(None) => open = false,
                    Poll::Pending => {}
                }
            }
            if let Poll::Ready(v) = fut.as_mut().poll(cx) {
                return Poll::Ready(Ok(Ok(v)));
            }
            if let Some(t) = timer.as_mut() {
                if t.poll_expired(cx).is_ready() {
                    return Poll::Ready(Err(t.error()));
                }
            }
            Poll::Pending
        })
        .await?;
        match step {
            Err(sent) => sink.on_event(Event::SendProgress { sent, total }),
            Ok(v) => {
                // Reports sent while the head was on its way.
                while let Ok(sent) = progress.try_recv() {
                    sink.on_event(Event::SendProgress { sent, total });
                }
                return Ok(v);
            }
        }
    }
}

/// Errors after which a request on a reused connection may be sent again:
/// the connection was found closed before the request went out, or it
/// closed without answering.
fn retryable(e: &hyper::Error) -> bool {
    e.is_canceled() || e.is_closed() || e.is_incomplete_message() || io_kind(e).is_some()
}

fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        cur = err.source();
    }
    None
}

/// Our own error carried inside a hyper error (a request body that failed).
fn own_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a Error> {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(own) = err.downcast_ref::<Error>() {
            return Some(own);
        }
        cur = err.source();
    }
    None
}

/// What was known when a hyper error of the request/response-head phase
/// happened (nothing for a handshake).
#[derive(Clone, Copy, Default)]
pub(crate) struct Phase {
    /// No byte of the response had arrived.
    pub(crate) nothing_read: bool,
    /// The request had a body.
    pub(crate) had_body: bool,
}

/// Maps a hyper error of the request/response-head phase (or of a
/// handshake, `phase` = `None`) to our kinds.
pub(crate) fn map_hyper(e: hyper::Error, phase: Option<Phase>) -> Error {
    let nothing_read = phase.map(|p| p.nothing_read);
    if let Some(own) = own_error(&e) {
        let kind = match own.kind() {
            Kind::ReadLocalFile => Kind::ReadLocalFile,
            _ => Kind::Upload,
        };
        return Error::with_source(kind, e);
    }
    let text = e.to_string();
    // hyper only exposes `is_parse_too_large` to servers; its message is
    // stable. It gives the same error for a `Content-Length` over
    // 2^64 - 3, which cannot be told apart from here.
    let kind = if e.is_parse() && text.contains("too large") {
        return Error::with_source(Kind::Recv, e).detail(format!(
            "response head too large (over the byte limit or {} header fields)",
            crate::connect::MAX_HEADERS
        ));
    } else if e.is_parse() || e.is_parse_status() {
        Kind::WeirdReply
    } else if text.starts_with("http2 error") {
        Kind::Http2
    } else if e.is_incomplete_message() || e.is_canceled() || e.is_closed() {
        if nothing_read == Some(true) {
            Kind::EmptyReply
        } else {
            Kind::Recv
        }
    } else if e.is_user() {
        Kind::Upload
    } else {
        match io_kind(&e) {
            Some(std::io::ErrorKind::BrokenPipe) => Kind::Send,
            // Reset before any answer: the peer refused what we were sending,
            // or (no body) sent nothing at all.
            Some(std::io::ErrorKind::ConnectionReset) => match phase {
                Some(Phase {
                    nothing_read: true,
                    had_body: true,
                }) => Kind::Send,
                Some(Phase {
                    nothing_read: true,
                    had_body: false,
                }) => Kind::EmptyReply,
                _ => Kind::Recv,
            },
            Some(_) => Kind::Recv,
            None => Kind::Unknown,
        }
    };
    Error::with_source(kind, e)
}

/// Maps a hyper error while reading a response body.
pub(crate) fn map_body(e: hyper::Error) -> Error {
    let kind = if e.to_string().starts_with("http2 error") {
        Kind::Http2
    } else {
        match io_kind(&e) {
            Some(std::io::ErrorKind::UnexpectedEof) => Kind::PartialBody,
            // Bad chunked framing.
            Some(std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput) => {
                Kind::WeirdReply
            }
            _ if e.is_incomplete_message() => Kind::PartialBody,
            _ => Kind::Recv,
        }
    };
    Error::with_source(kind, e)
}
