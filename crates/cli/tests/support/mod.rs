//! Shared by the CLI's integration tests: a test server and a way to run the
//! `jsrun` binary against it with the `TESTSERVER_*` environment.

#![allow(dead_code, reason = "each test file uses a different part")]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub use jsrun_testserver::TestServer;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `TESTSERVER_*` variables JS fixtures and examples read.
pub fn env_vars(server: &TestServer) -> Vec<(String, String)> {
    server.fixture_env()
}

/// Runs `jsrun ARGS` with the server's environment, in the repository root,
/// killing it after `limit` (a hang is a failure, not a stuck CI job).
pub fn jsrun(server: &TestServer, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jsrun"))
        .args(args)
        .envs(env_vars(server))
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start jsrun: {e}"));
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let out = child
                    .wait_with_output()
                    .unwrap_or_else(|e| panic!("wait: {e}"));
                panic!(
                    "jsrun {args:?} did not finish within {limit:?}\nstdout:\n{}\nstderr:\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("wait: {e}"),
        }
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"))
}

/// Runs `jsrun test` on a fixture folder with the server's CA trusted and
/// asserts that every test passed; returns stdout.
pub fn run_fixture_dir(server: &TestServer, dir: &str, extra: &[&str]) -> String {
    let ca = server.ca_path().to_string_lossy().into_owned();
    let mut args = vec!["test", "--ca-file", ca.as_str()];
    args.extend_from_slice(extra);
    args.push(dir);
    let out = jsrun(server, &args, Duration::from_secs(600));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let last = stdout.lines().last().unwrap_or_default().to_owned();
    assert!(
        out.status.success() && last.ends_with(" passed, 0 failed") && !last.starts_with("0 passed"),
        "jsrun test {dir} failed (exit {:?}), last line {last:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status.code()
    );
    stdout
}
