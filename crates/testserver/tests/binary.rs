//! The `testserver` binary prints its addresses as one JSON line and stops when stdin closes.

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
