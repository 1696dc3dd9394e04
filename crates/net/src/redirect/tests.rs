#![allow(clippy::unwrap_used, reason = "tests")]

use http::header::LOCATION;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use url::Url;

use super::{same_origin, Chain};
use crate::error::Kind;
use crate::request::Redirects;

fn location(loc: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(LOCATION, HeaderValue::from_str(loc).unwrap());
    h
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[test]
fn statuses_that_are_not_followed() {
    let mut chain = Chain::new();
    let base = url("http://a/x");
    for code in [200u16, 300, 304, 305, 404] {
        let status = StatusCode::from_u16(code).unwrap();
        let next = chain.next(
            Redirects::follow(5),
            status,
            &location("/y"),
            &Method::GET,
            &base,
        );
        assert!(next.unwrap().is_none(), "{code}");
    }
    // No Location, or an empty one: the 3xx is the answer.
    for headers in [HeaderMap::new(), location(""), location("  ")] {
        let next = chain.next(
            Redirects::follow(5),
            StatusCode::FOUND,
            &headers,
            &Method::GET,
            &base,
        );
        assert!(next.unwrap().is_none(), "{headers:?}");
    }
    let next = chain.next(
        Redirects::None,
        StatusCode::FOUND,
        &location("/y"),
        &Method::GET,
        &base,
    );
    assert!(next.unwrap().is_none());
}

#[test]
fn method_rewriting() {
    let base = url("http://a/x");
    let cases = [
        (303, Method::POST, Method::GET, true),
        (303, Method::PUT, Method::GET, true),
        (303, Method::HEAD, Method::HEAD, false),
        (303, Method::GET, Method::GET, false),
        (301, Method::POST, Method::GET, true),
        (302, Method::POST, Method::GET, true),
        (302, Method::DELETE, Method::DELETE, false),
        (307, Method::POST, Method::POST, false),
        (308, Method::PUT, Method::PUT, false),
    ];
    for (code, from, to, drop_body) in cases {
        let mut chain = Chain::new();
        let status = StatusCode::from_u16(code).unwrap();
        let next = chain
            .next(Redirects::follow(5), status, &location("/y"), &from, &base)
            .unwrap()
            .unwrap();
        assert_eq!(
            (next.method.clone(), next.drop_body),
            (to, drop_body),
            "{code} {from}"
        );
        assert_eq!(next.url.as_str(), "http://a/y");
    }
}

#[test]
fn relative_locations_resolve_against_the_hop() {
    let mut chain = Chain::new();
    let base = url("http://a/dir/page?q=1");
    let next = chain.next(
        Redirects::follow(5),
        StatusCode::FOUND,
        &location("other#frag"),
        &Method::GET,
        &base,
    );
    assert_eq!(next.unwrap().unwrap().url.as_str(), "http://a/dir/other");
    let next = chain.next(
        Redirects::follow(5),
        StatusCode::FOUND,
        &location("//b:8080/z"),
        &Method::GET,
        &base,
    );
    assert_eq!(next.unwrap().unwrap().url.as_str(), "http://b:8080/z");
}

#[test]
fn limits_and_loops() {
    let mut chain = Chain::new();
    let a = url("http://h/a");
    let b = url("http://h/b");
    let step = |chain: &mut Chain, from: &Url, to: &str| {
        chain.next(
            Redirects::follow(2),
            StatusCode::FOUND,
            &location(to),
            &Method::GET,
            from,
        )
    };
    assert!(step(&mut chain, &a, "/b").unwrap().is_some());
    let e = step(&mut chain, &b, "/a").unwrap_err();
    assert_eq!(e.kind(), Kind::TooManyRedirects);
    assert!(e.to_string().contains("redirect loop"));

    let mut chain = Chain::new();
    assert!(step(&mut chain, &a, "/b").unwrap().is_some());
    assert!(step(&mut chain, &b, "/c").unwrap().is_some());
    let e = step(&mut chain, &url("http://h/c"), "/d").unwrap_err();
    assert_eq!(e.kind(), Kind::TooManyRedirects);
    assert!(e.to_string().contains("more than 2"));
}

#[test]
fn bad_locations() {
    let mut chain = Chain::new();
    let base = url("http://a/");
    let e = chain.next(
        Redirects::follow(5),
        StatusCode::FOUND,
        &location("ftp://x/"),
        &Method::GET,
        &base,
    );
    assert_eq!(e.unwrap_err().kind(), Kind::UnsupportedProtocol);
    let e = chain.next(
        Redirects::follow(5),
        StatusCode::FOUND,
        &location("http://[bad/"),
        &Method::GET,
        &base,
    );
    assert_eq!(e.unwrap_err().kind(), Kind::WeirdReply);
    let mut raw = HeaderMap::new();
    raw.insert(
        LOCATION,
        HeaderValue::from_bytes("/caf\u{e9}".as_bytes()).unwrap(),
    );
    let next = chain.next(
        Redirects::follow(5),
        StatusCode::FOUND,
        &raw,
        &Method::GET,
        &base,
    );
    assert_eq!(next.unwrap().unwrap().url.as_str(), "http://a/caf%C3%A9");
}

#[test]
fn origins() {
    assert!(same_origin(&url("http://a/x"), &url("http://a:80/y")));
    assert!(!same_origin(&url("http://a/"), &url("https://a/")));
    assert!(!same_origin(&url("http://a/"), &url("http://a:81/")));
    assert!(!same_origin(&url("http://a/"), &url("http://b/")));
}
