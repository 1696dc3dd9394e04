//! The connection pool: reuse, cancellation, priority, dead connections.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::sync::atomic::Ordering;
use std::time::Duration;

use http::StatusCode;
use jsrun_net::Client;
use support::{client, eventually, fetch, get, ok, Action, Raw, TestServer};

#[tokio::test]
async fn keep_alive_reuses_one_connection() {
    let server = TestServer::start();
    let client = client();
    for _ in 0..10 {
        fetch(&client, &format!("{}/get", server.http_url())).await;
    }
    assert_eq!(server.connections(), 1);
    assert_eq!(client.pooled_connections(), 1);
}

#[tokio::test]
async fn cancelling_closes_the_connection_at_once() {
    let raw = Raw::start(|path, _| {
        if path == "/hang" {
            Action::Hang
        } else {
            Action::Reply(ok("fine"))
        }
    });
    let client = client();
    // Drop the request while it waits for the answer.
    let fut = client.fetch(get(&raw.url("/hang")));
    assert!(tokio::time::timeout(Duration::from_millis(100), fut)
        .await
        .is_err());
    assert!(
        eventually(|| raw.closed.load(Ordering::SeqCst) == 1).await,
        "the server saw the socket close"
    );
    // The next request opens a new connection and works.
    let resp = fetch(&client, &raw.url("/ok")).await;
    assert_eq!(resp.body, "fine");
    assert_eq!(raw.accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn cancelling_mid_body_does_not_return_the_connection() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/slow-body?delay_ms=50&size=100", server.bad_url());
    let fut = client.fetch(get(&url));
    assert!(tokio::time::timeout(Duration::from_millis(300), fut)
        .await
        .is_err());
    assert_eq!(client.pooled_connections(), 0);
}

#[tokio::test]
async fn queued_requests_go_by_priority() {
    let raw = Raw::start(|path, _| {
        if path == "/first" {
            Action::Hold(ok("first"))
        } else {
            Action::Reply(ok("next"))
        }
    });
    let client = Client::builder()
        .max_connections_per_host(1)
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let c = client.clone();
            let first_url = raw.url("/first");
            let first = tokio::task::spawn_local(async move { c.fetch(get(&first_url)).await });
            while raw.paths().is_empty() {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let mut waiting = Vec::new();
            for (name, priority) in [("low", 1u32), ("high", 9), ("mid", 5), ("high2", 9)] {
                let c = client.clone();
                let mut req = get(&raw.url(&format!("/{name}")));
                req.options.priority = priority;
                waiting.push(tokio::task::spawn_local(async move { c.fetch(req).await }));
                // Let it reach the queue before the next one is made.
                for _ in 0..10 {
                    tokio::task::yield_now().await;
                }
            }
            raw.release();
            assert_eq!(first.await.unwrap().unwrap().status(), StatusCode::OK);
            for w in waiting {
                assert_eq!(w.await.unwrap().unwrap().status(), StatusCode::OK);
            }
        })
        .await;
    assert_eq!(raw.paths(), ["/first", "/high", "/high2", "/mid", "/low"]);
    assert_eq!(raw.accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_pooled_connection_the_server_closed_is_replaced() {
    // Answers keep-alive, then closes the socket behind the client's back.
    let raw = Raw::start(|_, _| Action::ReplyClose(ok("once")));
    let client = client();
    assert_eq!(fetch(&client, &raw.url("/a")).await.body, "once");
    // The pooled connection is dead now (the close may not have been seen yet).
    assert_eq!(fetch(&client, &raw.url("/b")).await.body, "once");
    assert_eq!(raw.accepted.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn idle_timeout_drops_idle_connections() {
    let server = TestServer::start();
    let client = Client::builder()
        .pool_idle_timeout(Some(Duration::from_millis(50)))
        .build()
        .unwrap();
    fetch(&client, &format!("{}/get", server.http_url())).await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    fetch(&client, &format!("{}/get", server.http_url())).await;
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn requests_of_different_options_do_not_share_connections() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/get", server.http_url());
    fetch(&client, &url).await;
    let mut req = get(&url);
    req.options.max_header_bytes = 64 * 1024;
    client.fetch(req).await.unwrap();
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn a_shared_client_works_from_several_runtimes() {
    let server = TestServer::start();
    let client = client();
    let url = format!("{}/get", server.http_url());
    let mut threads = Vec::new();
    for _ in 0..4 {
        let (client, url) = (client.clone(), url.clone());
        threads.push(std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async { client.fetch(get(&url)).await.map(|r| r.status()) })
        }));
    }
    for t in threads {
        assert_eq!(t.join().unwrap().unwrap(), StatusCode::OK);
    }
    // The runtimes are gone, and their connections with them: still fine.
    assert_eq!(fetch(&client, &url).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn pool_timeout_bounds_the_wait_for_a_busy_origin() {
    let raw = Raw::start(|path, _| {
        if path == "/first" {
            Action::Hold(ok("first"))
        } else {
            Action::Reply(ok("next"))
        }
    });
    let client = Client::builder()
        .max_connections_per_host(1)
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let c = client.clone();
            let first_url = raw.url("/first");
            let first = tokio::task::spawn_local(async move { c.fetch(get(&first_url)).await });
            while raw.paths().is_empty() {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            // The only connection is busy: the wait for it gives up.
            let mut req = get(&raw.url("/waits"));
            req.options.pool_timeout = Some(Duration::from_millis(100));
            let err = client.fetch(req).await.unwrap_err();
            assert_eq!(err.kind(), jsrun_net::Kind::Timeout);
            assert!(
                err.to_string().contains("no connection free within 100 ms"),
                "{err}"
            );
            raw.release();
            assert_eq!(first.await.unwrap().unwrap().body, "first");
            // Once the connection is free the same option is no obstacle.
            let mut req = get(&raw.url("/after"));
            req.options.pool_timeout = Some(Duration::from_millis(100));
            assert_eq!(client.fetch(req).await.unwrap().body, "next");
        })
        .await;
    // The request that gave up never reached the server, and left no
    // waiter behind: the connection was reused.
    assert_eq!(raw.paths(), ["/first", "/after"]);
    assert_eq!(raw.accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn pool_timeout_covers_neither_connecting_nor_the_answer() {
    let server = TestServer::start();
    let client = client();
    // An answer slower than the pool timeout still arrives.
    let mut req = get(&format!("{}/delay/0.3", server.http_url()));
    req.options.pool_timeout = Some(Duration::from_millis(20));
    assert_eq!(client.fetch(req).await.unwrap().status(), StatusCode::OK);
    // A connection that cannot be opened fails by the connect timeout.
    let mut req = get(&format!("{}/", server.blackhole_url()));
    req.options.pool_timeout = Some(Duration::from_millis(20));
    req.options.connect_timeout = Some(Duration::from_millis(300));
    let err = client.fetch(req).await.unwrap_err();
    assert_eq!(err.kind(), jsrun_net::Kind::Timeout);
    assert!(err.to_string().contains("connect timeout"), "{err}");
}
