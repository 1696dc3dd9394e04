//! Fixed content types: HTML, JSON, XML, robots.txt, images, charsets, base64, UUIDs and a
//! response header of any size.

use base64::Engine as _;
use http::{Response, StatusCode};
use serde_json::json;

use crate::body::Body;
use crate::util::{self, Req};

pub(crate) fn index() -> Response<Body> {
    util::respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html><head><title>jsrun test server</title></head>\
<body><h1>jsrun test server</h1><p>An httpbin-like server; see the crate README.</p></body></html>\n",
    )
}

pub(crate) fn html() -> Response<Body> {
    util::respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html>\n  <head><title>Moby-Dick</title></head>\n  <body>\n    \
<h1>Herman Melville - Moby-Dick</h1>\n    <p>Call me Ishmael. Some years ago, never mind how \
long precisely, having little or no money in my purse, I thought I would sail about a little \
and see the watery part of the world.</p>\n  </body>\n</html>\n",
    )
}

pub(crate) fn json() -> Response<Body> {
    util::json(
        StatusCode::OK,
        &json!({
            "slideshow": {
                "author": "Yours Truly",
                "date": "date of publication",
                "title": "Sample Slide Show",
                "slides": [
                    { "title": "Wake up to WonderWidgets!", "type": "all" },
                    {
                        "title": "Overview",
                        "type": "all",
                        "items": ["Why WonderWidgets are great", "Who buys WonderWidgets"]
                    }
                ]
            }
        }),
    )
}

pub(crate) fn xml() -> Response<Body> {
    util::respond(
        StatusCode::OK,
        "application/xml",
        "<?xml version='1.0' encoding='us-ascii'?>\n<slideshow title=\"Sample Slide Show\" \
author=\"Yours Truly\">\n  <slide type=\"all\"><title>Wake up to WonderWidgets!</title></slide>\n  \
<slide type=\"all\"><title>Overview</title><item>Why WonderWidgets are great</item></slide>\n\
</slideshow>\n",
    )
}

pub(crate) fn robots() -> Response<Body> {
    util::respond(
        StatusCode::OK,
        "text/plain",
        "User-agent: *\nDisallow: /deny\n",
    )
}

pub(crate) fn deny() -> Response<Body> {
    util::respond(StatusCode::OK, "text/plain", "YOU SHOULDN'T BE HERE\n")
}

/// An 8×8 RGB gradient PNG, built here so its chunks and CRCs are real.
pub(crate) fn png_bytes() -> Vec<u8> {
    use std::io::Write;
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let (w, h) = (8u32, 8u32);
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0); // filter type None
        for x in 0..w {
            raw.extend_from_slice(&[(x * 32) as u8, (y * 32) as u8, 0x80]);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let idat: Vec<u8> = z
        .write_all(&raw)
        .and_then(|()| z.finish())
        .unwrap_or_default();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit, truecolour, deflate, no filter, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A baseline JPEG of one 8×8 mid-grey block: one-symbol Huffman tables, DC 0, then EOB.
pub(crate) fn jpeg_bytes() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    out.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    out.extend_from_slice(&[1u8; 64]);
    out.extend_from_slice(&[
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
    ]);
    for class in [0x00u8, 0x10] {
        out.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 1]);
        out.extend_from_slice(&[0u8; 15]);
        out.push(0x00);
    }
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    out.push(0x3F); // bits 0 (DC category 0) and 0 (EOB), padded with ones
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">\
<rect width=\"8\" height=\"8\" fill=\"#3366cc\"/></svg>\n";

pub(crate) fn image(kind: &str) -> Response<Body> {
    match kind {
        "png" => util::respond(StatusCode::OK, "image/png", png_bytes()),
        "jpeg" | "jpg" => util::respond(StatusCode::OK, "image/jpeg", jpeg_bytes()),
        "svg" => util::respond(StatusCode::OK, "image/svg+xml", SVG),
        _ => util::not_found(),
    }
}

/// `/image` picks a format from `Accept`, PNG by default.
pub(crate) fn image_negotiated(req: &Req) -> Response<Body> {
    let accept = req.header("accept").unwrap_or("");
    if accept.contains("image/jpeg") && !accept.contains("image/png") {
        image("jpeg")
    } else if accept.contains("image/svg") && !accept.contains("image/png") {
        image("svg")
    } else {
        image("png")
    }
}

pub(crate) fn utf8() -> Response<Body> {
    util::respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>UTF-8</title></head><body>\n\
<p>Grüße aus Köln — Привет, мир — こんにちは世界 — 你好 — 🚀</p>\n</body></html>\n",
    )
}

const DEFAULT_CHARSET_TEXT: &str = "Grüße, café, Привет, こんにちは";

/// `/charset/NAME?text=…`: the text encoded in NAME (any WHATWG label, plus UTF-16).
pub(crate) fn charset(req: &Req, name: &str) -> Response<Body> {
    let text = req
        .arg("text")
        .unwrap_or_else(|| DEFAULT_CHARSET_TEXT.to_string());
    let Some(enc) = encoding_rs::Encoding::for_label(name.as_bytes()) else {
        return util::bad_request("unknown charset");
    };
    let data: Vec<u8> = if enc == encoding_rs::UTF_16LE {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    } else if enc == encoding_rs::UTF_16BE {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    } else {
        enc.encode(&text).0.into_owned()
    };
    util::respond(StatusCode::OK, &format!("text/plain; charset={name}"), data)
}

/// `/base64/VALUE[?ct=TYPE]`: the decoded bytes (standard or URL-safe alphabet, padding
/// optional); text/plain when they are UTF-8, else application/octet-stream.
pub(crate) fn base64(req: &Req, value: &str) -> Response<Body> {
    use base64::engine::general_purpose as gp;
    let value = value.trim_end_matches('=');
    let decoded = gp::STANDARD_NO_PAD
        .decode(value)
        .or_else(|_| gp::URL_SAFE_NO_PAD.decode(value));
    let Ok(data) = decoded else {
        return util::bad_request("Incorrect Base64 data try: SFRUUEJJTiBpcyBhd2Vzb21l");
    };
    let ct = req.arg("ct").unwrap_or_else(|| {
        if std::str::from_utf8(&data).is_ok() {
            "text/plain; charset=utf-8".into()
        } else {
            "application/octet-stream".into()
        }
    });
    util::respond(StatusCode::OK, &ct, data)
}

pub(crate) fn uuid(req: &Req) -> Response<Body> {
    util::json(StatusCode::OK, &json!({ "uuid": req.conn.state.uuid_v4() }))
}

const MAX_LARGE_HEADER: usize = 16 << 20;

/// `/large-header?size=N[&name=X-Large]`: one response header whose value is N bytes.
pub(crate) fn large_header(req: &Req) -> Response<Body> {
    let Some(size) = req
        .arg("size")
        .map_or(Some(8192), |s| s.parse::<usize>().ok())
        .filter(|s| *s <= MAX_LARGE_HEADER)
    else {
        return util::bad_request("invalid size");
    };
    let name = req.arg("name").unwrap_or_else(|| "x-large".into());
    let mut res = util::json(StatusCode::OK, &json!({ "size": size, "name": name }));
    util::set_header(&mut res, &name, &"a".repeat(size));
    res
}
