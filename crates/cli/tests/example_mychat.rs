//! The MyChat document's example (`examples/mychat/PostMessageAsync.js`),
//! written in JS line for line, posting to the test server's `/post` (its
//! certificate also names `httpbin.org`; `--connect-to` sends the
//! connection there), and the `mLogScript` line form.

mod support;

use std::time::Duration;

use support::{jsrun, TestServer};

/// `[HH:MM:SS] (Log "<name>"): ` at the start of `line`: returns the rest.
fn after_log_prefix<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let b = line.as_bytes();
    let time_ok = b.len() > 10
        && b[0] == b'['
        && b[9] == b']'
        && [1, 2, 4, 5, 7, 8].iter().all(|&i| b[i].is_ascii_digit())
        && b[3] == b':'
        && b[6] == b':';
    if !time_ok {
        return None;
    }
    line[10..].strip_prefix(&format!(" (Log \"{name}\"): "))
}

fn is_guid(s: &str, upper: bool) -> bool {
    let inner = match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        Some(i) => i,
        None => return false,
    };
    let groups: Vec<&str> = inner.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && inner.chars().all(|c| {
            c == '-'
                || c.is_ascii_digit()
                || if upper {
                    ('A'..='F').contains(&c)
                } else {
                    ('a'..='f').contains(&c)
                }
        })
}

#[test]
fn post_message_async_example_logs_what_the_document_shows() {
    let server = TestServer::builder().tls_name("httpbin.org").build();
    let port = server
        .https_url()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned();
    let connect_to = format!("httpbin.org:443:127.0.0.1:{port}");
    let ca = server.ca_path().to_string_lossy().into_owned();
    let out = jsrun(
        &server,
        &[
            "--connect-to",
            &connect_to,
            "--ca-file",
            &ca,
            "examples/mychat/PostMessageAsync.js",
        ],
        Duration::from_secs(60),
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );

    // Log entries start with the prefix; the Result entry spans lines.
    let mut entries: Vec<String> = Vec::new();
    for line in stdout.lines() {
        match after_log_prefix(line, "PostMessageAsync") {
            Some(rest) => entries.push(rest.to_owned()),
            None => match entries.last_mut() {
                Some(last) => {
                    last.push('\n');
                    last.push_str(line);
                }
                None => panic!("output before the first log line:\n{stdout}"),
            },
        }
    }
    assert_eq!(entries.len(), 3, "stdout:\n{stdout}");

    // [Key] httppost_async{guid}ddmmyyyyhhnnsszzz
    let key = entries[0]
        .strip_prefix("[Key] httppost_async")
        .unwrap_or_else(|| panic!("{}", entries[0]));
    let (guid, stamp) = key.split_at(key.find('}').map_or(0, |i| i + 1));
    assert!(is_guid(guid, false), "{guid}");
    assert!(
        stamp.len() == 17 && stamp.bytes().all(|b| b.is_ascii_digit()),
        "{stamp}"
    );

    // [Result] the echo of the POST, JSON.
    let result = entries[1]
        .strip_prefix("[Result] ")
        .unwrap_or_else(|| panic!("{}", entries[1]));
    let echo: serde_json::Value =
        serde_json::from_str(result.trim_end()).unwrap_or_else(|e| panic!("{e}: {result}"));
    assert_eq!(echo["url"], "https://httpbin.org/post");
    assert_eq!(echo["headers"]["content-type"], "application/json");
    assert_eq!(echo["headers"]["accept"], "application/json");
    assert_eq!(
        echo["headers"]["user-agent"],
        "Mozilla/4.0 (compatible; Synapse)"
    );
    assert_eq!(echo["json"]["event"], "user_login");
    let request_id = echo["json"]["request_id"].as_str().unwrap_or_default();
    assert!(is_guid(request_id, true), "{request_id}");

    // [HTTP POST ASYNC] POST body accepted: {"request_id":"{…}","event":"user_login"}
    let expected = format!(
        "[HTTP POST ASYNC] POST body accepted: {{\"request_id\":\"{request_id}\",\"event\":\"user_login\"}}"
    );
    assert_eq!(entries[2], expected);
    assert_eq!(
        echo["data"].as_str(),
        expected.strip_prefix("[HTTP POST ASYNC] POST body accepted: ")
    );
}

#[test]
fn mlogscript_lines_name_the_script_and_the_label() {
    let server = TestServer::start();
    let out = jsrun(
        &server,
        &["crates/cli/tests/fixtures/mychat/log_lines.js"],
        Duration::from_secs(30),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let rest: Vec<&str> = lines
        .iter()
        .filter_map(|l| after_log_prefix(l, "log_lines"))
        .collect();
    assert_eq!(
        rest,
        ["[Label] some text", "no label", "42", "[Multi] two"],
        "{stdout}"
    );
    assert_eq!(lines.last().copied(), Some("lines"), "{stdout}");
}
