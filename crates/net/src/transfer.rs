//! Receiving a response body: progress, decoding, the size limit, and the
//! choice between streaming chunks to the sink and buffering them.

use bytes::{Bytes, BytesMut};
use http::header::CONTENT_LENGTH;
use http::HeaderMap;
use http_body_util::BodyExt;
use hyper::body::Incoming;

use crate::deadline::{self, IdleTimer};
use crate::decode::Stack;
use crate::error::{Error, Kind, Result};
use crate::hop::map_body;
use crate::request::RequestOptions;
use crate::response::{BodyBuffer, Event, Sink};

/// The `Content-Length` of a response, when present and valid.
pub(crate) fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The most memory reserved up front on the word of `Content-Length`.
const MAX_PREALLOC: u64 = 16 * 1024 * 1024;

/// Collects the body: a single chunk is kept as it is, more are joined.
#[derive(Default)]
struct Buffer {
    first: Option<Bytes>,
    rest: Option<BytesMut>,
    /// Expected total, to allocate once.
    expect: usize,
}

impl Buffer {
    fn push(&mut self, chunk: Bytes) {
        if let Some(rest) = &mut self.rest {
            rest.extend_from_slice(&chunk);
            return;
        }
        match self.first.take() {
            None => self.first = Some(chunk),
            Some(first) => {
                let cap = self.expect.max(first.len() + chunk.len() * 2);
                let mut rest = BytesMut::with_capacity(cap);
                rest.extend_from_slice(&first);
                rest.extend_from_slice(&chunk);
                self.rest = Some(rest);
            }
        }
    }

    fn finish(self) -> Bytes {
        match (self.first, self.rest) {
            (_, Some(rest)) => rest.freeze(),
            (Some(first), None) => first,
            (None, None) => Bytes::new(),
        }
    }
}

/// Where the body goes.
enum Dest<'a, 'b> {
    /// [`Event::Data`] chunks to the sink.
    Sink,
    /// Into [`Response::body`](crate::Response::body).
    Own(Buffer),
    /// Decoded into [`Response::body`](crate::Response::body): the decoder
    /// writes straight into this vector.
    OwnDecoded(Vec<u8>),
    /// Into the caller's buffer.
    Caller(&'a mut (dyn BodyBuffer + Send + 'b)),
}

/// Reads `body` to its end. Returns the buffered body (empty when the sink
/// or the caller's buffer `into` took the data).
///
/// # Errors
///
/// [`Kind::TooLarge`] as soon as `max_body` is exceeded (or announced to be),
/// [`Kind::Timeout`] when the read timeout fires, [`Kind::PartialBody`],
/// [`Kind::WeirdReply`] (bad chunked encoding), [`Kind::BadContentEncoding`],
/// [`Kind::Recv`], [`Kind::Http2`].
pub(crate) async fn read_body<S: Sink>(
    mut body: Incoming,
    headers: &HeaderMap,
    opts: &RequestOptions,
    timer: &mut Option<IdleTimer>,
    sink: &mut S,
    into: Option<&mut (dyn BodyBuffer + Send + '_)>,
) -> Result<Bytes> {
    let length = content_length(headers);
    let mut decoder = if opts.decompress {
        Stack::for_headers(headers)?
    } else {
        None
    };
    if let (Some(max), Some(len), None) = (opts.max_body, length, &decoder) {
        if len > max {
            return Err(too_large(max).detail(format!("Content-Length {len} exceeds {max} bytes")));
        }
    }
    let interest = opts.interest;
    let progress_total = if decoder.is_some() { None } else { length };
    // What `Content-Length` promises, when that is what will be delivered.
    let expect = if decoder.is_none() {
        usize::try_from(length.unwrap_or(0).min(MAX_PREALLOC)).unwrap_or(0)
    } else {
        0
    };
    let mut dest = match into {
        _ if interest.data => Dest::Sink,
        Some(buf) => {
            buf.reserve(expect);
            Dest::Caller(buf)
        }
        None if decoder.is_some() => Dest::OwnDecoded(Vec::new()),
        None => Dest::Own(Buffer {
            expect,
            ..Buffer::default()
        }),
    };
    let mut received: u64 = 0;
    let mut delivered: u64 = 0;
    let mut scratch = Vec::new();
    loop {
        let frame = match deadline::idle_guard(body.frame(), timer).await? {
            None => break,
            Some(Err(e)) => return Err(map_body(e)),
            Some(Ok(frame)) => frame,
        };
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        received += chunk.len() as u64;
        match &mut decoder {
            None => deliver(chunk, &mut delivered, opts, &mut dest, sink)?,
            Some(d) => {
                // The decoder hands out at most one step per call, so the limit
                // is checked before a compression bomb can fill memory.
                let mut input = &chunk[..];
                loop {
                    decode_step(
                        d,
                        input,
                        &mut scratch,
                        &mut delivered,
                        opts,
                        &mut dest,
                        sink,
                    )?;
                    input = &[];
                    if !d.has_pending() {
                        break;
                    }
                }
            }
        }
        // After the chunk's data, so that progress counts what was delivered.
        if interest.recv_progress {
            sink.on_event(Event::RecvProgress {
                received,
                total: progress_total,
            });
        }
    }
    if let Some(d) = &mut decoder {
        loop {
            let out = match &mut dest {
                Dest::OwnDecoded(vec) => vec,
                _ => &mut scratch,
            };
            let before = out.len();
            d.finish(out)?;
            let produced = out.len() - before;
            account(produced, &mut delivered, opts)?;
            flush(&mut scratch, &mut dest, sink);
            if !d.has_pending() {
                break;
            }
        }
    }
    Ok(match dest {
        Dest::Own(buffer) => buffer.finish(),
        Dest::OwnDecoded(vec) => Bytes::from(vec),
        Dest::Sink | Dest::Caller(_) => Bytes::new(),
    })
}

/// One decoder call on `input`: straight into the body when buffering for
/// the response, else through `scratch` to the sink or the caller's buffer.
fn decode_step<S: Sink>(
    d: &mut Stack,
    input: &[u8],
    scratch: &mut Vec<u8>,
    delivered: &mut u64,
    opts: &RequestOptions,
    dest: &mut Dest<'_, '_>,
    sink: &mut S,
) -> Result<()> {
    let out = match dest {
        Dest::OwnDecoded(vec) => vec,
        _ => &mut *scratch,
    };
    let before = out.len();
    d.push(input, out)?;
    let produced = out.len() - before;
    account(produced, delivered, opts)?;
    flush(scratch, dest, sink);
    Ok(())
}

/// Counts `n` more delivered bytes against `max_body`.
fn account(n: usize, delivered: &mut u64, opts: &RequestOptions) -> Result<()> {
    *delivered += n as u64;
    match opts.max_body {
        Some(max) if *delivered > max => Err(too_large(max)),
        _ => Ok(()),
    }
}

/// Hands decoded bytes in `scratch` on (nothing to do when the decoder wrote
/// into the body itself).
fn flush<S: Sink>(scratch: &mut Vec<u8>, dest: &mut Dest<'_, '_>, sink: &mut S) {
    if scratch.is_empty() {
        return;
    }
    match dest {
        Dest::Sink => sink.on_event(Event::Data(Bytes::from(std::mem::take(scratch)))),
        Dest::Caller(buf) => {
            buf.extend_from_slice(scratch);
            scratch.clear();
        }
        // Not reached: the decoder writes into these directly.
        Dest::Own(buffer) => buffer.push(Bytes::from(std::mem::take(scratch))),
        Dest::OwnDecoded(vec) => {
            vec.extend_from_slice(scratch);
            scratch.clear();
        }
    }
}

fn deliver<S: Sink>(
    chunk: Bytes,
    delivered: &mut u64,
    opts: &RequestOptions,
    dest: &mut Dest<'_, '_>,
    sink: &mut S,
) -> Result<()> {
    account(chunk.len(), delivered, opts)?;
    match dest {
        Dest::Sink => sink.on_event(Event::Data(chunk)),
        Dest::Own(buffer) => buffer.push(chunk),
        Dest::OwnDecoded(vec) => vec.extend_from_slice(&chunk),
        Dest::Caller(buf) => buf.extend_from_slice(&chunk),
    }
    Ok(())
}

fn too_large(max: u64) -> Error {
    Error::with_detail(
        Kind::TooLarge,
        format!("the body exceeds the limit of {max} bytes"),
    )
}

/// Reads and drops a body that nobody wants (a redirect or challenge
/// response), so that its connection can be reused. Gives up (returning
/// false: do not reuse the connection) past `budget` bytes or on any error.
pub(crate) async fn discard(
    body: &mut Incoming,
    timer: &mut Option<IdleTimer>,
    budget: u64,
) -> bool {
    use http_body::Body as _;
    let mut seen = 0u64;
    while !body.is_end_stream() {
        match deadline::idle_guard(body.frame(), timer).await {
            Ok(Some(Ok(frame))) => {
                if let Some(d) = frame.data_ref() {
                    seen += d.len() as u64;
                    if seen > budget {
                        return false;
                    }
                }
            }
            Ok(None) => return true,
            _ => return false,
        }
    }
    true
}
