use std::time::Duration;

use http::header::{AGE, DATE, IF_MODIFIED_SINCE, IF_NONE_MATCH};
use http::{Method, StatusCode};

use super::super::{HttpCache, Lookup, MAX_CACHE_BYTES};
use super::{at, date, get, head, headers, is_fresh, is_miss, is_stale, put, url};

fn cache() -> HttpCache {
    HttpCache::new(MAX_CACHE_BYTES, None)
}

const MAX60: (&str, &str) = ("cache-control", "max-age=60");

#[test]
fn a_fresh_entry_is_served_with_its_age_until_it_goes_stale() {
    let c = cache();
    let d = date(0);
    assert!(put(
        &c,
        "/a",
        &[],
        200,
        &[MAX60, ("date", &d), ("x-k", "v")],
        b"hello",
        0
    ));
    assert_eq!(c.len(), 1);
    let Lookup::Fresh(hit) = get(&c, "/a", &[], 59) else {
        panic!("fresh at 59 s")
    };
    assert_eq!(hit.status, StatusCode::OK);
    assert_eq!(&hit.body[..], b"hello");
    assert_eq!(hit.url, url("/a"));
    assert_eq!(hit.age, Duration::from_secs(59));
    assert_eq!(hit.headers.get(AGE).unwrap(), "59");
    assert_eq!(hit.headers.get("x-k").unwrap(), "v");
    // No validator: once stale it is of no use.
    assert!(is_miss(&get(&c, "/a", &[], 60)));
    assert!(is_miss(&get(&c, "/other", &[], 1)));
    // The fragment is not part of the key.
    let with_fragment = url("/a#top");
    assert!(is_fresh(&c.lookup(
        &Method::GET,
        &with_fragment,
        &headers(&[]),
        at(1)
    )));
}

#[test]
fn a_stale_entry_with_validators_asks_for_a_conditional_request() {
    let c = cache();
    let lm = date(0);
    let resp = [
        ("cache-control", "max-age=10"),
        ("etag", "W/\"v1\""),
        ("last-modified", lm.as_str()),
    ];
    assert!(put(&c, "/a", &[], 200, &resp, b"body", 100));
    assert!(is_fresh(&get(&c, "/a", &[], 105)));
    let Lookup::Stale { key, validators } = get(&c, "/a", &[], 110) else {
        panic!("stale at 110 s")
    };
    assert_eq!(key.url(), &url("/a"));
    assert_eq!(validators.get(IF_NONE_MATCH).unwrap(), "W/\"v1\"");
    assert_eq!(validators.get(IF_MODIFIED_SINCE).unwrap(), lm.as_str());
    assert_eq!(validators.len(), 2);
}

#[test]
fn a_304_freshens_the_entry_and_returns_the_full_response() {
    let c = cache();
    let resp = [
        ("cache-control", "max-age=10"),
        ("etag", "\"v1\""),
        ("content-length", "4"),
        ("x-old", "1"),
    ];
    assert!(put(&c, "/a", &[], 200, &resp, b"body", 0));
    let Lookup::Stale { key, .. } = get(&c, "/a", &[], 20) else {
        panic!("stale")
    };
    let u = url("/a");
    let d = date(20);
    let nm = head(
        304,
        &u,
        &[
            ("etag", "\"v1\""),
            ("cache-control", "max-age=100"),
            ("x-old", "2"),
            ("content-length", "0"),
            ("date", &d),
        ],
    );
    let hit = c.freshen(&key, &nm, at(20)).expect("freshened");
    assert_eq!(hit.status, StatusCode::OK);
    assert_eq!(&hit.body[..], b"body");
    assert_eq!(hit.headers.get("x-old").unwrap(), "2");
    assert_eq!(
        hit.headers.get("content-length").unwrap(),
        "4",
        "the stored body's length stays"
    );
    assert_eq!(hit.headers.get("cache-control").unwrap(), "max-age=100");
    // The new lifetime applies from the 304 on.
    assert!(is_fresh(&get(&c, "/a", &[], 119)));
    assert!(is_stale(&get(&c, "/a", &[], 120)));
    assert_eq!(c.len(), 1);
}

#[test]
fn a_304_without_date_or_age_restarts_the_clock() {
    let c = cache();
    let d = date(0);
    let resp = [
        ("cache-control", "max-age=10"),
        ("etag", "\"v1\""),
        ("date", d.as_str()),
        ("age", "5"),
    ];
    assert!(put(&c, "/a", &[], 200, &resp, b"x", 0));
    let Lookup::Stale { key, .. } = get(&c, "/a", &[], 1000) else {
        panic!("stale")
    };
    let hit = c
        .freshen(&key, &head(304, &url("/a"), &[]), at(1000))
        .unwrap();
    assert_eq!(hit.headers.get(DATE).unwrap(), date(1000).as_str());
    assert!(hit.headers.get(AGE).is_none());
    assert_eq!(hit.age, Duration::ZERO);
    assert!(is_fresh(&get(&c, "/a", &[], 1009)));
}

#[test]
fn a_304_for_another_representation_or_a_200_does_not_freshen() {
    let c = cache();
    // Last-Modified equal to Date: no heuristic freshness, stale at once.
    let lm = date(0);
    let resp = [("etag", "\"v1\""), ("last-modified", lm.as_str())];
    assert!(put(&c, "/a", &[], 200, &resp, b"x", 0));
    let Lookup::Stale { key, .. } = get(&c, "/a", &[], 1) else {
        panic!("stale")
    };
    let u = url("/a");
    assert!(c
        .freshen(&key, &head(304, &u, &[("etag", "\"v2\"")]), at(1))
        .is_none());
    let later = date(5);
    let other_lm = [("last-modified", later.as_str())];
    assert!(c.freshen(&key, &head(304, &u, &other_lm), at(1)).is_none());
    assert!(c.freshen(&key, &head(200, &u, &[]), at(1)).is_none());
    // A weak 304 tag matches a strong stored one (weak comparison).
    assert!(c
        .freshen(&key, &head(304, &u, &[("etag", "W/\"v1\"")]), at(1))
        .is_some());
}

#[test]
fn freshen_works_even_if_the_entry_was_evicted_meanwhile() {
    let c = cache();
    assert!(put(&c, "/a", &[], 200, &[("etag", "\"v1\"")], b"kept", 0));
    let Lookup::Stale { key, .. } = get(&c, "/a", &[], 1) else {
        panic!("stale")
    };
    assert_eq!(c.invalidate(&url("/a")), 1);
    assert!(c.is_empty());
    let hit = c.freshen(
        &key,
        &head(304, &url("/a"), &[("cache-control", "max-age=60")]),
        at(2),
    );
    assert_eq!(&hit.unwrap().body[..], b"kept");
    assert!(is_fresh(&get(&c, "/a", &[], 3)), "stored again");
}

#[test]
fn no_store_is_never_stored_and_no_cache_is_always_revalidated() {
    let c = cache();
    assert!(!put(
        &c,
        "/ns",
        &[],
        200,
        &[("cache-control", "no-store, max-age=60")],
        b"x",
        0
    ));
    assert!(is_miss(&get(&c, "/ns", &[], 1)));
    assert!(put(
        &c,
        "/nc",
        &[],
        200,
        &[("cache-control", "no-cache, max-age=60"), ("etag", "\"e\"")],
        b"x",
        0
    ));
    assert!(is_stale(&get(&c, "/nc", &[], 0)));
    assert!(put(
        &c,
        "/pragma",
        &[],
        200,
        &[("pragma", "no-cache"), ("etag", "\"e\"")],
        b"x",
        0
    ));
    assert!(is_stale(&get(&c, "/pragma", &[], 0)));
}

#[test]
fn must_revalidate_is_never_served_stale() {
    let c = cache();
    let resp = [
        ("cache-control", "max-age=10, must-revalidate"),
        ("etag", "\"e\""),
    ];
    assert!(put(&c, "/a", &[], 200, &resp, b"x", 0));
    assert!(is_fresh(&get(&c, "/a", &[], 9)));
    assert!(is_stale(&get(
        &c,
        "/a",
        &[("cache-control", "max-stale=1000")],
        11
    )));
    // Without must-revalidate the client may accept staleness.
    assert!(put(
        &c,
        "/b",
        &[],
        200,
        &[("cache-control", "max-age=10"), ("etag", "\"e\"")],
        b"x",
        0
    ));
    assert!(is_fresh(&get(
        &c,
        "/b",
        &[("cache-control", "max-stale=1000")],
        11
    )));
}

#[test]
fn request_directives_are_honoured_on_lookup() {
    let c = cache();
    assert!(put(
        &c,
        "/a",
        &[],
        200,
        &[MAX60, ("etag", "\"e\"")],
        b"x",
        0
    ));
    assert!(is_stale(&get(
        &c,
        "/a",
        &[("cache-control", "no-cache")],
        1
    )));
    assert!(is_stale(&get(
        &c,
        "/a",
        &[("cache-control", "max-age=0")],
        1
    )));
    assert!(is_stale(&get(&c, "/a", &[("pragma", "no-cache")], 1)));
    assert!(is_miss(&get(&c, "/a", &[("cache-control", "no-store")], 1)));
    // Conditionals and ranges are the caller's own business: not answered here.
    assert!(is_miss(&get(&c, "/a", &[("if-none-match", "\"e\"")], 1)));
    assert!(is_miss(&get(&c, "/a", &[("range", "bytes=0-1")], 1)));
    assert!(is_fresh(&get(&c, "/a", &[], 1)));
    // A request with no-store leaves the cache alone.
    assert!(!put(
        &c,
        "/b",
        &[("cache-control", "no-store")],
        200,
        &[MAX60],
        b"x",
        0
    ));
}

#[test]
fn head_is_answered_from_get_entries_without_a_body_and_not_stored() {
    let c = cache();
    assert!(put(&c, "/a", &[], 200, &[MAX60], b"body", 0));
    let u = url("/a");
    let Lookup::Fresh(hit) = c.lookup(&Method::HEAD, &u, &headers(&[]), at(1)) else {
        panic!("HEAD hit")
    };
    assert!(hit.body.is_empty());
    assert_eq!(hit.status, StatusCode::OK);
    let u2 = url("/b");
    let h = head(200, &u2, &[MAX60]);
    assert!(!c.store(&Method::HEAD, &u2, &headers(&[]), &h, b"", at(0), at(0)));
    assert!(is_miss(&c.lookup(&Method::POST, &u, &headers(&[]), at(1))));
}

#[test]
fn unsafe_methods_invalidate_the_url_and_same_origin_locations() {
    let c = cache();
    for p in ["/a", "/b", "/c", "/d"] {
        assert!(put(&c, p, &[], 200, &[MAX60], b"x", 0));
    }
    let u = url("/a");
    let resp = head(
        201,
        &u,
        &[
            ("location", "/b"),
            ("content-location", "http://elsewhere.test/c"),
        ],
    );
    assert!(!c.store(&Method::POST, &u, &headers(&[]), &resp, b"", at(1), at(1)));
    assert!(is_miss(&get(&c, "/a", &[], 2)));
    assert!(is_miss(&get(&c, "/b", &[], 2)));
    assert!(
        is_fresh(&get(&c, "/c", &[], 2)),
        "another origin's path is not ours"
    );
    // An error response changes nothing.
    let u = url("/d");
    let failed = head(500, &u, &[]);
    assert!(!c.store(
        &Method::DELETE,
        &u,
        &headers(&[]),
        &failed,
        b"",
        at(1),
        at(1)
    ));
    assert!(is_fresh(&get(&c, "/d", &[], 2)));
    for m in [Method::PUT, Method::DELETE, Method::PATCH] {
        assert!(put(&c, "/d", &[], 200, &[MAX60], b"x", 0));
        let ok = head(204, &u, &[]);
        c.store(&m, &u, &headers(&[]), &ok, b"", at(1), at(1));
        assert!(is_miss(&get(&c, "/d", &[], 2)), "{m}");
    }
}

#[test]
fn vary_selects_among_stored_variants() {
    let c = cache();
    let resp = [MAX60, ("vary", "Accept-Language")];
    assert!(put(
        &c,
        "/v",
        &[("accept-language", "en")],
        200,
        &resp,
        b"hello",
        0
    ));
    assert!(put(
        &c,
        "/v",
        &[("accept-language", "fr")],
        200,
        &resp,
        b"bonjour",
        0
    ));
    assert_eq!(c.len(), 2);
    let body = |lang: &str| match get(&c, "/v", &[("accept-language", lang)], 1) {
        Lookup::Fresh(hit) => Some(hit.body),
        _ => None,
    };
    assert_eq!(&body("en").unwrap()[..], b"hello");
    assert_eq!(&body("fr").unwrap()[..], b"bonjour");
    assert!(body("de").is_none());
    assert!(is_miss(&get(&c, "/v", &[], 1)));
    // A new response for "en" replaces the old "en" variant only.
    assert!(put(
        &c,
        "/v",
        &[("accept-language", "en")],
        200,
        &resp,
        b"hi",
        2
    ));
    assert_eq!(c.len(), 2);
    assert_eq!(&body("en").unwrap()[..], b"hi");
}

#[test]
fn vary_star_never_matches() {
    let c = cache();
    assert!(!put(&c, "/v", &[], 200, &[MAX60, ("vary", "*")], b"x", 0));
    assert!(c.is_empty());
}

#[test]
fn authorization_requires_a_shareable_response() {
    let c = cache();
    let auth = [("authorization", "Bearer t")];
    assert!(!put(&c, "/p", &auth, 200, &[MAX60], b"x", 0));
    assert!(put(
        &c,
        "/q",
        &auth,
        200,
        &[("cache-control", "public, max-age=60")],
        b"x",
        0
    ));
    assert!(put(
        &c,
        "/r",
        &auth,
        200,
        &[("cache-control", "max-age=60, must-revalidate")],
        b"x",
        0
    ));
}

#[test]
fn hop_by_hop_fields_are_dropped_and_a_date_is_added() {
    let c = cache();
    let resp = [
        MAX60,
        ("connection", "close, x-conn"),
        ("keep-alive", "timeout=5"),
        ("x-conn", "1"),
        ("transfer-encoding", "chunked"),
        ("x-end", "kept"),
    ];
    assert!(put(&c, "/a", &[], 200, &resp, b"x", 0));
    let Lookup::Fresh(hit) = get(&c, "/a", &[], 0) else {
        panic!("fresh")
    };
    for gone in ["connection", "keep-alive", "x-conn", "transfer-encoding"] {
        assert!(hit.headers.get(gone).is_none(), "{gone}");
    }
    assert_eq!(hit.headers.get("x-end").unwrap(), "kept");
    assert_eq!(hit.headers.get(DATE).unwrap(), date(0).as_str());
}

#[test]
fn repeated_headers_survive_storage() {
    let c = cache();
    assert!(put(
        &c,
        "/a",
        &[],
        200,
        &[MAX60, ("set-cookie", "a=1"), ("set-cookie", "b=2")],
        b"x",
        0
    ));
    let Lookup::Fresh(hit) = get(&c, "/a", &[], 0) else {
        panic!("fresh")
    };
    let cookies: Vec<_> = hit.headers.get_all("set-cookie").iter().collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
}

#[test]
fn the_capacity_is_clamped_and_bounds_the_total_size() {
    assert_eq!(
        HttpCache::new(u64::MAX, None).capacity_bytes(),
        MAX_CACHE_BYTES
    );
    let c = HttpCache::new(2000, None);
    assert_eq!(c.capacity_bytes(), 2000);
    assert!(
        !put(&c, "/huge", &[], 200, &[MAX60], &[0u8; 2001], 0),
        "larger than the cache"
    );
    assert!(c.is_empty());
    for i in 0..10 {
        assert!(put(
            &c,
            &format!("/e{i}"),
            &[],
            200,
            &[MAX60],
            &[1u8; 500],
            0
        ));
        assert!(c.size_bytes() <= 2000, "after {i}: {}", c.size_bytes());
    }
    assert_eq!(
        c.len(),
        3,
        "three 500-byte bodies with their headers fit in 2000"
    );
    assert!(is_fresh(&get(&c, "/e9", &[], 1)));
    assert!(is_miss(&get(&c, "/e6", &[], 1)));
}

#[test]
fn eviction_removes_the_least_recently_used_entry() {
    let c = HttpCache::new(2000, None);
    for p in ["/a", "/b", "/c"] {
        assert!(put(&c, p, &[], 200, &[MAX60], &[1u8; 500], 0));
    }
    // Using /a makes /b the least recently used.
    assert!(is_fresh(&get(&c, "/a", &[], 1)));
    assert!(put(&c, "/d", &[], 200, &[MAX60], &[1u8; 500], 0));
    assert!(is_miss(&get(&c, "/b", &[], 1)));
    for p in ["/a", "/c", "/d"] {
        assert!(is_fresh(&get(&c, p, &[], 1)), "{p}");
    }
}

#[test]
fn size_accounting_follows_inserts_replacements_and_removals() {
    let c = cache();
    assert_eq!(c.size_bytes(), 0);
    assert!(put(&c, "/a", &[], 200, &[MAX60], &[1u8; 1000], 0));
    let one = c.size_bytes();
    assert!(one > 1000, "headers and URL count too: {one}");
    assert!(put(&c, "/a", &[], 200, &[MAX60], &[1u8; 1000], 1));
    assert_eq!(c.size_bytes(), one, "a replacement, not a second entry");
    assert!(put(&c, "/b", &[], 200, &[MAX60], &[1u8; 10], 0));
    assert!(c.size_bytes() > one);
    c.invalidate(&url("/a"));
    c.invalidate(&url("/b"));
    assert_eq!((c.len(), c.size_bytes()), (0, 0));
}

#[test]
fn a_zero_capacity_cache_stores_nothing() {
    let c = HttpCache::new(0, None);
    assert!(!put(&c, "/a", &[], 200, &[MAX60], b"", 0));
}

#[test]
fn clones_share_one_cache() {
    let c = cache();
    let c2 = c.clone();
    assert!(put(&c, "/a", &[], 200, &[MAX60], b"x", 0));
    assert!(is_fresh(&get(&c2, "/a", &[], 1)));
}

#[test]
fn request_headers_include_what_the_engine_adds() {
    let mut req = crate::Request::new(Method::GET, "http://u:p@example.test/x").unwrap();
    req.add_header("X-A", "1").unwrap();
    req.options.range = Some((0, None));
    req.options.decompress = true;
    let h = HttpCache::request_headers(&req);
    assert_eq!(h.get("x-a").unwrap(), "1");
    assert!(h.contains_key("authorization"));
    assert!(h.contains_key("range"));
    assert_eq!(h.get("accept-encoding").unwrap(), "gzip, deflate, br");
    let plain = crate::Request::new(Method::GET, "http://example.test/x").unwrap();
    assert!(HttpCache::request_headers(&plain).is_empty());
}

#[test]
fn the_cache_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<HttpCache>();
    assert_send_sync::<Lookup>();
    let c = cache();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let c = c.clone();
            std::thread::spawn(move || {
                for j in 0..50 {
                    let path = format!("/t{i}/{j}");
                    assert!(put(&c, &path, &[], 200, &[MAX60], b"x", 0));
                    assert!(is_fresh(&get(&c, &path, &[], 1)));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(c.len(), 200);
}

#[test]
fn a_head_revalidation_returns_no_body() {
    let c = cache();
    assert!(put(&c, "/a", &[], 200, &[("etag", "\"e\"")], b"body", 0));
    let u = url("/a");
    let Lookup::Stale { key, validators } = c.lookup(&Method::HEAD, &u, &headers(&[]), at(1))
    else {
        panic!("stale HEAD")
    };
    assert_eq!(validators.get(IF_NONE_MATCH).unwrap(), "\"e\"");
    let hit = c.freshen(&key, &head(304, &u, &[]), at(2)).unwrap();
    assert!(hit.body.is_empty());
    // The GET entry keeps its body.
    let Lookup::Stale { key, .. } = get(&c, "/a", &[], 3) else {
        panic!("stale GET")
    };
    let hit = c.freshen(&key, &head(304, &u, &[]), at(3)).unwrap();
    assert_eq!(&hit.body[..], b"body");
}
