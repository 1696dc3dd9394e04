//! The byte stream under a connection, and the counters the request side
//! reads to see the connection make progress.
//!
//! Every connection's socket is wrapped in [`Counted`], which counts bytes read
//! and can stamp the arrival time of the first byte after a request was sent.
//! The read timeout ("idle between bytes") and `Timing::first_byte` are built on
//! these counters, so they see the response head arrive byte by byte even
//! though hyper only reports complete heads. On request, it also records the
//! bytes of the next HTTP/1 response head, for header names in their
//! original case (hyper keeps those only in a private extension).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// A TCP stream, or TLS over one (possibly through a CONNECT tunnel).
pub(crate) enum Stream {
    Tcp(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl Stream {
    /// The ALPN protocol the TLS handshake settled on, if any.
    pub(crate) fn alpn(&self) -> Option<&[u8]> {
        match self {
            Stream::Tcp(_) => None,
            Stream::Tls(tls) => tls.get_ref().1.alpn_protocol(),
        }
    }
}

/// Counters shared by a connection's socket and the requests that use it.
pub(crate) struct ConnStats {
    base: Instant,
    read: AtomicU64,
    written: AtomicU64,
    armed: AtomicBool,
    first_read_nanos: AtomicU64,
    /// Set while the bytes of the next HTTP/1 response head are wanted.
    capturing: AtomicBool,
    head: Mutex<HeadCapture>,
}

/// The bytes of one HTTP/1 response head, as they came off the socket.
#[derive(Default)]
struct HeadCapture {
    buf: Vec<u8>,
    done: bool,
}

/// A head longer than this is not kept (the names then come from the map).
const MAX_CAPTURED_HEAD: usize = 1024 * 1024;

impl ConnStats {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(ConnStats {
            base: Instant::now(),
            read: AtomicU64::new(0),
            written: AtomicU64::new(0),
            armed: AtomicBool::new(false),
            first_read_nanos: AtomicU64::new(0),
            capturing: AtomicBool::new(false),
            head: Mutex::new(HeadCapture::default()),
        })
    }

    /// Starts recording the bytes of the next response head (HTTP/1 only:
    /// the connection carries one exchange at a time). Interim 1xx heads
    /// are skipped.
    pub(crate) fn capture_head(&self) {
        *lock(&self.head) = HeadCapture::default();
        self.capturing.store(true, Ordering::Relaxed);
    }

    /// The head recorded since [`capture_head`](Self::capture_head), if it
    /// arrived whole; stops recording either way.
    pub(crate) fn take_head(&self) -> Option<Vec<u8>> {
        self.capturing.store(false, Ordering::Relaxed);
        let mut capture = lock(&self.head);
        let done = std::mem::take(&mut capture.done);
        let buf = std::mem::take(&mut capture.buf);
        done.then_some(buf)
    }

    /// Records `bytes` up to the end of the head they complete, if any:
    /// the body that follows in the same read is neither copied nor scanned.
    fn on_capture(&self, bytes: &[u8]) {
        let mut capture = lock(&self.head);
        if capture.done {
            return;
        }
        let mut rest = bytes;
        loop {
            let Some(end) = head_end(&capture.buf, rest) else {
                if capture.buf.len() + rest.len() > MAX_CAPTURED_HEAD {
                    capture.buf = Vec::new();
                    self.capturing.store(false, Ordering::Relaxed);
                } else {
                    capture.buf.extend_from_slice(rest);
                }
                return;
            };
            capture.buf.extend_from_slice(&rest[..end]);
            rest = &rest[end..];
            // `HTTP/1.1 1xx`: an interim head; the final one follows.
            if capture.buf.get(9) == Some(&b'1') {
                capture.buf.clear();
                continue;
            }
            capture.done = true;
            self.capturing.store(false, Ordering::Relaxed);
            return;
        }
    }

    /// Bytes read from the socket so far.
    pub(crate) fn read_bytes(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// Bytes moved in either direction so far: what the read timeout watches.
    pub(crate) fn activity(&self) -> u64 {
        self.read
            .load(Ordering::Relaxed)
            .wrapping_add(self.written.load(Ordering::Relaxed))
    }

    /// Asks for the arrival time of the next byte read.
    pub(crate) fn arm_first_read(&self) {
        self.first_read_nanos.store(0, Ordering::Relaxed);
        self.armed.store(true, Ordering::Relaxed);
    }

    /// When the first byte after [`arm_first_read`](Self::arm_first_read) arrived.
    pub(crate) fn first_read_at(&self) -> Option<Instant> {
        match self.first_read_nanos.load(Ordering::Relaxed) {
            0 => None,
            n => self.base.checked_add(Duration::from_nanos(n)),
        }
    }

    fn on_read(&self, bytes: &[u8]) {
        let n = bytes.len();
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        if self.capturing.load(Ordering::Relaxed) {
            self.on_capture(bytes);
        }
        if self.armed.load(Ordering::Relaxed) {
            self.armed.store(false, Ordering::Relaxed);
            // Never 0, which means "not yet".
            let nanos = u64::try_from(self.base.elapsed().as_nanos())
                .unwrap_or(u64::MAX)
                .max(1);
            self.first_read_nanos.store(nanos, Ordering::Relaxed);
        }
    }
}

/// Where the blank line ending a head falls in `fresh`, the bytes read
/// after `head` (the head's start, with no blank line yet): the index in
/// `fresh` just past it. A line may end in CRLF or a bare LF.
fn head_end(head: &[u8], fresh: &[u8]) -> Option<usize> {
    let at = |i: usize| -> Option<u8> {
        match i.checked_sub(head.len()) {
            None => head.get(i).copied(),
            Some(j) => fresh.get(j).copied(),
        }
    };
    // The end, for a line feed at `i` of `head` followed by `fresh`.
    let ends_at = |i: usize| -> Option<usize> {
        let end = match (at(i + 1), at(i + 2)) {
            (Some(b'\n'), _) => i + 2,
            (Some(b'\r'), Some(b'\n')) => i + 3,
            _ => return None,
        };
        end.checked_sub(head.len())
    };
    // A line feed among the last two bytes of `head` can start a blank
    // line that `fresh` completes.
    let seam = head.len().saturating_sub(2)..head.len();
    let in_head = seam.filter(|&i| head[i] == b'\n');
    let in_fresh = memchr::memchr_iter(b'\n', fresh).map(|j| j + head.len());
    in_head.chain(in_fresh).find_map(ends_at)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A stream that reports the bytes it reads to a [`ConnStats`].
pub(crate) struct Counted {
    inner: Stream,
    stats: Arc<ConnStats>,
}

impl Counted {
    pub(crate) fn new(inner: Stream, stats: Arc<ConnStats>) -> Self {
        Counted { inner, stats }
    }

    fn count_written(&self, res: &Poll<io::Result<usize>>) {
        if let Poll::Ready(Ok(n)) = res {
            self.stats.written.fetch_add(*n as u64, Ordering::Relaxed);
        }
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let res = match &mut this.inner {
            Stream::Tcp(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        };
        if let Poll::Ready(Ok(())) = res {
            let fresh = &buf.filled()[before..];
            if !fresh.is_empty() {
                this.stats.on_read(fresh);
            }
        }
        res
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let res = match &mut this.inner {
            Stream::Tcp(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        };
        this.count_written(&res);
        res
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let res = match &mut this.inner {
            Stream::Tcp(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        };
        this.count_written(&res);
        res
    }

    fn is_write_vectored(&self) -> bool {
        match &self.inner {
            Stream::Tcp(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Stream::Tcp(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().inner {
            Stream::Tcp(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// What is known about a freshly opened connection.
pub(crate) struct Opened {
    pub(crate) stream: Stream,
    pub(crate) remote: Option<SocketAddr>,
    /// End of name resolution, TCP connect and TLS handshake.
    pub(crate) dns_done: Option<Instant>,
    pub(crate) tcp_done: Option<Instant>,
    pub(crate) tls_done: Option<Instant>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\n";

    /// Feeds `wire` to a capturing `ConnStats` cut at `cuts`.
    fn capture(wire: &[u8], cuts: &[usize]) -> Option<Vec<u8>> {
        let stats = ConnStats::new();
        stats.capture_head();
        let mut from = 0;
        for &cut in cuts.iter().chain([wire.len()].iter()) {
            stats.on_read(&wire[from..cut]);
            from = cut;
        }
        stats.take_head()
    }

    #[test]
    fn the_head_is_recorded_without_the_body_however_the_reads_fall() {
        let wire = [HEAD, b"hello"].concat();
        for a in 0..=wire.len() {
            for b in a..=wire.len() {
                assert_eq!(
                    capture(&wire, &[a, b]).as_deref(),
                    Some(HEAD),
                    "cut at {a}, {b}"
                );
            }
        }
    }

    #[test]
    fn bare_line_feeds_end_a_head_too() {
        let head: &[u8] = b"HTTP/1.1 200 OK\nA: b\n\n";
        let wire = [head, b"body\r\n\r\n"].concat();
        for a in 0..=wire.len() {
            assert_eq!(capture(&wire, &[a]).as_deref(), Some(head), "cut at {a}");
        }
    }

    #[test]
    fn interim_heads_are_skipped_in_the_same_read_or_later() {
        let interim: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";
        let wire = [interim, HEAD, b"hello"].concat();
        for a in 0..=wire.len() {
            assert_eq!(capture(&wire, &[a]).as_deref(), Some(HEAD), "cut at {a}");
        }
    }

    #[test]
    fn an_unfinished_head_is_not_returned() {
        assert_eq!(capture(&HEAD[..HEAD.len() - 1], &[10]), None);
    }

    #[test]
    fn an_oversized_head_is_dropped() {
        let mut wire = b"HTTP/1.1 200 OK\r\nX: ".to_vec();
        wire.resize(MAX_CAPTURED_HEAD + 10, b'a');
        wire.extend_from_slice(b"\r\n\r\n");
        // Dropped once it outgrows the bound without ending.
        let cuts = [MAX_CAPTURED_HEAD / 2, MAX_CAPTURED_HEAD + 5];
        assert_eq!(capture(&wire, &cuts), None);
    }
}
