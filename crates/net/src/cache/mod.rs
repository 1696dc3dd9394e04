//! A private HTTP response cache (RFC 9111) for the API bindings: pure Rust,
//! no JS, shared by every request of a runtime.
//!
//! A binding calls [`HttpCache::lookup`] before sending a request; a fresh
//! hit is answered without touching the network, a stale entry with
//! validators becomes a conditional request whose `304` goes to
//! [`HttpCache::freshen`], and any other response goes to
//! [`HttpCache::store`] (which also invalidates on unsafe methods).
//! [`HttpCache::execute`] does all of that around [`Client::execute`](crate::Client::execute).
//!
//! The design and every decision are in `CACHE.md` in this crate.

mod date;
mod exec;
mod headers;
mod persist;
mod policy;
mod store;
#[cfg(test)]
mod tests;
mod vary;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{
    AGE, AUTHORIZATION, CONTENT_LOCATION, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE,
    IF_UNMODIFIED_SINCE, LOCATION, RANGE,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use url::Url;

use crate::error::{Error, Kind, Result};
use crate::request::Request;
use crate::response::ResponseHead;

pub use exec::CacheStatus;
use policy::Use;
use store::{Entry, Store};

/// The largest capacity a cache takes (and the OHOS default): 10 MiB.
pub const MAX_CACHE_BYTES: u64 = 10 * 1024 * 1024;

/// A shared, size-bounded HTTP response cache. Cloning is cheap and every
/// clone is the same cache.
///
/// ```
/// use std::time::SystemTime;
/// use jsrun_net::{HttpCache, Lookup};
/// use jsrun_net::http::{HeaderMap, Method, StatusCode, Version};
/// use jsrun_net::url::Url;
///
/// let cache = HttpCache::new(1024 * 1024, None);
/// let url = Url::parse("http://127.0.0.1:8080/logo")?;
/// let mut headers = HeaderMap::new();
/// headers.insert("cache-control", "max-age=60".parse()?);
/// let head = jsrun_net::ResponseHead {
///     status: StatusCode::OK,
///     reason: None,
///     version: Version::HTTP_11,
///     headers,
///     url: url.clone(),
///     raw_head: None,
/// };
/// let now = SystemTime::now();
/// let none = HeaderMap::new();
/// assert!(cache.store(&Method::GET, &url, &none, &head, b"png", now, now));
/// match cache.lookup(&Method::GET, &url, &none, now) {
///     Lookup::Fresh(hit) => assert_eq!(&hit.body[..], b"png"),
///     other => panic!("expected a fresh hit, got {other:?}"),
/// }
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct HttpCache {
    inner: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    file: Option<PathBuf>,
    /// Serialises file operations, so a `flush` racing a `delete` cannot
    /// write the file back after it was removed.
    io: Mutex<()>,
}

struct State {
    store: Store,
    enabled: bool,
}

/// What [`HttpCache::lookup`] found.
#[derive(Debug)]
pub enum Lookup {
    /// A stored response that may be used as it is: no request needed.
    Fresh(CachedResponse),
    /// A stored response that must be revalidated: send the request with
    /// `validators` added, then hand a `304` to [`HttpCache::freshen`] with
    /// `key`, or any other response to [`HttpCache::store`].
    Stale {
        /// Identifies the stored response for [`HttpCache::freshen`].
        key: CacheKey,
        /// `If-None-Match` (from `ETag`) and/or `If-Modified-Since` (from
        /// `Last-Modified`) to add to the request.
        validators: HeaderMap,
    },
    /// Nothing usable: send the request as it is.
    Miss,
}

/// A response served from the cache.
#[derive(Clone, Debug)]
pub struct CachedResponse {
    /// The stored status.
    pub status: StatusCode,
    /// The stored headers (hop-by-hop fields removed, `Date` added when the
    /// server sent none); a fresh hit also carries `Age`.
    pub headers: HeaderMap,
    /// The body, as it was stored (empty for a HEAD request).
    pub body: Bytes,
    /// The URL the response was stored for.
    pub url: Url,
    /// The response's current age (RFC 9111 §4.2.3).
    pub age: Duration,
}

/// A stored response picked by a [`Lookup::Stale`]. It keeps what was
/// stored, so [`HttpCache::freshen`] works even if the entry was evicted
/// in the meantime.
#[derive(Clone)]
pub struct CacheKey {
    id: u64,
    entry: Arc<Entry>,
    head: bool,
}

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CacheKey")
            .field("id", &self.id)
            .field("url", &self.entry.url.as_str())
            .field("head", &self.head)
            .finish()
    }
}

impl CacheKey {
    /// The URL of the stored response.
    pub fn url(&self) -> &Url {
        &self.entry.url
    }
}

impl fmt::Debug for HttpCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("HttpCache")
            .field("enabled", &state.enabled)
            .field("entries", &state.store.len())
            .field("size_bytes", &state.store.size())
            .field("capacity_bytes", &state.store.capacity())
            .field("file", &self.inner.file)
            .finish()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere while holding the lock leaves consistent data here
    // (every mutation completes before unlocking), so keep going.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl HttpCache {
    /// A cache holding at most `capacity_bytes` (bodies, headers and URLs;
    /// clamped to [`MAX_CACHE_BYTES`]), persisted to `file` by
    /// [`flush`](Self::flush). When `file` exists it is read now; a file that
    /// is missing, unreadable, of another format version or corrupt leaves
    /// the cache empty (it is replaced by the next `flush`).
    pub fn new(capacity_bytes: u64, file: Option<PathBuf>) -> Self {
        let mut store = Store::new(capacity_bytes.min(MAX_CACHE_BYTES));
        if let Some(entries) = file.as_deref().and_then(persist::read_file) {
            for entry in entries {
                store.insert(entry);
            }
        }
        HttpCache {
            inner: Arc::new(Shared {
                state: Mutex::new(State {
                    store,
                    enabled: true,
                }),
                file,
                io: Mutex::new(()),
            }),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.inner.state)
    }

    /// Looks up a response for a request, at time `now`.
    ///
    /// Only GET requests are answered, and HEAD requests from a stored GET
    /// response (with an empty body). A request that asks not to use stored
    /// responses (`Cache-Control: no-store`) or that the cache does not
    /// evaluate itself (`Range`, `If-*` conditionals) misses. Of the entries
    /// whose `Vary` values match, the most recently stored is used.
    pub fn lookup(
        &self,
        method: &Method,
        url: &Url,
        request_headers: &HeaderMap,
        now: SystemTime,
    ) -> Lookup {
        let head = match *method {
            Method::GET => false,
            Method::HEAD => true,
            _ => return Lookup::Miss,
        };
        if bypasses(request_headers) {
            return Lookup::Miss;
        }
        let (id, entry) = {
            let mut state = self.state();
            if !state.enabled {
                return Lookup::Miss;
            }
            let best = state
                .store
                .for_url(url)
                .into_iter()
                .filter(|(_, e)| vary::matches(&e.vary, request_headers))
                .max_by_key(|(id, e)| (e.response_time, *id));
            let Some((id, entry)) = best else {
                return Lookup::Miss;
            };
            state.store.touch(id);
            (id, entry)
        };
        let lifetime = policy::freshness_lifetime(&entry.headers, entry.response_time);
        let age = policy::current_age(&entry.headers, entry.request_time, entry.response_time, now);
        match policy::usable(request_headers, &entry.headers, lifetime, age) {
            Use::Fresh => Lookup::Fresh(respond(&entry, age, head, true)),
            Use::Revalidate => {
                let validators = headers::validators(&entry.headers);
                if validators.is_empty() {
                    // Unreachable for entries `store` accepted; kept for safety.
                    return Lookup::Miss;
                }
                Lookup::Stale {
                    key: CacheKey { id, entry, head },
                    validators,
                }
            }
        }
    }

    /// Offers a response to the cache; true when it was stored.
    ///
    /// `url` is the request's URL; the response is stored under `head.url`
    /// (the URL it came from, after any redirects). `request_time` is when
    /// the request was sent, `response_time` when the response arrived (both
    /// feed the age calculation). Pass every final response here, whatever
    /// the method: a non-error response to an unsafe method (POST, PUT,
    /// DELETE, PATCH…) invalidates what is stored for `url` and for its
    /// same-origin `Location`/`Content-Location` (RFC 9111 §4.4) and is not
    /// stored. Storing a response replaces the stored responses this request
    /// would have been answered with.
    #[allow(
        clippy::too_many_arguments,
        reason = "the binding contract; each is needed"
    )]
    pub fn store(
        &self,
        method: &Method,
        url: &Url,
        request_headers: &HeaderMap,
        head: &ResponseHead,
        body: &[u8],
        request_time: SystemTime,
        response_time: SystemTime,
    ) -> bool {
        let body = (body.len(), || Bytes::copy_from_slice(body));
        let times = (request_time, response_time);
        self.store_with(method, url, request_headers, head, body, times)
    }

    /// [`store`](Self::store) with the body made only once the response is
    /// known to be stored (a copy of a slice, or a shared `Bytes`).
    pub(crate) fn store_with(
        &self,
        method: &Method,
        url: &Url,
        request_headers: &HeaderMap,
        head: &ResponseHead,
        (body_len, body): (usize, impl FnOnce() -> Bytes),
        (request_time, response_time): (SystemTime, SystemTime),
    ) -> bool {
        if !is_safe(method) {
            let status = head.status;
            if status.is_success() || status.is_redirection() {
                self.invalidate_after_unsafe(url, head);
            }
            return false;
        }
        let storable = policy::storable(
            method,
            request_headers,
            head.status,
            &head.headers,
            response_time,
        );
        if storable.is_err() || body_len as u64 > self.capacity_bytes() {
            return false;
        }
        let Some(names) = vary::names(&head.headers) else {
            return false;
        };
        let mut url = head.url.clone();
        url.set_fragment(None);
        let entry = Entry {
            url,
            status: head.status,
            headers: headers::stored_headers(&head.headers, response_time),
            body: body(),
            vary: vary::record(&names, request_headers),
            request_time,
            response_time,
        };
        let mut state = self.state();
        if !state.enabled {
            return false;
        }
        for (id, old) in state.store.for_url(&entry.url) {
            if vary::matches(&old.vary, request_headers) {
                state.store.remove(id);
            }
        }
        state.store.insert(entry).is_some()
    }

    /// Completes a revalidation: `not_modified` is the `304` answer to the
    /// conditional request of a [`Lookup::Stale`]. Its headers update the
    /// stored ones (RFC 9111 §3.2) and the full response is returned (with an
    /// empty body for a HEAD request). `response_time` is when the `304`
    /// arrived.
    ///
    /// `None` when `not_modified` is not a `304` or its validators name
    /// another representation than the stored one: then send the request
    /// again without validators.
    pub fn freshen(
        &self,
        key: &CacheKey,
        not_modified: &ResponseHead,
        response_time: SystemTime,
    ) -> Option<CachedResponse> {
        if not_modified.status != StatusCode::NOT_MODIFIED
            || !headers::validators_agree(&key.entry.headers, &not_modified.headers)
        {
            return None;
        }
        let old = &key.entry;
        let entry = Entry {
            url: old.url.clone(),
            status: old.status,
            headers: headers::merged_headers(&old.headers, &not_modified.headers, response_time),
            body: old.body.clone(),
            vary: old.vary.clone(),
            // The 304's own request time is not known here; counting from its
            // arrival errs towards a younger age by the round-trip time only.
            request_time: response_time,
            response_time,
        };
        let age = policy::current_age(&entry.headers, response_time, response_time, response_time);
        let response = respond(&entry, age, key.head, false);
        let mut state = self.state();
        if state.enabled {
            for (id, other) in state.store.for_url(&entry.url) {
                if id == key.id || other.vary == entry.vary {
                    state.store.remove(id);
                }
            }
            state.store.insert(entry);
        }
        Some(response)
    }

    /// Removes every response stored for `url`; returns how many there were.
    pub fn invalidate(&self, url: &Url) -> usize {
        self.state().store.remove_url(url)
    }

    fn invalidate_after_unsafe(&self, url: &Url, head: &ResponseHead) {
        let mut targets = vec![url.clone(), head.url.clone()];
        for name in [LOCATION, CONTENT_LOCATION] {
            let Some(Ok(Some(target))) = head
                .headers
                .get(&name)
                .map(|v| v.to_str().map(|v| head.url.join(v.trim()).ok()))
            else {
                continue;
            };
            // Only the same origin: another site must not evict our entries.
            if target.origin() == url.origin() {
                targets.push(target);
            }
        }
        let mut state = self.state();
        for target in &targets {
            state.store.remove_url(target);
        }
    }

    /// Writes every stored response to the cache file, atomically (a
    /// temporary file in the same folder, then a rename); creates the folder
    /// if needed. Does nothing without a file, or after [`delete`](Self::delete).
    /// This is blocking file I/O.
    ///
    /// # Errors
    ///
    /// [`Kind::Unknown`] with the I/O error as its source when the file cannot
    /// be written; the previous file, if any, is then left as it was.
    pub fn flush(&self) -> Result<()> {
        let Some(path) = self.inner.file.as_deref() else {
            return Ok(());
        };
        let _io = lock(&self.inner.io);
        let entries = {
            let state = self.state();
            if !state.enabled {
                return Ok(());
            }
            state.store.entries_by_age()
        };
        persist::write_atomic(path, &persist::encode(&entries))
            .map_err(|e| io_error(e, "could not write the cache file", path))
    }

    /// Disables the cache for good (lookups miss, stores are refused, flushes
    /// write nothing), drops every stored response and removes the cache
    /// file. Blocking file I/O.
    ///
    /// # Errors
    ///
    /// [`Kind::Unknown`] with the I/O error as its source when the file exists
    /// but cannot be removed (the cache is disabled all the same).
    pub fn delete(&self) -> Result<()> {
        let _io = lock(&self.inner.io);
        {
            let mut state = self.state();
            state.enabled = false;
            state.store.clear();
        }
        match self.inner.file.as_deref().map(std::fs::remove_file) {
            None | Some(Ok(())) => Ok(()),
            Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Some(Err(e)) => Err(io_error(
                e,
                "could not remove the cache file",
                self.inner.file.as_deref().unwrap_or(Path::new("")),
            )),
        }
    }

    /// How many responses are stored.
    pub fn len(&self) -> usize {
        self.state().store.len()
    }

    /// True when nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the stored responses count against the capacity.
    pub fn size_bytes(&self) -> u64 {
        self.state().store.size()
    }

    /// The capacity in bytes (after clamping to [`MAX_CACHE_BYTES`]).
    pub fn capacity_bytes(&self) -> u64 {
        self.state().store.capacity()
    }

    /// False after [`delete`](Self::delete).
    pub fn is_enabled(&self) -> bool {
        self.state().enabled
    }

    /// The cache file, if one was given.
    pub fn file(&self) -> Option<&Path> {
        self.inner.file.as_deref()
    }

    /// The request headers `req` will carry, for `lookup` and `store`: its
    /// own headers, plus those the engine adds from its options and that a
    /// cache must see: `Authorization` when it has credentials (a placeholder
    /// value: only its presence matters), `Range` when it asks for a range,
    /// `Accept-Encoding` when it asks for decompression (so `Vary:
    /// Accept-Encoding` tells decoded from raw bodies).
    pub fn request_headers(req: &Request) -> HeaderMap {
        let mut headers = HeaderMap::with_capacity(req.headers.len() + 3);
        for (name, value) in &req.headers {
            headers.append(name.clone(), value.clone());
        }
        if req.options.auth.is_some() && !headers.contains_key(AUTHORIZATION) {
            headers.insert(AUTHORIZATION, HeaderValue::from_static("credentials"));
        }
        if req.options.range.is_some() && !headers.contains_key(RANGE) {
            headers.insert(RANGE, HeaderValue::from_static("bytes"));
        }
        if req.options.decompress && !headers.contains_key(http::header::ACCEPT_ENCODING) {
            headers.insert(
                http::header::ACCEPT_ENCODING,
                HeaderValue::from_static(crate::decode::ACCEPT_ENCODING),
            );
        }
        headers
    }
}

fn io_error(e: std::io::Error, what: &str, path: &Path) -> Error {
    Error::with_source(Kind::Unknown, e).detail(format!("{what} {}", path.display()))
}

/// GET, HEAD, OPTIONS and TRACE do not change the resource (RFC 9110 §9.2.1).
fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Requests the cache does not answer: `no-store` asks it to stay out of the
/// way; ranges and conditionals would need evaluating against the entry.
fn bypasses(request: &HeaderMap) -> bool {
    policy::CacheControl::parse(request).no_store
        || [
            RANGE,
            IF_NONE_MATCH,
            IF_MODIFIED_SINCE,
            IF_MATCH,
            IF_UNMODIFIED_SINCE,
            IF_RANGE,
        ]
        .iter()
        .any(|h| request.contains_key(h))
}

fn respond(entry: &Entry, age: Duration, head: bool, with_age: bool) -> CachedResponse {
    let mut headers = entry.headers.clone();
    if with_age {
        // RFC 9111 §5.1: a response served from a cache carries its age.
        headers.insert(AGE, HeaderValue::from(age.as_secs()));
    }
    CachedResponse {
        status: entry.status,
        headers,
        body: if head {
            Bytes::new()
        } else {
            entry.body.clone()
        },
        url: entry.url.clone(),
        age,
    }
}
