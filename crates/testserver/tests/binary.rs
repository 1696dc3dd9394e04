//! The `testserver` binary prints its addresses as one JSON line and stops when stdin closes;
//! with `-- COMMAND` it runs the command in the fixtures' environment.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn prints_json_line_and_stops_on_stdin_close() {
    let ca_out =
        std::env::temp_dir().join(format!("jsrun-testserver-ca-{}.pem", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_testserver"))
        .args([
            "--until-stdin-closes",
            "--tls-name",
            "services.odata.org",
            "--ca-out",
        ])
        .arg(&ca_out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn testserver");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read line");
    let v: serde_json::Value = serde_json::from_str(&line).expect("json line");
    let http = v["http"].as_str().expect("http url").to_string();
    for key in ["https", "bad", "proxy", "proxy_auth", "mtls", "dns", "ca"] {
        assert!(v[key].is_string(), "missing {key} in {line}");
    }
    let res = support::get(&http, "/status/202");
    assert_eq!(res.status, 202);
    let ca = std::fs::read_to_string(&ca_out).expect("ca-out written");
    assert!(ca.contains("BEGIN CERTIFICATE"));
    let _ = std::fs::remove_file(&ca_out);
    drop(child.stdin.take());
    let status = child.wait().expect("wait");
    assert!(status.success());
}

#[test]
fn runs_a_command_with_the_fixture_environment_and_passes_its_status_on() {
    let out = Command::new(env!("CARGO_BIN_EXE_testserver"))
        .args([
            "--",
            "sh",
            "-c",
            "echo \"$TESTSERVER_HTTP $TESTSERVER_CA\"; exit 3",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run testserver");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace();
    let http = parts.next().expect("TESTSERVER_HTTP printed");
    assert!(http.starts_with("http://127.0.0.1:"), "{text}");
    let ca = parts.next().expect("TESTSERVER_CA printed");
    assert!(ca.ends_with(".pem"), "{text}");
}

#[test]
fn a_missing_command_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_testserver"))
        .arg("--")
        .stdin(Stdio::null())
        .output()
        .expect("run testserver");
    assert_eq!(out.status.code(), Some(2));
}
