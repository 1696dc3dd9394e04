//! Shared helpers of the integration tests: a client, request shorthands,
//! and a scripted raw HTTP/1.1 server for what the test server cannot show
//! (which socket was closed, in which order requests arrived).

#![allow(dead_code, reason = "each test file uses a different part")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

pub mod auth_proxy;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::Method;
use jsrun_net::{Client, Request, Response};
pub use jsrun_testserver::TestServer;

/// A client with the defaults.
pub fn client() -> Client {
    Client::new().expect("default client")
}

/// A GET request for `url`.
pub fn get(url: &str) -> Request {
    Request::new(Method::GET, url).expect("valid URL")
}

/// Runs a GET with `client` and returns the response.
pub async fn fetch(client: &Client, url: &str) -> Response {
    client
        .fetch(get(url))
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}

/// The JSON of a response body.
pub fn json(resp: &Response) -> serde_json::Value {
    serde_json::from_slice(&resp.body)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&resp.body)))
}

/// Waits (up to 10 s, polling, letting the runtime run) until `cond` holds;
/// false if it never did.
pub async fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end {
        if cond() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    cond()
}

/// What the raw server does with one request.
#[derive(Clone, Debug)]
pub enum Action {
    /// Write these bytes, keep the connection for the next request.
    Reply(Vec<u8>),
    /// Write these bytes and close.
    ReplyClose(Vec<u8>),
    /// Never answer; keep reading until the client closes.
    Hang,
    /// Wait until [`Raw::release`] is called, then reply this.
    Hold(Vec<u8>),
    /// Close as soon as the head is read, leaving any body unread.
    Drop,
}

/// A plain `200 OK` with a body, keep-alive.
pub fn ok(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

type Script = dyn Fn(&str, &str) -> Action + Send + Sync;

/// A raw HTTP/1.1 server on a thread: reads request heads (and
/// `Content-Length` bodies), answers per its script, and records what happened.
pub struct Raw {
    pub addr: SocketAddr,
    /// Request targets, in arrival order.
    pub paths: Arc<Mutex<Vec<String>>>,
    pub accepted: Arc<AtomicUsize>,
    /// Connections the client closed (EOF or error seen by the server).
    pub closed: Arc<AtomicUsize>,
    release: Arc<(Mutex<bool>, std::sync::Condvar)>,
}

impl Raw {
    /// Starts a server; `script(path, head)` decides each answer.
    pub fn start(script: impl Fn(&str, &str) -> Action + Send + Sync + 'static) -> Raw {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let script: Arc<Script> = Arc::new(script);
        let paths = Arc::new(Mutex::new(Vec::new()));
        let accepted = Arc::new(AtomicUsize::new(0));
        let closed = Arc::new(AtomicUsize::new(0));
        let release = Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        let (p, a, c, r) = (
            paths.clone(),
            accepted.clone(),
            closed.clone(),
            release.clone(),
        );
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                a.fetch_add(1, Ordering::SeqCst);
                let (script, p, c, r) = (script.clone(), p.clone(), c.clone(), r.clone());
                std::thread::spawn(move || serve(stream, &*script, &p, &c, &r));
            }
        });
        Raw {
            addr,
            paths,
            accepted,
            closed,
            release,
        }
    }

    /// `http://127.0.0.1:PORT` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Lets every held request answer.
    pub fn release(&self) {
        let (lock, cv) = &*self.release;
        *lock.lock().unwrap() = true;
        cv.notify_all();
    }

    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

fn serve(
    mut tcp: TcpStream,
    script: &Script,
    paths: &Mutex<Vec<String>>,
    closed: &AtomicUsize,
    release: &(Mutex<bool>, std::sync::Condvar),
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // Read one head.
        let end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match tcp.read(&mut chunk) {
                Ok(0) | Err(_) => {
                    closed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        let path = head.split(' ').nth(1).unwrap_or("/").to_string();
        let action = script(&path, &head);
        if let Action::Drop = action {
            paths.lock().unwrap().push(path);
            return;
        }
        while buf.len() < end + length {
            match tcp.read(&mut chunk) {
                Ok(0) | Err(_) => {
                    closed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        buf.drain(..end + length);
        paths.lock().unwrap().push(path);
        match action {
            Action::Drop => return,
            Action::Reply(bytes) => {
                if tcp.write_all(&bytes).is_err() {
                    closed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
            Action::ReplyClose(bytes) => {
                let _ = tcp.write_all(&bytes);
                return;
            }
            Action::Hang => {
                while matches!(tcp.read(&mut chunk), Ok(n) if n > 0) {}
                closed.fetch_add(1, Ordering::SeqCst);
                return;
            }
            Action::Hold(bytes) => {
                let (lock, cv) = release;
                let mut released = lock.lock().unwrap();
                while !*released {
                    released = cv.wait(released).unwrap();
                }
                drop(released);
                if tcp.write_all(&bytes).is_err() {
                    closed.fetch_add(1, Ordering::SeqCst);
                    return;
                }
            }
        }
    }
}
