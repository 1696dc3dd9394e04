//! A small raw client for the tests: HTTP/1.1 over std TCP, and hyper over rustls for TLS
//! and HTTP/2.

#![allow(
    dead_code,
    reason = "each test file uses a different part of this module"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `http://127.0.0.1:PORT` → `127.0.0.1:PORT`.
pub fn host_port(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_string()
}

/// Connects with a read timeout so a broken server fails a test instead of hanging it.
pub fn connect(url: &str) -> TcpStream {
    let tcp = TcpStream::connect(host_port(url)).expect("connect");
    tcp.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    tcp
}

/// Sends raw bytes and reads until the server closes.
pub fn raw(url: &str, request: &[u8]) -> Vec<u8> {
    let mut tcp = connect(url);
    tcp.write_all(request).expect("write");
    let mut out = Vec::new();
    let _ = tcp.read_to_end(&mut out);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses one HTTP/1.1 response (Content-Length, chunked, or until close).
pub fn parse(data: &[u8]) -> Resp {
    let end = find(data, b"\r\n\r\n").expect("response head");
    let head = String::from_utf8_lossy(&data[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &data[end + 4..];
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked")
    });
    let body = if chunked {
        dechunk(rest)
    } else if let Some(len) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        rest[..len.min(rest.len())].to_vec()
    } else {
        rest.to_vec()
    };
    Resp {
        status,
        headers,
        body,
    }
}

pub fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = find(data, b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        data = &data[line_end + 2..];
        if size == 0 || data.len() < size {
            break;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[(size + 2).min(data.len())..];
    }
    out
}

/// A one-shot HTTP/1.1 request with `Connection: close`.
pub fn request(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    let mut req = format!("{method} {path} HTTP/1.1\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {}\r\n", host_port(base)));
    }
    req.push_str("Connection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" || method == "PUT" || method == "PATCH" {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    parse(&raw(base, &bytes))
}

pub fn get(base: &str, path: &str) -> Resp {
    request(base, "GET", path, &[], b"")
}

/// A rustls client config trusting the PEM CA, optionally with a client certificate.
pub fn tls_config(
    ca_pem: &str,
    client: Option<(Vec<u8>, Vec<u8>)>,
    alpn: &[&[u8]],
) -> Arc<rustls::ClientConfig> {
    tls_config_versions(ca_pem, client, alpn, rustls::DEFAULT_VERSIONS)
}

/// [`tls_config`] limited to some TLS versions.
pub fn tls_config_versions(
    ca_pem: &str,
    client: Option<(Vec<u8>, Vec<u8>)>,
    alpn: &[&[u8]],
    versions: &[&'static rustls::SupportedProtocolVersion],
) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pemfile_lite(ca_pem) {
        roots.add(cert).expect("add root");
    }
    let builder = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(versions)
    .expect("versions")
    .with_root_certificates(roots);
    let mut config = match client {
        Some((cert_der, key_der)) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from(cert_der)],
                PrivateKeyDer::Pkcs8(key_der.into()),
            )
            .expect("client cert"),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(config)
}

/// The DER certificates in a PEM text.
pub fn rustls_pemfile_lite(pem: &str) -> Vec<CertificateDer<'static>> {
    use base64::Engine as _;
    let mut out = Vec::new();
    let mut b64 = String::new();
    let mut inside = false;
    for line in pem.lines() {
        if line.starts_with("-----BEGIN CERTIFICATE") {
            inside = true;
            b64.clear();
        } else if line.starts_with("-----END CERTIFICATE") {
            inside = false;
            let der = base64::engine::general_purpose::STANDARD
                .decode(b64.as_bytes())
                .expect("pem base64");
            out.push(CertificateDer::from(der));
        } else if inside {
            b64.push_str(line.trim());
        }
    }
    out
}

/// What a TLS request saw.
#[derive(Debug)]
pub struct TlsResp {
    pub status: u16,
    pub body: Vec<u8>,
    pub alpn: Option<Vec<u8>>,
    /// The negotiated TLS version, e.g. `TLSv1_3`.
    pub version: Option<String>,
    pub peer_cert: Option<Vec<u8>>,
}

/// One GET over TLS with hyper (HTTP/2 when ALPN picks h2); `Err` carries the failure text.
pub fn tls_get(
    url: &str,
    config: Arc<rustls::ClientConfig>,
    path: &str,
) -> Result<TlsResp, String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let addr = host_port(url);
    // The timeout turns a hang (a regression) into a failure instead of a stuck run.
    let work = async move {
        let tcp = tokio::net::TcpStream::connect(&addr)
            .await
            .map_err(|e| e.to_string())?;
        let connector = tokio_rustls::TlsConnector::from(config);
        let name = ServerName::try_from("localhost").map_err(|e| e.to_string())?;
        let tls = connector
            .connect(name, tcp)
            .await
            .map_err(|e| e.to_string())?;
        let alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
        let version = tls.get_ref().1.protocol_version().map(|v| format!("{v:?}"));
        let peer_cert = tls
            .get_ref()
            .1
            .peer_certificates()
            .and_then(|c| c.first())
            .map(|c| c.to_vec());
        let req = http::Request::builder()
            .uri(format!("https://{addr}{path}"))
            .header("host", &addr)
            .body(Empty::<Bytes>::new())
            .map_err(|e| e.to_string())?;
        let res = if alpn.as_deref() == Some(b"h2") {
            let (mut send, conn) =
                hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tls))
                    .await
                    .map_err(|e| e.to_string())?;
            tokio::spawn(conn);
            send.send_request(req).await.map_err(|e| e.to_string())?
        } else {
            let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
                .await
                .map_err(|e| e.to_string())?;
            tokio::spawn(conn);
            send.send_request(req).await.map_err(|e| e.to_string())?
        };
        let status = res.status().as_u16();
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes()
            .to_vec();
        Ok(TlsResp {
            status,
            body,
            alpn,
            version,
            peer_cert,
        })
    };
    rt.block_on(async { tokio::time::timeout(Duration::from_secs(30), work).await })
        .expect("a TLS request hung")
}
