//! `proxyPreferredAuthSchemes: ["Digest"]` against a proxy that only takes
//! Digest: the test server's proxy speaks Basic only, so this scripted one
//! answers 407 with a Digest challenge and checks the answer's hash
//! (RFC 7616, MD5, qop=auth) before it replies for the target itself.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use jsrun_dirigible::{HttpClient, HttpClientAsync};
use jsrun_runtime::Runtime;
use md5::{Digest, Md5};

const REALM: &str = "digest-proxy";
const NONCE: &str = "5f2b0e";
const USER: &str = "puser";
const PASSWORD: &str = "p@ss";

/// What the proxy saw of each request: its target and its
/// Proxy-Authorization header, if any.
type Log = Arc<Mutex<Vec<(String, Option<String>)>>>;

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The parameters of a `Digest k=v, k="v"` header.
fn params(header: &str) -> Option<Vec<(String, String)>> {
    let rest = header.strip_prefix("Digest ")?;
    let mut out = Vec::new();
    let mut chars = rest.trim();
    while !chars.is_empty() {
        let (key, after) = chars.split_once('=')?;
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"')?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            match after.find(',') {
                Some(i) => (&after[..i], &after[i..]),
                None => (after, ""),
            }
        };
        out.push((key.trim().to_owned(), value.to_owned()));
        chars = next.trim_start_matches([',', ' ']);
    }
    Some(out)
}

/// True when `header` is a correct Digest answer for `method uri`.
fn valid(header: &str, method: &str) -> bool {
    let Some(p) = params(header) else {
        return false;
    };
    let get = |k: &str| {
        p.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    let ha1 = md5_hex(&format!("{USER}:{REALM}:{PASSWORD}"));
    let ha2 = md5_hex(&format!("{method}:{}", get("uri")));
    let expected = md5_hex(&format!(
        "{ha1}:{}:{}:{}:{}:{ha2}",
        get("nonce"),
        get("nc"),
        get("cnonce"),
        get("qop")
    ));
    get("username") == USER
        && get("realm") == REALM
        && get("nonce") == NONCE
        && get("qop") == "auth"
        && get("response") == expected
}

fn serve(stream: TcpStream, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut auth = None;
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((name, value)) = h.split_once(':') {
                if name.eq_ignore_ascii_case("proxy-authorization") {
                    auth = Some(value.trim().to_owned());
                } else if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; length];
        std::io::Read::read_exact(&mut reader, &mut body)?;
        let ok = auth.as_deref().is_some_and(|a| valid(a, &method));
        if let Ok(mut log) = log.lock() {
            log.push((target.clone(), auth));
        }
        if ok {
            let text = format!("via digest proxy: {target}");
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{text}",
                text.len()
            )?;
        } else {
            write!(
                out,
                "HTTP/1.1 407 Proxy Authentication Required\r\n\
                 Proxy-Authenticate: Digest realm=\"{REALM}\", nonce=\"{NONCE}\", qop=\"auth\", algorithm=MD5\r\n\
                 Content-Length: 0\r\n\r\n"
            )?;
        }
        out.flush()?;
    }
}

/// Starts the proxy; returns its port and its log.
fn start_proxy() -> (u16, Log) {
    let listener =
        TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("bind the proxy: {e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("proxy address: {e}"))
        .port();
    let log: Log = Arc::default();
    let seen = log.clone();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            thread::spawn(move || {
                let _ = serve(stream, &seen);
            });
        }
    });
    (port, log)
}

fn runtime() -> Runtime {
    Runtime::builder()
        .module(HttpClient)
        .module(HttpClientAsync)
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"))
}

fn logged(log: &Log) -> Vec<(String, Option<String>)> {
    log.lock().map(|l| l.clone()).unwrap_or_default()
}

#[test]
fn digest_preference_answers_the_proxy_challenge_and_sends_nothing_up_front() {
    let (port, log) = start_proxy();
    let mut rt = runtime();
    let code = format!(
        r#"
        const client = require("http/v4/client");
        const r = client.get("http://target.invalid/resource", {{
            proxyHost: "{USER}:{PASSWORD}@127.0.0.1", proxyPort: {port},
            authenticationEnabled: true, proxyPreferredAuthSchemes: ["Digest"],
        }});
        [r.statusCode, r.text]
        "#
    );
    let v = rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(
        v,
        serde_json::json!([200, "via digest proxy: http://target.invalid/resource"])
    );
    let seen = logged(&log);
    assert_eq!(seen.len(), 2, "challenge, then answer: {seen:?}");
    assert_eq!(seen[0].1, None, "no credentials before the challenge");
    assert!(
        seen[1]
            .1
            .as_deref()
            .is_some_and(|a| a.starts_with("Digest ")),
        "{seen:?}"
    );
}

#[test]
fn the_async_client_answers_the_digest_challenge_too() {
    let (port, log) = start_proxy();
    let mut rt = runtime();
    let code = format!(
        r#"
        const c = require("http/v4/clientAsync").getInstance();
        let out;
        c.getAsync("http://target.invalid/async", {{
            success: (r) => {{ out = [r.statusCode, r.text]; }},
            error: (e) => {{ out = e.message; }},
        }}, {{
            proxyHost: "{USER}:{PASSWORD}@127.0.0.1", proxyPort: {port},
            authenticationEnabled: true, proxyPreferredAuthSchemes: ["Digest"],
        }});
        c.execute();
        out
        "#
    );
    let v = rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(
        v,
        serde_json::json!([200, "via digest proxy: http://target.invalid/async"])
    );
    assert_eq!(logged(&log).len(), 2);
}

#[test]
fn basic_preference_is_refused_by_a_digest_proxy() {
    let (port, log) = start_proxy();
    let mut rt = runtime();
    let code = format!(
        r#"
        require("http/v4/client").get("http://target.invalid/basic", {{
            proxyHost: "{USER}:{PASSWORD}@127.0.0.1", proxyPort: {port},
            authenticationEnabled: true, proxyPreferredAuthSchemes: ["Basic"],
        }}).statusCode
        "#
    );
    let v = rt.eval(&code).unwrap_or_else(|e| panic!("eval: {e}"));
    assert_eq!(v, serde_json::json!(407));
    let seen = logged(&log);
    assert!(
        seen.first()
            .and_then(|(_, a)| a.as_deref())
            .is_some_and(|a| a.starts_with("Basic ")),
        "Basic went up front: {seen:?}"
    );
}
