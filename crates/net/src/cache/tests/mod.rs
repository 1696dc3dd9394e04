//! Unit tests of the cache: each rule with a fixed clock.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod api;
mod date;
mod persist;
mod policy;
mod vary;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Version};
use url::Url;

use super::{HttpCache, Lookup};
use crate::response::ResponseHead;

/// A fixed instant: `secs` after 2024-01-01T00:00:00Z.
pub(super) fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_704_067_200 + secs)
}

/// The IMF-fixdate of `at(secs)`.
pub(super) fn date(secs: u64) -> String {
    super::date::format_http_date(at(secs))
}

/// Headers from `(name, value)` pairs (repeats kept).
pub(super) fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (n, v) in pairs {
        map.append(
            HeaderName::from_bytes(n.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    map
}

pub(super) fn url(path: &str) -> Url {
    Url::parse(&format!("http://example.test{path}")).unwrap()
}

pub(super) fn head(status: u16, url: &Url, pairs: &[(&str, &str)]) -> ResponseHead {
    ResponseHead {
        status: StatusCode::from_u16(status).unwrap(),
        reason: None,
        version: Version::HTTP_11,
        headers: headers(pairs),
        url: url.clone(),
        raw_head: None,
    }
}

/// Stores a GET response received at `at(secs)` (sent at the same instant).
pub(super) fn put(
    cache: &HttpCache,
    path: &str,
    req: &[(&str, &str)],
    status: u16,
    resp: &[(&str, &str)],
    body: &[u8],
    secs: u64,
) -> bool {
    let u = url(path);
    cache.store(
        &Method::GET,
        &u,
        &headers(req),
        &head(status, &u, resp),
        body,
        at(secs),
        at(secs),
    )
}

/// A GET lookup at `at(secs)`.
pub(super) fn get(cache: &HttpCache, path: &str, req: &[(&str, &str)], secs: u64) -> Lookup {
    cache.lookup(&Method::GET, &url(path), &headers(req), at(secs))
}

pub(super) fn is_fresh(l: &Lookup) -> bool {
    matches!(l, Lookup::Fresh(_))
}

pub(super) fn is_stale(l: &Lookup) -> bool {
    matches!(l, Lookup::Stale { .. })
}

pub(super) fn is_miss(l: &Lookup) -> bool {
    matches!(l, Lookup::Miss)
}

/// A folder under the system temp dir, removed on drop.
pub(super) struct TempDir(PathBuf);

impl TempDir {
    pub(super) fn new() -> TempDir {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "jsrun-cache-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(super) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
