//! Opening connections: connect-to overrides, proxy, name resolution, TCP,
//! CONNECT tunnel, TLS, and the HTTP/1 or HTTP/2 handshake.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use hyper::client::conn::{http1, http2};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use tokio::net::TcpStream;

use crate::auth::Credentials;
use crate::conn::{ConnStats, Counted, Opened, Stream};
use crate::dns::{self, DnsOptions, Doh, DohTransport};
use crate::error::{Error, Kind, Result};
use crate::pool::{H1Conn, H2Handle, Key, Permit, Pool};
use crate::request::Protocol;
use crate::tls::{self, TlsOptions};

/// Connection-level options of a request: part of the pool key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Profile {
    pub(crate) protocol: Protocol,
    pub(crate) max_header_bytes: usize,
    /// Everything that is usually default, boxed so that the common key is small.
    pub(crate) extra: Option<Box<Extra>>,
}

/// The less common connection options.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Extra {
    /// TLS options (HTTPS only; default for HTTP).
    pub(crate) tls: TlsOptions,
    /// The proxy the connection goes through.
    pub(crate) proxy: Option<ProxyTarget>,
    pub(crate) dns: DnsOptions,
}

/// A proxy as far as connections care.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct ProxyTarget {
    pub(crate) host: String,
    pub(crate) port: u16,
    /// The proxy's own credentials (Basic), else the request's `proxy_auth`.
    pub(crate) credentials: Option<Credentials>,
}

impl Profile {
    pub(crate) fn tls(&self) -> Option<&TlsOptions> {
        self.extra.as_ref().map(|e| &e.tls)
    }

    pub(crate) fn proxy(&self) -> Option<&ProxyTarget> {
        self.extra.as_ref().and_then(|e| e.proxy.as_ref())
    }

    pub(crate) fn dns(&self) -> Option<&DnsOptions> {
        self.extra.as_ref().map(|e| &e.dns)
    }

    /// Requests through a proxy without a tunnel (plain HTTP) use the
    /// absolute URL as request target.
    pub(crate) fn forward_proxy(&self, https: bool) -> bool {
        !https && self.proxy().is_some()
    }

    /// True when the first connection will speak HTTP/2 for sure (so
    /// concurrent requests should wait for it rather than open their own).
    pub(crate) fn expects_h2(&self, https: bool) -> bool {
        match self.protocol {
            Protocol::Http2PriorKnowledge => true,
            Protocol::Http2 => https,
            _ => false,
        }
    }
}

/// One `--connect-to` rule.
#[derive(Clone, Debug)]
pub(crate) struct ConnectTo {
    /// Empty: any host.
    pub(crate) from_host: String,
    /// 0: any port.
    pub(crate) from_port: u16,
    /// Empty: the same host.
    pub(crate) to_host: String,
    /// 0: the same port.
    pub(crate) to_port: u16,
}

/// ALPN offers, by protocol choice.
#[derive(Clone, Copy)]
enum Alpn {
    Both = 0,
    H1 = 1,
    H2 = 2,
}

impl Alpn {
    fn protocols(self) -> Vec<Vec<u8>> {
        match self {
            Alpn::Both => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
            Alpn::H1 => vec![b"http/1.1".to_vec()],
            Alpn::H2 => vec![b"h2".to_vec()],
        }
    }
}

/// Opens connections; shared by all requests of a client.
pub(crate) struct Connector {
    connect_to: Vec<ConnectTo>,
    /// Trust roots added on the client builder.
    extra_roots: Vec<CertificateDer<'static>>,
    /// System roots plus `extra_roots`, built on the first HTTPS connection.
    roots: OnceLock<Arc<RootCertStore>>,
    /// Built TLS configurations, by options and ALPN offer.
    tls_cache: Mutex<HashMap<TlsOptions, [Option<Arc<ClientConfig>>; 3]>>,
}

impl Connector {
    pub(crate) fn new(
        connect_to: Vec<ConnectTo>,
        extra_roots: Vec<CertificateDer<'static>>,
    ) -> Self {
        Connector {
            connect_to,
            extra_roots,
            roots: OnceLock::new(),
            tls_cache: Mutex::default(),
        }
    }

    /// Reads the PEM/DER certificates at `path` (a file or a folder).
    pub(crate) fn load_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
        tls::load_roots(&[path.to_path_buf()])
    }

    fn roots(&self) -> Arc<RootCertStore> {
        self.roots
            .get_or_init(|| {
                let mut store = (*tls::system_roots()).clone();
                // Checked when the builder loaded them.
                store.add_parsable_certificates(self.extra_roots.iter().cloned());
                Arc::new(store)
            })
            .clone()
    }

    fn tls_config(&self, opts: &TlsOptions, alpn: Alpn) -> Result<Arc<ClientConfig>> {
        let idx = alpn as usize;
        let lock = || self.tls_cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cfg) = lock().get(opts).and_then(|slots| slots[idx].clone()) {
            return Ok(cfg);
        }
        let cfg = tls::client_config(opts, &self.roots(), alpn.protocols())?;
        lock().entry(opts.clone()).or_default()[idx] = Some(cfg.clone());
        Ok(cfg)
    }

    /// Where connections for `host:port` really go.
    fn route<'a>(&'a self, host: &'a str, port: u16) -> (&'a str, u16) {
        for rule in &self.connect_to {
            let host_matches =
                rule.from_host.is_empty() || rule.from_host.eq_ignore_ascii_case(host);
            if host_matches && (rule.from_port == 0 || rule.from_port == port) {
                let to_host = if rule.to_host.is_empty() {
                    host
                } else {
                    rule.to_host.as_str()
                };
                let to_port = if rule.to_port == 0 {
                    port
                } else {
                    rule.to_port
                };
                return (to_host, to_port);
            }
        }
        (host, port)
    }

    /// Opens the byte stream for `key`: through the proxy if any, with TLS
    /// for HTTPS. Names are resolved through `doh` when the key's DNS
    /// options name a DoH endpoint.
    pub(crate) async fn open(&self, key: &Key, doh: &dyn DohTransport) -> Result<Opened> {
        let default_dns = DnsOptions::default();
        let dns_opts = key.profile.dns().unwrap_or(&default_dns);
        let doh = Doh {
            transport: doh,
            extra_roots: key
                .profile
                .tls()
                .map_or(&[][..], |t| t.extra_roots.as_slice()),
        };
        let resolver = Resolver {
            opts: dns_opts,
            doh,
        };
        let (tcp, remote, dns_done, tcp_done) = match key.profile.proxy() {
            Some(proxy) => {
                let to_proxy = || async {
                    tcp_connect(resolver, &proxy.host, proxy.port)
                        .await
                        .map_err(|e| {
                            if e.kind() == Kind::HostResolve {
                                Error::with_detail(
                                    Kind::ProxyResolve,
                                    format!("proxy {}", proxy.host),
                                )
                            } else {
                                e.detail(format!("proxy {}:{}", proxy.host, proxy.port))
                            }
                        })
                };
                let (tcp, remote, dns_done) = to_proxy().await?;
                let tcp_done = Instant::now();
                let tcp = if key.https {
                    let (host, port) = self.route(&key.host, key.port);
                    // A proxy that closes after its 407 gets the answer on a new connection.
                    let reconnect = || async { to_proxy().await.map(|(tcp, _, _)| tcp) };
                    crate::proxy::open_tunnel(
                        tcp,
                        unbracket(host),
                        port,
                        proxy.credentials.as_ref(),
                        reconnect,
                    )
                    .await?
                } else {
                    tcp
                };
                (tcp, remote, dns_done, tcp_done)
            }
            None => {
                let (host, port) = self.route(&key.host, key.port);
                let (tcp, remote, dns_done) = tcp_connect(resolver, host, port).await?;
                (tcp, remote, dns_done, Instant::now())
            }
        };
        if !key.https {
            return Ok(Opened {
                stream: Stream::Tcp(tcp),
                remote: Some(remote),
                dns_done,
                tcp_done: Some(tcp_done),
                tls_done: None,
            });
        }
        let alpn = match key.profile.protocol {
            Protocol::Auto | Protocol::Http3 => Alpn::Both,
            Protocol::Http1 => Alpn::H1,
            Protocol::Http2 | Protocol::Http2PriorKnowledge => Alpn::H2,
        };
        let default_tls = TlsOptions::default();
        let config = self.tls_config(key.profile.tls().unwrap_or(&default_tls), alpn)?;
        let tls = tls::handshake(config, &key.host, tcp).await?;
        Ok(Opened {
            stream: Stream::Tls(Box::new(tls)),
            remote: Some(remote),
            dns_done,
            tcp_done: Some(tcp_done),
            tls_done: Some(Instant::now()),
        })
    }
}

/// `[::1]` → `::1`; other hosts unchanged.
pub(crate) fn unbracket(host: &str) -> &str {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
}

/// How a connection's names are resolved.
#[derive(Clone, Copy)]
struct Resolver<'a> {
    opts: &'a DnsOptions,
    doh: Doh<'a>,
}

/// Resolves `host` (unless it is an IP literal) and connects to the first
/// address that accepts, with `TCP_NODELAY`.
async fn tcp_connect(
    resolver: Resolver<'_>,
    host: &str,
    port: u16,
) -> Result<(TcpStream, SocketAddr, Option<Instant>)> {
    let bare = unbracket(host);
    let (addrs, dns_done) = match bare.parse::<IpAddr>() {
        Ok(ip) => (vec![SocketAddr::new(ip, port)], None),
        Err(_) => {
            let addrs = if resolver.opts.doh.is_some() {
                // Boxed: the DoH lookup runs a whole request inside this one.
                Box::pin(dns::resolve_doh(resolver.opts, bare, port, resolver.doh)).await?
            } else {
                dns::resolve(resolver.opts, bare, port).await?
            };
            (addrs, Some(Instant::now()))
        }
    };
    let mut last_err = None;
    for addr in &addrs {
        match TcpStream::connect(addr).await {
            Ok(tcp) => {
                // Small requests must not wait for Nagle.
                let _ = tcp.set_nodelay(true);
                return Ok((tcp, *addr, dns_done));
            }
            Err(e) => last_err = Some((e, *addr)),
        }
    }
    Err(match last_err {
        Some((e, addr)) => Error::with_source(Kind::Connect, e).detail(format!("to {addr}")),
        None => Error::with_detail(Kind::HostResolve, format!("{bare}: no address")),
    })
}

/// A connection ready for a request.
pub(crate) enum Conn {
    H1(H1Conn),
    H2(H2Handle),
}

/// The most header fields an HTTP/1 response head may have. hyper's default
/// of 100 fails real responses with long `Set-Cookie`/CSP lists that curl
/// and browsers take; the byte bound (`max_header_bytes`) still applies.
/// hyper sizes its parse buffers by this (2 × 32 bytes a field, per parse).
pub(crate) const MAX_HEADERS: usize = 1000;

/// Runs the HTTP handshake on `opened` and registers the connection with the pool.
pub(crate) async fn handshake(
    pool: &Pool,
    permit: Permit,
    opened: Opened,
    profile: &Profile,
) -> Result<Conn> {
    let h2 = match profile.protocol {
        Protocol::Http2PriorKnowledge => true,
        _ => opened.stream.alpn() == Some(b"h2"),
    };
    let stats = ConnStats::new();
    let remote = opened.remote;
    let io = TokioIo::new(Counted::new(opened.stream, stats.clone()));
    if h2 {
        let mut builder = http2::Builder::new(TokioExecutor::new());
        builder
            .timer(TokioTimer::new())
            .max_header_list_size(u32::try_from(profile.max_header_bytes).unwrap_or(u32::MAX))
            .initial_stream_window_size(2 * 1024 * 1024)
            .initial_connection_window_size(8 * 1024 * 1024);
        let (tx, conn) = builder
            .handshake(io)
            .await
            .map_err(|e| crate::hop::map_hyper(e, None))?;
        let task = tokio::spawn(async move {
            let _ = conn.await;
        });
        Ok(Conn::H2(pool.h2(
            permit,
            tx,
            stats,
            remote,
            task.abort_handle(),
        )))
    } else {
        let mut builder = http1::Builder::new();
        builder
            .max_header_size(profile.max_header_bytes.max(8192))
            .max_headers(MAX_HEADERS);
        let (tx, conn) = builder
            .handshake(io)
            .await
            .map_err(|e| crate::hop::map_hyper(e, None))?;
        let task = tokio::spawn(async move {
            let _ = conn.await;
        });
        let abort = task.abort_handle();
        pool.h1(permit, tx, stats, remote, abort)
            .map(Conn::H1)
            .ok_or_else(|| Error::with_detail(Kind::Unknown, "connection permit already used"))
    }
}
