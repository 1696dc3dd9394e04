//! The memory cache: one store for the whole process (every runtime, every
//! thread), entries that expire, and a bound on entries and bytes.
//!
//! Reads are a lock and a hash lookup. Expired entries are dropped when
//! read, and swept when a write finds the store full; past the bounds the
//! entries written longest ago go first.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long an entry lives when no TTL is given (and for HTTP results).
pub const DEFAULT_TTL: Duration = Duration::from_secs(300);

/// The most entries the cache holds.
pub const MAX_ENTRIES: usize = 100_000;

/// The most bytes of keys and values the cache holds.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

struct Entry {
    value: String,
    expires: Instant,
    /// Write order, for eviction.
    seq: u64,
}

pub(crate) struct Store {
    map: HashMap<String, Entry>,
    bytes: usize,
    seq: u64,
    max_entries: usize,
    max_bytes: usize,
}

static STORE: LazyLock<Mutex<Store>> =
    LazyLock::new(|| Mutex::new(Store::new(MAX_ENTRIES, MAX_BYTES)));

/// The store; a panic elsewhere while it was held does not make it unusable
/// (every operation leaves it consistent).
fn store() -> MutexGuard<'static, Store> {
    STORE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn size(key: &str, value: &str) -> usize {
    key.len() + value.len()
}

impl Store {
    pub(crate) fn new(max_entries: usize, max_bytes: usize) -> Self {
        Store {
            map: HashMap::new(),
            bytes: 0,
            seq: 0,
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    fn remove(&mut self, key: &str) -> Option<Entry> {
        let e = self.map.remove(key)?;
        self.bytes = self.bytes.saturating_sub(size(key, &e.value));
        Some(e)
    }

    fn live(&mut self, key: &str, now: Instant) -> Option<&Entry> {
        if self.map.get(key).is_some_and(|e| e.expires <= now) {
            self.remove(key);
        }
        self.map.get(key)
    }

    fn fits(&self, need: usize) -> bool {
        self.map.len() < self.max_entries && self.bytes + need <= self.max_bytes
    }

    /// Makes room for `need` more bytes and one more entry: expired entries
    /// first, then the oldest writes.
    fn make_room(&mut self, need: usize, now: Instant) {
        if self.fits(need) {
            return;
        }
        let expired: Vec<String> = self
            .map
            .iter()
            .filter(|(_, e)| e.expires <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for k in expired {
            self.remove(&k);
        }
        if self.fits(need) {
            return;
        }
        let mut by_age: Vec<(u64, String)> =
            self.map.iter().map(|(k, e)| (e.seq, k.clone())).collect();
        by_age.sort_unstable();
        // When the count is the problem, go down by a tenth at once, so that
        // a full cache does not sort on every write.
        let target = if self.map.len() >= self.max_entries {
            self.max_entries - self.max_entries.div_ceil(10)
        } else {
            usize::MAX
        };
        for (_, k) in by_age {
            if self.map.len() <= target && self.bytes + need <= self.max_bytes {
                break;
            }
            self.remove(&k);
        }
    }

    pub(crate) fn set_at(
        &mut self,
        key: &str,
        value: String,
        ttl: Option<Duration>,
        now: Instant,
    ) -> bool {
        let need = size(key, &value);
        if need > self.max_bytes {
            return false;
        }
        let ttl = ttl.filter(|t| !t.is_zero()).unwrap_or(DEFAULT_TTL);
        let expires = now.checked_add(ttl).unwrap_or(now + DEFAULT_TTL);
        self.remove(key);
        self.make_room(need, now);
        self.seq += 1;
        self.bytes += need;
        let seq = self.seq;
        self.map.insert(
            key.to_owned(),
            Entry {
                value,
                expires,
                seq,
            },
        );
        true
    }

    pub(crate) fn get_at(&mut self, key: &str, now: Instant) -> Option<String> {
        self.live(key, now).map(|e| e.value.clone())
    }

    pub(crate) fn delete_at(&mut self, key: &str, now: Instant) -> bool {
        self.remove(key).is_some_and(|e| e.expires > now)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }
}

/// Stores `value` under `key` for `ttl` (the default when `None` or zero).
/// A value larger than the whole cache is not stored; returns whether it was.
pub fn set(key: &str, value: String, ttl: Option<Duration>) -> bool {
    store().set_at(key, value, ttl, Instant::now())
}

/// The value under `key`, if present and not expired.
pub fn get(key: &str) -> Option<String> {
    store().get_at(key, Instant::now())
}

/// True if `key` holds a value that has not expired.
pub fn exists(key: &str) -> bool {
    store().live(key, Instant::now()).is_some()
}

/// Removes `key`; true if it held a live value.
pub fn delete(key: &str) -> bool {
    store().delete_at(key, Instant::now())
}

#[cfg(test)]
mod tests;
