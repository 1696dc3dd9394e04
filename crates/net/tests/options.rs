//! Less common options and edge cases: odd values never panic, protocol
//! choices, HEAD, expect-continue, HTTP/2 errors and stream cancellation.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode, Version};
use jsrun_net::{
    AddressFamily, Body, Client, DnsOptions, Event, Interest, Kind, Protocol, Redirects, Request,
};
use support::{client, fetch, get, json, TestServer};

#[tokio::test]
async fn odd_option_values_are_errors_or_work_never_panics() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/get", server.http_url());
    let mut variants: Vec<Request> = Vec::new();
    let mut req = get(&url);
    req.options.max_header_bytes = 0;
    variants.push(req);
    let mut req = get(&url);
    req.options.max_header_bytes = usize::MAX;
    variants.push(req);
    let mut req = get(&url);
    req.options.connect_timeout = Some(Duration::ZERO);
    req.options.read_timeout = Some(Duration::ZERO);
    req.options.total_timeout = Some(Duration::ZERO);
    variants.push(req);
    let mut req = get(&url);
    req.options.total_timeout = Some(Duration::MAX);
    req.options.read_timeout = Some(Duration::from_secs(u64::MAX / 4));
    variants.push(req);
    let mut req = get(&url);
    req.options.priority = u32::MAX;
    req.options.max_body = Some(0);
    variants.push(req);
    let mut req = get(&url);
    req.options.range = Some((u64::MAX, Some(0)));
    variants.push(req);
    let mut req = get(&url);
    req.options.redirects = Redirects::follow(0);
    variants.push(req);
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.tls.pins = vec!["not base64 !!".into()];
    variants.push(req);
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.tls.cipher_suites = Some(vec!["NO-SUCH-CIPHER".into()]);
    variants.push(req);
    let mut req = get(&url.replace("127.0.0.1", "localhost"));
    req.options.dns = DnsOptions {
        servers: Vec::new(),
        family: AddressFamily::V6,
        ..DnsOptions::default()
    };
    variants.push(req);
    let mut req = get(&url);
    req.url.set_port(Some(0)).unwrap();
    variants.push(req);
    for (i, req) in variants.into_iter().enumerate() {
        match client.fetch(req).await {
            Ok(resp) => assert!(resp.status().as_u16() >= 200, "{i}"),
            Err(e) => assert!(!e.to_string().is_empty(), "{i}"),
        }
    }
    // A URL swapped in by hand is checked as well.
    let mut req = get(&url);
    req.url = url::Url::parse("file:///etc/passwd").unwrap();
    assert_eq!(
        client.fetch(req).await.unwrap_err().kind(),
        Kind::UnsupportedProtocol
    );
    // Builders: bad host-list entries and user agents are errors.
    assert_eq!(
        Client::builder()
            .allow_hosts(vec!["exa mple.com".into()])
            .build()
            .unwrap_err()
            .kind(),
        Kind::InvalidArgument
    );
    assert_eq!(
        Client::builder()
            .user_agent("bad\nagent")
            .build()
            .unwrap_err()
            .kind(),
        Kind::InvalidArgument
    );
    let c = Client::builder()
        .max_connections_per_host(0)
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    assert_eq!(fetch(&c, &url).await.status(), StatusCode::OK);
    assert_eq!(c.pooled_connections(), 0, "no idle connection kept");
}

#[tokio::test]
async fn head_and_no_content_have_no_body() {
    let server = TestServer::start();
    let client = client();
    let req = Request::new(Method::HEAD, &format!("{}/bytes/5000", server.http_url())).unwrap();
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.body.is_empty());
    let resp = fetch(&client, &format!("{}/status/204", server.http_url())).await;
    assert!(resp.body.is_empty());
    // The connection is reused after both.
    fetch(&client, &format!("{}/get", server.http_url())).await;
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn expect_continue_sends_the_body() {
    let server = TestServer::start();
    let mut req = Request::new(Method::POST, &format!("{}/post", server.http_url()))
        .unwrap()
        .with_body(Body::Bytes(Bytes::from_static(b"after continue")));
    req.options.expect_continue = true;
    let resp = client().fetch(req).await.unwrap();
    let body = json(&resp);
    assert_eq!(body["data"], "after continue");
    assert_eq!(body["headers"]["expect"], "100-continue");
}

#[tokio::test]
async fn protocol_choices() {
    let server = TestServer::start();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let https = format!("{}/get", server.https_url());
    let version = |protocol: Protocol, url: &str| {
        let mut req = get(url);
        req.options.protocol = protocol;
        let client = client.clone();
        async move { client.fetch(req).await.unwrap().head.version }
    };
    assert_eq!(version(Protocol::Http2, &https).await, Version::HTTP_2);
    assert_eq!(
        version(Protocol::Http3, &https).await,
        Version::HTTP_2,
        "HTTP/3 falls back"
    );
    assert_eq!(
        version(Protocol::Http2PriorKnowledge, &https).await,
        Version::HTTP_2
    );
    let http = format!("{}/get", server.http_url());
    assert_eq!(version(Protocol::Auto, &http).await, Version::HTTP_11);
    assert_eq!(
        version(Protocol::Http2, &http).await,
        Version::HTTP_11,
        "no cleartext upgrade"
    );
    assert_eq!(
        version(Protocol::Http2PriorKnowledge, &http).await,
        Version::HTTP_2
    );
}

#[tokio::test]
async fn http2_framing_error_is_http2() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/get", server.bad_url()));
    req.options.protocol = Protocol::Http2PriorKnowledge;
    req.options.total_timeout = Some(Duration::from_secs(20));
    let err = client().fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::Http2, "{err}");
    assert_eq!(err.curl_code(), 16);
}

#[tokio::test]
async fn cancelling_an_http2_stream_keeps_the_connection() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/delay/5", server.http_url()));
    req.options.protocol = Protocol::Http2PriorKnowledge;
    assert!(
        tokio::time::timeout(Duration::from_millis(200), client.fetch(req))
            .await
            .is_err()
    );
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.protocol = Protocol::Http2PriorKnowledge;
    assert_eq!(client.fetch(req).await.unwrap().status(), StatusCode::OK);
    assert_eq!(
        server.connections(),
        1,
        "the reset stream left the connection usable"
    );
}

#[tokio::test]
async fn progress_without_length_and_with_decoding() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/stream-bytes/10000", server.http_url()));
    req.options.interest = Interest {
        recv_progress: true,
        ..Interest::NONE
    };
    let mut last = None;
    let resp = client
        .execute(req, |ev: Event<'_>| {
            if let Event::RecvProgress { received, total } = ev {
                last = Some((received, total));
            }
        })
        .await
        .unwrap();
    assert_eq!(resp.body.len(), 10_000);
    assert_eq!(last, Some((10_000, None)), "chunked: no total");

    let mut req = get(&format!("{}/gzip", server.http_url()));
    req.options.decompress = true;
    req.options.interest = Interest {
        recv_progress: true,
        ..Interest::NONE
    };
    let mut totals = Vec::new();
    let resp = client
        .execute(req, |ev: Event<'_>| {
            if let Event::RecvProgress { total, .. } = ev {
                totals.push(total);
            }
        })
        .await
        .unwrap();
    assert_eq!(json(&resp)["gzipped"], true);
    assert!(
        totals.iter().all(Option::is_none),
        "decoded bodies have no known total"
    );
}

#[tokio::test]
async fn the_limit_counts_decoded_bytes() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/gzip", server.http_url()));
    req.options.decompress = true;
    req.options.max_body = Some(10);
    assert_eq!(
        client().fetch(req).await.unwrap_err().kind(),
        Kind::TooLarge
    );
}

#[tokio::test]
async fn file_uploads_report_progress() {
    let server = TestServer::start();
    let dir = std::env::temp_dir().join(format!("jsrun-net-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("big.bin");
    std::fs::write(&file, vec![1u8; 300_000]).unwrap();
    let mut req = Request::new(Method::POST, &format!("{}/post", server.http_url()))
        .unwrap()
        .with_body(Body::File(file));
    req.options.interest = Interest {
        send_progress: true,
        ..Interest::NONE
    };
    let mut sent = Vec::new();
    let resp = client()
        .execute(req, |ev: Event<'_>| {
            if let Event::SendProgress { sent: s, total } = ev {
                assert_eq!(total, Some(300_000));
                sent.push(s);
            }
        })
        .await
        .unwrap();
    assert_eq!(json(&resp)["bodyLength"], 300_000);
    assert!(sent.len() > 1, "{sent:?}");
    assert!(sent.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(sent.last(), Some(&300_000));
    let _ = std::fs::remove_dir_all(&dir);
}
