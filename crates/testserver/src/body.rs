//! Response bodies: whole buffers, generated streams of any length, and channel-fed streams.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Empty, Full};
use tokio::sync::mpsc;

use crate::state::splitmix;

/// The body type of every main-server response.
pub(crate) type Body = BoxBody<Bytes, Infallible>;

pub(crate) fn full(data: impl Into<Bytes>) -> Body {
    Full::new(data.into()).boxed()
}

pub(crate) fn empty() -> Body {
    Empty::new().boxed()
}

/// What a [`GenBody`] produces.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// Deterministic pseudo-random bytes from a seed.
    Random(u64),
    /// `abc…xyzabc…` starting at an offset (what `/range` serves).
    Alpha(u64),
}

/// A body generated on the fly, so `/bytes/10000000000` costs no memory.
#[derive(Debug)]
pub(crate) struct GenBody {
    pattern: Pattern,
    remaining: u64,
    chunk: usize,
    /// Whether the length is announced (Content-Length) or left open (chunked).
    exact: bool,
}

impl GenBody {
    pub fn new(pattern: Pattern, len: u64, chunk: usize, exact: bool) -> GenBody {
        GenBody {
            pattern,
            remaining: len,
            chunk: chunk.clamp(1, 1 << 20),
            exact,
        }
    }

    fn next_chunk(&mut self) -> Bytes {
        let n = (self.chunk as u64).min(self.remaining) as usize;
        let mut buf = Vec::with_capacity(n);
        match &mut self.pattern {
            Pattern::Random(state) => {
                while buf.len() < n {
                    *state = state.wrapping_add(1);
                    let word = splitmix(*state).to_le_bytes();
                    let take = (n - buf.len()).min(8);
                    buf.extend_from_slice(&word[..take]);
                }
            }
            Pattern::Alpha(offset) => {
                for _ in 0..n {
                    buf.push(b'a' + (*offset % 26) as u8);
                    *offset += 1;
                }
            }
        }
        self.remaining -= n as u64;
        Bytes::from(buf)
    }
}

impl http_body::Body for GenBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        Poll::Ready(Some(Ok(Frame::data(self.next_chunk()))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        if self.exact {
            SizeHint::with_exact(self.remaining)
        } else {
            SizeHint::default()
        }
    }
}

/// A body fed by a task through a channel (drip, slow streams); ends when the sender drops.
#[derive(Debug)]
pub(crate) struct ChannelBody {
    rx: mpsc::Receiver<Bytes>,
    exact: Option<u64>,
}

impl ChannelBody {
    /// A body and its sender; `exact` announces a Content-Length the sender must honour.
    pub fn new(exact: Option<u64>) -> (mpsc::Sender<Bytes>, ChannelBody) {
        let (tx, rx) = mpsc::channel(16);
        (tx, ChannelBody { rx, exact })
    }
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(data)) => {
                if let Some(left) = self.exact.as_mut() {
                    *left = left.saturating_sub(data.len() as u64);
                }
                Poll::Ready(Some(Ok(Frame::data(data))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self.exact {
            Some(n) => SizeHint::with_exact(n),
            None => SizeHint::default(),
        }
    }
}
