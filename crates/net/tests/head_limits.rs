//! How big a response head may be: hundreds of header fields are fine (as
//! in curl and browsers), the byte bound still holds, and a field count
//! beyond any real server's is refused.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[allow(unused_imports, reason = "the test server is not needed here")]
mod support;

use jsrun_net::Kind;
use support::{client, get, Action, Raw};

/// A `200` whose head carries `fields` fields `x-field-N: value-N`
/// (padded to `pad` bytes of value each), and body `ok`.
fn reply(fields: usize, pad: usize) -> Vec<u8> {
    let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
    for i in 0..fields {
        head.push_str(&format!("x-field-{i}: value-{i:0>pad$}\r\n"));
    }
    head.push_str("\r\nok");
    head.into_bytes()
}

#[tokio::test]
async fn three_hundred_fields_are_all_readable() {
    let r = reply(300, 1);
    assert!(r.len() < 8 * 1024, "{} bytes", r.len());
    let server = Raw::start(move |_, _| Action::Reply(r.clone()));
    let resp = client().fetch(get(&server.url("/"))).await.expect("fetch");
    assert_eq!(resp.body.as_ref(), b"ok");
    assert_eq!(resp.headers().len(), 301);
    for i in 0..300 {
        assert_eq!(
            resp.head.header(&format!("x-field-{i}")),
            Some(format!("value-{i}").as_str()),
            "field {i}"
        );
    }
}

#[tokio::test]
async fn a_head_over_the_byte_limit_still_fails() {
    // 50 fields of ~300 bytes: 15 KB, over an 8 KiB limit.
    let r = reply(50, 300);
    let server = Raw::start(move |_, _| Action::Reply(r.clone()));
    let mut req = get(&server.url("/"));
    req.options.max_header_bytes = 8 * 1024;
    let err = client().fetch(req).await.expect_err("over 8 KiB");
    assert_eq!(err.kind(), Kind::Recv, "{err}");
    assert!(err.to_string().contains("head too large"), "{err}");

    // The same head under the default limit (100 KiB) is fine.
    let resp = client().fetch(get(&server.url("/"))).await.expect("fetch");
    assert_eq!(resp.headers().len(), 51);
}

#[tokio::test]
async fn more_than_a_thousand_fields_fail() {
    // Small fields: ~14 KB, under the byte limit; over the field count.
    let r = reply(1200, 1);
    assert!(r.len() < 100 * 1024);
    let server = Raw::start(move |_, _| Action::Reply(r.clone()));
    let err = client()
        .fetch(get(&server.url("/")))
        .await
        .expect_err("1200 fields");
    assert_eq!(err.kind(), Kind::Recv, "{err}");
    assert!(err.to_string().contains("1000 header fields"), "{err}");
}
