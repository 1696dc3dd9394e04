//! A `Content-Length` set by the caller must match the body: a mismatch or
//! a value that is not a number fails before anything is sent (it used to
//! hang, or to send a truncated body); a matching one is sent as given.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::sync::atomic::Ordering;

use bytes::Bytes;
use http::Method;
use jsrun_net::{Body, Kind, Request};
use support::{client, json, ok, Action, Raw, TestServer};

fn post(url: &str, content_length: &str, body: &'static [u8]) -> Request {
    let mut req = Request::new(Method::POST, url)
        .unwrap()
        .with_body(Body::Bytes(Bytes::from_static(body)));
    req.add_header("Content-Length", content_length).unwrap();
    req
}

#[tokio::test]
async fn a_mismatch_fails_before_anything_is_sent() {
    let server = Raw::start(|_, _| Action::Reply(ok("done")));
    let cases = [
        (
            "10",
            &b"hello"[..],
            "content-length header says 10 but the body has 5 bytes",
        ),
        (
            "3",
            b"hello",
            "content-length header says 3 but the body has 5 bytes",
        ),
        (
            "1",
            b"",
            "content-length header says 1 but the body has 0 bytes",
        ),
        (
            "five",
            b"hello",
            "content-length header \"five\" is not a decimal number",
        ),
        ("-5", b"hello", "is not a decimal number"),
        ("+5", b"hello", "is not a decimal number"),
        (
            "5, 6",
            b"hello",
            "content-length header \"5, 6\" is not a decimal number",
        ),
        // A list, even of one value repeated: a sender may not send it.
        ("5, 5", b"hello", "is not a decimal number"),
        ("99999999999999999999", b"hello", "is not a decimal number"),
    ];
    for (value, body, message) in cases {
        let err = client()
            .fetch(post(&server.url("/"), value, body))
            .await
            .expect_err(value);
        assert_eq!(err.kind(), Kind::InvalidArgument, "{value}: {err}");
        assert!(err.to_string().contains(message), "{value}: {err}");
        assert_eq!(err.url(), Some(server.url("/").as_str()));
    }
    // Two fields, even equal ones.
    let mut req = post(&server.url("/"), "5", b"hello");
    req.add_header("Content-Length", "5").unwrap();
    let err = client().fetch(req).await.expect_err("two fields");
    assert_eq!(err.kind(), Kind::InvalidArgument, "{err}");
    assert!(
        err.to_string()
            .contains("more than one content-length header"),
        "{err}"
    );
    assert_eq!(
        server.accepted.load(Ordering::SeqCst),
        0,
        "nothing connected"
    );
}

#[tokio::test]
async fn a_matching_length_is_sent() {
    let server = TestServer::start();
    let url = format!("{}/post", server.http_url());
    for value in ["5", " 5 "] {
        let resp = client()
            .fetch(post(&url, value, b"hello"))
            .await
            .unwrap_or_else(|e| panic!("{value}: {e}"));
        assert_eq!(resp.status(), 200, "{value}");
        let body = json(&resp);
        assert_eq!(body["bodyLength"], 5, "{value}: {body}");
        assert_eq!(body["headers"]["content-length"], "5", "{value}: {body}");
    }
    // No body and a zero length, on a GET.
    let mut req = Request::new(Method::GET, &format!("{}/get", server.http_url())).unwrap();
    req.add_header("Content-Length", "0").unwrap();
    let resp = client().fetch(req).await.expect("zero");
    assert_eq!(resp.status(), 200);
}
