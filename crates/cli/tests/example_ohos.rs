//! The document's @ohos.net.http examples (`examples/ohos/*.ts`) run as
//! written, their `EXAMPLE_URL` being `http://example.test/anything`, which
//! `--connect-to` sends to the test server.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{env_vars, repo, TestServer};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs one example with the test server behind `example.test:80` and the
/// script folders (`getContext`, the response cache file) in the server's
/// temp dir.
fn run_example(server: &TestServer, name: &str) -> Run {
    let port = server
        .http_url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let connect_to = format!("example.test:80:127.0.0.1:{port}");
    let data_dir = server.temp_dir().join("ohos-data");
    let file = Path::new("examples/ohos").join(name);
    let mut child = Command::new(env!("CARGO_BIN_EXE_jsrun"))
        .arg("--connect-to")
        .arg(&connect_to)
        .arg(&file)
        .envs(env_vars(server))
        .env("JSRUN_DATA_DIR", &data_dir)
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start jsrun: {e}"));
    let start = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{name} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `name` and checks it exits 0 with every `expected` fragment in its
/// output, in order (stdout, then stderr: the document's examples log some
/// successes with `console.error`).
fn check(server: &TestServer, name: &str, expected: &[&str]) {
    let run = run_example(server, name);
    assert_eq!(
        run.code,
        Some(0),
        "{name} exited with {:?}\nstdout:\n{}\nstderr:\n{}",
        run.code,
        run.stdout,
        run.stderr
    );
    let all = format!("{}{}", run.stdout, run.stderr);
    let mut rest = all.as_str();
    for want in expected {
        match rest.find(want) {
            Some(i) => rest = &rest[i + want.len()..],
            None => panic!("{name}: {want:?} missing (or out of order) in:\n{all}"),
        }
    }
    if expected.is_empty() {
        assert_eq!(all, "", "{name} printed something");
    }
}

#[test]
fn the_full_example_posts_and_prints_the_response() {
    let server = TestServer::start();
    check(
        &server,
        "01_example.ts",
        &[
            "header: {\"content-length\":",
            "Result:\"{\\n  \\\"args\\\": {},",
            "\\\"data\\\": \\\"data to send\\\"",
            "\\\"method\\\": \\\"POST\\\"",
            "code:200",
            "type:0",
            "header:{\"content-length\":",
            "cookies:\"\"",
        ],
    );
}

#[test]
fn request_examples() {
    let server = TestServer::start();
    check(
        &server,
        "03_request_callback.ts",
        &[
            "Result:{",
            "\"method\": \"GET\"",
            "code:200",
            "type:0",
            "header:{",
            "cookies:",
        ],
    );
    check(
        &server,
        "04_request_options_callback.ts",
        &[
            "Result:{",
            "\"data\": \"data to send\"",
            "code:200",
            "type:0",
        ],
    );
    check(
        &server,
        "05_request_promise.ts",
        &[
            "Result:{",
            "\"contenttype\": \"application/json\"",
            "code:200",
            "header.content-Type:[object Object]",
            "header.Status-Line:[object Object]",
        ],
    );
}

#[test]
fn request_in_stream_examples() {
    let server = TestServer::start();
    check(
        &server,
        "07_request_in_stream_callback.ts",
        &["requestInStream OK! ResponseCode is 200"],
    );
    check(
        &server,
        "08_request_in_stream_options_callback.ts",
        &["requestInStream OK! ResponseCode is 200"],
    );
    check(
        &server,
        "09_request_in_stream_promise.ts",
        &["requestInStream OK!200"],
    );
}

#[test]
fn examples_that_only_set_things_up_print_nothing() {
    let server = TestServer::start();
    for name in [
        "00_import.ts",
        "02_create_http.ts",
        "06_destroy.ts",
        "10_on_header_receive.ts",
        "11_off_header_receive.ts",
        "12_on_headers_receive.ts",
        "13_off_headers_receive.ts",
        "14_once_headers_receive.ts",
        "15_on_data_receive.ts",
        "16_off_data_receive.ts",
        "17_on_data_end.ts",
        "18_off_data_end.ts",
        "19_on_data_receive_progress.ts",
        "20_off_data_receive_progress.ts",
        "21_on_data_send_progress.ts",
        "22_off_data_send_progress.ts",
        "23_create_http_response_cache.ts",
    ] {
        check(&server, name, &[]);
    }
}

#[test]
fn response_cache_examples() {
    let server = TestServer::start();
    check(&server, "24_flush_callback.ts", &["flush success"]);
    check(&server, "25_flush_promise.ts", &["flush success"]);
    check(&server, "26_delete_callback.ts", &["success"]);
    check(&server, "27_delete_promise.ts", &["success"]);
}

#[test]
fn every_example_of_the_folder_is_checked() {
    let dir = repo().join("examples/ohos");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ts"))
        .collect();
    names.sort();
    let source = include_str!("example_ohos.rs");
    for name in &names {
        assert!(
            source.contains(&format!("\"{name}\"")),
            "{name} is not checked"
        );
    }
    assert_eq!(names.len(), 28, "{names:?}");
}
