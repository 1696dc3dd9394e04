//! The timing breakdown of one request.

use std::time::{Duration, Instant};

/// When each phase of a request ended, measured from the moment
/// [`Client::execute`](crate::Client::execute) was called.
///
/// Every field except `redirects` is the elapsed time from the start of the
/// request (all hops included) to the end of that phase **of the final hop**,
/// like curl's `CURLINFO_*_TIME` values. Phases that did not happen on the final
/// hop are zero: `dns`, `tcp` and `tls` are all zero when the final hop reused a
/// pooled connection (`reused_connection` is then true), and `tls` is zero on a
/// cleartext connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// Name resolution finished (zero for IP literals, which need none, and on reuse).
    pub dns: Duration,
    /// The TCP connection was established (to the proxy when one is used).
    pub tcp: Duration,
    /// The TLS handshake finished (zero on cleartext or a reused connection).
    pub tls: Duration,
    /// The request was handed to the connection, just before its first byte was written.
    pub first_send: Duration,
    /// The first byte of the response arrived (HTTP/1); on HTTP/2, where bytes
    /// of several streams share the socket, the same as `headers`.
    pub first_byte: Duration,
    /// The complete response head was parsed.
    pub headers: Duration,
    /// The response body was completely received (and decoded).
    pub body: Duration,
    /// Time spent in the hops before the final one: redirects and
    /// authentication round trips (zero when there was a single hop).
    pub redirects: Duration,
    /// The whole request, from the call to the end of the body.
    pub total: Duration,
    /// True when the final hop ran on a connection taken from the pool.
    pub reused_connection: bool,
}

/// The clock of one request: a start instant and the marks of the current hop.
pub(crate) struct Clock {
    start: Instant,
    hop_start: Instant,
    pub(crate) timing: Timing,
}

impl Clock {
    pub(crate) fn new(start: Instant) -> Self {
        Clock {
            start,
            hop_start: start,
            timing: Timing::default(),
        }
    }

    /// Time from the start of the request to now.
    pub(crate) fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Time from the start of the request to `at`.
    pub(crate) fn since_start(&self, at: Instant) -> Duration {
        at.saturating_duration_since(self.start)
    }

    /// Begins a new hop: earlier hops count as `redirects`, and the per-hop
    /// marks start over.
    pub(crate) fn next_hop(&mut self) {
        let now = Instant::now();
        self.timing = Timing {
            redirects: self.timing.redirects + now.saturating_duration_since(self.hop_start),
            ..Timing::default()
        };
        self.hop_start = now;
    }

    /// Finishes the request: `body` (if not set yet) and `total` are now.
    pub(crate) fn finish(&mut self) -> Timing {
        let now = self.now();
        if self.timing.body.is_zero() {
            self.timing.body = now;
        }
        self.timing.total = now;
        self.timing
    }
}
