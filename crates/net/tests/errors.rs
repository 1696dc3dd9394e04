//! Every failure kind the engine can produce, each from a real failure; the
//! misbehaving endpoints end in the right kind within their timeouts, and the
//! client is healthy afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::path::PathBuf;
use std::time::Duration;

use http::{Method, StatusCode};
use jsrun_net::{
    AuthScheme, Body, Client, Credentials, Interest, Kind, Redirects, Request, TlsVersion,
};
use support::{client, get, Action, Raw, TestServer};

async fn kind_of(client: &Client, req: Request) -> Kind {
    match client.fetch(req).await {
        Ok(resp) => panic!("expected an error, got {}", resp.status()),
        Err(e) => {
            // Every error names where it happened.
            assert!(
                e.url().is_some() || e.kind() == Kind::InvalidArgument,
                "{e}"
            );
            e.kind()
        }
    }
}

fn bad(server: &TestServer, path: &str) -> Request {
    get(&format!("{}{path}", server.bad_url()))
}

#[tokio::test]
async fn url_and_protocol_errors() {
    assert_eq!(
        Request::new(Method::GET, "not a url").unwrap_err().kind(),
        Kind::BadUrl
    );
    assert_eq!(
        Request::new(Method::GET, "http://").unwrap_err().kind(),
        Kind::BadUrl
    );
    assert_eq!(
        Request::new(Method::GET, "http://[::1/")
            .unwrap_err()
            .kind(),
        Kind::BadUrl
    );
    let e = Request::new(Method::GET, "ftp://example.com/x").unwrap_err();
    assert_eq!(e.kind(), Kind::UnsupportedProtocol);
    assert_eq!(e.curl_code(), 1);
    let mut req = get("http://example.com/");
    assert_eq!(
        req.add_header("bad name", "x").unwrap_err().kind(),
        Kind::InvalidArgument
    );
    assert_eq!(
        req.add_header("x", "bad\nvalue").unwrap_err().kind(),
        Kind::InvalidArgument
    );
}

#[tokio::test]
async fn refused_port_is_connect() {
    // Bind, learn the port, close: nothing listens there now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let kind = kind_of(&client(), get(&format!("http://127.0.0.1:{port}/"))).await;
    assert_eq!(kind, Kind::Connect);
}

#[tokio::test]
async fn unresolvable_name_is_host_resolve() {
    let kind = kind_of(&client(), get("http://no-such-host.invalid/")).await;
    assert_eq!(kind, Kind::HostResolve);
}

#[tokio::test]
async fn each_timeout_fires_and_says_which() {
    let server = TestServer::start();
    let client = client();

    // Connect: TLS to a server that accepts TCP but never speaks.
    let silent = Raw::start(|_, _| Action::Hang);
    let mut req = get(&format!("https://{}/", silent.addr));
    req.options.connect_timeout = Some(Duration::from_millis(200));
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::Timeout);
    assert!(err.to_string().contains("connect timeout"), "{err}");

    // Read: the server reads the request and never answers.
    let mut req = bad(&server, "/never");
    req.options.read_timeout = Some(Duration::from_millis(200));
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::Timeout);
    assert!(err.to_string().contains("read timeout"), "{err}");

    // Read, during the body.
    let mut req = bad(&server, "/slow-body?delay_ms=1000&size=5");
    req.options.read_timeout = Some(Duration::from_millis(200));
    let err = client.fetch(req).await.unwrap_err();
    assert!(err.to_string().contains("read timeout"), "{err}");

    // Header bytes dripping every 50 ms keep a 300 ms read timeout from
    // firing; the total timeout still ends it.
    let mut req = bad(&server, "/drip-headers?delay_ms=50");
    req.options.read_timeout = Some(Duration::from_millis(300));
    req.options.total_timeout = Some(Duration::from_millis(800));
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::Timeout);
    assert!(err.to_string().contains("total timeout"), "{err}");
    assert_eq!(err.curl_code(), 28);
}

#[tokio::test]
async fn misbehaving_servers_end_in_their_kinds() {
    let server = TestServer::start();
    let client = client();
    let cases = [
        ("/cut-body", Kind::PartialBody),
        ("/close-after-headers", Kind::PartialBody),
        ("/garbage", Kind::WeirdReply),
        ("/http09", Kind::WeirdReply),
        ("/empty", Kind::EmptyReply),
        ("/bad-chunked", Kind::WeirdReply),
        ("/huge-header", Kind::Recv),
    ];
    for (path, expected) in cases {
        let mut req = bad(&server, path);
        req.options.total_timeout = Some(Duration::from_secs(20));
        let kind = kind_of(&client, req).await;
        assert_eq!(kind, expected, "{path}");
    }
    // A reset before any byte.
    let kind = kind_of(&client, bad(&server, "/reset")).await;
    assert!(matches!(kind, Kind::EmptyReply | Kind::Recv), "{kind:?}");
}

#[tokio::test]
async fn endless_body_stops_at_the_limit_with_bounded_memory() {
    let server = TestServer::start();
    let client = client();
    let mut req = bad(&server, "/endless");
    req.options.max_body = Some(1 << 20);
    assert_eq!(kind_of(&client, req).await, Kind::TooLarge);
    // Streaming to a sink: the count is limited too.
    let mut req = bad(&server, "/endless");
    req.options.max_body = Some(1 << 20);
    req.options.interest = Interest {
        data: true,
        ..Interest::NONE
    };
    let mut seen = 0u64;
    let err = client
        .execute(req, |ev: jsrun_net::Event<'_>| {
            if let jsrun_net::Event::Data(d) = ev {
                seen += d.len() as u64;
            }
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::TooLarge);
    assert!(seen <= 1 << 20);
    // An announced length over the limit fails before the body is read.
    let mut req = get(&format!("{}/bytes/5000", server.http_url()));
    req.options.max_body = Some(4999);
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::TooLarge);
    assert!(err.to_string().contains("Content-Length"), "{err}");
    let mut req = get(&format!("{}/bytes/5000", server.http_url()));
    req.options.max_body = Some(5000);
    assert_eq!(client.fetch(req).await.unwrap().body.len(), 5000);
}

#[tokio::test]
async fn redirect_loops_and_too_many() {
    let server = TestServer::start();
    let client = client();
    let err = client
        .fetch(get(&format!("{}/redirect-loop", server.http_url())))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::TooManyRedirects);
    assert!(err.to_string().contains("redirect loop"), "{err}");
    let mut req = get(&format!("{}/redirect/5", server.http_url()));
    req.options.redirects = Redirects::follow(4);
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::TooManyRedirects);
    assert_eq!(err.curl_code(), 47);
}

#[tokio::test]
async fn bad_gzip_is_bad_content_encoding() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/bad-gzip", server.http_url()));
    req.options.decompress = true;
    assert_eq!(kind_of(&client(), req).await, Kind::BadContentEncoding);
}

#[tokio::test]
async fn disallowed_hosts_fail_before_any_connection() {
    let server = TestServer::start();
    let client = Client::builder()
        .allow_hosts(vec!["localhost".into()])
        .build()
        .unwrap();
    let err = client
        .fetch(get(&format!("{}/get", server.http_url())))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::NotAllowed);
    assert_eq!(err.curl_code(), 998);
    assert_eq!(server.connections(), 0);
    // A redirect to a disallowed host is refused too.
    let local = server.http_url().replace("127.0.0.1", "localhost");
    let target = format!("{}/get", server.http_url());
    let url = format!(
        "{local}/redirect-to?url={}",
        target.replace(':', "%3A").replace('/', "%2F")
    );
    let err = client.fetch(get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), Kind::NotAllowed);
    let denied = Client::builder()
        .deny_hosts(vec!["127.0.0.1".into()])
        .build()
        .unwrap();
    let err = denied
        .fetch(get(&format!("{}/get", server.http_url())))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::NotAllowed);
}

#[tokio::test]
async fn tls_failures() {
    let server = TestServer::start();
    let trusted = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let err = trusted
        .fetch(get(&format!("{}/get", server.https_self_signed_url())))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::PeerCert, "{err}");
    let err = trusted
        .fetch(get(&format!("{}/get", server.https_expired_url())))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::PeerCert, "{err}");
    // An impossible version range.
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.tls.min_version = Some(TlsVersion::V1_3);
    req.options.tls.max_version = Some(TlsVersion::V1_2);
    assert_eq!(kind_of(&trusted, req).await, Kind::Cipher);
    // A client certificate that does not exist.
    let mut req = get(&format!("{}/get", server.mtls_url()));
    req.options.tls.client_cert = Some(jsrun_net::ClientCert {
        cert: PathBuf::from("/nonexistent/cert.pem"),
        key: None,
        kind: jsrun_net::CertKind::Pem,
        password: None,
    });
    assert_eq!(kind_of(&trusted, req).await, Kind::LocalCert);
    // An extra root that does not exist.
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.tls.extra_roots = vec![PathBuf::from("/nonexistent/ca.pem")];
    assert_eq!(kind_of(&trusted, req).await, Kind::CaFile);
    let e = Client::builder()
        .add_root_certificate_file("/nonexistent/ca.pem")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), Kind::CaFile);
}

#[tokio::test]
async fn unreadable_upload_is_read_local_file() {
    let server = TestServer::start();
    let req = Request::new(Method::POST, &format!("{}/post", server.http_url()))
        .unwrap()
        .with_body(Body::File(PathBuf::from("/nonexistent/upload.bin")));
    assert_eq!(kind_of(&client(), req).await, Kind::ReadLocalFile);
}

#[tokio::test]
async fn unanswerable_challenge_is_auth() {
    let raw = Raw::start(|_, _| {
        Action::Reply(
            b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\", \
algorithm=UNKNOWN-ALGO, qop=\"auth\"\r\nContent-Length: 0\r\n\r\n"
                .to_vec(),
        )
    });
    let mut req = get(&raw.url("/"));
    req.options.auth = Some(Credentials {
        user: "u".into(),
        password: "p".into(),
        scheme: AuthScheme::Digest,
    });
    assert_eq!(kind_of(&client(), req).await, Kind::Auth);
}

#[tokio::test]
async fn a_peer_that_stops_reading_fails_the_upload_as_send() {
    let raw = Raw::start(|_, _| Action::Drop);
    let req = Request::new(Method::POST, &raw.url("/upload"))
        .unwrap()
        .with_body(Body::Bytes(bytes::Bytes::from(vec![0u8; 32 << 20])));
    let err = client().fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::Send, "{err:?}");
}

#[tokio::test]
async fn unresolvable_proxy_is_proxy_resolve() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.proxy = jsrun_net::ProxyConfig::Explicit(jsrun_net::Proxy {
        host: "no-such-proxy.invalid".into(),
        port: 3128,
        credentials: None,
        exclusions: Vec::new(),
    });
    assert_eq!(kind_of(&client(), req).await, Kind::ProxyResolve);
}

#[tokio::test]
async fn healthy_after_abuse_100_parallel_requests() {
    let server = TestServer::start();
    let client = client();
    for path in [
        "/cut-body",
        "/garbage",
        "/empty",
        "/bad-chunked",
        "/huge-header",
        "/reset",
    ] {
        let _ = client.fetch(bad(&server, path)).await;
    }
    let mut req = bad(&server, "/endless");
    req.options.max_body = Some(100_000);
    let _ = client.fetch(req).await;
    let mut req = bad(&server, "/never");
    req.options.read_timeout = Some(Duration::from_millis(100));
    let _ = client.fetch(req).await;

    let mut tasks = Vec::new();
    for i in 0..100 {
        let client = client.clone();
        let url = format!("{}/get?i={i}", server.http_url());
        tasks.push(tokio::spawn(async move { client.fetch(get(&url)).await }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap().status(), StatusCode::OK);
    }
}
