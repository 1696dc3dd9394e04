use std::time::{Duration, SystemTime};

use url::Url;

use super::*;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn t0() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

#[test]
fn host_only_cookie_goes_back_to_the_same_host_only() {
    let mut jar = CookieJar::default();
    jar.store_at(&url("http://a.example/x/y"), "k=v", t0());
    assert_eq!(
        jar.header_at(&url("http://a.example/x/z"), t0()).as_deref(),
        Some("k=v")
    );
    assert_eq!(jar.header_at(&url("http://b.a.example/x/z"), t0()), None);
    // Default path is the request's directory.
    assert_eq!(jar.header_at(&url("http://a.example/other"), t0()), None);
}

#[test]
fn domain_cookie_reaches_subdomains_but_not_other_sites() {
    let mut jar = CookieJar::default();
    jar.store_at(
        &url("http://www.example.com/"),
        "d=1; Domain=.example.com; Path=/",
        t0(),
    );
    assert_eq!(
        jar.header_at(&url("http://api.example.com/"), t0())
            .as_deref(),
        Some("d=1")
    );
    assert_eq!(
        jar.header_at(&url("http://example.com/"), t0()).as_deref(),
        Some("d=1")
    );
    assert_eq!(jar.header_at(&url("http://badexample.com/"), t0()), None);
    jar.store_at(
        &url("http://www.example.com/"),
        "evil=1; Domain=other.org",
        t0(),
    );
    assert_eq!(jar.len(), 1);
}

#[test]
fn secure_cookies_stay_on_https() {
    let mut jar = CookieJar::default();
    jar.store_at(&url("https://h/"), "s=1; Secure; Path=/", t0());
    assert_eq!(jar.header_at(&url("http://h/"), t0()), None);
    assert_eq!(
        jar.header_at(&url("https://h/"), t0()).as_deref(),
        Some("s=1")
    );
}

#[test]
fn max_age_and_expires_end_cookies() {
    let mut jar = CookieJar::default();
    let u = url("http://h/");
    jar.store_at(&u, "m=1; Max-Age=10", t0());
    jar.store_at(&u, "e=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT", t0());
    jar.store_at(&u, "n=1; Expires=Wed, 09-Jun-2100 10:18:14 GMT", t0());
    assert_eq!(jar.header_at(&u, t0()).as_deref(), Some("m=1; n=1"));
    let later = t0() + Duration::from_secs(11);
    assert_eq!(jar.header_at(&u, later).as_deref(), Some("n=1"));
    jar.store_at(&u, "n=gone; Max-Age=0", later);
    assert_eq!(jar.header_at(&u, later), None);
}

#[test]
fn a_cookie_replaces_the_one_with_the_same_name_domain_and_path() {
    let mut jar = CookieJar::default();
    let u = url("http://h/");
    jar.store_at(&u, "a=1; Path=/", t0());
    jar.store_at(&u, "a=2; Path=/", t0());
    jar.store_at(&u, "a=3; Path=/sub", t0());
    assert_eq!(
        jar.header_at(&url("http://h/sub/x"), t0()).as_deref(),
        Some("a=3; a=2")
    );
    assert_eq!(
        jar.header_at(&url("http://h/subway"), t0()).as_deref(),
        Some("a=2")
    );
}

#[test]
fn garbage_is_ignored_and_the_jar_is_bounded() {
    let mut jar = CookieJar::default();
    let u = url("http://h/");
    for bad in ["", "novalue", "=x", ";;;"] {
        jar.store_at(&u, bad, t0());
    }
    assert_eq!(jar.len(), 0);
    for i in 0..MAX_COOKIES + 10 {
        jar.store_at(&u, &format!("c{i}=1"), t0());
    }
    assert_eq!(jar.len(), MAX_COOKIES);
    let header = jar.header_at(&u, t0()).unwrap_or_default();
    assert!(!header.contains("c0=1;"), "the oldest went first");
}

#[test]
fn the_engine_hook_stores_every_value_and_answers_matching_urls() {
    use jsrun_net::CookieJar as _;
    let jar = SharedJar::default();
    let values = [
        HeaderValue::from_static("a=1; Path=/"),
        HeaderValue::from_static("b=2; Path=/only"),
    ];
    jar.store(&url("http://h.example/set"), &mut values.iter());
    let sent = jar.cookies(&url("http://h.example/only/x"));
    assert_eq!(
        sent.as_ref().map(HeaderValue::as_bytes),
        Some(&b"b=2; a=1"[..])
    );
    assert_eq!(
        jar.cookies(&url("http://h.example/"))
            .as_ref()
            .map(HeaderValue::as_bytes),
        Some(&b"a=1"[..])
    );
    assert_eq!(jar.cookies(&url("http://other.example/")), None);
}
