//! Timers: the read timeout ("idle between bytes") and helpers for the
//! connect and total timeouts.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{Instant, Sleep};

use crate::conn::ConnStats;
use crate::error::{Error, Kind, Result};

/// Fires when no byte has moved on a connection for its duration.
///
/// Rather than being reset on every byte (which would cost a timer update per
/// read), it sleeps for the full duration and, when it wakes, checks the
/// connection's byte counters: if they moved, it sleeps again from now.
/// It may so fire up to one duration late, never early.
pub(crate) struct IdleTimer {
    duration: Duration,
    sleep: Pin<Box<Sleep>>,
    stats: Arc<ConnStats>,
    seen: u64,
}

impl IdleTimer {
    pub(crate) fn new(duration: Duration, stats: Arc<ConnStats>) -> Self {
        let seen = stats.activity();
        IdleTimer {
            duration,
            sleep: Box::pin(tokio::time::sleep(duration)),
            stats,
            seen,
        }
    }

    /// Ready when the connection was idle for the whole duration.
    pub(crate) fn poll_expired(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            if self.sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let now = self.stats.activity();
            if now == self.seen {
                return Poll::Ready(());
            }
            self.seen = now;
            let Some(next) = Instant::now().checked_add(self.duration) else {
                return Poll::Pending;
            };
            self.sleep.as_mut().reset(next);
        }
    }

    /// The error to report when it fired.
    pub(crate) fn error(&self) -> Error {
        Error::with_detail(
            Kind::Timeout,
            format!("read timeout: no data for {} ms", self.duration.as_millis()),
        )
    }
}

/// Runs `fut` with an optional idle timer.
pub(crate) async fn idle_guard<F: Future>(
    fut: F,
    timer: &mut Option<IdleTimer>,
) -> Result<F::Output> {
    let mut fut = std::pin::pin!(fut);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(v) = fut.as_mut().poll(cx) {
            return Poll::Ready(Ok(v));
        }
        if let Some(t) = timer.as_mut() {
            if t.poll_expired(cx).is_ready() {
                return Poll::Ready(Err(t.error()));
            }
        }
        Poll::Pending
    })
    .await
}

/// Runs `fut` under an optional time limit; `what` names the limit in the error.
pub(crate) async fn limit<F, T>(fut: F, limit: Option<Duration>, what: &str) -> Result<T>
where
    F: Future<Output = Result<T>>,
{
    match limit {
        None => fut.await,
        Some(d) => match tokio::time::timeout(d, fut).await {
            Ok(r) => r,
            Err(_) => Err(Error::with_detail(
                Kind::Timeout,
                format!("{what} timeout of {} ms elapsed", d.as_millis()),
            )),
        },
    }
}
