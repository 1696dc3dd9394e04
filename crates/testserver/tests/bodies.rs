//! Bodies of every kind: sizes, ranges, compression, caching, cookies and content types.

mod support;

use std::io::Read;

use jsrun_testserver::TestServer;
use support::{get, request};

#[test]
fn bytes_are_deterministic_per_seed() {
    let server = TestServer::start();
    let base = server.http_url();
    let a = get(&base, "/bytes/100000?seed=7");
    let b = get(&base, "/bytes/100000?seed=7");
    let c = get(&base, "/bytes/100000?seed=8");
    assert_eq!(a.header("content-length"), Some("100000"));
    assert_eq!(a.body.len(), 100_000);
    assert_eq!(a.body, b.body);
    assert_ne!(a.body, c.body);
    let ct = get(&base, "/bytes-ct/10?ct=image/webp");
    assert_eq!(
        (ct.header("content-type"), ct.body.len()),
        (Some("image/webp"), 10)
    );
    let chunked = get(&base, "/stream-bytes/5000?chunk_size=1000&seed=7");
    assert_eq!(chunked.header("transfer-encoding"), Some("chunked"));
    assert_eq!(chunked.body, a.body[..5000]);
}

#[test]
fn range_requests() {
    let server = TestServer::start();
    let base = server.http_url();
    let full = get(&base, "/range/30");
    assert_eq!(full.text(), "abcdefghijklmnopqrstuvwxyzabcd");
    let part = request(&base, "GET", "/range/30", &[("Range", "bytes=2-4")], b"");
    assert_eq!((part.status, part.text().as_str()), (206, "cde"));
    assert_eq!(part.header("content-range"), Some("bytes 2-4/30"));
    let open = request(&base, "GET", "/range/30", &[("Range", "bytes=27-")], b"");
    assert_eq!(open.text(), "bcd");
    let suffix = request(&base, "GET", "/range/30", &[("Range", "bytes=-2")], b"");
    assert_eq!(suffix.text(), "cd");
    let bad = request(&base, "GET", "/range/30", &[("Range", "bytes=30-")], b"");
    assert_eq!(
        (bad.status, bad.header("content-range")),
        (416, Some("bytes */30"))
    );
}

#[test]
fn compression_and_bad_encoding() {
    let server = TestServer::start();
    let base = server.http_url();
    let gz = get(&base, "/gzip");
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_string(&mut text)
        .expect("gunzip");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).expect("json")["gzipped"],
        true
    );

    let df = get(&base, "/deflate");
    let mut text = String::new();
    flate2::read::ZlibDecoder::new(&df.body[..])
        .read_to_string(&mut text)
        .expect("inflate");
    assert!(text.contains("\"deflated\": true"));

    let br = get(&base, "/brotli");
    assert_eq!(br.header("content-encoding"), Some("br"));
    let mut text = String::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_string(&mut text)
        .expect("brotli");
    assert!(text.contains("\"brotli\": true"));

    let bad = get(&base, "/bad-gzip");
    assert_eq!(bad.header("content-encoding"), Some("gzip"));
    let mut sink = Vec::new();
    assert!(flate2::read::GzDecoder::new(&bad.body[..])
        .read_to_end(&mut sink)
        .is_err());
}

#[test]
fn drip_and_delay_send_what_they_say() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = get(&base, "/drip?numbytes=5&duration=0.05&code=201");
    assert_eq!((res.status, res.text().as_str()), (201, "*****"));
    assert_eq!(res.header("content-length"), Some("5"));
    let res = get(&base, "/delay/0.01?x=1");
    assert_eq!(res.json()["args"]["x"], "1");
    assert_eq!(get(&base, "/delay/nope").status, 400);
}

#[test]
fn cache_endpoints_count_and_revalidate() {
    let server = TestServer::start();
    let base = server.http_url();
    let first = get(&base, "/cache");
    assert_eq!(first.status, 200);
    assert!(first
        .header("last-modified")
        .is_some_and(|v| v.ends_with("GMT")));
    let etag = first.header("etag").expect("etag").to_string();
    assert_eq!(first.header("x-served-count"), Some("1"));
    let second = request(&base, "GET", "/cache", &[("If-None-Match", &etag)], b"");
    assert_eq!(
        (second.status, second.header("x-served-count")),
        (304, Some("2"))
    );
    assert_eq!(
        get(&base, "/cache/60").header("cache-control"),
        Some("public, max-age=60")
    );

    let tag = request(
        &base,
        "GET",
        "/etag/v1",
        &[("If-None-Match", "W/\"v1\"")],
        b"",
    );
    assert_eq!((tag.status, tag.header("etag")), (304, Some("\"v1\"")));
    let tag = request(&base, "GET", "/etag/v1", &[("If-Match", "\"v2\"")], b"");
    assert_eq!(tag.status, 412);
    assert_eq!(get(&base, "/etag/v1").status, 200);

    let res = request(
        &base,
        "POST",
        "/response-headers?Cache-Control=no-store&Vary=Accept&Vary=Origin&Content-Type=text/x-test",
        &[],
        b"",
    );
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert_eq!(res.all("vary"), ["Accept", "Origin"]);
    assert_eq!(res.header("content-type"), Some("text/x-test"));
    assert_eq!(res.header("x-served-count"), Some("7"));
}

#[test]
fn response_headers_revalidate_with_their_own_validators() {
    let server = TestServer::start();
    let base = server.http_url();
    let path = "/response-headers?Cache-Control=no-cache&ETag=%22r1%22\
&Last-Modified=Sun,%2006%20Nov%201994%2008:49:37%20GMT";
    let first = get(&base, path);
    assert_eq!((first.status, first.header("etag")), (200, Some("\"r1\"")));
    let inm = request(&base, "GET", path, &[("If-None-Match", "\"r1\"")], b"");
    assert_eq!(
        (inm.status, inm.header("cache-control")),
        (304, Some("no-cache"))
    );
    let other = request(&base, "GET", path, &[("If-None-Match", "\"r0\"")], b"");
    assert_eq!(other.status, 200);
    let ims = request(
        &base,
        "GET",
        path,
        &[("If-Modified-Since", "Mon, 07 Nov 1994 00:00:00 GMT")],
        b"",
    );
    assert_eq!(ims.status, 304);
    let older = request(
        &base,
        "GET",
        path,
        &[("If-Modified-Since", "Sat, 05 Nov 1994 00:00:00 GMT")],
        b"",
    );
    assert_eq!(
        (older.status, older.header("x-served-count")),
        (200, Some("5"))
    );
}

#[test]
fn cookies() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = get(&base, "/cookies/set?a=1&b=2");
    assert_eq!(
        (res.status, res.header("location")),
        (302, Some("/cookies"))
    );
    assert_eq!(res.all("set-cookie"), ["a=1; Path=/", "b=2; Path=/"]);
    let res = request(&base, "GET", "/cookies", &[("Cookie", "a=1; b=2")], b"");
    assert_eq!(
        res.json()["cookies"],
        serde_json::json!({"a": "1", "b": "2"})
    );
    let res = get(&base, "/cookies/set-many");
    assert_eq!((res.status, res.all("set-cookie").len()), (200, 3));
    let res = get(&base, "/cookies/delete?a");
    assert!(res.all("set-cookie")[0].contains("Max-Age=0"));
}

#[test]
fn content_types() {
    let server = TestServer::start();
    let base = server.http_url();
    let png = get(&base, "/image/png");
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(&png.body[..8], b"\x89PNG\r\n\x1a\n");
    let jpeg = get(&base, "/image/jpeg");
    assert_eq!(&jpeg.body[..2], &[0xFF, 0xD8]);
    assert_eq!(&jpeg.body[jpeg.body.len() - 2..], &[0xFF, 0xD9]);
    assert!(get(&base, "/html").text().contains("Moby-Dick"));
    assert!(get(&base, "/xml").text().starts_with("<?xml"));
    assert!(get(&base, "/json").json()["slideshow"].is_object());
    assert!(get(&base, "/robots.txt").text().contains("Disallow"));

    let res = get(&base, "/charset/windows-1251?text=%D0%9F%D1%80%D0%B8");
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=windows-1251")
    );
    assert_eq!(res.body, [0xCF, 0xF0, 0xE8]);
    let res = get(&base, "/charset/iso-8859-1?text=caf%C3%A9");
    assert_eq!(res.body, b"caf\xe9");
    assert_eq!(get(&base, "/charset/klingon").status, 400);

    let res = get(&base, "/base64/SFRUUEJJTiBpcyBhd2Vzb21l");
    assert_eq!(res.text(), "HTTPBIN is awesome");
    assert_eq!(get(&base, "/base64/%%%").status, 400);

    let res = get(&base, "/large-header?size=100000");
    assert_eq!(res.header("x-large").map(str::len), Some(100_000));
    let res = request(
        &base,
        "GET",
        "/user-agent",
        &[("User-Agent", "probe/1")],
        b"",
    );
    assert_eq!(res.json()["user-agent"], "probe/1");
}

#[test]
fn odata_service_uses_the_host_header() {
    let server = TestServer::start();
    let base = server.http_url();
    let res = request(
        &base,
        "GET",
        "/V4/Northwind/Northwind.svc/?$format=json",
        &[("Host", "services.odata.org")],
        b"",
    );
    let v = res.json();
    assert_eq!(
        v["@odata.context"],
        "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata"
    );
    let sets = v["value"].as_array().expect("entity sets");
    assert!(sets.len() >= 8);
    let mut counts = Vec::new();
    for set in sets {
        let url = set["url"].as_str().expect("url");
        let res = get(&base, &format!("/V4/Northwind/Northwind.svc/{url}"));
        let v = res.json();
        assert!(v["@odata.context"]
            .as_str()
            .is_some_and(|c| c.ends_with(&format!("$metadata#{url}"))));
        counts.push(v["value"].as_array().map_or(0, Vec::len));
    }
    let mut distinct = counts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        counts.len(),
        "row counts differ per set: {counts:?}"
    );
}
