//! Response header names in their original case (`RequestOptions::raw_headers`).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use http::{StatusCode, Version};
use jsrun_net::{Client, Event, Interest, Protocol, ResponseHead};
use support::{client, get, Action, Raw, TestServer};

fn pairs(head: &ResponseHead) -> Vec<(String, String)> {
    head.raw_headers()
        .expect("raw headers asked for")
        .iter()
        .map(|(n, v)| {
            (
                String::from_utf8(n.to_vec()).unwrap(),
                v.to_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

const MIXED: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Mixed-Case: a\r\nx-lower: b\r\nX-MIXED-CASE: c\r\nContent-Length: 2\r\n\r\nok";

#[tokio::test]
async fn names_as_sent_in_wire_order_only_when_asked() {
    let raw = Raw::start(|path, _| match path {
        "/interim" => {
            Action::Reply([&b"HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\n"[..], MIXED].concat())
        }
        "/other" => Action::Reply(
            b"HTTP/1.1 404 Not Found\r\nSERVER: Scripted\r\nContent-Length: 0\r\n\r\n".to_vec(),
        ),
        _ => Action::Reply(MIXED.to_vec()),
    });
    let client = client();
    let expected = owned(&[
        ("Content-Type", "text/plain"),
        ("X-Mixed-Case", "a"),
        ("x-lower", "b"),
        ("X-MIXED-CASE", "c"),
        ("Content-Length", "2"),
    ]);

    let mut req = get(&raw.url("/mixed"));
    req.options.raw_headers = true;
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(pairs(&resp.head), expected);
    assert_eq!(resp.body, "ok");

    // Off by default.
    let resp = client.fetch(get(&raw.url("/mixed"))).await.unwrap();
    assert!(resp.head.raw_headers().is_none());

    // An interim 100 head is skipped; the same (reused) connection then
    // records the next exchange's head, not a stale one.
    let mut req = get(&raw.url("/interim"));
    req.options.raw_headers = true;
    assert_eq!(pairs(&client.fetch(req).await.unwrap().head), expected);
    let mut req = get(&raw.url("/other"));
    req.options.raw_headers = true;
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        pairs(&resp.head),
        owned(&[("SERVER", "Scripted"), ("Content-Length", "0")])
    );
    assert_eq!(raw.accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn every_hop_has_its_own_and_http2_uses_the_map() {
    let raw = Raw::start(|path, _| match path {
        "/hop" => Action::Reply(
            b"HTTP/1.1 302 Found\r\nLocation: /mixed\r\nX-Hop: 1\r\nContent-Length: 0\r\n\r\n"
                .to_vec(),
        ),
        _ => Action::Reply(MIXED.to_vec()),
    });
    let mut req = get(&raw.url("/hop"));
    req.options.raw_headers = true;
    req.options.interest = Interest {
        headers: true,
        ..Interest::NONE
    };
    let mut hops = Vec::new();
    client()
        .execute(req, |ev: Event<'_>| {
            if let Event::Headers(head) = ev {
                hops.push(pairs(head));
            }
        })
        .await
        .unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(
        hops[0],
        owned(&[
            ("Location", "/mixed"),
            ("X-Hop", "1"),
            ("Content-Length", "0")
        ])
    );
    assert_eq!(hops[1][1], ("X-Mixed-Case".into(), "a".into()));

    // HTTP/2 (and TLS HTTP/1 from hyper's server, which writes lower case).
    let server = TestServer::start();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    for protocol in [Protocol::Auto, Protocol::Http1] {
        let mut req = get(&format!(
            "{}/response-headers?X-Mixed-Case=v",
            server.https_url()
        ));
        req.options.raw_headers = true;
        req.options.protocol = protocol;
        let resp = client.fetch(req).await.unwrap();
        let list = pairs(&resp.head);
        assert_eq!(list.len(), resp.headers().len(), "{protocol:?}");
        assert!(
            list.contains(&("x-mixed-case".into(), "v".into())),
            "{list:?}"
        );
        let expect_h2 = protocol == Protocol::Auto;
        assert_eq!(resp.head.version == Version::HTTP_2, expect_h2);
    }
}
