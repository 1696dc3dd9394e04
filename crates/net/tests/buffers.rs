//! Bodies assembled into a caller's buffer (`Client::execute_into`,
//! `fetch_into`), and the engine's own buffering.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use http::StatusCode;
use jsrun_net::{BodyBuffer, Event, Interest, Kind};
use support::{client, get, TestServer};

/// A buffer that records how it was used.
#[derive(Default)]
struct Recording {
    data: Vec<u8>,
    reserved: Vec<usize>,
    pieces: usize,
}

impl BodyBuffer for Recording {
    fn reserve(&mut self, additional: usize) {
        self.reserved.push(additional);
        self.data.reserve(additional);
    }

    fn extend_from_slice(&mut self, chunk: &[u8]) {
        self.pieces += 1;
        self.data.extend_from_slice(chunk);
    }
}

#[tokio::test]
async fn the_body_lands_in_the_callers_buffer_reserved_from_its_length() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/bytes/300000?seed=7", server.http_url());
    let expected = client.fetch(get(&url)).await.unwrap().body;
    assert_eq!(expected.len(), 300_000);

    let mut buf = Recording::default();
    let resp = client.fetch_into(get(&url), &mut buf).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.body.is_empty());
    assert_eq!(buf.data, expected);
    assert_eq!(buf.reserved, [300_000]);
    assert!(buf.pieces >= 1);

    // A plain Vec works, and the future stays Send.
    let mut vec: Vec<u8> = Vec::new();
    let fut = client.fetch_into(get(&url), &mut vec);
    fn send<T: Send>(_: &T) {}
    send(&fut);
    fut.await.unwrap();
    assert_eq!(vec, expected);
}

#[tokio::test]
async fn only_the_final_body_and_decoded_bytes_go_there() {
    let server = TestServer::start();
    let client = client();
    // Redirect bodies are not the response's.
    let mut buf = Vec::new();
    let resp = client
        .fetch_into(get(&format!("{}/redirect/2", server.http_url())), &mut buf)
        .await
        .unwrap();
    assert_eq!(resp.url().path(), "/get");
    let json: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(json["url"], format!("{}/get", server.http_url()));

    // Decoded: the buffer gets the decoded bytes; no length hint (the wire
    // length is not the decoded one).
    for path in ["gzip", "deflate", "brotli"] {
        let mut req = get(&format!("{}/{path}", server.http_url()));
        req.options.decompress = true;
        let mut buf = Recording::default();
        client.fetch_into(req, &mut buf).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&buf.data).unwrap();
        assert_eq!(json["method"], "GET", "{path}");
        assert_eq!(buf.reserved, [0], "{path}");
        // The engine's own buffer decodes the same.
        let mut req = get(&format!("{}/{path}", server.http_url()));
        req.options.decompress = true;
        assert_eq!(client.fetch(req).await.unwrap().body, buf.data, "{path}");
    }
}

#[tokio::test]
async fn streaming_wins_and_errors_leave_what_arrived() {
    let server = TestServer::start();
    let client = client();
    // With interest.data the sink gets the chunks; the buffer stays empty.
    let mut req = get(&format!("{}/bytes/5000", server.http_url()));
    req.options.interest = Interest {
        data: true,
        ..Interest::NONE
    };
    let mut streamed = 0;
    let mut buf = Vec::new();
    client
        .execute_into(
            req,
            |ev: Event<'_>| {
                if let Event::Data(d) = ev {
                    streamed += d.len();
                }
            },
            &mut buf,
        )
        .await
        .unwrap();
    assert_eq!(streamed, 5000);
    assert!(buf.is_empty());

    // A body cut short: the error, and the bytes that came.
    let mut buf = Vec::new();
    let err = client
        .fetch_into(get(&format!("{}/cut-body", server.bad_url())), &mut buf)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::PartialBody);
    assert_eq!(buf.len(), 100);

    // The size limit applies to the caller's buffer too.
    let mut req = get(&format!("{}/stream-bytes/200000", server.http_url()));
    req.options.max_body = Some(50_000);
    let mut buf = Vec::new();
    let err = client.fetch_into(req, &mut buf).await.unwrap_err();
    assert_eq!(err.kind(), Kind::TooLarge);
    assert!(buf.len() <= 50_000 + 64 * 1024, "{}", buf.len());
}

#[tokio::test]
async fn a_decoded_body_over_the_limit_stops_within_one_step() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/gzip", server.http_url()));
    req.options.decompress = true;
    req.options.max_body = Some(10);
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::TooLarge);
}
