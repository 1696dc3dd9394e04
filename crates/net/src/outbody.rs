//! The request body as hyper sees it: nothing, one buffer, or a stream, with
//! optional send-progress reporting.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::HeaderValue;
use http_body::{Frame, SizeHint};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::body::{self, Body, BodyStream};
use crate::error::{Error, Result};

/// Where the body of each attempt comes from: in-memory bytes are shared,
/// other bodies are prepared again (files are reopened) for every attempt.
pub(crate) enum BodySource<'a> {
    Empty,
    Bytes(Bytes),
    Prepared {
        body: &'a Body,
        next: Option<Box<body::Prepared>>,
    },
}

impl<'a> BodySource<'a> {
    /// Prepares `body` for its first attempt.
    pub(crate) async fn new(body: &'a Body) -> Result<BodySource<'a>> {
        Ok(match body {
            Body::Empty => BodySource::Empty,
            Body::Bytes(b) if b.is_empty() => BodySource::Empty,
            Body::Bytes(b) => BodySource::Bytes(b.clone()),
            other => BodySource::Prepared {
                body: other,
                next: Some(Box::new(Box::pin(body::prepare(other)).await?)),
            },
        })
    }

    /// The body of the next attempt and the content type it implies.
    pub(crate) async fn make(&mut self) -> Result<(OutBody, Option<HeaderValue>)> {
        match self {
            BodySource::Empty => Ok((OutBody::empty(), None)),
            BodySource::Bytes(b) => Ok((OutBody::full(b.clone()), None)),
            BodySource::Prepared { body, next } => {
                let p = match next.take() {
                    Some(p) => *p,
                    None => Box::pin(body::prepare(body)).await?,
                };
                Ok((OutBody::stream(p.body, p.len), p.content_type))
            }
        }
    }

    /// The length of the next attempt's body, when known.
    pub(crate) fn len(&self) -> Option<u64> {
        match self {
            BodySource::Empty => Some(0),
            BodySource::Bytes(b) => Some(b.len() as u64),
            BodySource::Prepared { next: Some(p), .. } => p.len,
            // Not reached before the first attempt, which is when this is asked.
            BodySource::Prepared { next: None, .. } => None,
        }
    }

    /// The body's bytes when they are in memory as one piece (for digest
    /// `auth-int`); empty otherwise.
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            BodySource::Bytes(b) => b,
            _ => &[],
        }
    }
}

/// When progress is reported, in-memory bodies are handed to the connection in
/// pieces of this size so that progress moves while a large body is written.
const PROGRESS_CHUNK: usize = 64 * 1024;

/// The request body of one hop.
pub(crate) struct OutBody {
    kind: Kind,
    progress: Option<Progress>,
}

/// Reports the running total of bytes handed to the connection, one value
/// per frame, from the connection task to the request.
struct Progress {
    sent: u64,
    tx: UnboundedSender<u64>,
}

/// The request's end of the progress reports.
pub(crate) type ProgressRx = UnboundedReceiver<u64>;

enum Kind {
    Empty,
    Full(Bytes),
    Stream { body: BodyStream, len: Option<u64> },
}

impl OutBody {
    pub(crate) fn empty() -> Self {
        OutBody {
            kind: Kind::Empty,
            progress: None,
        }
    }

    pub(crate) fn full(bytes: Bytes) -> Self {
        if bytes.is_empty() {
            return OutBody::empty();
        }
        OutBody {
            kind: Kind::Full(bytes),
            progress: None,
        }
    }

    pub(crate) fn stream(body: BodyStream, len: Option<u64>) -> Self {
        OutBody {
            kind: Kind::Stream { body, len },
            progress: None,
        }
    }

    /// Reports every frame handed to the connection on the returned receiver.
    pub(crate) fn with_progress(mut self) -> (Self, ProgressRx) {
        let (tx, rx) = unbounded_channel();
        self.progress = Some(Progress { sent: 0, tx });
        (self, rx)
    }

    /// The body's length, when known.
    pub(crate) fn len(&self) -> Option<u64> {
        match &self.kind {
            Kind::Empty => Some(0),
            Kind::Full(b) => Some(b.len() as u64),
            Kind::Stream { len, .. } => *len,
        }
    }

    fn report(&mut self, n: usize) {
        if let Some(p) = &mut self.progress {
            p.sent += n as u64;
            // The request may be gone; then nobody wants to know.
            let _ = p.tx.send(p.sent);
        }
    }
}

impl http_body::Body for OutBody {
    type Data = Bytes;
    type Error = Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Error>>> {
        let this = self.get_mut();
        match &mut this.kind {
            Kind::Empty => Poll::Ready(None),
            Kind::Full(bytes) => {
                if bytes.is_empty() {
                    return Poll::Ready(None);
                }
                let chunk = if this.progress.is_some() && bytes.len() > PROGRESS_CHUNK {
                    bytes.split_to(PROGRESS_CHUNK)
                } else {
                    std::mem::take(bytes)
                };
                let n = chunk.len();
                this.report(n);
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
            Kind::Stream { body, .. } => {
                let res = Pin::new(body).poll_frame(cx);
                if let Poll::Ready(Some(Ok(frame))) = &res {
                    if let Some(data) = frame.data_ref() {
                        let n = data.len();
                        this.report(n);
                    }
                }
                res
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Empty => true,
            Kind::Full(b) => b.is_empty(),
            Kind::Stream { body, .. } => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Empty => SizeHint::with_exact(0),
            Kind::Full(b) => SizeHint::with_exact(b.len() as u64),
            Kind::Stream { body, len } => match len {
                Some(n) => SizeHint::with_exact(*n),
                None => body.size_hint(),
            },
        }
    }
}
