//! Responses, and the events a request reports while it runs.

use std::borrow::Cow;
use std::net::SocketAddr;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode, Version};
use url::Url;

use crate::rawhead::RawHead;
use crate::timing::Timing;

/// The status line and headers of one response: of a redirect hop, an
/// authentication challenge, or the final response.
#[derive(Clone, Debug)]
pub struct ResponseHead {
    /// The status code.
    pub status: StatusCode,
    /// The reason phrase as sent by the server when it differs from the
    /// canonical one (HTTP/1 only), else the canonical phrase of the status
    /// (`None` for codes that have none).
    pub reason: Option<String>,
    /// The HTTP version of the response.
    pub version: Version,
    /// The headers. Names are lower case; repeated headers are kept.
    pub headers: HeaderMap,
    /// The URL this response came from (the URL of this hop).
    pub url: Url,
    /// What [`raw_headers`](Self::raw_headers) works the names as received
    /// out from; `Some` when
    /// [`RequestOptions::raw_headers`](crate::RequestOptions::raw_headers) is
    /// set.
    pub raw_head: Option<RawHead>,
}

impl ResponseHead {
    /// The header fields in the order received, names as sent
    /// (`Content-Type`, `X-Mixed-Case`), repeats kept, when
    /// [`RequestOptions::raw_headers`](crate::RequestOptions::raw_headers) was
    /// set (`None` otherwise). HTTP/2 names are lower case on the wire;
    /// there, and if an HTTP/1 head could not be recorded, the list comes
    /// from `headers` (lower-case names, repeats grouped). Worked out on
    /// each call.
    pub fn raw_headers(&self) -> Option<Vec<(Bytes, HeaderValue)>> {
        self.raw_head.as_ref().map(|raw| raw.fields(&self.headers))
    }

    /// The first value of header `name` as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Set-Cookie` values, in the order received.
    pub fn set_cookies(&self) -> impl Iterator<Item = &str> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
    }

    /// The `Content-Type` header value, if present.
    pub fn content_type(&self) -> Option<&str> {
        self.header(CONTENT_TYPE.as_str())
    }

    /// The `charset` parameter of `Content-Type`, if any (unquoted, as sent).
    pub fn charset(&self) -> Option<&str> {
        let ct = self.content_type()?;
        ct.split(';').skip(1).find_map(|param| {
            let (name, value) = param.split_once('=')?;
            if name.trim().eq_ignore_ascii_case("charset") {
                Some(value.trim().trim_matches('"'))
            } else {
                None
            }
        })
    }

    /// The reason phrase, or `""` when there is none.
    pub fn reason(&self) -> &str {
        self.reason.as_deref().unwrap_or("")
    }
}

/// A complete response: the final hop's head, its body (unless the body was
/// streamed to the sink), and how the request went.
#[derive(Clone, Debug)]
pub struct Response {
    /// The final response's head.
    pub head: ResponseHead,
    /// The body, decoded when decompression was asked for. Empty when the
    /// sink took the data ([`Interest::data`]).
    pub body: Bytes,
    /// When each phase ended.
    pub timing: Timing,
    /// How many redirects were followed.
    pub redirects: u32,
    /// The address of the peer the final hop was sent to (the proxy, when one was used).
    pub remote_addr: Option<SocketAddr>,
}

impl Response {
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.head.status
    }

    /// The headers of the final response.
    pub fn headers(&self) -> &HeaderMap {
        &self.head.headers
    }

    /// The URL of the final response (after redirects).
    pub fn url(&self) -> &Url {
        &self.head.url
    }

    /// The `Set-Cookie` values of the final response, in the order received.
    pub fn set_cookies(&self) -> impl Iterator<Item = &str> {
        self.head.set_cookies()
    }

    /// The `Content-Type` header value, if present.
    pub fn content_type(&self) -> Option<&str> {
        self.head.content_type()
    }

    /// The body decoded as text with the response's charset, falling back to
    /// `default_charset` (a WHATWG encoding label such as `"utf-8"`) when the
    /// response names none or an unknown one. Malformed sequences become U+FFFD.
    pub fn text_with_charset(&self, default_charset: &str) -> Cow<'_, str> {
        decode_text(&self.body, self.head.charset(), default_charset)
    }

    /// The body as UTF-8 text (or the response's charset), lossy.
    pub fn text(&self) -> Cow<'_, str> {
        self.text_with_charset("utf-8")
    }
}

/// Decodes `bytes` with the first known encoding among `charset` and `fallback`
/// (UTF-8 when neither is known). A byte-order mark wins, as in browsers.
pub fn decode_text<'a>(bytes: &'a [u8], charset: Option<&str>, fallback: &str) -> Cow<'a, str> {
    let encoding = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes()))
        .or_else(|| encoding_rs::Encoding::for_label(fallback.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0
}

/// What a request reports while it runs, in order: for each hop its
/// `Headers`; while the body is sent, `SendProgress`; while the final body
/// arrives, `Data` chunks interleaved with `RecvProgress`.
#[derive(Debug)]
pub enum Event<'a> {
    /// A response head arrived: once per hop, redirects and authentication
    /// challenges included.
    Headers(&'a ResponseHead),
    /// A chunk of the final response's body (decoded when decompression is on).
    Data(Bytes),
    /// Part of the request body was handed to the connection.
    SendProgress {
        /// Bytes of the body sent so far.
        sent: u64,
        /// The body's length, when known.
        total: Option<u64>,
    },
    /// Part of the final response's body arrived.
    RecvProgress {
        /// Bytes received so far (as sent on the wire, before decoding).
        received: u64,
        /// `Content-Length`, when the server sent one and the body is not decoded.
        total: Option<u64>,
    },
}

/// Receives the events of a request, on the task that runs the request,
/// while the request is being polled: a JavaScript binding should queue the
/// event for its event loop rather than call into the engine from here.
pub trait Sink {
    /// Called for each event, in order.
    fn on_event(&mut self, ev: Event<'_>);
}

/// A caller-owned buffer a response body is assembled into, by
/// [`Client::execute_into`](crate::Client::execute_into): a binding receives
/// the body straight in the memory it hands on (for example the 64-byte
/// aligned vector behind a JavaScript `ArrayBuffer`) instead of copying it
/// out of [`Response::body`]. Implemented for `Vec<u8>` and `BytesMut`; wrap
/// other vectors in a newtype.
pub trait BodyBuffer {
    /// The body is expected to bring `additional` more bytes (its
    /// `Content-Length`, at most 16 MiB, when it is not decoded): called once,
    /// before the first byte. A hint; [`extend_from_slice`](Self::extend_from_slice)
    /// must grow the buffer as needed.
    fn reserve(&mut self, additional: usize);

    /// Appends the next piece of the body (decoded when decompression is on).
    fn extend_from_slice(&mut self, chunk: &[u8]);
}

impl<B: BodyBuffer + ?Sized> BodyBuffer for &mut B {
    fn reserve(&mut self, additional: usize) {
        (**self).reserve(additional);
    }

    fn extend_from_slice(&mut self, chunk: &[u8]) {
        (**self).extend_from_slice(chunk);
    }
}

impl BodyBuffer for Vec<u8> {
    fn reserve(&mut self, additional: usize) {
        Vec::reserve(self, additional);
    }

    fn extend_from_slice(&mut self, chunk: &[u8]) {
        Vec::extend_from_slice(self, chunk);
    }
}

impl BodyBuffer for bytes::BytesMut {
    fn reserve(&mut self, additional: usize) {
        bytes::BytesMut::reserve(self, additional);
    }

    fn extend_from_slice(&mut self, chunk: &[u8]) {
        bytes::BytesMut::extend_from_slice(self, chunk);
    }
}

/// A sink that wants nothing: the body is buffered into [`Response::body`].
#[derive(Clone, Copy, Debug, Default)]
pub struct NoSink;

impl Sink for NoSink {
    fn on_event(&mut self, _ev: Event<'_>) {}
}

impl<F: FnMut(Event<'_>)> Sink for F {
    fn on_event(&mut self, ev: Event<'_>) {
        self(ev)
    }
}

/// Which events a request delivers to its sink. Events not asked for cost
/// nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Interest {
    /// Deliver [`Event::Headers`] for every hop. Default is false.
    pub headers: bool,
    /// Deliver the body as [`Event::Data`] chunks instead of buffering it
    /// (then [`Response::body`] stays empty; `max_body` still limits the
    /// bytes delivered). Default is false.
    pub data: bool,
    /// Deliver [`Event::SendProgress`]. Default is false.
    pub send_progress: bool,
    /// Deliver [`Event::RecvProgress`]. Default is false.
    pub recv_progress: bool,
}

impl Interest {
    /// Every event.
    pub const ALL: Interest = Interest {
        headers: true,
        data: true,
        send_progress: true,
        recv_progress: true,
    };
    /// No event (the default).
    pub const NONE: Interest = Interest {
        headers: false,
        data: false,
        send_progress: false,
        recv_progress: false,
    };
}
