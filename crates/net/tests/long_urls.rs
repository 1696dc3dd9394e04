//! Error messages show at most 2,000 characters of a URL (the whole one
//! stays in `Error::url`), and a URL too long to send says so.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

#[allow(unused_imports, reason = "the test server is not needed here")]
mod support;

use http::Method;
use jsrun_net::{Kind, Request};
use support::{client, get, Action, Raw};

#[test]
fn a_mebibyte_url_is_refused_as_too_long_in_a_short_message() {
    let url = format!("http://127.0.0.1:9/{}", "a".repeat(1024 * 1024));
    let err = Request::new(Method::GET, &url).expect_err("too long");
    assert_eq!(err.kind(), Kind::BadUrl);
    let message = err.to_string();
    assert!(message.len() < 3 * 1024, "{} bytes", message.len());
    assert!(
        message.contains("URL longer than 65,534 bytes"),
        "{}",
        &message[..200]
    );
    assert!(
        message.contains(&format!("… ({} bytes)", url.len())),
        "{}",
        &message[message.len() - 200..]
    );
    assert_eq!(err.url(), Some(url.as_str()), "the whole URL is kept");
    assert!(format!("{err:?}").len() < 3 * 1024, "Debug is short too");
}

#[test]
fn an_unparsable_long_url_is_quoted_short() {
    let url = format!("http://[::1/{}", "b".repeat(200_000));
    let err = Request::new(Method::GET, &url).expect_err("bad");
    assert_eq!(err.kind(), Kind::BadUrl);
    let message = err.to_string();
    assert!(message.len() < 3 * 1024, "{} bytes", message.len());
    assert!(message.contains("… (200012 bytes)"), "{message}");
}

#[tokio::test]
async fn errors_on_long_urls_that_were_sent_are_short() {
    // 60,000 bytes: under the limit, so it is sent; the server hangs up.
    let server = Raw::start(|_, _| Action::Drop);
    let url = server.url(&format!("/{}", "c".repeat(60_000)));
    let err = client().fetch(get(&url)).await.expect_err("dropped");
    let message = err.to_string();
    assert!(
        message.len() < 3 * 1024,
        "{} bytes: {}",
        message.len(),
        &message[..200]
    );
    assert!(
        message.contains(&format!("… ({} bytes))", url.len())),
        "{}",
        &message[..100]
    );
    assert_eq!(err.url(), Some(url.as_str()));
    // A short URL is shown whole, as before.
    let short = server.url("/short");
    let err = client().fetch(get(&short)).await.expect_err("dropped");
    assert!(err.to_string().ends_with(&format!("({short})")), "{err}");
}

#[tokio::test]
async fn a_long_bad_redirect_location_is_shown_short() {
    let location = format!("http://exa mple.com/{}", "d".repeat(50_000));
    let reply = format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n");
    let server = Raw::start(move |_, _| Action::Reply(reply.clone().into_bytes()));
    let err = client()
        .fetch(get(&server.url("/")))
        .await
        .expect_err("bad location");
    assert_eq!(err.kind(), Kind::WeirdReply, "{err}");
    let message = err.to_string();
    assert!(message.len() < 3 * 1024, "{} bytes", message.len());
    assert!(
        message.contains(&format!("… ({} bytes)", location.len())),
        "{message}"
    );
}
