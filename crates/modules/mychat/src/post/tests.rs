use std::time::Duration;

use super::*;

#[test]
fn header_lines_split_on_crlf() {
    let h = parse_headers("Content-Type: application/json\r\nAccept: application/json")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        h,
        [
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Accept".to_owned(), "application/json".to_owned())
        ]
    );
}

#[test]
fn empty_lines_bare_lf_and_colons_in_values() {
    let h = parse_headers("\r\nX-A: 1\nX-Time: 12:30:00\r\n\r\n").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(h.len(), 2);
    assert_eq!(h[1], ("X-Time".to_owned(), "12:30:00".to_owned()));
    assert!(parse_headers("")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
}

#[test]
fn a_line_without_a_name_is_an_error() {
    for bad in ["no colon here", ": value", "X-A: 1\r\nbroken"] {
        match parse_headers(bad) {
            Err(e @ Error::BadHeader { .. }) => assert_eq!(e.code(), 43),
            other => panic!("{bad:?} gave {other:?}"),
        }
    }
}

#[test]
fn the_request_is_a_post_with_synapse_agent_and_the_timeout() {
    let req = request(
        "http://h/post",
        "{}",
        "Accept: a",
        Duration::from_millis(1500),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(req.method, Method::POST);
    assert_eq!(req.options.total_timeout, Some(Duration::from_millis(1500)));
    assert_eq!(req.options.redirects, Redirects::None);
    let agent: Vec<_> = req
        .headers
        .iter()
        .filter(|(n, _)| n == "user-agent")
        .collect();
    assert_eq!(agent.len(), 1);
    assert_eq!(agent[0].1, USER_AGENT);
    let own = request("http://h/", "", "User-Agent: mine", Duration::from_secs(1))
        .unwrap_or_else(|e| panic!("{e}"));
    let agents: Vec<_> = own
        .headers
        .iter()
        .filter(|(n, _)| n == "user-agent")
        .map(|(_, v)| v.clone())
        .collect();
    assert_eq!(agents, ["mine"]);
}

#[test]
fn error_entries_are_json_with_code_message_and_url() {
    let e = match request("not a url", "", "", Duration::from_secs(1)) {
        Err(e) => e,
        Ok(_) => panic!("accepted a bad URL"),
    };
    let entry: serde_json::Value =
        serde_json::from_str(&e.entry("not a url")).unwrap_or_else(|e| panic!("{e}"));
    let inner = &entry["httppost_async_error"];
    assert_eq!(inner["code"], 3);
    assert_eq!(inner["url"], "not a url");
    assert!(inner["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("invalid URL")));
}

#[test]
fn passwords_stay_out_of_entries() {
    assert_eq!(without_password("http://u:secret@h/p"), "http://u:***@h/p");
    assert_eq!(without_password("http://h/p"), "http://h/p");
}
