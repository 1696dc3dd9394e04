//! The Dirigible document's example (`examples/dirigible/northwind.js`),
//! unchanged, against the test server's OData-like service: `--connect-to`
//! sends `services.odata.org:443` to the server's HTTPS port, whose
//! certificate also names `services.odata.org`, trusted with `--ca-file`.

mod support;

use std::time::Duration;

use support::{jsrun, TestServer};

/// What the example prints (on stderr, with `console.error`), one line per
/// entity set of the service, in completion order.
const EXPECTED: [&str; 8] = [
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Categories : 3",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Customers : 4",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Employees : 2",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Orders : 5",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Products : 6",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Regions : 1",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Shippers : 7",
    "https://services.odata.org/V4/Northwind/Northwind.svc/$metadata#Suppliers : 8",
];

#[test]
fn northwind_example_runs_as_written() {
    let server = TestServer::builder().tls_name("services.odata.org").build();
    let port = server
        .https_url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let connect_to = format!("services.odata.org:443:127.0.0.1:{port}");
    let ca = server.ca_path().to_string_lossy().into_owned();
    let out = jsrun(
        &server,
        &[
            "--connect-to",
            &connect_to,
            "--ca-file",
            &ca,
            "examples/dirigible/northwind.js",
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
    let mut lines: Vec<&str> = stderr.lines().filter(|l| !l.is_empty()).collect();
    lines.sort_unstable();
    assert_eq!(lines, EXPECTED, "stderr:\n{stderr}");
    assert!(stdout.trim().is_empty(), "stdout:\n{stdout}");
    // One service document plus one request per entity set reached the server.
    assert_eq!(server.requests(), 1 + EXPECTED.len() as u64);
}

#[test]
fn northwind_example_fails_cleanly_without_the_ca() {
    let server = TestServer::builder().tls_name("services.odata.org").build();
    let port = server
        .https_url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let connect_to = format!("services.odata.org:443:127.0.0.1:{port}");
    let out = jsrun(
        &server,
        &[
            "--connect-to",
            &connect_to,
            "examples/dirigible/northwind.js",
        ],
        Duration::from_secs(60),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("GET https://services.odata.org/V4/Northwind/Northwind.svc/?%24format=json failed: server certificate rejected"),
        "stderr:\n{stderr}"
    );
}
