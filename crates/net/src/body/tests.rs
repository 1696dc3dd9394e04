use std::path::PathBuf;
use std::pin::Pin;

use http_body::Body as _;

use super::*;

/// Collects a stream; returns the bytes, the largest frame, and the error
/// that ended it, if any.
async fn collect(mut body: BodyStream) -> (Vec<u8>, usize, Option<Error>) {
    let mut out = Vec::new();
    let mut largest = 0;
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return (out, largest, None),
            Some(Err(e)) => return (out, largest, Some(e)),
            Some(Ok(frame)) => {
                let data = frame.into_data().expect("data frame");
                largest = largest.max(data.len());
                out.extend_from_slice(&data);
            }
        }
    }
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("jsrun-body-{tag}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, data: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, data).expect("write");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn text_encodings() {
    let cases: [(&str, &str, &[u8]); 7] = [
        (
            "Привет",
            "windows-1251",
            &[0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2],
        ),
        ("café", "iso-8859-1", b"caf\xe9"),
        ("日本", "shift_jis", &[0x93, 0xfa, 0x96, 0x7b]),
        ("hi€", "utf-16le", &[0x68, 0x00, 0x69, 0x00, 0xac, 0x20]),
        ("hi€", "UTF-16BE", &[0x00, 0x68, 0x00, 0x69, 0x20, 0xac]),
        ("é", "", &[0xc3, 0xa9]),
        ("é", " utf-8 ", &[0xc3, 0xa9]),
    ];
    for (text, label, expected) in cases {
        assert_eq!(
            &encode_text(text, label).expect(label)[..],
            expected,
            "{label}"
        );
    }
    // Characters outside the charset become numeric references.
    assert_eq!(
        &encode_text("a€", "iso-8859-5").expect("8859-5")[..],
        b"a&#8364;"
    );
}

#[test]
fn unknown_or_unencodable_labels_are_invalid_arguments() {
    for label in ["klingon", "iso-2022-kr"] {
        let err = encode_text("x", label).expect_err(label);
        assert_eq!(err.kind(), Kind::InvalidArgument);
        assert!(err.to_string().contains(label), "{err}");
    }
}

#[test]
fn form_and_query_encoding() {
    let pairs = vec![
        ("a b".to_owned(), "c&d=e".to_owned()),
        ("é".to_owned(), "~*-._+".to_owned()),
        ("empty".to_owned(), String::new()),
    ];
    assert_eq!(
        form_urlencode(&pairs),
        "a+b=c%26d%3De&%C3%A9=%7E*-._%2B&empty="
    );
    assert_eq!(form_urlencode(&[]), "");
    assert_eq!(
        percent_encode_query_component("a b~é/?*"),
        "a%20b~%C3%A9%2F%3F%2A"
    );
}

#[tokio::test]
async fn simple_bodies_have_types_and_lengths() {
    let p = prepare(&Body::Empty).await.expect("empty");
    assert_eq!((p.content_type, p.len), (None, Some(0)));
    assert!(p.body.is_end_stream());

    let p = prepare(&Body::Bytes(Bytes::from_static(b"\x00\x01")))
        .await
        .expect("bytes");
    assert_eq!((p.content_type.clone(), p.len), (None, Some(2)));
    assert_eq!(collect(p.body).await.0, b"\x00\x01");

    let text = Body::Text {
        text: "Привет".into(),
        encoding: "windows-1251".into(),
    };
    let p = prepare(&text).await.expect("text");
    assert_eq!(
        p.content_type.as_ref().map(|v| v.as_bytes()),
        Some(&b"text/plain; charset=windows-1251"[..])
    );
    assert_eq!(p.len, Some(6));
    assert_eq!(
        collect(p.body).await.0,
        [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]
    );

    let text = Body::Text {
        text: "x".into(),
        encoding: String::new(),
    };
    let p = prepare(&text).await.expect("utf-8 text");
    assert_eq!(
        p.content_type.as_ref().map(|v| v.as_bytes()),
        Some(&b"text/plain; charset=UTF-8"[..])
    );

    let form = Body::Form(vec![("q".into(), "a b".into())]);
    let p = prepare(&form).await.expect("form");
    assert_eq!(
        p.content_type.as_ref().map(|v| v.as_bytes()),
        Some(&b"application/x-www-form-urlencoded"[..])
    );
    assert_eq!(p.len, Some(5));
    assert_eq!(collect(p.body).await.0, b"q=a+b");
}

#[tokio::test]
async fn files_stream_in_bounded_chunks_with_exact_length() {
    let dir = TempDir::new("file");
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let path = dir.file("upload.bin", &data);
    let body = Body::File(path);
    // Twice: a prepared body is reusable for redirects and auth retries.
    for _ in 0..2 {
        let p = prepare(&body).await.expect("file");
        assert_eq!(
            p.content_type.as_ref().map(|v| v.as_bytes()),
            Some(&b"application/octet-stream"[..])
        );
        assert_eq!(p.len, Some(data.len() as u64));
        assert_eq!(p.body.size_hint().exact(), Some(data.len() as u64));
        let (got, largest, err) = collect(p.body).await;
        assert!(err.is_none(), "{err:?}");
        assert_eq!(got, data);
        assert!(largest <= 64 * 1024, "frame of {largest} bytes");
    }
}

#[tokio::test]
async fn missing_files_fail_at_prepare_naming_the_path() {
    let dir = TempDir::new("missing");
    let path = dir.0.join("nope.bin");
    let err = prepare(&Body::File(path.clone()))
        .await
        .err()
        .expect("missing file");
    assert_eq!(err.kind(), Kind::ReadLocalFile);
    assert!(err.to_string().contains("nope.bin"), "{err}");

    let err = prepare(&Body::File(dir.0.clone()))
        .await
        .err()
        .expect("a folder");
    assert_eq!(err.kind(), Kind::ReadLocalFile);

    let parts = vec![Part {
        name: "f".into(),
        filename: None,
        content_type: None,
        source: PartSource::File(path),
    }];
    let err = prepare(&Body::Multipart(parts))
        .await
        .err()
        .expect("missing part file");
    assert_eq!(err.kind(), Kind::ReadLocalFile);
    assert!(err.to_string().contains("nope.bin"), "{err}");
}

#[tokio::test]
async fn files_that_vanish_or_shrink_after_prepare_fail_the_stream() {
    let dir = TempDir::new("vanish");
    let path = dir.file("gone.bin", &[7u8; 1000]);
    let p = prepare(&Body::File(path.clone())).await.expect("prepare");
    std::fs::remove_file(&path).expect("remove");
    let (_, _, err) = collect(p.body).await;
    let err = err.expect("vanished file");
    assert_eq!(err.kind(), Kind::ReadLocalFile);
    assert!(err.to_string().contains("gone.bin"), "{err}");

    let path = dir.file("shrinks.bin", &[7u8; 1000]);
    let p = prepare(&Body::File(path.clone())).await.expect("prepare");
    std::fs::write(&path, [7u8; 10]).expect("truncate");
    let (got, _, err) = collect(p.body).await;
    assert_eq!(got.len(), 10);
    assert_eq!(err.expect("shrunk file").kind(), Kind::ReadLocalFile);

    // A file that grows is cut at the measured length: Content-Length holds.
    let path = dir.file("grows.bin", &[1u8; 10]);
    let p = prepare(&Body::File(path.clone())).await.expect("prepare");
    std::fs::write(&path, [1u8; 100]).expect("grow");
    let (got, _, err) = collect(p.body).await;
    assert!(err.is_none());
    assert_eq!(got.len(), 10);
}

#[tokio::test]
async fn multipart_bytes_are_exact() {
    let dir = TempDir::new("multipart");
    let file = dir.file("report \"q\".csv", b"a,b\n1,2\n");
    let parts = vec![
        Part {
            name: "field".into(),
            filename: None,
            content_type: None,
            source: PartSource::Bytes(Bytes::from_static(b"value")),
        },
        Part {
            name: "na\"me\r\n".into(),
            filename: Some("héllo.txt".into()),
            content_type: Some("text/plain".into()),
            source: PartSource::Bytes(Bytes::from_static(b"hi")),
        },
        Part {
            name: "upload".into(),
            filename: None,
            content_type: None,
            source: PartSource::File(file),
        },
    ];
    let p = multipart(&parts, "XyZ").await.expect("multipart");
    let expected = concat!(
        "--XyZ\r\n",
        "Content-Disposition: form-data; name=\"field\"\r\n",
        "\r\n",
        "value\r\n",
        "--XyZ\r\n",
        "Content-Disposition: form-data; name=\"na%22me%0D%0A\"; filename=\"héllo.txt\"\r\n",
        "Content-Type: text/plain\r\n",
        "\r\n",
        "hi\r\n",
        "--XyZ\r\n",
        "Content-Disposition: form-data; name=\"upload\"; filename=\"report %22q%22.csv\"\r\n",
        "Content-Type: application/octet-stream\r\n",
        "\r\n",
        "a,b\n1,2\n\r\n",
        "--XyZ--\r\n",
    );
    assert_eq!(
        p.content_type.as_ref().map(|v| v.as_bytes()),
        Some(&b"multipart/form-data; boundary=XyZ"[..])
    );
    assert_eq!(p.len, Some(expected.len() as u64));
    let (got, _, err) = collect(p.body).await;
    assert!(err.is_none());
    assert_eq!(String::from_utf8(got).expect("utf-8"), expected);
}

#[tokio::test]
async fn multipart_length_matches_streamed_bytes_with_large_files() {
    let dir = TempDir::new("multipart-large");
    let big = dir.file("big.bin", &vec![0xabu8; 150_000]);
    let parts = vec![
        Part {
            name: "a".into(),
            filename: None,
            content_type: None,
            source: PartSource::File(big.clone()),
        },
        Part {
            name: "b".into(),
            filename: Some("x".into()),
            content_type: None,
            source: PartSource::File(big),
        },
    ];
    let p = prepare(&Body::Multipart(parts)).await.expect("multipart");
    let ct = p.content_type.clone().expect("content type");
    let boundary = ct
        .to_str()
        .expect("ascii")
        .split("boundary=")
        .nth(1)
        .expect("boundary")
        .to_owned();
    assert!(boundary.len() >= 32, "{boundary}");
    let len = p.len.expect("known length");
    let (got, _, err) = collect(p.body).await;
    assert!(err.is_none());
    assert_eq!(got.len() as u64, len);
    assert!(got.ends_with(format!("--{boundary}--\r\n").as_bytes()));
    // Two prepares get two different boundaries.
    let again = prepare(&Body::Multipart(vec![]))
        .await
        .expect("empty multipart");
    assert_ne!(again.content_type, Some(ct));
}

#[test]
fn body_stream_fits_hyper() {
    fn assert_body<B: http_body::Body<Data = Bytes, Error = Error> + Send + Unpin + 'static>() {}
    assert_body::<BodyStream>();
}
