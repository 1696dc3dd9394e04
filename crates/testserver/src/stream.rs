//! Bodies of every size and pace: `/delay`, `/bytes`, `/bytes-ct`, `/stream-bytes`, `/drip`,
//! `/range`, `/endless`.

use std::time::Duration;

use bytes::Bytes;
use http::{Response, StatusCode};
use http_body_util::BodyExt;

use crate::body::{Body, ChannelBody, GenBody, Pattern};
use crate::echo;
use crate::util::{self, Req};

/// The most `/bytes` and friends will send: large enough for "10 GB" tests, small enough to
/// stop a typo from running forever.
const MAX_BYTES: u64 = 64 << 30;
const DEFAULT_SEED: u64 = 42;

fn parse_len(n: &str) -> Option<u64> {
    n.parse::<u64>().ok().filter(|n| *n <= MAX_BYTES)
}

fn seed(req: &Req) -> u64 {
    req.arg("seed")
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(DEFAULT_SEED)
}

fn generated(pattern: Pattern, len: u64, chunk: usize, exact: bool, ct: &str) -> Response<Body> {
    let mut res = Response::new(GenBody::new(pattern, len, chunk, exact).boxed());
    util::set_header(&mut res, "content-type", ct);
    res
}

/// `/delay/S`: the echo answer after S seconds (fractional, at most 30).
pub(crate) async fn delay(req: &Req, secs: &str) -> Response<Body> {
    let Some(secs) = secs
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
    else {
        return util::bad_request("invalid delay");
    };
    tokio::time::sleep(Duration::from_secs_f64(secs.min(30.0))).await;
    echo::echo(req)
}

/// `/bytes/N?seed=`: N deterministic pseudo-random bytes with a Content-Length.
pub(crate) fn bytes(req: &Req, n: &str) -> Response<Body> {
    match parse_len(n) {
        Some(n) => generated(
            Pattern::Random(seed(req)),
            n,
            64 * 1024,
            true,
            "application/octet-stream",
        ),
        None => util::bad_request("invalid byte count"),
    }
}

/// `/bytes-ct/N?ct=TYPE`: `/bytes/N` with any content type.
pub(crate) fn bytes_ct(req: &Req, n: &str) -> Response<Body> {
    let ct = req
        .arg("ct")
        .unwrap_or_else(|| "application/octet-stream".into());
    match parse_len(n) {
        Some(n) => generated(Pattern::Random(seed(req)), n, 64 * 1024, true, &ct),
        None => util::bad_request("invalid byte count"),
    }
}

/// `/stream-bytes/N?chunk_size=&seed=`: like `/bytes` but chunked, without a length.
pub(crate) fn stream_bytes(req: &Req, n: &str) -> Response<Body> {
    let chunk = req
        .arg("chunk_size")
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(10 * 1024);
    match parse_len(n) {
        Some(n) => generated(
            Pattern::Random(seed(req)),
            n,
            chunk,
            false,
            "application/octet-stream",
        ),
        None => util::bad_request("invalid byte count"),
    }
}

/// `/endless`: a chunked body that never ends.
pub(crate) fn endless() -> Response<Body> {
    generated(Pattern::Alpha(0), u64::MAX, 16 * 1024, false, "text/plain")
}

fn arg_f64(req: &Req, name: &str, default: f64) -> Option<f64> {
    match req.arg(name) {
        None => Some(default),
        Some(v) => v.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0),
    }
}

/// `/drip?numbytes=&duration=&delay=&code=`: `*` bytes spread evenly over `duration`
/// seconds after `delay` seconds, with a Content-Length.
pub(crate) fn drip(req: &Req) -> Response<Body> {
    let (Some(duration), Some(delay)) = (arg_f64(req, "duration", 2.0), arg_f64(req, "delay", 0.0))
    else {
        return util::bad_request("invalid duration or delay");
    };
    let Some(numbytes) = req
        .arg("numbytes")
        .map_or(Some(10), |n| n.parse::<u64>().ok())
        .filter(|n| *n <= 10 * 1024 * 1024)
    else {
        return util::bad_request("invalid numbytes");
    };
    let code = req
        .arg("code")
        .and_then(|c| c.parse::<u16>().ok())
        .and_then(|c| StatusCode::from_u16(c).ok())
        .unwrap_or(StatusCode::OK);
    let (tx, body) = ChannelBody::new(Some(numbytes));
    let pause = if numbytes > 0 {
        Duration::from_secs_f64(duration.min(300.0) / numbytes as f64)
    } else {
        Duration::ZERO
    };
    let delay = Duration::from_secs_f64(delay.min(300.0));
    crate::panics::spawn(req.conn.state.clone(), async move {
        tokio::time::sleep(delay).await;
        for _ in 0..numbytes {
            if tx.send(Bytes::from_static(b"*")).await.is_err() {
                return;
            }
            tokio::time::sleep(pause).await;
        }
    });
    let mut res = Response::new(body.boxed());
    *res.status_mut() = code;
    util::set_header(&mut res, "content-type", "application/octet-stream");
    res
}

/// Parses `bytes=a-b`, `bytes=a-`, `bytes=-n` against a length; `Err` means unsatisfiable.
fn parse_range(header: &str, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let range = if a.is_empty() {
        let n: u64 = b.parse().ok()?;
        if n == 0 || len == 0 {
            return Some(Err(()));
        }
        (len.saturating_sub(n), len - 1)
    } else {
        let start: u64 = a.parse().ok()?;
        let end: u64 = if b.is_empty() {
            len.saturating_sub(1)
        } else {
            b.parse::<u64>().ok()?.min(len.saturating_sub(1))
        };
        if start >= len || end < start {
            return Some(Err(()));
        }
        (start, end)
    };
    Some(Ok(range))
}

/// `/range/N`: N bytes of `abc…`, honouring `Range` (206, or 416 when out of range).
pub(crate) fn range(req: &Req, n: &str) -> Response<Body> {
    let Some(len) = parse_len(n) else {
        return util::bad_request("invalid byte count");
    };
    let chunk = req
        .arg("chunk_size")
        .and_then(|c| c.parse::<usize>().ok())
        .unwrap_or(64 * 1024);
    let etag = format!("\"range{len}\"");
    let ranged = req.header("range").and_then(|h| parse_range(h, len));
    let mut res = match ranged {
        None => generated(
            Pattern::Alpha(0),
            len,
            chunk,
            true,
            "application/octet-stream",
        ),
        Some(Ok((start, end))) => {
            let mut res = generated(
                Pattern::Alpha(start),
                end - start + 1,
                chunk,
                true,
                "application/octet-stream",
            );
            *res.status_mut() = StatusCode::PARTIAL_CONTENT;
            util::set_header(
                &mut res,
                "content-range",
                &format!("bytes {start}-{end}/{len}"),
            );
            res
        }
        Some(Err(())) => {
            let mut res = util::no_body(StatusCode::RANGE_NOT_SATISFIABLE);
            util::set_header(&mut res, "content-range", &format!("bytes */{len}"));
            res
        }
    };
    util::set_header(&mut res, "accept-ranges", "bytes");
    util::set_header(&mut res, "etag", &etag);
    res
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(parse_range("bytes=90-", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=95-200", 100), Some(Ok((95, 99))));
        assert_eq!(parse_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(parse_range("items=1-2", 100), None);
    }
}
