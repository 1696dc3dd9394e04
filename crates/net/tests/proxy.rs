//! Proxies: forwarding, CONNECT tunnels, proxy authentication, exclusions.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::sync::atomic::Ordering;

use http::{StatusCode, Version};
use jsrun_net::{AuthScheme, Client, Credentials, Kind, Protocol, Proxy, ProxyConfig};
use support::auth_proxy::{self, AuthProxy, Script};
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

fn proxy_creds(scheme: AuthScheme) -> Option<Credentials> {
    Some(Credentials {
        user: auth_proxy::USER.into(),
        password: auth_proxy::PASS.into(),
        scheme,
    })
}

const DIGEST_ONLY: Script = Script {
    digest: true,
    basic: false,
    close_after_407: false,
};

#[tokio::test]
async fn digest_proxy_credentials_wait_for_the_challenge_when_forwarding() {
    let proxy_server = AuthProxy::start(DIGEST_ONLY);
    let mut req = get("http://origin.test:8080/page?q=1");
    req.options.proxy = proxy(&proxy_server.url());
    req.options.proxy_auth = proxy_creds(AuthScheme::Digest);
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.body, "proxied http://origin.test:8080/page?q=1");
    let auths = proxy_server.authorizations();
    assert_eq!(auths.len(), 2, "{auths:?}");
    assert_eq!(auths[0], "", "nothing up front");
    assert!(auths[1].starts_with("Digest "), "{auths:?}");
    // One connection: the 407's body was read and the connection kept.
    assert_eq!(proxy_server.accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn digest_proxy_credentials_answer_a_connect_challenge() {
    let server = TestServer::start();
    let trusted = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    for close_after_407 in [false, true] {
        let proxy_server = AuthProxy::start(Script {
            close_after_407,
            ..DIGEST_ONLY
        });
        let mut req = get(&format!("{}/get", server.https_url()));
        req.options.proxy = proxy(&proxy_server.url());
        req.options.proxy_auth = proxy_creds(AuthScheme::Digest);
        let resp = trusted.fetch(req).await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let auths = proxy_server.authorizations();
        assert_eq!(auths.len(), 2, "{auths:?}");
        assert_eq!(auths[0], "");
        assert!(auths[1].starts_with("Digest "), "{auths:?}");
        // A proxy that closes after its 407 gets the answer on a new connection.
        let connections = if close_after_407 { 2 } else { 1 };
        assert_eq!(
            proxy_server.accepted.load(Ordering::SeqCst),
            connections,
            "close_after_407 = {close_after_407}"
        );
    }
}

#[tokio::test]
async fn auto_proxy_credentials_answer_what_the_proxy_offers() {
    let server = TestServer::start();
    let trusted = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    for (basic, digest, answer) in [(true, true, "Digest "), (true, false, "Basic ")] {
        let proxy_server = AuthProxy::start(Script {
            digest,
            basic,
            close_after_407: false,
        });
        for url in [
            "http://origin.test/".to_string(),
            format!("{}/get", server.https_url()),
        ] {
            let mut req = get(&url);
            req.options.proxy = proxy(&proxy_server.url());
            req.options.proxy_auth = proxy_creds(AuthScheme::Auto);
            assert_eq!(trusted.fetch(req).await.unwrap().status(), StatusCode::OK);
        }
        let auths = proxy_server.authorizations();
        assert_eq!(auths.len(), 4, "{auths:?}");
        for pair in auths.chunks(2) {
            assert_eq!(pair[0], "", "{auths:?}");
            assert!(pair[1].starts_with(answer), "{auths:?}");
        }
    }
}

#[tokio::test]
async fn digest_credentials_do_not_answer_a_basic_only_proxy() {
    let server = TestServer::start();
    let trusted = Client::builder()
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    let proxy_server = AuthProxy::start(Script {
        digest: false,
        basic: true,
        close_after_407: false,
    });
    let mut req = get("http://origin.test/");
    req.options.proxy = proxy(&proxy_server.url());
    req.options.proxy_auth = proxy_creds(AuthScheme::Digest);
    assert_eq!(
        trusted.fetch(req).await.unwrap().status(),
        StatusCode::PROXY_AUTHENTICATION_REQUIRED
    );
    let mut req = get(&format!("{}/get", server.https_url()));
    req.options.proxy = proxy(&proxy_server.url());
    req.options.proxy_auth = proxy_creds(AuthScheme::Digest);
    assert_eq!(trusted.fetch(req).await.unwrap_err().kind(), Kind::Auth);
    // The password never went out in the clear.
    assert!(proxy_server.authorizations().iter().all(String::is_empty));
    // Basic credentials still go up front.
    let mut req = get("http://origin.test/");
    req.options.proxy = proxy(&proxy_server.url());
    req.options.proxy_auth = proxy_creds(AuthScheme::Basic);
    assert_eq!(trusted.fetch(req).await.unwrap().status(), StatusCode::OK);
    let auths = proxy_server.authorizations();
    assert_eq!(auths.len(), 3, "{auths:?}");
    assert!(auths[2].starts_with("Basic "), "{auths:?}");
}
