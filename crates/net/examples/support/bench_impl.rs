//! The benchmark itself, shared by `bench.rs` (the system allocator) and
//! `bench_mimalloc.rs` (mimalloc, the allocator of the jsrun binary).

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::Method;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use jsrun_net::{Body, Client, Event, Interest, Request};

type Bare = hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>;

fn env_usize(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A private nginx on a free port, killed on drop.
struct Nginx {
    child: Child,
    dir: std::path::PathBuf,
    base: String,
}

impl Nginx {
    fn start() -> Option<Nginx> {
        let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]
            .into_iter()
            .find(|p| std::path::Path::new(p).exists())?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let dir = std::env::temp_dir().join(format!("jsrun-net-bench-{}", std::process::id()));
        let www = dir.join("www");
        std::fs::create_dir_all(&www).ok()?;
        let pattern: Vec<u8> = (0..1024u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(www.join("1k.bin"), &pattern).ok()?;
        std::fs::write(www.join("1m.bin"), pattern.repeat(1024)).ok()?;
        // Sparse: 1 GiB of zeros costs no disk.
        std::fs::File::create(www.join("1g.bin"))
            .ok()?
            .set_len(1 << 30)
            .ok()?;
        let d = dir.display();
        let conf = format!(
            "daemon off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log warn;
events {{ worker_connections 4096; use epoll; }}
http {{ access_log off; server_tokens off; default_type application/octet-stream;
  sendfile on; tcp_nopush on; tcp_nodelay on; keepalive_timeout 75s; keepalive_requests 100000;
  client_body_temp_path {d}/cb; proxy_temp_path {d}/p; fastcgi_temp_path {d}/f;
  uwsgi_temp_path {d}/u; scgi_temp_path {d}/s;
  server {{ listen 127.0.0.1:{port} backlog=4096; root {d}/www;
    location = /echo {{ client_max_body_size 1m; client_body_buffer_size 64k;
      default_type application/json; return 200 '{{\"ok\":true}}'; }}
    location / {{ try_files $uri =404; }} }} }}"
        );
        std::fs::write(dir.join("nginx.conf"), conf).ok()?;
        let child = Command::new(nginx)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(Nginx { child, dir, base });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Who {
    Bare,
    Engine,
    EngineStream,
    /// `fetch_into` a fresh `Vec` (a binding assembling into its own memory).
    EngineInto,
    /// `fetch`, then a copy into a fresh `Vec` (a binding copying the body out).
    EngineCopy,
}

struct Counters {
    next: AtomicUsize,
    ok: AtomicUsize,
    errors: AtomicUsize,
    bytes: AtomicU64,
}

/// CPU time of this thread so far (scheduler statistics, nanosecond resolution).
fn thread_cpu() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(
        s.split_whitespace()
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    )
}

async fn run(who: Who, workload: &str, n: usize, c: usize, base: &str) -> (f64, usize, u64) {
    let path = match workload {
        "W1" => "/1k.bin",
        "W2" => "/echo",
        _ => "/1m.bin",
    };
    let url = format!("{base}{path}");
    let uri: hyper::Uri = url.parse().unwrap();
    let payload = Bytes::from(format!("{{\"data\":\"{}\"}}", "x".repeat(1024 - 11)));
    let post = workload == "W2";
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let bare: Bare = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(c)
        .build(connector);
    let engine = Client::new().unwrap();
    let counters = Arc::new(Counters {
        next: AtomicUsize::new(0),
        ok: AtomicUsize::new(0),
        errors: AtomicUsize::new(0),
        bytes: AtomicU64::new(0),
    });
    let t0 = Instant::now();
    let mut tasks = Vec::with_capacity(c);
    for _ in 0..c {
        let (bare, engine, counters) = (bare.clone(), engine.clone(), counters.clone());
        let (url, uri, payload) = (url.clone(), uri.clone(), payload.clone());
        tasks.push(tokio::spawn(async move {
            while counters.next.fetch_add(1, Ordering::Relaxed) < n {
                let result = match who {
                    Who::Bare => bare_one(&bare, &uri, post, &payload).await,
                    _ => engine_one(&engine, &url, post, &payload, who).await,
                };
                match result {
                    Some((200, len)) => {
                        counters.ok.fetch_add(1, Ordering::Relaxed);
                        counters.bytes.fetch_add(len, Ordering::Relaxed);
                    }
                    _ => {
                        counters.errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let secs = t0.elapsed().as_secs_f64();
    (
        secs,
        counters.errors.load(Ordering::Relaxed),
        counters.bytes.load(Ordering::Relaxed),
    )
}

async fn bare_one(
    client: &Bare,
    uri: &hyper::Uri,
    post: bool,
    payload: &Bytes,
) -> Option<(u16, u64)> {
    let req = if post {
        http::Request::builder()
            .method(Method::POST)
            .uri(uri.clone())
            .header("content-type", "application/json")
            .body(Full::new(payload.clone()))
            .ok()?
    } else {
        http::Request::builder()
            .uri(uri.clone())
            .body(Full::new(Bytes::new()))
            .ok()?
    };
    let resp = client.request(req).await.ok()?;
    let status = resp.status().as_u16();
    let mut body = resp.into_body();
    let mut n = 0u64;
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.ok()?.into_data() {
            n += data.len() as u64;
        }
    }
    Some((status, n))
}

async fn engine_one(
    client: &Client,
    url: &str,
    post: bool,
    payload: &Bytes,
    who: Who,
) -> Option<(u16, u64)> {
    let mut req = Request::new(if post { Method::POST } else { Method::GET }, url).ok()?;
    if post {
        req.add_header("content-type", "application/json").ok()?;
        req.body = Body::Bytes(payload.clone());
    }
    if who == Who::EngineInto {
        let mut buf: Vec<u8> = Vec::new();
        let resp = client.fetch_into(req, &mut buf).await.ok()?;
        return Some((
            resp.head.status.as_u16(),
            std::hint::black_box(buf).len() as u64,
        ));
    }
    if who == Who::EngineCopy {
        let resp = client.fetch(req).await.ok()?;
        let mut copy: Vec<u8> = Vec::with_capacity(resp.body.len());
        copy.extend_from_slice(&resp.body);
        return Some((
            resp.head.status.as_u16(),
            std::hint::black_box(copy).len() as u64,
        ));
    }
    if who == Who::EngineStream {
        req.options.interest = Interest {
            data: true,
            ..Interest::NONE
        };
        let mut n = 0u64;
        let resp = client
            .execute(req, |ev: Event<'_>| {
                if let Event::Data(d) = ev {
                    n += d.len() as u64;
                }
            })
            .await
            .ok()?;
        return Some((resp.head.status.as_u16(), n));
    }
    let resp = client.fetch(req).await.ok()?;
    Some((resp.head.status.as_u16(), resp.body.len() as u64))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Peak RSS since the last reset, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn stream_1g(base: &str) {
    let client = Client::new().unwrap();
    let mut req = Request::new(Method::GET, &format!("{base}/1g.bin")).unwrap();
    req.options.interest = Interest {
        data: true,
        ..Interest::NONE
    };
    reset_peak_rss();
    let before = peak_rss_mib();
    let t0 = Instant::now();
    let mut n = 0u64;
    let resp = client
        .execute(req, |ev: Event<'_>| {
            if let Event::Data(d) = ev {
                n += d.len() as u64;
            }
        })
        .await;
    let secs = t0.elapsed().as_secs_f64();
    let status = resp.map(|r| r.head.status.as_u16()).unwrap_or(0);
    println!(
        "STREAM  1 GiB via execute+data: status {status}, {n} bytes, {:.0} MB/s, peak RSS {:.1} MiB (at start {:.1} MiB)",
        n as f64 / 1e6 / secs,
        peak_rss_mib(),
        before
    );
}

pub fn main() {
    let mut workloads: Vec<String> = std::env::args().skip(1).collect();
    if workloads.is_empty() {
        workloads = ["W1", "W2", "W3", "STREAM"].map(String::from).to_vec();
    }
    let rounds = env_usize("ROUNDS", 3).max(1);
    let nginx = if std::env::var("BENCH_URL").is_ok() {
        None
    } else {
        Nginx::start()
    };
    let base = match (&nginx, std::env::var("BENCH_URL")) {
        (Some(n), _) => n.base.clone(),
        (None, Ok(url)) => url,
        (None, Err(_)) => {
            eprintln!("nginx not found: install it or set BENCH_URL");
            std::process::exit(2);
        }
    };
    let rt = if std::env::var("RT").as_deref() == Ok("mt") {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    }
    .unwrap();
    println!("server {base}, {rounds} rounds, medians");
    for w in &workloads {
        if w == "STREAM" {
            rt.block_on(stream_1g(&base));
            continue;
        }
        let (n, c) = match w.as_str() {
            "W1" => (env_usize("N1", 20_000), env_usize("C1", 64)),
            "W2" => (env_usize("N2", 20_000), env_usize("C2", 64)),
            "W3" => (env_usize("N3", 200), env_usize("C3", 8)),
            other => {
                eprintln!("unknown workload {other}");
                continue;
            }
        };
        let mut who = vec![Who::Bare, Who::Engine];
        if w == "W3" {
            who.extend([Who::EngineStream, Who::EngineInto, Who::EngineCopy]);
        }
        if let Ok(only) = std::env::var("ONLY") {
            who.retain(|x| match x {
                Who::Bare => only == "bare",
                Who::Engine => only == "engine" || only == "fetch",
                Who::EngineStream => only == "engine" || only == "stream",
                Who::EngineInto => only == "engine" || only == "into",
                Who::EngineCopy => only == "engine" || only == "copy",
            });
        }
        let mut rate: Vec<Vec<f64>> = vec![Vec::new(); who.len()];
        let mut cpu: Vec<Vec<f64>> = vec![Vec::new(); who.len()];
        let mut errors = vec![0usize; who.len()];
        for _ in 0..rounds {
            for (i, &x) in who.iter().enumerate() {
                let cpu0 = thread_cpu();
                let (secs, errs, bytes) = rt.block_on(run(x, w, n, c, &base));
                cpu[i].push((thread_cpu() - cpu0).as_secs_f64() * 1e6 / n as f64);
                errors[i] += errs;
                rate[i].push(if w == "W3" {
                    bytes as f64 / 1e6 / secs
                } else {
                    n as f64 / secs
                });
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        let unit = if w == "W3" { "MB/s" } else { "req/s" };
        let base_rate = median(rate[0].clone());
        for (i, x) in who.iter().enumerate() {
            let name = match x {
                Who::Bare => "bare hyper-util",
                Who::Engine => "jsrun-net fetch",
                Who::EngineStream => "jsrun-net stream",
                Who::EngineInto => "jsrun-net into",
                Who::EngineCopy => "fetch + copy",
            };
            let m = median(rate[i].clone());
            let all: Vec<String> = rate[i].iter().map(|r| format!("{r:.0}")).collect();
            println!(
                "{w} n={n} c={c}  {name:<17} {m:>10.0} {unit}  ({:.3}x)  CPU {:.2} us/req  errors {}  rounds [{}]",
                m / base_rate,
                median(cpu[i].clone()),
                errors[i],
                all.join(", ")
            );
        }
    }
    drop(nginx);
}
