use std::io::Write as _;

use super::*;

fn sample() -> Vec<u8> {
    (0..20_000)
        .flat_map(|i| format!("line {i}: the quick brown fox {}\n", i * 7).into_bytes())
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("zlib");
    enc.finish().expect("zlib")
}

fn raw_deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("deflate");
    enc.finish().expect("deflate")
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        enc.write_all(data).expect("br");
    }
    out
}

/// What the documented decode loop drives: one decoder, or a stack of them.
trait Decode {
    fn push(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()>;
    fn finish(&mut self, out: &mut Vec<u8>) -> Result<()>;
    fn has_pending(&self) -> bool;
}

impl Decode for Decoder {
    fn push(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        Decoder::push(self, input, out)
    }
    fn finish(&mut self, out: &mut Vec<u8>) -> Result<()> {
        Decoder::finish(self, out)
    }
    fn has_pending(&self) -> bool {
        Decoder::has_pending(self)
    }
}

impl Decode for Stack {
    fn push(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        Stack::push(self, input, out)
    }
    fn finish(&mut self, out: &mut Vec<u8>) -> Result<()> {
        Stack::finish(self, out)
    }
    fn has_pending(&self) -> bool {
        Stack::has_pending(self)
    }
}

/// Feeds `data` in `chunk`-sized pieces with the documented loop, checking
/// the per-call cap; returns the output.
fn drive(dec: &mut impl Decode, data: &[u8], chunk: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let check = |before: usize, out: &Vec<u8>| assert!(out.len() - before <= STEP, "over the cap");
    for piece in data.chunks(chunk.max(1)) {
        let before = out.len();
        dec.push(piece, &mut out)?;
        check(before, &out);
        while dec.has_pending() {
            let before = out.len();
            dec.push(&[], &mut out)?;
            check(before, &out);
        }
    }
    loop {
        let before = out.len();
        dec.finish(&mut out)?;
        check(before, &out);
        if !dec.has_pending() {
            return Ok(out);
        }
    }
}

/// Decodes `data` with the decoder for `encoding`.
fn decode(encoding: &str, data: &[u8], chunk: usize) -> Result<Vec<u8>> {
    let mut dec = Decoder::for_encoding(encoding).expect("known coding");
    drive(&mut dec, data, chunk)
}

#[test]
fn every_coding_round_trips_in_any_chunking() {
    let data = sample();
    let cases = [
        ("gzip", gzip(&data)),
        ("x-gzip", gzip(&data)),
        ("deflate", zlib(&data)),
        ("deflate", raw_deflate(&data)),
        ("br", brotli(&data)),
    ];
    for (encoding, compressed) in &cases {
        for chunk in [1, 7, 4096, usize::MAX] {
            if chunk == 1 && compressed.len() > 50_000 {
                continue;
            }
            let got = decode(encoding, compressed, chunk)
                .unwrap_or_else(|e| panic!("{encoding}/{chunk}: {e}"));
            assert!(got == data, "{encoding} with chunks of {chunk}");
        }
    }
}

#[test]
fn one_small_chunk_cannot_expand_without_bound() {
    let zeros = vec![0u8; 8 * 1024 * 1024];
    for (encoding, bomb) in [
        ("gzip", gzip(&zeros)),
        ("deflate", zlib(&zeros)),
        ("br", brotli(&zeros)),
    ] {
        assert!(
            bomb.len() < 64 * 1024,
            "{encoding} bomb is {} bytes",
            bomb.len()
        );
        let mut dec = Decoder::for_encoding(encoding).expect("coding");
        let mut out = Vec::with_capacity(16 * 1024 * 1024);
        dec.push(&bomb, &mut out).expect("push");
        assert!(
            out.len() <= STEP,
            "{encoding}: {} bytes from one push",
            out.len()
        );
        assert!(dec.has_pending(), "{encoding}: more is waiting");
        // A caller with a 1 MiB limit stops after a bounded number of calls.
        let mut calls = 1;
        while dec.has_pending() && out.len() <= 1024 * 1024 {
            dec.push(&[], &mut out).expect("drain");
            calls += 1;
        }
        assert!(out.len() <= 1024 * 1024 + STEP, "{encoding}");
        assert!(calls >= 16, "{encoding}: {calls} calls");
    }
    // And when drained, the whole thing decodes.
    assert_eq!(
        decode("gzip", &gzip(&zeros), usize::MAX)
            .expect("gzip")
            .len(),
        zeros.len()
    );
}

#[test]
fn gzip_headers_members_and_trailing_bytes() {
    let data = b"hello, gzip".to_vec();
    // A header with FNAME, FCOMMENT and FEXTRA.
    let mut enc = flate2::GzBuilder::new()
        .filename("x.txt")
        .comment("a comment")
        .extra(vec![1, 2, 3])
        .write(Vec::new(), flate2::Compression::fast());
    enc.write_all(&data).expect("write");
    let with_header = enc.finish().expect("finish");
    assert_eq!(decode("gzip", &with_header, 3).expect("named"), data);

    // Two members concatenated decode to the concatenation.
    let mut two = gzip(b"first ");
    two.extend(gzip(b"second"));
    assert_eq!(decode("gzip", &two, 5).expect("members"), b"first second");

    // Zero padding after the last member is ignored.
    let mut padded = gzip(&data);
    padded.extend([0u8; 16]);
    assert_eq!(decode("gzip", &padded, 4096).expect("padded"), data);
}

#[test]
fn corrupt_data_is_a_bad_content_encoding() {
    let data = sample();
    let mut flipped = gzip(&data);
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0xff;
    let mut bad_crc = gzip(&data);
    let n = bad_crc.len();
    bad_crc[n - 6] ^= 0x01;
    let mut truncated = gzip(&data);
    truncated.truncate(truncated.len() - 20);
    let mut br_truncated = brotli(&data);
    br_truncated.truncate(br_truncated.len() / 2);
    let cases: [(&str, Vec<u8>); 7] = [
        ("gzip", b"this is not gzip at all".to_vec()),
        ("gzip", flipped),
        ("gzip", bad_crc),
        ("gzip", truncated),
        ("deflate", vec![0xff; 64]),
        ("br", b"\xff\xff\xff\xff not brotli".to_vec()),
        ("br", br_truncated),
    ];
    for (encoding, input) in cases {
        let err = decode(encoding, &input, 1000).expect_err(encoding);
        assert_eq!(err.kind(), Kind::BadContentEncoding, "{encoding}: {err}");
    }
}

#[test]
fn codings_and_empty_bodies() {
    for name in ["gzip", "X-GZIP", " deflate ", "BR"] {
        assert!(Decoder::for_encoding(name).is_some(), "{name}");
    }
    for name in ["identity", "compress", "zstd", ""] {
        assert!(Decoder::for_encoding(name).is_none(), "{name}");
    }
    for name in ["gzip", "deflate", "br"] {
        assert_eq!(decode(name, b"", 1).expect(name), b"");
    }
    assert_eq!(ACCEPT_ENCODING, "gzip, deflate, br");
}

fn headers(values: &[&str]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for v in values {
        map.append(
            http::header::CONTENT_ENCODING,
            http::HeaderValue::from_str(v).expect("value"),
        );
    }
    map
}

/// Decodes `data` through the stack for `values`.
fn decode_stack(values: &[&str], data: &[u8], chunk: usize) -> Result<Vec<u8>> {
    let mut dec = Stack::for_headers(&headers(values))?.expect("known codings");
    drive(&mut dec, data, chunk)
}

#[test]
fn stacked_codings_decode_last_listed_first() {
    let data = sample();
    let cases: [(&[&str], Vec<u8>); 6] = [
        (&["gzip, gzip"], gzip(&gzip(&data))),
        (&["gzip, br"], brotli(&gzip(&data))),
        (&["deflate, gzip"], gzip(&zlib(&data))),
        (&["br", "identity", "gzip"], gzip(&brotli(&data))),
        (&["identity, gzip , IDENTITY,"], gzip(&data)),
        (
            &["deflate", "gzip, br, gzip"],
            gzip(&brotli(&gzip(&zlib(&data)))),
        ),
    ];
    for (values, compressed) in &cases {
        for chunk in [7, 4096, usize::MAX] {
            let got = decode_stack(values, compressed, chunk)
                .unwrap_or_else(|e| panic!("{values:?}/{chunk}: {e}"));
            assert!(got == data, "{values:?} with chunks of {chunk}");
        }
    }
}

#[test]
fn a_bomb_of_layers_is_bounded_per_call() {
    // 64 MiB of zeros, gzipped twice: a few hundred bytes.
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let bomb = gzip(&gzip(&zeros));
    assert!(bomb.len() < 4096, "bomb is {} bytes", bomb.len());
    let mut dec = Stack::for_headers(&headers(&["gzip, gzip"]))
        .expect("ok")
        .expect("known");
    let mut out = Vec::new();
    dec.push(&bomb, &mut out).expect("push");
    assert!(out.len() <= STEP, "{} bytes from one push", out.len());
    let mut calls = 1;
    while dec.has_pending() && out.len() <= 1024 * 1024 {
        let before = out.len();
        dec.push(&[], &mut out).expect("drain");
        assert!(out.len() - before <= STEP);
        calls += 1;
    }
    assert!(dec.has_pending(), "more is waiting");
    assert!(out.len() <= 1024 * 1024 + STEP);
    assert!(calls >= 16, "{calls} calls");
    // Nothing in between held more than about a step either.
    for mid in &dec.mids {
        assert!(
            mid.capacity() <= 2 * STEP,
            "{} bytes in between",
            mid.capacity()
        );
    }
    // Drained, it is all there.
    assert_eq!(
        decode_stack(&["gzip, gzip"], &bomb, usize::MAX)
            .expect("all")
            .len(),
        zeros.len()
    );
}

#[test]
fn stack_lists_unknown_codings_and_limits() {
    // Nothing to decode.
    for values in [&[][..], &["identity"], &[" , identity,"]] {
        assert!(Stack::for_headers(&headers(values)).expect("ok").is_none());
    }
    // An unknown coding anywhere: passed through, as a single unknown one is.
    for values in [&["gzip, zstd"][..], &["compress, gzip"], &["gzip", "x-foo"]] {
        assert!(
            Stack::for_headers(&headers(values)).expect("ok").is_none(),
            "{values:?}"
        );
    }
    // Four layers are decoded, five are refused.
    let data = b"four layers".to_vec();
    let four = gzip(&gzip(&gzip(&gzip(&data))));
    assert_eq!(
        decode_stack(&["gzip, gzip, gzip, gzip"], &four, 3).expect("four"),
        data
    );
    let Err(err) = Stack::for_headers(&headers(&["gzip, gzip, gzip", "gzip, br"])) else {
        panic!("five layers accepted");
    };
    assert_eq!(err.kind(), Kind::BadContentEncoding);
    assert!(err.to_string().contains("5 content codings"), "{err}");
    // Corrupt data in an inner layer is an error too.
    let err = decode_stack(&["deflate, gzip"], &gzip(b"not zlib data at all"), 100)
        .expect_err("inner layer corrupt");
    assert_eq!(err.kind(), Kind::BadContentEncoding);
    // A stack whose inner layer is cut short fails at the end.
    let mut inner = zlib(&sample());
    inner.truncate(inner.len() / 2);
    let err =
        decode_stack(&["deflate, gzip"], &gzip(&inner), 100).expect_err("inner layer cut short");
    assert_eq!(err.kind(), Kind::BadContentEncoding);
}
