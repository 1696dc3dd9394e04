//! Stacked `Content-Encoding`s (`gzip, gzip`, `gzip, br`, several field
//! lines) are decoded layer by layer in every way of receiving a body; an
//! unknown coding in the list leaves the body as it came; too many layers,
//! and a bomb made of layers, fail.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[allow(unused_imports, reason = "the test server is not needed here")]
mod support;

use std::io::Write as _;

use jsrun_net::{Event, Interest, Kind, Request, Response};
use support::{client, get, Action, Raw};

const TEXT: &str = "the quick brown fox jumps over the lazy dog\n";

fn plain() -> Vec<u8> {
    TEXT.repeat(500).into_bytes()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        enc.write_all(data).unwrap();
    }
    out
}

/// A server answering every request with `body` under the given
/// `Content-Encoding` field lines.
fn serve(encodings: &[&str], body: Vec<u8>) -> Raw {
    let mut head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n", body.len());
    for e in encodings {
        head.push_str(&format!("Content-Encoding: {e}\r\n"));
    }
    head.push_str("\r\n");
    let mut reply = head.into_bytes();
    reply.extend_from_slice(&body);
    Raw::start(move |_, _| Action::Reply(reply.clone()))
}

fn decoding(url: &str) -> Request {
    let mut req = get(url);
    req.options.decompress = true;
    req
}

/// The body three ways: buffered in the response, streamed to the sink,
/// assembled in the caller's buffer.
async fn bodies(url: &str) -> [Vec<u8>; 3] {
    let client = client();
    let buffered: Response = client.fetch(decoding(url)).await.expect("fetch");
    let mut streamed = Vec::new();
    let mut req = decoding(url);
    req.options.interest = Interest {
        data: true,
        ..Interest::NONE
    };
    client
        .execute(req, |ev: Event<'_>| {
            if let Event::Data(d) = ev {
                streamed.extend_from_slice(&d);
            }
        })
        .await
        .expect("execute");
    let mut into = Vec::new();
    client
        .fetch_into(decoding(url), &mut into)
        .await
        .expect("fetch_into");
    [buffered.body.to_vec(), streamed, into]
}

#[tokio::test]
async fn stacked_codings_decode_to_the_plain_body() {
    let data = plain();
    let cases: Vec<(&[&str], Vec<u8>)> = vec![
        (&["gzip, gzip"], gzip(&gzip(&data))),
        (&["gzip, br"], brotli(&gzip(&data))),
        (&["deflate, gzip"], gzip(&zlib(&data))),
        // Two field lines are one list: gzip applied first, then br.
        (&["gzip", "br"], brotli(&gzip(&data))),
        (&["identity, gzip"], gzip(&data)),
    ];
    for (encodings, body) in cases {
        let server = serve(encodings, body);
        for (way, got) in bodies(&server.url("/")).await.iter().enumerate() {
            assert!(
                got == &data,
                "{encodings:?}, way {way}: {} bytes, starts {:?}",
                got.len(),
                String::from_utf8_lossy(&got[..got.len().min(20)])
            );
        }
    }
}

#[tokio::test]
async fn an_unknown_coding_in_the_list_passes_the_body_through() {
    // As a single unknown coding always has: the bytes as sent, the header
    // there for the caller to see.
    let sent = gzip(b"zstd is not decoded here");
    let server = serve(&["gzip, zstd"], sent.clone());
    let resp = client()
        .fetch(decoding(&server.url("/")))
        .await
        .expect("fetch");
    assert_eq!(resp.body.as_ref(), sent.as_slice());
    assert_eq!(resp.head.header("content-encoding"), Some("gzip, zstd"));

    let server = serve(&["x-unknown"], sent.clone());
    let resp = client()
        .fetch(decoding(&server.url("/")))
        .await
        .expect("fetch");
    assert_eq!(resp.body.as_ref(), sent.as_slice());
}

#[tokio::test]
async fn more_than_four_layers_is_a_bad_content_encoding() {
    let body = gzip(&gzip(&gzip(&gzip(&gzip(b"deep")))));
    let server = serve(&["gzip, gzip, gzip, gzip, gzip"], body);
    let err = client()
        .fetch(decoding(&server.url("/")))
        .await
        .expect_err("five layers");
    assert_eq!(err.kind(), Kind::BadContentEncoding, "{err}");
    assert!(err.to_string().contains("content codings"), "{err}");

    let body = gzip(&gzip(&gzip(&gzip(b"deep"))));
    let server = serve(&["gzip, gzip", "gzip, gzip"], body);
    let resp = client()
        .fetch(decoding(&server.url("/")))
        .await
        .expect("four layers");
    assert_eq!(resp.body.as_ref(), b"deep");
}

#[tokio::test]
async fn a_bomb_of_layers_stops_at_the_size_limit() {
    // 256 MiB of zeros gzipped twice is a few kilobytes on the wire.
    let zeros = vec![0u8; 256 * 1024 * 1024];
    let bomb = gzip(&gzip(&zeros));
    drop(zeros);
    assert!(bomb.len() < 64 * 1024, "bomb is {} bytes", bomb.len());
    let server = serve(&["gzip, gzip"], bomb);
    let mut req = decoding(&server.url("/"));
    req.options.max_body = Some(1024 * 1024);
    let err = client().fetch(req).await.expect_err("over the limit");
    assert_eq!(err.kind(), Kind::TooLarge, "{err}");
}
