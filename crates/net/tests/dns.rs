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
    };
    assert_eq!(
        client().fetch(req).await.unwrap_err().kind(),
        Kind::HostResolve
    );
}
