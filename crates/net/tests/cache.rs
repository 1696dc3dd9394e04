//! The response cache around a real client and the test server. The
//! server's `X-Served-Count` header, its request and connection counters
//! show whether a request reached it.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use http::{Method, StatusCode};
use jsrun_net::{
    CacheStatus, Client, Event, HttpCache, Interest, Lookup, Request, Response, MAX_CACHE_BYTES,
};
use support::{client, get, json, TestServer};

/// Runs a GET through `cache`.
async fn cached(cache: &HttpCache, client: &Client, url: &str) -> (Response, CacheStatus) {
    cache
        .execute(client, get(url), jsrun_net::NoSink)
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

fn served_count(resp: &Response) -> u64 {
    resp.head
        .header("x-served-count")
        .and_then(|v| v.parse().ok())
        .expect("x-served-count")
}

/// A folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("jsrun-cache-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn a_fresh_hit_makes_no_connection() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let url = format!("{}/cache/60", server.http_url());
    let (first, status) = cached(&cache, &client(), &url).await;
    assert_eq!(status, CacheStatus::Miss);
    assert_eq!(served_count(&first), 1);
    assert_eq!(cache.len(), 1);
    let (connections, requests) = (server.connections(), server.requests());

    // A new client has no pooled connection: reaching the server would need one.
    let (second, status) = cached(&cache, &client(), &url).await;
    assert_eq!(status, CacheStatus::Hit);
    assert_eq!(server.connections(), connections);
    assert_eq!(server.requests(), requests);
    assert_eq!(second.status(), StatusCode::OK);
    assert_eq!(second.body, first.body);
    assert_eq!(served_count(&second), 1, "the stored headers");
    assert_eq!(second.timing, jsrun_net::Timing::default());
    assert!(second.remote_addr.is_none());
    assert!(second.head.header("age").is_some());
}

#[tokio::test]
async fn a_stale_entry_with_an_etag_is_revalidated_and_served_from_the_cache() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!("{}/etag/abc", server.http_url());
    let (first, status) = cached(&cache, &client, &url).await;
    assert_eq!((status, served_count(&first)), (CacheStatus::Miss, 1));
    let requests = server.requests();

    let (second, status) = cached(&cache, &client, &url).await;
    assert_eq!(status, CacheStatus::Revalidated);
    assert_eq!(server.requests(), requests + 1, "one conditional request");
    assert_eq!(second.status(), StatusCode::OK, "the 304 is not shown");
    assert_eq!(second.body, first.body, "the stored body");
    assert_eq!(served_count(&second), 2, "headers updated from the 304");
    assert_eq!(second.head.header("etag"), Some("\"abc\""));
    assert!(second.remote_addr.is_some());
}

#[tokio::test]
async fn the_binding_protocol_by_hand_sends_validators_and_freshens_on_304() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!("{}/cache", server.http_url());
    let req = get(&url);
    let headers = HttpCache::request_headers(&req);
    assert!(matches!(
        cache.lookup(&Method::GET, &req.url, &headers, SystemTime::now()),
        Lookup::Miss
    ));
    let sent = SystemTime::now();
    let resp = client.fetch(req).await.unwrap();
    // `/cache` sends Last-Modified = Date and an ETag, no Cache-Control:
    // stored for its validators, stale at once.
    let u = resp.head.url.clone();
    assert!(cache.store(
        &Method::GET,
        &u,
        &headers,
        &resp.head,
        &resp.body,
        sent,
        SystemTime::now()
    ));

    let Lookup::Stale { key, validators } =
        cache.lookup(&Method::GET, &u, &headers, SystemTime::now())
    else {
        panic!("expected a stale entry")
    };
    assert_eq!(validators.get("if-none-match"), resp.headers().get("etag"));
    assert_eq!(
        validators.get("if-modified-since"),
        resp.headers().get("last-modified")
    );
    let mut conditional = get(&url);
    for (name, value) in &validators {
        conditional.headers.push((name.clone(), value.clone()));
    }
    let not_modified = client.fetch(conditional).await.unwrap();
    assert_eq!(not_modified.status(), StatusCode::NOT_MODIFIED);
    let hit = cache
        .freshen(&key, &not_modified.head, SystemTime::now())
        .expect("the 304 applies");
    assert_eq!(hit.status, StatusCode::OK);
    assert_eq!(hit.body, resp.body);
    assert_eq!(json(&resp)["method"], "GET");
}

#[tokio::test]
async fn no_store_is_never_stored() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!(
        "{}/response-headers?Cache-Control=no-store",
        server.http_url()
    );
    for n in 1..=3 {
        let (resp, status) = cached(&cache, &client, &url).await;
        assert_eq!((status, served_count(&resp)), (CacheStatus::Miss, n));
    }
    assert!(cache.is_empty());
}

#[tokio::test]
async fn no_cache_is_revalidated_every_time() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!(
        "{}/response-headers?Cache-Control=no-cache&ETag=%22v1%22",
        server.http_url()
    );
    let (first, status) = cached(&cache, &client, &url).await;
    assert_eq!(status, CacheStatus::Miss);
    for n in 2..=4 {
        let (resp, status) = cached(&cache, &client, &url).await;
        assert_eq!(status, CacheStatus::Revalidated);
        assert_eq!(served_count(&resp), n, "the server was asked");
        assert_eq!(resp.body, first.body);
    }
}

#[tokio::test]
async fn a_vary_mismatch_misses() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!(
        "{}/response-headers?Cache-Control=max-age%3D60&Vary=X-Lang",
        server.http_url()
    );
    let run = |lang: &'static str| {
        let (cache, client, url) = (cache.clone(), client.clone(), url.clone());
        async move {
            let mut req = get(&url);
            req.add_header("X-Lang", lang).unwrap();
            cache
                .execute(&client, req, jsrun_net::NoSink)
                .await
                .unwrap()
        }
    };
    let (en, status) = run("en").await;
    assert_eq!((status, served_count(&en)), (CacheStatus::Miss, 1));
    let (en2, status) = run("en").await;
    assert_eq!((status, served_count(&en2)), (CacheStatus::Hit, 1));
    let (fr, status) = run("fr").await;
    assert_eq!((status, served_count(&fr)), (CacheStatus::Miss, 2));
    let (plain, status) = cached(&cache, &client, &url).await;
    assert_eq!((status, served_count(&plain)), (CacheStatus::Miss, 3));
    assert_eq!(cache.len(), 3);
}

#[tokio::test]
async fn flush_then_a_new_cache_from_the_file_serves_the_entry() {
    let server = TestServer::start();
    let dir = TempDir::new("flush");
    let file = dir.path().join("cache/http.cache");
    let url = format!("{}/cache/600", server.http_url());
    let first = {
        let cache = HttpCache::new(MAX_CACHE_BYTES, Some(file.clone()));
        let (resp, _) = cached(&cache, &client(), &url).await;
        cache.flush().unwrap();
        resp
    };
    assert!(file.is_file());
    let requests = server.requests();
    let next_run = HttpCache::new(MAX_CACHE_BYTES, Some(file));
    let (resp, status) = cached(&next_run, &client(), &url).await;
    assert_eq!(status, CacheStatus::Hit);
    assert_eq!(server.requests(), requests);
    assert_eq!(resp.body, first.body);
}

#[tokio::test]
async fn delete_disables_the_cache_and_removes_the_file() {
    let server = TestServer::start();
    let dir = TempDir::new("delete");
    let file = dir.path().join("http.cache");
    let cache = HttpCache::new(MAX_CACHE_BYTES, Some(file.clone()));
    let client = client();
    let url = format!("{}/cache/600", server.http_url());
    cached(&cache, &client, &url).await;
    cache.flush().unwrap();
    assert!(file.is_file());
    cache.delete().unwrap();
    assert!(!file.exists());
    assert!(!cache.is_enabled());
    for n in 2..=3 {
        let (resp, status) = cached(&cache, &client, &url).await;
        assert_eq!((status, served_count(&resp)), (CacheStatus::Miss, n));
    }
    assert!(cache.is_empty());
    assert!(HttpCache::new(MAX_CACHE_BYTES, Some(file)).is_empty());
}

#[tokio::test]
async fn an_unsafe_request_invalidates_the_stored_response() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!(
        "{}/response-headers?Cache-Control=max-age%3D60",
        server.http_url()
    );
    cached(&cache, &client, &url).await;
    assert_eq!(cached(&cache, &client, &url).await.1, CacheStatus::Hit);
    let post = Request::new(Method::POST, &url).unwrap();
    let (resp, status) = cache
        .execute(&client, post, jsrun_net::NoSink)
        .await
        .unwrap();
    assert_eq!((resp.status(), status), (StatusCode::OK, CacheStatus::Miss));
    let (resp, status) = cached(&cache, &client, &url).await;
    assert_eq!((status, served_count(&resp)), (CacheStatus::Miss, 3));
}

/// Events as a binding sees them.
#[derive(Debug, PartialEq)]
enum Seen {
    Headers(u16),
    Data(Vec<u8>),
    Progress(u64, Option<u64>),
}

async fn streamed(
    cache: &HttpCache,
    client: &Client,
    url: &str,
) -> (Response, CacheStatus, Vec<Seen>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut req = get(url);
    req.options.interest = Interest {
        headers: true,
        data: true,
        recv_progress: true,
        ..Interest::NONE
    };
    let log = seen.clone();
    let (resp, status) = cache
        .execute(client, req, move |ev: Event<'_>| {
            let mut log = log.lock().unwrap();
            match ev {
                Event::Headers(h) => log.push(Seen::Headers(h.status.as_u16())),
                Event::Data(d) => log.push(Seen::Data(d.to_vec())),
                Event::RecvProgress { received, total } => {
                    log.push(Seen::Progress(received, total))
                }
                Event::SendProgress { .. } => {}
            }
        })
        .await
        .unwrap();
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    (resp, status, seen)
}

fn data_of(seen: &[Seen]) -> Vec<u8> {
    seen.iter()
        .filter_map(|s| match s {
            Seen::Data(d) => Some(d.as_slice()),
            _ => None,
        })
        .flatten()
        .copied()
        .collect()
}

#[tokio::test]
async fn streamed_bodies_are_stored_and_hits_replay_the_events() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!("{}/cache/60", server.http_url());
    let (resp, status, seen) = streamed(&cache, &client, &url).await;
    assert_eq!(status, CacheStatus::Miss);
    assert!(resp.body.is_empty(), "the sink took the data");
    let body = data_of(&seen);
    assert!(!body.is_empty());
    assert_eq!(seen.first(), Some(&Seen::Headers(200)));

    let requests = server.requests();
    let (resp, status, seen) = streamed(&cache, &client, &url).await;
    assert_eq!(status, CacheStatus::Hit);
    assert_eq!(server.requests(), requests);
    assert!(resp.body.is_empty());
    let len = body.len() as u64;
    assert_eq!(
        seen,
        [
            Seen::Headers(200),
            Seen::Data(body),
            Seen::Progress(len, Some(len))
        ]
    );
}

#[tokio::test]
async fn a_revalidation_hides_the_304_from_the_sink() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!("{}/etag/xyz", server.http_url());
    let (_, _, first) = streamed(&cache, &client, &url).await;
    let (resp, status, seen) = streamed(&cache, &client, &url).await;
    assert_eq!(status, CacheStatus::Revalidated);
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(!seen.contains(&Seen::Headers(304)), "{seen:?}");
    assert_eq!(seen.first(), Some(&Seen::Headers(200)));
    assert_eq!(data_of(&seen), data_of(&first));
}

#[test]
fn execute_is_send_with_a_send_sink() {
    fn assert_send<T: Send>(_: &T) {}
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let fut = cache.execute(&client, get("http://127.0.0.1:9/"), jsrun_net::NoSink);
    assert_send(&fut);
}

#[tokio::test]
async fn head_requests_are_answered_from_the_stored_get() {
    let server = TestServer::start();
    let cache = HttpCache::new(MAX_CACHE_BYTES, None);
    let client = client();
    let url = format!("{}/cache/60", server.http_url());
    let (get_resp, _) = cached(&cache, &client, &url).await;
    let requests = server.requests();
    let head = Request::new(Method::HEAD, &url).unwrap();
    let (resp, status) = cache
        .execute(&client, head, jsrun_net::NoSink)
        .await
        .unwrap();
    assert_eq!(status, CacheStatus::Hit);
    assert_eq!(server.requests(), requests);
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.body.is_empty());
    assert_eq!(
        resp.head.header("x-served-count"),
        get_resp.head.header("x-served-count")
    );
}
