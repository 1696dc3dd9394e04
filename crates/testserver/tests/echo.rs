//! Echo endpoints, status codes, redirects and the request/connection counters.

mod support;

use jsrun_testserver::TestServer;
use support::{get, parse, raw, request};

#[test]
fn get_echoes_args_and_headers_as_sent() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = request(
        &base,
        "GET",
        "/get?a=1&a=2&b=x%20y",
        &[
            ("X-Mixed-Case", "one"),
            ("x-lower", "two"),
            ("X-Mixed-Case", "three"),
        ],
        b"",
    );
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("application/json"));
    let v = res.json();
    assert_eq!(v["args"]["a"], serde_json::json!(["1", "2"]));
    assert_eq!(v["args"]["b"], "x y");
    assert_eq!(v["headers"]["X-Mixed-Case"], "one, three");
    assert_eq!(v["headers"]["x-lower"], "two");
    let raw_names: Vec<&str> = v["rawHeaders"]
        .as_array()
        .expect("rawHeaders")
        .iter()
        .filter_map(|p| p[0].as_str())
        .collect();
    assert_eq!(
        raw_names,
        [
            "Host",
            "Connection",
            "X-Mixed-Case",
            "x-lower",
            "X-Mixed-Case"
        ]
    );
    assert_eq!(v["method"], "GET");
    assert_eq!(v["protocol"], "HTTP/1.1");
    assert_eq!(v["origin"], "127.0.0.1");
    assert_eq!(v["url"], format!("{base}/get?a=1&a=2&b=x%20y"));
}

#[test]
fn post_parses_json_form_and_multipart() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = request(
        &base,
        "POST",
        "/post",
        &[("Content-Type", "application/json")],
        br#"{"k":[1,2]}"#,
    );
    let v = res.json();
    assert_eq!(v["json"]["k"][1], 2);
    assert_eq!(v["data"], r#"{"k":[1,2]}"#);
    assert_eq!(v["bodyLength"], 11);

    let res = request(
        &base,
        "POST",
        "/post",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"name=J%C3%B6rg&x=1",
    );
    assert_eq!(res.json()["form"]["name"], "Jörg");

    let body = b"--b0undary\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n\
--b0undary\r\nContent-Disposition: form-data; name=\"up\"; filename=\"a.bin\"\r\n\
Content-Type: application/octet-stream\r\n\r\n\x00\xff\x01\r\n--b0undary--\r\n";
    let res = request(
        &base,
        "POST",
        "/anything/upload",
        &[("Content-Type", "multipart/form-data; boundary=b0undary")],
        body,
    );
    let v = res.json();
    assert_eq!(v["form"]["field"], "value");
    assert_eq!(
        v["files"]["up"],
        "data:application/octet-stream;base64,AP8B"
    );
    assert_eq!(v["filesMeta"]["up"]["filename"], "a.bin");
    assert_eq!(v["filesMeta"]["up"]["size"], 3);
    assert_eq!(v["path"], "/anything/upload");
}

#[test]
fn wrong_method_is_405_and_head_has_no_body() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = request(&base, "POST", "/get", &[], b"x");
    assert_eq!(res.status, 405);
    assert!(res.header("allow").is_some_and(|a| a.contains("GET")));
    assert_eq!(request(&base, "DELETE", "/delete", &[], b"").status, 200);
    assert_eq!(
        request(&base, "TRACE", "/anything", &[], b"").json()["method"],
        "TRACE"
    );

    let raw_head = raw(
        &base,
        b"HEAD /bytes/50 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let text = String::from_utf8_lossy(&raw_head).to_ascii_lowercase();
    assert!(text.starts_with("http/1.1 200"));
    assert!(text.contains("content-length: 50"));
    assert!(
        text.ends_with("\r\n\r\n"),
        "HEAD answer carried a body: {text}"
    );
}

#[test]
fn status_codes() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = get(&base, "/status/418");
    assert_eq!(res.status, 418);
    let res = request(&base, "PUT", "/status/503?body=busy", &[], b"");
    assert_eq!((res.status, res.text().as_str()), (503, "busy"));
    let res = get(&base, "/status/307");
    assert_eq!((res.status, res.header("location")), (307, Some("/get")));
    let res = get(&base, "/status/204?body=ignored");
    assert_eq!((res.status, res.body.len()), (204, 0));
    assert_eq!(get(&base, "/status/abc").status, 400);
}

#[test]
fn redirects() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = get(&base, "/redirect/3");
    assert_eq!(
        (res.status, res.header("location")),
        (302, Some("/relative-redirect/2"))
    );
    assert_eq!(
        get(&base, "/relative-redirect/1").header("location"),
        Some("/get")
    );
    let res = get(&base, "/absolute-redirect/2");
    assert_eq!(
        res.header("location").map(str::to_string),
        Some(format!("{base}/absolute-redirect/1"))
    );
    let res = request(
        &base,
        "POST",
        "/redirect-to?url=%2Fanything%3Fx%3D1&status_code=307",
        &[],
        b"",
    );
    assert_eq!(
        (res.status, res.header("location")),
        (307, Some("/anything?x=1"))
    );
    assert_eq!(
        get(&base, "/redirect-loop").header("location"),
        Some("/redirect-loop")
    );
    assert_eq!(
        get(&base, "/redirect-cycle/a").header("location"),
        Some("/redirect-cycle/b")
    );
    assert_eq!(
        get(&base, "/redirect-cycle/b").header("location"),
        Some("/redirect-cycle/a")
    );
}

#[test]
fn counters_see_keep_alive_reuse() {
    let server = TestServer::start();
    let base = server.http_url();
    let two = b"GET /get HTTP/1.1\r\nHost: x\r\n\r\nGET /uuid HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let out = raw(&base, two);
    let text = String::from_utf8_lossy(&out);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2);
    assert_eq!(server.connections(), 1);
    assert_eq!(server.requests(), 2);
    let _ = parse(&out);
}

#[test]
fn http2_prior_knowledge_on_plain_port() {
    use http_body_util::{BodyExt, Empty};
    use hyper_util::rt::{TokioExecutor, TokioIo};
    let server = TestServer::start();
    let addr = support::host_port(&server.http_url());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let work = async {
        let tcp = tokio::net::TcpStream::connect(&addr)
            .await
            .expect("connect");
        let (mut send, conn) =
            hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
                .await
                .expect("h2 handshake");
        tokio::spawn(conn);
        let req = http::Request::get(format!("http://{addr}/get?h2=1"))
            .body(Empty::<bytes::Bytes>::new())
            .expect("request");
        let res = send.send_request(req).await.expect("response");
        let body = res.into_body().collect().await.expect("body").to_bytes();
        serde_json::from_slice::<serde_json::Value>(&body).expect("json")
    };
    // The timeout turns a hang (a regression) into a failure instead of a stuck run.
    let v = rt
        .block_on(async { tokio::time::timeout(std::time::Duration::from_secs(30), work).await })
        .expect("the HTTP/2 request hung");
    assert_eq!(v["protocol"], "HTTP/2.0");
    assert_eq!(v["args"]["h2"], "1");
    assert_eq!(v["url"], format!("http://{addr}/get?h2=1"));
}

#[test]
fn works_from_inside_a_tokio_runtime_and_over_ipv6() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let server = TestServer::start();
        let res = tokio::task::spawn_blocking({
            let base = server.http_url();
            move || get(&base, "/uuid")
        })
        .await
        .expect("join");
        assert_eq!(res.json()["uuid"].as_str().map(str::len), Some(36));
        if let Some(v6) = server.http_url_v6() {
            let res = tokio::task::spawn_blocking(move || get(&v6, "/ip"))
                .await
                .expect("join");
            assert_eq!(res.json()["origin"], "::1");
        }
        drop(server);
    });
}

#[test]
fn upload_streams_and_hashes_big_chunked_bodies() {
    use sha2::{Digest, Sha256};
    use std::io::{Read, Write};
    let server = TestServer::start();
    let mut tcp = support::connect(&server.http_url());
    tcp.write_all(b"PUT /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .expect("head");
    let chunk = vec![b'u'; 64 * 1024];
    let mut hasher = Sha256::new();
    for _ in 0..48 {
        write!(tcp, "{:x}\r\n", chunk.len()).expect("size");
        tcp.write_all(&chunk).expect("chunk");
        tcp.write_all(b"\r\n").expect("crlf");
        hasher.update(&chunk);
    }
    tcp.write_all(b"0\r\n\r\n").expect("last chunk");
    let mut out = Vec::new();
    let _ = tcp.read_to_end(&mut out);
    let v = parse(&out).json();
    assert_eq!(v["bodyLength"], 48 * 64 * 1024);
    assert_eq!(v["method"], "PUT");
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(v["sha256"], hex);
}
