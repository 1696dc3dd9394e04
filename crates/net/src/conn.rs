//! The byte stream under a connection, and the counters the request side
//! reads to see the connection make progress.
//!
//! Every connection's socket is wrapped in [`Counted`], which counts bytes read
//! and can stamp the arrival time of the first byte after a request was sent.
//! The read timeout ("idle between bytes") and `Timing::first_byte` are built on
//! these counters, so they see the response head arrive byte by byte even
//! though hyper only reports complete heads.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
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
}

impl ConnStats {
    pub(crate) fn new() -> Arc<Self> {
        Arc::new(ConnStats {
            base: Instant::now(),
            read: AtomicU64::new(0),
            written: AtomicU64::new(0),
            armed: AtomicBool::new(false),
            first_read_nanos: AtomicU64::new(0),
        })
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

    fn on_read(&self, n: usize) {
        self.read.fetch_add(n as u64, Ordering::Relaxed);
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
            let n = buf.filled().len() - before;
            if n > 0 {
                this.stats.on_read(n);
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
