//! Basic, hidden basic, bearer and digest authentication (the digest hash is checked).

mod support;

use base64::Engine as _;
use jsrun_testserver::TestServer;
use md5::{Digest as _, Md5};
use sha2::Sha256;
use support::{get, request};

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

#[test]
fn basic_and_bearer() {
    let server = TestServer::start();
    let base = server.http_url();
    let ok = request(
        &base,
        "GET",
        "/basic-auth/u/p",
        &[("Authorization", &basic("u", "p"))],
        b"",
    );
    assert_eq!((ok.status, ok.json()["user"].as_str()), (200, Some("u")));
    let bad = request(
        &base,
        "GET",
        "/basic-auth/u/p",
        &[("Authorization", &basic("u", "x"))],
        b"",
    );
    assert_eq!(bad.status, 401);
    assert!(bad
        .header("www-authenticate")
        .is_some_and(|v| v.starts_with("Basic realm=")));
    assert_eq!(get(&base, "/hidden-basic-auth/u/p").status, 404);
    assert_eq!(get(&base, "/bearer").status, 401);
    let ok = request(
        &base,
        "GET",
        "/bearer",
        &[("Authorization", "Bearer t0k")],
        b"",
    );
    assert_eq!(ok.json()["token"], "t0k");
}

fn param<'a>(challenge: &'a str, name: &str) -> &'a str {
    let key = format!("{name}=\"");
    let start = challenge.find(&key).map(|i| i + key.len()).expect("param");
    let end = challenge[start..].find('"').expect("quote") + start;
    &challenge[start..end]
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn h(alg: &str, data: &str) -> String {
    if alg == "SHA-256" {
        hex(&Sha256::digest(data.as_bytes()))
    } else {
        hex(&Md5::digest(data.as_bytes()))
    }
}

/// Runs the challenge/response dance; returns the final status.
fn digest_round(base: &str, path: &str, qop: &str, alg: &str, pass: &str, body: &str) -> u16 {
    let first = request(base, "POST", path, &[], body.as_bytes());
    assert_eq!(first.status, 401);
    let challenge = first
        .header("www-authenticate")
        .expect("challenge")
        .to_string();
    assert!(challenge.starts_with("Digest "));
    assert!(challenge.contains(&format!("algorithm={alg}")));
    let realm = param(&challenge, "realm");
    let nonce = param(&challenge, "nonce");
    let (nc, cnonce) = ("00000001", "0a4f113b");
    let ha1 = h(alg, &format!("user:{realm}:{pass}"));
    let ha2 = if qop == "auth-int" {
        h(alg, &format!("POST:{path}:{}", h(alg, body)))
    } else {
        h(alg, &format!("POST:{path}"))
    };
    let response = h(alg, &format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"));
    let auth = format!(
        "Digest username=\"user\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{path}\", \
algorithm={alg}, qop={qop}, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\""
    );
    request(
        base,
        "POST",
        path,
        &[("Authorization", &auth)],
        body.as_bytes(),
    )
    .status
}

#[test]
fn digest_verifies_the_response_hash() {
    let server = TestServer::start();
    let base = server.http_url();
    assert_eq!(
        digest_round(&base, "/digest-auth/auth/user/pw", "auth", "MD5", "pw", ""),
        200
    );
    assert_eq!(
        digest_round(
            &base,
            "/digest-auth/auth/user/pw/SHA-256",
            "auth",
            "SHA-256",
            "pw",
            ""
        ),
        200
    );
    assert_eq!(
        digest_round(
            &base,
            "/digest-auth/auth-int/user/pw/MD5",
            "auth-int",
            "MD5",
            "pw",
            "payload"
        ),
        200
    );
    assert_eq!(
        digest_round(
            &base,
            "/digest-auth/auth/user/pw",
            "auth",
            "MD5",
            "wrong",
            ""
        ),
        401
    );
}
