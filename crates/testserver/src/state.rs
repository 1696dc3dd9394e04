//! State shared by every listener of one server: counters, digest nonces, a random source.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Counters the tests read through `TestServer`.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub connections: AtomicU64,
    pub requests: AtomicU64,
    pub proxy_requests: AtomicU64,
    pub dns_queries: AtomicU64,
    pub doh_queries: AtomicU64,
    pub bad_connections: AtomicU64,
    /// Requests that reached a caching endpoint (`X-Served-Count`).
    pub cache_served: AtomicU64,
}

/// How many digest nonces stay valid at once; older ones are forgotten first.
const MAX_NONCES: usize = 1024;

#[derive(Debug)]
pub(crate) struct State {
    pub stats: Stats,
    nonces: Mutex<VecDeque<String>>,
    rng: AtomicU64,
    /// Messages of panics caught in server tasks (the first few).
    panics: Mutex<Vec<String>>,
    panic_count: AtomicU64,
}

impl State {
    pub fn new() -> State {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(std::process::id()).rotate_left(32);
        State {
            stats: Stats::default(),
            nonces: Mutex::new(VecDeque::new()),
            rng: AtomicU64::new(seed | 1),
            panics: Mutex::new(Vec::new()),
            panic_count: AtomicU64::new(0),
        }
    }

    /// A fresh pseudo-random number (splitmix64 over an atomic counter): unique per call,
    /// good enough for nonces, UUIDs and ETags, not for cryptography.
    pub fn random_u64(&self) -> u64 {
        let x = self.rng.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
        splitmix(x)
    }

    pub fn random_hex(&self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes * 2);
        while out.len() < bytes * 2 {
            out.push_str(&format!("{:016x}", self.random_u64()));
        }
        out.truncate(bytes * 2);
        out
    }

    pub fn uuid_v4(&self) -> String {
        let hi = self.random_u64();
        let lo = self.random_u64();
        let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        let h = format!("{hi:016x}{lo:016x}");
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    pub fn issue_nonce(&self) -> String {
        let nonce = self.random_hex(16);
        if let Ok(mut nonces) = self.nonces.lock() {
            if nonces.len() >= MAX_NONCES {
                nonces.pop_front();
            }
            nonces.push_back(nonce.clone());
        }
        nonce
    }

    pub fn knows_nonce(&self, nonce: &str) -> bool {
        self.nonces
            .lock()
            .map(|n| n.iter().any(|x| x == nonce))
            .unwrap_or(false)
    }

    pub fn record_panic(&self, msg: String) {
        self.panic_count.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut p) = self.panics.lock() {
            if p.len() < 8 {
                p.push(msg);
            }
        }
    }

    /// (how many panics, the first messages).
    pub fn panics(&self) -> (u64, Vec<String>) {
        let msgs = self.panics.lock().map(|p| p.clone()).unwrap_or_default();
        (self.panic_count.load(Ordering::SeqCst), msgs)
    }

    pub fn next_cache_count(&self) -> u64 {
        self.stats.cache_served.fetch_add(1, Ordering::SeqCst) + 1
    }
}

pub(crate) fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
