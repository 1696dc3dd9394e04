//! The 4D document's HTTPRequest example (`examples/fourd/request.js`): an
//! options class with onResponse/onError, `HTTPRequest.new("www.google.com",
//! …)`, `wait()`. Offline, `--connect-to` sends `www.google.com:443` (the URL
//! has no scheme, so it is https) to the test server, whose certificate also
//! names `www.google.com`, trusted with `--ca-file`.

mod support;

use std::time::Duration;

use support::{jsrun, TestServer};

fn port(url: &str) -> String {
    url.rsplit(':').next().unwrap_or_default().to_owned()
}

#[test]
fn request_example_runs_as_written() {
    let server = TestServer::builder().tls_name("www.google.com").build();
    let connect_to = format!("www.google.com:443:127.0.0.1:{}", port(&server.https_url()));
    let ca = server.ca_path().to_string_lossy().into_owned();
    let out = jsrun(
        &server,
        &[
            "--connect-to",
            &connect_to,
            "--ca-file",
            &ca,
            "examples/fourd/request.js",
        ],
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "onResponse: response 200 OK",
            "url: https://www.google.com",
            "status: 200",
            "content-type: text/html; charset=utf-8",
            "body: string, 166 characters",
        ],
        "stderr:\n{stderr}"
    );
    assert_eq!(server.requests(), 1);
}

#[test]
fn request_example_reports_the_tls_error_without_the_ca() {
    let server = TestServer::builder().tls_name("www.google.com").build();
    let connect_to = format!("www.google.com:443:127.0.0.1:{}", port(&server.https_url()));
    let out = jsrun(
        &server,
        &["--connect-to", &connect_to, "examples/fourd/request.js"],
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stdout:\n{stdout}");
    let mut lines = stdout.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with("onError: error [{\"errCode\":60,"),
        "stdout:\n{stdout}"
    );
    assert!(
        lines
            .next()
            .unwrap_or_default()
            .starts_with("errors: 60 server certificate rejected"),
        "stdout:\n{stdout}"
    );
}
