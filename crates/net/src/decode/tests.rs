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

/// Decodes `data` fed in `chunk`-sized pieces with the documented loop,
/// checking the per-call cap; returns the output.
fn decode(encoding: &str, data: &[u8], chunk: usize) -> Result<Vec<u8>> {
    let mut dec = Decoder::for_encoding(encoding).expect("known coding");
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
