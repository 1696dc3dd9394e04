//! Starting and stopping: binds every listener, runs them on a dedicated thread with its own
//! tokio runtime, and serves the main endpoints over HTTP/1.1 and HTTP/2, plain and TLS.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener as StdTcpListener, UdpSocket as StdUdpSocket};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio_rustls::TlsAcceptor;

use crate::body::Body;
use crate::error::Error;
use crate::panics::{self, Caught};
use crate::rawhead::{HeadLog, Tee};
use crate::state::State;
use crate::tempdir::TempDir;
use crate::tls::Certs;
use crate::util::{self, ConnInfo, Req};
use crate::{der, dns, misbehave, pkcs12, proxy, router, ClientCertFiles};

/// Request bodies larger than this get 413: the echo endpoints hold bodies in memory.
const MAX_REQUEST_BODY: usize = 256 << 20;

pub(crate) struct Config {
    pub tls_names: Vec<String>,
    pub http_port: u16,
    pub https_port: u16,
    pub worker_threads: usize,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Addrs {
    pub http: SocketAddr,
    pub http_v6: Option<SocketAddr>,
    pub https: SocketAddr,
    pub https_expired: SocketAddr,
    pub https_self_signed: SocketAddr,
    pub https_tls12: SocketAddr,
    pub https_bad_h2: SocketAddr,
    pub mtls: SocketAddr,
    pub bad: SocketAddr,
    pub proxy: SocketAddr,
    pub proxy_auth: SocketAddr,
    pub dns: SocketAddr,
    /// A listener that never accepts and whose queue is full: connects never complete.
    pub blackhole: SocketAddr,
}

pub(crate) struct Files {
    pub dir: TempDir,
    pub ca: PathBuf,
    pub client: ClientCertFiles,
}

pub(crate) struct Running {
    pub addrs: Addrs,
    _blackhole_filler: std::net::TcpStream,
    pub certs: Arc<Certs>,
    pub files: Files,
    pub state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let (count, messages) = self.state.panics();
        if count > 0 && !std::thread::panicking() {
            panic!(
                "the jsrun test server panicked {count} time(s) while serving: {}",
                messages.join(" | ")
            );
        }
    }
}

fn bind(addr: &str, port: u16) -> Result<StdTcpListener, Error> {
    let l = StdTcpListener::bind((addr, port))
        .map_err(|e| Error::new(format!("binding {addr}:{port}"), e))?;
    l.set_nonblocking(true)
        .map_err(|e| Error::new("set_nonblocking", e))?;
    Ok(l)
}

fn local(l: &StdTcpListener) -> Result<SocketAddr, Error> {
    l.local_addr().map_err(|e| Error::new("local_addr", e))
}

fn write_files(certs: &Certs) -> Result<Files, Error> {
    let dir = TempDir::new()?;
    let ca = dir.write("ca.pem", certs.ca_pem.as_bytes())?;
    let p12_password = "p12pass".to_string();
    let p12 = pkcs12::build(
        &certs.client.cert_der,
        &certs.client.key_der,
        &certs.ca_der,
        &p12_password,
        crate::tls::CLIENT_CN,
    );
    let client = ClientCertFiles {
        pem_cert: dir.write("client.pem", certs.client.cert_pem.as_bytes())?,
        pem_key: dir.write("client.key", certs.client.key_pem.as_bytes())?,
        der_cert: dir.write("client.der", &certs.client.cert_der)?,
        der_key: dir.write("client.key.der", &certs.client.key_der)?,
        p12: dir.write("client.p12", &p12)?,
        p12_password,
        common_name: crate::tls::CLIENT_CN.to_string(),
    };
    Ok(Files { dir, ca, client })
}

struct Listeners {
    http: StdTcpListener,
    http_v6: Option<StdTcpListener>,
    https: StdTcpListener,
    expired: StdTcpListener,
    self_signed: StdTcpListener,
    tls12: StdTcpListener,
    bad_h2: StdTcpListener,
    mtls: StdTcpListener,
    bad: StdTcpListener,
    proxy: StdTcpListener,
    proxy_auth: StdTcpListener,
    dns: StdUdpSocket,
}

pub(crate) fn start(config: Config) -> Result<crate::TestServer, Error> {
    let certs = Arc::new(Certs::generate(&config.tls_names)?);
    let files = write_files(&certs)?;
    let dns_socket =
        StdUdpSocket::bind("127.0.0.1:0").map_err(|e| Error::new("binding DNS socket", e))?;
    dns_socket
        .set_nonblocking(true)
        .map_err(|e| Error::new("set_nonblocking", e))?;
    let listeners = Listeners {
        http: bind("127.0.0.1", config.http_port)?,
        // IPv6 loopback may be missing (containers): then there is no v6 URL.
        http_v6: bind("::1", 0).ok(),
        https: bind("127.0.0.1", config.https_port)?,
        expired: bind("127.0.0.1", 0)?,
        self_signed: bind("127.0.0.1", 0)?,
        tls12: bind("127.0.0.1", 0)?,
        bad_h2: bind("127.0.0.1", 0)?,
        mtls: bind("127.0.0.1", 0)?,
        bad: bind("127.0.0.1", 0)?,
        proxy: bind("127.0.0.1", 0)?,
        proxy_auth: bind("127.0.0.1", 0)?,
        dns: dns_socket,
    };
    let addrs = Addrs {
        http: local(&listeners.http)?,
        http_v6: match &listeners.http_v6 {
            Some(l) => Some(local(l)?),
            None => None,
        },
        https: local(&listeners.https)?,
        https_expired: local(&listeners.expired)?,
        https_self_signed: local(&listeners.self_signed)?,
        https_tls12: local(&listeners.tls12)?,
        https_bad_h2: local(&listeners.bad_h2)?,
        mtls: local(&listeners.mtls)?,
        bad: local(&listeners.bad)?,
        proxy: local(&listeners.proxy)?,
        proxy_auth: local(&listeners.proxy_auth)?,
        dns: listeners
            .dns
            .local_addr()
            .map_err(|e| Error::new("local_addr", e))?,
        // Known once the runtime made it (std cannot choose a listen backlog).
        blackhole: SocketAddr::from(([127, 0, 0, 1], 0)),
    };
    let state = Arc::new(State::new());
    let mut rt = if config.worker_threads > 1 {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    if config.worker_threads > 1 {
        rt.worker_threads(config.worker_threads);
    }
    let rt = rt
        .enable_all()
        .thread_name("jsrun-testserver")
        .build()
        .map_err(|e| Error::new("building the tokio runtime", e))?;
    let (shutdown_tx, shutdown_rx) = oneshot::channel();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<SocketAddr, Error>>();
    let thread_state = state.clone();
    let thread_certs = certs.clone();
    let thread = std::thread::Builder::new()
        .name("jsrun-testserver".into())
        .spawn(move || {
            rt.block_on(async move {
                let result = spawn_all(listeners, thread_certs, thread_state);
                let ok = result.is_ok();
                let _ = ready_tx.send(result);
                if ok {
                    let _ = shutdown_rx.await;
                }
            });
            // Endless bodies and never-answering sockets must not hold the drop up.
            rt.shutdown_timeout(Duration::from_millis(200));
        })
        .map_err(|e| Error::new("spawning the server thread", e))?;
    let mut addrs = addrs;
    match ready_rx.recv() {
        Ok(Ok(blackhole)) => addrs.blackhole = blackhole,
        Ok(Err(e)) => {
            let _ = thread.join();
            return Err(e);
        }
        Err(_) => {
            let _ = thread.join();
            return Err(Error::msg("the server thread died while starting"));
        }
    }
    // The one connection the black hole's listen queue holds; every later SYN is dropped.
    let blackhole_filler = std::net::TcpStream::connect(addrs.blackhole)
        .map_err(|e| Error::new("filling the black hole's queue", e))?;
    Ok(crate::TestServer {
        inner: Running {
            addrs,
            _blackhole_filler: blackhole_filler,
            certs,
            files,
            state,
            shutdown: Some(shutdown_tx),
            thread: Some(thread),
        },
    })
}

fn tokio_listener(l: StdTcpListener) -> Result<TcpListener, Error> {
    TcpListener::from_std(l).map_err(|e| Error::new("registering a listener", e))
}

/// Runs inside the runtime: turns the std sockets into tokio ones and spawns the loops.
fn spawn_all(l: Listeners, certs: Arc<Certs>, state: Arc<State>) -> Result<SocketAddr, Error> {
    let http = tokio_listener(l.http)?;
    panics::spawn(
        state.clone(),
        accept_loop(http, None, "http", state.clone()),
    );
    if let Some(v6) = l.http_v6 {
        let v6 = tokio_listener(v6)?;
        panics::spawn(state.clone(), accept_loop(v6, None, "http", state.clone()));
    }
    let tls = [
        (l.https, certs.main.clone()),
        (l.expired, certs.expired.clone()),
        (l.self_signed, certs.self_signed.clone()),
        (l.tls12, certs.tls12.clone()),
        (l.mtls, certs.mtls.clone()),
    ];
    for (listener, config) in tls {
        let acceptor = TlsAcceptor::from(config);
        let listener = tokio_listener(listener)?;
        let task = accept_loop(listener, Some(acceptor), "https", state.clone());
        panics::spawn(state.clone(), task);
    }
    let bad = tokio_listener(l.bad)?;
    panics::spawn(state.clone(), misbehave::run(bad, state.clone()));
    let bad_h2 = tokio_listener(l.bad_h2)?;
    let acceptor = TlsAcceptor::from(certs.main.clone());
    panics::spawn(
        state.clone(),
        misbehave::run_bad_h2(bad_h2, acceptor, state.clone()),
    );
    let proxy = tokio_listener(l.proxy)?;
    panics::spawn(state.clone(), proxy::run(proxy, None, state.clone()));
    let proxy_auth = tokio_listener(l.proxy_auth)?;
    let creds = Some(proxy::CREDENTIALS);
    panics::spawn(state.clone(), proxy::run(proxy_auth, creds, state.clone()));
    let udp = tokio::net::UdpSocket::from_std(l.dns)
        .map_err(|e| Error::new("registering the DNS socket", e))?;
    panics::spawn(state.clone(), dns::run(udp, state.clone()));
    blackhole(state)
}

/// A listener with a backlog of 0 that never accepts: once one connection waits in its
/// queue (the caller makes it), the kernel drops every further SYN, so clients see a
/// connect that never completes — a connect timeout without any outside network.
fn blackhole(state: Arc<State>) -> Result<SocketAddr, Error> {
    let socket = tokio::net::TcpSocket::new_v4().map_err(|e| Error::new("black hole socket", e))?;
    socket
        .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .map_err(|e| Error::new("binding the black hole", e))?;
    let listener = socket
        .listen(0)
        .map_err(|e| Error::new("listening on the black hole", e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::new("local_addr", e))?;
    panics::spawn(state, async move {
        let _never_accepted = listener;
        std::future::pending::<()>().await;
    });
    Ok(addr)
}

async fn accept_loop(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    scheme: &'static str,
    state: Arc<State>,
) {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .max_buf_size(2 << 20);
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    let local = listener.local_addr().ok();
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(conn) => conn,
            Err(_) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        state.stats.connections.fetch_add(1, Ordering::SeqCst);
        let _ = tcp.set_nodelay(true);
        let info = ConnInfo {
            scheme,
            peer,
            local: local.unwrap_or(peer),
            client_cn: None,
            state: state.clone(),
        };
        let builder = builder.clone();
        let tls = tls.clone();
        panics::spawn(state.clone(), async move {
            match tls {
                None => serve(&builder, tcp, info).await,
                Some(acceptor) => {
                    let Ok(stream) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let client_cn = stream
                        .get_ref()
                        .1
                        .peer_certificates()
                        .and_then(|certs| certs.first())
                        .and_then(|c| der::subject_cn(c));
                    let info = ConnInfo { client_cn, ..info };
                    serve(&builder, stream, info).await;
                }
            }
        });
    }
}

/// Serves one connection; the [`Tee`] records HTTP/1 request heads as they came on the wire.
async fn serve<I>(builder: &auto::Builder<TokioExecutor>, io: I, info: ConnInfo)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let log = HeadLog::default();
    let io = Tee::new(io, log.clone());
    let info = Arc::new(info);
    let service = service_fn(move |req| handle(req, info.clone(), log.clone()));
    let _ = builder.serve_connection(TokioIo::new(io), service).await;
}

async fn handle(
    req: Request<Incoming>,
    conn: Arc<ConnInfo>,
    log: HeadLog,
) -> Result<Response<Body>, Infallible> {
    let (mut parts, body) = req.into_parts();
    // Only HTTP/1 heads were recorded; the tap is consulted before the handler runs.
    if parts.version != http::Version::HTTP_2 {
        let raw = log.take_matching(&parts.headers);
        parts.extensions.insert(RawHeaders(raw));
    }
    let req = Request::from_parts(parts, body);
    let state = conn.state.clone();
    match Caught::new(handle_inner(req, conn)).await {
        Ok(res) => Ok(res),
        Err(msg) => {
            state.record_panic(msg);
            Ok(util::text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the test server panicked\n",
            ))
        }
    }
}

async fn handle_inner(req: Request<Incoming>, conn: Arc<ConnInfo>) -> Response<Body> {
    conn.state.stats.requests.fetch_add(1, Ordering::SeqCst);
    if req.uri().path() == "/upload" {
        return upload(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let raw_headers = parts
        .extensions
        .remove::<RawHeaders>()
        .map(|r| r.0)
        .unwrap_or_default();
    let body = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            let status = if e
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            };
            return util::text(status, "could not read the request body\n");
        }
    };
    let req = Req {
        method: parts.method,
        uri: parts.uri,
        version: parts.version,
        headers: parts.headers,
        raw_headers,
        body,
        conn,
    };
    router::route(req).await
}

/// The wire-true header list of an HTTP/1 request, carried to the handler.
#[derive(Clone)]
struct RawHeaders(Vec<(String, String)>);

/// `/upload`, any method: reads the body as it streams (no buffering, no size limit) and
/// answers its length and SHA-256, for big streamed uploads.
async fn upload(req: Request<Incoming>) -> Response<Body> {
    let method = req.method().to_string();
    let mut body = req.into_body();
    let mut hasher = Sha256::new();
    let mut len: u64 = 0;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(frame) => {
                if let Some(data) = frame.data_ref() {
                    hasher.update(data);
                    len += data.len() as u64;
                }
            }
            Err(_) => return util::text(StatusCode::BAD_REQUEST, "upload interrupted\n"),
        }
    }
    let sha256: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    util::json(
        StatusCode::OK,
        &serde_json::json!({ "method": method, "bodyLength": len, "sha256": sha256 }),
    )
}
