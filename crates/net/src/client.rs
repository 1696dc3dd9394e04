//! The client: configuration, the request loop (hops, authentication
//! challenges, redirects), and the one entry point [`Client::execute`].

use std::future::{poll_fn, Future};
use std::path::PathBuf;
use std::pin::pin;
use std::sync::Arc;
use std::task::{ready, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{ACCEPT, COOKIE, PROXY_AUTHENTICATE, SET_COOKIE, WWW_AUTHENTICATE};
use http::{HeaderValue, StatusCode};
use hyper::body::Incoming;
use url::{Position, Url};

use crate::auth::{self, AuthScheme, Credentials};
use crate::connect::{ConnectTo, Connector, Extra, Profile, ProxyTarget};
use crate::deadline::IdleTimer;
use crate::dns::{BoxFuture, DnsOptions, DohRequest, DohTransport, MAX_DOH_ANSWER};
use crate::error::{Error, Kind, Result};
use crate::hop::{self, Spec};
use crate::outbody::BodySource;
use crate::pool::{H1Conn, Key, Pool, PoolConfig};
use crate::proxy;
use crate::rawhead;
use crate::redirect::{same_origin, Chain};
use crate::request::{
    check_content_length, check_url, effective, take_userinfo, Protocol, Redirects, Request,
    RequestOptions,
};
use crate::response::{BodyBuffer, Event, NoSink, Response, ResponseHead, Sink};
use crate::rules::HostRules;
use crate::timing::Clock;
use crate::tls::TlsOptions;
use crate::transfer;

/// The HTTP client. Cheap to clone (the clones share one pool); meant to be
/// created once per process and shared, across threads too.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) pool: Pool,
    pub(crate) connector: Connector,
    rules: HostRules,
    user_agent: Option<HeaderValue>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[derive(Clone, Debug)]
pub struct ClientBuilder {
    connect_to: Vec<ConnectTo>,
    root_files: Vec<PathBuf>,
    allow: Option<Vec<String>>,
    deny: Vec<String>,
    user_agent: Option<String>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    max_connections_per_host: usize,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            connect_to: Vec::new(),
            root_files: Vec::new(),
            allow: None,
            deny: Vec::new(),
            user_agent: None,
            pool_idle_timeout: Some(Duration::from_secs(90)),
            pool_max_idle_per_host: 256,
            max_connections_per_host: 256,
        }
    }
}

impl ClientBuilder {
    /// Sends connections for `from_host:from_port` to `to_host:to_port`
    /// instead, like curl's `--connect-to`: the `Host` header, TLS server
    /// name and certificate check keep the original name. An empty
    /// `from_host` or a `from_port` of 0 match any; an empty `to_host` or a
    /// `to_port` of 0 keep the original. The first matching rule wins.
    /// Default is none.
    pub fn connect_to(
        mut self,
        from_host: impl Into<String>,
        from_port: u16,
        to_host: impl Into<String>,
        to_port: u16,
    ) -> Self {
        self.connect_to.push(ConnectTo {
            from_host: from_host.into(),
            from_port,
            to_host: to_host.into(),
            to_port,
        });
        self
    }

    /// Trusts the certificates in `path` (a PEM/DER file, or a folder of
    /// them) in addition to the system roots, for every request. Default is
    /// the system roots only.
    pub fn add_root_certificate_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.root_files.push(path.into());
        self
    }

    /// Allows only these hosts: exact names, `*.example.com` wildcards
    /// (subdomains, not the name itself) and IP literals, each optionally
    /// with `:port`. A request to any other host (redirects included) fails
    /// with [`Kind::NotAllowed`] before any name resolution or connection.
    /// Default is every host.
    pub fn allow_hosts(mut self, hosts: Vec<String>) -> Self {
        self.allow = Some(hosts);
        self
    }

    /// Refuses these hosts (same forms as [`allow_hosts`](Self::allow_hosts));
    /// the deny-list wins over the allow-list. Default is none.
    pub fn deny_hosts(mut self, hosts: Vec<String>) -> Self {
        self.deny = hosts;
        self
    }

    /// The `User-Agent` sent when a request sets none. Default is none (no header).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// How long an idle connection stays in the pool; `None` keeps it until
    /// the server closes it. Default is 90 seconds.
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// How many idle HTTP/1 connections are kept per origin. Default is 256.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// How many HTTP/1 connections may be open to one origin at once (with
    /// the same options); further requests wait, by priority. At least 1.
    /// Default is 256.
    pub fn max_connections_per_host(mut self, max: usize) -> Self {
        self.max_connections_per_host = max;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Kind::CaFile`] when a root certificate file cannot be read or holds
    /// no certificate; [`Kind::InvalidArgument`] for a bad host-list entry or
    /// user agent.
    pub fn build(self) -> Result<Client> {
        let mut roots = Vec::new();
        for path in &self.root_files {
            roots.extend(Connector::load_roots(path)?);
        }
        let rules = HostRules::new(self.allow.as_deref(), &self.deny)?;
        let user_agent = self
            .user_agent
            .map(|ua| {
                HeaderValue::try_from(ua)
                    .map_err(|e| Error::with_source(Kind::InvalidArgument, e).detail("user agent"))
            })
            .transpose()?;
        let pool = Pool::new(PoolConfig {
            max_idle_per_host: self.pool_max_idle_per_host,
            idle_timeout: self.pool_idle_timeout,
            max_per_host: self.max_connections_per_host.max(1),
        });
        Ok(Client {
            inner: Arc::new(Inner {
                pool,
                connector: Connector::new(self.connect_to, roots),
                rules,
                user_agent,
            }),
        })
    }
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with the defaults.
    ///
    /// # Errors
    ///
    /// None in practice (the defaults are valid); see [`ClientBuilder::build`].
    pub fn new() -> Result<Client> {
        ClientBuilder::default().build()
    }

    /// Runs `req`, reporting events to `sink` as asked by
    /// `req.options.interest`, and returns the final response.
    ///
    /// Must be called within a tokio runtime (current-thread is fine); the
    /// future is `Send` when the sink is. Dropping the future cancels the
    /// request at once: an HTTP/1 connection in use is closed, an HTTP/2
    /// stream is reset. A 4xx or 5xx status is a response, not an error.
    ///
    /// # Errors
    ///
    /// Every failure is an [`Error`]; its [`Kind`] says what failed.
    pub async fn execute<S: Sink>(&self, req: Request, sink: S) -> Result<Response> {
        self.execute_impl(req, sink, None).await
    }

    /// Like [`execute`](Self::execute), but a body that is not streamed to
    /// the sink ([`Interest::data`](crate::Interest::data) off) is appended
    /// to `buf` instead of [`Response::body`], which stays empty: with
    /// `buf` being the memory the body ends up in, each byte is copied once.
    /// `buf` first gets a [`reserve`](BodyBuffer::reserve) from
    /// `Content-Length`. Only the final response's body goes there (not
    /// those of redirects or challenges); after an error it holds what
    /// arrived.
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute).
    pub async fn execute_into<S: Sink, B: BodyBuffer + Send + ?Sized>(
        &self,
        req: Request,
        sink: S,
        buf: &mut B,
    ) -> Result<Response> {
        // Unsized buffers cannot become trait objects; a reference to one can.
        let mut buf = buf;
        self.execute_impl(req, sink, Some(&mut buf)).await
    }

    /// [`execute_into`](Self::execute_into) with [`NoSink`].
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute).
    pub async fn fetch_into<B: BodyBuffer + Send + ?Sized>(
        &self,
        req: Request,
        buf: &mut B,
    ) -> Result<Response> {
        self.execute_into(req, NoSink, buf).await
    }

    async fn execute_impl<S: Sink>(
        &self,
        req: Request,
        mut sink: S,
        into: Option<&mut (dyn BodyBuffer + Send + '_)>,
    ) -> Result<Response> {
        let start = Instant::now();
        // A limit too far away to be represented is no limit.
        let limit = effective(req.options.total_timeout)
            .and_then(|total| Some((total, start.checked_add(total)?)));
        let Some((total, deadline)) = limit else {
            return self.run(req, &mut sink, start, into).await;
        };
        let url = req.url.clone();
        // Raced by hand rather than through `timeout_at`: that would move
        // the whole request future into a `Timeout` and then into this
        // future's await slot, two copies of a few KiB per request. Pinned
        // where it is built, the request future is never moved.
        let mut run = pin!(self.run(req, &mut sink, start, into));
        let mut expiry = pin!(tokio::time::sleep_until(tokio::time::Instant::from_std(
            deadline
        )));
        poll_fn(|cx| {
            if let Poll::Ready(result) = run.as_mut().poll(cx) {
                return Poll::Ready(result);
            }
            ready!(expiry.as_mut().poll(cx));
            Poll::Ready(Err(Error::with_detail(
                Kind::Timeout,
                format!("total timeout of {} ms elapsed", total.as_millis()),
            )
            .at(url.clone())))
        })
        .await
    }

    /// Runs `req` and buffers the body: [`execute`](Self::execute) with [`NoSink`].
    ///
    /// # Errors
    ///
    /// As [`execute`](Self::execute).
    // Not an `async fn`: returning `execute`'s future itself saves a level
    // of future nesting (and a copy of the whole future) per request.
    pub fn fetch(&self, req: Request) -> impl Future<Output = Result<Response>> + Send + '_ {
        self.execute(req, NoSink)
    }

    /// Idle and HTTP/2 connections in the pool (for diagnostics and tests).
    pub fn pooled_connections(&self) -> usize {
        self.inner.pool.idle_count()
    }

    async fn run<S: Sink>(
        &self,
        req: Request,
        sink: &mut S,
        start: Instant,
        mut into: Option<&mut (dyn BodyBuffer + Send + '_)>,
    ) -> Result<Response> {
        let inner = &*self.inner;
        let Request {
            mut method,
            mut url,
            headers,
            body,
            mut options,
        } = req;
        check_url(&url)?;
        if let Some(creds) = take_userinfo(&mut url) {
            options.auth.get_or_insert(creds);
        }
        let opts = &options;
        let mut clock = Clock::new(start);
        let mut source = BodySource::new(&body).await.map_err(|e| e.at(&url))?;
        check_content_length(&headers, source.len()).map_err(|e| e.at(&url))?;
        let mut chain = Chain::new();
        let mut first_url: Option<Url> = None;
        let basic = match &opts.auth {
            Some(c) if c.scheme == AuthScheme::Basic => Some(auth::basic(&c.user, &c.password)),
            _ => None,
        };
        let mut auth_answer: Option<HeaderValue> = None;
        let mut auth_answered = false;
        let mut proxy_answer: Option<HeaderValue> = None;
        let mut proxy_answered = false;
        let mut strip_body_headers = false;
        let own_cookie = opts.cookie_jar.is_some() && headers.iter().any(|(n, _)| n == COOKIE);
        loop {
            inner.rules.check(&url)?;
            let https = url.scheme() == "https";
            let host = url.host_str().unwrap_or_default();
            let port = url
                .port_or_known_default()
                .unwrap_or(if https { 443 } else { 80 });
            let proxy = proxy::proxy_for(&opts.proxy, url.scheme(), host, port);
            // A proxy's own credentials (from its URL) are Basic, as curl's.
            let proxy_creds = proxy
                .as_ref()
                .and_then(|p| p.credentials.as_ref())
                .map(|(user, password)| Credentials {
                    user: user.clone(),
                    password: password.clone(),
                    scheme: AuthScheme::Basic,
                })
                .or_else(|| opts.proxy_auth.clone());
            let forward = !https && proxy.is_some();
            // Only Basic goes up front; Digest and Auto wait for the 407.
            let proxy_basic = match &proxy_creds {
                Some(c) if forward && c.scheme == AuthScheme::Basic => {
                    Some(auth::basic(&c.user, &c.password))
                }
                _ => None,
            };
            let key = Key {
                https,
                host: host.into(),
                port,
                profile: profile(
                    opts,
                    https,
                    proxy.map(|p| ProxyTarget {
                        host: p.host,
                        port: p.port,
                        credentials: proxy_creds.clone(),
                    }),
                ),
            };
            let strip_credentials = first_url.as_ref().is_some_and(|f| !same_origin(f, &url));
            // Before the first redirect a Cookie header of the request is
            // sent as given; the jar fills in only without one.
            let jar_cookie = match &opts.cookie_jar {
                Some(_) if first_url.is_none() && own_cookie => None,
                Some(jar) => jar.cookies(&url),
                None => None,
            };
            let spec = Spec {
                method: &method,
                url: &url,
                headers: &headers,
                strip_credentials,
                strip_body_headers,
                authorization: if strip_credentials {
                    None
                } else {
                    auth_answer.as_ref().or(basic.as_ref())
                },
                proxy_authorization: proxy_answer.as_ref().or(proxy_basic.as_ref()),
                user_agent: inner.user_agent.as_ref(),
                jar_cookie: jar_cookie.as_ref(),
                opts,
            };
            let ex = hop::send(inner, self, &key, &spec, &mut source, &mut clock, sink)
                .await
                .map_err(|e| e.at(&url))?;
            let (parts, mut incoming) = ex.response.into_parts();
            let reason = parts
                .extensions
                .get::<hyper::ext::ReasonPhrase>()
                .and_then(|r| std::str::from_utf8(r.as_bytes()).ok())
                .or_else(|| parts.status.canonical_reason())
                .map(str::to_owned);
            let raw_head = opts
                .raw_headers
                .then(|| rawhead::RawHead::recorded(ex.raw_head));
            let head = ResponseHead {
                status: parts.status,
                reason,
                version: parts.version,
                headers: parts.headers,
                url: url.clone(),
                raw_head,
            };
            if let Some(jar) = &opts.cookie_jar {
                let mut set_cookies = head.headers.get_all(SET_COOKIE).iter().peekable();
                if set_cookies.peek().is_some() {
                    jar.store(&url, &mut set_cookies);
                }
            }
            if opts.interest.headers {
                sink.on_event(Event::Headers(&head));
            }
            let mut timer =
                effective(opts.read_timeout).map(|d| IdleTimer::new(d, ex.stats.clone()));

            // An authentication challenge we can answer: send again with the answer.
            let challenge = match head.status {
                StatusCode::UNAUTHORIZED if !auth_answered && !strip_credentials => {
                    auth_answered = true;
                    opts.auth
                        .as_ref()
                        .filter(|c| c.scheme != AuthScheme::Basic)
                        .map(|c| (c, false))
                }
                StatusCode::PROXY_AUTHENTICATION_REQUIRED if forward && !proxy_answered => {
                    proxy_answered = true;
                    proxy_creds
                        .as_ref()
                        .filter(|c| c.scheme != AuthScheme::Basic)
                        .map(|c| (c, true))
                }
                _ => None,
            };
            if let Some((creds, for_proxy)) = challenge {
                if let Some(answer) = answer(creds, &head, &method, &url, &source, for_proxy)? {
                    if for_proxy {
                        proxy_answer = Some(answer);
                    } else {
                        auth_answer = Some(answer);
                    }
                    Box::pin(finish_unwanted(inner, ex.conn, &mut incoming, &mut timer)).await;
                    clock.next_hop();
                    continue;
                }
            }

            if let Some(next) =
                chain.next(opts.redirects, head.status, &head.headers, &method, &url)?
            {
                Box::pin(finish_unwanted(inner, ex.conn, &mut incoming, &mut timer)).await;
                if first_url.is_none() {
                    first_url = Some(url.clone());
                }
                if next.drop_body {
                    source = BodySource::Empty;
                    strip_body_headers = true;
                }
                method = next.method;
                url = next.url;
                // A digest answer is bound to its URL; let the next one be answered.
                auth_answer = None;
                auth_answered = false;
                proxy_answer = None;
                proxy_answered = false;
                clock.next_hop();
                continue;
            }

            let body =
                transfer::read_body(incoming, &head.headers, opts, &mut timer, sink, into.take())
                    .await
                    .map_err(|e| e.at(&url))?;
            clock.timing.body = clock.now();
            if let Some(conn) = ex.conn {
                inner.pool.release(conn);
            }
            return Ok(Response {
                head,
                body,
                timing: clock.finish(),
                redirects: chain.followed,
                remote_addr: ex.remote,
            });
        }
    }
}

/// The connection-level options of a request to an `https` or `http` origin.
fn profile(opts: &RequestOptions, https: bool, proxy: Option<ProxyTarget>) -> Profile {
    let tls_custom = https && opts.tls != TlsOptions::default();
    let dns_custom = opts.dns != DnsOptions::default();
    let extra = if tls_custom || dns_custom || proxy.is_some() {
        Some(Box::new(Extra {
            // Over plain HTTP the TLS options still matter to a DoH endpoint
            // (its trust roots).
            tls: if https || opts.dns.doh.is_some() {
                opts.tls.clone()
            } else {
                TlsOptions::default()
            },
            proxy,
            dns: opts.dns.clone(),
        }))
    } else {
        None
    };
    // Choices that end up the same share connections.
    let protocol = match opts.protocol {
        Protocol::Http3 => Protocol::Auto,
        Protocol::Http2PriorKnowledge => Protocol::Http2PriorKnowledge,
        _ if !https => Protocol::Auto,
        other => other,
    };
    Profile {
        protocol,
        max_header_bytes: opts.max_header_bytes.max(8192),
        extra,
    }
}

/// DoH queries go through the client itself: its connect-to rules, trust
/// roots and host lists apply, and the pool keeps the endpoint's connection.
impl DohTransport for Client {
    fn doh_get(&self, doh: DohRequest) -> BoxFuture<'_, std::result::Result<Bytes, String>> {
        Box::pin(async move {
            let mut req =
                Request::from_url(http::Method::GET, doh.url).map_err(|e| e.to_string())?;
            req.headers
                .push((ACCEPT, HeaderValue::from_static("application/dns-message")));
            let o = &mut req.options;
            // The endpoint's own name is resolved without DoH: no recursion.
            o.dns.servers = doh.servers;
            o.tls.extra_roots = doh.extra_roots;
            o.redirects = Redirects::None;
            o.max_body = Some(MAX_DOH_ANSWER);
            let resp = self.fetch(req).await.map_err(|e| e.to_string())?;
            if resp.status() != StatusCode::OK {
                return Err(format!("DoH endpoint answered {}", resp.status()));
            }
            Ok(resp.body)
        })
    }
}

/// Answers a 401/407 challenge; `Ok(None)` when there is none to answer.
fn answer(
    creds: &Credentials,
    head: &ResponseHead,
    method: &http::Method,
    url: &Url,
    source: &BodySource<'_>,
    for_proxy: bool,
) -> Result<Option<HeaderValue>> {
    // The request target as sent: absolute-form to a forwarding proxy.
    let uri = if for_proxy {
        &url[..Position::AfterQuery]
    } else {
        &url[Position::BeforePath..Position::AfterQuery]
    };
    let header = if for_proxy {
        PROXY_AUTHENTICATE
    } else {
        WWW_AUTHENTICATE
    };
    let result = auth::answer_challenge(
        creds,
        &head.headers,
        &header,
        method,
        uri,
        source.bytes(),
        1,
    );
    result.map_err(|e| e.at(url))
}

/// Reads away a response nobody wants so its HTTP/1 connection can be reused
/// (closing it instead when the body is large or slow to end).
async fn finish_unwanted(
    inner: &Inner,
    conn: Option<H1Conn>,
    body: &mut Incoming,
    timer: &mut Option<IdleTimer>,
) {
    let Some(conn) = conn else { return };
    // Not worth waiting long for: a new connection costs less.
    let drained = tokio::time::timeout(
        Duration::from_secs(1),
        transfer::discard(body, timer, 64 * 1024),
    )
    .await;
    if drained == Ok(true) {
        inner.pool.release(conn);
    }
}
