//! Custom DNS servers and address families.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use http::StatusCode;
use jsrun_net::{AddressFamily, DnsOptions, Kind};
use support::{client, get, json, TestServer};

#[tokio::test]
async fn names_resolve_through_the_given_server() {
    let server = TestServer::start();
    let port = server.http_url().rsplit(':').next().unwrap().to_string();
    let mut req = get(&format!("http://api.jsrun.test:{port}/headers"));
    req.options.dns = DnsOptions {
        servers: vec![server.dns_addr()],
        family: AddressFamily::V4,
        ..DnsOptions::default()
    };
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        json(&resp)["headers"]["host"],
        format!("api.jsrun.test:{port}")
    );
    assert!(server.dns_queries() >= 1);
    assert!(resp.timing.dns > std::time::Duration::ZERO);

    // The system resolver does not know the name.
    let err = client()
        .fetch(get(&format!("http://api.jsrun.test:{port}/")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Kind::HostResolve);
    // Nor does the test server's DNS know other names.
    let mut req = get(&format!("http://unknown.example:{port}/"));
    req.options.dns = DnsOptions {
        servers: vec![server.dns_addr()],
        family: AddressFamily::Default,
        ..DnsOptions::default()
    };
    assert_eq!(
        client().fetch(req).await.unwrap_err().kind(),
        Kind::HostResolve
    );
}

fn port_of(url: &str) -> u16 {
    url.rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches('/')
        .parse()
        .unwrap()
}

/// A server whose certificate also names `doh.test` and `secure.jsrun.test`,
/// and a client that sends `doh.test:443` to its HTTPS port and trusts its CA.
fn doh_setup() -> (TestServer, jsrun_net::Client) {
    let server = TestServer::builder()
        .tls_name("doh.test")
        .tls_name("secure.jsrun.test")
        .build();
    let client = jsrun_net::Client::builder()
        .connect_to("doh.test", 443, "127.0.0.1", port_of(&server.https_url()))
        .add_root_certificate_file(server.ca_path())
        .build()
        .unwrap();
    (server, client)
}

fn doh(url: &str) -> DnsOptions {
    DnsOptions {
        doh: Some(url.parse().unwrap()),
        ..DnsOptions::default()
    }
}

#[tokio::test]
async fn names_resolve_through_dns_over_https() {
    let (server, client) = doh_setup();
    // Plain HTTP to a name only the DoH endpoint knows.
    let port = port_of(&server.http_url());
    let mut req = get(&format!("http://doh-a.jsrun.test:{port}/headers"));
    req.options.dns = doh("https://doh.test/dns-query");
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        json(&resp)["headers"]["host"],
        format!("doh-a.jsrun.test:{port}")
    );
    // A and AAAA, one request each; no plain DNS.
    assert_eq!(server.doh_queries(), 2);
    assert_eq!(server.dns_queries(), 0);
    assert!(resp.timing.dns > std::time::Duration::ZERO);

    // HTTPS: the connection goes to the DoH answer, while SNI and the
    // certificate check keep the URL's name.
    let https_port = port_of(&server.https_url());
    let mut req = get(&format!("https://secure.jsrun.test:{https_port}/get"));
    req.options.dns = doh("https://doh.test/dns-query");
    req.options.dns.family = AddressFamily::V4;
    let resp = client.fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(server.doh_queries(), 3);

    // Answers are cached for their TTL, across clients.
    let (_, other_client) = doh_setup();
    let mut req = get(&format!("http://doh-a.jsrun.test:{port}/get"));
    req.options.dns = doh("https://doh.test/dns-query");
    other_client.fetch(req).await.unwrap();
    assert_eq!(server.doh_queries(), 3);

    // A name the endpoint says does not exist is final.
    let mut req = get(&format!("http://doh-missing.example:{port}/"));
    req.options.dns = doh("https://doh.test/dns-query");
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::HostResolve);
    assert!(err.to_string().contains("NXDOMAIN"), "{err}");
}

#[tokio::test]
async fn an_unusable_doh_endpoint_falls_back_to_ordinary_resolution() {
    let (server, client) = doh_setup();
    let port = port_of(&server.http_url());
    let https_port = port_of(&server.https_url());
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let endpoints = [
        // Nothing listens there.
        format!("https://127.0.0.1:{refused}/dns-query"),
        // Not https.
        format!("{}/dns-query", server.http_url()),
        // An HTTP error.
        "https://doh.test/status/404".to_string(),
        // Not a DNS message.
        format!("https://127.0.0.1:{https_port}/bytes/64"),
        // A name that does not resolve.
        "https://doh-endpoint.invalid/dns-query".to_string(),
    ];
    for (i, endpoint) in endpoints.iter().enumerate() {
        // The fallback here is the test server's UDP DNS.
        let mut req = get(&format!("http://doh-fallback-{i}.jsrun.test:{port}/get"));
        req.options.dns = DnsOptions {
            servers: vec![server.dns_addr()],
            ..doh(endpoint)
        };
        let resp = client
            .fetch(req)
            .await
            .unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert_eq!(resp.status(), StatusCode::OK, "{endpoint}");
    }
    assert_eq!(server.doh_queries(), 0);
    assert!(server.dns_queries() >= endpoints.len() as u64);

    // With no fallback that knows the name, the error tells both stories.
    let mut req = get(&format!("http://doh-nowhere.jsrun.test:{port}/get"));
    req.options.dns = doh(&format!("https://127.0.0.1:{refused}/dns-query"));
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), Kind::HostResolve);
    assert!(err.to_string().contains("after DoH"), "{err}");
}

#[tokio::test]
async fn a_doh_endpoint_outside_the_allow_list_is_not_asked() {
    let server = TestServer::builder().tls_name("doh.test").build();
    let client = jsrun_net::Client::builder()
        .connect_to("doh.test", 443, "127.0.0.1", port_of(&server.https_url()))
        .add_root_certificate_file(server.ca_path())
        .allow_hosts(vec!["*.jsrun.test".into()])
        .build()
        .unwrap();
    let port = port_of(&server.http_url());
    let mut req = get(&format!("http://doh-allowed.jsrun.test:{port}/get"));
    req.options.dns = DnsOptions {
        servers: vec![server.dns_addr()],
        ..doh("https://doh.test/dns-query")
    };
    assert_eq!(client.fetch(req).await.unwrap().status(), StatusCode::OK);
    assert_eq!(server.doh_queries(), 0);
    assert!(server.dns_queries() >= 1);
}
