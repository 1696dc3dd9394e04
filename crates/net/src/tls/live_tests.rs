//! The TLS leaf against the shared test server (`jsrun-testserver`): its
//! client-certificate files in every format, its CA file, its expired,
//! self-signed and TLS 1.2-only listeners, its pin, and its CONNECT proxy.

use std::sync::Arc;

use jsrun_testserver::TestServer;
use rustls::RootCertStore;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::*;

fn port_of(url: &str) -> u16 {
    url.rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .expect("port")
}

/// GET `/get` over HTTP/1.1 with `config`; returns the whole response.
async fn get(config: Arc<rustls::ClientConfig>, url: &str) -> Result<String> {
    let tcp = TcpStream::connect(("127.0.0.1", port_of(url)))
        .await
        .expect("tcp connect");
    let mut tls = handshake(config, "localhost", tcp).await?;
    tls.write_all(b"GET /get HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .map_err(|e| io_error(e, Kind::Send))?;
    let mut out = Vec::new();
    tls.read_to_end(&mut out)
        .await
        .map_err(|e| io_error(e, Kind::Recv))?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn h1() -> Vec<Vec<u8>> {
    vec![b"http/1.1".to_vec()]
}

fn trusting(server: &TestServer, opts: TlsOptions) -> Arc<rustls::ClientConfig> {
    let opts = TlsOptions {
        extra_roots: vec![server.ca_path().to_path_buf()],
        ..opts
    };
    client_config(&opts, &RootCertStore::empty(), h1()).expect("config")
}

#[tokio::test]
async fn client_certificate_files_of_the_test_server_in_every_format() {
    let server = TestServer::start();
    let files = server.client_cert();
    let certs = [
        ClientCert {
            cert: files.pem_cert.clone(),
            key: Some(files.pem_key.clone()),
            kind: CertKind::Pem,
            password: None,
        },
        ClientCert {
            cert: files.der_cert.clone(),
            key: Some(files.der_key.clone()),
            kind: CertKind::Der,
            password: None,
        },
        ClientCert {
            cert: files.p12.clone(),
            key: None,
            kind: CertKind::P12,
            password: Some(files.p12_password.clone()),
        },
    ];
    for cert in certs {
        let config = trusting(
            &server,
            TlsOptions {
                client_cert: Some(cert.clone()),
                ..TlsOptions::default()
            },
        );
        let response = get(config, &server.mtls_url())
            .await
            .unwrap_or_else(|e| panic!("{cert:?}: {e}"));
        assert!(response.starts_with("HTTP/1.1 200"), "{cert:?}: {response}");
        assert!(
            response.contains(&files.common_name),
            "{cert:?}: {response}"
        );
    }

    let wrong = ClientCert {
        cert: files.p12.clone(),
        key: None,
        kind: CertKind::P12,
        password: Some("nope".into()),
    };
    let opts = TlsOptions {
        client_cert: Some(wrong),
        ..TlsOptions::default()
    };
    assert_eq!(
        client_config(&opts, &RootCertStore::empty(), h1())
            .expect_err("wrong password")
            .kind(),
        Kind::LocalCert
    );

    let err = get(trusting(&server, TlsOptions::default()), &server.mtls_url())
        .await
        .expect_err("no certificate");
    assert_eq!(err.kind(), Kind::LocalCert, "{err}");
}

#[tokio::test]
async fn validation_against_the_test_servers_listeners() {
    let server = TestServer::start();
    let ok = get(
        trusting(&server, TlsOptions::default()),
        &server.https_url(),
    )
    .await
    .expect("trusted");
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");

    let err = get(
        trusting(&server, TlsOptions::default()),
        &server.https_expired_url(),
    )
    .await
    .expect_err("expired");
    assert_eq!(err.kind(), Kind::PeerCert);
    assert!(err.to_string().to_lowercase().contains("expired"), "{err}");

    let err = get(
        trusting(&server, TlsOptions::default()),
        &server.https_self_signed_url(),
    )
    .await
    .expect_err("self-signed");
    assert_eq!(err.kind(), Kind::PeerCert);

    let insecure = TlsOptions {
        verify: false,
        ..TlsOptions::default()
    };
    let config = client_config(&insecure, &RootCertStore::empty(), h1()).expect("config");
    get(config, &server.https_self_signed_url())
        .await
        .expect("verify off");

    let pinned = TlsOptions {
        pins: vec![server.spki_sha256_base64()],
        ..TlsOptions::default()
    };
    get(trusting(&server, pinned), &server.https_url())
        .await
        .expect("pin matches");
    let other = TlsOptions {
        pins: vec![server.spki_sha256_base64()],
        ..TlsOptions::default()
    };
    let err = get(trusting(&server, other), &server.https_self_signed_url())
        .await
        .expect_err("pin and chain");
    assert_eq!(err.kind(), Kind::PeerCert);
}

#[tokio::test]
async fn minimum_version_against_a_tls12_only_listener() {
    let server = TestServer::start();
    get(
        trusting(&server, TlsOptions::default()),
        &server.https_tls12_url(),
    )
    .await
    .expect("1.2 negotiated");
    let strict = TlsOptions {
        min_version: Some(TlsVersion::V1_3),
        ..TlsOptions::default()
    };
    let err = get(trusting(&server, strict), &server.https_tls12_url())
        .await
        .expect_err("1.3 required");
    assert_eq!(err.kind(), Kind::Cipher, "{err}");
}

#[tokio::test]
async fn https_through_the_test_servers_connect_proxy() {
    let server = TestServer::start();
    let proxy = crate::proxy::Proxy::parse(&server.proxy_auth_url()).expect("proxy url");
    let tcp = TcpStream::connect((proxy.host.as_str(), proxy.port))
        .await
        .expect("proxy connect");
    let fail = || async { Err(crate::Error::with_detail(Kind::Connect, "no reconnect")) };
    let https_port = port_of(&server.https_url());
    let err = crate::proxy::open_tunnel(tcp, "localhost", https_port, None, fail)
        .await
        .expect_err("credentials required");
    assert_eq!(err.kind(), Kind::Auth);

    let creds = crate::Credentials {
        user: "proxyuser".to_owned(),
        password: "proxypass".to_owned(),
        scheme: crate::AuthScheme::Basic,
    };
    let tcp = TcpStream::connect((proxy.host.as_str(), proxy.port))
        .await
        .expect("proxy connect");
    let tunnel = crate::proxy::open_tunnel(tcp, "localhost", https_port, Some(&creds), fail)
        .await
        .expect("tunnel");
    let mut tls = handshake(
        trusting(&server, TlsOptions::default()),
        "localhost",
        tunnel,
    )
    .await
    .expect("TLS in the tunnel");
    tls.write_all(b"GET /get HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut out = Vec::new();
    tls.read_to_end(&mut out).await.expect("read");
    assert!(
        out.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&out)
    );
}
