//! An httpbin-like HTTP/HTTPS test server for jsrun's tests, examples and benchmarks.
//!
//! [`TestServer::start`] binds every listener on `127.0.0.1:0` (plain HTTP with HTTP/1.1 and
//! h2c, TLS with ALPN h2 + http/1.1, an expired and a self-signed TLS variant, mTLS, a raw
//! misbehaving TCP server, two forward proxies and a UDP DNS server) and runs them on a thread
//! with its own tokio runtime, so it works from plain `#[test]`s and from inside other tokio
//! runtimes alike. Dropping the [`TestServer`] stops everything.
//!
//! ```
//! use std::io::{Read, Write};
//!
//! let server = jsrun_testserver::TestServer::start();
//! let addr = server.http_url().trim_start_matches("http://").to_string();
//! let mut tcp = std::net::TcpStream::connect(&addr)?;
//! write!(tcp, "GET /status/418 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
//! let mut answer = String::new();
//! tcp.read_to_string(&mut answer)?;
//! assert!(answer.starts_with("HTTP/1.1 418"));
//! assert_eq!(server.requests(), 1);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The endpoints are listed in the crate's `README.md`.

mod auth;
mod body;
mod cache;
mod compress;
mod content;
mod cookies;
mod der;
mod dns;
mod echo;
mod error;
mod forms;
mod misbehave;
mod odata;
mod panics;
mod pkcs12;
mod proxy;
mod rawhead;
mod redirect;
mod router;
mod server;
mod state;
mod stream;
mod tempdir;
mod tls;
mod util;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

pub use error::Error;

/// Paths of the client certificate and key (signed by the test CA) in every format the
/// clients under test accept. All files live in the server's temp dir and are removed on drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCertFiles {
    /// The client certificate, PEM (`-----BEGIN CERTIFICATE-----`).
    pub pem_cert: PathBuf,
    /// The client private key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub pem_key: PathBuf,
    /// The client certificate, DER.
    pub der_cert: PathBuf,
    /// The client private key, PKCS#8 DER.
    pub der_key: PathBuf,
    /// A PKCS#12 bundle of the certificate, the key and the CA, password `p12pass`
    /// (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, MAC HMAC-SHA256).
    pub p12: PathBuf,
    /// The password of [`ClientCertFiles::p12`]: `p12pass`.
    pub p12_password: String,
    /// The subject common name of the client certificate (what `mtls_url()/get` echoes).
    pub common_name: String,
}

/// Configures a [`TestServer`] before it starts.
#[derive(Debug, Clone, Default)]
pub struct TestServerBuilder {
    tls_names: Vec<String>,
    http_port: u16,
    https_port: u16,
    worker_threads: usize,
}

impl TestServerBuilder {
    /// Adds a DNS name to the server certificates' subject alternative names (repeatable),
    /// for clients that connect with `--connect-to` and keep the original TLS name.
    /// Default is only `localhost`, `127.0.0.1` and `::1`.
    #[must_use]
    pub fn tls_name(mut self, name: impl Into<String>) -> Self {
        self.tls_names.push(name.into());
        self
    }

    /// Port of the plain HTTP listener. Default is 0 (any free port).
    #[must_use]
    pub fn http_port(mut self, port: u16) -> Self {
        self.http_port = port;
        self
    }

    /// Port of the main TLS listener. Default is 0 (any free port).
    #[must_use]
    pub fn https_port(mut self, port: u16) -> Self {
        self.https_port = port;
        self
    }

    /// Number of tokio worker threads; 1 runs a current-thread runtime.
    /// Default is 1 (enough for tests; benchmarks may want 2).
    #[must_use]
    pub fn worker_threads(mut self, threads: usize) -> Self {
        self.worker_threads = threads;
        self
    }

    /// Starts the server.
    ///
    /// # Panics
    /// When a listener cannot be bound or the certificates cannot be made: a test cannot go
    /// on without its server. Use [`TestServerBuilder::try_build`] to handle that instead.
    pub fn build(self) -> TestServer {
        match self.try_build() {
            Ok(server) => server,
            Err(err) => panic!("jsrun-testserver failed to start: {err}"),
        }
    }

    /// Starts the server, reporting a failure instead of panicking.
    ///
    /// # Errors
    /// When a listener cannot be bound, the temp dir cannot be written, or certificate
    /// generation fails.
    pub fn try_build(self) -> Result<TestServer, Error> {
        server::start(server::Config {
            tls_names: self.tls_names,
            http_port: self.http_port,
            https_port: self.https_port,
            worker_threads: self.worker_threads.max(1),
        })
    }
}

/// A running test server; dropping it stops every listener and joins its thread.
pub struct TestServer {
    pub(crate) inner: server::Running,
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("http", &self.http_url())
            .field("https", &self.https_url())
            .finish_non_exhaustive()
    }
}

impl TestServer {
    /// Starts a server with the default configuration on `127.0.0.1:0` ports.
    ///
    /// # Panics
    /// See [`TestServerBuilder::build`].
    pub fn start() -> TestServer {
        TestServer::builder().build()
    }

    /// A builder for a configured server.
    pub fn builder() -> TestServerBuilder {
        TestServerBuilder::default()
    }

    /// `http://127.0.0.1:PORT`: HTTP/1.1 and HTTP/2 with prior knowledge (h2c).
    pub fn http_url(&self) -> String {
        format!("http://{}", self.inner.addrs.http)
    }

    /// `https://127.0.0.1:PORT`: TLS with ALPN h2 and http/1.1, certificate signed by the test
    /// CA for `localhost`, `127.0.0.1`, `::1` and every `tls_name`.
    pub fn https_url(&self) -> String {
        format!("https://{}", self.inner.addrs.https)
    }

    /// `http://[::1]:PORT` when the IPv6 loopback is available.
    pub fn http_url_v6(&self) -> Option<String> {
        self.inner.addrs.http_v6.map(|a| format!("http://{a}"))
    }

    /// TLS with an expired certificate signed by the test CA.
    pub fn https_expired_url(&self) -> String {
        format!("https://{}", self.inner.addrs.https_expired)
    }

    /// TLS with a self-signed certificate that the test CA did not sign.
    pub fn https_self_signed_url(&self) -> String {
        format!("https://{}", self.inner.addrs.https_self_signed)
    }

    /// TLS 1.2 only (no TLS 1.3), same certificate as [`TestServer::https_url`], for
    /// minimum-TLS-version tests.
    pub fn https_tls12_url(&self) -> String {
        format!("https://{}", self.inner.addrs.https_tls12)
    }

    /// TLS with the main certificate and ALPN h2, answering HTTP/1.1 text where HTTP/2
    /// frames belong: an HTTP/2 framing error (curl code 16) over TLS.
    pub fn https_bad_h2_url(&self) -> String {
        format!("https://{}", self.inner.addrs.https_bad_h2)
    }

    /// TLS that requires a client certificate signed by the test CA; `/get` there echoes the
    /// client certificate's subject CN as `clientCertCn`.
    pub fn mtls_url(&self) -> String {
        format!("https://{}", self.inner.addrs.mtls)
    }

    /// `http://127.0.0.1:PORT` of the raw TCP server with the misbehaving endpoints.
    pub fn bad_url(&self) -> String {
        format!("http://{}", self.inner.addrs.bad)
    }

    /// `http://127.0.0.1:PORT` where a TCP connect never completes (a listener that never
    /// accepts, with a full queue): for connect-timeout tests without outside network.
    pub fn blackhole_url(&self) -> String {
        format!("http://{}", self.inner.addrs.blackhole)
    }

    /// `http://127.0.0.1:PORT` of an HTTP/1.1 forward proxy (absolute-form and CONNECT).
    pub fn proxy_url(&self) -> String {
        format!("http://{}", self.inner.addrs.proxy)
    }

    /// The same proxy, requiring `Proxy-Authorization: Basic` `proxyuser:proxypass`.
    pub fn proxy_auth_url(&self) -> String {
        format!("http://{}", self.inner.addrs.proxy_auth)
    }

    /// The UDP DNS server: `*.test` and `localhost.jsrun` resolve to loopback.
    pub fn dns_addr(&self) -> SocketAddr {
        self.inner.addrs.dns
    }

    /// The test CA certificate, PEM.
    pub fn ca_pem(&self) -> &str {
        &self.inner.certs.ca_pem
    }

    /// The test CA certificate written as PEM in the server's temp dir.
    pub fn ca_path(&self) -> &Path {
        &self.inner.files.ca
    }

    /// The client certificate and key files signed by the test CA.
    pub fn client_cert(&self) -> ClientCertFiles {
        self.inner.files.client.clone()
    }

    /// TCP connections accepted so far by the HTTP and TLS listeners of the main server.
    pub fn connections(&self) -> u64 {
        self.inner.state.stats.connections.load(Ordering::SeqCst)
    }

    /// HTTP requests served so far by the main server (all its listeners).
    pub fn requests(&self) -> u64 {
        self.inner.state.stats.requests.load(Ordering::SeqCst)
    }

    /// Requests forwarded and tunnels opened by the two proxies.
    pub fn proxy_requests(&self) -> u64 {
        self.inner.state.stats.proxy_requests.load(Ordering::SeqCst)
    }

    /// DNS queries answered so far by [`TestServer::dns_addr`].
    pub fn dns_queries(&self) -> u64 {
        self.inner.state.stats.dns_queries.load(Ordering::SeqCst)
    }

    /// DNS-over-HTTPS queries answered so far by `/dns-query` (RFC 8484) on the main server.
    pub fn doh_queries(&self) -> u64 {
        self.inner.state.stats.doh_queries.load(Ordering::SeqCst)
    }

    /// Connections accepted so far by the misbehaving server.
    pub fn bad_connections(&self) -> u64 {
        self.inner
            .state
            .stats
            .bad_connections
            .load(Ordering::SeqCst)
    }

    /// base64(SHA-256(SubjectPublicKeyInfo DER)) of the `https_url` leaf certificate, the
    /// value OHOS `certificatePinning` takes.
    pub fn spki_sha256_base64(&self) -> String {
        self.inner.certs.leaf_spki_sha256_base64.clone()
    }

    /// The temp dir holding the CA and client certificate files.
    pub fn temp_dir(&self) -> &Path {
        self.inner.files.dir.path()
    }

    /// The `TESTSERVER_*` environment the JS fixtures under `tests/js/` and the
    /// examples read: every listener's URL, the CA and client-certificate files,
    /// the pin, and a scratch folder (`TESTSERVER_TMP`, created here).
    pub fn fixture_env(&self) -> Vec<(String, String)> {
        let cert = self.client_cert();
        let path = |p: &Path| p.to_string_lossy().into_owned();
        let tmp = self.temp_dir().join("scratch");
        let _ = std::fs::create_dir_all(&tmp);
        let vars = [
            ("HTTP", self.http_url()),
            ("HTTPS", self.https_url()),
            ("HTTP_V6", self.http_url_v6().unwrap_or_default()),
            ("BAD", self.bad_url()),
            ("PROXY", self.proxy_url()),
            ("PROXY_AUTH", self.proxy_auth_url()),
            ("MTLS", self.mtls_url()),
            ("EXPIRED", self.https_expired_url()),
            ("SELF_SIGNED", self.https_self_signed_url()),
            ("TLS12", self.https_tls12_url()),
            ("BAD_H2", self.https_bad_h2_url()),
            ("DNS", self.dns_addr().to_string()),
            ("CA", path(self.ca_path())),
            ("CLIENT_CERT_PEM", path(&cert.pem_cert)),
            ("CLIENT_KEY_PEM", path(&cert.pem_key)),
            ("CLIENT_CERT_DER", path(&cert.der_cert)),
            ("CLIENT_KEY_DER", path(&cert.der_key)),
            ("CLIENT_P12", path(&cert.p12)),
            ("SPKI_SHA256", self.spki_sha256_base64()),
            ("TMP", path(&tmp)),
        ];
        vars.into_iter()
            .map(|(k, v)| (format!("TESTSERVER_{k}"), v))
            .collect()
    }
}
