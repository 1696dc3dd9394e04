//! The cookie-jar hook: asked on every hop, told every Set-Cookie.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

mod support;

use std::sync::{Arc, Mutex};

use http::{HeaderValue, StatusCode};
use jsrun_net::url::Url;
use jsrun_net::CookieJar;
use support::{client, get, json, ok, Action, Raw, TestServer};

/// A jar keyed by host alone, recording what it was asked and told.
#[derive(Default)]
struct TestJar {
    cookies: Mutex<Vec<(String, String)>>,
    asked: Mutex<Vec<String>>,
    told: Mutex<Vec<(String, Vec<String>)>>,
}

impl TestJar {
    fn with(host: &str, pairs: &[&str]) -> TestJar {
        let jar = TestJar::default();
        for p in pairs {
            jar.cookies.lock().unwrap().push((host.into(), (*p).into()));
        }
        jar
    }
}

impl CookieJar for TestJar {
    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        self.asked.lock().unwrap().push(url.to_string());
        let host = url.host_str().unwrap_or_default();
        let all: Vec<String> = self
            .cookies
            .lock()
            .unwrap()
            .iter()
            .filter(|(h, _)| h == host)
            .map(|(_, c)| c.clone())
            .collect();
        (!all.is_empty()).then(|| HeaderValue::try_from(all.join("; ")).unwrap())
    }

    fn store(&self, url: &Url, set_cookies: &mut dyn Iterator<Item = &HeaderValue>) {
        let values: Vec<String> = set_cookies
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        let host = url.host_str().unwrap_or_default().to_string();
        for v in &values {
            let pair = v.split(';').next().unwrap().trim().to_string();
            self.cookies.lock().unwrap().push((host.clone(), pair));
        }
        self.told
            .lock()
            .unwrap()
            .push((url.path().to_string(), values));
    }
}

#[tokio::test]
async fn cookies_set_by_a_redirect_reach_the_next_hop() {
    let server = TestServer::start();
    let jar = Arc::new(TestJar::default());
    let mut req = get(&format!("{}/cookies/set?a=1&b=2", server.http_url()));
    req.options.cookie_jar = Some(jar.clone());
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.url().path(), "/cookies");
    assert_eq!(
        json(&resp)["cookies"],
        serde_json::json!({"a": "1", "b": "2"})
    );
    // Asked for both hops; told about the redirect's two cookies only.
    let asked = jar.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].ends_with("/cookies"), "{asked:?}");
    let told = jar.told.lock().unwrap().clone();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "/cookies/set");
    assert_eq!(told[0].1.len(), 2);

    // Without a jar the redirect's cookies are lost (the engine keeps none).
    let resp = client()
        .fetch(get(&format!("{}/cookies/set?a=1", server.http_url())))
        .await
        .unwrap();
    assert_eq!(json(&resp)["cookies"], serde_json::json!({}));
}

fn cookie_lines(head: &str) -> Vec<String> {
    head.lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("cookie:"))
        .map(|l| l[7..].trim().to_string())
        .collect()
}

#[tokio::test]
async fn a_cookie_header_of_the_request_merges_after_the_first_redirect() {
    let heads: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let seen = heads.clone();
    let raw = Raw::start(move |path, head| {
        seen.lock()
            .unwrap()
            .push((path.to_string(), head.to_string()));
        let port = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("host: ")
                    .map(str::to_owned)
            })
            .and_then(|h| h.rsplit(':').next().map(|p| p.trim().to_string()))
            .unwrap_or_default();
        match path {
            "/start" => Action::Reply(
                b"HTTP/1.1 302 Found\r\nSet-Cookie: s=2; Path=/\r\nLocation: /same\r\nContent-Length: 0\r\n\r\n"
                    .to_vec(),
            ),
            "/same" => Action::Reply(
                format!(
                    "HTTP/1.1 302 Found\r\nLocation: http://localhost:{port}/other\r\nContent-Length: 0\r\n\r\n"
                )
                .into_bytes(),
            ),
            _ => Action::Reply(ok("done")),
        }
    });
    let jar = Arc::new(TestJar::with("127.0.0.1", &["pre=1"]));
    let mut req = get(&raw.url("/start"));
    req.add_header("Cookie", "own=x").unwrap();
    req.options.cookie_jar = Some(jar.clone());
    let resp = client().fetch(req).await.unwrap();
    assert_eq!(resp.body, "done");
    let heads = heads.lock().unwrap().clone();
    let by_path = |p: &str| {
        let (_, head) = heads.iter().find(|(path, _)| path == p).unwrap();
        cookie_lines(head)
    };
    // First hop: the request's own header as given, the jar not asked.
    assert_eq!(by_path("/start"), ["own=x"]);
    // Same origin after a redirect: one header, own first, then the jar's
    // (which learned s=2 from the redirect).
    assert_eq!(by_path("/same"), ["own=x; pre=1; s=2"]);
    // Another origin: the request's own cookie is dropped; the jar's cookies
    // for that host (none) are all that could go.
    assert!(by_path("/other").is_empty(), "{heads:?}");
    let asked = jar.asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[1].starts_with("http://localhost:"), "{asked:?}");
}
