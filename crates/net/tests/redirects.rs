//! Redirects (SPEC §3) against the test server.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use bytes::Bytes;
use http::{Method, StatusCode};
use jsrun_net::{Body, Event, Interest, Kind, Redirects, Request};
use support::{client, fetch, get, json, TestServer};

fn encode(url: &str) -> String {
    url.replace('%', "%25")
        .replace(':', "%3A")
        .replace('/', "%2F")
        .replace('?', "%3F")
        .replace('&', "%26")
        .replace('=', "%3D")
}

#[tokio::test]
async fn follows_absolute_and_relative_with_a_headers_event_per_hop() {
    let server = TestServer::start();
    let client = client();
    for kind in ["redirect", "relative-redirect", "absolute-redirect"] {
        let mut req = get(&format!("{}/{kind}/3", server.http_url()));
        req.options.interest = Interest {
            headers: true,
            ..Interest::NONE
        };
        let mut hops = Vec::new();
        let resp = client
            .execute(req, |ev: Event<'_>| {
                if let Event::Headers(h) = ev {
                    hops.push((h.status.as_u16(), h.url.path().to_string()));
                }
            })
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{kind}");
        assert_eq!(resp.redirects, 3);
        assert_eq!(resp.url().path(), "/get");
        assert_eq!(hops.len(), 4, "{kind}: {hops:?}");
        assert_eq!(hops[3], (200, "/get".to_string()));
        assert!(resp.timing.redirects > std::time::Duration::ZERO);
    }
}

#[tokio::test]
async fn off_returns_the_redirect() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/redirect/1", server.http_url()));
    req.options.redirects = Redirects::None;
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    assert!(resp.headers().contains_key("location"));
}

#[tokio::test]
async fn the_redirect_past_the_limit_can_be_the_response() {
    let server = TestServer::start();
    let mut req = get(&format!("{}/redirect/7", server.http_url()));
    req.options.redirects = Redirects::Follow {
        max: 5,
        allow_relative: true,
        allow_circular: false,
        fail_when_exceeded: false,
    };
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    assert_eq!(resp.redirects, 5);
}

#[tokio::test]
async fn methods_and_bodies_across_redirects() {
    let server = TestServer::start();
    let client = client();
    let post_to = |status: u16| {
        let target = encode(&format!("{}/anything", server.http_url()));
        Request::new(
            Method::POST,
            &format!(
                "{}/redirect-to?url={target}&status_code={status}",
                server.http_url()
            ),
        )
        .unwrap()
        .with_body(Body::Bytes(Bytes::from_static(b"payload")))
    };
    for (status, method, data) in [
        (301, "GET", ""),
        (302, "GET", ""),
        (303, "GET", ""),
        (307, "POST", "payload"),
        (308, "POST", "payload"),
    ] {
        let mut req = post_to(status);
        req.add_header("Content-Type", "text/plain").unwrap();
        let resp = client.fetch(req).await.unwrap();
        let body = json(&resp);
        assert_eq!(body["method"], method, "{status}");
        assert_eq!(body["data"], data, "{status}");
        if method == "GET" {
            assert!(
                body["headers"].get("content-type").is_none(),
                "{status}: {body}"
            );
        }
    }
    // 303 after PUT also becomes GET; 301 after PUT keeps PUT.
    let mut req = post_to(303);
    req.method = Method::PUT;
    assert_eq!(json(&client.fetch(req).await.unwrap())["method"], "GET");
    let mut req = post_to(301);
    req.method = Method::PUT;
    assert_eq!(json(&client.fetch(req).await.unwrap())["method"], "PUT");
}

#[tokio::test]
async fn credentials_are_dropped_across_origins_only() {
    let server = TestServer::start();
    let client = client();
    // 127.0.0.1 and localhost are different origins on the same server.
    let other = server.http_url().replace("127.0.0.1", "localhost");
    let make = |target: &str| {
        let mut req = get(&format!(
            "{}/redirect-to?url={}",
            server.http_url(),
            encode(target)
        ));
        req.add_header("Authorization", "Bearer secret").unwrap();
        req.add_header("Cookie", "c=1").unwrap();
        req.add_header("X-Other", "kept").unwrap();
        req
    };
    let resp = client
        .fetch(make(&format!("{other}/headers")))
        .await
        .unwrap();
    let headers = &json(&resp)["headers"];
    assert!(headers.get("authorization").is_none(), "{headers}");
    assert!(headers.get("cookie").is_none(), "{headers}");
    assert_eq!(headers["x-other"], "kept");

    let resp = client
        .fetch(make(&format!("{}/headers", server.http_url())))
        .await
        .unwrap();
    let headers = &json(&resp)["headers"];
    assert_eq!(headers["authorization"], "Bearer secret");
    assert_eq!(headers["cookie"], "c=1");

    // URL credentials (Basic) are not sent to the other origin either.
    let url = server.http_url().replace("http://", "http://u:p@");
    let req = get(&format!(
        "{url}/redirect-to?url={}",
        encode(&format!("{other}/headers"))
    ));
    let headers = json(&client.fetch(req).await.unwrap())["headers"].clone();
    assert!(headers.get("authorization").is_none(), "{headers}");
}

#[tokio::test]
async fn relative_redirects_can_be_refused_and_cycles_allowed() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/relative-redirect/1", server.http_url()));
    req.options.redirects = Redirects::Follow {
        max: 5,
        allow_relative: false,
        allow_circular: false,
        fail_when_exceeded: true,
    };
    assert_eq!(
        client.fetch(req).await.unwrap_err().kind(),
        Kind::WeirdReply
    );

    // Allowing circular redirects leaves only the count to stop a loop.
    let mut req = get(&format!("{}/redirect-loop", server.http_url()));
    req.options.redirects = Redirects::Follow {
        max: 3,
        allow_relative: true,
        allow_circular: true,
        fail_when_exceeded: true,
    };
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::TooManyRedirects);
    assert!(!err.to_string().contains("redirect loop"), "{err}");
}

#[tokio::test]
async fn redirect_to_a_non_http_scheme_is_unsupported() {
    let server = TestServer::start();
    let req = get(&format!(
        "{}/redirect-to?url=ftp%3A%2F%2Fexample.com%2F",
        server.http_url()
    ));
    assert_eq!(
        client().fetch(req).await.unwrap_err().kind(),
        Kind::UnsupportedProtocol
    );
}

#[tokio::test]
async fn final_url_after_redirects() {
    let server = TestServer::start();
    let resp = fetch(&client(), &format!("{}/redirect/2", server.http_url())).await;
    assert_eq!(resp.url().path(), "/get");
}
