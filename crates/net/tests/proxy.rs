//! Proxies: forwarding, CONNECT tunnels, proxy authentication, exclusions.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use http::{StatusCode, Version};
use jsrun_net::{Client, Kind, Protocol, Proxy, ProxyConfig};
use support::{client, get, json, TestServer};

fn proxy(url: &str) -> ProxyConfig {
    ProxyConfig::Explicit(Proxy::parse(url).unwrap())
}

#[tokio::test]
async fn http_through_a_forward_proxy() {
    let server = TestServer::start();
    let client = client();
    let mut req = get(&format!("{}/get?via=proxy", server.http_url()));
    req.options.proxy = proxy(&server.proxy_url());
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(json(&resp)["args"]["via"], "proxy");
    assert_eq!(server.proxy_requests(), 1);
    let proxy_port = server
        .proxy_url()
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse::<u16>()
        .unwrap();
    assert_eq!(resp.remote_addr.map(|a| a.port()), Some(proxy_port));
}

#[tokio::test]
async fn https_through_a_connect_tunnel() {
    let server = TestServer::start();
    let client = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.proxy = proxy(&server.proxy_url());
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.head.version,
        Version::HTTP_2,
        "ALPN through the tunnel"
    );
    assert_eq!(server.proxy_requests(), 1);
}

#[tokio::test]
async fn proxy_basic_authentication() {
    let server = TestServer::start();
    let trusted = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let no_creds = proxy(&server.proxy_auth_url());
    let with_creds = proxy(
        &server
            .proxy_auth_url()
            .replace("http://", "http://proxyuser:proxypass@"),
    );

    // Forwarding: the 407 is an HTTP response.
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.proxy = no_creds.clone();
    assert_eq!(
        trusted.fetch(req).await.unwrap().status(),
        StatusCode::PROXY_AUTHENTICATION_REQUIRED
    );
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.proxy = with_creds.clone();
    assert_eq!(trusted.fetch(req).await.unwrap().status(), StatusCode::OK);

    // Tunnels: a refused CONNECT is an authentication failure.
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.proxy = no_creds;
    assert_eq!(trusted.fetch(req).await.unwrap_err().kind(), Kind::Auth);
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.proxy = with_creds;
    req.options.protocol = Protocol::Http1;
    assert_eq!(trusted.fetch(req).await.unwrap().status(), StatusCode::OK);

    // Credentials given as request options instead of in the proxy.
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.proxy = proxy(&server.proxy_auth_url());
    req.options.proxy_auth = Some(jsrun_net::Credentials {
        user: "proxyuser".into(),
        password: "proxypass".into(),
        scheme: jsrun_net::AuthScheme::Basic,
    });
    assert_eq!(trusted.fetch(req).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn excluded_hosts_go_direct() {
    let server = TestServer::start();
    let mut p = Proxy::parse(&server.proxy_url()).unwrap();
    p.exclusions = vec!["127.0.0.1".into()];
    let mut req = get(&format!("{}/get", server.http_url()));
    req.options.proxy = ProxyConfig::Explicit(p);
    assert_eq!(client().fetch(req).await.unwrap().status(), StatusCode::OK);
    assert_eq!(server.proxy_requests(), 0);
}
