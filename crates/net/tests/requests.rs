//! Requests and responses against the test server: methods, URLs, headers,
//! bodies, events, timing, protocols.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Method, StatusCode, Version};
use jsrun_net::{
    AuthScheme, Body, Client, Credentials, Event, Interest, Kind, Part, PartSource, Protocol,
    Request, TlsOptions,
};
use support::{client, fetch, get, json, TestServer};

#[tokio::test]
async fn get_echoes_method_url_and_status() {
    let server = TestServer::start();
    let client = client();
    let resp = fetch(&client, &format!("{}/get?a=1&b=two", server.http_url())).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.head.version, Version::HTTP_11);
    assert_eq!(resp.head.reason(), "OK");
    let body = json(&resp);
    assert_eq!(body["method"], "GET");
    assert_eq!(body["args"]["b"], "two");
    assert_eq!(resp.redirects, 0);
    assert!(resp.remote_addr.is_some_and(|a| a.ip().is_loopback()));
}

#[tokio::test]
async fn status_codes_are_responses_not_errors() {
    let server = TestServer::start();
    let client = client();
    for code in [204u16, 404, 418, 500, 503] {
        let resp = fetch(&client, &format!("{}/status/{code}", server.http_url())).await;
        assert_eq!(resp.status().as_u16(), code);
    }
}

#[tokio::test]
async fn headers_keep_order_and_repeats_and_host_is_sent() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/anything", server.http_url()));
    req.add_header("X-First", "1").unwrap();
    req.add_header("X-Rep", "a").unwrap();
    req.add_header("X-Rep", "b").unwrap();
    let resp = client.fetch(req).await.unwrap();
    let body = json(&resp);
    let raw = body["rawHeaders"].as_array().unwrap();
    let names: Vec<String> = raw
        .iter()
        .map(|p| p[0].as_str().unwrap().to_ascii_lowercase())
        .collect();
    let values_of = |n: &str| -> Vec<String> {
        raw.iter()
            .filter(|p| p[0].as_str().unwrap().eq_ignore_ascii_case(n))
            .map(|p| p[1].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(values_of("x-rep"), ["a", "b"]);
    let pos = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert!(pos("x-first") < pos("x-rep"));
    let host = server.http_url().trim_start_matches("http://").to_string();
    assert_eq!(values_of("host"), [host]);
}

#[tokio::test]
async fn userinfo_becomes_basic_auth_and_leaves_the_url() {
    let server = TestServer::start();
    let client = client();
    let url = server
        .http_url()
        .replace("http://", "http://us%40r:p%3Ass@");
    let req = get(&format!("{url}/basic-auth/us@r/p:ss"));
    assert_eq!(req.url.username(), "");
    let creds = req.options.auth.clone().unwrap();
    assert_eq!(
        (creds.user.as_str(), creds.password.as_str()),
        ("us@r", "p:ss")
    );
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!((resp.url().username(), resp.url().password()), ("", None));
}

#[tokio::test]
async fn ipv6_literal() {
    let server = TestServer::start();
    let Some(v6) = server.http_url_v6() else {
        return;
    };
    let resp = fetch(&client(), &format!("{v6}/get")).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.url().host_str(), Some("[::1]"));
}

#[tokio::test]
async fn bodies_bytes_text_form_multipart_file() {
    let server = TestServer::start();
    let client = client();
    let post = |body: Body| {
        Request::new(Method::POST, &format!("{}/post", server.http_url()))
            .unwrap()
            .with_body(body)
    };

    let resp = client
        .fetch(post(Body::Bytes(Bytes::from_static(b"raw\x00bytes"))))
        .await
        .unwrap();
    assert_eq!(json(&resp)["bodyLength"], 9);

    let text = Body::Text {
        text: "привет".into(),
        encoding: "windows-1251".into(),
    };
    let resp = client.fetch(post(text)).await.unwrap();
    let body = json(&resp);
    assert_eq!(
        body["bodyLength"], 6,
        "one byte per Cyrillic letter in windows-1251"
    );
    assert!(body["headers"]["content-type"]
        .as_str()
        .unwrap()
        .contains("windows-1251"));

    let form = Body::Form(vec![("a b".into(), "c&d".into()), ("e".into(), "é".into())]);
    let resp = client.fetch(post(form)).await.unwrap();
    let body = json(&resp);
    assert_eq!(body["form"]["a b"], "c&d");
    assert_eq!(body["form"]["e"], "é");

    let dir = std::env::temp_dir().join(format!("jsrun-net-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("upload.txt");
    std::fs::write(&file, b"file contents").unwrap();
    let parts = vec![
        Part {
            name: "field".into(),
            filename: None,
            content_type: None,
            source: PartSource::Bytes(Bytes::from_static(b"value")),
        },
        Part {
            name: "doc".into(),
            filename: None,
            content_type: Some("text/plain".into()),
            source: PartSource::File(file.clone()),
        },
    ];
    let resp = client.fetch(post(Body::Multipart(parts))).await.unwrap();
    let body = json(&resp);
    assert_eq!(body["form"]["field"], "value");
    assert_eq!(body["files"]["doc"], "file contents");

    let resp = client.fetch(post(Body::File(file.clone()))).await.unwrap();
    let body = json(&resp);
    assert_eq!(body["data"], "file contents");
    assert_eq!(body["headers"]["content-length"], "13");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn events_arrive_in_order_with_progress_totals() {
    let server = TestServer::start();
    let client = client();
    let mut req = Request::new(Method::POST, &format!("{}/bytes/300000", server.http_url()))
        .unwrap()
        .with_body(Body::Bytes(Bytes::from(vec![7u8; 200_000])));
    req.options.interest = Interest::ALL;
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut received = Vec::new();
    let l = log.clone();
    let resp = client
        .execute(req, |ev: Event<'_>| {
            let entry = match ev {
                Event::Headers(h) => format!("headers {}", h.status.as_u16()),
                Event::SendProgress { sent, total } => format!("send {sent}/{total:?}"),
                Event::RecvProgress { received, total } => format!("recv {received}/{total:?}"),
                Event::Data(d) => {
                    received.extend_from_slice(&d);
                    "data".into()
                }
            };
            l.lock().unwrap().push(entry);
        })
        .await
        .unwrap();
    let log = log.lock().unwrap().clone();
    assert!(resp.body.is_empty(), "the sink took the data");
    assert_eq!(received.len(), 300_000);
    let headers_at = log.iter().position(|e| e == "headers 200").unwrap();
    let last_send = log.iter().rposition(|e| e.starts_with("send")).unwrap();
    assert!(last_send < headers_at, "{log:?}");
    assert_eq!(log[last_send], "send 200000/Some(200000)");
    assert!(
        log.iter().filter(|e| e.starts_with("send")).count() > 1,
        "progress while sending"
    );
    assert!(log[headers_at + 1..]
        .iter()
        .all(|e| e == "data" || e.starts_with("recv")));
    assert_eq!(log.last().unwrap(), "recv 300000/Some(300000)");
}

#[tokio::test]
async fn set_cookies_and_content_type_helpers() {
    let server = TestServer::start();
    let client = client();
    // The test server answers /cookies/set with a redirect to /cookies; the
    // first hop carries the cookies.
    let resp = fetch(
        &client,
        &format!("{}/cookies/set?a=1&b=2", server.http_url()),
    )
    .await;
    let mut req = get(&format!("{}/cookies/set?a=1&b=2", server.http_url()));
    req.options.redirects = jsrun_net::Redirects::None;
    let first = client.fetch(req).await.unwrap();
    let cookies: Vec<&str> = first.set_cookies().collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    assert!(cookies[0].starts_with("a=1"));
    assert!(resp.content_type().unwrap_or("").contains("json"));
}

#[tokio::test]
async fn text_decoding_uses_the_response_charset() {
    let server = TestServer::start();
    let resp = fetch(
        &client(),
        &format!("{}/charset/windows-1251", server.http_url()),
    )
    .await;
    let text = resp.text();
    assert!(!text.contains('\u{fffd}'), "{text}");
}

#[tokio::test]
async fn timing_is_ordered_and_reuse_zeroes_connect_phases() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/get", server.http_url());
    let first = fetch(&client, &url).await;
    let t = first.timing;
    assert!(!t.reused_connection);
    assert!(t.tcp > std::time::Duration::ZERO);
    assert!(t.tcp <= t.first_send && t.first_send <= t.first_byte);
    assert!(t.first_byte <= t.headers && t.headers <= t.body && t.body <= t.total);
    assert_eq!(
        t.dns,
        std::time::Duration::ZERO,
        "IP literal: no name resolution"
    );
    let second = fetch(&client, &url).await;
    let t = second.timing;
    assert!(t.reused_connection);
    assert_eq!((t.dns, t.tcp, t.tls), Default::default());
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn https_with_extra_roots_h2_by_alpn_and_http1_on_request() {
    let server = TestServer::start();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let url = format!("{}/get", server.https_url());
    let resp = fetch(&client, &url).await;
    assert_eq!(resp.head.version, Version::HTTP_2);
    assert!(resp.timing.tls >= resp.timing.tcp && resp.timing.tls > std::time::Duration::ZERO);

    let mut req = get(&url);
    req.options.protocol = Protocol::Http1;
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.head.version, Version::HTTP_11);

    // Without the test CA the certificate is rejected ...
    let err = support::client().fetch(get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), Kind::PeerCert, "{err}");
    // ... unless the request trusts it itself, or skips validation.
    let mut req = get(&url);
    req.options.tls = TlsOptions {
        extra_roots: vec![server.ca_path().to_path_buf()],
        ..TlsOptions::default()
    };
    assert_eq!(
        support::client().fetch(req).await.unwrap().status(),
        StatusCode::OK
    );
    let mut req = get(&url);
    req.options.tls.verify = false;
    assert_eq!(
        support::client().fetch(req).await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn h2_prior_knowledge_multiplexes_on_one_connection() {
    let server = TestServer::start();
    let client = client();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let client = client.clone();
        let mut req = get(&format!("{}/get", server.http_url()));
        req.options.protocol = Protocol::Http2PriorKnowledge;
        tasks.push(tokio::spawn(async move { client.fetch(req).await }));
    }
    for t in tasks {
        let resp = t.await.unwrap().unwrap();
        assert_eq!(resp.head.version, Version::HTTP_2);
    }
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn pinning_accepts_the_right_key_and_rejects_others() {
    let server = TestServer::start();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let url = format!("{}/get", server.https_url());
    let mut req = get(&url);
    req.options.tls.pins = vec![
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".into(),
        server.spki_sha256_base64(),
    ];
    assert_eq!(client.fetch(req).await.unwrap().status(), StatusCode::OK);
    let mut req = get(&url);
    req.options.tls.pins = vec!["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".into()];
    assert_eq!(client.fetch(req).await.unwrap_err().kind(), Kind::PeerCert);
}

#[tokio::test]
async fn connect_to_keeps_host_header_and_tls_name() {
    let server = TestServer::builder().tls_name("api.example.test").build();
    let https = server.https_url();
    let port: u16 = https.rsplit(':').next().unwrap().parse().unwrap();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .connect_to("api.example.test", 443, "127.0.0.1", port)
        .build()
        .unwrap();
    let mut req = get("https://api.example.test/headers");
    req.options.protocol = Protocol::Http1;
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let host = json(&resp)["headers"]["host"]
        .as_str()
        .map(str::to_ascii_lowercase);
    assert_eq!(host.as_deref(), Some("api.example.test"));
    // An origin without a rule is untouched: it does not resolve.
    let err = client
        .fetch(get("https://other.example.test/"))
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err}");
}

#[tokio::test]
async fn decompression_when_asked() {
    let server = TestServer::start();
    let client = client();
    for kind in ["gzip", "deflate", "brotli"] {
        let mut req = get(&format!("{}/{kind}", server.http_url()));
        req.options.decompress = true;
        let resp = client.fetch(req).await.unwrap();
        let body = json(&resp);
        let flag = match kind {
            "gzip" => "gzipped",
            "deflate" => "deflated",
            _ => "brotli",
        };
        assert_eq!(body[flag], true, "{kind}: {body}");
        assert!(body["headers"]["accept-encoding"]
            .as_str()
            .unwrap()
            .contains("br"));
    }
    // Not asked: the raw bytes.
    let resp = fetch(&client, &format!("{}/gzip", server.http_url())).await;
    assert_eq!(&resp.body[..2], b"\x1f\x8b");
}

#[tokio::test]
async fn range_and_user_agent() {
    let server = TestServer::start();
    let client = Client::builder()
        .user_agent("jsrun-test/1")
        .build()
        .unwrap();
    let mut req = get(&format!("{}/range/100", server.http_url()));
    req.options.range = Some((10, Some(19)));
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(resp.body.len(), 10);
    let resp = fetch(&client, &format!("{}/user-agent", server.http_url())).await;
    assert_eq!(json(&resp)["user-agent"], "jsrun-test/1");
}

#[tokio::test]
async fn digest_and_auto_auth_answer_the_challenge() {
    let server = TestServer::start();
    let client = client();
    for (scheme, path) in [
        (AuthScheme::Digest, "/digest-auth/auth/u/p"),
        (AuthScheme::Digest, "/digest-auth/auth/u/p/SHA-256"),
        (AuthScheme::Auto, "/digest-auth/auth/u/p"),
        (AuthScheme::Auto, "/basic-auth/u/p"),
        (AuthScheme::Basic, "/basic-auth/u/p"),
    ] {
        let mut req = get(&format!("{}{path}", server.http_url()));
        req.options.auth = Some(Credentials {
            user: "u".into(),
            password: "p".into(),
            scheme,
        });
        req.options.interest.headers = true;
        let mut hops = Vec::new();
        let resp = client
            .execute(req, |ev: Event<'_>| {
                if let Event::Headers(h) = ev {
                    hops.push(h.status.as_u16());
                }
            })
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{scheme:?} {path}");
        let expected: &[u16] = if scheme == AuthScheme::Basic {
            &[200]
        } else {
            &[401, 200]
        };
        assert_eq!(hops, expected, "{scheme:?} {path}");
    }
    // Wrong password: the second 401 is the response.
    let mut req = get(&format!("{}/digest-auth/auth/u/p", server.http_url()));
    req.options.auth = Some(Credentials {
        user: "u".into(),
        password: "wrong".into(),
        scheme: AuthScheme::Digest,
    });
    assert_eq!(
        client.fetch(req).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn wire_reason_phrase_and_send_sync_types() {
    let raw = support::Raw::start(|_, _| {
        support::Action::Reply(b"HTTP/1.1 200 Fine Thanks\r\nContent-Length: 0\r\n\r\n".to_vec())
    });
    let client = client();
    let resp = fetch(&client, &raw.url("/")).await;
    assert_eq!(resp.head.reason(), "Fine Thanks");

    fn send_sync<T: Send + Sync>(_: &T) {}
    fn send<T: Send>(_: &T) {}
    send_sync(&client);
    let fut = client.execute(get(&raw.url("/")), |_: Event<'_>| {});
    send(&fut);
    assert_eq!(fut.await.unwrap().status(), StatusCode::OK);
}
