//! The raw misbehaving server: each endpoint breaks HTTP the way it promises.

mod support;

use std::io::{ErrorKind, Read, Write};
use std::time::Duration;

use jsrun_testserver::TestServer;
use support::{connect, raw};

fn ask(base: &str, path: &str) -> Vec<u8> {
    raw(
        base,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
    )
}

fn head_and_body(data: &[u8]) -> (String, Vec<u8>) {
    let end = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("head end");
    (
        String::from_utf8_lossy(&data[..end]).into_owned(),
        data[end + 4..].to_vec(),
    )
}

#[test]
fn truncated_and_empty_answers() {
    let server = TestServer::start();
    let bad = server.bad_url();
    let (head, body) = head_and_body(&ask(&bad, "/cut-body"));
    assert!(head.contains("Content-Length: 1000"));
    assert_eq!(body.len(), 100);
    assert!(ask(&bad, "/empty").is_empty());
    let (head, body) = head_and_body(&ask(&bad, "/close-after-headers"));
    assert!(head.contains("Content-Length: 100"));
    assert!(body.is_empty());
    assert_eq!(server.bad_connections(), 3);
}

#[test]
fn garbage_bad_chunks_and_http09() {
    let server = TestServer::start();
    let bad = server.bad_url();
    let garbage = ask(&bad, "/garbage");
    assert!(!garbage.is_empty() && !garbage.starts_with(b"HTTP/"));
    let (head, body) = head_and_body(&ask(&bad, "/bad-chunked"));
    assert!(head.contains("Transfer-Encoding: chunked"));
    assert!(String::from_utf8_lossy(&body).contains("ZZ-not-hex"));
    let old = ask(&bad, "/http09");
    assert!(old.starts_with(b"<html>"));
    let normal = ask(&bad, "/anything-else");
    assert!(normal.starts_with(b"HTTP/1.1 200 OK") && normal.ends_with(b"ok"));
}

#[test]
fn huge_and_dripping_headers() {
    let server = TestServer::start();
    let bad = server.bad_url();
    let (head, body) = head_and_body(&ask(&bad, "/huge-header"));
    assert!(head.len() > 1 << 20);
    assert_eq!(body, b"ok");
    let (head, body) = head_and_body(&ask(&bad, "/drip-headers?delay_ms=1"));
    assert!(head.starts_with("HTTP/1.1 200 OK"));
    assert_eq!(body, b"ok");
    let (_, body) = head_and_body(&ask(&bad, "/slow-body?delay_ms=1&size=5"));
    assert_eq!(body, b"sssss");
}

#[test]
fn endless_keeps_sending_and_never_stays_silent() {
    let server = TestServer::start();
    let bad = server.bad_url();
    let mut tcp = connect(&bad);
    tcp.write_all(b"GET /endless HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let mut total = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    while total < 4 << 20 {
        let n = tcp.read(&mut buf).expect("read");
        assert!(n > 0, "endless body ended after {total} bytes");
        total += n;
    }
    drop(tcp);

    let mut tcp = connect(&bad);
    tcp.write_all(b"GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    tcp.set_read_timeout(Some(Duration::from_millis(300)))
        .expect("timeout");
    let err = tcp.read(&mut buf).expect_err("/never answered");
    assert!(matches!(
        err.kind(),
        ErrorKind::WouldBlock | ErrorKind::TimedOut
    ));
}

#[test]
fn http2_clients_get_a_framing_error() {
    let server = TestServer::start();
    let addr = support::host_port(&server.bad_url());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // The timeout only turns a hang (a regression) into a failure instead of a stuck run.
    let outcome: Result<u16, String> = rt.block_on(async {
        tokio::time::timeout(Duration::from_secs(20), h2_request(&addr))
            .await
            .expect("the HTTP/2 client hung instead of failing")
    });
    assert!(
        outcome.is_err(),
        "an HTTP/2 response came back: {outcome:?}"
    );
}

async fn h2_request(addr: &str) -> Result<u16, String> {
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let tcp = tokio::net::TcpStream::connect(&addr)
        .await
        .map_err(|e| e.to_string())?;
    let (mut send, conn) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
            .await
            .map_err(|e| e.to_string())?;
    let conn = tokio::spawn(conn);
    let req = http::Request::get(format!("http://{addr}/"))
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .map_err(|e| e.to_string())?;
    let res = send.send_request(req).await.map_err(|e| e.to_string());
    let _ = conn.await;
    res.map(|r| r.status().as_u16())
}

#[test]
fn p12_bundle_opens_with_openssl_when_available() {
    let server = TestServer::start();
    let files = server.client_cert();
    let out = std::process::Command::new("openssl")
        .args(["pkcs12", "-nodes", "-passin", "pass:p12pass", "-in"])
        .arg(&files.p12)
        .output();
    let Ok(out) = out else {
        eprintln!("openssl not installed: the PKCS#12 check is skipped");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let pem = std::fs::read_to_string(&files.pem_cert).expect("pem cert");
    let key = std::fs::read_to_string(&files.pem_key).expect("pem key");
    assert!(
        text.contains(pem.trim()),
        "client certificate missing from the bundle"
    );
    assert!(
        text.contains(key.trim()),
        "client key missing from the bundle"
    );
    assert!(
        text.contains(server.ca_pem().trim()),
        "CA missing from the bundle"
    );
    let wrong = std::process::Command::new("openssl")
        .args(["pkcs12", "-nodes", "-passin", "pass:nope", "-in"])
        .arg(&files.p12)
        .output()
        .expect("openssl ran once already");
    assert!(!wrong.status.success());
}

#[test]
fn blackhole_connects_never_complete() {
    let server = TestServer::start();
    let addr: std::net::SocketAddr = support::host_port(&server.blackhole_url())
        .parse()
        .expect("addr");
    let err = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300))
        .expect_err("a connection to the black hole completed");
    assert_eq!(err.kind(), ErrorKind::TimedOut);
}
