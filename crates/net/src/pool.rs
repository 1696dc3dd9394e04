//! The process-wide connection pool.
//!
//! Connections are grouped by [`Key`]: the origin plus every option that
//! changes what a connection is (protocol choice, TLS options, proxy, DNS
//! servers, header limit), so a request never rides on a connection set up
//! for different options.
//!
//! Per key:
//! - idle HTTP/1 connections, reused last-in first-out (the most recently used
//!   socket is the least likely to have been closed by the server);
//! - shared HTTP/2 connections, used by any number of requests at once;
//! - a count of open HTTP/1 connections (connecting, busy or idle), bounded
//!   by `max_per_host`; requests beyond it wait in a queue ordered by
//!   priority (higher first), then arrival;
//! - while an HTTP/2 connection is being set up for a key known to speak
//!   HTTP/2, other requests wait for it instead of opening their own.
//!
//! Dropping a checked-out HTTP/1 connection (a cancelled or failed request)
//! aborts its connection task, which closes the socket at once.

use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use hyper::client::conn::{http1, http2};
use tokio::sync::oneshot;
use tokio::task::AbortHandle;

use crate::conn::ConnStats;
use crate::outbody::OutBody;

pub(crate) type H1Sender = http1::SendRequest<OutBody>;
pub(crate) type H2Sender = http2::SendRequest<OutBody>;

/// What makes two connections interchangeable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub(crate) https: bool,
    pub(crate) host: Box<str>,
    pub(crate) port: u16,
    /// Connection-level options, compared in full.
    pub(crate) profile: crate::connect::Profile,
}

/// Pool limits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PoolConfig {
    pub(crate) max_idle_per_host: usize,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) max_per_host: usize,
}

/// The pool; cheap to clone.
#[derive(Clone)]
pub(crate) struct Pool {
    shared: Arc<Shared>,
}

struct Shared {
    hosts: Mutex<HashMap<Key, Host, BuildHasherDefault<Fnv>>>,
    cfg: PoolConfig,
}

/// FNV-1a. The pool is looked up twice per request; SipHash cost more than
/// the rest of the lookup. The keys are the process's own origins, so there
/// is no one to gain from making them collide.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[derive(Default)]
struct Host {
    idle: VecDeque<H1Conn>,
    h2: Vec<H2Entry>,
    /// HTTP/1 connections counted against `max_per_host` (and HTTP/2 ones
    /// while they are being set up).
    open: usize,
    waiters: BinaryHeap<Waiter>,
    seq: u64,
    /// Set while an HTTP/2 connection is being opened: those waiting for it.
    h2_connecting: Option<Vec<oneshot::Sender<()>>>,
    /// The origin answered with HTTP/2 before: wait for one connection
    /// rather than opening many.
    speaks_h2: bool,
}

impl Host {
    fn is_unused(&self) -> bool {
        self.idle.is_empty()
            && self.h2.is_empty()
            && self.open == 0
            && self.waiters.is_empty()
            && self.h2_connecting.is_none()
            && !self.speaks_h2
    }
}

/// A request waiting for an HTTP/1 connection of a key at its limit.
struct Waiter {
    priority: u32,
    seq: u64,
    tx: oneshot::Sender<Grant>,
}

impl PartialEq for Waiter {
    fn eq(&self, other: &Self) -> bool {
        self.priority == other.priority && self.seq == other.seq
    }
}
impl Eq for Waiter {}
impl PartialOrd for Waiter {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Waiter {
    /// Higher priority first, then the earlier arrival.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.priority
            .cmp(&other.priority)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// What a waiting request is handed.
enum Grant {
    /// A connection released by another request.
    Conn(H1Conn),
    /// Capacity was freed (or an HTTP/2 connection appeared): check out again.
    Retry,
}

/// Counts one connection against its key's limit while it lives.
pub(crate) struct Slot {
    shared: Weak<Shared>,
    key: Key,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let Some(shared) = self.shared.upgrade() else {
            return;
        };
        {
            let mut hosts = lock(&shared.hosts);
            if let Some(host) = hosts.get_mut(&self.key) {
                host.open = host.open.saturating_sub(1);
                wake_one(host);
                if host.is_unused() {
                    hosts.remove(&self.key);
                }
            }
        }
    }
}

/// Hands freed capacity to the best waiter still waiting.
fn wake_one(host: &mut Host) {
    while let Some(w) = host.waiters.pop() {
        if w.tx.send(Grant::Retry).is_ok() {
            return;
        }
    }
}

/// An HTTP/1 connection, owned by one request at a time or idle in the pool.
pub(crate) struct H1Conn {
    pub(crate) tx: H1Sender,
    pub(crate) stats: Arc<ConnStats>,
    pub(crate) remote: Option<SocketAddr>,
    idle_since: Instant,
    abort: AbortHandle,
    slot: Slot,
}

impl Drop for H1Conn {
    fn drop(&mut self) {
        // A connection that is not handed back is not trusted: close it now.
        self.abort.abort();
    }
}

struct H2Entry {
    tx: H2Sender,
    stats: Arc<ConnStats>,
    remote: Option<SocketAddr>,
    abort: AbortHandle,
    _slot: Slot,
}

impl Drop for H2Entry {
    fn drop(&mut self) {
        self.abort.abort();
    }
}

/// A request's handle on a shared HTTP/2 connection.
pub(crate) struct H2Handle {
    pub(crate) tx: H2Sender,
    pub(crate) stats: Arc<ConnStats>,
    pub(crate) remote: Option<SocketAddr>,
}

/// The right to open a connection for a key.
pub(crate) struct Permit {
    slot: Option<Slot>,
    h2_leader: bool,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if !self.h2_leader {
            return;
        }
        let Some(slot) = &self.slot else { return };
        let Some(shared) = slot.shared.upgrade() else {
            return;
        };
        // The connection attempt failed or gave HTTP/1: let the others try.
        let waiters = lock(&shared.hosts)
            .get_mut(&slot.key)
            .and_then(|h| h.h2_connecting.take());
        drop(waiters);
    }
}

/// The result of a checkout.
pub(crate) enum Checkout {
    H1(H1Conn),
    H2(H2Handle),
    Connect(Permit),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves the maps consistent enough:
    // every operation is a push, a pop or a counter update.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

enum Step {
    Done(Checkout),
    WaitConn(oneshot::Receiver<Grant>),
    WaitH2(oneshot::Receiver<()>),
}

impl Pool {
    pub(crate) fn new(cfg: PoolConfig) -> Self {
        Pool {
            shared: Arc::new(Shared {
                hosts: Mutex::new(HashMap::default()),
                cfg,
            }),
        }
    }

    /// Finds a connection for `key`, or the permission to open one, waiting
    /// (by priority) when the key is at its connection limit.
    pub(crate) async fn checkout(&self, key: &Key, priority: u32, expect_h2: bool) -> Checkout {
        loop {
            match self.step(key, priority, expect_h2) {
                Step::Done(Checkout::H1(mut conn)) => {
                    if conn.tx.is_ready() || conn.tx.ready().await.is_ok() {
                        return Checkout::H1(conn);
                    }
                    // Closed while idle; dropping it frees its slot.
                }
                Step::Done(other) => return other,
                Step::WaitConn(rx) => match rx.await {
                    Ok(Grant::Conn(mut conn)) => {
                        if conn.tx.is_ready() || conn.tx.ready().await.is_ok() {
                            return Checkout::H1(conn);
                        }
                    }
                    Ok(Grant::Retry) | Err(_) => {}
                },
                Step::WaitH2(rx) => {
                    let _ = rx.await;
                }
            }
        }
    }

    fn step(&self, key: &Key, priority: u32, expect_h2: bool) -> Step {
        let cfg = &self.shared.cfg;
        let mut garbage: Vec<H1Conn> = Vec::new();
        let mut dead_h2: Vec<H2Entry> = Vec::new();
        let mut hosts = lock(&self.shared.hosts);
        let host = match hosts.get_mut(key) {
            Some(h) => h,
            None => hosts.entry(key.clone()).or_default(),
        };
        while let Some(entry) = host.h2.last() {
            if entry.tx.is_closed() {
                dead_h2.extend(host.h2.pop());
                continue;
            }
            let handle = H2Handle {
                tx: entry.tx.clone(),
                stats: entry.stats.clone(),
                remote: entry.remote,
            };
            drop(hosts);
            return Step::Done(Checkout::H2(handle));
        }
        let now = Instant::now();
        while let Some(conn) = host.idle.pop_back() {
            let expired = cfg
                .idle_timeout
                .is_some_and(|t| now.duration_since(conn.idle_since) >= t);
            if expired || conn.tx.is_closed() {
                garbage.push(conn);
                continue;
            }
            drop(hosts);
            return Step::Done(Checkout::H1(conn));
        }
        if let Some(waiting) = &mut host.h2_connecting {
            let (tx, rx) = oneshot::channel();
            waiting.push(tx);
            return Step::WaitH2(rx);
        }
        if host.open < cfg.max_per_host {
            host.open += 1;
            let h2_leader = expect_h2 || host.speaks_h2;
            if h2_leader {
                host.h2_connecting = Some(Vec::new());
            }
            let slot = Slot {
                shared: Arc::downgrade(&self.shared),
                key: key.clone(),
            };
            return Step::Done(Checkout::Connect(Permit {
                slot: Some(slot),
                h2_leader,
            }));
        }
        let (tx, rx) = oneshot::channel();
        host.seq += 1;
        let seq = host.seq;
        host.waiters.push(Waiter { priority, seq, tx });
        Step::WaitConn(rx)
        // `garbage` and `dead_h2` drop after `hosts` (declared earlier): their
        // slots lock the map again.
    }

    /// Turns a permit into an HTTP/1 connection.
    pub(crate) fn h1(
        &self,
        mut permit: Permit,
        tx: H1Sender,
        stats: Arc<ConnStats>,
        remote: Option<SocketAddr>,
        abort: AbortHandle,
    ) -> Option<H1Conn> {
        let slot = permit.slot.take()?;
        if permit.h2_leader {
            if let Some(shared) = slot.shared.upgrade() {
                let waiters = lock(&shared.hosts)
                    .get_mut(&slot.key)
                    .and_then(|h| h.h2_connecting.take());
                drop(waiters);
            }
        }
        Some(H1Conn {
            tx,
            stats,
            remote,
            idle_since: Instant::now(),
            abort,
            slot,
        })
    }

    /// Registers a new HTTP/2 connection made with `permit` and returns a
    /// handle on it; those waiting for it are woken.
    pub(crate) fn h2(
        &self,
        mut permit: Permit,
        tx: H2Sender,
        stats: Arc<ConnStats>,
        remote: Option<SocketAddr>,
        abort: AbortHandle,
    ) -> H2Handle {
        let handle = H2Handle {
            tx: tx.clone(),
            stats: stats.clone(),
            remote,
        };
        let Some(slot) = permit.slot.take() else {
            return handle;
        };
        permit.h2_leader = false;
        let key = slot.key.clone();
        let mut hosts = lock(&self.shared.hosts);
        let host = hosts.entry(key).or_default();
        host.speaks_h2 = true;
        if host.h2.iter().any(|e| !e.tx.is_closed()) {
            // Several connections raced to the same origin before it was
            // known to speak HTTP/2: keep one. This one serves its request
            // and closes when the handle is dropped.
            drop(hosts);
            drop(slot);
            return handle;
        }
        host.h2.push(H2Entry {
            tx,
            stats,
            remote,
            abort,
            _slot: slot,
        });
        let waiting = host.h2_connecting.take();
        // HTTP/1 waiters can use the new connection too.
        let h1_waiters = std::mem::take(&mut host.waiters);
        drop(hosts);
        for tx in waiting.into_iter().flatten() {
            let _ = tx.send(());
        }
        for w in h1_waiters {
            let _ = w.tx.send(Grant::Retry);
        }
        handle
    }

    /// Hands a finished HTTP/1 connection to the next waiter, or back to the
    /// idle list.
    pub(crate) fn release(&self, mut conn: H1Conn) {
        let cfg = &self.shared.cfg;
        let mut garbage: Vec<H1Conn> = Vec::new();
        let mut hosts = lock(&self.shared.hosts);
        let Some(host) = hosts.get_mut(&conn.slot.key) else {
            drop(hosts);
            return;
        };
        while let Some(w) = host.waiters.pop() {
            match w.tx.send(Grant::Conn(conn)) {
                Ok(()) => return,
                Err(Grant::Conn(back)) => conn = back,
                Err(Grant::Retry) => return,
            }
        }
        let now = Instant::now();
        if let Some(timeout) = cfg.idle_timeout {
            while host
                .idle
                .front()
                .is_some_and(|c| now.duration_since(c.idle_since) >= timeout)
            {
                garbage.extend(host.idle.pop_front());
            }
        }
        if host.idle.len() < cfg.max_idle_per_host {
            conn.idle_since = now;
            host.idle.push_back(conn);
        } else {
            garbage.push(conn);
        }
        drop(hosts);
    }

    /// Idle HTTP/1 connections and HTTP/2 connections held for `key` (tests and diagnostics).
    #[allow(dead_code, reason = "used by tests")]
    pub(crate) fn idle_count(&self) -> usize {
        lock(&self.shared.hosts)
            .values()
            .map(|h| h.idle.len() + h.h2.len())
            .sum()
    }
}
