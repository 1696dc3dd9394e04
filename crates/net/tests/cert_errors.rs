//! Rejected server certificates are explained in words, never with rustls'
//! or webpki's `Debug` spelling (`Other(OtherError(CaUsedAsEndEntity))`).
//! The servers are made here: a self-signed CA certificate (what plain
//! `openssl req -x509` makes) and a self-signed leaf.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::path::PathBuf;
use std::sync::Arc;

use http::Method;
use jsrun_net::{Client, Error, Kind, Request};
use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;

/// A TLS listener on `127.0.0.1:0` presenting one self-signed certificate
/// for `localhost`, and that certificate's PEM file. Handshakes are
/// accepted until the test's runtime ends.
struct SelfSigned {
    port: u16,
    pem: PathBuf,
}

impl SelfSigned {
    async fn start(name: &str, ca: bool) -> SelfSigned {
        let key = KeyPair::generate().expect("key");
        let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
        if ca {
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        }
        let cert = params.self_signed(&key).expect("certificate");
        let pem = std::env::temp_dir().join(format!(
            "jsrun-net-cert-errors-{name}-{}.pem",
            std::process::id()
        ));
        std::fs::write(&pem, cert.pem()).expect("write PEM");

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .expect("server config");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                // The client is expected to abort the handshake.
                tokio::spawn(async move { acceptor.accept(tcp).await.map(drop) });
            }
        });
        SelfSigned { port, pem }
    }

    /// GET `https://{host}:port/` routed to the listener, trusting its
    /// certificate or not.
    async fn fetch(&self, host: &str, trust: bool) -> Error {
        let mut builder = Client::builder().connect_to(host, self.port, "127.0.0.1", self.port);
        if trust {
            builder = builder.add_root_certificate_file(&self.pem);
        }
        let client = builder.build().expect("client");
        let url = format!("https://{host}:{}/", self.port);
        let req = Request::new(Method::GET, &url).expect("URL");
        client.fetch(req).await.expect_err("certificate rejected")
    }
}

impl Drop for SelfSigned {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.pem);
    }
}

fn assert_plain(err: &Error, needle: &str) {
    let text = err.to_string();
    assert_eq!(err.kind(), Kind::PeerCert, "{text}");
    assert!(text.contains(needle), "{text}");
    for debug in ["Other(", "OtherError", "DnsName(", "Context {"] {
        assert!(!text.contains(debug), "{debug} in: {text}");
    }
}

#[tokio::test]
async fn a_trusted_self_signed_ca_certificate_is_rejected_in_words() {
    let server = SelfSigned::start("ca", true).await;
    let err = server.fetch("localhost", true).await;
    assert_plain(
        &err,
        "the server's certificate is a CA certificate, not one for a server (CaUsedAsEndEntity)",
    );
    // The rustls error is still there for whoever walks the chain.
    let source = std::error::Error::source(&err).expect("source");
    assert!(std::error::Error::source(source).is_some());
}

#[tokio::test]
async fn an_untrusted_certificate_is_rejected_in_words() {
    let server = SelfSigned::start("untrusted", false).await;
    let err = server.fetch("localhost", false).await;
    assert_plain(&err, "not signed by a trusted CA (unknown issuer)");
}

#[tokio::test]
async fn a_certificate_for_another_name_is_rejected_in_words() {
    let server = SelfSigned::start("name", false).await;
    let err = server.fetch("other.test", true).await;
    assert_plain(
        &err,
        "the server's certificate is not valid for the host name other.test; it is valid for localhost",
    );
}
