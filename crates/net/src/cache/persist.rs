//! The cache file: a small versioned binary format, written whole by
//! `flush()` and read whole by `HttpCache::new`.
//!
//! ```text
//! file    = magic "JSRNCACH" | version u32 | count u32 | entry*count | sha256(all before) [32]
//! entry   = url str | status u16 | request_time time | response_time time
//!           | headers u32 (name str, value bytes)* | vary u32 (name str, present u8 [value bytes])*
//!           | body bytes
//! time    = seconds u64 | nanoseconds u32        (since the Unix epoch)
//! str     = bytes holding UTF-8
//! bytes   = length u32 | that many bytes
//! ```
//! Integers are big-endian. Entries are in least-recently-used-first order,
//! so a reload restores the eviction order. Anything that does not parse
//! exactly, or fails the checksum, is rejected as a whole.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use sha2::{Digest, Sha256};
use url::Url;

use super::store::Entry;
use crate::localfile::read_bounded;

const MAGIC: &[u8; 8] = b"JSRNCACH";
/// Bumped whenever the layout changes; other versions are not read.
pub(crate) const VERSION: u32 = 1;
const CHECKSUM_LEN: usize = 32;

/// A file larger than this is not something `flush` wrote (the capacity is
/// at most 10 MiB): it is not read.
const MAX_FILE_BYTES: u64 = 4 * super::MAX_CACHE_BYTES;

/// Serialises `entries` (least recently used first).
pub(crate) fn encode(entries: &[Arc<Entry>]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(64 + entries.iter().map(|e| e.body.len() + 256).sum::<usize>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_be_bytes());
    put_u32(&mut out, entries.len());
    for entry in entries {
        put_bytes(&mut out, entry.url.as_str().as_bytes());
        out.extend_from_slice(&entry.status.as_u16().to_be_bytes());
        put_time(&mut out, entry.request_time);
        put_time(&mut out, entry.response_time);
        put_u32(&mut out, entry.headers.len());
        for (name, value) in &entry.headers {
            put_bytes(&mut out, name.as_str().as_bytes());
            put_bytes(&mut out, value.as_bytes());
        }
        put_u32(&mut out, entry.vary.len());
        for (name, value) in &entry.vary {
            put_bytes(&mut out, name.as_str().as_bytes());
            match value {
                Some(v) => {
                    out.push(1);
                    put_bytes(&mut out, v);
                }
                None => out.push(0),
            }
        }
        put_bytes(&mut out, &entry.body);
    }
    let sum = Sha256::digest(&out);
    out.extend_from_slice(&sum);
    out
}

/// Parses a cache file; `None` when it is not one this version wrote intact.
pub(crate) fn decode(data: &[u8]) -> Option<Vec<Entry>> {
    let (payload, sum) = data.split_at_checked(data.len().checked_sub(CHECKSUM_LEN)?)?;
    if Sha256::digest(payload).as_slice() != sum {
        return None;
    }
    let mut r = Reader(payload);
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let count = r.u32()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        entries.push(entry(&mut r)?);
    }
    r.0.is_empty().then_some(entries)
}

fn entry(r: &mut Reader<'_>) -> Option<Entry> {
    let url = Url::parse(std::str::from_utf8(r.bytes()?).ok()?).ok()?;
    let status = StatusCode::from_u16(u16::from_be_bytes(r.take(2)?.try_into().ok()?)).ok()?;
    let request_time = r.time()?;
    let response_time = r.time()?;
    let mut headers = HeaderMap::new();
    for _ in 0..r.u32()? {
        let name = HeaderName::from_bytes(r.bytes()?).ok()?;
        let value = HeaderValue::from_bytes(r.bytes()?).ok()?;
        headers.append(name, value);
    }
    let mut vary = Vec::new();
    for _ in 0..r.u32()? {
        let name = HeaderName::from_bytes(r.bytes()?).ok()?;
        let value = match r.take(1)?[0] {
            0 => None,
            1 => Some(r.bytes()?.to_vec()),
            _ => return None,
        };
        vary.push((name, value));
    }
    let body = Bytes::copy_from_slice(r.bytes()?);
    Some(Entry {
        url,
        status,
        headers,
        body,
        vary,
        request_time,
        response_time,
    })
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Nothing stored comes near 4 GiB (the capacity is at most 10 MiB).
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_u32(out, b.len());
    out.extend_from_slice(b);
}

fn put_time(out: &mut Vec<u8>, t: SystemTime) {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    out.extend_from_slice(&d.as_secs().to_be_bytes());
    out.extend_from_slice(&d.subsec_nanos().to_be_bytes());
}

/// Reads from the front of a slice; every read checks the length left.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_be_bytes(self.take(4)?.try_into().ok()?))
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u32()?).ok()?;
        self.take(n)
    }

    fn time(&mut self) -> Option<SystemTime> {
        let secs = u64::from_be_bytes(self.take(8)?.try_into().ok()?);
        let nanos = self.u32()?;
        if nanos >= 1_000_000_000 {
            return None;
        }
        UNIX_EPOCH.checked_add(Duration::new(secs, nanos))
    }
}

/// Reads a cache file; `None` when it is missing, unreadable, not a regular
/// file, too large to be one `flush` wrote (the read is bounded whatever size
/// the file reports), or does not [`decode`].
pub(crate) fn read_file(path: &Path) -> Option<Vec<Entry>> {
    decode(&read_bounded(path, MAX_FILE_BYTES).ok()?)
}

/// Writes `data` to a temporary file beside `path` (creating the folder),
/// syncs it and renames it over `path`: readers see the old file or the new
/// one, never a part. The temporary file is removed on failure.
pub(crate) fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map_or_else(|| "cache".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
