//! TLS listeners: trusted, expired, self-signed, mutual; ALPN; pinning value; cert files.

mod support;

use base64::Engine as _;
use jsrun_testserver::TestServer;
use sha2::{Digest, Sha256};
use support::{tls_config, tls_config_versions, tls_get};

#[test]
fn trusted_tls_with_alpn_h2_and_http1() {
    let server = TestServer::start();
    let h2 = tls_get(
        &server.https_url(),
        tls_config(server.ca_pem(), None, &[b"h2", b"http/1.1"]),
        "/get",
    )
    .expect("h2 over TLS");
    assert_eq!(h2.alpn.as_deref(), Some(&b"h2"[..]));
    let v: serde_json::Value = serde_json::from_slice(&h2.body).expect("json");
    assert_eq!(v["protocol"], "HTTP/2.0");
    assert_eq!(
        v["headers"]["host"],
        support::host_port(&server.https_url())
    );
    assert!(v["url"].as_str().is_some_and(|u| u.starts_with("https://")));

    let h1 = tls_get(
        &server.https_url(),
        tls_config(server.ca_pem(), None, &[b"http/1.1"]),
        "/get",
    )
    .expect("h1 over TLS");
    let v: serde_json::Value = serde_json::from_slice(&h1.body).expect("json");
    assert_eq!(v["protocol"], "HTTP/1.1");
    assert_eq!(server.connections(), 2);
}

#[test]
fn spki_pin_matches_the_served_leaf() {
    let server = TestServer::start();
    let res = tls_get(
        &server.https_url(),
        tls_config(server.ca_pem(), None, &[]),
        "/status/200",
    )
    .expect("tls");
    let cert = res.peer_cert.expect("peer cert");
    let spki = spki_of(&cert);
    let pin = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(spki));
    assert_eq!(pin, server.spki_sha256_base64());
}

/// The SubjectPublicKeyInfo TLV of a certificate (7th element of tbsCertificate).
fn spki_of(cert: &[u8]) -> &[u8] {
    fn tlv(d: &[u8]) -> (usize, usize) {
        let first = d[1];
        if first < 0x80 {
            (2, usize::from(first))
        } else {
            let n = usize::from(first & 0x7f);
            let len = d[2..2 + n]
                .iter()
                .fold(0usize, |a, b| a * 256 + usize::from(*b));
            (2 + n, len)
        }
    }
    let (h, _) = tlv(cert);
    let tbs = &cert[h..];
    let (h, _) = tlv(tbs);
    let mut rest = &tbs[h..];
    let skip = if rest[0] == 0xA0 { 6 } else { 5 };
    for _ in 0..skip {
        let (h, l) = tlv(rest);
        rest = &rest[h + l..];
    }
    let (h, l) = tlv(rest);
    &rest[..h + l]
}

#[test]
fn expired_and_self_signed_are_rejected() {
    let server = TestServer::start();
    let config = tls_config(server.ca_pem(), None, &[]);
    let err =
        tls_get(&server.https_expired_url(), config.clone(), "/get").expect_err("expired accepted");
    assert!(err.to_lowercase().contains("expired"), "{err}");
    let err =
        tls_get(&server.https_self_signed_url(), config, "/get").expect_err("self-signed accepted");
    assert!(
        err.to_lowercase().contains("issuer") || err.to_lowercase().contains("unknown"),
        "{err}"
    );
}

#[test]
fn mtls_requires_a_client_certificate() {
    let server = TestServer::start();
    let files = server.client_cert();
    assert!(tls_get(
        &server.mtls_url(),
        tls_config(server.ca_pem(), None, &[]),
        "/get"
    )
    .is_err());
    let cert = std::fs::read(&files.der_cert).expect("der cert");
    let key = std::fs::read(&files.der_key).expect("der key");
    let res = tls_get(
        &server.mtls_url(),
        tls_config(server.ca_pem(), Some((cert, key)), &[]),
        "/get",
    )
    .expect("mtls with a cert");
    let v: serde_json::Value = serde_json::from_slice(&res.body).expect("json");
    assert_eq!(v["clientCertCn"], files.common_name);
}

#[test]
fn files_exist_and_go_away_on_drop() {
    let server = TestServer::builder().tls_name("services.odata.org").build();
    let files = server.client_cert();
    let ca = std::fs::read_to_string(server.ca_path()).expect("ca file");
    assert_eq!(ca, server.ca_pem());
    assert!(std::fs::read_to_string(&files.pem_cert)
        .expect("pem")
        .contains("BEGIN CERTIFICATE"));
    assert!(std::fs::read_to_string(&files.pem_key)
        .expect("key")
        .contains("BEGIN PRIVATE KEY"));
    let p12 = std::fs::read(&files.p12).expect("p12");
    assert_eq!(p12[0], 0x30, "a DER SEQUENCE");
    assert_eq!(files.p12_password, "p12pass");
    let dir = server.temp_dir().to_path_buf();
    drop(server);
    assert!(!dir.exists());
}

#[test]
fn tls12_listener_refuses_tls13_only_clients() {
    let server = TestServer::start();
    let url = server.https_tls12_url();
    let res = tls_get(&url, tls_config(server.ca_pem(), None, &[]), "/get").expect("tls 1.2");
    assert_eq!(res.version.as_deref(), Some("TLSv1_2"));
    let main = tls_get(
        &server.https_url(),
        tls_config(server.ca_pem(), None, &[]),
        "/get",
    )
    .expect("tls 1.3");
    assert_eq!(main.version.as_deref(), Some("TLSv1_3"));
    let only13 = tls_config_versions(server.ca_pem(), None, &[], &[&rustls::version::TLS13]);
    assert!(tls_get(&url, only13, "/get").is_err());
}
