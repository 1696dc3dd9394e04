use std::time::Duration;

use http::Method;
use jsrun_net::{AuthScheme, Body, ProxyConfig, Redirects};

use super::*;
use crate::options::{CookieSpec, HttpOptions};

fn build_ok(method: Method, url: &str, o: &HttpOptions) -> (jsrun_net::Request, Meta) {
    build(method, url, o).unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn header<'a>(req: &'a jsrun_net::Request, name: &str) -> Vec<&'a str> {
    req.headers
        .iter()
        .filter(|(n, _)| n.as_str().eq_ignore_ascii_case(name))
        .filter_map(|(_, v)| v.to_str().ok())
        .collect()
}

#[test]
fn defaults_are_dirigibles() {
    let (req, meta) = build_ok(Method::GET, "http://h/p", &HttpOptions::default());
    assert_eq!(req.options.redirects, Redirects::None);
    assert_eq!(req.options.connect_timeout, None);
    assert_eq!(req.options.read_timeout, None);
    assert!(req.options.tls.verify);
    assert!(!req.options.decompress);
    assert!(!req.options.expect_continue);
    assert_eq!(req.options.proxy, ProxyConfig::Direct);
    assert!(req.headers.is_empty());
    assert!(matches!(req.body, Body::Empty));
    assert_eq!(req.options.pool_timeout, None);
    assert!(!req.options.interest.headers, "no event is needed");
    assert!(meta.cookies && !meta.binary && !meta.head);
    assert_eq!(meta.charset, "UTF-8");
}

#[test]
fn every_connection_option_reaches_the_engine() {
    let o = HttpOptions {
        connect_timeout: Some(Duration::from_millis(1500)),
        socket_timeout: Some(Duration::from_millis(250)),
        connection_request_timeout: Some(Duration::from_millis(40)),
        ssl_trust_all: true,
        content_compression: true,
        expect_continue: true,
        redirects_enabled: true,
        max_redirects: 7,
        relative_redirects_allowed: false,
        circular_redirects_allowed: true,
        proxy_host: Some("proxy.local".into()),
        proxy_port: Some(3128),
        cookie_spec: CookieSpec::Ignore,
        ..HttpOptions::default()
    };
    let (req, meta) = build_ok(Method::GET, "http://h/", &o);
    assert_eq!(
        req.options.connect_timeout,
        Some(Duration::from_millis(1500))
    );
    assert_eq!(req.options.read_timeout, Some(Duration::from_millis(250)));
    assert_eq!(req.options.pool_timeout, Some(Duration::from_millis(40)));
    assert!(!req.options.tls.verify);
    assert!(req.options.decompress);
    assert!(req.options.expect_continue);
    assert_eq!(
        req.options.redirects,
        Redirects::Follow {
            max: 7,
            allow_relative: false,
            allow_circular: true,
            fail_when_exceeded: true
        }
    );
    match &req.options.proxy {
        ProxyConfig::Explicit(p) => assert_eq!((p.host.as_str(), p.port), ("proxy.local", 3128)),
        other => panic!("proxy not set: {other:?}"),
    }
    assert!(!meta.cookies);
}

#[test]
fn a_port_in_proxy_host_wins_and_credentials_are_kept() {
    let o = HttpOptions {
        proxy_host: Some("http://u:p@proxy.local:8080".into()),
        proxy_port: Some(1),
        ..HttpOptions::default()
    };
    let (req, _) = build_ok(Method::GET, "http://h/", &o);
    let ProxyConfig::Explicit(p) = &req.options.proxy else {
        panic!("no proxy")
    };
    assert_eq!(p.port, 8080);
    assert_eq!(p.credentials, Some(("u".into(), "p".into())));
}

#[test]
fn url_credentials_follow_authentication_settings() {
    let (req, _) = build_ok(Method::GET, "http://u:p@h/", &HttpOptions::default());
    assert_eq!(
        req.options.auth.as_ref().map(|c| c.scheme),
        Some(AuthScheme::Basic)
    );
    let o = HttpOptions {
        authentication_enabled: true,
        target_auth: AuthScheme::Digest,
        ..HttpOptions::default()
    };
    let (req, _) = build_ok(Method::GET, "http://u:p@h/", &o);
    let creds = req
        .options
        .auth
        .unwrap_or_else(|| panic!("credentials lost"));
    assert_eq!(
        (creds.user.as_str(), creds.password.as_str(), creds.scheme),
        ("u", "p", AuthScheme::Digest)
    );
}

#[test]
fn query_building_keeps_fragment_and_existing_query() {
    let params = vec![("a b".to_owned(), "1/2".to_owned())];
    assert_eq!(with_query("http://h/p", &params), "http://h/p?a%20b=1%2F2");
    assert_eq!(
        with_query("http://h/p?x=1", &params),
        "http://h/p?x=1&a%20b=1%2F2"
    );
    assert_eq!(with_query("http://h/p?", &params), "http://h/p?a%20b=1%2F2");
    assert_eq!(
        with_query("http://h/p#frag", &params),
        "http://h/p?a%20b=1%2F2#frag"
    );
    assert_eq!(with_query("http://h/p", &[]), "http://h/p");
}

#[test]
fn form_bodies_use_the_character_encoding() {
    let params = vec![("ключ".to_owned(), "a b*~".to_owned())];
    assert_eq!(
        form_body(&params, "UTF-8").unwrap_or_default(),
        b"%D0%BA%D0%BB%D1%8E%D1%87=a+b*%7E"
    );
    assert_eq!(
        form_body(&params, "windows-1251").unwrap_or_default(),
        b"%EA%EB%FE%F7=a+b*%7E"
    );
}

#[test]
fn repeated_headers_replace_and_content_type_header_wins() {
    let o = HttpOptions {
        text: Some("t".into()),
        content_type: Some("text/html".into()),
        headers: vec![
            ("X-A".into(), "1".into()),
            ("content-type".into(), "text/x".into()),
            ("x-a".into(), "2".into()),
        ],
        ..HttpOptions::default()
    };
    let (req, _) = build_ok(Method::POST, "http://h/", &o);
    assert_eq!(header(&req, "x-a"), ["2"]);
    assert_eq!(header(&req, "content-type"), ["text/x"]);
}

#[test]
fn head_is_marked_and_binary_is_carried() {
    let o = HttpOptions {
        binary: true,
        ..HttpOptions::default()
    };
    let (_, meta) = build_ok(Method::HEAD, "http://h/", &o);
    assert!(meta.head && meta.binary);
}

#[test]
fn bad_urls_are_transport_errors_naming_the_url() {
    let e = match build(Method::GET, "nope", &HttpOptions::default()) {
        Err(e) => e,
        Ok(_) => panic!("a bad URL was accepted"),
    };
    assert_eq!(e.net_kind(), Some(jsrun_net::Kind::BadUrl));
    assert!(
        e.to_string().starts_with("GET nope failed: invalid URL"),
        "{e}"
    );
}
