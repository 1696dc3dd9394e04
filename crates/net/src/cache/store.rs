//! The entries, their size accounting and least-recently-used eviction.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use url::Url;

use super::vary::Recorded;

/// What every entry costs beyond its own bytes (bookkeeping, timestamps):
/// keeps a flood of empty responses from being free.
const ENTRY_OVERHEAD: u64 = 64;

/// One stored response. Immutable once stored: an update replaces it.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The URL it answers (no fragment).
    pub(crate) url: Url,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The request's values of the response's `Vary` names.
    pub(crate) vary: Vec<Recorded>,
    pub(crate) request_time: SystemTime,
    pub(crate) response_time: SystemTime,
}

impl Entry {
    /// The bytes this entry counts against the capacity: body, header lines
    /// (`name: value\r\n`), URL, recorded Vary values, and a fixed overhead.
    pub(crate) fn size(&self) -> u64 {
        let headers: usize = self
            .headers
            .iter()
            .map(|(n, v)| n.as_str().len() + v.len() + 4)
            .sum();
        let vary: usize = self
            .vary
            .iter()
            .map(|(n, v)| n.as_str().len() + v.as_ref().map_or(0, Vec::len))
            .sum();
        (self.body.len() + headers + self.url.as_str().len() + vary) as u64 + ENTRY_OVERHEAD
    }
}

/// The key under which entries of a URL are grouped.
pub(crate) fn url_key(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.into()
}

struct Slot {
    entry: Arc<Entry>,
    size: u64,
    tick: u64,
}

/// Entries by id, grouped by URL, ordered by last use; the total size never
/// exceeds the capacity.
pub(crate) struct Store {
    capacity: u64,
    size: u64,
    next_id: u64,
    next_tick: u64,
    slots: HashMap<u64, Slot>,
    by_url: HashMap<String, Vec<u64>>,
    /// Last-use tick → id; the first is the least recently used.
    lru: BTreeMap<u64, u64>,
}

impl Store {
    pub(crate) fn new(capacity: u64) -> Store {
        Store {
            capacity,
            size: 0,
            next_id: 1,
            next_tick: 0,
            slots: HashMap::new(),
            by_url: HashMap::new(),
            lru: BTreeMap::new(),
        }
    }

    pub(crate) fn capacity(&self) -> u64 {
        self.capacity
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    fn tick(&mut self) -> u64 {
        self.next_tick += 1;
        self.next_tick
    }

    /// Adds `entry` as the most recently used, evicting the least recently
    /// used entries until it fits. `None` (nothing evicted) when the entry
    /// alone is larger than the capacity.
    pub(crate) fn insert(&mut self, entry: Entry) -> Option<u64> {
        let size = entry.size();
        if size > self.capacity {
            return None;
        }
        self.make_room(size);
        let id = self.next_id;
        self.next_id += 1;
        let tick = self.tick();
        self.by_url.entry(url_key(&entry.url)).or_default().push(id);
        self.lru.insert(tick, id);
        self.size += size;
        self.slots.insert(
            id,
            Slot {
                entry: Arc::new(entry),
                size,
                tick,
            },
        );
        Some(id)
    }

    fn make_room(&mut self, size: u64) {
        while self.size + size > self.capacity {
            let Some((_, &oldest)) = self.lru.iter().next() else {
                break;
            };
            self.remove(oldest);
        }
    }

    /// Removes entry `id`, if present.
    pub(crate) fn remove(&mut self, id: u64) -> Option<Arc<Entry>> {
        let slot = self.slots.remove(&id)?;
        self.lru.remove(&slot.tick);
        self.size -= slot.size;
        let key = url_key(&slot.entry.url);
        if let Some(ids) = self.by_url.get_mut(&key) {
            ids.retain(|i| *i != id);
            if ids.is_empty() {
                self.by_url.remove(&key);
            }
        }
        Some(slot.entry)
    }

    /// Removes every entry stored for `url`; returns how many there were.
    pub(crate) fn remove_url(&mut self, url: &Url) -> usize {
        let ids = self.by_url.get(&url_key(url)).cloned().unwrap_or_default();
        ids.iter().filter(|id| self.remove(**id).is_some()).count()
    }

    /// The entries stored for `url`, with their ids.
    pub(crate) fn for_url(&self, url: &Url) -> Vec<(u64, Arc<Entry>)> {
        self.by_url
            .get(&url_key(url))
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| Some((*id, self.slots.get(id)?.entry.clone())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Marks entry `id` as just used.
    pub(crate) fn touch(&mut self, id: u64) {
        let tick = self.tick();
        if let Some(slot) = self.slots.get_mut(&id) {
            self.lru.remove(&slot.tick);
            slot.tick = tick;
            self.lru.insert(tick, id);
        }
    }

    /// Empties the store.
    pub(crate) fn clear(&mut self) {
        self.slots.clear();
        self.by_url.clear();
        self.lru.clear();
        self.size = 0;
    }

    /// Every entry, least recently used first (the order a reload restores).
    pub(crate) fn entries_by_age(&self) -> Vec<Arc<Entry>> {
        self.lru
            .values()
            .filter_map(|id| Some(self.slots.get(id)?.entry.clone()))
            .collect()
    }
}
