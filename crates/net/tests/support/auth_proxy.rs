//! A scripted HTTP proxy that wants credentials: it challenges with Digest
//! and/or Basic (407), checks the answer (the Digest response is computed
//! here, with the `uri` required to be the request target as sent), answers
//! absolute-form requests itself and relays CONNECT tunnels to their target.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use md5::{Digest, Md5};

pub const USER: &str = "puser";
pub const PASS: &str = "ppass";
const REALM: &str = "jsrun-proxy";
const NONCE: &str = "5ccc069c403ebaf9f0171e9517f40e41";

/// What the proxy offers and how it behaves after a 407.
#[derive(Clone, Copy, Debug)]
pub struct Script {
    pub digest: bool,
    pub basic: bool,
    /// Close the connection after each 407 (the client must reconnect).
    pub close_after_407: bool,
}

pub struct AuthProxy {
    pub addr: SocketAddr,
    /// Every `Proxy-Authorization` received, `""` for a request without one.
    pub authorizations: Arc<Mutex<Vec<String>>>,
    pub accepted: Arc<AtomicUsize>,
}

impl AuthProxy {
    pub fn start(script: Script) -> AuthProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let authorizations = Arc::new(Mutex::new(Vec::new()));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (seen, count) = (authorizations.clone(), accepted.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, script, &seen));
            }
        });
        AuthProxy {
            addr,
            authorizations,
            accepted,
        }
    }

    /// `http://127.0.0.1:PORT`, for `Proxy::parse`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn authorizations(&self) -> Vec<String> {
        self.authorizations.lock().unwrap().clone()
    }
}

fn serve(mut tcp: TcpStream, script: Script, seen: &Mutex<Vec<String>>) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match tcp.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        let mut words = head.split(' ');
        let method = words.next().unwrap_or_default().to_string();
        let target = words.next().unwrap_or_default().to_string();
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < end + length {
            match tcp.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..end + length);
        let authorization = header("proxy-authorization").unwrap_or_default();
        seen.lock().unwrap().push(authorization.clone());
        if !authorized(&authorization, &method, &target, script) {
            let mut reply = String::from("HTTP/1.1 407 Proxy Authentication Required\r\n");
            if script.digest {
                reply.push_str(&format!(
                    "Proxy-Authenticate: Digest realm=\"{REALM}\", nonce=\"{NONCE}\", qop=\"auth\", algorithm=MD5\r\n"
                ));
            }
            if script.basic {
                reply.push_str(&format!("Proxy-Authenticate: Basic realm=\"{REALM}\"\r\n"));
            }
            if script.close_after_407 {
                reply.push_str("Connection: close\r\n");
            }
            reply.push_str("Content-Length: 5\r\n\r\nauth\n");
            if tcp.write_all(reply.as_bytes()).is_err() || script.close_after_407 {
                return;
            }
            continue;
        }
        if method == "CONNECT" {
            let Ok(upstream) = TcpStream::connect(target.as_str()) else {
                let _ = tcp.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                return;
            };
            if tcp
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .is_err()
            {
                return;
            }
            relay(tcp, upstream);
            return;
        }
        let body = format!("proxied {target}");
        let reply = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if tcp.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn relay(client: TcpStream, upstream: TcpStream) {
    let (Ok(mut client_r), Ok(mut upstream_w)) = (client.try_clone(), upstream.try_clone()) else {
        return;
    };
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_r, &mut upstream_w);
        let _ = upstream_w.shutdown(Shutdown::Write);
    });
    let (mut upstream_r, mut client_w) = (upstream, client);
    let _ = std::io::copy(&mut upstream_r, &mut client_w);
    let _ = client_w.shutdown(Shutdown::Write);
    let _ = up.join();
}

fn md5_hex(s: &str) -> String {
    Md5::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `k=v, k="v"` parameters of a Digest answer.
fn params(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some((name, after)) = rest.split_once('=') else {
            break;
        };
        let (value, after) = if let Some(quoted) = after.strip_prefix('"') {
            let close = quoted.find('"').unwrap_or(quoted.len());
            (&quoted[..close], quoted.get(close + 1..).unwrap_or(""))
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((name.trim().to_ascii_lowercase(), value.to_string()));
        rest = after.trim_start_matches([',', ' ']);
    }
    out
}

fn authorized(value: &str, method: &str, target: &str, script: Script) -> bool {
    if let Some(token) = value.strip_prefix("Basic ") {
        let expected = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASS}"));
        return script.basic && token == expected;
    }
    let Some(rest) = value.strip_prefix("Digest ") else {
        return false;
    };
    let p = params(rest);
    let get = |k: &str| {
        p.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    if !script.digest || get("username") != USER || get("nonce") != NONCE || get("uri") != target {
        return false;
    }
    let ha1 = md5_hex(&format!("{USER}:{REALM}:{PASS}"));
    let ha2 = md5_hex(&format!("{method}:{target}"));
    let expected = md5_hex(&format!(
        "{ha1}:{NONCE}:{}:{}:auth:{ha2}",
        get("nc"),
        get("cnonce")
    ));
    get("qop") == "auth" && get("response") == expected
}
