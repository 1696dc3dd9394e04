//! The request body as an `http_body::Body`: in-memory segments handed out
//! as they are, file segments opened when reached and read in 64 KiB chunks.

use std::collections::VecDeque;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use http_body::{Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

use crate::error::{Error, Kind};

/// Size of one read from a file.
const CHUNK: usize = 64 * 1024;

/// One piece of a body.
pub(crate) enum Segment {
    Bytes(Bytes),
    /// A file and the length announced for it: exactly that many bytes are
    /// sent, so the Content-Length computed at prepare time stays true.
    File {
        path: PathBuf,
        len: u64,
    },
}

type OpenFuture = Pin<Box<dyn Future<Output = std::io::Result<tokio::fs::File>> + Send>>;

enum Current {
    Idle,
    Opening {
        path: PathBuf,
        len: u64,
        open: OpenFuture,
    },
    Reading {
        path: PathBuf,
        file: tokio::fs::File,
        left: u64,
    },
}

/// A request body stream: `http_body::Body<Data = Bytes, Error = Error>`.
///
/// A file that cannot be opened when reached, fails to read, or turns out
/// shorter than it was when measured ends the stream with
/// [`Kind::ReadLocalFile`] naming it. A file that grew is cut at its
/// measured length.
pub(crate) struct BodyStream {
    segments: VecDeque<Segment>,
    current: Current,
    /// Bytes still to send, when every segment's length is known.
    remaining: u64,
}

impl BodyStream {
    pub(crate) fn new(segments: Vec<Segment>) -> Self {
        let remaining = segments
            .iter()
            .map(|s| match s {
                Segment::Bytes(b) => b.len() as u64,
                Segment::File { len, .. } => *len,
            })
            .sum();
        BodyStream {
            segments: segments.into(),
            current: Current::Idle,
            remaining,
        }
    }

    /// A body with no bytes.
    pub(crate) fn empty() -> Self {
        BodyStream::new(Vec::new())
    }

    /// A body of `bytes`.
    pub(crate) fn from_bytes(bytes: Bytes) -> Self {
        BodyStream::new(vec![Segment::Bytes(bytes)])
    }

    fn file_error(path: &std::path::Path, what: &str, e: Option<std::io::Error>) -> Error {
        let detail = format!("{what} {}", path.display());
        match e {
            Some(e) => Error::with_source(Kind::ReadLocalFile, e).detail(detail),
            None => Error::with_detail(Kind::ReadLocalFile, detail),
        }
    }
}

impl http_body::Body for BodyStream {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        loop {
            match &mut this.current {
                Current::Idle => match this.segments.pop_front() {
                    None => return Poll::Ready(None),
                    Some(Segment::Bytes(b)) if b.is_empty() => {}
                    Some(Segment::Bytes(b)) => {
                        this.remaining = this.remaining.saturating_sub(b.len() as u64);
                        return Poll::Ready(Some(Ok(Frame::data(b))));
                    }
                    Some(Segment::File { path, len }) => {
                        let open = Box::pin(tokio::fs::File::open(path.clone()));
                        this.current = Current::Opening { path, len, open };
                    }
                },
                Current::Opening { path, len, open } => match ready!(open.as_mut().poll(cx)) {
                    Ok(file) => {
                        let (path, left) = (std::mem::take(path), *len);
                        this.current = Current::Reading { path, file, left };
                    }
                    Err(e) => {
                        let err = Self::file_error(path, "cannot open", Some(e));
                        this.current = Current::Idle;
                        this.segments.clear();
                        return Poll::Ready(Some(Err(err)));
                    }
                },
                Current::Reading { path, file, left } => {
                    if *left == 0 {
                        this.current = Current::Idle;
                        continue;
                    }
                    let want = usize::try_from(*left).map_or(CHUNK, |l| l.min(CHUNK));
                    let mut buf = BytesMut::zeroed(want);
                    let mut read_buf = ReadBuf::new(&mut buf);
                    let result = ready!(Pin::new(file).poll_read(cx, &mut read_buf));
                    let n = read_buf.filled().len();
                    let failure = match result {
                        Err(e) => Some(Self::file_error(path, "cannot read", Some(e))),
                        Ok(()) if n == 0 => Some(Self::file_error(
                            path,
                            "file shrank while being sent:",
                            None,
                        )),
                        Ok(()) => None,
                    };
                    if let Some(err) = failure {
                        this.current = Current::Idle;
                        this.segments.clear();
                        return Poll::Ready(Some(Err(err)));
                    }
                    *left -= n as u64;
                    this.remaining = this.remaining.saturating_sub(n as u64);
                    buf.truncate(n);
                    return Poll::Ready(Some(Ok(Frame::data(buf.freeze()))));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self.current, Current::Idle) && self.segments.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

impl std::fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyStream")
            .field("segments", &self.segments.len())
            .field("remaining", &self.remaining)
            .finish()
    }
}
