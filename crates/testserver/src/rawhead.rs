//! Recording HTTP/1 request heads as they came on the wire.
//!
//! hyper keeps header names lower-cased in a `HeaderMap` and has no public way to give back
//! their original case or the interleaved wire order, yet the echo endpoints promise both
//! (tests check what a client really sent). [`Tee`] wraps a connection, watches the bytes
//! hyper reads, follows the HTTP/1 request framing (heads, Content-Length and chunked bodies)
//! and queues each head's `(name, value)` pairs; the handler takes them in request order.
//! When the bytes stop looking like HTTP/1 (an h2c preface, a head past 1 MiB) it stops
//! recording and the handler falls back to the `HeaderMap`.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use http::HeaderMap;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

const MAX_HEAD: usize = 1 << 20;

type Head = Vec<(String, String)>;

/// The heads recorded on one connection, oldest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeadLog(Arc<Mutex<VecDeque<Head>>>);

impl HeadLog {
    fn push(&self, head: Head) {
        if let Ok(mut q) = self.0.lock() {
            q.push_back(head);
        }
    }

    /// The oldest recorded head if it agrees with what hyper parsed, else nothing.
    pub fn take_matching(&self, headers: &HeaderMap) -> Head {
        let head = match self.0.lock() {
            Ok(mut q) => q.pop_front(),
            Err(_) => None,
        };
        match head {
            Some(head)
                if head.len() == headers.len()
                    && head.iter().all(|(n, _)| headers.contains_key(n.as_str())) =>
            {
                head
            }
            _ => Vec::new(),
        }
    }
}

#[derive(Debug)]
enum Framing {
    Head(Vec<u8>),
    Fixed(u64),
    ChunkSize(Vec<u8>),
    ChunkData(u64),
    ChunkEnd(u8),
    Trailers(Vec<u8>),
    Off,
}

#[derive(Debug)]
struct Scanner {
    state: Framing,
    log: HeadLog,
}

fn find_crlfcrlf(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n")
}

impl Scanner {
    fn feed(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            match &mut self.state {
                Framing::Off => return,
                Framing::Head(buf) => {
                    if buf.is_empty() {
                        // Stray line breaks between requests are allowed before a head.
                        while let Some((b'\r' | b'\n', rest)) = data.split_first() {
                            data = rest;
                        }
                        if data.is_empty() {
                            return;
                        }
                    }
                    let old = buf.len();
                    buf.extend_from_slice(data);
                    let search_from = old.saturating_sub(3);
                    match find_crlfcrlf(&buf[search_from..]) {
                        Some(pos) => {
                            let end = search_from + pos + 4;
                            let consumed = end - old;
                            let head = buf[..end].to_vec();
                            data = &data[consumed..];
                            self.state = self.parse_head(&head);
                        }
                        None => {
                            if buf.starts_with(b"PRI * HTTP/2.0") || buf.len() > MAX_HEAD {
                                self.state = Framing::Off;
                            }
                            return;
                        }
                    }
                }
                Framing::Fixed(left) => {
                    let n = (*left).min(data.len() as u64);
                    *left -= n;
                    data = &data[n as usize..];
                    if *left == 0 {
                        self.state = Framing::Head(Vec::new());
                    }
                }
                Framing::ChunkSize(line) => match data.iter().position(|b| *b == b'\n') {
                    Some(pos) => {
                        line.extend_from_slice(&data[..pos]);
                        data = &data[pos + 1..];
                        let text = String::from_utf8_lossy(line);
                        let hex = text.split(';').next().unwrap_or("").trim();
                        self.state = match u64::from_str_radix(hex, 16) {
                            Ok(0) => Framing::Trailers(Vec::new()),
                            Ok(n) => Framing::ChunkData(n),
                            Err(_) => Framing::Off,
                        };
                    }
                    None => {
                        line.extend_from_slice(data);
                        if line.len() > 4096 {
                            self.state = Framing::Off;
                        }
                        return;
                    }
                },
                Framing::ChunkData(left) => {
                    let n = (*left).min(data.len() as u64);
                    *left -= n;
                    data = &data[n as usize..];
                    if *left == 0 {
                        self.state = Framing::ChunkEnd(2);
                    }
                }
                Framing::ChunkEnd(left) => {
                    // The CRLF after a chunk's data.
                    data = &data[1..];
                    *left -= 1;
                    if *left == 0 {
                        self.state = Framing::ChunkSize(Vec::new());
                    }
                }
                Framing::Trailers(line) => match data.iter().position(|b| *b == b'\n') {
                    Some(pos) => {
                        line.extend_from_slice(&data[..pos]);
                        data = &data[pos + 1..];
                        let empty = line.iter().all(|b| *b == b'\r');
                        self.state = if empty {
                            Framing::Head(Vec::new())
                        } else {
                            Framing::Trailers(Vec::new())
                        };
                    }
                    None => {
                        line.extend_from_slice(data);
                        return;
                    }
                },
            }
        }
    }

    /// Records the head and decides how its body is framed.
    fn parse_head(&self, head: &[u8]) -> Framing {
        let text = String::from_utf8_lossy(head);
        let mut lines = text.split("\r\n");
        let request_line = lines.next().unwrap_or("");
        if request_line.starts_with("PRI * HTTP/2.0") {
            return Framing::Off;
        }
        let mut pairs = Vec::new();
        let mut chunked = false;
        let mut length: Option<u64> = None;
        for line in lines {
            if line.is_empty() {
                continue;
            }
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            if name.eq_ignore_ascii_case("transfer-encoding") {
                chunked = value.to_ascii_lowercase().contains("chunked");
            } else if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().ok();
            }
            pairs.push((name.to_string(), value));
        }
        self.log.push(pairs);
        if chunked {
            Framing::ChunkSize(Vec::new())
        } else {
            match length {
                Some(n) if n > 0 => Framing::Fixed(n),
                _ => Framing::Head(Vec::new()),
            }
        }
    }
}

/// A connection wrapper that shows every byte read to a [`Scanner`].
#[derive(Debug)]
pub(crate) struct Tee<I> {
    inner: I,
    scanner: Scanner,
}

impl<I> Tee<I> {
    pub fn new(inner: I, log: HeadLog) -> Tee<I> {
        Tee {
            inner,
            scanner: Scanner {
                state: Framing::Head(Vec::new()),
                log,
            },
        }
    }
}

impl<I: AsyncRead + Unpin> AsyncRead for Tee<I> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let res = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = &res {
            this.scanner.feed(&buf.filled()[before..]);
        }
        res
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Tee<I> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(chunks: &[&[u8]]) -> Vec<Head> {
        let log = HeadLog::default();
        let mut s = Scanner {
            state: Framing::Head(Vec::new()),
            log: log.clone(),
        };
        for c in chunks {
            s.feed(c);
        }
        let q = log
            .0
            .lock()
            .map(|q| q.iter().cloned().collect())
            .unwrap_or_default();
        q
    }

    #[test]
    fn pipelined_requests_with_bodies_split_anywhere() {
        let wire: &[u8] =
            b"POST /a HTTP/1.1\r\nHost: x\r\nX-One: 1\r\nContent-Length: 5\r\n\r\nhello\
POST /b HTTP/1.1\r\nhost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n\
GET /c HTTP/1.1\r\nHOST: y\r\nx-one: 2\r\nX-ONE: 3\r\n\r\n";
        for split in 0..wire.len() {
            let heads = scan(&[&wire[..split], &wire[split..]]);
            assert_eq!(heads.len(), 3, "split at {split}");
            assert_eq!(heads[0][1], ("X-One".into(), "1".into()));
            assert_eq!(heads[1][0], ("host".into(), "x".into()));
            assert_eq!(
                heads[2],
                vec![
                    ("HOST".into(), "y".into()),
                    ("x-one".into(), "2".into()),
                    ("X-ONE".into(), "3".into())
                ]
            );
        }
    }

    #[test]
    fn h2c_preface_turns_recording_off() {
        let heads = scan(&[
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            b"GET / HTTP/1.1\r\n\r\n",
        ]);
        assert!(heads.is_empty());
    }
}
