//! TLS handshakes over in-memory duplex pipes with certificates made by
//! rcgen (server side) and checked-in fixtures (client side, see
//! `tests/fixtures/leaves/README.md`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::*;

fn roots_from(certs: Vec<CertificateDer<'static>>) -> RootCertStore {
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(certs);
    store
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/leaves")
        .join(name)
}

struct Ca {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl Ca {
    fn new() -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let key = KeyPair::generate().expect("key");
        Ca {
            issuer: CertifiedIssuer::self_signed(params, key).expect("ca"),
        }
    }

    fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    fn roots(&self) -> RootCertStore {
        roots_from(vec![self.der()])
    }

    /// A leaf for `names`, signed by this CA: (chain, key).
    fn leaf(&self, names: &[&str]) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
        let params =
            CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .expect("params");
        let key = KeyPair::generate().expect("key");
        let cert = params.signed_by(&key, &self.issuer).expect("sign");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        (vec![cert.der().clone()], key)
    }
}

fn self_signed(names: &[&str]) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
    let params = CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .expect("params");
    let key = KeyPair::generate().expect("key");
    let cert = params.self_signed(&key).expect("self-signed");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (vec![cert.der().clone()], key)
}

fn server_config(
    identity: (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>),
    versions: &[&'static rustls::SupportedProtocolVersion],
    client_roots: Option<RootCertStore>,
) -> Arc<ServerConfig> {
    let builder = ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(versions)
        .expect("versions");
    let builder = match client_roots {
        Some(roots) => builder.with_client_cert_verifier(
            WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
                .build()
                .expect("client verifier"),
        ),
        None => builder.with_no_client_auth(),
    };
    let mut config = builder
        .with_single_cert(identity.0, identity.1)
        .expect("server cert");
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Arc::new(config)
}

/// What the server saw of a successful exchange.
#[derive(Debug)]
struct Seen {
    client_certs: Option<Vec<CertificateDer<'static>>>,
    suite: Option<rustls::CipherSuite>,
}

/// Handshakes `client` against `server` as `host`, then exchanges one
/// message each way so that post-handshake alerts (TLS 1.3 client-cert
/// rejection) surface on the client.
async fn exchange(
    client: Arc<rustls::ClientConfig>,
    server: Arc<ServerConfig>,
    host: &str,
) -> Result<(Seen, Option<Vec<u8>>)> {
    let (c, s) = tokio::io::duplex(64 * 1024);
    let acceptor = tokio_rustls::TlsAcceptor::from(server);
    let server_task = tokio::spawn(async move {
        let mut tls = acceptor.accept(s).await.ok()?;
        let mut buf = [0u8; 4];
        tls.read_exact(&mut buf).await.ok()?;
        tls.write_all(b"pong").await.ok()?;
        tls.flush().await.ok()?;
        let (_, conn) = tls.get_ref();
        Some(Seen {
            client_certs: conn.peer_certificates().map(|c| c.to_vec()),
            suite: conn.negotiated_cipher_suite().map(|s| s.suite()),
        })
    });
    let mut tls = handshake(client, host, c).await?;
    let alpn = tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec);
    tls.write_all(b"ping")
        .await
        .map_err(|e| io_error(e, Kind::Send))?;
    tls.flush().await.map_err(|e| io_error(e, Kind::Send))?;
    let mut buf = [0u8; 4];
    tls.read_exact(&mut buf)
        .await
        .map_err(|e| io_error(e, Kind::Recv))?;
    assert_eq!(&buf, b"pong");
    let seen = server_task
        .await
        .expect("server task")
        .expect("server side completed");
    Ok((seen, alpn))
}

fn both_versions() -> Vec<&'static rustls::SupportedProtocolVersion> {
    vec![&rustls::version::TLS12, &rustls::version::TLS13]
}

fn kind_of<T: std::fmt::Debug>(r: Result<T>) -> Kind {
    r.expect_err("expected an error").kind()
}

#[tokio::test]
async fn valid_chain_handshakes_and_negotiates_alpn() {
    let ca = Ca::new();
    let server = server_config(ca.leaf(&["localhost"]), &both_versions(), None);
    let client =
        client_config(&TlsOptions::default(), &ca.roots(), vec![b"h2".to_vec()]).expect("config");
    let (_, alpn) = exchange(client, server, "localhost")
        .await
        .expect("handshake");
    assert_eq!(alpn.as_deref(), Some(&b"h2"[..]));
}

#[tokio::test]
async fn ip_literal_server_names_are_verified() {
    let ca = Ca::new();
    let server = server_config(ca.leaf(&["127.0.0.1"]), &both_versions(), None);
    let client = client_config(&TlsOptions::default(), &ca.roots(), vec![]).expect("config");
    exchange(client.clone(), server.clone(), "127.0.0.1")
        .await
        .expect("IP SAN matches");
    let err = exchange(client, server, "[::1]").await;
    assert_eq!(kind_of(err), Kind::PeerCert);
}

#[tokio::test]
async fn wrong_name_is_a_peer_cert_error() {
    let ca = Ca::new();
    let server = server_config(ca.leaf(&["other.example"]), &both_versions(), None);
    let client = client_config(&TlsOptions::default(), &ca.roots(), vec![]).expect("config");
    let err = exchange(client, server, "localhost")
        .await
        .expect_err("name mismatch");
    assert_eq!(err.kind(), Kind::PeerCert);
    assert!(err.to_string().to_lowercase().contains("name"), "{err}");
}

#[tokio::test]
async fn untrusted_issuer_is_a_peer_cert_error() {
    let server = server_config(self_signed(&["localhost"]), &both_versions(), None);
    // Against another CA's roots, and against no roots at all.
    let other = Ca::new();
    for roots in [other.roots(), RootCertStore::empty()] {
        let client = client_config(&TlsOptions::default(), &roots, vec![]).expect("config");
        let err = exchange(client, server.clone(), "localhost").await;
        assert_eq!(kind_of(err), Kind::PeerCert);
    }
}

#[tokio::test]
async fn verify_false_accepts_self_signed_and_wrong_names() {
    let server = server_config(self_signed(&["other.example"]), &both_versions(), None);
    let opts = TlsOptions {
        verify: false,
        ..TlsOptions::default()
    };
    let client = client_config(&opts, &RootCertStore::empty(), vec![]).expect("config");
    exchange(client, server, "localhost")
        .await
        .expect("no verification");
}

#[tokio::test]
async fn pins_accept_the_right_key_and_reject_others() {
    let identity = self_signed(&["localhost"]);
    let pin = spki_sha256_base64(&identity.0[0]).expect("pin");
    let server = server_config(identity, &both_versions(), None);

    for pins in [
        vec![pin.clone()],
        vec![format!("sha256/{pin}")],
        vec![pin.trim_end_matches('=').to_owned()],
    ] {
        let opts = TlsOptions {
            verify: false,
            pins,
            ..TlsOptions::default()
        };
        let client = client_config(&opts, &RootCertStore::empty(), vec![]).expect("config");
        exchange(client, server.clone(), "localhost")
            .await
            .expect("pinned key matches");
    }

    let wrong = spki_sha256_base64(&self_signed(&["localhost"]).0[0]).expect("pin");
    let opts = TlsOptions {
        verify: false,
        pins: vec![wrong],
        ..TlsOptions::default()
    };
    let client = client_config(&opts, &RootCertStore::empty(), vec![]).expect("config");
    let err = exchange(client, server, "localhost")
        .await
        .expect_err("pin mismatch");
    assert_eq!(err.kind(), Kind::PeerCert);
    assert!(err.to_string().contains("pinned"), "{err}");
}

#[tokio::test]
async fn pins_do_not_bypass_chain_validation() {
    let identity = self_signed(&["localhost"]);
    let pin = spki_sha256_base64(&identity.0[0]).expect("pin");
    let server = server_config(identity, &both_versions(), None);
    let opts = TlsOptions {
        pins: vec![pin],
        ..TlsOptions::default()
    };
    let client = client_config(&opts, &RootCertStore::empty(), vec![]).expect("config");
    assert_eq!(
        kind_of(exchange(client, server, "localhost").await),
        Kind::PeerCert
    );
}

#[test]
fn malformed_pins_are_invalid_arguments() {
    for pin in ["not base64!", "AAAA", ""] {
        let opts = TlsOptions {
            pins: vec![pin.into()],
            ..TlsOptions::default()
        };
        let err = client_config(&opts, &RootCertStore::empty(), vec![]);
        assert_eq!(kind_of(err), Kind::InvalidArgument, "{pin:?}");
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("jsrun-tls-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn pem(der: &CertificateDer<'_>) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der.as_ref());
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[tokio::test]
async fn extra_roots_from_files_and_folders() {
    let ca = Ca::new();
    let server = server_config(ca.leaf(&["localhost"]), &both_versions(), None);
    let dir = TempDir::new("roots");
    let pem_file = dir.0.join("ca.pem");
    std::fs::write(&pem_file, pem(&ca.der())).expect("write");
    let folder = dir.0.join("folder");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("ca.cer"), ca.der().as_ref()).expect("write DER");
    std::fs::write(folder.join("notes.txt"), "ignored").expect("write");

    for extra in [pem_file, folder] {
        let opts = TlsOptions {
            extra_roots: vec![extra.clone()],
            ..TlsOptions::default()
        };
        let client = client_config(&opts, &RootCertStore::empty(), vec![]).expect("config");
        exchange(client, server.clone(), "localhost")
            .await
            .unwrap_or_else(|e| panic!("{extra:?}: {e}"));
    }
}

#[test]
fn unusable_ca_paths_are_ca_file_errors() {
    let dir = TempDir::new("badroots");
    let empty = dir.0.join("empty.pem");
    std::fs::write(&empty, "no certificates here").expect("write");
    let empty_folder = dir.0.join("empty");
    std::fs::create_dir(&empty_folder).expect("mkdir");
    let missing = dir.0.join("missing.pem");
    for path in [empty, empty_folder, missing.clone()] {
        let err = load_roots(std::slice::from_ref(&path)).expect_err("must fail");
        assert_eq!(err.kind(), Kind::CaFile);
        assert!(err.to_string().contains(&*path.to_string_lossy()), "{err}");
    }
    let opts = TlsOptions {
        extra_roots: vec![missing],
        ..TlsOptions::default()
    };
    assert_eq!(
        kind_of(client_config(&opts, &RootCertStore::empty(), vec![])),
        Kind::CaFile
    );
}

#[tokio::test]
async fn version_range_is_honoured() {
    let ca = Ca::new();
    let tls12_only = server_config(ca.leaf(&["localhost"]), &[&rustls::version::TLS12], None);

    // A minimum of 1.0 means "1.2 or better" here, so it still connects.
    let opts = TlsOptions {
        min_version: Some(TlsVersion::V1_0),
        ..TlsOptions::default()
    };
    let client = client_config(&opts, &ca.roots(), vec![]).expect("config");
    exchange(client, tls12_only.clone(), "localhost")
        .await
        .expect("1.2 negotiated");

    let opts = TlsOptions {
        min_version: Some(TlsVersion::V1_3),
        ..TlsOptions::default()
    };
    let client = client_config(&opts, &ca.roots(), vec![]).expect("config");
    assert_eq!(
        kind_of(exchange(client, tls12_only, "localhost").await),
        Kind::Cipher
    );

    let opts = TlsOptions {
        max_version: Some(TlsVersion::V1_1),
        ..TlsOptions::default()
    };
    let err = client_config(&opts, &ca.roots(), vec![]).expect_err("1.1 max");
    assert_eq!(err.kind(), Kind::Cipher);
    assert!(
        err.to_string().contains("not supported by this build"),
        "{err}"
    );

    let opts = TlsOptions {
        min_version: Some(TlsVersion::V1_3),
        max_version: Some(TlsVersion::V1_2),
        ..TlsOptions::default()
    };
    assert_eq!(
        kind_of(client_config(&opts, &ca.roots(), vec![])),
        Kind::Cipher
    );
}

#[test]
fn version_names_parse() {
    for (s, v) in [
        ("TLSv1.2", TlsVersion::V1_2),
        ("TLSv1_3", TlsVersion::V1_3),
        ("1.0", TlsVersion::V1_0),
        ("tls 1.1", TlsVersion::V1_1),
    ] {
        assert_eq!(s.parse::<TlsVersion>().expect(s), v);
    }
    assert_eq!(
        kind_of("SSLv3".parse::<TlsVersion>()),
        Kind::InvalidArgument
    );
    assert_eq!("p12".parse::<CertKind>().expect("p12"), CertKind::P12);
}

#[tokio::test]
async fn cipher_suites_by_openssl_and_iana_name() {
    let ca = Ca::new();
    // rcgen's default key is ECDSA P-256.
    let server = server_config(ca.leaf(&["localhost"]), &both_versions(), None);
    let cases = [
        (
            "ECDHE-ECDSA-AES128-GCM-SHA256",
            rustls::CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        ),
        (
            "tls_ecdhe_ecdsa_with_chacha20_poly1305_sha256",
            rustls::CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        ),
        (
            "TLS_AES_256_GCM_SHA384",
            rustls::CipherSuite::TLS13_AES_256_GCM_SHA384,
        ),
        (
            "BOGUS:TLS_CHACHA20_POLY1305_SHA256",
            rustls::CipherSuite::TLS13_CHACHA20_POLY1305_SHA256,
        ),
    ];
    for (name, expected) in cases {
        let opts = TlsOptions {
            cipher_suites: Some(vec![name.into()]),
            ..TlsOptions::default()
        };
        let client = client_config(&opts, &ca.roots(), vec![]).expect(name);
        let (seen, _) = exchange(client, server.clone(), "localhost")
            .await
            .expect(name);
        assert_eq!(seen.suite, Some(expected), "{name}");
    }
    let opts = TlsOptions {
        cipher_suites: Some(vec!["RC4-MD5".into(), "DES-CBC3-SHA".into()]),
        ..TlsOptions::default()
    };
    assert_eq!(
        kind_of(client_config(&opts, &ca.roots(), vec![])),
        Kind::Cipher
    );
    // TLS 1.3-only suites with a 1.2 maximum leave nothing to negotiate.
    let opts = TlsOptions {
        cipher_suites: Some(vec!["TLS_AES_128_GCM_SHA256".into()]),
        max_version: Some(TlsVersion::V1_2),
        ..TlsOptions::default()
    };
    assert_eq!(
        kind_of(client_config(&opts, &ca.roots(), vec![])),
        Kind::Cipher
    );
}

fn fixture_ca_roots() -> RootCertStore {
    let certs = load_roots(&[fixture("ca.pem")]).expect("fixture CA");
    roots_from(certs)
}

fn leaf_of(pem_file: &str) -> CertificateDer<'static> {
    CertificateDer::from_pem_file(fixture(pem_file)).expect("fixture cert")
}

fn cert(file: &str, key: Option<&str>, kind: CertKind, password: Option<&str>) -> ClientCert {
    ClientCert {
        cert: fixture(file),
        key: key.map(fixture),
        kind,
        password: password.map(str::to_owned),
    }
}

#[tokio::test]
async fn client_certificates_are_presented_in_every_format() {
    let ca = Ca::new();
    let cases = [
        (
            cert("client-ec.pem", Some("client-ec.key"), CertKind::Pem, None),
            "client-ec.pem",
        ),
        (
            cert("client-ec-combined.pem", None, CertKind::Pem, None),
            "client-ec.pem",
        ),
        (
            cert(
                "client-rsa.pem",
                Some("client-rsa.key"),
                CertKind::Pem,
                None,
            ),
            "client-rsa.pem",
        ),
        (
            cert(
                "client-ec.der",
                Some("client-ec.key.der"),
                CertKind::Der,
                None,
            ),
            "client-ec.pem",
        ),
        (
            cert("client-rsa.p12", None, CertKind::P12, Some("p12pass")),
            "client-rsa.pem",
        ),
        (
            cert("client-ec-legacy.p12", None, CertKind::P12, Some("p12pass")),
            "client-ec.pem",
        ),
        (
            cert("client-ec-nopass.p12", None, CertKind::P12, None),
            "client-ec.pem",
        ),
    ];
    for versions in [vec![&rustls::version::TLS12], vec![&rustls::version::TLS13]] {
        let server = server_config(ca.leaf(&["localhost"]), &versions, Some(fixture_ca_roots()));
        for (client_cert, leaf) in &cases {
            let opts = TlsOptions {
                client_cert: Some(client_cert.clone()),
                ..TlsOptions::default()
            };
            let client = client_config(&opts, &ca.roots(), vec![])
                .unwrap_or_else(|e| panic!("{client_cert:?}: {e}"));
            let (seen, _) = exchange(client, server.clone(), "localhost")
                .await
                .unwrap_or_else(|e| panic!("{client_cert:?}: {e}"));
            let presented = seen.client_certs.expect("client presented a certificate");
            assert_eq!(presented[0], leaf_of(leaf), "{client_cert:?}");
        }
    }
}

#[tokio::test]
async fn p12_chain_keeps_the_intermediate_order() {
    let opts = TlsOptions {
        client_cert: Some(cert("client-rsa.p12", None, CertKind::P12, Some("p12pass"))),
        ..TlsOptions::default()
    };
    let (chain, _) = certs::load_client_cert(opts.client_cert.as_ref().expect("set")).expect("p12");
    assert_eq!(chain.len(), 2);
    assert_eq!(chain[0], leaf_of("client-rsa.pem"));
    assert_eq!(chain[1], leaf_of("ca.pem"));
}

#[tokio::test]
async fn server_requiring_a_certificate_rejects_none_as_local_cert() {
    let ca = Ca::new();
    for versions in [vec![&rustls::version::TLS12], vec![&rustls::version::TLS13]] {
        let server = server_config(ca.leaf(&["localhost"]), &versions, Some(fixture_ca_roots()));
        let client = client_config(&TlsOptions::default(), &ca.roots(), vec![]).expect("config");
        let err = exchange(client, server, "localhost")
            .await
            .expect_err("no client cert");
        assert_eq!(err.kind(), Kind::LocalCert, "{versions:?}: {err}");
    }
}

#[test]
fn bad_client_certificates_are_local_cert_errors() {
    let cases = [
        (
            cert("client-rsa.p12", None, CertKind::P12, Some("wrong")),
            "password",
        ),
        (
            cert("client-ec-legacy.p12", None, CertKind::P12, Some("wrong")),
            "password",
        ),
        (
            cert("missing.pem", Some("client-ec.key"), CertKind::Pem, None),
            "missing.pem",
        ),
        (
            cert("client-ec.pem", Some("missing.key"), CertKind::Pem, None),
            "missing.key",
        ),
        (
            cert("client-ec.pem", None, CertKind::Pem, None),
            "no private key",
        ),
        (
            cert("client-ec.der", None, CertKind::Der, None),
            "separate key",
        ),
        (
            cert("client-ec.key", Some("client-ec.key"), CertKind::Pem, None),
            "no PEM certificate",
        ),
        (
            cert("ca.pem", None, CertKind::P12, Some("p12pass")),
            "PKCS#12",
        ),
        // The key of another certificate: rustls refuses the pair.
        (
            cert("client-rsa.pem", Some("client-ec.key"), CertKind::Pem, None),
            "cannot be used",
        ),
    ];
    for (client_cert, needle) in cases {
        let opts = TlsOptions {
            client_cert: Some(client_cert.clone()),
            ..TlsOptions::default()
        };
        let err = client_config(&opts, &RootCertStore::empty(), vec![]).expect_err("must fail");
        assert_eq!(err.kind(), Kind::LocalCert, "{client_cert:?}");
        assert!(err.to_string().contains(needle), "{client_cert:?}: {err}");
    }
}

#[test]
fn rustls_errors_map_to_kinds() {
    use rustls::{AlertDescription as A, CertificateError as C, Error as E, PeerIncompatible};
    let cases = [
        (E::InvalidCertificate(C::Expired), Kind::PeerCert),
        (E::InvalidCertificate(C::UnknownIssuer), Kind::PeerCert),
        (E::InvalidCertificate(C::NotValidForName), Kind::PeerCert),
        (E::NoCertificatesPresented, Kind::PeerCert),
        (
            E::PeerIncompatible(PeerIncompatible::NoCipherSuitesInCommon),
            Kind::Cipher,
        ),
        (E::AlertReceived(A::ProtocolVersion), Kind::Cipher),
        (E::AlertReceived(A::HandshakeFailure), Kind::Cipher),
        (E::AlertReceived(A::CertificateRequired), Kind::LocalCert),
        (E::AlertReceived(A::UnknownCA), Kind::LocalCert),
        (E::AlertReceived(A::BadCertificate), Kind::LocalCert),
        (E::AlertReceived(A::InternalError), Kind::Connect),
        (E::DecryptError, Kind::Connect),
    ];
    for (err, kind) in cases {
        assert_eq!(map_rustls_error(&err), kind, "{err:?}");
    }
    let wrapped = std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        E::InvalidCertificate(C::Expired),
    );
    assert_eq!(io_error(wrapped, Kind::Recv).kind(), Kind::PeerCert);
    let plain = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
    assert_eq!(io_error(plain, Kind::Recv).kind(), Kind::Recv);
}

#[test]
fn server_names_accept_hosts_and_ip_literals() {
    assert!(server_name("example.org").is_ok());
    assert!(server_name("[::1]").is_ok());
    assert!(server_name("127.0.0.1").is_ok());
    assert_eq!(kind_of(server_name("bad host")), Kind::BadUrl);
}

#[test]
fn system_roots_load_once() {
    let a = system_roots();
    let b = system_roots();
    assert!(Arc::ptr_eq(&a, &b));
}
