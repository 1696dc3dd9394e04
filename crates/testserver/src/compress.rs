//! `/gzip`, `/deflate`, `/brotli` (the echo answer compressed) and `/bad-gzip`.

use std::io::Write;

use http::{Response, StatusCode};
use serde_json::Value;

use crate::body::Body;
use crate::echo::{args_object, headers_object};
use crate::util::{self, Req};

fn payload(req: &Req, flag: &str) -> Vec<u8> {
    let mut v = serde_json::json!({
        "method": req.method.as_str(),
        "origin": req.conn.peer.ip().to_string(),
        "headers": headers_object(req),
        "args": args_object(req),
    });
    if let Value::Object(map) = &mut v {
        map.insert(flag.to_string(), Value::Bool(true));
    }
    let mut text = serde_json::to_vec_pretty(&v).unwrap_or_default();
    text.push(b'\n');
    text
}

fn encoded(data: Vec<u8>, encoding: &str) -> Response<Body> {
    let mut res = util::respond(StatusCode::OK, "application/json", data);
    util::set_header(&mut res, "content-encoding", encoding);
    res
}

fn write_all(mut w: impl Write, data: &[u8]) -> std::io::Result<()> {
    w.write_all(data)?;
    w.flush()
}

pub(crate) fn gzip(req: &Req) -> Response<Body> {
    let data = payload(req, "gzipped");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    if enc.write_all(&data).is_err() {
        return util::text(StatusCode::INTERNAL_SERVER_ERROR, "gzip failed");
    }
    match enc.finish() {
        Ok(out) => encoded(out, "gzip"),
        Err(_) => util::text(StatusCode::INTERNAL_SERVER_ERROR, "gzip failed"),
    }
}

/// HTTP's `deflate` is the zlib format (RFC 9110 §8.4.1.2), as httpbin sends it.
pub(crate) fn deflate(req: &Req) -> Response<Body> {
    let data = payload(req, "deflated");
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    if enc.write_all(&data).is_err() {
        return util::text(StatusCode::INTERNAL_SERVER_ERROR, "deflate failed");
    }
    match enc.finish() {
        Ok(out) => encoded(out, "deflate"),
        Err(_) => util::text(StatusCode::INTERNAL_SERVER_ERROR, "deflate failed"),
    }
}

pub(crate) fn brotli(req: &Req) -> Response<Body> {
    let data = payload(req, "brotli");
    let mut out = Vec::new();
    {
        let w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        if write_all(w, &data).is_err() {
            return util::text(StatusCode::INTERNAL_SERVER_ERROR, "brotli failed");
        }
    }
    encoded(out, "br")
}

/// A gzip member header followed by a deflate block of the reserved type 3, which every
/// inflater must reject: a deterministic "bad encoding" error, not random luck.
pub(crate) fn bad_gzip() -> Response<Body> {
    let mut data = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff];
    data.push(0x07);
    data.extend_from_slice(b"this is not deflate data");
    encoded(data, "gzip")
}
